"""What a protocol file means must hold together: every rule names fields, derived values and
criteria that exist, units have conversion factors, and field roles (the screening number, the
patient's sex, lab rows...) are given once, to fields of the right type.

Run by :class:`nkscreen.core.protocol.Protocol` on load, after pydantic checked the file's
shape; each problem is one line naming its place ("criterion I3.rule: unknown field 'ecgo'").
"""

from __future__ import annotations

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


def reference_problems(p: Protocol) -> list[str]:
    """Every problem of meaning in a well-shaped protocol, each by its place."""
    fields = {f.id: f for f in p.fields}
    derived = {d.id for d in p.derived}
    problems: list[str] = []
    if len(fields) != len(p.fields):
        problems.append("fields: duplicate field ids")

    def need_field(where: str, fid: str, types: tuple[str, ...] = ()) -> None:
        f = fields.get(fid)
        if f is None:
            problems.append(f"{where}: unknown field {fid!r}")
        elif types and f.type not in types:
            problems.append(f"{where}: field {fid!r} is {f.type}, expected {' or '.join(types)}")

    criteria: dict[str, Criterion] = {}

    def collect(items: list[Criterion], where: str) -> None:
        for i, c in enumerate(items):
            if c.id in criteria:
                problems.append(f"{where}[{i}]: duplicate criterion id {c.id!r}")
            criteria[c.id] = c
            collect(c.subcriteria, f"{where}[{i}] ({c.id}).subcriteria")

    collect(p.criteria, "criteria")

    def check_rule(where: str, rule: Rule) -> None:
        for r in iter_rules(rule):
            if isinstance(r, EqualsRule):
                need_field(where, r.field, ("yes_no", "choice", "integer"))
                f = fields.get(r.field)
                if f is not None and f.type == "yes_no" and r.value not in ("yes", "no"):
                    problems.append(f"{where}: {r.field!r} is yes/no, cannot equal {r.value!r}")
                if f is not None and f.type == "choice" and r.value not in _choice_values(f):
                    problems.append(f"{where}: {r.value!r} is not a choice of {r.field!r}")
            elif isinstance(r, CompareRule):
                if r.field is not None:
                    need_field(where, r.field, ("number", "integer"))
                if r.derived is not None and r.derived not in derived:
                    problems.append(f"{where}: unknown derived value {r.derived!r}")
            elif isinstance(r, UlnRule):
                need_field(where, r.value, ("number",))
                need_field(where, r.uln, ("number",))
                lab = fields.get(r.value)
                if lab is not None and (lab.role != "lab_value" or lab.uln_field != r.uln):
                    problems.append(
                        f"{where}: {r.value!r} is not a lab row whose ULN is {r.uln!r} (give "
                        f"the field role 'lab_value' and uln_field {r.uln!r})"
                    )
            elif isinstance(r, CriterionRule):
                if r.id not in criteria:
                    problems.append(f"{where}: unknown criterion {r.id!r}")
            elif isinstance(r, ExposureRule):
                need_field(where, r.field, ("exposure_date",))
                need_field(where, r.reference, ("date",))
            elif isinstance(r, AgentsRule):
                need_field(where, r.field, ("agent_list",))
                need_field(where, r.reference, ("date",))

    listed = {fid for c in criteria.values() for fid in c.fields}
    for f in p.fields:
        if f.role == "evidence_date" and f.id not in listed:
            problems.append(
                f"field {f.id}: an evidence date must be listed in the fields of the criterion "
                "it supports"
            )
    for cid, c in criteria.items():
        check_rule(f"criterion {cid}.rule", c.rule)
        if c.applies_when is not None:
            check_rule(f"criterion {cid}.applies_when", c.applies_when)
        for fid in c.fields:
            need_field(f"criterion {cid}.fields", fid)
    for f in p.fields:
        where = f"field {f.id}"
        if f.applies_when is not None:
            check_rule(f"{where}.applies_when", f.applies_when)
        for other in f.not_after:
            need_field(f"{where}.not_after", other, ("date",))
        if f.max_years_before is not None:
            need_field(f"{where}.max_years_before", f.max_years_before.field, ("date",))
        if f.role == "evidence_date" and f.type != "date":
            problems.append(f"{where}: an evidence date must be a date field, not {f.type}")
        if f.type in ("choice",) and not f.choices:
            problems.append(f"{where}: a choice field needs choices")
        if f.unit_field is not None:
            need_field(f"{where}.unit_field", f.unit_field, ("choice",))
            uf = fields.get(f.unit_field)
            if uf is not None:
                units = set(_choice_values(uf))
                if f.unit_factors is None or set(f.unit_factors) != units:
                    problems.append(f"{where}.unit_factors: need a factor for each of {units}")
        elif f.unit_factors is not None:
            if f.type != "number" or f.unit is None:
                problems.append(f"{where}.unit_factors: other units need a number with a 'unit'")
            elif f.unit_factors.get(f.unit) != 1 or any(v <= 0 for v in f.unit_factors.values()):
                problems.append(
                    f"{where}.unit_factors: {f.unit!r} (the field's unit) needs the factor 1 "
                    "and every factor must be above 0"
                )
        if f.optional and f.required_for_record:
            problems.append(f"{where}: a field cannot be both optional and required_for_record")
    problems += _role_problems(p, fields)
    for s in p.sections:
        for fid in s.fields:
            need_field(f"section {s.id}.fields", fid)
    for d in p.derived:
        where = f"derived {d.id}"
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
                problems.append(f"{where}: unknown derived value {d.age!r}")
            cf = fields.get(d.serum_creatinine)
            if cf is not None and d.creatinine_unit_for_formula not in (cf.unit_factors or {}):
                problems.append(f"{where}: no factor for {d.creatinine_unit_for_formula!r}")
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
        where = f"field {f.id}"
        if f.role in SINGLE_ROLES:
            if f.role in seen:
                problems.append(f"{where}: role {f.role!r} is already given to {seen[f.role]!r}")
            seen[f.role] = f.id
            wanted = SINGLE_ROLE_TYPES[f.role]
            if f.type != wanted:
                problems.append(f"{where}: role {f.role!r} needs a {wanted} field, not {f.type}")
        if f.role == "patient_sex" and f.type == "choice":
            values = sorted(str(v) for v in _choice_values(f))
            if values != sorted(SEX_VALUES):
                problems.append(
                    f"{where}: role 'patient_sex' needs exactly the choices "
                    f"{' and '.join(SEX_VALUES)}, not {', '.join(values) or 'none'}"
                )
        if f.uln_field is not None and f.role != "lab_value":
            problems.append(f"{where}.uln_field: only a field with role 'lab_value' names a ULN")
        if f.example_uln is not None and f.role != "uln":
            problems.append(f"{where}.example_uln: only a field with role 'uln' has an example")
        if f.role in ("lab_value", "uln") and f.type != "number":
            problems.append(f"{where}: role {f.role!r} needs a number field, not {f.type}")
        if f.role == "lab_value":
            problems += _lab_row_problems(f, fields)
        if f.role == "uln" and f.example_uln is not None and f.example_uln.unit:
            units = _unit_choices(f, fields)
            if units and f.example_uln.unit not in units:
                problems.append(
                    f"{where}.example_uln.unit: {f.example_uln.unit!r} is not one of "
                    f"{', '.join(units)}"
                )
    ulns = {f.uln_field for f in p.fields if f.role == "lab_value"}
    for f in p.fields:
        if f.role == "uln" and f.id not in ulns:
            problems.append(f"field {f.id}: no lab row (role 'lab_value') names this ULN")
    return problems


def _lab_row_problems(f: FieldDef, fields: dict[str, FieldDef]) -> list[str]:
    where = f"field {f.id}"
    if f.uln_field is None:
        return [f"{where}: a lab row (role 'lab_value') needs uln_field"]
    uln = fields.get(f.uln_field)
    if uln is None:
        return [f"{where}.uln_field: unknown field {f.uln_field!r}"]
    problems: list[str] = []
    if uln.role != "uln":
        problems.append(f"{where}.uln_field: {uln.id!r} needs the role 'uln'")
    if (uln.unit, uln.unit_field) != (f.unit, f.unit_field):
        problems.append(f"{where}.uln_field: {uln.id!r} must have the same unit as {f.id!r}")
    return problems


def _unit_choices(f: FieldDef, fields: dict[str, FieldDef]) -> list[str]:
    unit_field = fields.get(f.unit_field) if f.unit_field else None
    return [str(v) for v in _choice_values(unit_field)] if unit_field is not None else []


def _choice_values(f: FieldDef) -> list[str | int]:
    return [c.value for c in f.choices]


__all__ = ["reference_problems"]
