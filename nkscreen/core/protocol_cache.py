"""The bundled protocols, validated once and then loaded ready-made from the user's cache.

Validating a protocol builds pydantic's schemas for all its models first, a sixth of a second
at every start for files that ship with nkscreen and never change. So a bundled protocol, once
validated, is kept (pickled) in the per-user cache under a key made of the sha256 of the file's
bytes and the versions of nkscreen, pydantic and Python: a changed file or an upgrade misses
the cache and is validated again; a missing, unreadable or stale cache entry is the same as
none. Only bundled files come here: a site's protocol file is validated every time it is read
(nkscreen.core.library), and the cache is the user's own folder, never a shared data folder.
Qt-free.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path

from nkscreen import __version__
from nkscreen.core.protocol import Protocol, parse_protocol

_log = logging.getLogger(__name__)


def _key(raw: bytes) -> str:
    import pydantic

    versions = f"{__version__}|{pydantic.VERSION}|{sys.version}".encode()
    return hashlib.sha256(versions + b"\0" + raw).hexdigest()[:32]


def cached_protocol(raw: bytes, source: str, cache: Path) -> Protocol:
    """``raw`` (a bundled protocol file's bytes) as :func:`parse_protocol` returns it, taken
    from ``cache`` when it was validated before; raises ProtocolError like parse_protocol."""
    entry = cache / f"protocol-{_key(raw)}.pickle"
    sha256 = hashlib.sha256(raw).hexdigest()
    try:
        kept = pickle.loads(entry.read_bytes())
    except FileNotFoundError:
        kept = None
    except Exception as exc:  # a damaged entry is no entry: validate again and replace it
        _log.info("protocol cache entry %s unusable (%s)", entry.name, type(exc).__name__)
        kept = None
    if isinstance(kept, Protocol) and kept.source_sha256 == sha256:
        return kept
    protocol = parse_protocol(raw, source)
    _store(entry, pickle.dumps(protocol, protocol=pickle.HIGHEST_PROTOCOL))
    return protocol


def _store(entry: Path, data: bytes) -> None:
    """Write the entry whole or not at all; a cache that cannot be written only costs time."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".protocol-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temporary, entry)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        _log.info("protocol cache not written in %s (%s)", entry.parent, type(exc).__name__)


__all__ = ["cached_protocol"]
