"""Every way a verification state is put into words, in one table (Qt-free).

Each surface words a state its own way: ``verify`` shouts it, ``list`` fits it in a column,
a printout explains it once and repeats it short beside each signature, the records browser
shows it with a symbol. The UI translates these under the context :data:`WORDS_CONTEXT`.
"""

from __future__ import annotations

from typing import Final

from nkscreen.core.frozen import Record
from nkscreen.core.status import WORDS_CONTEXT
from nkscreen.records.verification import VerificationState


class StateWords(Record):
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
        label="VALID",
        cell="valid",
        printed="VALID (signature intact, signer trusted at this site)",
        short="VALID",
        shown="✓ valid",
    ),
    VerificationState.UNTRUSTED: StateWords(
        label="VALID, UNTRUSTED SIGNER",
        cell="untrusted signer",
        printed="INTACT, SIGNER NOT TRUSTED at this site",
        short="INTACT, SIGNER NOT TRUSTED",
        shown="valid, signer not trusted here",
    ),
    VerificationState.INVALID: StateWords(
        label="INVALID",
        cell="INVALID",
        printed="INVALID (the record or its signature has been altered)",
        short="INVALID",
        shown="✗ INVALID: %s",
    ),
    VerificationState.BROKEN_CHAIN: StateWords(
        label="BROKEN CHAIN",
        cell="BROKEN CHAIN",
        printed=(
            "BROKEN CHAIN (signatures intact, but a version this one amends is missing or changed)"
        ),
        short="BROKEN CHAIN",
        shown="✗ BROKEN HISTORY: %s",
    ),
    VerificationState.UNSIGNED: StateWords(
        label="NOT SIGNED",
        cell="not signed",
        printed="NOT SIGNED",
        short="NOT SIGNED",
        shown="not signed",
    ),
}


def state_words(state: VerificationState) -> StateWords:
    return STATE_WORDS[state]


def shown_words() -> list[str]:
    """The browser's words, for the translation sources."""
    return [w.shown for w in STATE_WORDS.values()]


__all__ = ["STATE_WORDS", "WORDS_CONTEXT", "StateWords", "shown_words", "state_words"]
