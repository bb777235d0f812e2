"""Records that are not plainly valid, one per kind of reason, and what each reason says in
English and in Chinese (the records layer's reasons, see nkscreen.records.reasons).

Shared by the records, printout and window tests so the three show the same sentence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from nkscreen import paths
from nkscreen.records.lifecycle import amend_record
from nkscreen.records.model import Actor
from nkscreen.records.store import RecordStore
from tests.records.helpers import (
    EVALUATION,
    PROTOCOL,
    signed_record,
    throwaway_identity,
    write_trusted,
)


@dataclass(frozen=True)
class ReasonCase:
    path: Path
    state: str
    english: str
    chinese: str


def reason_cases(base: Path) -> dict[str, ReasonCase]:
    """In the data folder ``base`` (its trusted signer: Dr Test Signer), one record each:
    changed after signing, a co-signature removed, signed by an untrusted signer, and an
    amendment whose version 1 is gone."""
    signer = throwaway_identity(1)
    reviewer = throwaway_identity(2, name="Dr Review", user_id="reviewer", role="PI")
    stranger = throwaway_identity(3, name="Dr Stranger", user_id="stranger")
    write_trusted(paths.trusted_signers_path(base), signer, reviewer)
    store = RecordStore(base)

    invalid = store.save(signed_record(signer, screening_id="HX-101"))
    data = json.loads(invalid.read_text("utf-8"))
    data["answers"]["ecog"] = 3
    invalid.write_text(json.dumps(data, indent=2), "utf-8")

    from nkscreen.records.signing import sign_record

    removed = store.save(
        sign_record(signed_record(signer, screening_id="HX-102"), reviewer, "review")
    )
    data = json.loads(removed.read_text("utf-8"))
    data["signatures"] = data["signatures"][:1]  # the reviewer's "signed" audit entry stays
    removed.write_text(json.dumps(data, indent=2), "utf-8")

    untrusted = store.save(signed_record(stranger, screening_id="HX-103"))

    v1 = store.save(signed_record(signer, screening_id="HX-104"))
    old = store.load(v1)
    amended = amend_record(
        old.record,
        old.raw,
        v1.name,
        answers={**old.record.answers, "ecog": 2},
        evaluation={**EVALUATION, "overall": "not_eligible"},
        protocol=PROTOCOL,
        actor=Actor(user_id="nurse1", name="Nurse One", role="study nurse"),
        reason="weight re-measured",
    )
    broken = store.save(sign_record(amended, signer, "authorship"))
    v1.unlink()

    return {
        "invalid": ReasonCase(
            invalid,
            "invalid",
            "the record was changed after signature 1 (Dr Test Signer, authorship) was made, "
            "or the signature belongs to another record",
            "记录在第1个签名（Dr Test Signer，作者）之后被改动，或该签名属于另一份记录",
        ),
        "removed": ReasonCase(
            removed,
            "invalid",
            "the audit trail records 2 signatures but the record carries 1: a signature was "
            "removed",
            "审计追踪记录了2个签名，但记录中只有1个：有签名被移除",
        ),
        "untrusted": ReasonCase(
            untrusted,
            "untrusted",
            "is not in this site's trusted signers",
            "不在本中心受信任的签署人名单中",
        ),
        "broken": ReasonCase(
            broken,
            "broken_chain",
            "version 1 missing (version 2 amends it)",
            "第1版缺失（第2版是对它的修订）",
        ),
    }
