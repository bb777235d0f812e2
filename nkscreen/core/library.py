"""The protocols this installation knows: the bundled ones and the site's own folder.

A site adds a trial by dropping its protocol file into ``<data dir>/protocols`` (see
docs/adding-a-trial.md); nothing else changes. Each file there is read like any file someone
else could have written (nkscreen.safe_files) and validated; a file that cannot be used is
listed with its problems, by place, and never stops the app or a command from starting.

A protocol is named by its ``id`` and ``version``: a case file or a record names the one it
was made with, and a record also keeps the sha256 of that file's bytes, so opening it can say
whether the protocol file changed since (see :meth:`ProtocolLibrary.match`). Qt-free.
"""

from __future__ import annotations

import logging
from functools import cached_property
from pathlib import Path
from typing import Literal

from nkscreen import paths
from nkscreen.core.frozen import Record
from nkscreen.core.messages import Message
from nkscreen.core.protocol import Protocol, ProtocolError, builtin_protocol, load_protocol
from nkscreen.safe_files import clip
from nkscreen.sentences import Sentence

_log = logging.getLogger(__name__)
Origin = Literal["bundled", "site"]
#: How a record's protocol stands in this library (see :meth:`ProtocolLibrary.match`).
MatchState = Literal["same", "changed", "version_missing", "missing"]


class LibraryEntry(Record, kw_only=False):
    """One protocol file: usable (``protocol`` set) or listed with its ``problems``."""

    path: Path
    origin: Origin
    protocol: Protocol | None
    problems: tuple[str, ...] = ()

    @property
    def usable(self) -> bool:
        return self.protocol is not None and not self.problems


class ProtocolNotFoundError(Exception):
    """No installed protocol has the id (and version) asked for; ``message`` says which
    exist (a translatable core message)."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(str(message))


class ProtocolMatch(Record, kw_only=False):
    """The protocol to show a record with, and how it relates to the one the record names.

    ``same``: the very file (same sha256); ``changed``: the same id and version, but the file
    differs; ``version_missing``: that version is not installed, ``protocol`` is another
    version of the same trial; ``missing``: no protocol of that id (``protocol`` is None).
    """

    protocol: Protocol | None
    state: MatchState

    def notice(self, record_id: str, record_version: str, record_sha256: str) -> str:
        """One sentence for the banner and the printout; "" when the file is the same."""
        if self.state == "same":
            return ""
        params = {
            "protocol": record_id,
            "version": record_version,
            "then": record_sha256[:12],
            "now": self.protocol.source_sha256[:12] if self.protocol else "",
            "installed": self.protocol.version if self.protocol else "",
        }
        return str(Message(f"protocol.{self.state}", params))


class ProtocolLibrary:
    """Bundled protocols plus the site's folder, scanned once (call :meth:`refresh` again
    after the folder changed)."""

    def __init__(self, site_dir: Path | None = None) -> None:
        self.site_dir = site_dir

    @classmethod
    def for_data_dir(cls, base: Path) -> ProtocolLibrary:
        return cls(paths.site_protocols_dir(base))

    def refresh(self) -> None:
        self.__dict__.pop("entries", None)

    @cached_property
    def entries(self) -> tuple[LibraryEntry, ...]:
        """Every protocol file, bundled first, each site file after the checks of its own."""
        found = [_bundled_entry(pid) for pid in paths.bundled_protocol_ids()]
        for path in _site_files(self.site_dir):
            found.append(_site_entry(path, self.site_dir, found))
        for entry in found:
            if not entry.usable:
                _log.warning("protocol file %s cannot be used: %s", entry.path, entry.problems)
        return tuple(found)

    @property
    def protocols(self) -> list[Protocol]:
        """The usable protocols, bundled first, each trial's versions together."""
        return [e.protocol for e in self.entries if e.usable and e.protocol is not None]

    @property
    def broken(self) -> list[LibraryEntry]:
        return [e for e in self.entries if not e.usable]

    def ids(self) -> list[str]:
        return sorted({p.id for p in self.protocols})

    def versions(self, protocol_id: str) -> list[Protocol]:
        """The installed versions of one trial, newest first (by ``version_date``; a site's
        file before a bundled one of the same date: it was added on purpose)."""
        same = [p for p in self.protocols if p.id == protocol_id]
        order = {id(p): i for i, p in enumerate(same)}
        return sorted(
            same,
            key=lambda p: (p.version_date.toordinal() if p.version_date else 0, order[id(p)]),
            reverse=True,
        )

    def find(self, protocol_id: str, version: str | None = None) -> Protocol:
        """The protocol a case or record names; its newest version when none is named.

        Raises :class:`ProtocolNotFoundError` naming what is installed, or
        :class:`ProtocolError` when the only file for that id is broken.
        """
        candidates = self.versions(protocol_id)
        if version is not None:
            candidates = [p for p in candidates if p.version == version]
        if candidates:
            return candidates[0]
        broken = [e for e in self.broken if e.protocol is None and e.path.stem == protocol_id]
        if broken and version is None and not self.versions(protocol_id):
            raise ProtocolError(str(broken[0].path), list(broken[0].problems))
        if version is not None and self.versions(protocol_id):
            known = "; ".join(p.version for p in self.versions(protocol_id))
            params = {"protocol": protocol_id, "version": clip(version), "known": known}
            raise ProtocolNotFoundError(Message("case.unknown_version", params))
        params = {"protocol": clip(protocol_id), "known": ", ".join(self.ids())}
        raise ProtocolNotFoundError(Message("case.unknown_protocol", params))

    def match(self, protocol_id: str, version: str, sha256: str) -> ProtocolMatch:
        """The protocol to show a record with, and whether it is the file it was made with."""
        versions = self.versions(protocol_id)
        for p in versions:
            if p.version == version and p.source_sha256 == sha256:
                return ProtocolMatch(p, "same")
        for p in versions:
            if p.source_sha256 == sha256:  # the same file under another name: the same
                return ProtocolMatch(p, "same")
        for p in versions:
            if p.version == version:
                return ProtocolMatch(p, "changed")
        if versions:
            return ProtocolMatch(versions[0], "version_missing")
        return ProtocolMatch(None, "missing")

    def roles(self, protocol_id: str) -> dict[str, str]:
        """The role -> field id map of a trial's newest version ({} when not installed)."""
        versions = self.versions(protocol_id)
        return dict(versions[0].roles) if versions else {}


def _bundled_entry(protocol_id: str) -> LibraryEntry:
    path = paths.bundled_protocols_dir() / f"{protocol_id}.json"
    try:
        return LibraryEntry(path, "bundled", builtin_protocol(protocol_id))
    except ProtocolError as exc:
        return LibraryEntry(path, "bundled", None, tuple(exc.problems))


def _site_files(folder: Path | None) -> list[Path]:
    """The site folder's ``*.json`` protocol files, sorted, without the translations beside
    them (``ID.zh_CN.json``); none when the folder is missing or unreadable."""
    if folder is None:
        return []
    try:
        found = [p for p in folder.iterdir() if p.suffix == ".json"]
    except OSError:
        return []
    if not found:
        return []
    from nkscreen.core.protocol_texts import is_side_file  # pydantic: only with site files

    return sorted(p for p in found if not is_side_file(p))


def _site_entry(path: Path, folder: Path | None, earlier: list[LibraryEntry]) -> LibraryEntry:
    try:
        protocol = load_protocol(path, within=folder)
    except ProtocolError as exc:
        return LibraryEntry(path, "site", None, tuple(exc.problems))
    for other in earlier:
        p = other.protocol
        if other.usable and p is not None and (p.id, p.version) == (protocol.id, protocol.version):
            return LibraryEntry(
                path,
                "site",
                protocol,
                (
                    Sentence(
                        "pfile.installed",
                        id=protocol.id,
                        version=repr(protocol.version),
                        name=other.path.name,
                        origin=Sentence(f"pfile.origin.{other.origin}"),
                    ),
                ),
            )
    return LibraryEntry(path, "site", protocol)


__all__ = [
    "LibraryEntry",
    "ProtocolLibrary",
    "ProtocolMatch",
    "ProtocolNotFoundError",
]
