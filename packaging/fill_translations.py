"""Put translations into a ``.ts`` file from a JSON list, checking each against its source.

Workflow after ``python packaging/update_translations.py`` has added new source texts::

    python packaging/fill_translations.py zh_CN --todo todo.json   # the unfinished ones
    # translate: fill each entry's "translation" (see resources/translations/GLOSSARY.*.md)
    python packaging/fill_translations.py zh_CN todo.json          # put them in, then lrelease

An entry is ``{"context": ..., "source": ..., "comment": ..., "translation": ...}`` (the
comment only where the source has one). A translation must keep its source's placeholders
(``%1``, ``%n``, ``%s``/``%d``/``%r`` in the same order, ``{name}``), HTML tags, line breaks,
closing ellipsis and keyboard accelerator (``&File`` -> ``文件(&F)``); one that does not is
refused with the reason and nothing of the file is changed. The same checks run in the tests
(``tests/ui/test_translation_files.py``) over the whole committed file. Qt-free: it edits XML.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"

#: Python's %-formatting (the UI fills most strings with ``%``): order matters.
_PRINTF = re.compile(r"%(?:\([A-Za-z_]+\))?[sdr]")
#: Qt's own markers (``%1``, ``%n``) and ``str.format`` fields: any order.
_MARKERS = re.compile(r"%\d+|%n|\{[A-Za-z_][A-Za-z_0-9]*(?:![rs])?(?::[^{}]*)?\}")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
#: A file dialog's name filter, ``(*.json *.csv)``: Qt reads it only in ASCII brackets.
_FILE_FILTER = re.compile(r"\(\*[^()]*\)")
#: ``&F`` marks F as the accelerator; ``&&`` is a literal ampersand.
_ACCELERATOR = re.compile(r"(?<!&)&(?!&)([^\s&])")


@dataclass(frozen=True, slots=True)
class Entry:
    context: str
    source: str
    comment: str
    translation: str
    #: ``unfinished``, ``vanished``, ``obsolete`` or "" (finished).
    state: str
    numerus: bool

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


def ts_path(locale: str) -> Path:
    return TRANSLATIONS / f"nkscreen_{locale}.ts"


def read_entries(ts: Path) -> list[Entry]:
    """Every message of ``ts`` (the first plural form stands for a numerus translation)."""
    entries = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{ts}: a message without <translation>"
            forms = [f.text or "" for f in translation.iter("numerusform")]
            entries.append(
                Entry(
                    context=name,
                    source=message.findtext("source") or "",
                    comment=message.findtext("comment") or "",
                    translation=forms[0] if forms else (translation.text or ""),
                    state=translation.get("type", ""),
                    numerus=message.get("numerus") == "yes",
                )
            )
    return entries


def problems(source: str, translation: str) -> list[str]:
    """What ``translation`` loses or adds against ``source`` (empty: it fits)."""
    found = []
    if not translation.strip():
        return ["empty"]
    if _PRINTF.findall(source) != _PRINTF.findall(translation):
        found.append(
            f"%-placeholders {_PRINTF.findall(source)} (in this order), "
            f"not {_PRINTF.findall(translation)}"
        )
    if Counter(_MARKERS.findall(source)) != Counter(_MARKERS.findall(translation)):
        found.append(f"markers {sorted(_MARKERS.findall(source))}")
    if Counter(t.lower() for t in _TAG.findall(source)) != Counter(
        t.lower() for t in _TAG.findall(translation)
    ):
        found.append(f"HTML tags {_TAG.findall(source)}")
    if _FILE_FILTER.findall(source) != _FILE_FILTER.findall(translation):
        found.append(f"file filters {_FILE_FILTER.findall(source)} as they are")
    if source.count("\n") != translation.count("\n"):
        found.append(f"{source.count(chr(10))} line breaks")
    wanted = [a.lower() for a in _ACCELERATOR.findall(source)]
    got = [a.lower() for a in _ACCELERATOR.findall(translation)]
    if wanted != got:
        found.append(f"accelerator {wanted or 'none'}, not {got or 'none'}")
    if source.rstrip().endswith(("…", "...")) and not translation.rstrip().endswith(("…", "...")):
        found.append("the closing ellipsis")
    return found


def _set_translation(message: ET.Element, text: str) -> None:
    translation = message.find("translation")
    assert translation is not None
    translation.attrib.pop("type", None)
    forms = list(translation.iter("numerusform"))
    if message.get("numerus") == "yes":
        # Chinese has one plural form; every form the file has gets the same text.
        for form in forms or [ET.SubElement(translation, "numerusform")]:
            form.text = text
    else:
        translation.text = text


def fill(ts: Path, table: list[dict[str, str]]) -> list[str]:
    """Write ``table``'s translations into ``ts``; the refusals (then nothing is written)."""
    tree = ET.parse(ts)
    wanted = {
        (e["context"], e["source"], e.get("comment", "")): e["translation"]
        for e in table
        if e.get("translation")
    }
    refused = []
    used = set()
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            if key not in wanted:
                continue
            used.add(key)
            wrong = problems(key[1], wanted[key])
            if wrong:
                refused.append(f"[{name}] {key[1]!r}: keep {'; '.join(wrong)}")
            else:
                _set_translation(message, wanted[key])
    missing = [k for k in wanted if k not in used]
    refused += [f"[{k[0]}] {k[1]!r}: no such source text in {ts.name}" for k in missing]
    if not refused:
        ET.indent(tree, space="    ")
        body = ET.tostring(tree.getroot(), encoding="unicode", short_empty_elements=False)
        ts.write_text(
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", "utf-8"
        )
    return refused


def todo(ts: Path) -> list[dict[str, str]]:
    """The entries still to translate, as ``fill`` reads them back."""
    out = []
    for e in read_entries(ts):
        if e.state == "unfinished" or not e.translation:
            item = {"context": e.context, "source": e.source}
            if e.comment:
                item["comment"] = e.comment
            item["translation"] = e.translation
            out.append(item)
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("locale", help="e.g. zh_CN")
    parser.add_argument("table", nargs="?", type=Path, help="JSON list of translations to put in")
    parser.add_argument("--todo", type=Path, help="write the unfinished entries to this JSON file")
    args = parser.parse_args(argv)
    ts = ts_path(args.locale)
    if args.todo is not None:
        entries = todo(ts)
        args.todo.write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"{len(entries)} unfinished entries written to {args.todo}")
        return 0
    if args.table is None:
        parser.error("give a JSON table to put in, or --todo FILE")
    refused = fill(ts, json.loads(args.table.read_text("utf-8")))
    for line in refused:
        print(line, file=sys.stderr)
    if refused:
        print(f"{len(refused)} refused: {ts.name} is unchanged", file=sys.stderr)
        return 1
    left = len(todo(ts))
    print(f"{ts.name} filled; {left} unfinished left. Next: pyside6-lrelease {ts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
