"""``applies_when`` rules as REDCap branching logic.

``[sex] = '1'``, joined with ``and`` / ``or`` and parentheses; REDCap has no ``not``, so a
negation is pushed down to the comparisons (``<>``, flipped bounds). A rule REDCap cannot
say (a derived value, a lab limit) gives None: the field is then always shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from nkscreen.core import display
from nkscreen.core.protocol import AllRule, AnyRule, CompareRule, EqualsRule, NotRule, Rule

_FLIP: Final = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "<>"}


class BranchingLogic:
    """Writes rules over the fields named in ``names`` (field id -> variable name);
    ``code_of(field id, value)`` is the REDCap code of a choice value."""

    def __init__(self, names: Mapping[str, str], code_of: Callable[[str, str | int], str]) -> None:
        self.names = names
        self.code_of = code_of

    def of(self, rule: Rule, negated: bool = False) -> str | None:
        if isinstance(rule, EqualsRule) and rule.field in self.names:
            op = "<>" if negated else "="
            return f"[{self.names[rule.field]}] {op} '{self.code_of(rule.field, rule.value)}'"
        if isinstance(rule, CompareRule) and rule.field is not None and rule.field in self.names:
            op = _FLIP[rule.cmp] if negated else rule.cmp
            op = "=" if op == "==" else op
            return f"[{self.names[rule.field]}] {op} {display.plain(rule.value)}"
        if isinstance(rule, NotRule):
            return self.of(rule.rule, not negated)
        if isinstance(rule, AllRule | AnyRule):
            parts = [self.of(child, negated) for child in rule.of]
            if any(p is None for p in parts):
                return None
            joiner = " and " if isinstance(rule, AllRule) != negated else " or "
            return parts[0] if len(parts) == 1 else joiner.join(f"({p})" for p in parts)
        return None


def both(first: str, second: str) -> str:
    """Two conditions that must both hold (either may be empty)."""
    if not first:
        return second
    if not second:
        return first
    return f"({first}) and ({second})"


__all__ = ["BranchingLogic", "both"]
