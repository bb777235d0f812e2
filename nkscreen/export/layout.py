"""The protocol's fields in the wizard's order, page by page, for the exported forms.

A REDCap form and a FHIR Questionnaire list the questions as the clinician met them in the
wizard (the same pages, the same titles), so a data manager comparing the EDC with a printout
finds each answer in the same place.
"""

from __future__ import annotations

from dataclasses import dataclass

from nkscreen.core.pages import wizard_pages
from nkscreen.core.protocol import Protocol
from nkscreen.report.appendix import page_title

OTHER_TITLE = "Other answers"


@dataclass(frozen=True, slots=True)
class FieldGroup:
    """One wizard page: its key (section or criterion id), title and field ids in order."""

    key: str
    title: str
    fields: tuple[str, ...]


def field_groups(protocol: Protocol) -> tuple[FieldGroup, ...]:
    """Every field exactly once: page by page (a lab's value, ULN and unit together), then
    any field no page asks (a protocol may define one for a later version)."""
    placed: set[str] = set()
    groups: list[FieldGroup] = []
    for page in wizard_pages(protocol):
        ids: list[str] = []
        for block in page.blocks:
            for lab in block.labs:
                unit = protocol.field_map[lab.value].unit_field
                ids += [f for f in (lab.value, lab.uln, unit) if f]
            ids += block.fields
        fresh = tuple(dict.fromkeys(f for f in ids if f not in placed))
        placed.update(fresh)
        if fresh:
            groups.append(FieldGroup(page.key, page_title(page), fresh))
    rest = tuple(f.id for f in protocol.fields if f.id not in placed)
    if rest:
        groups.append(FieldGroup("other", OTHER_TITLE, rest))
    return tuple(groups)


__all__ = ["FieldGroup", "field_groups"]
