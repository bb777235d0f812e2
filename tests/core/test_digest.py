"""The protocol file's sha256 is computed without OpenSSL, and is hashlib's."""

from __future__ import annotations


def test_sha256_without_openssl_is_hashlibs() -> None:
    import hashlib

    from nkscreen.core.digest import sha256_hex

    for data in (b"", b"abc", bytes(range(256)) * 300):
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
