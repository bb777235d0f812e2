"""The core's messages in Chinese without Qt: same ids and placeholders as the English
templates, Chinese labels and words filled in, English unchanged."""

from __future__ import annotations

import json
import re
import string
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from nkscreen.core.engine import Evaluation, evaluate
from nkscreen.core.localize import render_message
from nkscreen.core.messages import TEMPLATES, Message
from nkscreen.core.messages_zh import TEMPLATES_ZH_CN
from nkscreen.core.protocol import Protocol, builtin_protocol
from nkscreen.core.protocol_texts import LocalizedTexts, localized

CASES = Path(__file__).resolve().parent.parent / "cases"
CASE_NAMES = sorted(p.stem for p in CASES.glob("*.json") if p.stem != "expected")
#: Latin words a Chinese evidence line may hold: units, formula names, the agents the case
#: files name, and the words of values typed into them.
LATIN_ALLOWED = {
    "mL",
    "min",
    "kg",
    "mg",
    "dL",
    "µmol",
    "allo",
    "Cockcroft",
    "Gault",
    "cytarabine",
    "venetoclax",
    "abc",
    "alt",
    "ulnn",
    "uln",
    "did",
    "you",
    "mean",
}


@pytest.fixture(scope="module")
def protocol() -> Protocol:
    return builtin_protocol("NCT06641648")


@pytest.fixture(scope="module")
def zh(protocol: Protocol) -> LocalizedTexts:
    return localized(protocol, "zh_CN")


def case(protocol: Protocol, name: str) -> Evaluation:
    data = json.loads((CASES / f"{name}.json").read_text("utf-8"), parse_float=Decimal)
    return evaluate(protocol, data["answers"])


def messages(evaluation: Evaluation) -> list[Message]:
    found = [m for r in evaluation.criteria.values() for m in r.evidence]
    found += evaluation.reasons + [w.message for w in evaluation.warnings]
    found += [e.message for e in evaluation.errors]
    found += [d.explanation for d in evaluation.derived.values() if d.explanation is not None]
    return found


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_a_chinese_template_with_the_same_placeholders() -> None:
    assert TEMPLATES_ZH_CN.keys() == TEMPLATES.keys()
    for key, english in TEMPLATES.items():
        assert placeholders(TEMPLATES_ZH_CN[key]) == placeholders(english), key
        if key != "rule.compare":  # "{label} {value} {unit} {relation} {limit} {unit}"
            assert re.search(r"[\u3000-\u9fff\uff00-\uffef]", TEMPLATES_ZH_CN[key]), key


@pytest.mark.parametrize("name", CASE_NAMES)
def test_english_rendering_is_the_command_lines(protocol: Protocol, name: str) -> None:
    english = localized(protocol, "en")
    for message in messages(case(protocol, name)):
        assert render_message(message, english) == str(message)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_chinese_evidence_has_no_english_words_left(
    protocol: Protocol, zh: LocalizedTexts, name: str
) -> None:
    for message in messages(case(protocol, name)):
        text = render_message(message, zh)
        words = set(re.findall(r"[A-Za-zµ]{2,}", text))
        words -= {w for w in words if w.isupper() or w in LATIN_ALLOWED}
        words -= {"ULN", "CrCl", "LVEF", "APTT", "INR", "ALT", "AST", "GVHD", "HSCT"}
        assert not words, f"{message.id}: {text}"


def test_chinese_evidence_reads_as_a_clinician_writes_it(
    protocol: Protocol, zh: LocalizedTexts
) -> None:
    female = case(protocol, "eligible_female")
    rendered = {
        cid: [render_message(m, zh) for m in r.evidence] for cid, r in female.criteria.items()
    }
    assert rendered["I1"] == ["年龄 46 岁 ≥ 18 岁"]
    assert "总胆红素 15 µmol/L / ULN 21 = 0.72 × ULN ≤ 2 × ULN（限值 42 µmol/L）" in rendered["I5A"]
    assert rendered["I5"][0].startswith("I5A 符合：ALT 45 U/L / ULN 40 = 1.13 × ULN ≤ 3 × ULN")
    assert "妊娠试验（尿或血）：阴性" in rendered["E6"]
    male = case(protocol, "eligible_male")
    assert [render_message(m, zh) for m in male.criteria["E6"].evidence] == ["不适用：仅适用于女性"]
    dli = case(protocol, "dli_recent")
    reason = render_message(dli.reasons[0], zh)
    assert reason == (
        "E2 近期抗肿瘤治疗（洗脱期）：存在。依据：E2D 存在：末次供者淋巴细胞输注（DLI）："
        "2026-11-15，输注前16天，处于6周窗口期内"
    )
    clearance = female.derived["crcl_ml_min"].explanation
    assert clearance is not None
    assert render_message(clearance, zh) == (
        "Cockcroft-Gault公式：(140 - 46岁) × 70 kg × 0.85 / (72 × 1.018 mg/dL) = 76.2 mL/min"
    )


def test_invalid_answers_in_chinese(protocol: Protocol, zh: LocalizedTexts) -> None:
    answers: dict[str, Any] = {
        "screening_id": "HX 1",
        "date_of_birth": "2027-01-01",
        "assessment_date": "2026-11-20",
        "contraception_agreed_12m": "yes",
        "contraception_not_guaranteed": "yes",
        "ecog": "9",
        "tbil": "15",
    }
    errors = {e.field: render_message(e.message, zh) for e in evaluate(protocol, answers).errors}
    assert errors["screening_id"] == "'HX 1' 无效：1至32个字符：字母A-Z、数字和-"
    assert errors["date_of_birth"] == "2027-01-01 晚于评估日期（2026-11-20）"
    assert errors["contraception_agreed_12m"] == (
        "同意在输注后12个月内采取有效避孕措施 = 是 与 入组后1年内无法保证有效避孕 = 是 相矛盾"
    )
    assert errors["ecog"] == "9 高于有效范围（≥0且≤5）"
    assert errors["tbil_unit"] == "请选择单位（µmol/L 或 mg/dL）"


def test_words_without_a_translation_stay_english(protocol: Protocol) -> None:
    """A language with a side file but no message templates gets English templates."""
    texts = LocalizedTexts(protocol=protocol, locale="fr", data=None)
    message = Message("rule.missing", {"label": "LVEF", "field": "lvef_pct"})
    assert render_message(message, texts) == "LVEF: not answered"


def test_the_reference_date_is_named_in_chinese_from_the_side_file() -> None:
    protocol = builtin_protocol("NCT06641648")
    zh = localized(protocol, "zh_CN")
    assert zh.field_reference("planned_infusion_date") == "输注"
    assert localized(protocol, "en").field_reference("planned_infusion_date") == "infusion"
    dli = case(protocol, "dli_recent")
    rendered = [render_message(m, zh) for m in dli.criteria["E2D"].evidence]
    assert any("输注前16天" in text for text in rendered), rendered
