"""The committed translation files: complete, faithful to their sources, current, compiled.

Only the compile and refresh tests need Qt's tools (pyside6-lrelease, pyside6-lupdate, which
come with PySide6-Essentials); the rest read the XML. A string added to the window without
``packaging/update_translations.py`` and a translation fails here, in CI.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.ui.translated_calls import translated_calls

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
LOCALES = ("zh_CN",)


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


fill = _load("fill_translations")
update = _load("update_translations")


def qt_tool(name: str) -> str:
    found = update.tool(name)
    if not Path(found).is_file() and shutil.which(found) is None:
        pytest.skip(f"{name} is not installed (it comes with PySide6-Essentials)")
    return str(found)


def ts(locale: str) -> Path:
    return TRANSLATIONS / f"nkscreen_{locale}.ts"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_entry_is_translated_and_none_is_left_over(locale: str) -> None:
    entries = fill.read_entries(ts(locale))
    assert len(entries) > 300
    unfinished = [e.source for e in entries if e.state == "unfinished"]
    empty = [e.source for e in entries if not e.translation.strip()]
    left_over = [(e.state, e.source) for e in entries if e.state in ("vanished", "obsolete")]
    assert unfinished == [], "translate them: packaging/fill_translations.py --todo"
    assert empty == []
    assert left_over == [], "run packaging/update_translations.py"
    assert all(e.context for e in entries), "a text without context: lupdate misread a call"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_translation_keeps_its_placeholders_tags_and_accelerator(locale: str) -> None:
    wrong = [
        f"[{e.context}] {e.source!r} -> {e.translation!r}: {'; '.join(found)}"
        for e in fill.read_entries(ts(locale))
        if (found := fill.problems(e.source, e.translation))
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("source", "translation", "complaint"),
    [
        ("&File", "文件", "accelerator"),
        ("&File", "文件(&W)", "accelerator"),
        ("Saved", "已保存(&S)", "accelerator"),
        ("Page %d of %d: %s", "第 %d 页：%s", "%-placeholders"),
        ("signed by %s on %s", "%d 签名", "%-placeholders"),
        ("Signing %1 (%2)", "签署 %1", "markers"),
        ("%n record(s)", "条记录", "markers"),
        ("{label}: none", "{名称}：无", "markers"),
        ("<b>Amends</b> %d", "修订 %d", "HTML tags"),
        ("One\nTwo", "一二", "line breaks"),
        ("Records (*.json)", "记录（*.json）", "file filters"),
        ("Export PDF…", "导出 PDF", "ellipsis"),
        ("Met", " ", "empty"),
    ],
)
def test_the_checks_catch_what_a_translation_can_lose(
    source: str, translation: str, complaint: str
) -> None:
    assert any(complaint in p for p in fill.problems(source, translation))


def test_the_checks_let_a_faithful_translation_through() -> None:
    assert fill.problems("Si&gn…", "签名(&G)…") == []
    assert fill.problems("&REDCap (data dictionary)…", "&REDCap（数据字典）…") == []
    assert fill.problems("You are signing %1 (%2)", "（%2）%1 正在签署") == []
    assert fill.problems("Rock && roll", "摇滚") == []


@pytest.mark.parametrize("locale", LOCALES)
def test_the_status_words_are_the_printouts(locale: str) -> None:
    """A state reads the same on screen and on paper."""
    from nkscreen.core.status import STATUS_WORDS, VERDICT_WORDS
    from nkscreen.report.texts import REPORT_TEXTS

    printed = REPORT_TEXTS[locale]
    shown = {e.source: e.translation for e in fill.read_entries(ts(locale)) if e.context == "words"}
    for status, words in STATUS_WORDS.items():
        for word in (words.plain, words.badge, words.printed):
            assert shown[word] == printed[f"status.{status}"], word
    for verdict, words in VERDICT_WORDS.items():
        for word in (words.plain, words.badge, words.printed):
            assert shown[word] == printed[f"verdict.{verdict}"], word
    assert shown["N/A"] == shown["not applicable"] == printed["status.not_applicable"]
    assert shown["not signed"] == printed["verification_short.unsigned"]
    assert shown["valid, signer not trusted here"] == printed["verification.untrusted"]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_committed_qm_is_compiled_from_the_committed_ts(locale: str, tmp_path: Path) -> None:
    lrelease = qt_tool("pyside6-lrelease")
    fresh = tmp_path / f"nkscreen_{locale}.qm"
    subprocess.run([lrelease, str(ts(locale)), "-qm", str(fresh)], check=True, capture_output=True)
    committed = ts(locale).with_suffix(".qm")
    assert fresh.read_bytes() == committed.read_bytes(), "run packaging/update_translations.py"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_ts_holds_every_text_the_code_translates(locale: str, tmp_path: Path) -> None:
    """lupdate over today's code finds nothing new and nothing gone."""
    qt_tool("pyside6-lupdate")
    copy = tmp_path / ts(locale).name
    shutil.copy(ts(locale), copy)
    update.lupdate(copy)
    before = {e.key for e in fill.read_entries(ts(locale))}
    after = {e.key for e in fill.read_entries(copy)}
    assert sorted(after - before) == [], "new texts: run packaging/update_translations.py"
    assert sorted(before - after) == [], "texts gone: run packaging/update_translations.py"
    assert all(e.state == "" for e in fill.read_entries(copy))


#: Calls whose words come from a table update_translations.py lists for lupdate, or whose
#: templates have a Chinese table of their own (i18n.core_template).
_TABLE_LOOKUPS = {"i18n.py", "records_browser.py", "record_actions.py", "status_badge.py"}


@pytest.mark.parametrize("locale", LOCALES)
def test_lupdate_can_read_every_translated_text(locale: str) -> None:
    """What the code translates at run time is what lupdate sees: a call it cannot read (an
    alias, a wrapper, an f-string, a computed plural count) stays English in every language."""
    calls = translated_calls(ROOT / "nkscreen" / "ui")
    assert len(calls) > 300
    unreadable = [
        f"{c.file}:{c.line}: {c.unreadable}"
        for c in calls
        if c.unreadable and not (c.file in _TABLE_LOOKUPS and c.source is None)
    ]
    assert unreadable == []
    known = {(e.context, e.source) for e in fill.read_entries(ts(locale))}
    missing = [
        f"{c.file}:{c.line}: [{c.context}] {c.source!r}"
        for c in calls
        if c.source is not None and (c.context, c.source) not in known
    ]
    assert missing == []


def test_the_table_lookups_are_few_and_known() -> None:
    """The exceptions above stay exceptions: a new file translating a variable fails here."""
    files = {c.file for c in translated_calls(ROOT / "nkscreen" / "ui") if c.source is None}
    assert files <= _TABLE_LOOKUPS


def test_fill_puts_translations_in_and_refuses_a_bad_one(tmp_path: Path) -> None:
    path = tmp_path / "nkscreen_xx.ts"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="zh_CN">'
        "<context><name>C</name>"
        '<message><source>&amp;Save</source><translation type="unfinished"/></message>'
        '<message numerus="yes"><source>%n record(s)</source>'
        '<translation type="unfinished"><numerusform/></translation></message>'
        "</context></TS>",
        "utf-8",
    )
    before = path.read_bytes()
    bad = [{"context": "C", "source": "&Save", "translation": "保存"}]
    assert fill.fill(path, bad) == ["[C] '&Save': keep accelerator ['s'], not none"]
    assert path.read_bytes() == before
    assert fill.fill(path, [{"context": "C", "source": "Gone", "translation": "无"}]) != []
    good = [
        {"context": "C", "source": "&Save", "translation": "保存(&S)"},
        {"context": "C", "source": "%n record(s)", "translation": "%n 条记录"},
    ]
    assert fill.fill(path, good) == []
    entries = {e.source: e for e in fill.read_entries(path)}
    assert entries["&Save"].translation == "保存(&S)"
    assert entries["&Save"].state == ""
    assert entries["%n record(s)"].numerus
    assert entries["%n record(s)"].translation == "%n 条记录"
    assert fill.todo(path) == []
