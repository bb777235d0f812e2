"""The plain check of a trusted signers list agrees with load_trusted, and never trusts more.

:func:`plain_trusted_keys` may decline any list (load_trusted then decides), but a list it
accepts load_trusted must accept, with the same entries. Odd lists are signed again by the
administrator, so that what refuses them is their shape, not a broken signature.
"""

from __future__ import annotations

import contextlib
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkscreen.records import trust
from nkscreen.records.canonical import CanonicalizationError
from nkscreen.records.identity import UnlockedIdentity
from nkscreen.records.keys import b64encode, user_id_problem
from nkscreen.records.signing import VerificationState
from nkscreen.records.store import RecordStore
from nkscreen.records.trust import TrustError, load_trusted
from nkscreen.records.trust_plain import list_payload, plain_trusted_keys
from tests.damage import damaged
from tests.records.helpers import signed_record, throwaway_identity, write_trusted

ADMIN = throwaway_identity(50, name="Dr Site Admin", user_id="admin", role="PI")
AUTHOR = throwaway_identity(51, name="Dr Li Wei", user_id="liwei", role="Sub-investigator")
REVIEWER = throwaway_identity(52, name="张敏", user_id="zhangmin", role="PI")


def entries(known: Any) -> dict[str, tuple[str, str, str, str]]:
    return {fp: (e.key_fingerprint, e.name, e.user_id, e.role) for fp, e in dict(known).items()}


def agree(path: Path) -> bool:
    """Whether the plain check accepts the list, after checking load_trusted reads it alike."""
    plain = plain_trusted_keys(path)
    if plain is None:
        return False
    try:
        full = load_trusted(path)
    except TrustError as exc:
        raise AssertionError(
            f"trusted a list load_trusted refuses ({exc}): {path.read_text()}"
        ) from None
    assert entries(plain) == entries(full.by_fingerprint())
    return True


def app_written(folder: Path, *others: UnlockedIdentity) -> Path:
    path = folder / "trusted-signers.json"
    path.unlink(missing_ok=True)
    write_trusted(path, ADMIN, *others)
    return path


def signed_again(document: dict[str, Any], admin: UnlockedIdentity = ADMIN) -> dict[str, Any]:
    """``document`` with a fresh signature by ``admin`` (as is, if it cannot be signed)."""
    # A float or a surrogate cannot be signed: the document keeps its old signature.
    with contextlib.suppress(CanonicalizationError, ValueError):
        document["signature"] = b64encode(admin.sign(list_payload(document)))
    return document


def written(path: Path, document: object, **dumps: Any) -> Path:
    path.write_text(json.dumps(document, **dumps), "utf-8")
    return path


def test_a_list_the_app_writes_is_checked_plainly_as_load_trusted_reads_it(tmp_path):
    path = app_written(tmp_path, AUTHOR, REVIEWER)
    assert agree(path)
    assert set(plain_trusted_keys(path) or {}) == {
        i.public.fingerprint for i in (ADMIN, AUTHOR, REVIEWER)
    }


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.text(min_size=1, max_size=200),
    role=st.text(min_size=1, max_size=200),
    # Any user id the app accepts (its pattern, and not a Windows device name such as AUX).
    user_id=st.from_regex(r"\A[A-Za-z0-9_@-][A-Za-z0-9._@-]{0,63}\Z").filter(
        lambda u: user_id_problem(u) is None
    ),
)
def test_any_signer_the_app_can_trust_is_read_plainly(tmp_path, name, role, user_id):
    other = throwaway_identity(53, name=name, user_id=user_id, role=role)
    path = app_written(tmp_path, other)
    try:
        load_trusted(path)
    except TrustError:  # a Windows device name as user id: refused by both
        assert plain_trusted_keys(path) is None
        return
    assert agree(path)


def test_a_list_changed_after_signing_is_never_trusted(tmp_path):
    path = app_written(tmp_path, AUTHOR)
    document = json.loads(path.read_text("utf-8"))
    document["signers"][1]["role"] = "Administrator"
    written(path, document, indent=1)
    assert plain_trusted_keys(path) is None
    with pytest.raises(TrustError, match="changed after"):
        load_trusted(path)


def test_a_list_signed_by_another_key_than_its_administrators_is_never_trusted(tmp_path):
    path = app_written(tmp_path, AUTHOR)
    document = signed_again(json.loads(path.read_text("utf-8")), admin=AUTHOR)
    written(path, document)
    assert plain_trusted_keys(path) is None
    with pytest.raises(TrustError):
        load_trusted(path)


def test_a_missing_list_is_left_to_load_trusted(tmp_path):
    assert plain_trusted_keys(tmp_path / "trusted-signers.json") is None


_ODD_VALUES: list[Any] = [
    None, True, 0, 1, 2, 2.0, 1.5, "", " ", "x" * 200, "x" * 201, "\x00", "\u2028", "\U0001f600",
    "CON", "con.json", ".hidden", "a/b", "a" * 64, "a" * 65, "user@site", "abc", "ab==", "YQ",
    "====", "YQ==\n", "A" * 43 + "=", "0" * 64, "F" * 64, "0" * 63,
    "2026-12-01T15:09:01+00:00", "2026-12-01T15:09:01Z", "2026-12-01T15:09:01",
    "2026-12-01 15:09:01+00:00", "2026-02-30T15:09:01+00:00", "2026-12-01T24:00:00+00:00",
    "2026-12-01T23:59:60+00:00", "2026-12-01T15:09:01.123456+00:00",
    "2026-12-01T15:09:01.1234567+00:00", "2026-12-01T15:09:01+08:00", "0000-01-01T00:00:00+00:00",
    "0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00", "2026-12-01", 1764601741,
    "nkscreen-trusted-signers", [], [{}], {}, {"x": 1},
]  # fmt: skip

_PLACES: list[tuple[Any, ...]] = [
    ("schema_version",),
    ("format",),
    ("administrator",),
    ("signers",),
    ("signed_at",),
    ("signature",),
    ("extra",),
    *(("administrator", key) for key in trust.Administrator.model_fields),
    ("administrator", "extra"),
    *(("signers", 1, key) for key in trust.TrustedSigner.model_fields),
    ("signers", 1, "extra"),
    ("signers", 3),
]


def changed(base: dict[str, Any], place: tuple[Any, ...], value: Any, *, remove: bool) -> Any:
    document = copy.deepcopy(base)
    here = document
    for key in place[:-1]:
        here = here[key]
    last = place[-1]
    if remove:
        if isinstance(here, dict):
            here.pop(last, None)
        elif last < len(here):
            del here[last]
    elif isinstance(here, list) and last >= len(here):
        here.append(value)
    else:
        here[last] = value
    return document


@pytest.mark.parametrize("place", _PLACES, ids=lambda p: ".".join(map(str, p)))
def test_each_field_changed_to_odd_values_is_never_trusted_where_load_trusted_refuses(
    tmp_path, place
):
    base = json.loads(app_written(tmp_path, AUTHOR, REVIEWER).read_text("utf-8"))
    path = tmp_path / "trusted-signers.json"
    declined = 0
    for value in _ODD_VALUES:
        for remove in (False, True):
            document = changed(base, place, value, remove=remove)
            if isinstance(document, dict) and place != ("signature",):
                document = signed_again(document)
            declined += not agree(written(path, document, indent=1))
            if remove:
                break
    assert declined > 0  # odd values are met, not all of them silently fine


def test_a_duplicated_key_or_entry_is_left_to_load_trusted(tmp_path):
    path = app_written(tmp_path, AUTHOR)
    document = json.loads(path.read_text("utf-8"))
    twice = signed_again({**document, "signers": [*document["signers"], document["signers"][0]]})
    assert not agree(written(path, twice))
    text = json.dumps(signed_again(document))
    path.write_text(text[:-1] + ', "format": "nkscreen-trusted-signers"}', "utf-8")
    assert plain_trusted_keys(path) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "null",
        "[]",
        '{"schema_version": 1, "format": "nkscreen-trusted-signers", "signers": []}',
        '{"schema_version": 2, "format": "nkscreen-trusted-signers"}',
        '{"schema_version": NaN}',
        '{"schema_version": 2} x',
        '{"schema_version": ' + "9" * 5000 + "}",
        '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ],
)
def test_odd_files_are_left_to_load_trusted(tmp_path, text):
    path = tmp_path / "trusted-signers.json"
    path.write_text(text, "utf-8")
    assert plain_trusted_keys(path) is None


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.from_regex(
        r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?"
        r"(\+00:00|Z|[+-][0-9]{2}:[0-9]{2})?\Z"
    ),
    st.sampled_from((("signed_at",), ("signers", 0, "added_at"))),
)
def test_any_time_is_trusted_only_where_load_trusted_trusts_it(tmp_path, when, place):
    base = json.loads(app_written(tmp_path, AUTHOR).read_text("utf-8"))
    path = tmp_path / "trusted-signers.json"
    agree(written(path, signed_again(changed(base, place, when, remove=False))))


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_damaged_bytes_are_never_trusted_where_load_trusted_refuses(tmp_path, data):
    original = app_written(tmp_path, AUTHOR).read_bytes()
    path = tmp_path / "trusted-signers.json"
    path.write_bytes(damaged(original, data, b'{}[]",:0123456789eE+- \\u\x00\xffaAzZ=/', 3))
    agree(path)


# ------------------------------------------------------------------ the records list uses it


def test_the_records_list_trusts_a_good_list_without_load_trusted(tmp_path, monkeypatch):
    store = RecordStore(tmp_path / "data")
    store.prepare()
    write_trusted(tmp_path / "data" / "trusted-signers.json", ADMIN, AUTHOR)
    store.save(signed_record(AUTHOR))
    store.save(signed_record(REVIEWER, screening_id="HX-002"))

    def no_full_check(path: Path) -> trust.SiteTrust:
        raise AssertionError("load_trusted was used")

    monkeypatch.setattr(trust, "load_trusted", no_full_check)
    states = {r.screening_number: r.verification.state for r in store.list_records()}
    assert states == {"HX-001": VerificationState.VALID, "HX-002": VerificationState.UNTRUSTED}
    assert store.trusted_error is None


def test_the_records_list_trusts_nobody_when_the_list_was_changed(tmp_path):
    store = RecordStore(tmp_path / "data")
    store.prepare()
    path = tmp_path / "data" / "trusted-signers.json"
    write_trusted(path, ADMIN, AUTHOR)
    store.save(signed_record(AUTHOR))
    assert store.list_records()[0].verification.state is VerificationState.VALID
    document = json.loads(path.read_text("utf-8"))
    document["signers"][0]["name"] = "Dr Someone Else"  # the admin's own entry, unsigned change
    written(path, document, indent=1)
    rows = store.list_records()
    assert rows[0].verification.state is VerificationState.UNTRUSTED
    assert store.trusted_error is not None
    assert "changed after" in store.trusted_error
