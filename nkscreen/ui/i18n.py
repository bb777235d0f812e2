"""The window's language: Qt's translators, the protocol's texts and the core's messages.

The language is chosen once, before the first widget (:mod:`nkscreen.language` decides which:
``--lang``, ``NKSCREEN_LANG``, Preferences, the computer's locale); changing it in Preferences
takes effect at the next start. Three sources of words follow it:

- the window's own strings and the status words (context ``WORDS_CONTEXT``) go through Qt's
  translator: nkscreen's ``.qm`` and Qt's own ``qtbase`` (standard buttons, file dialogs);
- the protocol's labels, help, choices, units and criteria come from its side file
  (:func:`protocol_texts`, English where the side file gives none);
- the core's messages (evidence, field problems, warnings) are rendered with the core's own
  templates for the language (:func:`message_text`), exactly as the printout renders them.

A record never holds any of these words (ids and values only), so nothing saved depends on
the language: the core's default English rendering, which records use, is left alone here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from nkscreen.language import ENGLISH, LANGUAGES
from nkscreen.resources import resource_path

if TYPE_CHECKING:
    from nkscreen.core.localized_texts import LocalizedTexts
    from nkscreen.core.messages import Message
    from nkscreen.core.protocol import Protocol
    from nkscreen.records.assessment import NotSavableError

_installed: list[QTranslator] = []
_language = ENGLISH
#: Problems met while installing the language (a missing translation file), for the window
#: to show once it has a status bar: the app still starts, in as much of it as is there.
problems: list[str] = []


def current_language() -> str:
    """The window's language ("en", "zh_CN")."""
    return _language


def qt_locale(language: str) -> QLocale:
    """The Qt locale of a language nkscreen speaks (English as in the United States)."""
    return QLocale("en_US" if language == ENGLISH else language)


def install_language(app: QCoreApplication, language: str) -> list[str]:
    """Make ``language`` the window's: Qt's and nkscreen's translators, the default locale
    (numbers, dates, the calendar) and, for Chinese, a font that has its characters.

    Call before building any widget. Returns the problems met (also kept in
    :data:`problems`); a language nkscreen does not have raises ValueError.
    """
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    problems.clear()
    _language = language
    locale = qt_locale(language)
    QLocale.setDefault(locale)
    if language == ENGLISH:  # the source language: no file to load
        return []
    qt = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(locale, "qtbase", "_", qt_folder):
        app.installTranslator(qt)
        _installed.append(qt)
    else:
        problems.append(
            QCoreApplication.translate("App", "Qt's own translation for %s is missing from %s.")
            % (language, qt_folder)
        )
    ours = QTranslator(app)
    folder = resource_path("translations")
    if ours.load(locale, "nkscreen", "_", str(folder)):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        problems.append(
            QCoreApplication.translate("App", "nkscreen's translation for %s is missing from %s.")
            % (language, folder)
        )
    from nkscreen.ui.window_fonts import ensure_window_font

    problem = ensure_window_font(language)
    if problem:
        problems.append(problem)
    return list(problems)


def protocol_texts(protocol: Protocol) -> LocalizedTexts:
    """``protocol``'s texts in the window's language, from the side file beside the bundled
    protocol of its id (as the printout takes them), English text by text where it has none.

    Raises :class:`~nkscreen.core.protocol_texts.ProtocolTextsError` for a side file that does
    not fit the protocol (see :func:`protocol_texts_or_english`).
    """
    from nkscreen.core.localized_texts import localized

    return localized(protocol, _language)


def protocol_texts_or_english(protocol: Protocol) -> tuple[LocalizedTexts, str]:
    """:func:`protocol_texts`, or English with the one-line reason when the side file does not
    fit the protocol (a site's changed protocol): the window still screens, and says why its
    protocol is in English."""
    from nkscreen.core.localized_texts import LocalizedTexts, ProtocolTextsError

    try:
        return protocol_texts(protocol), ""
    except ProtocolTextsError as exc:
        reason = QCoreApplication.translate(
            "AssessmentView",
            "The protocol is shown in English: its translation cannot be used (%s).",
        ) % said_text(exc)
        return LocalizedTexts(protocol=protocol), reason


#: How a list of names runs in a sentence ("Age, Sex" / "年龄、性别").
_LIST_SEPARATORS = {"zh_CN": "、"}


#: Between a label and what it labels ("Authorship: I performed..." / "作者：本人...").
_LABEL_SEPARATORS = {"zh_CN": "："}


def list_separator() -> str:
    return _LIST_SEPARATORS.get(_language, ", ")


def label_separator() -> str:
    return _LABEL_SEPARATORS.get(_language, ": ")


def clause_separator() -> str:
    """Between pieces of evidence in the window's language, as the core joins nested ones."""
    from nkscreen.core.localize import clause_separator as core_separator

    return core_separator(_language)


def example_uln_source() -> str:
    """The label of ULNs that are a protocol file's examples, in the window's language."""
    return QCoreApplication.translate(
        "AssessmentView",
        "EXAMPLE VALUES shipped with nkscreen: replace with your laboratory's ranges",
    )


def shown_uln_source(source: str) -> str:
    """Where the ULNs come from, as shown: the examples' label in the window's language
    (nkscreen.settings keeps it in English), a site's own words as the site wrote them."""
    from nkscreen.settings import EXAMPLE_SOURCE

    return example_uln_source() if source == EXAMPLE_SOURCE else source


def message_text(message: Message, texts: LocalizedTexts | None = None) -> str:
    """A core message in the window's language: with ``texts`` (the protocol's), labels,
    answers and units in that language too; without, the language's template only (messages
    that name no field: a case file that cannot be read)."""
    from nkscreen.core.localize import render_message, templates_for

    if texts is not None:
        return render_message(message, texts)
    template = templates_for(_language).get(message.id)
    return message.render(template)


def reason_text(reason: str) -> str:
    """A records-layer reason (an invalid signature, an untrusted signer, a broken chain) in
    the window's language; text that is not a :class:`~nkscreen.records.reasons.Reason` as
    it is."""
    from nkscreen.records.reasons import render

    return render(reason, _language)


def said_text(said: BaseException | str) -> str:
    """What the records layer, the settings or the file reader said (an exception, or the
    sentence a listing or a store kept) in the window's language; other text as it is."""
    from nkscreen.sentences import error_text, render

    if isinstance(said, BaseException):
        return error_text(said, _language)
    return render(said, _language)


def not_savable_lines(exc: NotSavableError, protocol: Protocol) -> list[str]:
    """What keeps the answers from being saved, one line each, in the window's language (the
    core's messages and the protocol's labels in it too, as ``nkscreen sign`` words them)."""
    return exc.worded(protocol_texts_or_english(protocol)[0])


def not_savable_text(exc: NotSavableError, protocol: Protocol) -> str:
    """:func:`not_savable_lines` in one line, joined as the window's language lists them."""
    from nkscreen.sentences import join

    return join(not_savable_lines(exc, protocol), _language)


def reasons_text(reasons: tuple[str, ...]) -> str:
    """Several records-layer reasons in the window's language, joined as it lists them."""
    from nkscreen.records.reasons import join

    return join(reasons, _language)


def cited_status(message: Message, texts: LocalizedTexts) -> str:
    """ "I4A met" for a sub-criterion cited in its parent's evidence (its own row follows)."""
    from nkscreen.core.localize import localized_params

    params = localized_params(message, texts)
    return f"{params['id']} {params['status']}"


__all__ = [
    "cited_status",
    "current_language",
    "example_uln_source",
    "install_language",
    "label_separator",
    "list_separator",
    "message_text",
    "not_savable_lines",
    "not_savable_text",
    "problems",
    "protocol_texts",
    "protocol_texts_or_english",
    "qt_locale",
    "reason_text",
    "reasons_text",
    "said_text",
    "shown_uln_source",
]
