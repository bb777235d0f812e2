"""Case files: ``{"protocol": id, "answers": {field id: value}}``, the interchange format.

Numbers are read as exact decimals (``parse_float=Decimal``): a value typed as 1.8 must compare
as 1.8, not as the nearest binary float.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from nkscreen.core.messages import Message
from nkscreen.core.protocol import Protocol, builtin_protocol, builtin_protocol_ids


class CaseFileError(Exception):
    """A case file that cannot be used at all (as opposed to invalid answers inside it)."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(str(message))


@dataclass(frozen=True, slots=True)
class Case:
    protocol_id: str
    answers: dict[str, object]

    @property
    def protocol(self) -> Protocol:
        return builtin_protocol(self.protocol_id)


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number")


def parse_case(raw: bytes) -> Case:
    try:
        data = json.loads(raw, parse_float=Decimal, parse_constant=_reject_constant)
    except UnicodeDecodeError as exc:
        raise CaseFileError(Message("case.not_json", {"detail": exc.reason})) from None
    except ValueError as exc:
        raise CaseFileError(Message("case.not_json", {"detail": str(exc)})) from None
    if not isinstance(data, dict):
        raise CaseFileError(Message("case.not_object"))
    protocol_id = data.get("protocol")
    if protocol_id is None:
        raise CaseFileError(Message("case.no_protocol"))
    known = builtin_protocol_ids()
    if protocol_id not in known:
        params = {"protocol": protocol_id, "known": ", ".join(known)}
        raise CaseFileError(Message("case.unknown_protocol", params))
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise CaseFileError(Message("case.no_answers"))
    return Case(str(protocol_id), answers)


def read_case(path: Path | str) -> Case:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        detail = f"{path}: {exc.strerror or exc}"
        raise CaseFileError(Message("case.unreadable", {"detail": detail})) from None
    return parse_case(raw)
