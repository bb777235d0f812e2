"""Every string the window translates is one ``pyside6-lupdate`` can find.

lupdate reads the source, it does not run it: ``tr = QCoreApplication.translate`` then
``tr("SignDialog", "Printed name")`` puts "SignDialog" into the .ts as the text to translate,
a helper ``_tr(text)`` hides its texts entirely, and a call as the plural count
(``..., None, len(items))``) makes it skip the message. Each of these once kept whole dialogs
in English whatever the translation said. Qt-free: the source is parsed, not imported.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "nkscreen" / "ui"
#: Contexts whose texts come from Python tables (packaging/update_translations.py lists them).
TABLE_CONTEXTS = {"WORDS_CONTEXT"}


def _translate_calls(tree: ast.AST) -> list[ast.Call]:
    calls = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and (
                node.func.attr == "translate"
                or (
                    node.func.attr == "tr"
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "self"
                )
            )
        ):
            calls.append(node)
    return calls


def _problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found = []
    where = path.name
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr in ("translate", "tr")
        ):
            found.append(f"{where}:{node.lineno}: translate under another name")
        if isinstance(node, ast.FunctionDef) and node.name in ("tr", "_tr", "_t", "_"):
            found.append(f"{where}:{node.lineno}: a translating helper {node.name}()")
    for node in ast.walk(tree):  # lupdate does not look inside f-strings
        if isinstance(node, ast.JoinedStr):
            for inner in _translate_calls(node):
                context = inner.args[0] if inner.args else None
                if not (isinstance(context, ast.Name) and context.id in TABLE_CONTEXTS):
                    found.append(f"{where}:{inner.lineno}: translated inside an f-string")
    for call in _translate_calls(tree):
        args = call.args
        line = f"{where}:{call.lineno}"
        is_self_tr = isinstance(call.func, ast.Attribute) and call.func.attr == "tr"
        text_index = 0 if is_self_tr else 1
        if not is_self_tr:
            context = args[0] if args else None
            if isinstance(context, ast.Name) and context.id in TABLE_CONTEXTS:
                continue
            if not (isinstance(context, ast.Constant) and isinstance(context.value, str)):
                found.append(f"{line}: the context is not a literal")
                continue
        text = args[text_index] if len(args) > text_index else None
        if not (isinstance(text, ast.Constant) and isinstance(text.value, str)):
            found.append(f"{line}: the text is not a literal")
        count = args[text_index + 2] if len(args) > text_index + 2 else None
        if count is not None and not isinstance(count, ast.Name | ast.Constant):
            found.append(f"{line}: the plural count is an expression (lupdate skips it)")
    return found


def test_every_translated_text_is_a_literal_lupdate_can_read() -> None:
    problems = [p for path in sorted(UI.glob("*.py")) for p in _problems(path)]
    assert problems == []


def test_the_check_catches_what_lupdate_misses() -> None:
    source = (
        "tr = QCoreApplication.translate\n"
        "a = QCoreApplication.translate(ctx, 'x')\n"
        "b = QCoreApplication.translate('C', text)\n"
        "c = QCoreApplication.translate('C', '%n x', None, len(items))\n"
        "d = QCoreApplication.translate('C', '%n x', None, count)\n"
        "e = f\"<b>{QCoreApplication.translate('C', 'x')}</b>\"\n"
    )
    path = Path("sample.py")
    tree_problems = _problems_of(source, path)
    assert sorted(p.split(": ", 1)[1] for p in tree_problems) == sorted(
        [
            "translate under another name",
            "the context is not a literal",
            "the text is not a literal",
            "the plural count is an expression (lupdate skips it)",
            "translated inside an f-string",
        ]
    )


def _problems_of(source: str, path: Path) -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / path.name
        target.write_text(source, "utf-8")
        return _problems(target)
