"""Any trial is a file: the package's code names no field and no trial of a protocol file.

Generic code finds what it needs through field roles (screening number, initials, sex, lab
rows...) read from the protocol, so a second trial needs a new file, not new Python. This test
reads every source file of the package and fails on:

- a bundled protocol's id (``NCT...``) anywhere, comments and docstrings included;
- a field id used as a name (variable, attribute, argument, function) or as a whole string
  (``answers.get("sex")``);
- a field id with an underscore (``screening_id``, ``labs_date``) anywhere in a string,
  comment or docstring. A one-word id (``sex``, ``creatinine``) is also an English word, so
  prose may use it; code may not.
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "nkscreen"
PROTOCOLS = ROOT / "resources" / "protocols"


def _bundled() -> list[dict]:
    """The bundled protocols (not their translations beside them, ``ID.zh_CN.json``)."""
    files = sorted(p for p in PROTOCOLS.glob("*.json") if "." not in p.stem)
    return [json.loads(p.read_text("utf-8")) for p in files]


PROTOCOL_IDS = sorted(p["id"] for p in _bundled())
FIELD_IDS = sorted({f["id"] for p in _bundled() for f in p["fields"]})
SOURCES = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".pyi"))


def _word(field_id: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z0-9_]){re.escape(field_id)}(?![A-Za-z0-9_])")


WORDS = {fid: _word(fid) for fid in FIELD_IDS if "_" in fid}


def _names(tree: ast.AST) -> list[tuple[int, str]]:
    """Every name the code uses or defines, with its line."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Name):
            found.append((line, node.id))
        elif isinstance(node, ast.Attribute):
            found.append((line, node.attr))
        elif isinstance(node, ast.arg | ast.keyword):
            found.append((line, node.arg or ""))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found.append((line, node.name))
        elif isinstance(node, ast.alias):
            found += [(line, part) for part in (node.asname or node.name).split(".")]
    return found


def _texts(source: str, tree: ast.AST) -> list[tuple[int, str, bool]]:
    """Every string constant (whole: True) and every comment (False), with its line."""
    found = [
        (node.lineno, node.value, True)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            found.append((token.start[0], token.string, False))
    return found


def problems_in(path: Path) -> list[str]:
    source = path.read_text("utf-8")
    where = path.relative_to(ROOT)
    problems = [
        f"{where}: names the protocol {pid}"
        for pid in PROTOCOL_IDS
        if pid.lower() in source.lower()
    ]
    tree = ast.parse(source)
    fields = set(FIELD_IDS)
    problems += [
        f"{where}:{line}: the field id {name!r} as a name"
        for line, name in _names(tree)
        if name in fields
    ]
    for line, text, is_string in _texts(source, tree):
        if is_string and text.strip() in fields:
            problems.append(f"{where}:{line}: the field id {text.strip()!r} as a string")
            continue
        problems += [
            f"{where}:{line}: the field id {fid!r} in {'text' if is_string else 'a comment'}"
            for fid, pattern in WORDS.items()
            if pattern.search(text)
        ]
    return problems


def test_the_test_reads_the_protocol_and_the_package() -> None:
    assert PROTOCOL_IDS
    assert len(FIELD_IDS) > 20
    assert len(SOURCES) > 50
    assert "screening_id" in WORDS
    assert "sex" in FIELD_IDS


@pytest.mark.parametrize(
    ("code", "found"),
    [
        ('x = answers.get("sex")\n', "'sex' as a string"),
        ("def f(sex):\n    return sex\n", "'sex' as a name"),
        ("y = record.labs_date\n", "'labs_date' as a name"),
        ('"""Uses screening_id to name the file."""\n', "'screening_id' in text"),
        ("z = 1  # the planned_infusion_date\n", "'planned_infusion_date' in a comment"),
        ('msg = f"pref_{sex}"\n', "'sex' as a name"),
        ('"""Built for NCT06641648."""\n', "names the protocol"),
    ],
)
def test_the_test_catches_a_hard_coded_field(tmp_path: Path, code: str, found: str) -> None:
    probe = PACKAGE / "__probe_generic__.py"  # inside the package for relative_to, removed
    probe.write_text(code, "utf-8")
    try:
        problems = problems_in(probe)
    finally:
        probe.unlink()
    assert any(found in p for p in problems), problems


def test_prose_may_use_a_one_word_id_as_a_word(tmp_path: Path) -> None:
    probe = PACKAGE / "__probe_generic__.py"
    probe.write_text('"""Site ULNs per lab and sex; creatinine clearance."""\n', "utf-8")
    try:
        assert problems_in(probe) == []
    finally:
        probe.unlink()


def test_no_field_id_or_trial_id_in_the_package() -> None:
    problems = [p for path in SOURCES for p in problems_in(path)]
    assert problems == [], "\n".join(problems)
