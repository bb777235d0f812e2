"""The sha256 of a file's bytes without loading OpenSSL.

``hashlib.sha256`` maps OpenSSL's libcrypto into the process: 3.5 MiB of the app's start-up
memory and 4 ms, for the one hash it needs then (the shipped protocol file's, see
:func:`nkscreen.core.protocol.builtin_protocol`). CPython's own implementation (the module
hashlib falls back to) gives the same digest; hashlib is used where it is missing. Qt-free.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def _constructor() -> Callable[[bytes], Any]:
    for name in ("_sha256", "_sha2"):  # CPython 3.11; 3.12 and later
        try:
            found: Callable[[bytes], Any] = importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
        return found
    from hashlib import sha256

    return sha256


def sha256_hex(data: bytes) -> str:
    """The sha256 of ``data`` as 64 lowercase hex digits (as ``hashlib.sha256().hexdigest()``)."""
    digest: str = _constructor()(data).hexdigest()
    return digest


__all__ = ["sha256_hex"]
