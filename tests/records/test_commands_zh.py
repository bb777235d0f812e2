"""The command line in Chinese: ``--lang zh_CN`` or ``NKSCREEN_LANG=zh_CN`` turn every line a
person reads into Chinese (ids, file names, fingerprints and numbers unchanged); English stays
the default; exit codes and machine-readable output never change."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from nkscreen.cli import main
from nkscreen.cli.output import print_table, width
from nkscreen.cli.texts import CLI_TEXTS
from nkscreen.records.meanings import STATEMENTS
from tests.records.helpers import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CASE = str(CASES / "eligible_male.json")
#: The protocol's own English text in its version string (data, printed as it is).
_ASCII_WORDS = re.compile(r"[A-Za-z]{4,}")


@pytest.fixture
def cli(data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """``nkscreen --data-dir DATA [--lang LANG] ...`` in-process: (exit code, stdout, stderr)."""

    def run(
        *argv: str, lang: str | None = "zh_CN", data: Path | None = None
    ) -> tuple[int, str, str]:
        monkeypatch.setenv("NKSCREEN_PASSPHRASE", PASSPHRASE)
        capsys.readouterr()
        options = ["--lang", lang] if lang else []
        code = main(["--data-dir", str(data or data_dir), *options, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _create(cli, user_id: str = "zhangmin", name: str = "张敏", **kw) -> tuple[int, str, str]:
    return cli(
        "identity", "create", "--name", name, "--role", "investigator", "--user-id", user_id, **kw
    )


def _signed(cli, data_dir: Path) -> Path:
    code, out, err = _create(cli)
    assert code == 0, err
    code, out, err = cli("sign", CASE, "--meaning", "authorship")
    assert code == 0, err
    return Path(out.strip())


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_english_text_has_a_chinese_text_with_the_same_parameters() -> None:
    english, chinese = CLI_TEXTS["en"], CLI_TEXTS["zh_CN"]
    assert set(chinese) == set(english)
    for key, text in english.items():
        assert _placeholders(chinese[key]) == _placeholders(text), key
        assert chinese[key] != text or not _ASCII_WORDS.search(text), key
    # Table headers keep their number of columns.
    for key in ("list.header", "identity.header"):
        assert chinese[key].count("|") == english[key].count("|")


def test_identity_commands_speak_chinese(cli, data_dir: Path, tmp_path: Path) -> None:
    code, out, err = _create(cli)
    assert code == 0
    assert "已创建签名身份 zhangmin（张敏，investigator）" in out
    assert "密钥指纹：" in out
    assert "管理员" in out
    assert "正在创建 张敏（zhangmin）的签名身份" in err
    assert "Created identity" not in out
    assert "Key fingerprint" not in out
    fingerprint = re.search(r"密钥指纹：([0-9a-f ]+)", out)
    assert fingerprint is not None
    code, out, _ = _create(cli, "bob", "Dr Bob")
    assert code == 0
    assert "尚不是此处受信任的签署人" in out
    assert "nkscreen identity trust --user-id bob" in out

    code, out, _ = cli("identity", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("管理员：张敏（zhangmin），密钥 ")
    assert lines[1].split() == ["用户ID", "姓名", "角色", "信任", "密钥指纹"]
    assert "尚未获本中心信任" in out
    assert "管理员，受信任" in out
    assert fingerprint[1].strip() in out  # the fingerprint exactly as written
    assert "not trusted here yet" not in out
    assert "USER ID" not in out

    code, out, err = cli("identity", "trust", "--user-id", "bob")
    assert code == 0
    assert "信任 Dr Bob（bob，PI）" not in err  # bob's role is investigator
    assert "信任 Dr Bob（bob，investigator），密钥 " in err
    assert out.startswith("现已信任 Dr Bob（bob，investigator），密钥 ")
    code, out, _ = cli("identity", "trust", "--user-id", "bob")
    assert out.startswith("已受信任：Dr Bob")
    assert "Already trusted" not in out

    bob = re.search(r"密钥 ([0-9a-f ]+)$", out.strip())
    assert bob is not None
    code, out, err = cli("identity", "untrust", bob[1])
    assert code == 0
    assert "不再信任 Dr Bob（bob，investigator）。" in err
    assert out.startswith("已不再信任：Dr Bob（bob），密钥 ")
    assert "No longer" not in out + err

    code, out, err = cli("identity", "untrust", "abcd")
    assert code == 2
    assert err == "nkscreen: 没有受信任的密钥的指纹为 abcd。\n"


def test_wrong_passphrase_and_missing_identity_in_chinese(
    cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = cli("sign", CASE, "--meaning", "authorship")
    assert code == 2
    assert "中没有可用的签名身份" in err
    assert "nkscreen identity create --name NAME" in err
    assert "There is no usable" not in err
    _create(cli)
    monkeypatch.setattr("nkscreen.cli.signers.paths.passphrase_from_environment", lambda: "x" * 12)
    code, out, err = cli("sign", CASE, "--meaning", "authorship")
    assert code == 1
    assert out == ""
    assert "签名身份 zhangmin 的口令错误：未写入任何内容。" in err
    assert "Wrong passphrase" not in err


def test_sign_amend_verify_and_list_speak_chinese(cli, data_dir: Path, tmp_path: Path) -> None:
    _create(cli)
    code, out, err = cli("sign", CASE, "--meaning", "authorship")
    assert code == 0
    first = Path(out.strip())
    assert first.parent == data_dir / "records"  # stdout: the file, nothing else
    assert "以 张敏（zhangmin，investigator）的身份签名筛选号 HX-001：筛选结论 符合入组条件" in err
    assert STATEMENTS["zh_CN"]["authorship"] in err
    assert "已签名：筛选结论 符合入组条件" in err
    assert "Signing" not in err
    assert "verdict" not in err
    # The statement the signer read is the one the record keeps.
    record = json.loads(first.read_text())
    assert (
        record["signatures"][0]["manifestation"]["statement"] == STATEMENTS["zh_CN"]["authorship"]
    )

    code, _, err = cli("sign", CASE, "--meaning", "authorship")
    assert code == 2
    assert "筛选号 HX-001 已有已签名的记录" in err
    assert f"nkscreen amend {first}" in err
    assert "already has a signed record" not in err

    fixed = tmp_path / "corrected.json"
    case = json.loads(Path(CASE).read_text())
    case["answers"]["weight_kg"] = 68
    fixed.write_text(json.dumps(case))
    code, out, err = cli(
        "amend", str(first), str(fixed), "--reason", "体重复测", "--meaning", "authorship"
    )
    assert code == 0, err
    second = Path(out.strip())
    assert "修订第1版（sha256 " in err
    assert "修订原因：体重复测" in err
    assert "变更：" in err
    assert "体重：70 kg → 68 kg" in err
    assert "已签名第2版：筛选结论 符合入组条件" in err
    assert "Reason:" not in err
    assert "Changes:" not in err

    code, _, err = cli("amend", str(first), str(fixed), "--reason", "x", "--meaning", "review")
    assert code == 2
    assert "无法修订：这是第1版，已被第2版" in err
    assert "未签名任何内容。" in err
    assert "cannot be amended" not in err

    code, out, _ = cli("verify", str(first), str(second))
    assert code == 0
    one, two = out.splitlines()
    assert one.startswith(f"{first}：有效：签署：张敏（zhangmin，investigator），签名含义：作者，")
    assert f"已被第2版取代（{second.name}，张敏于" in one
    assert "UTC" in two
    assert "已被" not in two
    assert "VALID" not in out
    assert "signed by" not in out

    code, out, _ = cli("verify", "--all")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("数据文件夹日志：2行，日志链完整，始于 ")
    assert lines[1].startswith(f"records/{first.name}：有效：签署：张敏")
    assert lines[-1] == f"已检查 {data_dir} 中的2个记录文件：未发现问题。"
    assert "journal" not in out
    assert "checked" not in out
    assert "signed by" not in out

    code, out, _ = cli("list")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split() == [
        "筛选号",
        "姓名缩写",
        "评估日期",
        "筛选结论",
        "状态",
        "版本",
        "签署人",
        "签名",
        "文件",
    ]
    assert any("已签名（已被第2版取代）" in r and first.name in r for r in rows)
    assert all("符合入组条件" in r and "张敏（作者）" in r and "有效" in r for r in rows)
    # Columns line up as a terminal shows Chinese (two columns a character).
    starts = {width(r[: r.index(".json") - 32]) for r in (header, *rows) if ".json" in r}
    assert len(starts) == 1
    assert "eligible" not in out
    assert "signed" not in out


def test_invalid_case_and_incomplete_screening_in_chinese(cli, data_dir: Path) -> None:
    _create(cli)
    code, out, err = cli("sign", str(CASES / "bad_number.json"), "--meaning", "authorship")
    assert code == 2
    assert out == ""
    assert "该病例无法生成记录，未签名任何内容" in err
    assert "alt：'abc' 不是数字" in err  # the core's message, rendered in Chinese
    assert "not a number" not in err
    assert "nothing was signed" not in err
    incomplete = str(CASES / "missing_lvef.json")
    code, out, err = cli("sign", incomplete, "--meaning", "authorship")
    assert code == 2
    assert "筛选信息不完整（未填写：lvef_pct" in err
    assert "--allow-incomplete" in err
    assert "INCOMPLETE" not in err
    code, out, err = cli("sign", incomplete, "--meaning", "authorship", "--allow-incomplete")
    assert code == 0, err
    assert "已签名：筛选结论 信息不完整" in err


def test_verify_states_and_errors_with_nkscreen_lang(
    cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NKSCREEN_LANG", "zh_CN")
    code, out, _ = cli("verify", str(FIXTURES / "unsigned.json"), lang=None)
    assert code == 1
    assert out == f"{FIXTURES / 'unsigned.json'}：未签名：记录尚未签名\n"
    code, out, _ = cli("verify", str(FIXTURES / "tampered_answer.json"), lang=None)
    assert code == 1  # the exit code never depends on the language
    assert out.startswith(f"{FIXTURES / 'tampered_answer.json'}：无效：")
    code, out, _ = cli("verify", str(FIXTURES / "unreadable_truncated.json"), lang=None)
    assert code == 2
    assert "：无法读取：" in out
    assert "UNREADABLE" not in out
    code, out, err = cli("verify", lang=None)
    assert code == 2
    assert err == "nkscreen: 请给出要验证的记录文件，或用 --all 验证整个数据文件夹（二者择一）。\n"
    (data_dir / "records").mkdir(parents=True)
    code, out, _ = cli("list", lang=None)
    assert code == 0
    assert out == f"{data_dir / 'records'} 中没有已保存的记录。\n"
    # --lang beats the environment.
    code, out, _ = cli("list", lang="en")
    assert out == f"No saved records in {data_dir / 'records'}.\n"


def test_data_folder_that_is_a_file_in_chinese(cli, tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    code, out, err = cli("list", data=afile)
    assert code == 2
    assert out == ""
    assert err == (
        f"nkscreen: 数据文件夹 {afile} 是一个文件，不是文件夹：请用 --data-dir 或 "
        "NKSCREEN_DATA_DIR 另选一个。\n"
    )


def test_protocol_list_and_check_in_chinese(cli, data_dir: Path, tmp_path: Path) -> None:
    code, out, _ = cli("protocol", "list")
    assert code == 0
    assert "30条标准，64个字段，sha256 " in out
    assert "[内置：" in out
    assert "本中心方案文件夹：" in out
    assert "criteria" not in out
    assert "bundled" not in out
    bundled = ROOT / "resources" / "protocols" / "NCT06641648.json"
    code, out, err = cli("protocol", "check", str(bundled))
    assert code == 0
    assert out.startswith(f"{bundled}：可用：NCT06641648 版本 ")
    assert "如要使用，请将其复制到" in err
    assert "To use it" not in err
    broken = tmp_path / "broken.json"
    broken.write_text("{}")
    code, out, _ = cli("protocol", "check", str(broken))
    assert code == 2
    assert out.startswith(f"{broken}：无法使用：")
    assert "个问题：" in out
    assert "cannot be used" not in out


def test_export_in_chinese(cli, data_dir: Path, tmp_path: Path) -> None:
    first = _signed(cli, data_dir)
    out_dir = tmp_path / "edc"
    code, out, err = cli("export", "redcap", "--all", "-o", str(out_dir))
    assert code == 0
    assert out.splitlines()[-1] == "已导出1条记录。"
    assert err == ""
    code, out, err = cli(
        "export", "fhir", str(first), str(FIXTURES / "unsigned.json"), "-o", str(out_dir)
    )
    assert code == 0
    assert out.splitlines()[-1] == "已导出1条记录；1条未导出。"
    assert err.startswith("nkscreen: 未导出 unsigned.json（筛选号 ")
    assert "went out" not in out
    assert "left out" not in err
    code, out, err = cli("export", "log", "--from", "2026-13-01", "-o", str(tmp_path / "l.csv"))
    assert code == 2
    assert err == "nkscreen: --from '2026-13-01' 不是日期：请使用 YYYY-MM-DD 格式。\n"
    code, out, _ = cli("export", "log", "-o", str(tmp_path / "log.csv"))
    assert code == 0
    assert "筛选登记表中有1次筛选" in out
    assert "screening(s)" not in out


def test_english_is_the_default_and_the_same_as_lang_en(cli, data_dir: Path) -> None:
    """Scripts read the same English whatever the computer's language (no --lang, no
    NKSCREEN_LANG) and with --lang en."""
    first = _signed(cli, data_dir)
    for argv in (
        ("verify", str(first)),
        ("verify", "--all"),
        ("list",),
        ("identity", "list"),
        ("protocol", "list"),
        ("verify", str(FIXTURES / "unsigned.json")),
    ):
        default = cli(*argv, lang=None)
        assert cli(*argv, lang="en") == default, argv
        assert not re.search(r"[\u4e00-\u9fff]", default[1].replace("张敏", "")), argv
    _, out, _ = cli("verify", str(first), lang=None)
    assert out.startswith(f"{first}: VALID: signed by 张敏 (zhangmin, investigator) as authorship")


def test_evaluate_json_does_not_depend_on_the_language(cli) -> None:
    english = cli("evaluate", CASE, lang="en")
    chinese = cli("evaluate", CASE, lang="zh_CN")
    assert english == chinese
    assert json.loads(english[1])["overall"] == "eligible"


def test_tables_pad_chinese_by_its_width(capsys: pytest.CaptureFixture[str]) -> None:
    print_table([["姓名", "X"], ["张敏敏", "Y"], ["ab", "Z"]])
    lines = capsys.readouterr().out.splitlines()
    assert [width(line[: line.index(c)]) for line, c in zip(lines, "XYZ", strict=True)] == [8] * 3
