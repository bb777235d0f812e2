"""What the side panel shows for a criterion: its status and the words in its status column."""

from __future__ import annotations

from nkscreen.ui.navigator_wrap import row_status


def side_status(window, cid: str) -> str | None:
    """The status id the side panel's row of criterion ``cid`` shows."""
    return row_status(window.assessment.wizard.nav_items[cid])


def side_text(window, cid: str) -> str:
    """The words in that row's status column ("✓ Met", "– N/A")."""
    return window.assessment.wizard.nav_items[cid].text(1)
