"""Which language nkscreen speaks: English or 简体中文 (Qt-free).

One resolution for the window and the command line, in this order: the ``--lang`` option,
then ``NKSCREEN_LANG`` (tests, shared ward computers), then the language chosen in
Preferences, then the computer's locale. A language named explicitly (option, variable,
settings file) that nkscreen does not have is an error naming it and the languages it has,
never a quiet switch to English; only a computer's locale that nkscreen cannot speak
(``fr_FR``) means English, since nobody chose it for nkscreen.

The chosen language changes what people read (the window, the printout); records hold ids and
values only and never depend on it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Final

ENGLISH: Final = "en"
CHINESE: Final = "zh_CN"
#: Every language nkscreen can be used in, by code, with its name in that language (the way a
#: reader looks for their own language in a list).
LANGUAGES: Final[dict[str, str]] = {ENGLISH: "English", CHINESE: "简体中文"}
#: A settings file is a few kB (see nkscreen.settings.MAX_SETTINGS_BYTES).
_MAX_SETTINGS_BYTES: Final = 1024 * 1024


class UnknownLanguageError(ValueError):
    """A language nkscreen does not have; ``str()`` is one sentence naming where it came from."""

    def __init__(self, code: str, source: str) -> None:
        self.code = code
        self.source = source
        known = ", ".join(f"{c} ({name})" for c, name in LANGUAGES.items())
        super().__init__(f"{source}: unknown language {code!r}; nkscreen speaks {known}.")


def checked(code: str, source: str) -> str:
    """``code`` if nkscreen has that language (``zh-CN`` is read as ``zh_CN``); else
    :class:`UnknownLanguageError` naming ``source`` ("--lang", "NKSCREEN_LANG", a file)."""
    normal = code.strip().replace("-", "_")
    if normal in LANGUAGES:
        return normal
    raise UnknownLanguageError(code, source)


def from_locale_name(name: str) -> str:
    """The language for a computer's locale name (``zh_CN``, ``zh_Hans_CN``, ``zh_SG.UTF-8``,
    ``en_GB``): simplified Chinese for Chinese written in simplified characters, else English."""
    base = name.split(".")[0].split("@")[0].replace("-", "_")
    parts = base.split("_")
    if parts[0] != "zh":
        return ENGLISH
    traditional = {"Hant", "TW", "HK", "MO"}
    return ENGLISH if traditional & set(parts[1:]) else CHINESE


def resolve(
    *,
    option: str | None = None,
    environment: str | None = None,
    preference: str | None = None,
    system: str = "",
) -> str:
    """The language to use: ``option`` (``--lang``), else ``environment`` (``NKSCREEN_LANG``),
    else ``preference`` (Preferences), else the computer's locale ``system``.

    Empty values count as not given. Raises :class:`UnknownLanguageError` for an explicit
    choice nkscreen does not have.
    """
    from nkscreen.paths import LANG_ENV

    for value, source in ((option, "--lang"), (environment, LANG_ENV)):
        if value:
            return checked(value, source)
    if preference:
        return checked(preference, "Preferences")
    return from_locale_name(system)


def preference_in(settings_path: Path) -> str | None:
    """The language saved in Preferences, read without the settings' schema (it is needed
    before the first frame, and validating the whole file is left to nkscreen.settings).

    None when there is no file or it names none. A file that cannot be read or parsed, or
    names a language nkscreen does not have, also gives None here: loading the settings right
    after start-up reports it (the window says the settings cannot be used, and why).
    """
    from nkscreen.safe_files import FileRefusedError, read_document

    try:
        data = read_document(settings_path, limit=_MAX_SETTINGS_BYTES, within=settings_path.parent)
        document = json.loads(data)
    except (FileRefusedError, ValueError):
        return None
    value = document.get("language") if isinstance(document, dict) else None
    return value if isinstance(value, str) and value in LANGUAGES else None


__all__ = [
    "CHINESE",
    "ENGLISH",
    "LANGUAGES",
    "UnknownLanguageError",
    "checked",
    "from_locale_name",
    "preference_in",
    "resolve",
]
