"""An R4 Questionnaire generated from a protocol file, as plain JSON-ready dicts.

One group per wizard page (``linkId`` ``page:<page key>``), one item per field with
``linkId`` = the field id. Yes/no is ``boolean``, a choice is ``choice`` (a Coding per
option), a number with a unit is ``quantity`` with the questionnaire-unit extension (or one
questionnaire-unitOption per unit the field accepts), other numbers ``decimal`` or
``integer``, dates ``date``. A date of exposure is a group ``<id>`` of ``<id>.status``
(date / none / ongoing) and ``<id>.date``; a list of anti-tumour agents is a group ``<id>`` of
``<id>.any`` and a repeating group ``<id>.agent`` (name, ongoing, last dose, half-life).

Applicability becomes ``enableWhen`` (with ``enableBehavior`` for an all/any of conditions);
a rule that ``enableWhen`` cannot say (a nested all-inside-any) becomes the SDC
enableWhenExpression extension in FHIRPath.
"""

from __future__ import annotations

from typing import Any

from nkscreen.core import display
from nkscreen.core.protocol import (
    AllRule,
    AnyRule,
    CompareRule,
    EqualsRule,
    FieldDef,
    NotRule,
    Protocol,
    Rule,
)
from nkscreen.export import fhir_common as fc
from nkscreen.export.layout import field_groups

Json = dict[str, Any]

_OPERATORS = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "==": "="}
_FHIRPATH_OPERATORS = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "==": "="}


def choice_coding(protocol: Protocol, f: FieldDef, value: str | int) -> Json:
    """The Coding of one option of a choice field."""
    label = protocol.choice_labels.get(f.id, {}).get(value, str(value))
    return {"system": fc.code_system(protocol.id, f.id), "code": str(value), "display": label}


EXPOSURE_CODES = {"date": "A date", "none": "None", "ongoing": "Ongoing"}


def exposure_coding(code: str) -> Json:
    return {"system": fc.EXPOSURE_SYSTEM, "code": code, "display": EXPOSURE_CODES[code]}


# ---------------------------------------------------------------- applicability


class _Enable:
    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol

    def leaf(self, rule: Rule, negated: bool = False) -> Json | None:
        """One enableWhen condition, or None when the rule is not a simple comparison."""
        if isinstance(rule, NotRule):
            return self.leaf(rule.rule, not negated)
        if isinstance(rule, EqualsRule):
            f = self.protocol.field_map[rule.field]
            kind = fc.item_kind(self.protocol, f)
            condition: Json = {"question": rule.field, "operator": "!=" if negated else "="}
            if kind == "boolean":
                condition["answerBoolean"] = rule.value == "yes"
            elif kind == "choice":
                condition["answerCoding"] = choice_coding(self.protocol, f, rule.value)
            elif kind == "integer":
                condition["answerInteger"] = int(rule.value)
            else:
                return None
            return condition
        if isinstance(rule, CompareRule) and rule.field is not None and not negated:
            f = self.protocol.field_map[rule.field]
            kind = fc.item_kind(self.protocol, f)
            if kind == "decimal":
                return {
                    "question": rule.field,
                    "operator": _OPERATORS[rule.cmp],
                    "answerDecimal": rule.value,
                }
            if kind == "integer":
                return {
                    "question": rule.field,
                    "operator": _OPERATORS[rule.cmp],
                    "answerInteger": int(rule.value),
                }
        return None

    def of(self, rule: Rule) -> Json:
        """``enableWhen`` (and ``enableBehavior``), or the FHIRPath extension."""
        single = self.leaf(rule)
        if single is not None:
            return {"enableWhen": [single]}
        if isinstance(rule, AllRule | AnyRule):
            leaves = [self.leaf(child) for child in rule.of]
            if all(leaf is not None for leaf in leaves):
                behavior = "all" if isinstance(rule, AllRule) else "any"
                return {"enableWhen": leaves, "enableBehavior": behavior}
        expression = self.path(rule)
        if expression is None:
            return {}
        return {
            "extension": [
                {
                    "url": fc.ENABLE_WHEN_EXPRESSION,
                    "valueExpression": {"language": "text/fhirpath", "expression": expression},
                }
            ]
        }

    def path(self, rule: Rule) -> str | None:
        """The rule as a FHIRPath expression over the response being filled in."""
        if isinstance(rule, EqualsRule):
            f = self.protocol.field_map[rule.field]
            kind = fc.item_kind(self.protocol, f)
            answer = f"%resource.repeat(item).where(linkId='{rule.field}').answer.value"
            if kind == "boolean":
                return f"{answer} = {'true' if rule.value == 'yes' else 'false'}"
            if kind == "choice":
                return f"{answer}.code = '{rule.value}'"
            return f"{answer} = {int(rule.value)}"
        if isinstance(rule, CompareRule) and rule.field is not None:
            f = self.protocol.field_map[rule.field]
            kind = fc.item_kind(self.protocol, f)
            answer = f"%resource.repeat(item).where(linkId='{rule.field}').answer.value"
            if kind == "quantity":
                answer += ".value"
            op = _FHIRPATH_OPERATORS[rule.cmp]
            return f"{answer} {op} {display.plain(rule.value)}"
        if isinstance(rule, NotRule):
            inner = self.path(rule.rule)
            return None if inner is None else f"({inner}).not()"
        if isinstance(rule, AllRule | AnyRule):
            parts = [self.path(child) for child in rule.of]
            if any(p is None for p in parts):
                return None
            joiner = " and " if isinstance(rule, AllRule) else " or "
            return joiner.join(f"({p})" for p in parts)
        return None


# ---------------------------------------------------------------- items


def _range_extensions(f: FieldDef, kind: str) -> list[Json]:
    if f.range is None or kind not in ("decimal", "integer"):
        return []
    value_key = "valueDecimal" if kind == "decimal" else "valueInteger"
    out: list[Json] = []
    for url, bound in (
        (fc.MIN_VALUE_EXTENSION, f.range.min),
        (fc.MAX_VALUE_EXTENSION, f.range.max),
    ):
        if bound is not None:
            out.append({"url": url, value_key: bound if kind == "decimal" else int(bound)})
    return out


def _agents_item(f: FieldDef, base: Json) -> Json:
    fid = f.id
    agent = {
        "linkId": f"{fid}.agent",
        "text": "Agent",
        "type": "group",
        "repeats": True,
        "enableWhen": [{"question": f"{fid}.any", "operator": "=", "answerBoolean": True}],
        "item": [
            {"linkId": f"{fid}.agent.name", "text": "Agent", "type": "string", "required": True},
            {"linkId": f"{fid}.agent.ongoing", "text": "Still given (ongoing)", "type": "boolean"},
            {
                "linkId": f"{fid}.agent.last_dose",
                "text": "Last dose",
                "type": "date",
                "enableWhen": [
                    {"question": f"{fid}.agent.ongoing", "operator": "=", "answerBoolean": False}
                ],
            },
            {
                "linkId": f"{fid}.agent.half_life",
                "text": "Half-life, if known",
                "type": "quantity",
                "extension": [{"url": fc.UNIT_EXTENSION, "valueCoding": fc.unit_coding("h")}],
            },
        ],
    }
    any_item = {"linkId": f"{fid}.any", "text": "Any agent given?", "type": "boolean"}
    return {**base, "type": "group", "item": [any_item, agent]}


def _exposure_item(f: FieldDef, base: Json) -> Json:
    fid = f.id
    status = {
        "linkId": f"{fid}.status",
        "text": "Last exposure",
        "type": "choice",
        "answerOption": [{"valueCoding": exposure_coding(c)} for c in EXPOSURE_CODES],
    }
    day = {
        "linkId": f"{fid}.date",
        "text": "Date",
        "type": "date",
        "enableWhen": [
            {"question": f"{fid}.status", "operator": "=", "answerCoding": exposure_coding("date")}
        ],
    }
    return {**base, "type": "group", "item": [status, day]}


def field_item(protocol: Protocol, f: FieldDef) -> Json:
    """The Questionnaire item that asks field ``f``."""
    kind = fc.item_kind(protocol, f)
    item: Json = {"linkId": f.id, "text": f.label}
    if f.applies_when is not None:
        item.update(_Enable(protocol).of(f.applies_when))
    if kind == "exposure":
        return _exposure_item(f, item)
    if kind == "agents":
        return _agents_item(f, item)
    item["type"] = kind
    if f.required_for_record:
        item["required"] = True
    extensions: list[Json] = list(item.pop("extension", []))
    if kind == "choice":
        item["answerOption"] = [
            {"valueCoding": choice_coding(protocol, f, c.value)} for c in f.choices
        ]
    elif kind == "quantity" and f.unit_field is not None and f.unit_factors:
        for code in f.unit_factors:
            coding = fc.unit_coding(code, fc.unit_label(protocol, f, code))
            extensions.append({"url": fc.UNIT_OPTION_EXTENSION, "valueCoding": coding})
    elif kind == "quantity" and f.unit:
        extensions.append({"url": fc.UNIT_EXTENSION, "valueCoding": fc.unit_coding(f.unit)})
    elif kind == "string" and f.pattern:
        extensions.append({"url": fc.REGEX_EXTENSION, "valueString": f.pattern})
    extensions += _range_extensions(f, kind)
    if extensions:
        item["extension"] = extensions
    return item


def questionnaire(protocol: Protocol) -> Json:
    """The Questionnaire resource of ``protocol`` (status active, one group per page)."""
    groups = [
        {
            "linkId": f"page:{group.key}",
            "text": group.title,
            "type": "group",
            "item": [field_item(protocol, protocol.field_map[fid]) for fid in group.fields],
        }
        for group in field_groups(protocol)
    ]
    resource: Json = {
        "resourceType": "Questionnaire",
        "id": "".join(c if c.isalnum() or c in "-." else "-" for c in protocol.id)[:64],
        "url": fc.questionnaire_url(protocol.id),
        "version": protocol.version,
        "name": "".join(c for c in protocol.id if c.isalnum() or c == "_") or "Protocol",
        "title": protocol.title,
        "status": "active",
        "subjectType": ["Patient"],
    }
    if protocol.version_date is not None:
        resource["date"] = protocol.version_date.isoformat()
    if protocol.sponsor:
        resource["publisher"] = protocol.sponsor
    resource["item"] = groups
    return resource


__all__ = ["EXPOSURE_CODES", "choice_coding", "exposure_coding", "field_item", "questionnaire"]
