"""``nkscreen protocol list`` and ``nkscreen protocol check FILE``.

``list`` shows every protocol the data folder can use (bundled and the site's folder) and every
site file that cannot be used, with its problems. ``check`` validates one file as the library
would: exit 0 when it can be installed, 2 with every problem by place when it cannot. Problems
are given in the language of ``--lang``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nkscreen import paths
from nkscreen.cli.output import ExitCode
from nkscreen.cli.texts import say, shown
from nkscreen.core.library import LibraryEntry, ProtocolLibrary
from nkscreen.core.protocol import Protocol, ProtocolError, load_protocol


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("protocol", help="list the installed protocols, or check a protocol file")
    psub = p.add_subparsers(dest="protocol_command", metavar="ACTION", required=True)
    c = psub.add_parser(
        "list",
        help="list the protocols this data folder can use, and the site's files that it cannot",
    )
    c.set_defaults(func=cmd_protocol_list)
    c = psub.add_parser(
        "check",
        help="check a protocol file before installing it in <data dir>/protocols",
        description="Validate a protocol file: its shape, the meaning of every rule and role, "
        "and that its id and version are not installed already. Exit 0 when it can be "
        "installed; 2 with every problem by place when it cannot.",
    )
    c.add_argument("file", metavar="FILE", help="protocol file (JSON)")
    c.set_defaults(func=cmd_protocol_check)


def describe(protocol: Protocol) -> str:
    """ "NCT... version V (2026-11-25): 30 criteria, 64 fields, sha256 4a6c3ff6ecc0" """
    dated = (
        say("protocol.dated", date=protocol.version_date.isoformat())
        if protocol.version_date
        else ""
    )
    return say(
        "protocol.describe",
        id=protocol.id,
        version=protocol.version,
        dated=dated,
        criteria=len(protocol.all_criteria),
        fields=len(protocol.fields),
        sha=protocol.source_sha256[:12],
    )


def cmd_protocol_list(args: argparse.Namespace) -> int:
    library = ProtocolLibrary.for_data_dir(paths.data_dir(args.data_dir))
    for entry in library.entries:
        if entry.usable and entry.protocol is not None:
            origin = say(f"protocol.origin.{entry.origin}")
            print(
                say(
                    "protocol.entry",
                    describe=describe(entry.protocol),
                    origin=origin,
                    path=entry.path,
                )
            )
    for entry in library.broken:
        origin = say(f"protocol.origin.{entry.origin}")
        _print_problems(entry.path, entry.problems, say("protocol.broken", origin=origin))
    print(say("protocol.site_folder", folder=library.site_dir))
    return ExitCode.OK


def _print_problems(path: Path, problems: tuple[str, ...] | list[str], what: str) -> None:
    print(say("protocol.problems", path=path, what=what, count=len(problems)))
    for problem in problems:
        print(f"  {shown(problem)}")


def _conflict(protocol: Protocol, path: Path, entries: tuple[LibraryEntry, ...]) -> str | None:
    """The installed file that already has this id and version (not ``path`` itself)."""
    for entry in entries:
        p = entry.protocol
        if p is None or not entry.usable or _same_file(entry.path, path):
            continue
        if (p.id, p.version) == (protocol.id, protocol.version):
            return say(
                "protocol.conflict",
                id=protocol.id,
                version=repr(protocol.version),
                path=entry.path,
                origin=say(f"protocol.origin.{entry.origin}"),
            )
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def cmd_protocol_check(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        protocol = load_protocol(path)
    except ProtocolError as exc:
        _print_problems(path, exc.problems, say("protocol.cannot_use"))
        return ExitCode.UNUSABLE
    library = ProtocolLibrary.for_data_dir(paths.data_dir(args.data_dir))
    conflict = _conflict(protocol, path, library.entries)
    if conflict is not None:
        _print_problems(path, [conflict], say("protocol.cannot_install"))
        return ExitCode.UNUSABLE
    print(say("protocol.ok", path=path, describe=describe(protocol)))
    print(say("protocol.install", folder=library.site_dir), file=sys.stderr)
    return ExitCode.OK


__all__ = ["add_commands", "cmd_protocol_check", "cmd_protocol_list", "describe"]
