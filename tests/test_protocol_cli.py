"""``nkscreen protocol list`` and ``check``, and commands taking a case's protocol version."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from nkscreen.cli import main

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_FILE = ROOT / "resources" / "protocols" / "NCT06641648.json"
DEMO_FILE = ROOT / "tests" / "data" / "protocols" / "DEMO-RCC-01.json"
CASES = ROOT / "tests" / "cases"


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--data-dir", str(tmp_path / "data"), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _install(tmp_path: Path, source: Path, name: str | None = None) -> Path:
    folder = tmp_path / "data" / "protocols"
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(source, folder / (name or source.name)))


def test_check_a_good_file_exits_0(run) -> None:
    code, out, _ = run("protocol", "check", str(DEMO_FILE))
    assert code == 0
    assert out.startswith(f"{DEMO_FILE}: OK: DEMO-RCC-01 version demo 1.0")
    assert "7 criteria, 15 fields" in out


def test_check_lists_every_problem_by_place_and_exits_2(run, tmp_path: Path) -> None:
    data = json.loads(DEMO_FILE.read_text("utf-8"))
    data["criteria"][1]["rule"]["field"] = "karnofski"
    data["fields"][7]["uln_field"] = "alp_ulm"
    data["fields"][2]["choices"] = [{"value": "f", "label": "F"}, {"value": "m", "label": "M"}]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), "utf-8")
    code, out, _ = run("protocol", "check", str(bad))
    assert code == 2
    lines = out.splitlines()
    assert lines[0] == f"{bad}: cannot be used: 7 problem(s):"
    assert len(lines) == 8
    assert "  criterion IN2.rule: unknown field 'karnofski'" in lines
    assert "  field alp.uln_field: unknown field 'alp_ulm'" in lines
    assert "  field alp_uln: no lab row (role 'lab_value') names this ULN" in lines
    assert "  criterion EX2.applies_when: 'female' is not a choice of 'gender'" in lines
    assert (
        "  field gender: role 'patient_sex' needs exactly the choices female and male, not f, m"
        in lines
    )


def test_check_shape_problems_by_place(run, tmp_path: Path) -> None:
    data = json.loads(DEMO_FILE.read_text("utf-8"))
    data["fields"][6]["colour"] = "red"
    del data["criteria"][0]["label"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), "utf-8")
    code, out, _ = run("protocol", "check", str(bad))
    assert code == 2
    assert "  fields[6] (karnofsky).colour: Extra inputs are not permitted" in out
    assert "  criteria[0] (IN1).label: Field required" in out


def test_check_refuses_an_id_and_version_already_installed(run, tmp_path: Path) -> None:
    code, out, _ = run("protocol", "check", str(BUNDLED_FILE))
    assert code == 0  # the bundled file itself is not a conflict with itself
    copy = tmp_path / "copy.json"
    shutil.copy(BUNDLED_FILE, copy)
    code, out, _ = run("protocol", "check", str(copy))
    assert code == 2
    assert "is already installed" in out


def test_check_an_unreadable_file(run, tmp_path: Path) -> None:
    code, out, _ = run("protocol", "check", str(tmp_path / "none.json"))
    assert code == 2
    assert "cannot read: the file does not exist" in out


def test_list_shows_bundled_site_and_broken_files(run, tmp_path: Path) -> None:
    _install(tmp_path, DEMO_FILE)
    (tmp_path / "data" / "protocols" / "half.json").write_text('{"schema_version": 1', "utf-8")
    code, out, _ = run("protocol", "list")
    assert code == 0
    assert "NCT06641648 version" in out
    assert "[bundled: " in out
    assert "DEMO-RCC-01 version demo 1.0" in out
    assert "half.json: [site] cannot be used: 1 problem(s):" in out
    assert "not valid JSON" in out
    assert f"Site protocols folder: {tmp_path / 'data' / 'protocols'}" in out


def test_evaluate_uses_the_site_protocol_and_the_named_version(run, tmp_path: Path) -> None:
    case = ROOT / "tests" / "data" / "cases" / "demo_eligible_female.json"
    code, _, err = run("evaluate", str(case))
    assert code == 2
    assert "unknown protocol 'DEMO-RCC-01'" in err
    _install(tmp_path, DEMO_FILE)
    code, out, _ = run("evaluate", str(case))
    assert code == 0
    assert json.loads(out)["overall"] == "eligible"
    data = json.loads(case.read_text("utf-8"))
    data["protocol_version"] = "demo 0.9"
    older = tmp_path / "older.json"
    older.write_text(json.dumps(data), "utf-8")
    code, _, err = run("evaluate", str(older))
    assert code == 2
    assert "version 'demo 0.9' is not installed (installed: demo 1.0" in err


def test_a_broken_site_file_does_not_stop_evaluate(run, tmp_path: Path) -> None:
    _install(tmp_path, DEMO_FILE, "broken.json").write_text("{", "utf-8")
    code, out, _ = run("evaluate", str(CASES / "eligible_male.json"))
    assert code == 0
    assert json.loads(out)["overall"] == "eligible"


def test_check_and_list_give_the_problems_in_chinese_with_lang(run, tmp_path: Path) -> None:
    data = json.loads(DEMO_FILE.read_text("utf-8"))
    data["criteria"][1]["rule"]["field"] = "karnofski"
    data["fields"][2]["choices"] = [{"value": "f", "label": "F"}, {"value": "m", "label": "M"}]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), "utf-8")
    code, out, _ = run("--lang", "zh_CN", "protocol", "check", str(bad))
    assert code == 2
    lines = out.splitlines()
    assert lines[0] == f"{bad}：无法使用：4个问题："
    assert "  标准 IN2.rule：未知字段 'karnofski'" in lines
    assert "  标准 EX2.applies_when：'female' 不是 'gender' 的选项" in lines
    assert "  字段 gender：角色 'patient_sex' 的选项必须正好是 female 和 male，而不是 f、m" in lines
    assert not [line for line in lines[1:] if "unknown" in line or "choice" in line]
    # The same file in the data folder's protocols folder, and one that is not JSON.
    _install(tmp_path, bad)
    (tmp_path / "data" / "protocols" / "half.json").write_text('{"schema_version": 1', "utf-8")
    code, out, _ = run("--lang", "zh_CN", "protocol", "list")
    assert code == 0
    assert "  标准 IN2.rule：未知字段 'karnofski'" in out.splitlines()
    assert "  不是有效的 JSON：" in out
    assert "not valid JSON" not in out
    # Without --lang, the English as it always was.
    code, out, _ = run("protocol", "list")
    assert "  criterion IN2.rule: unknown field 'karnofski'" in out.splitlines()
    assert "  not valid JSON: " in out


def test_a_side_file_s_problems_in_chinese(tmp_path: Path) -> None:
    from nkscreen.core.localized_texts import ProtocolTextsError, localized
    from nkscreen.core.protocol import load_protocol
    from nkscreen.sentences import error_text

    site = _install(tmp_path, DEMO_FILE)
    side = site.with_name("DEMO-RCC-01.zh_CN.json")
    side.write_text(
        json.dumps(
            {
                "schema_version": 1,
                "locale": "zh_CN",
                "protocol": "OTHER",
                "english_sha256": "0" * 64,
            }
        ),
        "utf-8",
    )
    with pytest.raises(ProtocolTextsError) as refused:
        localized(load_protocol(site), "zh_CN", site)
    assert str(refused.value) == f"{side}: it translates protocol 'OTHER', not 'DEMO-RCC-01'"
    assert error_text(refused.value, "zh_CN") == (
        f"{side}：它翻译的是方案 'OTHER'，而不是 'DEMO-RCC-01'"
    )
