"""Reading files that anyone could have put there, without being hurt by them.

Records, drafts, identities, the trusted-signers list, settings and case files live in folders
that backups, sync tools, colleagues and attackers can write to. A plain ``read_bytes`` trusts
the name: a named pipe blocks forever, a link to ``/dev/zero`` or a sparse 4 GB file is read
whole before any size check, and ``json.loads`` recurses once per ``[`` until Python gives up.
So :func:`read_document` refuses anything but a regular file (checked on the opened descriptor,
opened without blocking and without following a final link into another folder) and reads at
most its limit; :func:`check_json_text` rejects nesting deeper than any nkscreen file has
*before* the parser recurses; :func:`lone_surrogate_path` finds text that parses but can never
be written back or printed. Every refusal is one sentence for the user.

Qt-free and free of nkscreen imports: the core, the records layer and the settings all use it.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Final

from nkscreen import safe_files_texts as _texts  # noqa: F401  (registers the sentences)
from nkscreen.sentences import Sentence

#: Refuse to read anything larger: a record is a few kB, a case file less, and listing must
#: survive a stray multi-gigabyte file dropped into the folder.
MAX_DOCUMENT_BYTES: Final = 8 * 1024 * 1024

#: No nkscreen file nests deeper than about 8 levels; ``json.loads`` and the pure-Python
#: canonicaliser recurse per level, so anything deeper is refused before parsing.
MAX_JSON_DEPTH: Final = 64

#: Values echoed in a one-line error are cut to this many characters.
MAX_ECHO_CHARS: Final = 60

_READ_FLAGS: Final = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer
    | getattr(os, "O_NOFOLLOW", 0)  # a final link is resolved and checked first, see below
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class FileRefusedError(Exception):
    """A file that is not read: ``kind`` for programs, ``str()`` a reason for people.

    The reason does not repeat the path: callers put the file's name in front, as they do for
    every other problem with that file. Kinds: ``missing``, ``not_a_file`` (folder, pipe,
    device, socket), ``outside`` (a link out of its folder), ``too_large``, ``unreadable``.
    """

    def __init__(self, kind: str, reason: str) -> None:
        self.kind = kind
        self.reason = reason
        super().__init__(reason)


def _describe_special(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return Sentence("file.folder")
    if stat.S_ISFIFO(mode):
        return Sentence("file.fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Sentence("file.device")
    if stat.S_ISSOCK(mode):
        return Sentence("file.socket")
    return Sentence("file.special")


def _refusal_for(exc: OSError) -> FileRefusedError:
    if exc.errno == errno.ENOENT:
        return FileRefusedError("missing", Sentence("file.missing"))
    if exc.errno == errno.ENOTDIR:
        return FileRefusedError("missing", Sentence("file.path_not_folder"))
    if exc.errno == errno.EISDIR:
        return FileRefusedError("not_a_file", Sentence("file.folder"))
    if exc.errno in (errno.EACCES, errno.EPERM):
        return FileRefusedError("unreadable", Sentence("file.no_permission"))
    if exc.errno == errno.ELOOP:
        return FileRefusedError("outside", Sentence("file.link_changed"))
    return FileRefusedError(
        "unreadable", Sentence("file.cannot_read", error=str(exc.strerror or exc))
    )


def _too_large(size: int, limit: int) -> FileRefusedError:
    return FileRefusedError(
        "too_large",
        Sentence("file.too_large", size=size, limit=limit),
    )


def _resolve_link(path: Path, within: Path | None) -> Path:
    """Where a link points; refused if ``within`` is given and the target is outside it."""
    target = Path(os.path.realpath(path))
    if within is not None and not target.is_relative_to(os.path.realpath(within)):
        raise FileRefusedError("outside", Sentence("file.link_outside", folder=str(within)))
    return target


def read_document(
    path: Path, *, limit: int = MAX_DOCUMENT_BYTES, within: Path | None = None
) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    ``within`` is the folder the file belongs to (the data folder): a link is followed only
    if it stays inside it. Files named by the user on the command line pass no ``within``
    and may be links anywhere, but still only to a regular file.
    Raises :class:`FileRefusedError`; never blocks on a pipe, never reads past ``limit``.
    """
    try:
        st = os.lstat(path)
        target = path
        if stat.S_ISLNK(st.st_mode):
            target = _resolve_link(path, within)
            st = os.stat(target)
        # Refuse special files before opening them: opening some devices has side effects.
        if not stat.S_ISREG(st.st_mode):
            raise FileRefusedError("not_a_file", _describe_special(st.st_mode))
        if st.st_size > limit:
            raise _too_large(st.st_size, limit)
        fd = os.open(target, _READ_FLAGS)
    except OSError as exc:
        raise _refusal_for(exc) from None
    try:
        return _read_bounded(fd, limit)
    except OSError as exc:
        raise _refusal_for(exc) from None
    finally:
        os.close(fd)


def _read_bounded(fd: int, limit: int) -> bytes:
    # Checked again on the descriptor: the name may have been swapped since the lstat.
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        raise FileRefusedError("not_a_file", _describe_special(st.st_mode))
    if st.st_size > limit:
        raise _too_large(st.st_size, limit)
    chunks: list[bytes] = []
    remaining = limit + 1  # one byte more tells a file that grew past the limit
    while remaining > 0:
        chunk = os.read(fd, min(remaining, 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    data = b"".join(chunks)
    if len(data) > limit:
        raise _too_large(len(data), limit)
    return data


# ---------------------------------------------------------------- JSON text


class JsonDepthError(ValueError):
    """The text nests arrays and objects deeper than :data:`MAX_JSON_DEPTH`."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(Sentence("file.too_deep", limit=limit))


# A JSON string, or an unterminated one running to the end: this never fails to match once it
# has started, so a text full of quotes and backslashes is still scanned in linear time.
_STRING: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.DOTALL)
_NOT_BRACKET: Final = re.compile(r"[^\[\]{}]+")
_ONE_KIND: Final = str.maketrans("{}", "[]")


def _outside_strings(text: str) -> str:
    if '\\"' not in text:  # no escaped quote: every other piece between quotes is a string
        return "".join(text.split('"')[::2])
    return _STRING.sub("", text)


def check_json_text(text: str, limit: int = MAX_JSON_DEPTH) -> None:
    """Raise :class:`JsonDepthError` if ``json.loads(text)`` could recurse deeper than ``limit``.

    Without recursion: strings are blanked out, the brackets kept, and innermost pairs removed
    one level per pass (``str.replace`` runs in C, so a wide, shallow file costs a few passes,
    and a run of ``limit + 1`` openers ends the check at once). What remains of malformed text
    is unmatched brackets: the parser can be at most that many levels deeper than the passes
    already removed before it reports the error itself.
    """
    if text.count("[") + text.count("{") <= limit:  # the common case: a few dozen brackets
        return
    brackets = _NOT_BRACKET.sub("", _outside_strings(text)).translate(_ONE_KIND)
    too_deep = "[" * (limit + 1)
    passes = 0
    while "[]" in brackets:
        if passes == limit or too_deep in brackets:
            raise JsonDepthError(limit)
        brackets = brackets.replace("[]", "")
        passes += 1
    if passes + brackets.count("[") > limit:
        raise JsonDepthError(limit)


_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def lone_surrogate_path(text: str, value: object) -> str | None:
    """Where ``value`` (parsed from ``text``) holds a lone UTF-16 surrogate, else None.

    ``json.loads`` turns ``"\\ud800"`` into a string that cannot be encoded as UTF-8: it
    cannot be printed, saved or signed. Only text with such an escape is walked, without
    recursion; the path reads like ``answers.ecg_date`` or ``signers[0].name``.
    """
    if _SURROGATE_ESCAPE.search(text) is None:
        return None
    stack: list[tuple[str, object]] = [("", value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return clip(where, 120) if where else "the document"
        elif isinstance(item, dict):
            for key, child in item.items():
                child_where = f"{where}.{key}" if where else str(key)
                if isinstance(key, str) and _SURROGATE.search(key):
                    return clip(child_where, 120)
                stack.append((child_where, child))
        elif isinstance(item, list):
            stack.extend((f"{where}[{i}]", child) for i, child in enumerate(item))
    return None


# ---------------------------------------------------------------- echoing values


def printable(text: str) -> str:
    """``text`` with any lone surrogate written as ``\\udXXX``, so it can always be printed."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def clip(text: str, limit: int = MAX_ECHO_CHARS) -> str:
    """``text`` cut to ``limit`` characters (marked with ``...``) for a one-line message."""
    text = printable(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_JSON_DEPTH",
    "FileRefusedError",
    "JsonDepthError",
    "check_json_text",
    "clip",
    "lone_surrogate_path",
    "printable",
    "read_document",
]
