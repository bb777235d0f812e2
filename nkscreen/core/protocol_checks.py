"""What a protocol file means must hold together: every rule names fields, derived values and
criteria that exist, units have conversion factors, and field roles (the screening number, the
patient's sex, lab rows...) are given once, to fields of the right type.

Run by :class:`nkscreen.core.protocol.Protocol` on load, after pydantic checked the file's
shape; each problem is one line naming its place ("criterion I3.rule: unknown field 'ecgo'").
"""

from __future__ import annotations

from collections.abc import Sequence

from nkscreen.core import texts_protocol as _texts  # noqa: F401  (registers the sentences)
from nkscreen.core.protocol import (
    SEX_VALUES,
    SINGLE_ROLE_TYPES,
    SINGLE_ROLES,
    AgeDerived,
    AgentsRule,
    CompareRule,
    CreatinineClearanceDerived,
    Criterion,
    CriterionRule,
    DaysBeforeDerived,
    EqualsRule,
    ExposureRule,
    FieldDef,
    Protocol,
    Rule,
    UlnMultipleDerived,
    UlnRule,
    iter_rules,
)
from nkscreen.sentences import Sentence


def reference_problems(p: Protocol) -> list[str]:
    """Every problem of meaning in a well-shaped protocol, each by its place."""
    fields = {f.id: f for f in p.fields}
    derived = {d.id for d in p.derived}
    problems: list[str] = []
    if len(fields) != len(p.fields):
        problems.append(Sentence("pcheck.duplicate_fields"))

    def need_field(where: str, fid: str, types: tuple[str, ...] = ()) -> None:
        f = fields.get(fid)
        if f is None:
            problems.append(Sentence("pcheck.unknown_field", where=where, field=repr(fid)))
        elif types and f.type not in types:
            problems.append(
                Sentence(
                    "pcheck.wrong_type",
                    where=where,
                    field=repr(fid),
                    type=f.type,
                    expected=_listed("pcheck.or", types),
                )
            )

    criteria: dict[str, Criterion] = {}

    def collect(items: list[Criterion], where: str) -> None:
        for i, c in enumerate(items):
            if c.id in criteria:
                problems.append(
                    Sentence("pcheck.duplicate_criterion", where=f"{where}[{i}]", id=repr(c.id))
                )
            criteria[c.id] = c
            collect(c.subcriteria, f"{where}[{i}] ({c.id}).subcriteria")

    collect(p.criteria, "criteria")

    def check_rule(where: str, rule: Rule) -> None:
        for r in iter_rules(rule):
            if isinstance(r, EqualsRule):
                need_field(where, r.field, ("yes_no", "choice", "integer"))
                f = fields.get(r.field)
                if f is not None and f.type == "yes_no" and r.value not in ("yes", "no"):
                    problems.append(
                        Sentence(
                            "pcheck.yes_no_value",
                            where=where,
                            field=repr(r.field),
                            value=repr(r.value),
                        )
                    )
                if f is not None and f.type == "choice" and r.value not in _choice_values(f):
                    problems.append(
                        Sentence(
                            "pcheck.not_a_choice",
                            where=where,
                            value=repr(r.value),
                            field=repr(r.field),
                        )
                    )
            elif isinstance(r, CompareRule):
                if r.field is not None:
                    need_field(where, r.field, ("number", "integer"))
                if r.derived is not None and r.derived not in derived:
                    problems.append(
                        Sentence("pcheck.unknown_derived", where=where, id=repr(r.derived))
                    )
            elif isinstance(r, UlnRule):
                need_field(where, r.value, ("number",))
                need_field(where, r.uln, ("number",))
                lab = fields.get(r.value)
                if lab is not None and (lab.role != "lab_value" or lab.uln_field != r.uln):
                    problems.append(
                        Sentence(
                            "pcheck.not_lab_row", where=where, value=repr(r.value), uln=repr(r.uln)
                        )
                    )
            elif isinstance(r, CriterionRule):
                if r.id not in criteria:
                    problems.append(
                        Sentence("pcheck.unknown_criterion", where=where, id=repr(r.id))
                    )
            elif isinstance(r, ExposureRule):
                need_field(where, r.field, ("exposure_date",))
                need_field(where, r.reference, ("date",))
            elif isinstance(r, AgentsRule):
                need_field(where, r.field, ("agent_list",))
                need_field(where, r.reference, ("date",))

    listed = {fid for c in criteria.values() for fid in c.fields}
    for f in p.fields:
        if f.role == "evidence_date" and f.id not in listed:
            problems.append(Sentence("pcheck.evidence_unlisted", where=_field_at(f.id)))
    for cid, c in criteria.items():
        check_rule(_criterion_at(cid, ".rule"), c.rule)
        if c.applies_when is not None:
            check_rule(_criterion_at(cid, ".applies_when"), c.applies_when)
        for fid in c.fields:
            need_field(_criterion_at(cid, ".fields"), fid)
    for f in p.fields:
        where = _field_at(f.id)
        if f.applies_when is not None:
            check_rule(_field_at(f.id, ".applies_when"), f.applies_when)
        for other in f.not_after:
            need_field(_field_at(f.id, ".not_after"), other, ("date",))
        if f.max_years_before is not None:
            need_field(_field_at(f.id, ".max_years_before"), f.max_years_before.field, ("date",))
        if f.role == "evidence_date" and f.type != "date":
            problems.append(Sentence("pcheck.evidence_type", where=where, type=f.type))
        if f.type in ("choice",) and not f.choices:
            problems.append(Sentence("pcheck.no_choices", where=where))
        factors = _field_at(f.id, ".unit_factors")
        if f.unit_field is not None:
            need_field(_field_at(f.id, ".unit_field"), f.unit_field, ("choice",))
            uf = fields.get(f.unit_field)
            if uf is not None:
                units = set(_choice_values(uf))
                if f.unit_factors is None or set(f.unit_factors) != units:
                    problems.append(Sentence("pcheck.factor_each", where=factors, units=str(units)))
        elif f.unit_factors is not None:
            if f.type != "number" or f.unit is None:
                problems.append(Sentence("pcheck.factor_number", where=factors))
            elif f.unit_factors.get(f.unit) != 1 or any(v <= 0 for v in f.unit_factors.values()):
                problems.append(Sentence("pcheck.factor_one", where=factors, unit=repr(f.unit)))
        if f.optional and f.required_for_record:
            problems.append(Sentence("pcheck.optional_required", where=where))
    problems += _role_problems(p, fields)
    for s in p.sections:
        for fid in s.fields:
            need_field(Sentence("pcheck.at.section", id=s.id, part=".fields"), fid)
    for d in p.derived:
        where = Sentence("pcheck.at.derived", id=d.id)
        if isinstance(d, AgeDerived):
            need_field(where, d.birth, ("date",))
            need_field(where, d.on, ("date",))
        elif isinstance(d, UlnMultipleDerived):
            need_field(where, d.value, ("number",))
            need_field(where, d.uln, ("number",))
        elif isinstance(d, CreatinineClearanceDerived):
            need_field(where, d.measured, ("number",))
            need_field(where, d.weight, ("number",))
            need_field(where, d.serum_creatinine, ("number",))
            need_field(where, d.patient_sex, ("choice",))
            if d.age not in derived:
                problems.append(Sentence("pcheck.unknown_derived", where=where, id=repr(d.age)))
            cf = fields.get(d.serum_creatinine)
            if cf is not None and d.creatinine_unit_for_formula not in (cf.unit_factors or {}):
                problems.append(
                    Sentence(
                        "pcheck.no_factor", where=where, unit=repr(d.creatinine_unit_for_formula)
                    )
                )
        elif isinstance(d, DaysBeforeDerived):
            need_field(where, d.exposure, ("exposure_date",))
            need_field(where, d.reference, ("date",))
    for i, contradiction in enumerate(p.contradictions):
        for fid in contradiction.when:
            need_field(f"contradictions[{i}]", fid)
    for limit in p.recency_limits:
        need_field("recency_limits", limit.field, ("date",))
        need_field("recency_limits", limit.relative_to, ("date",))
    return problems


def _role_problems(p: Protocol, fields: dict[str, FieldDef]) -> list[str]:
    """Roles are what generic code relies on: each single role once, on a field of its type;
    every lab row names a ULN field of the same unit."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for f in p.fields:
        where = _field_at(f.id)
        if f.role in SINGLE_ROLES:
            if f.role in seen:
                problems.append(
                    Sentence(
                        "pcheck.role_twice",
                        where=where,
                        role=repr(f.role),
                        field=repr(seen[f.role]),
                    )
                )
            seen[f.role] = f.id
            wanted = SINGLE_ROLE_TYPES[f.role]
            if f.type != wanted:
                problems.append(
                    Sentence(
                        "pcheck.role_type",
                        where=where,
                        role=repr(f.role),
                        wanted=wanted,
                        type=f.type,
                    )
                )
        if f.role == "patient_sex" and f.type == "choice":
            values = sorted(str(v) for v in _choice_values(f))
            if values != sorted(SEX_VALUES):
                problems.append(
                    Sentence(
                        "pcheck.sex_choices",
                        where=where,
                        wanted=_listed("pcheck.and", SEX_VALUES),
                        given=_listed("pcheck.list", values) or Sentence("pcheck.none"),
                    )
                )
        if f.uln_field is not None and f.role != "lab_value":
            problems.append(Sentence("pcheck.uln_only_lab", where=_field_at(f.id, ".uln_field")))
        if f.example_uln is not None and f.role != "uln":
            problems.append(
                Sentence("pcheck.example_only_uln", where=_field_at(f.id, ".example_uln"))
            )
        if f.role in ("lab_value", "uln") and f.type != "number":
            problems.append(
                Sentence(
                    "pcheck.role_type", where=where, role=repr(f.role), wanted="number", type=f.type
                )
            )
        if f.role == "lab_value":
            problems += _lab_row_problems(f, fields)
        if f.role == "uln" and f.example_uln is not None and f.example_uln.unit:
            units = _unit_choices(f, fields)
            if units and f.example_uln.unit not in units:
                problems.append(
                    Sentence(
                        "pcheck.example_unit",
                        where=_field_at(f.id, ".example_uln.unit"),
                        unit=repr(f.example_uln.unit),
                        units=_listed("pcheck.list", units),
                    )
                )
    ulns = {f.uln_field for f in p.fields if f.role == "lab_value"}
    for f in p.fields:
        if f.role == "uln" and f.id not in ulns:
            problems.append(Sentence("pcheck.uln_unnamed", where=_field_at(f.id)))
    return problems


def _lab_row_problems(f: FieldDef, fields: dict[str, FieldDef]) -> list[str]:
    if f.uln_field is None:
        return [Sentence("pcheck.lab_needs_uln", where=_field_at(f.id))]
    where = _field_at(f.id, ".uln_field")
    uln = fields.get(f.uln_field)
    if uln is None:
        return [Sentence("pcheck.unknown_field", where=where, field=repr(f.uln_field))]
    problems: list[str] = []
    if uln.role != "uln":
        problems.append(Sentence("pcheck.uln_needs_role", where=where, uln=repr(uln.id)))
    if (uln.unit, uln.unit_field) != (f.unit, f.unit_field):
        problems.append(
            Sentence("pcheck.same_unit", where=where, uln=repr(uln.id), field=repr(f.id))
        )
    return problems


def _field_at(field_id: str, part: str = "") -> Sentence:
    """A place in a field ("field ecog.unit_field"), in the language it is shown in."""
    return Sentence("pcheck.at.field", id=field_id, part=part)


def _criterion_at(criterion_id: str, part: str) -> Sentence:
    return Sentence("pcheck.at.criterion", id=criterion_id, part=part)


def _listed(sentence_id: str, items: Sequence[str]) -> str:
    """Items as one phrase ("a or b or c", "a, b"), worded in the language it is shown in;
    "" for none."""
    if not items:
        return ""
    phrase = str(items[-1])
    for item in reversed(items[:-1]):
        phrase = Sentence(sentence_id, first=str(item), rest=phrase)
    return phrase


def _unit_choices(f: FieldDef, fields: dict[str, FieldDef]) -> list[str]:
    unit_field = fields.get(f.unit_field) if f.unit_field else None
    return [str(v) for v in _choice_values(unit_field)] if unit_field is not None else []


def _choice_values(f: FieldDef) -> list[str | int]:
    return [c.value for c in f.choices]


__all__ = ["reference_problems"]
