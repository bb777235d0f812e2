"""The two ways an export can fall short, each with a sentence for the user.

A record an export cannot carry (:class:`NotExportableError`) is left out and listed with its
reason while the others go out; an export that cannot be written at all (:class:`ExportError`)
writes nothing.
"""

from __future__ import annotations


class NotExportableError(ValueError):
    """This record cannot be carried by this export; ``str()`` is the reason."""


class ExportError(Exception):
    """Nothing was written; ``str()`` is one sentence naming the problem."""


__all__ = ["ExportError", "NotExportableError"]
