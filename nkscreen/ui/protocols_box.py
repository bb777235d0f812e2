"""Preferences > Protocols: what is installed, and where a site puts its own protocol files.

A broken file in the site's folder is listed with every problem by place, in the window's
language, so whoever added it can fix it (``nkscreen protocol check FILE`` says the same on the
command line).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from nkscreen.core.library import LibraryEntry, ProtocolLibrary
from nkscreen.ui.i18n import said_text
from nkscreen.ui.markup import escape
from nkscreen.ui.style import set_role


def entry_line(entry: LibraryEntry) -> str:
    """One protocol file as rich text: id, version, where it comes from, or its problems."""
    origin = (
        QCoreApplication.translate("Preferences", "bundled")
        if entry.origin == "bundled"
        else QCoreApplication.translate("Preferences", "site")
    )
    p = entry.protocol
    if entry.usable and p is not None:
        return escape(f"{p.id} · {p.version} ({origin}: {entry.path.name})")
    problems = "".join(f"<li>{escape(said_text(x))}</li>" for x in entry.problems)
    head = QCoreApplication.translate("Preferences", "%s cannot be used:") % escape(entry.path.name)
    return f"<span style='color:#a61b1b'>{head}</span><ul>{problems}</ul>"


class ProtocolsBox(QGroupBox):
    def __init__(self, library: ProtocolLibrary, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("Preferences", "Protocols"), parent)
        self.setObjectName("pref_protocols")
        layout = QVBoxLayout(self)
        folder = library.site_dir
        where = QLabel(
            QCoreApplication.translate(
                "Preferences",
                "A site adds a trial by putting its protocol file in %s (then restart).",
            )
            % (
                folder
                if folder is not None
                else QCoreApplication.translate("Preferences", "(no data folder)")
            )
        )
        where.setObjectName("pref_protocols_folder")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(where, "help")
        layout.addWidget(where)
        listing = QLabel("<br>".join(entry_line(e) for e in library.entries))
        listing.setObjectName("pref_protocols_list")
        listing.setTextFormat(Qt.TextFormat.RichText)
        listing.setWordWrap(True)
        listing.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(listing)
