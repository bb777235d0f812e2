"""The core's messages in a chosen language, without Qt (the printout, later the CLI).

A :class:`~nkscreen.core.messages.Message` carries English words for the command line
(``label``, ``answer``, ``status``) and, beside them, the ids they came from (``field``,
``derived``, ``criterion``, ``status_id``, ``raw``). Rendering in another language swaps the
template for that language's and the words for the protocol's translation
(:mod:`nkscreen.core.protocol_texts`), each falling back to English on its own, and renders
nested evidence the same way. In English the result is exactly ``str(message)`` with the
English templates, whatever translator the desktop app has installed.
"""

from __future__ import annotations

import re
from typing import Any, Final

from nkscreen.core.localized_texts import ENGLISH, LocalizedTexts
from nkscreen.core.messages import TEMPLATES, Evidence, Message
from nkscreen.core.messages_zh import TEMPLATES_ZH_CN

LOCALE_TEMPLATES: Final[dict[str, dict[str, str]]] = {
    ENGLISH: TEMPLATES,
    "zh_CN": TEMPLATES_ZH_CN,
}

#: The few words the core puts into its messages, per language (English is as written).
_WORDS: Final[dict[str, dict[str, str]]] = {
    "zh_CN": {
        # criterion statuses as cited inside evidence ("I4A met")
        "met": "符合",
        "not_met": "不符合",
        "present": "存在",
        "absent": "不存在",
        "unknown": "待定",
        # yes/no answers
        "yes": "是",
        "no": "否",
        # comparisons
        "<=": "≤",
        ">=": "≥",
        "≤": "≤",
        "≥": "≥",
        "<": "<",
        ">": ">",
        "==": "=",
        "!=": "≠",
        # window units
        "day": "天",
        "week": "周",
        "month": "个月",
        # how a clearance was obtained
        "measured": "（实测）",
        "cockcroft_gault": "（Cockcroft-Gault公式）",
        # joins
        "; ": "；",
        " or ": "或",
        " and ": "且",
    },
}
_WINDOW: Final = re.compile(r"^(\d+(?:\.\d+)?) (day|week|month)s?$")
_RANGE_PART: Final = re.compile(r"(<=|>=|≤|≥|<|>) ")


def templates_for(locale: str) -> dict[str, str]:
    """The message templates of ``locale``; English for a language without its own."""
    return LOCALE_TEMPLATES.get(locale, TEMPLATES)


def _word(locale: str, english: str) -> str:
    return _WORDS.get(locale, {}).get(english, english)


def clause_separator(locale: str) -> str:
    """Between pieces of evidence in ``locale`` ("; " / "；"): the join nested evidence uses."""
    return _word(locale, "; ")


def render_message(message: Message, texts: LocalizedTexts, template: str | None = None) -> str:
    """``message`` in ``texts.locale`` (``template``: a translation of its template, if the
    caller has one, e.g. from Qt's translator)."""
    params = localized_params(message, texts)
    text = template if template is not None else templates_for(texts.locale)[message.id]
    return " ".join(text.format(**params).split())


def localized_params(message: Message, texts: LocalizedTexts) -> dict[str, Any]:
    """The message's parameters with words in ``texts.locale`` and nested evidence rendered."""
    locale = texts.locale
    params = dict(message.params)
    for key, value in params.items():
        if isinstance(value, Evidence):
            params[key] = clause_separator(locale).join(render_message(m, texts) for m in value)
        elif isinstance(value, Message):  # a field's problem quoted in a rule's evidence
            params[key] = render_message(value, texts)
    if locale == ENGLISH:
        return params
    _localize_words(params, texts)
    _localize_ids(message.id, params, texts)
    return params


def _localize_words(params: dict[str, Any], texts: LocalizedTexts) -> None:
    locale = texts.locale
    if isinstance(params.get("status_id"), str):
        params["status"] = _word(locale, params["status_id"])
    if isinstance(params.get("relation"), str):
        params["relation"] = _word(locale, params["relation"])
    window = _WINDOW.match(str(params.get("window", "")))
    if window is not None:
        params["window"] = f"{window[1]}{_word(locale, window[2])}"  # "6个月": no space
    if isinstance(params.get("choices"), str):  # "µmol/L or mg/dL"
        params["choices"] = params["choices"].replace(" or ", " 或 ")
    if isinstance(params.get("range"), str):  # ">= 0 and <= 5 %"
        ranged = params["range"].replace(" and ", _word(locale, " and "))
        params["range"] = _RANGE_PART.sub(lambda m: _word(locale, m[1]), ranged)


def _localize_ids(message_id: str, params: dict[str, Any], texts: LocalizedTexts) -> None:
    locale = texts.locale
    field = params.get("field")
    if isinstance(field, str):
        if "label" in params:
            params["label"] = texts.field_label(field)
        if "raw" in params:
            params["answer"] = answer_text(texts, field, params["raw"])
        if "unit" in params:
            params["unit"] = _unit(texts, field, str(params["unit"]))
        if "absolute" in params:  # "120 U/L": the limit in the lab's unit
            number, _, unit = str(params["absolute"]).partition(" ")
            params["absolute"] = f"{number} {_unit(texts, field, unit)}".strip()
        if message_id == "invalid.text_pattern":
            params["rule"] = texts.pattern_hint(field)
        if message_id == "invalid.contradiction":
            params["value"] = answer_text(texts, field, params["value"])
    other = params.get("other_field")
    if isinstance(other, str):
        params["other_label"] = texts.field_label(other)
        if "other_value" in params:
            params["other_value"] = answer_text(texts, other, params["other_value"])
    reference = params.get("reference_field")
    if isinstance(reference, str) and reference in texts.protocol.field_map:
        params["reference"] = texts.field_reference(reference)
    derived = params.get("derived")
    if isinstance(derived, str):
        method = str(params.get("method") or "")
        params["label"] = texts.derived_label(derived) + (_word(locale, method) if method else "")
        if "unit" in params:
            params["unit"] = texts.unit(str(params["unit"]))
    criterion = params.get("criterion")
    if isinstance(criterion, str):
        params["reason"] = texts.not_applicable_reason(criterion)
    if message_id == "reason.criterion":
        params["label"] = texts.criterion_label(str(params["id"]))
    elif message_id == "derived.crcl_cockcroft_gault" and params.get("female"):
        params["female"] = str(params["female"]).replace(" x ", " × ")
    elif message_id == "invalid.unit_required":
        names = str(params["fields"]).split(" or ")
        params["fields"] = _word(locale, " or ").join(texts.field_label(n) for n in names)


def answer_text(texts: LocalizedTexts, field_id: str, raw: object) -> str:
    """An answer as words: a choice's label, yes/no in this language, else as given."""
    label = texts.choice_label(field_id, raw)
    if label is not None:
        return label
    if raw in ("yes", "no"):
        return _word(texts.locale, str(raw))
    return str(raw)


def _unit(texts: LocalizedTexts, field_id: str, unit: str) -> str:
    """A lab's unit as its unit field labels it (µmol/L for ``umol/L``), else by name."""
    f = texts.protocol.field_map.get(field_id)
    if f is not None and f.unit_field and unit:
        return texts.choice_label(f.unit_field, unit) or unit
    return texts.unit(unit)


__all__ = [
    "LOCALE_TEMPLATES",
    "answer_text",
    "localized_params",
    "render_message",
    "templates_for",
]
