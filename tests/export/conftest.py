"""Records made from the example cases in a real data folder, for the export tests.

Each record is made as the app makes one (answers validated and typed by ``prepare``, the
evaluation at save time), signed with throwaway keys this data folder trusts, and saved
through the store, so selection sees versions, chains and signatures as they really are.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from nkscreen import paths
from nkscreen.core.engine import evaluate
from nkscreen.core.protocol import Protocol
from nkscreen.records.assessment import prepare
from nkscreen.records.identity import UnlockedIdentity
from nkscreen.records.lifecycle import amend_record, new_record
from nkscreen.records.model import RecordV1, to_json_object
from nkscreen.records.signing import sign_record
from nkscreen.records.store import RecordStore
from nkscreen.settings import SiteSettings, save_settings, settings_file
from tests.records.helpers import actor_of, throwaway_identity, write_trusted

CASES = Path(__file__).resolve().parent.parent / "cases"
#: The example cases a record can be made of (the others hold invalid answers on purpose).
RECORD_CASES = sorted(
    p.stem
    for p in CASES.glob("*.json")
    if p.stem not in ("expected", "bad_number", "unknown_field")
)
SITE = "Ward 7 North"
ZONE = "Asia/Shanghai"

Signers = tuple[tuple[UnlockedIdentity, str], ...]


def case_answers(name: str, screening_id: str | None = None, **changes: Any) -> dict[str, Any]:
    data = json.loads((CASES / f"{name}.json").read_text("utf-8"), parse_float=Decimal)
    answers: dict[str, Any] = data["answers"]
    answers["screening_id"] = screening_id or name.upper().replace("_", "-")[:32]
    answers.update(changes)
    return {k: v for k, v in answers.items() if v is not None}


@pytest.fixture
def stranger() -> UnlockedIdentity:
    return throwaway_identity(13, name="Dr Nobody", user_id="nobody", role="Investigator")


@pytest.fixture
def data_dir(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    author: UnlockedIdentity,
    approver: UnlockedIdentity,
) -> Path:
    """A data folder trusting the author and the approver, its site in Shanghai."""
    base = tmp_path / "data"
    monkeypatch.setenv("NKSCREEN_DATA_DIR", str(base))
    write_trusted(paths.trusted_signers_path(base), author, approver)
    save_settings(settings_file(base), SiteSettings(site_name=SITE, time_zone=ZONE))
    return base


@pytest.fixture
def store(data_dir: Path) -> RecordStore:
    s = RecordStore(data_dir)
    s.prepare()
    return s


class Saver:
    """Saves records of the example cases into the data folder, signed or not, and amends."""

    def __init__(self, store: RecordStore, protocol: Protocol, author: UnlockedIdentity) -> None:
        self.store = store
        self.protocol = protocol
        self.author = author

    def record(self, case: str, screening_id: str | None = None, **changes: Any) -> RecordV1:
        savable = prepare(self.protocol, case_answers(case, screening_id, **changes))
        return new_record(
            protocol=savable.protocol,
            answers=savable.answers,
            evaluation=savable.evaluation,
            actor=actor_of(self.author),
        )

    def save(
        self,
        case: str,
        screening_id: str | None = None,
        signers: Signers | None = None,
        **changes: Any,
    ) -> Path:
        """Save (and by default sign, as the author) a record of ``case``."""
        record = self.record(case, screening_id, **changes)
        for identity, meaning in ((self.author, "authorship"),) if signers is None else signers:
            record = sign_record(record, identity, meaning)  # type: ignore[arg-type]
        return self.store.save(record)

    def amend(self, path: Path, *, sign: bool = True, **changes: Any) -> Path:
        """The next version of the record at ``path`` with ``changes``, signed unless asked."""
        loaded = self.store.load(path)
        answers = {**loaded.record.answers, **changes}
        savable = prepare(self.protocol, {k: v for k, v in answers.items() if v is not None})
        record = amend_record(
            loaded.record,
            loaded.raw,
            path.name,
            answers=savable.answers,
            evaluation=savable.evaluation,
            protocol=savable.protocol,
            actor=actor_of(self.author),
            reason="corrected from the source document",
        )
        if sign:
            record = sign_record(record, self.author, "authorship")
        return self.store.save(record)


@pytest.fixture
def saver(store: RecordStore, protocol: Protocol, author: UnlockedIdentity) -> Saver:
    return Saver(store, protocol, author)


def same_answers_and_verdict(
    protocol: Protocol, imported: dict[str, Any], record: RecordV1
) -> None:
    """The imported answers are the record's, and give its verdict and criteria."""
    assert to_json_object(prepare(protocol, imported).answers, "answers") == record.answers
    result = evaluate(protocol, imported)
    assert not result.errors
    assert result.overall == record.verdict
    assert result.statuses() == record.evaluation["criteria"]


RecordMaker = Callable[..., Path]
