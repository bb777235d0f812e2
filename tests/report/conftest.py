"""Fixtures for the printed summary: records made from the example cases, signed with
throwaway keys, and a reader that turns a PDF back into text."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from nkscreen import paths
from nkscreen.core.engine import evaluate
from nkscreen.core.protocol import Protocol
from nkscreen.records import identity as identity_module
from nkscreen.records.identity import UnlockedIdentity
from nkscreen.records.lifecycle import new_record
from nkscreen.records.model import ProtocolRef, RecordV1, dumps_document, record_to_dict
from nkscreen.records.signing import sign_record
from nkscreen.records.store import LoadedRecord, open_record
from nkscreen.records.trust import load_trusted
from tests.records.helpers import actor_of, throwaway_identity, write_trusted

CASES = Path(__file__).resolve().parent.parent / "cases"
#: A fixed print time, so the footer can be checked exactly.
PRINTED_AT = datetime(2026, 11, 21, 9, 30, 5, tzinfo=timezone(timedelta(hours=8)))
SITE = "Peking University First Hospital, Haematology"
#: The site's time zone in Preferences; printouts are checked in it, whatever the machine's.
SITE_ZONE = ZoneInfo("Asia/Shanghai")


def case_answers(name: str) -> dict[str, Any]:
    data = json.loads((CASES / f"{name}.json").read_text("utf-8"), parse_float=Decimal)
    answers: dict[str, Any] = data["answers"]
    return answers


@dataclass
class PdfText:
    """A PDF read back with pypdf: its pages' text, whitespace normalised for searching."""

    reader: PdfReader
    pages: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    @property
    def flat(self) -> str:
        return " ".join(self.text.split())

    def page_flat(self, index: int) -> str:
        return " ".join(self.pages[index].split())


def read_pdf(data: bytes) -> PdfText:
    reader = PdfReader(BytesIO(data))
    return PdfText(reader, [page.extract_text() or "" for page in reader.pages])


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    # As in tests/records: keys made here are cheap to open.
    monkeypatch.setattr(identity_module, "SCRYPT_LOG2_N", 10)


@pytest.fixture(autouse=True)
def _gui_app(qapp: object) -> object:
    """Every PDF needs a (Q)Application; pytest-qt's, so GUI tests can share it."""
    return qapp


@pytest.fixture
def data_dir(tmp_path: Path, author: UnlockedIdentity, approver: UnlockedIdentity) -> Path:
    """A data folder whose trusted signers are the author and the approver."""
    base = tmp_path / "data"
    write_trusted(paths.trusted_signers_path(base), author, approver)
    return base


def make_record(protocol: Protocol, case: str, *signers: tuple[UnlockedIdentity, str]) -> RecordV1:
    answers = case_answers(case)
    evaluation = evaluate(protocol, answers).to_json()
    ref = ProtocolRef(id=protocol.id, version=protocol.version, sha256=protocol.source_sha256)
    first = signers[0][0] if signers else throwaway_identity(99, user_id="nurse")
    record = new_record(protocol=ref, answers=answers, evaluation=evaluation, actor=actor_of(first))
    for identity, meaning in signers:
        record = sign_record(record, identity, meaning)  # type: ignore[arg-type]
    return record


RecordFactory = Callable[..., LoadedRecord]


@pytest.fixture
def saved_record(tmp_path: Path, protocol: Protocol, data_dir: Path) -> RecordFactory:
    """Write a record for an example case and open it as the app would (verified)."""

    def factory(
        case: str,
        *signers: tuple[UnlockedIdentity, str],
        tamper: Callable[[dict[str, Any]], None] | None = None,
    ) -> LoadedRecord:
        raw = record_to_dict(make_record(protocol, case, *signers))
        if tamper is not None:
            tamper(raw)
        path = tmp_path / f"{case}-{len(list(tmp_path.glob('*.json')))}.json"
        path.write_bytes(dumps_document(raw))
        return open_record(path, load_trusted(paths.trusted_signers_path(data_dir)))

    return factory
