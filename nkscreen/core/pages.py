"""How the wizard groups a protocol's fields into pages, as data (Qt-free).

One page per protocol section (patient and dates), then one per top-level criterion with its
sub-criteria as blocks; a field appears once, on the first page that asks it, and a lab's
value, upper limit of normal and unit sit together in one row. The printout's answers
appendix follows the same grouping, so a monitor finds each answer where the clinician
entered it; a GUI test checks that the wizard places every field where this module says.
"""

from __future__ import annotations

from typing import Literal

from nkscreen.core.frozen import Record
from nkscreen.core.protocol import Criterion, Protocol, UlnRule, iter_rules

PageKind = Literal["section", "inclusion", "exclusion"]


class PageBlock(Record):
    """The inputs of one criterion (or of a section) on a page, in the wizard's order."""

    #: The criterion or sub-criterion id; "" on a section page.
    criterion: str
    #: Lab rows: value / ULN (and the unit, when the lab has a unit field).
    labs: tuple[UlnRule, ...]
    #: The other fields, each with its unit field (if any) right after it.
    fields: tuple[str, ...]


class WizardPage(Record):
    key: str
    kind: PageKind
    #: The section's title or the criterion's label.
    title: str
    blocks: tuple[PageBlock, ...]


class _Placer:
    """Walks the protocol like the wizard builds its pages, remembering what is placed."""

    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol
        self.placed: set[str] = set()

    def _with_unit(self, field_ids: list[str]) -> tuple[str, ...]:
        out: list[str] = []
        for fid in field_ids:
            out.append(fid)
            self.placed.add(fid)
            unit = self.protocol.field_map[fid].unit_field
            if unit and unit not in self.placed:
                out.append(unit)
                self.placed.add(unit)
        return tuple(out)

    def section(self, field_ids: list[str]) -> PageBlock:
        return PageBlock(criterion="", labs=(), fields=self._with_unit(field_ids))

    def criterion(self, c: Criterion) -> PageBlock:
        own = [f for f in c.fields if f not in self.placed]
        labs = tuple(r for r in iter_rules(c.rule) if isinstance(r, UlnRule))
        lab_fields: set[str] = set()
        for lab in labs:
            unit = self.protocol.field_map[lab.value].unit_field
            lab_fields.update(x for x in (lab.value, lab.uln, unit) if x)
        self.placed |= lab_fields
        rest = [f for f in own if f not in lab_fields]
        return PageBlock(criterion=c.id, labs=labs, fields=self._with_unit(rest))


def wizard_pages(protocol: Protocol) -> tuple[WizardPage, ...]:
    """The wizard's input pages (the summary page is not one), in order."""
    placer = _Placer(protocol)
    pages = [
        WizardPage(key=s.id, kind="section", title=s.title, blocks=(placer.section(s.fields),))
        for s in protocol.sections
    ]
    for c in protocol.criteria:
        blocks = [placer.criterion(c)] + [placer.criterion(sub) for sub in c.subcriteria]
        pages.append(WizardPage(key=c.id, kind=c.kind, title=c.label, blocks=tuple(blocks)))
    return tuple(pages)


def page_of_field(protocol: Protocol) -> dict[str, int]:
    """The index of the page each field is asked on (lab unit fields included)."""
    found: dict[str, int] = {}
    for index, page in enumerate(wizard_pages(protocol)):
        for block in page.blocks:
            for lab in block.labs:
                unit = protocol.field_map[lab.value].unit_field
                for fid in (lab.value, lab.uln, unit):
                    if fid:
                        found.setdefault(fid, index)
            for fid in block.fields:
                found.setdefault(fid, index)
    return found


__all__ = ["PageBlock", "WizardPage", "page_of_field", "wizard_pages"]
