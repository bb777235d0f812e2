"""Applying one evaluation to the wizard's pages: each field's error, hint and visibility, each
criterion's status and explanation, derived values with how they were obtained, and each lab
row's multiple and limit. Runs on every keystroke, so it only sets text that changed.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication

from nkscreen.core import display
from nkscreen.core.engine import Evaluation, derived_display, without_optional
from nkscreen.core.localized_texts import LocalizedTexts
from nkscreen.core.protocol import AgeDerived, CreatinineClearanceDerived, UlnRule
from nkscreen.core.status import shown_status
from nkscreen.language import ENGLISH
from nkscreen.ui.i18n import clause_separator, label_separator, list_separator, message_text
from nkscreen.ui.markup import escape
from nkscreen.ui.navigator_wrap import show_status
from nkscreen.ui.wizard_pages import WizardPages


def show_on_pages(
    pages: WizardPages,
    ev: Evaluation,
    hidden: set[str],
    default_hint: Callable[[str], str],
) -> dict[str, str]:
    """Show ``ev`` on every page; ``hidden``: questions that do not apply; ``default_hint``:
    the hint of a field filled with a site default ("" for the others). Returns the derived
    values as shown, for the summary. Every text is in the window's language (``pages.texts``)."""
    texts = pages.texts
    errors: dict[str, list[str]] = {}
    for error in ev.errors:
        errors.setdefault(error.field, []).append(message_text(error.message, texts))
    warnings: dict[str, list[str]] = {}
    for warning in ev.warnings:
        warnings.setdefault(warning.field, []).append(message_text(warning.message, texts))
    noted: set[int] = set()  # one site-default note per page, under its first filled field
    for fid, row in pages.rows.items():
        if row.label is not None and row.container is not None:
            # Only a change: showing a widget is costly even when nothing changes (a
            # millisecond each, the bulk of building a new assessment).
            hide = fid in hidden
            if hide != (fid in pages.hidden_rows):
                row.label.setVisible(not hide)
                row.container.setVisible(not hide)
                (pages.hidden_rows.add if hide else pages.hidden_rows.discard)(fid)
        row.set_error("\n".join("⚠ " + e for e in errors.get(fid, [])))
        note = default_hint(fid)
        page = pages.page_of_field.get(fid, -1)
        if note and page in noted:
            note = ""
        elif note:
            noted.add(page)
        row.set_hint("\n".join(warnings.get(fid, [])) or note)
    for cid, badge in pages.badges:
        result = ev.criteria[cid]
        badge.set_status(shown_status(result.status, result.applicable))
    for cid, item in pages.nav_items.items():
        result = ev.criteria[cid]
        show_status(item, shown_status(result.status, result.applicable))
    for cid, label in pages.explanations.items():
        # One line per sub-criterion, agent or exposure: a reader scans down, not along.
        text = "\n".join(message_text(m, texts) for m in ev.criteria[cid].evidence)
        label.setText(
            (QCoreApplication.translate("AssessmentView", "Why: ") + text) if text else ""
        )
    shown = derived_texts(ev)
    _show_derived(pages, ev, shown)
    _show_scales(pages, ev)
    return shown


def _show_scales(pages: WizardPages, ev: Evaluation) -> None:
    """Every grade of a scale (ECOG), the chosen one in bold with a marker."""
    for fid, label in pages.scales.items():
        chosen = ev.answers.values.get(fid)
        lines = []
        for choice in ev.protocol.field_map[fid].choices:
            text = escape(pages.texts.choice_label(fid, choice.value) or choice.label)
            lines.append(f"<b>▶ {text}</b>" if choice.value == chosen else text)
        label.setText("<br>".join(lines))


def _show_derived(pages: WizardPages, ev: Evaluation, shown: dict[str, str]) -> None:
    protocol = ev.protocol
    texts = pages.texts
    for key, label in pages.derived_labels.items():
        label.setText(shown.get(key, "") or "—")
    for key, note in pages.derived_notes.items():
        result = ev.derived.get(key)
        text = ""
        if result is not None and result.explanation is not None:
            text = message_text(result.explanation, texts)
        elif (
            result is not None
            and result.value is None
            and (asked := without_optional(protocol, result.missing))
        ):
            names = list_separator().join(
                texts.field_label(m) for m in asked if m in protocol.field_map
            )
            text = QCoreApplication.translate("AssessmentView", "needs: %s") % names
        d = protocol.derived_map.get(key)
        if isinstance(d, AgeDerived) and result is not None and result.value is not None:
            text = QCoreApplication.translate("AssessmentView", "whole years on the %s") % (
                _inline_label(texts, d.on)
            )
        leaf = ev.leaves.get(key) or ev.leaves.get(getattr(d, "exposure", ""))
        if leaf is not None and leaf.value is not None and not text:
            text = clause_separator().join(message_text(m, texts) for m in leaf.evidence)
        note.setText(text)
        if isinstance(d, CreatinineClearanceDerived) and d.method_id in pages.derived_labels:
            # The note names the method with its formula ("Cockcroft-Gault: (140 - ...)"):
            # the method's own label beside the value would say it twice.
            explained = result is not None and result.explanation is not None
            method = "" if explained else shown.get(d.method_id, "")
            pages.derived_labels[d.method_id].setText(method)
    for key, (label, rule) in pages.leaf_labels.items():
        leaf = ev.leaves.get(key)
        label.setText("" if leaf is None else _leaf_summary(ev, texts, rule, leaf.value))


def derived_texts(ev: Evaluation) -> dict[str, str]:
    """Derived values as the pages and the summary show them, with how CrCl was obtained."""
    texts = derived_display(ev.protocol, ev.derived)
    for d in ev.protocol.derived:
        if isinstance(d, CreatinineClearanceDerived):
            method = ev.derived[d.id].method
            texts[d.method_id] = {
                "measured": QCoreApplication.translate("AssessmentView", "measured"),
                "cockcroft_gault": QCoreApplication.translate("AssessmentView", "Cockcroft-Gault"),
            }.get(method or "", "")
    return texts


def _inline_label(texts: LocalizedTexts, field_id: str) -> str:
    """A field's label inside a sentence: lower case in English ("the assessment date"),
    as it is in a language without case."""
    label = texts.field_label(field_id)
    return label.lower() if texts.locale == ENGLISH else label


def _leaf_summary(ev: Evaluation, texts: LocalizedTexts, rule: UlnRule, value: Any) -> str:
    """ "× ULN, limit 3 × = 120 U/L: ✓ within" beside a lab row: multiple and absolute limit."""
    text = QCoreApplication.translate("AssessmentView", "× ULN, limit %s ×") % display.plain(
        rule.multiple
    )
    uln = ev.answers.values.get(rule.uln)
    if isinstance(uln, Decimal):
        field = ev.protocol.field_map[rule.value]
        unit = texts.unit(field.unit) if field.unit else ""
        if field.unit_field:
            chosen = ev.answers.values.get(field.unit_field, "")
            unit = texts.choice_label(field.unit_field, chosen) or display.choice_label(
                ev.protocol.field_map[field.unit_field], chosen
            )
        text += f" = {display.limit(rule.multiple * uln)} {unit}".rstrip()
    if value is True:
        within = QCoreApplication.translate("AssessmentView", "within")
        return f"{text}{label_separator().rstrip()} ✓ {within}"
    if value is False:
        above = QCoreApplication.translate("AssessmentView", "ABOVE LIMIT")
        return f"{text}{label_separator().rstrip()} ✗ {above}"
    return text


__all__ = ["derived_texts", "show_on_pages"]
