"""Every text the UI's code passes to Qt's translator, read from the source (no Qt, no lupdate).

lupdate reads only some spellings of a call: ``self.tr("...")`` and
``QCoreApplication.translate("Context", "...")`` with literal texts, outside f-strings, with a
plain name or number as the plural count. A text translated at run time but missed by lupdate
never reaches the ``.ts`` file and stays English whatever is translated, so the tests compare
what the code translates (found here) with what the ``.ts`` file holds.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

#: ``QCoreApplication.translate`` and its aliases on Qt's application classes.
_TRANSLATE_OWNERS = {"QCoreApplication", "QApplication", "QGuiApplication"}


@dataclass(frozen=True, slots=True)
class Call:
    file: str
    line: int
    context: str | None
    source: str | None
    #: Why lupdate cannot read this call ("" when it can).
    unreadable: str = ""


def _literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _is_translate(func: ast.AST) -> bool:
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "translate"
        and isinstance(func.value, ast.Name)
        and func.value.id in _TRANSLATE_OWNERS
    )


def _is_self_tr(func: ast.AST) -> bool:
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "tr"
        and isinstance(func.value, ast.Name)
        and func.value.id == "self"
    )


class _Finder(ast.NodeVisitor):
    def __init__(self, file: str) -> None:
        self.file = file
        self.classes: list[str] = []
        self.in_fstring = 0
        self.calls: list[Call] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        self.in_fstring += 1
        self.generic_visit(node)
        self.in_fstring -= 1

    def visit_Assign(self, node: ast.Assign) -> None:
        if _is_translate(node.value) or _is_self_tr(node.value):
            self.calls.append(
                Call(self.file, node.lineno, None, None, "an alias of the translate function")
            )
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        args = node.args
        if _is_translate(node.func):
            context = _literal(args[0]) if args else None
            source = _literal(args[1]) if len(args) > 1 else None
            count = args[3] if len(args) > 3 else None
        elif _is_self_tr(node.func):
            context = self.classes[-1] if self.classes else None
            source = _literal(args[0]) if args else None
            count = args[2] if len(args) > 2 else None
        else:
            self.generic_visit(node)
            return
        why = ""
        if context is None or source is None:
            why = "context or text not a literal string"
        elif self.in_fstring:
            why = "inside an f-string"
        elif count is not None and not isinstance(count, ast.Name | ast.Constant):
            why = "the plural count is an expression, not a name"
        self.calls.append(Call(self.file, node.lineno, context, source, why))
        self.generic_visit(node)


def translated_calls(folder: Path) -> list[Call]:
    """Every translate/tr call in the ``.py`` files of ``folder``."""
    calls: list[Call] = []
    for path in sorted(folder.glob("*.py")):
        finder = _Finder(path.name)
        finder.visit(ast.parse(path.read_text("utf-8"), str(path)))
        calls += finder.calls
    return calls
