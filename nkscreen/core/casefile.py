"""Case files: ``{"protocol": id, "answers": {field id: value}}``, the interchange format.

An optional ``"protocol_version"`` names the protocol's version; without it the newest
installed version of that protocol is used (see nkscreen.core.library). Numbers are read as
exact decimals (``parse_float=Decimal``): a value typed as 1.8 must compare as 1.8, not as the
nearest binary float.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from nkscreen.core.library import ProtocolLibrary, ProtocolNotFoundError
from nkscreen.core.messages import Message
from nkscreen.core.protocol import Protocol
from nkscreen.safe_files import (
    FileRefusedError,
    JsonDepthError,
    check_json_text,
    clip,
    lone_surrogate_path,
    read_document,
)


class CaseFileError(Exception):
    """A case file that cannot be used at all (as opposed to invalid answers inside it)."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(str(message))


@dataclass(frozen=True, slots=True)
class Case:
    #: The protocol the case names, from the library it was read with.
    protocol: Protocol
    answers: dict[str, object]

    @property
    def protocol_id(self) -> str:
        return self.protocol.id


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number")


def parse_case(raw: bytes, library: ProtocolLibrary | None = None) -> Case:
    """A case and its protocol from ``library`` (default: the bundled protocols only).

    Raises :class:`CaseFileError`, or ProtocolError when the protocol's file is broken.
    """
    try:
        text = raw.decode("utf-8")
        check_json_text(text)  # before json.loads recurses into a hostile nesting
        data = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except UnicodeDecodeError as exc:
        raise CaseFileError(Message("case.not_json", {"detail": exc.reason})) from None
    except JsonDepthError as exc:
        raise CaseFileError(Message("case.not_json", {"detail": str(exc)})) from None
    except ValueError as exc:  # not JSON, NaN, an integer of thousands of digits
        raise CaseFileError(Message("case.not_json", {"detail": clip(str(exc), 120)})) from None
    where = lone_surrogate_path(text, data)
    if where is not None:
        raise CaseFileError(Message("case.lone_surrogate", {"where": where}))
    if not isinstance(data, dict):
        raise CaseFileError(Message("case.not_object"))
    protocol_id = data.get("protocol")
    if protocol_id is None:
        raise CaseFileError(Message("case.no_protocol"))
    library = library or ProtocolLibrary()
    if not isinstance(protocol_id, str):
        params = {"protocol": clip(str(protocol_id)), "known": ", ".join(library.ids())}
        raise CaseFileError(Message("case.unknown_protocol", params))
    version = data.get("protocol_version")
    if version is not None and not isinstance(version, str):
        raise CaseFileError(Message("case.bad_version"))
    try:
        protocol = library.find(protocol_id, version)
    except ProtocolNotFoundError as exc:
        raise CaseFileError(exc.message) from None
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise CaseFileError(Message("case.no_answers"))
    return Case(protocol, answers)


def read_case(path: Path | str, library: ProtocolLibrary | None = None) -> Case:
    """Read a case file named by the user: a regular file of at most 8 MiB (never a pipe)."""
    try:
        raw = read_document(Path(path))
    except FileRefusedError as exc:
        raise CaseFileError(Message("case.unreadable", {"detail": exc.reason})) from None
    return parse_case(raw, library)
