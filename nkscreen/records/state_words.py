"""Every way a verification state is put into words, in one table (Qt-free).

Each surface words a state its own way: ``verify`` shouts it, ``list`` fits it in a column,
a printout explains it once and repeats it short beside each signature, the records browser
shows it with a symbol. The UI translates these under the context :data:`WORDS_CONTEXT`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from nkscreen.core.status import WORDS_CONTEXT
from nkscreen.records.verification import VerificationState


@dataclass(frozen=True, slots=True)
class StateWords:
    #: ``nkscreen verify`` and ``verify --all``: "VALID, UNTRUSTED SIGNER".
    label: str
    #: ``nkscreen list``'s signature column: "untrusted signer".
    cell: str
    #: The printout's sentence about the record's signatures.
    printed: str
    #: The printout's state beside each signature: "INTACT, SIGNER NOT TRUSTED".
    short: str
    #: The records browser; ``%s`` stands for the reason where there is one.
    shown: str


STATE_WORDS: Final[dict[VerificationState, StateWords]] = {
    VerificationState.VALID: StateWords(
        "VALID",
        "valid",
        "VALID (signature intact, signer trusted at this site)",
        "VALID",
        "✓ valid",
    ),
    VerificationState.UNTRUSTED: StateWords(
        "VALID, UNTRUSTED SIGNER",
        "untrusted signer",
        "INTACT, SIGNER NOT TRUSTED at this site",
        "INTACT, SIGNER NOT TRUSTED",
        "valid, signer not trusted here",
    ),
    VerificationState.INVALID: StateWords(
        "INVALID",
        "INVALID",
        "INVALID (the record or its signature has been altered)",
        "INVALID",
        "✗ INVALID: %s",
    ),
    VerificationState.BROKEN_CHAIN: StateWords(
        "BROKEN CHAIN",
        "BROKEN CHAIN",
        "BROKEN CHAIN (signatures intact, but a version this one amends is missing or changed)",
        "BROKEN CHAIN",
        "✗ BROKEN HISTORY: %s",
    ),
    VerificationState.UNSIGNED: StateWords(
        "NOT SIGNED", "not signed", "NOT SIGNED", "NOT SIGNED", "not signed"
    ),
}


def state_words(state: VerificationState) -> StateWords:
    return STATE_WORDS[state]


def shown_words() -> list[str]:
    """The browser's words, for the translation sources."""
    return [w.shown for w in STATE_WORDS.values()]


__all__ = ["STATE_WORDS", "WORDS_CONTEXT", "StateWords", "shown_words", "state_words"]
