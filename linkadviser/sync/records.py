"""Records as JSON Lines: one record per line, keys sorted, lines sorted, so files diff well.

Two exports of the same records are byte-identical, which is what lets a person compare two
files with ``diff`` and lets a test prove what a file does (and does not) contain.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from linkadviser.content import fingerprint_of
from linkadviser.sync.errors import SyncError
from linkadviser.sync.kinds import CHANGE_LOG, codecs

DELETIONS = "deletions.jsonl"
DELETION_FIELDS = ("table", "id", "deleted_at", "device_id")
LOG_IDENTITY = ("at", "device_id", "record_type", "record_id", "action", "detail")

dumps_record = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


def member_name(kind_name: str) -> str:
    return f"records/{kind_name}.jsonl"


def kind_of_member(name: str) -> str:
    return name.removeprefix("records/").removesuffix(".jsonl")


def encode_rows(kind_name: str, rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """Lines for rows of one table, in the order given (the caller sorts by key)."""
    encoders, _ = codecs(kind_name)
    plain = [name for name, enc in encoders if enc is None]
    coded = [(name, enc) for name, enc in encoders if enc is not None]
    lines = []
    for row in rows:
        record = {name: row[name] for name in plain}
        for name, enc in coded:
            record[name] = enc(row[name])
        if kind_name == CHANGE_LOG:
            record["entry"] = log_entry_id(record)
        lines.append(dumps_record(record))
    return lines


def encode_deletion(table: str, record_id: str, deleted_at: datetime, device_id: str) -> str:
    values = (table, record_id, deleted_at.isoformat(), device_id)
    return dumps_record(dict(zip(DELETION_FIELDS, values, strict=True)))


def log_entry_id(record: Mapping[str, Any]) -> str:
    """An audit entry's identity across stores: a digest of what it says (it has no UUID)."""
    return fingerprint_of([_text(record[k]) for k in LOG_IDENTITY])[:32]


def _text(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value


def join_lines(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def decode_member(name: str, raw: bytes, kind_name: str) -> list[dict[str, Any]]:
    """Records of one member, every value checked and converted; SyncError names the line."""
    _, decoders = codecs(kind_name)
    expected = set(decoders) | ({"entry"} if kind_name == CHANGE_LOG else set())
    return [_decode_line(name, n, line, decoders, expected) for n, line in _lines(name, raw)]


def decode_deletions(raw: bytes) -> list[dict[str, Any]]:
    out = []
    for n, line in _lines(DELETIONS, raw):
        record = _object(DELETIONS, n, line)
        if set(record) != set(DELETION_FIELDS) or not all(
                isinstance(record[k], str) for k in DELETION_FIELDS):
            raise _line_error(DELETIONS, n, f"a deletion has exactly {', '.join(DELETION_FIELDS)}"
                              " as text")
        try:
            record["deleted_at"] = datetime.fromisoformat(record["deleted_at"])
        except ValueError:
            raise _line_error(DELETIONS, n, "deleted_at must be a date and time") from None
        out.append(record)
    return out


def _lines(name: str, raw: bytes) -> Iterable[tuple[int, str]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SyncError(f"The sync file was refused: {name} is not UTF-8 text ({exc}). "
                        "Nothing was changed.") from None
    for n, line in enumerate(text.split("\n"), start=1):
        if line:
            yield n, line


def _object(name: str, n: int, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _line_error(name, n, f"not a JSON record ({exc.msg})") from None
    if not isinstance(record, dict):
        raise _line_error(name, n, "not a JSON record")
    return record


def _decode_line(name: str, n: int, line: str, decoders: Mapping[str, Any],
                 expected: set[str]) -> dict[str, Any]:
    record = _object(name, n, line)
    if record.keys() != expected:
        missing = sorted(expected - record.keys())
        extra = sorted(record.keys() - expected)
        raise _line_error(name, n, f"fields missing {missing} / unknown {extra}")
    for key, decode in decoders.items():
        try:
            record[key] = decode(record[key])
        except ValueError as exc:
            raise _line_error(name, n, f"{key} {exc}") from None
    return record


def _line_error(name: str, n: int, problem: str) -> SyncError:
    return SyncError(f"The sync file was refused: {name} line {n}: {problem}. "
                     "Nothing was changed.")
