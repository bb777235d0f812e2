"""Regenerate the small hostile-file fixtures in tests/hostile/fixtures/.

    .venv/bin/python -m tests.hostile.make_fixtures

Each is a file as an attacker (or a damaged disk) would leave it; big, sparse, FIFO and link
fixtures are made by the tests themselves in a temporary folder, never committed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
RECORDS = HERE.parent / "records" / "fixtures"
CASES = HERE.parent / "cases"
DEPTH = 1000


def _deep() -> bytes:
    return ("[" * DEPTH + "]" * DEPTH + "\n").encode()


def _surrogate_record() -> bytes:
    # The valid fixture with a lone surrogate escape in its screening id: json.loads accepts
    # it, but the text can never be encoded (printed, saved or signed) again.
    text = (RECORDS / "valid_authorship.json").read_text("utf-8")
    assert '"screening_id": "HX-001"' in text
    return text.replace('"screening_id": "HX-001"', '"screening_id": "HX-\\ud800"').encode()


def _trusted_bad_key() -> bytes:
    trusted = json.loads((RECORDS / "trusted-signers.json").read_text("utf-8"))
    trusted["signers"][0]["public_key"] = "A"
    return (json.dumps(trusted, indent=2) + "\n").encode()


def _identity_bad_key() -> bytes:
    import tempfile

    from nkscreen.records import identity as identity_module
    from nkscreen.records.identity import create_identity

    identity_module.SCRYPT_LOG2_N = 10  # a throwaway key: cheap to open
    with tempfile.TemporaryDirectory() as tmp:
        path = create_identity(
            Path(tmp),
            name="Dr Damaged Key",
            role="investigator",
            user_id="damaged",
            passphrase="correct horse battery staple",
        )
        identity = json.loads(path.read_text("utf-8"))
    identity["public_key"] = "A"
    return (json.dumps(identity, indent=2) + "\n").encode()


def _case_with(value: str) -> bytes:
    text = (CASES / "eligible_male.json").read_text("utf-8")
    case = json.loads(text)
    case["answers"]["alt"] = "@@"
    return (json.dumps(case, indent=1) + "\n").replace('"@@"', value).encode()


def build(folder: Path = FIXTURES) -> list[Path]:
    files = {
        "deep.json": _deep(),
        "surrogate_screening_id.json": _surrogate_record(),
        "trusted_bad_public_key.json": _trusted_bad_key(),
        "identity_bad_public_key.json": _identity_bad_key(),
        "case_huge_exponent.json": _case_with("1e-999999999"),
        "case_zero_huge_exponent.json": _case_with("0e-999999999"),
    }
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        written.append(folder / name)
    return written


if __name__ == "__main__":
    for written_path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURES):
        print(written_path)
