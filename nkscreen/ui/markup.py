"""Plain text made safe inside the rich text of labels, as :func:`html.escape` makes it.

The window builds its rich-text labels (bold criterion ids, the summary, the banners) on its
way to being usable; importing :mod:`html` for its ``escape`` also loads ``html.entities``,
two tables of 2,231 named characters the window never reads, about 1% of the start-up's work.
A test holds this equal to :func:`html.escape` (quote=True).
"""

from __future__ import annotations

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape(text: str) -> str:
    """``text`` with &, <, >, " and ' as character references."""
    return text.translate(_ESCAPES)


__all__ = ["escape"]
