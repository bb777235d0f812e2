"""nkscreen.safe_files: what is read, what is refused, and the depth check against a reference."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from nkscreen.safe_files import (
    FileRefusedError,
    JsonDepthError,
    check_json_text,
    clip,
    lone_surrogate_path,
    printable,
    read_document,
)


def _refusal(path: Path, **kwargs: object) -> tuple[str, str]:
    with pytest.raises(FileRefusedError) as info:
        read_document(path, **kwargs)  # type: ignore[arg-type]
    return info.value.kind, str(info.value)


def test_regular_file_is_read_up_to_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"x" * 100)
    assert read_document(path, limit=100) == b"x" * 100
    assert _refusal(path, limit=99) == (
        "too_large",
        "the file is too large to be an nkscreen file (100 bytes; the limit is 99)",
    )


def test_special_files_and_missing_ones(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    assert _refusal(tmp_path / "pipe") == ("not_a_file", "this is a named pipe (FIFO), not a file")
    assert _refusal(tmp_path) == ("not_a_file", "this is a folder, not a file")
    assert _refusal(Path("/dev/null")) == ("not_a_file", "this is a device, not a file")
    assert _refusal(tmp_path / "none") == ("missing", "the file does not exist")
    (tmp_path / "file").write_text("x")
    assert _refusal(tmp_path / "file" / "x.json") == (
        "missing",
        "a folder on its path is a file, not a folder",
    )


def test_links_stay_inside_their_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "real.json").write_text("{}")
    (tmp_path / "secret.json").write_text('{"secret": 1}')
    (data / "inside.json").symlink_to(data / "real.json")
    (data / "outside.json").symlink_to(tmp_path / "secret.json")
    (data / "dangling.json").symlink_to(data / "gone.json")
    assert read_document(data / "inside.json", within=data) == b"{}"
    assert _refusal(data / "outside.json", within=data) == (
        "outside",
        f"this is a link to a file outside {data}, which is not read",
    )
    assert _refusal(data / "dangling.json", within=data)[0] == "missing"
    # A file named by the user (no folder given) may be a link anywhere, to a regular file.
    assert read_document(data / "outside.json") == b'{"secret": 1}'
    (tmp_path / "pipe").symlink_to("/dev/zero")
    assert _refusal(tmp_path / "pipe")[1] == "this is a device, not a file"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.json"
    path.write_text("{}")

    def denied(*args: object) -> int:  # chmod 0 means nothing to root: refuse the open itself
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("nkscreen.safe_files.os.open", denied)
    assert _refusal(path) == ("unreadable", "no permission to read the file")


# ---------------------------------------------------------------- the depth check


def reference_depth(text: str) -> int:
    """Deepest bracket nesting outside strings, scanned character by character."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(depth - 1, 0)
    return deepest


LIMIT = 4
_json_ish = st.text(st.sampled_from('[]{}"\\ a,:1'), max_size=60)


@settings(max_examples=600, deadline=None)
@given(_json_ish)
@example('["\\"[[[[[["]')
@example('"\\\\"[[[[[')
@example("[[[[[}}}}}")
@example("]]]][[[[[")
def test_depth_check_never_lets_deeper_text_through(text: str) -> None:
    try:
        check_json_text(text, LIMIT)
    except JsonDepthError:
        return
    assert reference_depth(text) <= LIMIT


_documents = st.recursive(
    st.none() | st.integers() | st.text(st.sampled_from('[]{}"\\ab'), max_size=5),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(st.sampled_from('[]{}"\\ab'), max_size=3), children, max_size=3)
    ),
    max_leaves=20,
)


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


@settings(max_examples=400, deadline=None)
@given(_documents, st.sampled_from([None, 1, 2]))
def test_depth_check_accepts_every_document_within_the_limit(value: object, indent) -> None:
    text = json.dumps(value, indent=indent)
    if _depth(value) <= LIMIT:
        check_json_text(text, LIMIT)
    else:
        with pytest.raises(JsonDepthError):
            check_json_text(text, LIMIT)


def test_depth_check_at_the_default_limit() -> None:
    check_json_text("[" * 64 + "]" * 64)
    with pytest.raises(JsonDepthError, match="more than 64 levels"):
        check_json_text("[" * 65 + "]" * 65)
    with pytest.raises(JsonDepthError):
        check_json_text('{"a":' * 100_000)  # never closed: the parser would still recurse
    check_json_text(json.dumps(["[" * 1000, {"k": "{" * 1000}]))  # brackets inside strings


# ---------------------------------------------------------------- surrogates and echoes


def test_lone_surrogates_are_found_with_their_path() -> None:
    text = '{"a": [1, {"b": "x\\ud800"}]}'
    assert lone_surrogate_path(text, json.loads(text)) == "a[1].b"
    text = '{"a": {"\\udfff": 1}}'
    assert lone_surrogate_path(text, json.loads(text)) == "a.\\udfff"
    text = '"\\ud83d\\ude00"'  # a proper pair: an emoji, not a lone surrogate
    assert lone_surrogate_path(text, json.loads(text)) is None
    text = '"\\\\ud800"'  # an escaped backslash followed by text
    assert lone_surrogate_path(text, json.loads(text)) is None


def test_clip_and_printable() -> None:
    assert printable("a\ud800b") == "a\\ud800b"
    assert clip("x" * 100, 10) == "xxxxxxx..."
    assert clip("short") == "short"
