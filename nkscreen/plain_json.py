"""JSON as nkscreen itself writes it, read without pydantic (Qt-free).

Start-up reads the site's settings file and its trusted signers list before a clinician can
type; validating them with pydantic costs a fifth of a second and 20 MiB. Files the app wrote
are plain: no key twice, no float, NaN or Infinity, no lone surrogate escape, no long number,
not nested deep. :func:`plain_document` parses only such text and raises
:class:`NotPlainError` for anything else, which its callers then leave to the full schema (the
one that says what is wrong): a plain reader may only ever accept less than the schema.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final, NoReturn

from nkscreen.safe_files import check_json_text

#: Any ``\uD800``-``\uDFFF`` escape, paired or not: left to the schema's parser.
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")


class NotPlainError(Exception):
    """Not a document as nkscreen writes it: for the full schema to judge."""


def plain_document(data: bytes, *, max_int_digits: int) -> Any:
    """The JSON value of ``data``; :class:`NotPlainError` (or ValueError for text that is not
    UTF-8 JSON, RecursionError) unless it is plain as above, with no integer of more than
    ``max_int_digits`` digits."""

    def short_int(text: str) -> int:
        if len(text.lstrip("-")) > max_int_digits:
            raise NotPlainError
        return int(text)

    text = data.decode("utf-8")
    if _SURROGATE_ESCAPE.search(text):
        raise NotPlainError
    check_json_text(text)
    return json.loads(
        text,
        object_pairs_hook=_no_duplicates,
        parse_float=_refuse,
        parse_constant=_refuse,
        parse_int=short_int,
    )


def _refuse(*_: object) -> NoReturn:
    raise NotPlainError


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise NotPlainError
    return result


__all__ = ["NotPlainError", "plain_document"]
