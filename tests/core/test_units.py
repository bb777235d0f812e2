"""A number typed in another unit than the protocol keeps (weight in lb, kept in kg), and
optional fields that are never asked for as missing. Qt-free."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from nkscreen.core.engine import evaluate
from nkscreen.core.protocol import ProtocolError, builtin_protocol, parse_protocol
from nkscreen.core.units import (
    EnteredValue,
    entry_units,
    in_unit,
    kept_source,
    other_unit_text,
    to_field_unit,
)

ROOT = Path(__file__).resolve().parents[2]
PROTOCOL_FILE = ROOT / "resources/protocols/NCT06641648.json"


def load_case(name: str) -> dict:
    return json.loads((ROOT / "tests/cases" / f"{name}.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def weight():
    protocol = builtin_protocol("NCT06641648")
    [field] = [f for f in protocol.fields if entry_units(f)]
    return field


def test_the_weight_may_be_typed_in_kg_or_lb_and_is_kept_in_kg(weight) -> None:
    assert weight.unit == "kg"
    assert entry_units(weight) == ["kg", "lb"]
    assert weight.unit_factors["lb"] == Decimal("0.45359237")  # exact, by definition


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("154.3", "69.99"),  # 69.98930269... rounded half-up to 2 decimals
        ("100", "45.36"),  # 45.359237
        ("154.32358", "70"),  # 70.0000...: trailing zeros trimmed
        ("44.1", "20"),  # 20.0034...
        ("0.011", "0"),  # 0.00498... rounds to 0.00
        ("1.1023113", "0.5"),  # 0.49999999... half-up
    ],
)
def test_lb_converts_with_exact_decimals_then_two_places_half_up(weight, typed, kept) -> None:
    assert to_field_unit(weight, Decimal(typed), "lb") == Decimal(kept)
    assert str(to_field_unit(weight, Decimal(typed), "lb")) == kept
    assert to_field_unit(weight, Decimal("70"), "kg") == Decimal("70")  # its own unit: as typed


def test_the_other_unit_is_shown_to_one_decimal(weight) -> None:
    assert in_unit(weight, Decimal("70"), "lb") == Decimal("154.3")
    assert other_unit_text(weight, Decimal("70"), None) == "154.3 lb"
    typed = EnteredValue("154.3", "lb")
    assert other_unit_text(weight, Decimal("69.99"), typed) == "154.3 lb"  # as typed


def test_a_typed_value_is_the_source_only_while_it_gives_the_answer(weight) -> None:
    typed = EnteredValue("154.3", "lb")
    assert kept_source(weight, typed, Decimal("69.99"))
    assert kept_source(weight, typed, "69.99")
    assert not kept_source(weight, typed, Decimal("68"))  # amended since
    assert not kept_source(weight, EnteredValue("70", "kg"), Decimal("70"))  # its own unit
    assert not kept_source(weight, EnteredValue("70", "stone"), Decimal("70"))


def test_the_engine_gets_kg_and_a_lb_value_decides_as_its_kg(weight) -> None:
    answers = dict(load_case("eligible_male")["answers"])
    answers[weight.id] = str(to_field_unit(weight, Decimal("154.3"), "lb"))
    result = evaluate(builtin_protocol("NCT06641648"), answers)
    assert result.answers.values[weight.id] == Decimal("69.99")
    expected = (140 - 46) * Decimal("69.99") / (72 * (Decimal(90) / Decimal("88.4")))
    clearance = result.derived["crcl_ml_min"].value
    assert isinstance(clearance, Decimal)
    assert abs(clearance - expected) < Decimal("1e-20")


def _protocol_with(change) -> bytes:
    data = json.loads(PROTOCOL_FILE.read_text("utf-8"))
    change(data)
    return json.dumps(data).encode()


def _field(data: dict, field_id: str) -> dict:
    return next(f for f in data["fields"] if f["id"] == field_id)


def test_a_protocol_unit_system_is_checked() -> None:
    def no_own_unit(data: dict) -> None:
        _field(data, "weight_kg")["unit_factors"] = {"lb": "0.45359237"}

    def optional_and_required(data: dict) -> None:
        _field(data, "screening_id")["optional"] = True

    with pytest.raises(ProtocolError, match=r"'kg' \(the field's unit\) needs the factor 1"):
        parse_protocol(_protocol_with(no_own_unit))
    with pytest.raises(ProtocolError, match="both optional and required_for_record"):
        parse_protocol(_protocol_with(optional_and_required))


def test_an_optional_field_is_never_asked_for_but_evaluate_keeps_the_spec_list() -> None:
    """The measured CrCl may stay empty: a person is not told it is missing. ``evaluate``'s
    ``missing`` lists every unanswered field used by an unknown criterion (the spec's
    wording), so it still names it there."""
    protocol = builtin_protocol("NCT06641648")
    answers = dict(load_case("eligible_male")["answers"])
    answers["creatinine"] = 200
    del answers["weight_kg"]
    result = evaluate(protocol, answers)
    assert result.criteria["I5C"].status == "unknown"
    assert "crcl_measured" in result.missing
    assert "crcl_measured" in result.to_json()["missing"]
    assert "crcl_measured" not in result.to_answer()
    assert "weight_kg" in result.to_answer()
