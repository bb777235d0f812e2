"""Criterion statuses and verdicts, and every way they are put into words (Qt-free).

The values are the ``nkscreen evaluate`` contract (``"met"``, ``"not_eligible"``...); being
StrEnums they compare and serialise as those strings. Each surface words them its own way (a
failing status in capitals on paper, so it stands out in black and white), but all the words
live here: the UI translates them under the context :data:`WORDS_CONTEXT`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from nkscreen.core.frozen import Record

#: The Qt translation context of the words below (packaging/update_translations.py lists them).
WORDS_CONTEXT: Final = "words"


class CriterionStatus(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    #: An exclusion criterion that does not hold: the patient passes it.
    ABSENT = "absent"
    PRESENT = "present"
    UNKNOWN = "unknown"

    @property
    def failing(self) -> bool:
        return self in (CriterionStatus.NOT_MET, CriterionStatus.PRESENT)

    @property
    def passing(self) -> bool:
        return self in (CriterionStatus.MET, CriterionStatus.ABSENT)


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    INCOMPLETE = "incomplete"


class StatusWords(Record):
    #: In a sentence: "I4A not met: ...".
    plain: str
    #: On a badge on screen: "Not met".
    badge: str
    #: On paper and in lists of changes, failing ones in capitals: "NOT MET".
    printed: str
    #: The badge's symbol, so a status is never told by colour alone.
    symbol: str


STATUS_WORDS: Final[dict[str, StatusWords]] = {
    CriterionStatus.MET: StatusWords(plain="met", badge="Met", printed="Met", symbol="✓"),
    CriterionStatus.NOT_MET: StatusWords(
        plain="not met", badge="Not met", printed="NOT MET", symbol="✗"
    ),
    CriterionStatus.ABSENT: StatusWords(
        plain="absent", badge="Absent", printed="Absent", symbol="✓"
    ),
    CriterionStatus.PRESENT: StatusWords(
        plain="present", badge="Present", printed="PRESENT", symbol="✗"
    ),
    CriterionStatus.UNKNOWN: StatusWords(
        plain="unknown", badge="Unknown", printed="Unknown", symbol="?"
    ),
}
#: How a criterion that does not apply to this patient is shown (its ``status`` stays met/absent
#: in the ``nkscreen evaluate`` contract; only people see this one).
NOT_APPLICABLE: Final = "not_applicable"
SHOWN_WORDS: Final[dict[str, StatusWords]] = {
    NOT_APPLICABLE: StatusWords(plain="not applicable", badge="N/A", printed="N/A", symbol="–"),
}
VERDICT_WORDS: Final[dict[str, StatusWords]] = {
    Verdict.ELIGIBLE: StatusWords(
        plain="eligible", badge="ELIGIBLE", printed="ELIGIBLE", symbol="✓"
    ),
    Verdict.NOT_ELIGIBLE: StatusWords(
        plain="not eligible", badge="NOT ELIGIBLE", printed="NOT ELIGIBLE", symbol="✗"
    ),
    Verdict.INCOMPLETE: StatusWords(
        plain="incomplete", badge="INCOMPLETE", printed="INCOMPLETE", symbol="…"
    ),
}


def words(status: str) -> StatusWords | None:
    """The words of a criterion status or a verdict; None for anything else."""
    return STATUS_WORDS.get(status) or VERDICT_WORDS.get(status) or SHOWN_WORDS.get(status)


def shown_status(status: str, applicable: bool | None) -> str:
    """The status a person is shown: ``not_applicable`` where the criterion does not apply."""
    return NOT_APPLICABLE if applicable is False else status


def printed(status: str) -> str:
    """A status or verdict as printed ("NOT MET", "ELIGIBLE"); unknown text in capitals."""
    found = words(status)
    return found.printed if found is not None else status.upper()


def plain(status: str) -> str:
    found = words(status)
    return found.plain if found is not None else status


def emphasised(status: str) -> str:
    """In a list of changes: a failing status in capitals ("NOT MET"), others plain ("met")."""
    if status in (CriterionStatus.NOT_MET, CriterionStatus.PRESENT) or status in VERDICT_WORDS:
        return printed(status)
    return plain(status)


def tone(status: str) -> str:
    """``good``, ``bad`` or ``unknown``: the colour a status or verdict is shown in."""
    if status in (CriterionStatus.MET, CriterionStatus.ABSENT, Verdict.ELIGIBLE):
        return "good"
    if status in (CriterionStatus.NOT_MET, CriterionStatus.PRESENT, Verdict.NOT_ELIGIBLE):
        return "bad"
    if status == NOT_APPLICABLE:
        return "not_applicable"
    return "unknown"


def all_words() -> list[str]:
    """Every word above that a person reads, for the translation sources."""
    tables = (STATUS_WORDS, VERDICT_WORDS, SHOWN_WORDS)
    return sorted({w for t in tables for s in t.values() for w in (s.plain, s.badge, s.printed)})


__all__ = [
    "NOT_APPLICABLE",
    "SHOWN_WORDS",
    "STATUS_WORDS",
    "VERDICT_WORDS",
    "WORDS_CONTEXT",
    "CriterionStatus",
    "StatusWords",
    "Verdict",
    "all_words",
    "emphasised",
    "plain",
    "printed",
    "shown_status",
    "tone",
    "words",
]
