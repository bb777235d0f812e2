"""The records layer's, the settings' and the file reader's errors have ids and Chinese
templates (nkscreen.sentences): a Chinese window or command shows them in Chinese, English
stays byte for byte what it always was."""

from __future__ import annotations

import os
import re
import socket
import sys
from pathlib import Path

import pytest

from nkscreen import paths
from nkscreen.cli import main
from nkscreen.records.atomic import LockedError, StorageError, atomic_write
from nkscreen.records.identity import (
    IdentityError,
    WrongPassphraseError,
    create_identity,
    load_identity,
    unlock,
)
from nkscreen.records.model import RecordFormatError, read_json_file
from nkscreen.records.store import RecordStore
from nkscreen.safe_files import FileRefusedError, read_document
from nkscreen.sentences import TABLES, Sentence, error_text, placeholders, render
from tests.records.helpers import PASSPHRASE

#: A Latin word left in a Chinese template, other than the names kept as written.
_KEPT = {"nkscreen", "JSON", "FIFO", "UTC", "PDF", "ULN", "schema_version", "USER_ID", "FOLDER"}
_LATIN = re.compile(r"[A-Za-z_]{3,}")


def _english_words(template: str) -> set[str]:
    text = re.sub(r"\{[^}]*\}|\\u[0-9a-f]{4}", "", template)
    text = re.sub(r"“nkscreen [^”]*”|'[^']*'|\(-o [^)]*\)|（-o [^）]*）", "", text)
    return set(_LATIN.findall(text)) - _KEPT


def test_every_sentence_has_a_chinese_template_with_the_same_parameters() -> None:
    # Every table is registered by the modules that raise its sentences.
    import nkscreen.core.protocol_checks
    import nkscreen.records.assessment
    import nkscreen.records.store
    import nkscreen.records.trust
    import nkscreen.settings  # noqa: F401
    from nkscreen.records import folder_check, public_identity  # noqa: F401

    english, chinese = TABLES["en"], TABLES["zh_CN"]
    prefixes = {i.split(".")[0] for i in english}
    assert {"file", "format", "disk", "lock", "store", "identity", "trust", "journal"} <= prefixes
    assert {"pfile", "pcheck", "ptexts", "save", "note", "notes"} <= prefixes
    assert set(chinese) == set(english)
    for sentence_id, text in english.items():
        assert placeholders(chinese[sentence_id]) == placeholders(text), sentence_id
        assert not _english_words(chinese[sentence_id]), (sentence_id, chinese[sentence_id])


def test_a_refused_file_says_why_in_english_as_before_and_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(FileRefusedError) as refused:
        read_document(tmp_path)
    assert str(refused.value) == "this is a folder, not a file"
    assert error_text(refused.value, "zh_CN") == "这是文件夹，不是文件"
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2000)
    with pytest.raises(FileRefusedError) as too_large:
        read_document(big, limit=1000)
    assert str(too_large.value) == (
        "the file is too large to be an nkscreen file (2,000 bytes; the limit is 1,000)"
    )
    assert error_text(too_large.value, "zh_CN") == (
        "文件太大，不可能是 nkscreen 文件（2,000 字节；上限为 1,000 字节）"
    )
    if sys.platform != "win32":
        fifo = tmp_path / "pipe.json"
        os.mkfifo(fifo)
        with pytest.raises(RecordFormatError) as pipe:
            read_json_file(fifo)
        assert str(pipe.value) == "this is a named pipe (FIFO), not a file"
        assert error_text(pipe.value, "zh_CN") == "这是命名管道（FIFO），不是文件"


def test_a_damaged_record_says_why_in_chinese(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"format": "nkscreen-screening-record", "answers": {', "utf-8")
    with pytest.raises(RecordFormatError) as truncated:
        read_json_file(damaged)
    assert str(truncated.value) == "the file is truncated (it ends in the middle of the data)"
    assert error_text(truncated.value, "zh_CN") == "文件不完整（在数据中途结束）"
    assert error_text(truncated.value, "en") == str(truncated.value)
    damaged.write_text('{"a": 1, "a": 2}', "utf-8")
    with pytest.raises(RecordFormatError) as twice:
        read_json_file(damaged)
    assert str(twice.value) == "the file is not valid: the key 'a' appears twice"
    assert error_text(twice.value, "zh_CN") == "文件无效：键 'a' 出现了两次"


def test_a_wrong_passphrase_and_a_damaged_identity_file_in_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "identities"
    path = create_identity(
        folder, name="张敏", role="investigator", user_id="zhangmin", passphrase=PASSPHRASE
    )
    with pytest.raises(WrongPassphraseError) as wrong:
        unlock(load_identity(path), "not the passphrase")
    assert str(wrong.value) == "Wrong passphrase for identity zhangmin: nothing was written."
    assert error_text(wrong.value, "zh_CN") == "签名身份 zhangmin 的口令错误：未写入任何内容。"
    text = path.read_text("utf-8")
    path.write_text(text.replace('"key_fingerprint": "', '"key_fingerprint": "00'), "utf-8")
    with pytest.raises(IdentityError) as damaged:
        load_identity(path)
    assert str(damaged.value).startswith("Identity file zhangmin.json is malformed (")
    assert error_text(damaged.value, "zh_CN").startswith("签名身份文件 zhangmin.json 格式有误（")
    path.write_text(text.replace('"public_key": "', '"public_key": "AAAA'), "utf-8")
    with pytest.raises(IdentityError) as key:
        load_identity(path)
    assert str(key.value) == (
        "Identity file zhangmin.json is damaged: its public key is not readable."
    )
    assert error_text(key.value, "zh_CN") == "签名身份文件 zhangmin.json 已损坏：其公钥无法读取。"


def test_a_locked_screening_names_who_holds_it_in_chinese(store: RecordStore) -> None:
    first = store.lock("a" * 32)
    first.acquire()
    try:
        with pytest.raises(LockedError) as locked:
            store.lock("a" * 32).acquire()
    finally:
        first.release()
    english = str(locked.value)
    assert english.startswith("This screening is open for editing in another window or process (")
    assert f"process {os.getpid()} on this computer, since " in english
    assert english.endswith("). Close it there first, then try again.")
    chinese = error_text(locked.value, "zh_CN")
    assert chinese.startswith("该筛选正在另一个窗口或进程中编辑（")
    assert f"本机上的进程 {os.getpid()}，自 " in chinese
    assert chinese.endswith("）。请先在那里关闭，然后重试。")
    assert socket.gethostname() not in chinese


def test_a_full_disk_keeps_the_system_words_and_translates_the_rest(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.json"
    with pytest.raises(StorageError) as failed:
        atomic_write(target, b"{}")
    assert str(failed.value) == (
        f"Could not save x.json: the folder {target.parent} does not exist. "
        "Nothing already saved was changed."
    )
    assert error_text(failed.value, "zh_CN") == (
        f"无法保存 x.json：文件夹 {target.parent} 不存在。已保存的内容均未改动。"
    )


def test_a_sentence_made_elsewhere_or_joined_stays_as_it_is() -> None:
    sentence = Sentence("file.missing")
    assert render(sentence + ".", "zh_CN") == "the file does not exist."
    assert error_text(ValueError("plain text"), "zh_CN") == "plain text"
    assert error_text(OSError(2, "No such file or directory"), "zh_CN") == (
        "[Errno 2] No such file or directory"
    )


# ---------------------------------------------------------------- the command line


@pytest.fixture
def cli(data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    def run(*argv: str, lang: str | None = "zh_CN") -> tuple[int, str, str]:
        monkeypatch.setenv("NKSCREEN_PASSPHRASE", PASSPHRASE)
        capsys.readouterr()
        options = ["--lang", lang] if lang else []
        code = main(["--data-dir", str(data_dir), *options, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _signed(cli) -> Path:
    code, _, err = cli(
        "identity", "create", "--name", "张敏", "--role", "investigator", "--user-id", "zhangmin"
    )
    assert code == 0, err
    case = Path(__file__).resolve().parents[1] / "cases" / "eligible_male.json"
    code, out, err = cli("sign", str(case), "--meaning", "authorship")
    assert code == 0, err
    return Path(out.strip())


def test_verify_all_gives_the_journal_findings_in_chinese(cli, data_dir: Path) -> None:
    record = _signed(cli)
    journal = paths.journal_path(data_dir)
    with journal.open("ab") as handle:
        handle.write(b"not an entry\n")
    code, out, _ = cli("verify", "--all")
    assert code == 1
    assert "第 2 行已损坏：它不是有效的 JSON 条目" in out
    assert "line 2" not in out
    code, out, _ = cli("verify", "--all", lang=None)
    assert "journal: PROBLEM: line 2 is damaged: it is not a valid JSON entry" in out
    journal.unlink()
    code, out, _ = cli("verify", "--all")
    assert f"records/{record.name}：" in out
    assert "该数据文件夹没有日志（记录保存于 nkscreen 开始记日志之前，或日志已被删除）" in out
    code, out, _ = cli("verify", "--all", lang=None)
    assert (
        f"records/{record.name}: NOT JOURNALED: this data folder has no journal (records saved "
        "before nkscreen kept one, or the journal was deleted)"
    ) in out


def test_pdf_of_a_damaged_file_says_why_in_chinese(cli, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"format": "nkscreen-screening-record", ', "utf-8")
    out = tmp_path / "out.pdf"
    code, _, err = cli("pdf", str(damaged), "-o", str(out))
    assert code == 2
    assert err == f"nkscreen: {damaged}：无法读取记录：文件不完整（在数据中途结束）\n"
    code, _, err = cli("pdf", str(damaged), "-o", str(out), lang=None)
    assert err == (
        f"nkscreen: {damaged}: cannot read the record: the file is truncated (it ends in the "
        "middle of the data)\n"
    )
    assert not out.exists()


def test_identity_list_names_a_damaged_identity_file_in_chinese(cli, data_dir: Path) -> None:
    folder = paths.identities_dir(data_dir)
    folder.mkdir(parents=True)
    (folder / "broken.json").write_text("", "utf-8")
    _, _, err = cli("identity", "list")
    assert "已跳过：签名身份文件 broken.json 无法使用：文件是空的。" in err
    _, _, err = cli("identity", "list", lang=None)
    assert "skipped: Identity file broken.json is unusable: the file is empty." in err


def test_a_damaged_file_listed_from_the_index_still_says_why_in_chinese(data_dir: Path) -> None:
    damaged = paths.records_dir(data_dir) / ("0" * 32 + ".v1.json")
    damaged.parent.mkdir(parents=True)
    damaged.write_text("", "utf-8")
    for _ in range(2):  # read, then from the index a new store (the next start) writes
        (listed,) = RecordStore(data_dir).list_records()
        assert listed.error == "the file is empty"
        assert render(listed.error, "zh_CN") == "文件是空的"
    assert "error_said" in RecordStore(data_dir).index_path.read_text("utf-8")


def test_a_comment_that_cannot_be_saved_says_why_in_english_as_before_and_in_chinese(
    protocol,
) -> None:
    from nkscreen.records.notes import Notes

    notes = Notes({"I2": "x" * 5000, "Z9": "fine"}, "bad\x07")
    problems = notes.problems(protocol)
    assert problems == [
        "The comment on I2 cannot be saved: it is 5000 characters long; at most 500 are kept.",
        "The comment on Z9 names no criterion of NCT06641648.",
        "The screen-failure reason cannot be saved: it holds a control character (U+0007); "
        "remove it.",
    ]
    assert [render(p, "zh_CN") for p in problems] == [
        "I2 的备注无法保存：共 5000 个字符，最多保留 500 个。",
        "Z9 的备注不对应 NCT06641648 的任何标准。",
        "筛选失败原因无法保存：含有控制字符（U+0007），请删除。",
    ]
