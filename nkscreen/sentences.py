"""A sentence for people as English text with an id and parameters, in any language (Qt-free).

Errors from the records layer, the settings and the file reader are compared, cached, logged,
joined and printed as text, and tests and scripts read their English. So a :class:`Sentence`
*is* that English text (a ``str`` subclass, byte for byte the sentence as it always was) and
carries beside it the id and parameters a window or a command in another language renders
with :func:`render`. Each area keeps its own small template tables (English and Chinese, the
same ids and placeholders) and :func:`register`\\ s them here, so one :func:`render` serves all.

A parameter that is itself a Sentence is rendered in the same language; any other text (a
file name, an operating system's own error text, a value from a file) is shown as it is.
Text built by concatenating a Sentence with other text is plain text again: only what was
said as a whole is translated, never a sentence half in one language.

Free of other nkscreen imports: the core's file reader uses it.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any, Final

ENGLISH: Final = "en"

#: A parameter: text or a number shown as written, a nested sentence, or several (joined).
Param = str | int | tuple[str, ...]

#: Every template by locale, then id: filled by :func:`register`.
TABLES: Final[dict[str, dict[str, str]]] = {ENGLISH: {}, "zh_CN": {}}
_SEPARATORS: Final[dict[str, str]] = {ENGLISH: "; ", "zh_CN": "；"}


def register(english: Mapping[str, str], chinese: Mapping[str, str]) -> None:
    """Add one area's templates; an id used twice, or missing from one language, is a bug."""
    clash = set(english) & set(TABLES[ENGLISH])
    if clash or set(english) != set(chinese):
        raise ValueError(f"sentence ids clash or differ between languages: {sorted(clash)}")
    TABLES[ENGLISH].update(english)
    TABLES["zh_CN"].update(chinese)


class Sentence(str):
    """The English text itself, with its id and parameters for :func:`render`."""

    id: str
    params: Mapping[str, Param]

    def __new__(cls, sentence_id: str, /, **params: Param) -> Sentence:
        self = super().__new__(cls, cls._fill(TABLES[ENGLISH][sentence_id], params, ENGLISH))
        self.id = sentence_id
        self.params = params
        return self

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, Param]]:
        # copy and pickle rebuild a sentence from its id, not from its English text.
        return (self.id,), dict(self.params)

    def in_locale(self, locale: str) -> str:
        """This sentence in ``locale`` (English for a language without templates)."""
        if locale == ENGLISH or locale not in TABLES:
            return str(self)
        return self._fill(TABLES[locale][self.id], self.params, locale)

    @classmethod
    def _shown(cls, params: Mapping[str, Param], locale: str) -> dict[str, Any]:
        shown: dict[str, Any] = {}
        for key, value in params.items():
            if isinstance(value, tuple):
                shown[key] = join(value, locale)
            elif isinstance(value, str):
                shown[key] = render(value, locale)
            else:
                shown[key] = value
        return shown

    @classmethod
    def _fill(cls, template: str, params: Mapping[str, Param], locale: str) -> str:
        if locale == ENGLISH:
            # A sentence's text is its English, so nested ones go in as they are: making the
            # reasons of a 10,000-record listing must not render each one again.
            return template.format(
                **{
                    k: _SEPARATORS[ENGLISH].join(v) if isinstance(v, tuple) else v
                    for k, v in params.items()
                }
            )
        return template.format(**cls._shown(params, locale))


def render(text: str, locale: str) -> str:
    """``text`` in ``locale`` if it is a :class:`Sentence` (nested ones too), English for a
    language without templates; any other text as it is."""
    return text.in_locale(locale) if isinstance(text, Sentence) else str(text)


def join(texts: tuple[str, ...] | list[str], locale: str) -> str:
    """Several sentences in ``locale``, joined as that language lists them."""
    return _SEPARATORS.get(locale, "; ").join(render(t, locale) for t in texts)


def said(exc: BaseException) -> str:
    """What ``exc`` says: the :class:`Sentence` it was raised with (its only argument, or an
    ``OSError``'s ``strerror``) when it says exactly that, else ``str(exc)``. A sentence that
    embeds another error's text passes this as the parameter, so both are translated."""
    given: object = None
    if len(exc.args) == 1:
        given = exc.args[0]
    elif isinstance(exc, OSError):
        given = exc.strerror
    if isinstance(given, Sentence) and str(given) == str(exc):
        return given
    return str(exc)


def error_text(exc: BaseException, locale: str) -> str:
    """What ``exc`` says, in ``locale`` when it was raised with a :class:`Sentence`;
    ``str(exc)`` otherwise. The one call for showing a records-layer error to a person."""
    return render(said(exc), locale)


def to_json(text: str | None) -> dict[str, Any] | None:
    """A sentence's id and parameters (nested sentences too) for a cache, or None."""
    if not isinstance(text, Sentence):
        return None
    params: dict[str, Any] = {}
    for key, value in text.params.items():
        if isinstance(value, Sentence):
            params[key] = to_json(value)
        elif isinstance(value, str | int):
            params[key] = value if isinstance(value, int) else str(value)
        else:
            return None
    return {"id": text.id, "params": params}


def from_json(text: str, data: object) -> str:
    """``text`` as a :class:`Sentence` again from :func:`to_json`'s ``data``; the text as it
    is when ``data`` is missing, unknown or does not give back exactly ``text``."""
    try:
        sentence = _rebuilt(data)
    except (KeyError, IndexError, ValueError, TypeError):
        return text
    return sentence if sentence is not None and sentence == text else text


def _rebuilt(data: object) -> Sentence | None:
    if not isinstance(data, dict) or data.get("id") not in TABLES[ENGLISH]:
        return None
    params = data.get("params")
    if not isinstance(params, dict):
        return None
    shown: dict[str, Param] = {}
    for key, value in params.items():
        if isinstance(value, dict):
            nested = _rebuilt(value)
            if nested is None:
                return None
            shown[str(key)] = nested
        elif isinstance(value, str | int) and not isinstance(value, bool):
            shown[str(key)] = value
        else:
            return None
    return Sentence(str(data["id"]), **shown)


def placeholders(template: str) -> set[str]:
    """The parameter names a template uses (the tests compare the languages with this)."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


__all__ = [
    "TABLES",
    "Sentence",
    "error_text",
    "from_json",
    "join",
    "placeholders",
    "register",
    "render",
    "said",
    "to_json",
]
