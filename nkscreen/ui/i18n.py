"""Translation plumbing: the core's message templates go through Qt's translator.

The core returns message ids with parameters; here each template is looked up with
``QCoreApplication.translate("core", template)`` so a Chinese ``.qm`` file translates the core's
evidence, errors and warnings exactly like the UI's own strings.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from nkscreen.resources import resource_path

_installed: list[QTranslator] = []


def core_template(message_id: str) -> str:
    from nkscreen.core.messages import TEMPLATES

    return QCoreApplication.translate("core", TEMPLATES[message_id])


def route_core_messages() -> None:
    """From now on the core's messages are looked up through Qt's translator."""
    from nkscreen.core import messages

    messages.set_template_lookup(core_template)


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> None:
    """Qt's own strings and nkscreen's, for the system locale; English needs no file."""
    locale = locale or QLocale.system()
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    ours = QTranslator(app)
    if ours.load(locale, "nkscreen", "_", str(resource_path("translations"))):
        app.installTranslator(ours)
        _installed.append(ours)
