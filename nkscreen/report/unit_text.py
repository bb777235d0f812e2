"""One unit formatter for everything printed: an answer's unit in clinical notation (µmol/L,
never the id ``umol/L`` that the answers keep), in the printout's language.

The appendix ("15 µmol/L / ULN 21") and an amendment's change lines ("Total bilirubin:
15 µmol/L -> 18 µmol/L") both go through :func:`answer_unit`, so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping

from nkscreen.core import display
from nkscreen.core.protocol import Protocol
from nkscreen.report.texts import ReportTexts


def answer_unit(
    protocol: Protocol, field_id: str, answers: Mapping[str, object], tx: ReportTexts
) -> str:
    """The unit of ``field_id``'s answer: its fixed unit, or the unit chosen beside it (""
    when none is chosen yet or the field has none)."""
    field = protocol.field_map.get(field_id)
    if field is None:
        return ""
    if field.unit_field:
        chosen = answers.get(field.unit_field)
        if chosen is None or chosen == "":
            return ""
        label = tx.protocol.choice_label(field.unit_field, chosen)
        return label or display.choice_label(protocol.field_map[field.unit_field], chosen)
    return tx.protocol.unit(field.unit or "")


def with_unit(value: str, unit: str) -> str:
    """ "15 µmol/L"; the value alone when there is no unit."""
    return f"{value} {unit}".strip()


__all__ = ["answer_unit", "with_unit"]
