"""Regenerate the signed-record fixtures in tests/records/fixtures/.

    .venv/bin/python -m tests.records.make_fixtures [FOLDER]

They are signed with throwaway keys derived from fixed seeds (never use them for anything
else); ``trusted-signers.json`` trusts two of them, signed by a third, the site administrator,
as a site would. ``expected.json`` says what ``nkscreen verify`` must answer for each file.
``trust/`` holds trusted signers lists that must trust nobody (an entry edited after signing,
the signature removed, the old unsigned version 1 format) and ``identities/`` identity files
(passphrase: ``tests.records.helpers.PASSPHRASE``): one whose name was edited, one in the old
format without a self-signature. Regenerating changes timestamps and ids, not the
expectations.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

from nkscreen.core.casefile import read_case
from nkscreen.core.engine import evaluate
from nkscreen.records import identity as identity_module
from nkscreen.records.identity import UnlockedIdentity, b64encode, create_identity
from nkscreen.records.lifecycle import new_record
from nkscreen.records.model import ProtocolRef, RecordV1, dumps_document, record_to_dict
from nkscreen.records.signing import sign_record
from nkscreen.records.trust import setup_administrator, trusted_entry
from tests.records.helpers import PASSPHRASE, actor_of, throwaway_identity

HERE = Path(__file__).resolve().parent
CASES = HERE.parent / "cases"

AUTHOR = throwaway_identity(101, name="Dr Fixture Author", user_id="fx-author", role="investigator")
REVIEWER = throwaway_identity(102, name="Dr Fixture Reviewer", user_id="fx-review", role="PI")
STRANGER = throwaway_identity(103, name="Dr Unknown", user_id="fx-stranger", role="investigator")
ADMIN = throwaway_identity(100, name="Dr Fixture Admin", user_id="fx-admin", role="PI")
#: The author's own key, with a name and role the site never vouched for (an edited identity).
AUTHOR_RENAMED = throwaway_identity(101, name="Prof Wang Chief", user_id="fx-author", role="PI")
#: A new key made under the author's user id.
AUTHOR_OTHER_KEY = throwaway_identity(
    104, name="Dr Fixture Author", user_id="fx-author", role="investigator"
)


def _record_for(case_name: str, signer: UnlockedIdentity) -> RecordV1:
    from nkscreen.core.protocol import builtin_protocol

    case = read_case(CASES / f"{case_name}.json")
    protocol = builtin_protocol(case.protocol_id)
    evaluation = evaluate(protocol, case.answers)
    assert not evaluation.errors, evaluation.errors
    return new_record(
        protocol=ProtocolRef(
            id=protocol.id, version=protocol.version, sha256=protocol.source_sha256
        ),
        answers=case.answers,
        evaluation=evaluation.to_json(),
        actor=actor_of(signer),
    )


def build(folder: Path) -> dict[str, dict[str, Any]]:
    """Write every fixture into ``folder``; return the expectations also saved there."""
    folder.mkdir(parents=True, exist_ok=True)
    docs: dict[str, bytes] = {}
    expected: dict[str, dict[str, Any]] = {}

    def put(name: str, raw: dict[str, Any] | bytes, state: str, exit_code: int) -> None:
        docs[name] = raw if isinstance(raw, bytes) else dumps_document(raw)
        expected[name] = {"state": state, "exit": exit_code}

    authored = sign_record(_record_for("eligible_male", AUTHOR), AUTHOR, "authorship")
    valid = record_to_dict(authored)
    put("valid_authorship.json", valid, "valid", 0)
    reviewed = sign_record(authored, REVIEWER, "review")
    put("valid_reviewed.json", record_to_dict(reviewed), "valid", 0)
    put(
        "untrusted_signer.json",
        record_to_dict(
            sign_record(_record_for("eligible_female", STRANGER), STRANGER, "authorship")
        ),
        "untrusted",
        1,
    )
    put("unsigned.json", record_to_dict(_record_for("eligible_female", AUTHOR)), "unsigned", 1)
    for name, impostor in (
        ("untrusted_name_and_role_changed.json", AUTHOR_RENAMED),
        ("untrusted_other_key_for_user_id.json", AUTHOR_OTHER_KEY),
    ):
        put(
            name,
            record_to_dict(
                sign_record(_record_for("eligible_male", impostor), impostor, "approval")
            ),
            "untrusted",
            1,
        )

    other = record_to_dict(_record_for("pregnant", AUTHOR))
    other["audit_trail"].append(valid["audit_trail"][-1])
    other["signatures"] = copy.deepcopy(valid["signatures"])
    put("invalid_moved_signature.json", other, "invalid", 1)
    wrong_key = copy.deepcopy(valid)
    wrong_key["signatures"][0]["public_key"] = b64encode(STRANGER.public.public_key)
    put("invalid_key_not_matching_fingerprint.json", wrong_key, "invalid", 1)

    answer = copy.deepcopy(valid)
    answer["answers"]["ecog"] = 3
    put("tampered_answer.json", answer, "invalid", 1)
    not_eligible = record_to_dict(sign_record(_record_for("ecog_3", AUTHOR), AUTHOR, "authorship"))
    not_eligible["evaluation"]["overall"] = "eligible"
    put("tampered_verdict.json", not_eligible, "invalid", 1)
    meaning = record_to_dict(reviewed)
    meaning["signatures"][1]["manifestation"]["meaning"] = "approval"
    meaning["audit_trail"][-1]["meaning"] = "approval"
    put("tampered_manifestation.json", meaning, "invalid", 1)
    audit = copy.deepcopy(valid)
    audit["audit_trail"][0]["at"] = "2026-01-01T08:00:00+00:00"
    put("tampered_audit_trail.json", audit, "invalid", 1)

    full = dumps_document(valid)
    put("unreadable_truncated.json", full[: len(full) * 2 // 3], "unreadable", 2)
    put(
        "unreadable_future_version.json",
        dumps_document(dict(valid, schema_version=2)),
        "unreadable",
        2,
    )

    for name, data in docs.items():
        (folder / name).write_bytes(data)
    _trust_lists(folder)
    _identities(folder / "identities")
    (folder / "expected.json").write_text(json.dumps(expected, indent=2) + "\n", encoding="utf-8")
    return expected


def _trust_lists(folder: Path) -> None:
    trusted = folder / "trusted-signers.json"
    trusted.unlink(missing_ok=True)  # set-up never replaces a signed list
    setup_administrator(
        trusted, ADMIN, [trusted_entry(AUTHOR.public), trusted_entry(REVIEWER.public)]
    )
    signed = json.loads(trusted.read_bytes())
    (folder / "trust").mkdir(exist_ok=True)
    tampered = copy.deepcopy(signed)
    tampered["signers"][0]["name"] = AUTHOR_RENAMED.public.name
    tampered["signers"][0]["role"] = AUTHOR_RENAMED.public.role
    unsigned = {key: value for key, value in signed.items() if key != "signature"}
    legacy = {
        "schema_version": 1,
        "format": "nkscreen-trusted-signers",
        "signers": [
            {
                "name": i.public.name,
                "user_id": i.public.user_id,
                "role": i.public.role,
                "public_key": b64encode(i.public.public_key),
                "key_fingerprint": i.public.fingerprint,
            }
            for i in (AUTHOR, REVIEWER)
        ],
    }
    for name, document in (
        ("tampered_entry.json", tampered),
        ("unsigned.json", unsigned),
        ("legacy_v1.json", legacy),
    ):
        (folder / "trust" / name).write_bytes(dumps_document(document))


def _identities(folder: Path) -> None:
    """Identity files sealed with a cheap scrypt cost (fixtures, not keys anyone uses)."""
    cost = identity_module.SCRYPT_LOG2_N
    identity_module.SCRYPT_LOG2_N = 10
    try:
        for path in folder.glob("*.json"):
            path.unlink()
        for user_id in ("tampered_name", "legacy_v1"):
            create_identity(
                folder,
                name="Dr Fixture Identity",
                role="investigator",
                user_id=user_id,
                passphrase=PASSPHRASE,
            )
    finally:
        identity_module.SCRYPT_LOG2_N = cost
    tampered = json.loads((folder / "tampered_name.json").read_bytes())
    tampered.update(name="Prof Wang Chief", role="PI")
    (folder / "tampered_name.json").write_bytes(dumps_document(tampered))
    legacy = json.loads((folder / "legacy_v1.json").read_bytes())
    del legacy["self_signature"]
    legacy["schema_version"] = 1
    (folder / "legacy_v1.json").write_bytes(dumps_document(legacy))


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "fixtures"
    for fixture_name in build(target):
        print(target / fixture_name)
