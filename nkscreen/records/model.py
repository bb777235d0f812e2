"""The on-disk shape of a screening record and of an autosaved draft (pydantic v2).

A record is a clinical document read by people and by other programs for years, so the
format is plain, versioned JSON: ``schema_version`` has no default (a file must say which
format it is in), unknown keys are rejected (a typo or a tampered extra field must not be
silently ignored), and every version ever written stays in the :data:`AnyRecord` union so
old files keep opening. Migration to the current version happens in memory, after the
signature has been checked against the bytes as written.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Final, Literal, Union

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    PlainSerializer,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
)

from nkscreen.records import texts_files as _texts  # noqa: F401  (registers the sentences)
from nkscreen.records.meanings import MEANING_STATEMENTS as MEANING_STATEMENTS
from nkscreen.records.meanings import Meaning as Meaning
from nkscreen.records.note_text import note_problem
from nkscreen.safe_files import (
    MAX_DOCUMENT_BYTES,
    FileRefusedError,
    JsonDepthError,
    check_json_text,
    clip,
    lone_surrogate_path,
    read_document,
)
from nkscreen.sentences import Sentence, said

RECORD_FORMAT: Final = "nkscreen-screening-record"
DRAFT_FORMAT: Final = "nkscreen-draft"
CURRENT_SCHEMA_VERSION: Final = 1
SUPPORTED_SCHEMA_VERSIONS: Final = frozenset({1})

#: Refuse to parse anything larger: a record is a few kB, and listing must survive a stray
#: multi-gigabyte file dropped into the folder (see nkscreen.safe_files).
MAX_RECORD_BYTES: Final = MAX_DOCUMENT_BYTES

#: RFC 8785 (I-JSON) numbers are IEEE doubles: larger integers would be rounded.
MAX_SAFE_INT: Final = 2**53 - 1


def _iso(value: datetime) -> str:
    return value.isoformat()


Timestamp = Annotated[
    AwareDatetime,
    PlainSerializer(_iso, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Uuid = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
Base64 = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/]+={0,2}$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1, max_length=200)]


def _note_text(text: str) -> str:
    problem = note_problem(text)
    if problem is not None:
        raise ValueError(problem)
    return text


NoteText = Annotated[str, StringConstraints(min_length=1), AfterValidator(_note_text)]
CriterionId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", max_length=64)]
FieldId = CriterionId

#: What the signer declares (21 CFR 11.50(a)(3)); shown before signing and printed with it.


class _Strict(BaseModel):
    # Schemas are built when a record is first read or written, not at import: starting the
    # app with the records listing from its index cache needs none of them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Actor(_Strict):
    """Who did something. Without a signing identity it is the operating-system login."""

    user_id: NonEmpty
    name: NonEmpty
    role: str | None = None


class FieldChange(_Strict):
    """One answer changed; ``null`` stands for "not answered"."""

    field: NonEmpty
    old: JsonValue
    new: JsonValue


class AuditEvent(_Strict):
    """Append-only history: who did what and when, which answers changed, and why (amended)."""

    event: Literal["created", "saved", "signed", "amended"]
    at: Timestamp
    by: Actor
    changes: list[FieldChange] = Field(default_factory=list)
    reason: str | None = None
    meaning: Meaning | None = None


class Manifestation(_Strict):
    """The human-readable part of a signature (21 CFR 11.50), covered by the signature."""

    name: NonEmpty
    user_id: NonEmpty
    role: NonEmpty
    meaning: Meaning
    statement: NonEmpty
    signed_at: Timestamp
    key_fingerprint: Sha256Hex


class Signature(_Strict):
    """An Ed25519 signature over the record's RFC 8785 bytes plus this block minus ``value``."""

    manifestation: Manifestation
    algorithm: Literal["Ed25519"]
    public_key: Base64
    #: How many audit-trail entries existed when signing (its own "signed" entry included):
    #: a later co-signature appends an entry without breaking this one.
    covers_audit_entries: Annotated[int, Field(ge=1)]
    value: Base64


class ProtocolRef(_Strict):
    """The protocol file the verdict came from, pinned by the sha256 of its bytes."""

    id: NonEmpty
    version: Annotated[str, StringConstraints(min_length=1, max_length=2000)]
    sha256: Sha256Hex


class PreviousVersion(_Strict):
    """The signed record an amendment replaces, pinned by the hash of its full content."""

    record_id: Uuid
    version: Annotated[int, Field(ge=1)]
    file: NonEmpty
    sha256: Sha256Hex


class EnteredAs(_Strict):
    """An answer as the person typed it, in another unit than the protocol keeps it in
    (``{"value": "154.3", "unit": "lb"}`` beside ``"weight": 69.99``; see nkscreen.core.units)."""

    value: Annotated[str, StringConstraints(pattern=r"^[+-]?(\d+(\.\d*)?|\.\d+)$", max_length=60)]
    unit: Annotated[str, StringConstraints(min_length=1, max_length=32)]


def _empty(value: object) -> bool:
    return not value


class RecordV1(_Strict):
    """One saved version of a screening: answers, verdict at save time, audit trail, signatures.

    Signatures cover every other field (see nkscreen.records.signing); ``previous`` links an
    amendment to the signed version it replaces.
    """

    schema_version: Literal[1]
    format: Literal["nkscreen-screening-record"]
    record_id: Uuid
    assessment_id: Uuid
    version: Annotated[int, Field(ge=1)]
    previous: PreviousVersion | None
    app_version: NonEmpty
    protocol: ProtocolRef
    created_at: Timestamp
    saved_at: Timestamp
    answers: dict[str, JsonValue]
    evaluation: dict[str, JsonValue]
    audit_trail: Annotated[list[AuditEvent], Field(min_length=1)]
    signatures: list[Signature]
    # Notes (see nkscreen.records.notes): optional, and left out of the file when empty, so a
    # record without them is exactly what nkscreen wrote before they existed.
    #: A comment on each criterion that has one, by criterion id.
    comments: dict[CriterionId, NoteText] = Field(default_factory=dict, exclude_if=_empty)
    #: Why the screening failed, in the screener's words.
    screen_failure_reason: NoteText | None = Field(default=None, exclude_if=_empty)
    #: Answers typed in another unit than the protocol keeps, as typed, by field id.
    entered_as: dict[FieldId, EnteredAs] = Field(default_factory=dict, exclude_if=_empty)

    @property
    def is_signed(self) -> bool:
        return bool(self.signatures)

    def answer_text(self, field: str) -> str:
        value = self.answers.get(field)
        return "" if value is None else str(value)

    @property
    def verdict(self) -> str:
        overall = self.evaluation.get("overall")
        return overall if isinstance(overall, str) else ""


class DraftV1(_Strict):
    """Unsaved work, autosaved for crash recovery; never a clinical record itself."""

    schema_version: Literal[1]
    format: Literal["nkscreen-draft"]
    assessment_id: Uuid
    protocol_id: NonEmpty
    #: File name of the saved record this draft edits or amends, if any.
    based_on: str | None
    amendment_reason: str | None
    answers: dict[str, JsonValue]
    created_at: Timestamp
    updated_at: Timestamp
    app_version: NonEmpty
    comments: dict[CriterionId, NoteText] = Field(default_factory=dict, exclude_if=_empty)
    screen_failure_reason: NoteText | None = Field(default=None, exclude_if=_empty)
    entered_as: dict[FieldId, EnteredAs] = Field(default_factory=dict, exclude_if=_empty)


# Add RecordV2 here (and a migration to it, in memory, after the signature check) when the
# format changes.
AnyRecord = Annotated[Union[RecordV1], Field(discriminator="schema_version")]  # noqa: UP007
AnyDraft = Annotated[Union[DraftV1], Field(discriminator="schema_version")]  # noqa: UP007

RECORD_ADAPTER: Final[TypeAdapter[RecordV1]] = TypeAdapter(AnyRecord)
DRAFT_ADAPTER: Final[TypeAdapter[DraftV1]] = TypeAdapter(AnyDraft)


def utc_now() -> datetime:
    """Second resolution keeps timestamps readable; audit order is the list order anyway."""
    return datetime.now(UTC).replace(microsecond=0)


def local_now() -> datetime:
    """Wall-clock time with the signer's UTC offset, as shown in a signature manifestation."""
    return datetime.now().astimezone().replace(microsecond=0)


# ---------------------------------------------------------------- JSON values


def to_json_value(value: object, where: str = "value", *, keep_floats: bool = False) -> JsonValue:
    """Make ``value`` safe for RFC 8785 without changing what was entered.

    Integers stay JSON numbers; decimals with a fractional part (``Decimal("1.10")``, the float
    ``1.1``) become strings with the digits as typed, because canonical JSON would reformat or
    round them; integers beyond 2**53 become strings for the same reason. NaN and infinity
    are refused: they are not data.
    """
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value if abs(value) <= MAX_SAFE_INT else str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{where}: {value!r} is not a number that can be saved")
        if keep_floats:
            return value
        return to_json_value(Decimal(repr(value)), where)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{where}: {value} is not a number that can be saved")
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent >= 0:
            return to_json_value(int(value), where)
        return format(value, "f")  # never "1E-7": the answer parser reads plain decimals
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [
            to_json_value(item, f"{where}[{i}]", keep_floats=keep_floats)
            for i, item in enumerate(value)
        ]
    if isinstance(value, dict):
        out: dict[str, JsonValue] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{where}: key {key!r} is not text")
            out[key] = to_json_value(item, f"{where}.{key}", keep_floats=keep_floats)
        return out
    raise TypeError(f"{where}: {type(value).__name__} cannot be saved in a record")


def to_json_object(
    value: dict[str, Any], where: str, *, keep_floats: bool = False
) -> dict[str, JsonValue]:
    """:func:`to_json_value` for a whole object; ``keep_floats`` for computed results.

    A computed ratio (an evaluation's ``alt_x_uln``) is a binary float already: RFC 8785
    serialises finite floats deterministically and JSON round-trips them exactly, so it can
    stay a number. Typed-in answers keep their digits as strings instead.
    """
    result = to_json_value(value, where, keep_floats=keep_floats)
    assert isinstance(result, dict)
    return result


# ---------------------------------------------------------------- parsing


class RecordFormatError(Exception):
    """A file that cannot be read as a record; ``str()`` says why, for the user."""

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(message)


def _reject_constant(name: str) -> object:
    raise ValueError(Sentence("format.constant", name=name))


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # A duplicated key would let a viewer show one value while the verifier checks another.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(Sentence("format.duplicate_key", key=repr(key)))
        result[key] = value
    return result


def parse_json_document(data: bytes) -> Any:
    """Strict JSON parsing: UTF-8, bounded size and depth, no NaN/Infinity, no duplicate keys,
    no lone surrogates (text that could never be saved, printed or signed again)."""
    if len(data) > MAX_RECORD_BYTES:
        raise RecordFormatError("foreign", Sentence("format.too_large"))
    if not data.strip():
        raise RecordFormatError("truncated", Sentence("format.empty"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RecordFormatError("foreign", Sentence("format.not_text")) from None
    try:
        check_json_text(text)
    except JsonDepthError as exc:
        raise RecordFormatError("foreign", exc.args[0]) from None
    try:
        value = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise RecordFormatError("truncated", Sentence("format.truncated")) from None
        raise RecordFormatError(
            "not_json", Sentence("format.not_json", line=exc.lineno, column=exc.colno)
        ) from None
    except ValueError as exc:  # NaN, a duplicated key, an integer of thousands of digits
        error = said(exc)
        error = error if isinstance(error, Sentence) else clip(error, 200)
        raise RecordFormatError("invalid", Sentence("format.not_valid", error=error)) from None
    where = lone_surrogate_path(text, value)
    if where is not None:
        raise RecordFormatError("invalid", Sentence("format.surrogate", where=where))
    return value


def read_json_file(path: Path, *, within: Path | None = None) -> Any:
    """Read and strictly parse one JSON file; :class:`RecordFormatError` says why not.

    ``within``: the folder the file must stay in if it is a link (see
    :func:`nkscreen.safe_files.read_document`); pipes, devices and oversized files are
    refused before anything is read.
    """
    try:
        data = read_document(path, limit=MAX_RECORD_BYTES, within=within)
    except FileRefusedError as exc:
        kind = "foreign" if exc.kind == "too_large" else "unreadable"
        raise RecordFormatError(kind, exc.reason) from None
    return parse_json_document(data)


def _malformed(what: str, exc: ValidationError) -> Sentence:
    """``what`` ("record" or "draft") is malformed: the validator's first three problems."""
    parts = []
    for error in exc.errors()[:3]:
        location = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error["loc"])
        location = clip(location.lstrip("."), 80)
        parts.append(f"{location or 'file'}: {clip(error['msg'], 200)}")
    more = exc.error_count() - len(parts)
    if more > 0:
        return Sentence(f"format.{what}_malformed_more", problems="; ".join(parts), more=more)
    return Sentence(f"format.{what}_malformed", problems="; ".join(parts))


def _check_envelope(raw: Any, expected_format: str, what: str) -> None:
    """``what``: "record" or "draft", the kind of file ``expected_format`` names."""
    if not isinstance(raw, dict) or raw.get("format") != expected_format:
        other = {RECORD_FORMAT: "record", DRAFT_FORMAT: "draft"}
        found = raw.get("format") if isinstance(raw, dict) else None
        if isinstance(found, str) and found in other:  # not a list: unhashable
            raise RecordFormatError("foreign", Sentence(f"format.{other[found]}_not_{what}"))
        raise RecordFormatError("foreign", Sentence(f"format.not_{what}"))
    version = raw.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise RecordFormatError("invalid", Sentence("format.no_schema_version"))
    newest = max(SUPPORTED_SCHEMA_VERSIONS)
    if version > newest:
        raise RecordFormatError(
            "future_version", Sentence(f"format.future_{what}", version=version, newest=newest)
        )
    if version not in SUPPORTED_SCHEMA_VERSIONS:
        raise RecordFormatError(
            "invalid", Sentence(f"format.unknown_{what}_version", version=version)
        )


def parse_record(raw: Any) -> RecordV1:
    """Validate a parsed JSON document as a record (any supported version)."""
    _check_envelope(raw, RECORD_FORMAT, "record")
    try:
        return RECORD_ADAPTER.validate_python(raw)
    except ValidationError as exc:
        raise RecordFormatError("invalid", _malformed("record", exc)) from None


def parse_draft(raw: Any) -> DraftV1:
    _check_envelope(raw, DRAFT_FORMAT, "draft")
    try:
        return DRAFT_ADAPTER.validate_python(raw)
    except ValidationError as exc:
        raise RecordFormatError("invalid", _malformed("draft", exc)) from None


def record_to_dict(record: RecordV1) -> dict[str, Any]:
    """The JSON object written to disk, which is also exactly what signatures cover."""
    result: dict[str, Any] = RECORD_ADAPTER.dump_python(record, mode="json")
    return result


def draft_to_dict(draft: DraftV1) -> dict[str, Any]:
    result: dict[str, Any] = DRAFT_ADAPTER.dump_python(draft, mode="json")
    return result


def dumps_document(document: dict[str, Any]) -> bytes:
    """Indented, UTF-8 (names with accents stay readable), newline-terminated."""
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# ---------------------------------------------------------------- JSON Schema


SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"


def record_json_schema(version: int = CURRENT_SCHEMA_VERSION) -> dict[str, Any]:
    """The published JSON Schema of one record format version."""
    models: dict[int, type[BaseModel]] = {1: RecordV1}
    schema: dict[str, Any] = models[version].model_json_schema(mode="serialization")
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://nkscreen.invalid/schemas/record-v{version}.schema.json",
        **schema,
        "title": f"nkscreen screening record, format version {version}",
    }


def schema_text(version: int = CURRENT_SCHEMA_VERSION) -> str:
    return json.dumps(record_json_schema(version), indent=2, sort_keys=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Regenerate ``resources/schemas``; the test suite fails until this has been run."""
    written = []
    for version in sorted(SUPPORTED_SCHEMA_VERSIONS):
        path = folder / f"record-v{version}.schema.json"
        path.write_text(schema_text(version), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    from nkscreen.resources import resource_path

    for written_path in write_schemas(resource_path("schemas")):
        print(written_path)
