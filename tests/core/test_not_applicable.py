"""``nkscreen evaluate`` lists the criteria that do not apply in ``not_applicable``.

The spec's case-file section: I6 and E5 for women without childbearing potential, E6 for men;
their statuses in ``criteria`` stay met/absent.
"""

from __future__ import annotations

from tests.core.spec_helpers import base_answers, evaluate, female_without_cbp


def test_man_lists_e6_and_keeps_its_status():
    run = evaluate(base_answers("male"))
    assert run.result["not_applicable"] == ["E6"]
    assert run.status("E6") == "absent"
    assert run.overall == "eligible"


def test_woman_without_childbearing_potential_lists_i6_and_e5():
    run = evaluate(female_without_cbp())
    assert run.result["not_applicable"] == ["I6", "E5"]
    assert run.status("I6") == "met"
    assert run.status("E5") == "absent"


def test_woman_with_childbearing_potential_has_none():
    run = evaluate(base_answers("female"))
    assert run.result["not_applicable"] == []


def test_unknown_sex_lists_nothing_as_not_applicable():
    answers = base_answers("male")
    del answers["sex"]
    run = evaluate(answers)
    assert run.result["not_applicable"] == []


def test_cli_text_uses_clinical_notation_json_keeps_ids():
    from tests.core.spec_helpers import changed

    run = evaluate(changed(base_answers("male"), alt=160))
    reason = next(r for r in run.reasons if r.startswith("I5"))
    assert "4.00 × ULN > 3 ×" in reason
    assert "x ULN" not in reason
    eligible = evaluate(base_answers("male"))
    assert "≤ 2 × (limit 42 µmol/L)" in eligible.result["explanations"]["I5A"]
