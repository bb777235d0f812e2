"""The records layer's reasons (invalid signature, untrusted signer, broken chain, newer
version) have ids and Chinese templates; English stays exactly as it was."""

from __future__ import annotations

import copy
import json
import pickle
import re
from pathlib import Path

import pytest

from nkscreen.cli import main
from nkscreen.records.reasons import (
    TEMPLATES,
    TEMPLATES_ZH_CN,
    Reason,
    from_json,
    placeholders,
    render,
    to_json,
)
from nkscreen.records.store import RecordStore
from tests.records.helpers import PASSPHRASE
from tests.records.reason_cases import reason_cases

#: An English word left in a Chinese template (placeholders removed first).
_ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def test_every_reason_has_a_chinese_template_with_the_same_parameters() -> None:
    assert set(TEMPLATES_ZH_CN) == set(TEMPLATES)
    for reason_id, english in TEMPLATES.items():
        chinese = TEMPLATES_ZH_CN[reason_id]
        assert placeholders(chinese) == placeholders(english), reason_id
        assert not _ENGLISH_WORD.search(re.sub(r"\{[^}]*\}", "", chinese)), reason_id


def test_a_reason_is_its_english_text_and_keeps_its_id() -> None:
    reason = Reason("chain.missing", version=1, linked_from=2)
    assert reason == "version 1 missing (version 2 amends it)"
    assert type(str(reason)) is str
    assert reason.id == "chain.missing"
    assert render(reason, "en") == reason
    assert render(reason, "zh_CN") == "第1版缺失（第2版是对它的修订）"
    assert render(reason, "fr") == reason  # a language without templates: English
    assert render("a sentence made elsewhere", "zh_CN") == "a sentence made elsewhere"
    for again in (copy.deepcopy(reason), pickle.loads(pickle.dumps(reason))):
        assert isinstance(again, Reason)
        assert (again, again.id, render(again, "zh_CN")) == (
            reason,
            reason.id,
            render(reason, "zh_CN"),
        )
    # Joined with other text it is plain text: never a sentence half in each language.
    assert not isinstance(reason + ".", Reason)
    assert json.dumps({"r": reason}) == '{"r": "version 1 missing (version 2 amends it)"}'


def test_nested_reasons_render_in_chinese_throughout() -> None:
    signer = Reason(
        "state.signer",
        name="张敏",
        user_id="zhangmin",
        role="主要研究者",
        meaning="approval",
        signed_at="2026-03-01T10:00:00+08:00",
    )
    broken = Reason(
        "chain.broken_intact",
        chain_break=Reason("chain.changed", version=1, linked_from=2),
        reason=Reason("state.valid", signers=(signer,)),
    )
    assert broken == (
        "the amendment chain is broken: version 1 changed since version 2 was made from it "
        "(the signatures themselves are intact: signed by 张敏 (zhangmin, 主要研究者) as "
        "approval on 2026-03-01T10:00:00+08:00)"
    )
    assert render(broken, "zh_CN") == (
        "版本链断裂：第2版据第1版修订之后，第1版已被改动（签名本身完整：签署：张敏（zhangmin，"
        "主要研究者），批准，签署于 2026-03-01T10:00:00+08:00）"
    )


def test_the_records_index_keeps_a_reason_and_refuses_one_that_does_not_match() -> None:
    reason = Reason("signature.damaged", index=2, name="Dr A", meaning="review")
    data = json.loads(json.dumps(to_json(reason)))
    again = from_json(str(reason), data)
    assert isinstance(again, Reason)
    assert again == reason
    assert not isinstance(from_json("another text", data), Reason)
    assert from_json("old index", None) == "old index"
    assert from_json("x", {"id": "no.such.id", "params": {}}) == "x"
    assert from_json("x", {"id": "signature.damaged", "params": {}}) == "x"


def test_each_reason_reads_the_same_from_the_folder_and_from_its_index(tmp_path: Path) -> None:
    cases = reason_cases(tmp_path / "data")
    store = RecordStore(tmp_path / "data")
    for name, case in cases.items():
        loaded = store.load(case.path)
        assert loaded.verification.state.value == case.state, name
        assert case.english in loaded.verification.reason, name
        assert case.chinese in render(loaded.verification.reason, "zh_CN"), name
    for _ in range(2):  # the second listing comes from the index
        rows = {r.path: r for r in store.list_records()}
        invalid = rows[cases["invalid"].path].verification
        assert invalid is not None
        assert render(invalid.reason, "zh_CN") == cases["invalid"].chinese


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    def run(data: Path, *argv: str) -> tuple[int, str]:
        monkeypatch.setenv("NKSCREEN_PASSPHRASE", PASSPHRASE)
        capsys.readouterr()
        code = main(["--data-dir", str(data), *argv])
        return code, capsys.readouterr().out

    return run


def test_verify_gives_each_reason_in_chinese_and_in_english_as_before(cli, tmp_path: Path) -> None:
    base = tmp_path / "data"
    cases = reason_cases(base)
    for name, case in cases.items():
        code, chinese = cli(base, "--lang", "zh_CN", "verify", str(case.path))
        assert code == 1, name
        assert case.chinese in chinese, name
        assert case.english not in chinese, name
        code, english = cli(base, "verify", str(case.path))
        assert code == 1, name
        assert case.english in english, name
        assert case.chinese not in english, name
    code, folder = cli(base, "--lang", "zh_CN", "verify", "--all")
    for name, case in cases.items():
        assert case.chinese in folder, name
        assert case.english not in folder, name
