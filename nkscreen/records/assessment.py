"""What a saved record needs from an assessment: the protocol it used, the answers, the verdict.

Shared by the CLI (``nkscreen sign``) and the wizard's Save, so both refuse the same things:
invalid answers, and a record without the identifiers the protocol marks as required.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from nkscreen.core.answers import Agent, FieldMessage, Value
from nkscreen.core.engine import evaluate
from nkscreen.core.protocol import Protocol
from nkscreen.records import texts_saving as _texts  # noqa: F401  (registers the sentences)
from nkscreen.records.model import ProtocolRef
from nkscreen.records.notes import Notes
from nkscreen.sentences import ENGLISH, Sentence, render

if TYPE_CHECKING:
    from nkscreen.core.localized_texts import LocalizedTexts


class NotSavableError(Exception):
    """The assessment cannot become a record yet; ``problems`` are lines for the user.

    ``errors`` (the core's messages, first in ``problems``) and ``missing`` (the identifiers
    a record needs, next) keep what those lines are made of, so another language can word
    them (:meth:`worded`: ``nkscreen sign --lang zh_CN``, a Chinese window's Save); a note's
    problem follows, as a sentence only.
    """

    def __init__(
        self,
        problems: list[str],
        errors: Sequence[FieldMessage] = (),
        missing: Sequence[str] = (),
    ) -> None:
        self.problems = problems
        self.errors = tuple(errors)
        self.missing = tuple(missing)
        super().__init__("; ".join(problems))

    def worded(self, texts: LocalizedTexts) -> list[str]:
        """:attr:`problems` in ``texts.locale``, one line each: the core's messages with the
        protocol's words in that language, a missing identifier by its label there, a note's
        problem as it is said. In English exactly :attr:`problems`."""
        locale = texts.locale
        given = len(self.errors) + len(self.missing)
        if locale == ENGLISH or len(self.problems) < given:
            return [render(p, locale) for p in self.problems]
        from nkscreen.core.localize import render_message
        from nkscreen.safe_files import clip

        lines = [
            Sentence(
                "save.field_problem", field=clip(e.field), problem=render_message(e.message, texts)
            ).in_locale(locale)
            for e in self.errors
        ]
        lines += [
            Sentence("save.required", id=f, label=texts.field_label(f)).in_locale(locale)
            for f in self.missing
        ]
        return lines + [render(p, locale) for p in self.problems[given:]]


@dataclass(frozen=True)
class Savable:
    protocol: ProtocolRef
    answers: dict[str, Any]
    evaluation: dict[str, Any]
    #: The comments, reason and typed values saved with the answers (see records.notes).
    notes: Notes = field(default_factory=Notes)


def protocol_ref(protocol: Protocol) -> ProtocolRef:
    return ProtocolRef(id=protocol.id, version=protocol.version, sha256=protocol.source_sha256)


def required_for_record(protocol: Protocol) -> list[str]:
    return [f.id for f in protocol.fields if f.required_for_record]


def prepare(
    protocol: Protocol, answers: Mapping[str, object], notes: Notes | None = None
) -> Savable:
    """Evaluate ``answers`` and check they (and ``notes``) can be saved; raises
    :class:`NotSavableError`."""
    result = evaluate(protocol, answers)
    problems = [str(e) for e in result.errors]
    missing = [f for f in required_for_record(protocol) if answers.get(f) in (None, "")]
    for fid in missing:
        label = protocol.field_map[fid].label
        problems.append(Sentence("save.required", id=fid, label=label))
    notes = notes or Notes()
    problems += notes.problems(protocol)
    if problems:
        raise NotSavableError(problems, result.errors, missing)
    typed = typed_answers(result.answers.values)
    return Savable(protocol_ref(protocol), typed, result.to_json(), notes.kept_for(protocol, typed))


def typed_answers(values: Mapping[str, Value]) -> dict[str, Any]:
    """Validated answers as a record stores them: numbers as numbers (decimals with a fraction
    keep their digits as typed), dates as ISO text, agents as objects.

    The wizard hands over text exactly as typed ("45"); the record should read like the case
    file format, ``"alt": 45``, so an auditor sees numbers, not strings.
    """
    out: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, Decimal):
            exponent = value.as_tuple().exponent
            out[key] = int(value) if isinstance(exponent, int) and exponent >= 0 else value
        elif isinstance(value, date):
            out[key] = value.isoformat()
        elif isinstance(value, list):
            out[key] = [_agent_json(a) for a in value]
        else:
            out[key] = value
    return out


def _agent_json(agent: Agent) -> dict[str, Any]:
    item: dict[str, Any] = {
        "agent": agent.agent,
        "last_dose": agent.last_dose.isoformat()
        if isinstance(agent.last_dose, date)
        else agent.last_dose,
    }
    if agent.half_life_hours is not None:
        item["half_life_hours"] = agent.half_life_hours
    return item
