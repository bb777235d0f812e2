"""``nkscreen protocol list`` and ``nkscreen protocol check FILE``.

``list`` shows every protocol the data folder can use (bundled and the site's folder) and every
site file that cannot be used, with its problems. ``check`` validates one file as the library
would: exit 0 when it can be installed, 2 with every problem by place when it cannot.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nkscreen import paths
from nkscreen.cli.output import ExitCode
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
    dated = f" ({protocol.version_date.isoformat()})" if protocol.version_date else ""
    return (
        f"{protocol.id} version {protocol.version}{dated}: {len(protocol.all_criteria)} "
        f"criteria, {len(protocol.fields)} fields, sha256 {protocol.source_sha256[:12]}"
    )


def cmd_protocol_list(args: argparse.Namespace) -> int:
    library = ProtocolLibrary.for_data_dir(paths.data_dir(args.data_dir))
    for entry in library.entries:
        if entry.usable and entry.protocol is not None:
            print(f"{describe(entry.protocol)} [{entry.origin}: {entry.path}]")
    for entry in library.broken:
        _print_problems(entry.path, entry.problems, f"[{entry.origin}] cannot be used")
    print(f"Site protocols folder: {library.site_dir}")
    return ExitCode.OK


def _print_problems(path: Path, problems: tuple[str, ...] | list[str], what: str) -> None:
    print(f"{path}: {what}: {len(problems)} problem(s):")
    for problem in problems:
        print(f"  {problem}")


def _conflict(protocol: Protocol, path: Path, entries: tuple[LibraryEntry, ...]) -> str | None:
    """The installed file that already has this id and version (not ``path`` itself)."""
    for entry in entries:
        p = entry.protocol
        if p is None or not entry.usable or _same_file(entry.path, path):
            continue
        if (p.id, p.version) == (protocol.id, protocol.version):
            return (
                f"version: {protocol.id} version {protocol.version!r} is already installed "
                f"({entry.path}, {entry.origin}); give this file another version"
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
        _print_problems(path, exc.problems, "cannot be used")
        return ExitCode.UNUSABLE
    library = ProtocolLibrary.for_data_dir(paths.data_dir(args.data_dir))
    conflict = _conflict(protocol, path, library.entries)
    if conflict is not None:
        _print_problems(path, [conflict], "cannot be installed")
        return ExitCode.UNUSABLE
    print(f"{path}: OK: {describe(protocol)}")
    print(
        f"To use it, copy it into {library.site_dir} (the app lists it in Preferences > "
        "Protocols after a restart).",
        file=sys.stderr,
    )
    return ExitCode.OK


__all__ = ["add_commands", "cmd_protocol_check", "cmd_protocol_list", "describe"]
