"""A protocol's side file of texts in another language: checked against the protocol's ids,
complete for the shipped Chinese translation, English wherever a text is not translated."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from nkscreen.core.protocol import builtin_protocol, builtin_protocol_ids, load_protocol
from nkscreen.core.protocol_texts import (
    ProtocolTextsError,
    english_fingerprint,
    english_texts,
    is_side_file,
    load_side_file,
    localized,
    side_file_path,
    translation_problems,
)
from nkscreen.resources import resource_path

PROTOCOL_FILE = resource_path("protocols", "NCT06641648.json")
ZH_FILE = resource_path("protocols", "NCT06641648.zh_CN.json")
#: Abbreviations Chinese clinicians write in words instead (the word must be there).
IN_WORDS = {"IV": "静脉", "TB": "结核", "HSCT": "造血干细胞移植", "ID": "号"}
ABBREVIATION = re.compile(r"(?<![A-Za-z])[A-Z][A-Z0-9-]*[A-Z0-9](?![a-z])")


def zh_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ZH_FILE.read_text("utf-8"))
    return data


def write(folder: Path, protocol_data: dict[str, Any], texts: dict[str, Any]) -> Path:
    """A protocol and its zh_CN side file in ``folder``; returns the protocol's path."""
    folder.mkdir(exist_ok=True)
    path = folder / "NCT06641648.json"
    path.write_text(json.dumps(protocol_data, ensure_ascii=False), "utf-8")
    side_file_path(path, "zh_CN").write_text(json.dumps(texts, ensure_ascii=False), "utf-8")
    return path


def test_the_chinese_translation_is_complete_and_current() -> None:
    protocol = builtin_protocol("NCT06641648")
    texts = localized(protocol, "zh_CN")
    assert texts.translated
    assert texts.data is not None
    assert translation_problems(protocol, texts.data) == []


def test_every_text_of_the_protocol_has_a_key() -> None:
    protocol = builtin_protocol("NCT06641648")
    english = english_texts(protocol)
    assert english["fields.sex.choices.female"] == "Female"
    assert english["fields.ecog.choices.0"].startswith("0: Fully active")
    assert english["criteria.I4A.text"].startswith("A. Diagnostic criteria for relapsed AML")
    assert english["criteria.E6.not_applicable_reason"] == "applies to women only"
    assert english["units.years"] == "years"
    expected = 4 + len(protocol.sections) + len(protocol.derived) + 2 * len(protocol.all_criteria)
    assert len(english) > expected


def test_abbreviations_and_units_are_kept_as_clinicians_write_them() -> None:
    protocol = builtin_protocol("NCT06641648")
    texts = load_side_file(ZH_FILE, protocol, "zh_CN")
    english = english_texts(protocol)
    chinese = dict.fromkeys(english, "")
    for key in english:
        section, *rest = key.split(".")
        node: Any = texts.model_dump()[section]
        for part in rest:
            node = node.get(part) if isinstance(node, dict) else None
        chinese[key] = node or ""
    for key, text in english.items():
        if key.startswith("protocol_texts."):
            continue  # the title is written out in full
        for abbreviation in ABBREVIATION.findall(text):
            if abbreviation in ("A", "B", "C", "D", "E", "F"):
                continue
            kept = abbreviation in chinese[key] or IN_WORDS.get(abbreviation, "\0") in chinese[key]
            assert kept, f"{key}: {abbreviation!r} lost in {chinese[key]!r}"
        for unit in ("mg/dL", "µmol/L", "mL/min", "U/L"):
            assert (unit in text) <= (unit in chinese[key]), (key, unit)


def test_standard_chinese_clinical_terms() -> None:
    texts = localized(builtin_protocol("NCT06641648"), "zh_CN")
    assert texts.field_label("relapse_bm_blasts_pct") == "骨髓原始细胞"
    assert texts.field_label("alt_uln") == "ALT正常值上限"
    assert "供者淋巴细胞输注（DLI）" in texts.field_label("last_dli_date")
    assert "异基因造血干细胞移植" in texts.field_label("allo_hsct")
    assert texts.criterion_label("I3").startswith("ECOG体能状态评分")
    assert "微小残留病（MRD）" in texts.criterion_text("I4B")
    assert "急性移植物抗宿主病" in texts.criterion_text("I4C")
    assert "肌酐清除率" in texts.criterion_text("I5C")
    assert "左心室射血分数（LVEF）" in texts.criterion_text("I5D")
    assert "髓外白血病细胞浸润" in texts.criterion_text("I4A")
    assert texts.choice_label("sex", "female") == "女"
    assert texts.choice_label("ecog", 5) == "5：死亡"
    assert texts.unit("years") == "岁"
    assert texts.unit("U/L") == "U/L"


def test_the_english_registry_text_stays_the_verbatim_source() -> None:
    protocol = builtin_protocol("NCT06641648")
    texts = localized(protocol, "zh_CN")
    assert texts.registry_text("I1") == protocol.criterion_map["I1"].text
    # The one copying artefact of the registry copy is shown as the specification says.
    assert "investigator's judgment" in texts.registry_text("E9")
    assert "\\" not in texts.registry_text("E9")


def test_english_is_the_protocol_itself() -> None:
    protocol = builtin_protocol("NCT06641648")
    texts = localized(protocol, "en")
    assert not texts.translated
    assert texts.field_label("sex") == "Sex"
    assert texts.criterion_text("I2") == protocol.criterion_map["I2"].text
    assert texts.unit("years") == "years"


def test_side_files_are_not_protocols() -> None:
    assert builtin_protocol_ids() == ["NCT06641648"]
    assert is_side_file(ZH_FILE)
    assert not is_side_file(PROTOCOL_FILE)
    assert side_file_path(PROTOCOL_FILE, "zh_CN") == ZH_FILE


def test_a_protocol_without_a_side_file_is_english(tmp_path: Path) -> None:
    path = tmp_path / "NCT06641648.json"
    path.write_bytes(PROTOCOL_FILE.read_bytes())
    protocol = load_protocol(path)
    texts = localized(protocol, "zh_CN", path)
    assert not texts.translated
    assert texts.locale == "zh_CN"
    assert texts.field_label("sex") == "Sex"


def test_each_text_falls_back_to_english_on_its_own(tmp_path: Path) -> None:
    data = json.loads(PROTOCOL_FILE.read_text("utf-8"))
    partial = {**zh_data(), "fields": {"sex": {"label": "性别"}}, "criteria": {}}
    path = write(tmp_path, data, partial)
    protocol = load_protocol(path)
    texts = localized(protocol, "zh_CN", path)
    assert texts.field_label("sex") == "性别"
    assert texts.choice_label("sex", "female") == "Female"
    assert texts.field_label("ecog") == "ECOG performance status"
    assert texts.criterion_label("I1") == "Age 18 years or older"
    assert texts.data is not None
    problems = translation_problems(protocol, texts.data)
    assert "fields.sex.choices.female: not translated ('Female')" in problems
    assert any(p.startswith("criteria.I1.text: not translated") for p in problems)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda t: t["fields"].update({"ecgo": {"label": "x"}}), "fields.ecgo.label: the protocol"),
        (
            lambda t: t["fields"]["sex"]["choices"].update({"other": "其他"}),
            "fields.sex.choices.other: the protocol has no such text",
        ),
        (
            lambda t: t["fields"]["aml_diagnosis"].update({"help": "帮助"}),
            "fields.aml_diagnosis.help: the protocol has no such text",
        ),
        (
            lambda t: t["criteria"].update({"I8": {"label": "x"}}),
            "criteria.I8.label: the protocol has no such text",
        ),
        (
            lambda t: t["criteria"]["I1"].update({"not_applicable_reason": "x"}),
            "criteria.I1.not_applicable_reason: the protocol has no such text",
        ),
        (lambda t: t["units"].update({"weeks": "周"}), "units.weeks: the protocol has no such"),
        (lambda t: t["derived"].update({"bmi": {"label": "x"}}), "derived.bmi.label"),
        (lambda t: t["sections"].update({"labs": {"title": "x"}}), "sections.labs.title"),
        (lambda t: t.update({"protocol": "NCT00000000"}), "not 'NCT06641648'"),
        (lambda t: t.update({"locale": "zh_TW"}), "locale 'zh_TW', not 'zh_CN'"),
        (lambda t: t["fields"]["sex"].update({"label": "  "}), "fields.sex.label"),
        (lambda t: t["fields"]["sex"].update({"lable": "性别"}), "fields.sex.lable"),
    ],
)
def test_a_stray_or_malformed_key_is_refused_with_its_place(
    tmp_path: Path, change: Any, problem: str
) -> None:
    texts = zh_data()
    change(texts)
    path = write(tmp_path, json.loads(PROTOCOL_FILE.read_text("utf-8")), texts)
    protocol = load_protocol(path)
    with pytest.raises(ProtocolTextsError, match=re.escape(problem)):
        localized(protocol, "zh_CN", path)


def test_a_protocol_change_makes_the_translation_follow(tmp_path: Path) -> None:
    """A new field is untranslated, a removed one leaves a stray key, a changed English
    text makes the translation stale: each is reported."""
    data = json.loads(PROTOCOL_FILE.read_text("utf-8"))
    data["fields"].append({"id": "bmi", "label": "Body mass index", "type": "number"})
    path = write(tmp_path / "added", data, zh_data())
    protocol = load_protocol(path)
    loaded = load_side_file(side_file_path(path, "zh_CN"), protocol, "zh_CN")
    problems = translation_problems(protocol, loaded)
    assert "fields.bmi.label: not translated ('Body mass index')" in problems
    assert any(p.startswith("english_sha256: the English texts changed") for p in problems)
    assert english_fingerprint(protocol) in problems[-1]

    data = json.loads(PROTOCOL_FILE.read_text("utf-8"))
    data["fields"] = [f for f in data["fields"] if f["id"] != "lactating"]
    for criterion in data["criteria"]:
        if criterion["id"] == "E6":
            criterion["fields"].remove("lactating")
            criterion["rule"]["of"] = [
                r for r in criterion["rule"]["of"] if "lactating" not in str(r)
            ]
    path = write(tmp_path / "removed", data, zh_data())
    with pytest.raises(ProtocolTextsError, match=r"fields\.lactating\.label: the protocol has no"):
        localized(load_protocol(path), "zh_CN", path)

    data = json.loads(PROTOCOL_FILE.read_text("utf-8"))
    data["criteria"][0]["text"] = "1.Age ≥ 16 years old, no gender or race"
    path = write(tmp_path / "changed", data, zh_data())
    protocol = load_protocol(path)
    texts = localized(protocol, "zh_CN", path)
    assert texts.data is not None
    assert [p.split(":")[0] for p in translation_problems(protocol, texts.data)] == [
        "english_sha256"
    ]


def test_an_unreadable_side_file_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, json.loads(PROTOCOL_FILE.read_text("utf-8")), {})
    side_file_path(path, "zh_CN").write_text("{not json", "utf-8")
    with pytest.raises(ProtocolTextsError, match=r"NCT06641648\.zh_CN\.json: "):
        localized(load_protocol(path), "zh_CN", path)
