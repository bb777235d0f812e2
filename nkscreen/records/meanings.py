"""What a signature means, in the words its signer was shown (Qt-free).

A signature's manifestation keeps the meaning as an id (``authorship``, ``review``,
``approval``: what the verifier, the exports and the printout's own words go by) and, beside
it, the statement the signer read before signing, in the language it was shown (21 CFR
11.50: what the signer declared, not a later rendering of it). So a record signed in Chinese
keeps its Chinese statement when it is opened, verified or printed in English, and the other
way round. Records signed before the window spoke Chinese hold the English statement and
verify as they always did.
"""

from __future__ import annotations

from typing import Final, Literal

# Here rather than beside the record models, so the window can name meanings without loading
# them (pydantic) at start-up; nkscreen.records.model takes both from here.
Meaning = Literal["authorship", "review", "approval"]

#: What each meaning declares, in English (the source; 21 CFR 11.50).
MEANING_STATEMENTS: Final[dict[str, str]] = {
    "authorship": "I performed this screening; this record is my work.",
    "review": "I reviewed this screening record.",
    "approval": "I approve this screening and confirm the eligibility verdict.",
}


#: The statement of each meaning, by language ("en" is the source: MEANING_STATEMENTS).
STATEMENTS: Final[dict[str, dict[str, str]]] = {
    "en": MEANING_STATEMENTS,
    "zh_CN": {
        "authorship": "本人完成了本次筛选；本记录为本人的工作。",
        "review": "本人已审核本筛选记录。",
        "approval": "本人批准本次筛选并确认入组资格结论。",
    },
}
#: Each meaning's name as the signer chooses it, by language (the printout uses the same).
NAMES: Final[dict[str, dict[str, str]]] = {
    "en": {"authorship": "Authorship", "review": "Review", "approval": "Approval"},
    "zh_CN": {"authorship": "作者", "review": "审核", "approval": "批准"},
}


def statement(meaning: Meaning, language: str) -> str:
    """The statement shown for ``meaning`` in ``language`` (English for a language without
    its own statements)."""
    return STATEMENTS.get(language, MEANING_STATEMENTS)[meaning]


def name(meaning: Meaning, language: str) -> str:
    return NAMES.get(language, NAMES["en"])[meaning]


def is_statement_of(meaning: str, text: str) -> bool:
    """Whether ``text`` is the statement of ``meaning`` in a language nkscreen shows it in:
    a signature never declares words nkscreen did not show."""
    return any(texts.get(meaning) == text for texts in STATEMENTS.values())


__all__ = [
    "MEANING_STATEMENTS",
    "NAMES",
    "STATEMENTS",
    "Meaning",
    "is_statement_of",
    "name",
    "statement",
]
