"""Records as JSON Lines: one record per line, keys sorted, lines sorted, so files diff well.

Two exports of the same records are byte-identical, which is what lets a person compare two
files with ``diff`` and lets a test prove what a file does (and does not) contain.

Each table's line has a schema built from its columns (msgspec structs), so reading a line
checks every field's presence and type in C: a county's file is ~450,000 records and a
Python check per value made reading it take longer than everything else put together.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from functools import cache
from itertools import repeat
from operator import attrgetter
from typing import Annotated, Any, TypeVar

import msgspec
from sqlalchemy import BigInteger, Boolean, Column, Date, DateTime, Float, Integer, LargeBinary

from linkadviser.sync.errors import SyncError
from linkadviser.sync.kinds import CHANGE_LOG, change_log_table, kinds_by_name
from linkadviser.visit.content import fingerprint_of

DELETIONS = "deletions.jsonl"
LOG_IDENTITY = ("at", "device_id", "record_type", "record_id", "action", "detail")
LOG_ENTRY = "entry"  # an audit entry's identity (it has no UUID): a digest of what it says

_encoder = msgspec.json.Encoder(order="sorted")
Naive = Annotated[datetime, msgspec.Meta(tz=False)]
Int64 = Annotated[int, msgspec.Meta(ge=-(2**63), le=2**63 - 1)]
# An Integer column is 32 bits in PostgreSQL: a larger value would stop the import there with
# a database error, where the file's value is at fault.
Int32 = Annotated[int, msgspec.Meta(ge=-(2**31), le=2**31 - 1)]
Processors = Sequence[tuple[str, Callable[[Any], Any]]]
Struct = TypeVar("Struct", bound=msgspec.Struct)


class Deletion(msgspec.Struct, forbid_unknown_fields=True):
    deleted_at: Naive
    device_id: str
    id: str
    table: str


def member_name(kind_name: str) -> str:
    return f"records/{kind_name}.jsonl"


def kind_of_member(name: str) -> str:
    return name.removeprefix("records/").removesuffix(".jsonl")


def _python_type(column: Column) -> Any:
    kind = column.type
    if isinstance(kind, DateTime):
        hint: Any = Naive
    elif isinstance(kind, Date):
        hint = date
    elif isinstance(kind, LargeBinary):
        hint = bytes
    elif isinstance(kind, Boolean):
        hint = bool
    elif isinstance(kind, BigInteger):
        hint = Int64
    elif isinstance(kind, Integer):
        hint = Int32
    elif isinstance(kind, Float):
        hint = float
    else:
        hint = str
    return hint | None if column.nullable else hint


def columns_of(kind_name: str) -> list[Column]:
    """The columns written for a table, in name order (the order of the line's keys)."""
    if kind_name == CHANGE_LOG:
        columns = [c for c in change_log_table().columns if c.name != "seq"]
    else:
        columns = kinds_by_name()[kind_name].columns
    return sorted(columns, key=lambda c: c.name)


@cache
def record_type(kind_name: str) -> type[msgspec.Struct]:
    fields = [(c.name, _python_type(c)) for c in columns_of(kind_name)]
    if kind_name == CHANGE_LOG:
        fields = sorted([*fields, (LOG_ENTRY, str)])
    return msgspec.defstruct(f"{kind_name}_record", fields, forbid_unknown_fields=True)


NO_DEFAULT = object()


def _default_of(column: Column) -> Any:
    """What a line written before ``column`` existed stands for: the value the store gives a
    row without it (its server default, else null where null is allowed). A column added by
    a later release has one (so that stores upgrade), so files of earlier releases still
    import; a column with neither must be in every line."""
    default = column.server_default
    if default is not None:
        text = str(getattr(default.arg, "text", default.arg)).strip("'")
        kind = column.type
        if isinstance(kind, Boolean):
            return text.lower() in ("1", "true")
        if isinstance(kind, Integer):
            return int(text)
        if isinstance(kind, Float):
            return float(text)
        return text
    return None if column.nullable else NO_DEFAULT


@cache
def _read_type(kind_name: str) -> type[msgspec.Struct]:
    """``record_type`` as lines are read: a field a line may lack (an older release's file)
    takes the column's default; every other field, and every value's type, is checked."""
    fields: list[tuple[Any, ...]] = []
    for column in columns_of(kind_name):
        default = _default_of(column) if kind_name != CHANGE_LOG else NO_DEFAULT
        hint = _python_type(column)
        fields.append((column.name, hint) if default is NO_DEFAULT
                      else (column.name, hint, default))
    if kind_name == CHANGE_LOG:
        fields.append((LOG_ENTRY, str))
    return msgspec.defstruct(f"{kind_name}_read", sorted(fields), kw_only=True,
                             forbid_unknown_fields=True)


@cache
def _decoder(kind_name: str) -> msgspec.json.Decoder:
    return msgspec.json.Decoder(_read_type(kind_name))


def encode_tuples(kind_name: str, rows: Iterable[Sequence[Any]],
                  processors: Processors = ()) -> list[bytes]:
    """One line per row; each row's values in ``columns_of`` order."""
    return [_encoder.encode(r) for r in _records(kind_name, rows, processors)]


def encode_lines(kind_name: str, rows: Iterable[Sequence[Any]],
                 processors: Processors = ()) -> bytes:
    """A whole member at once: what ``join_lines(encode_tuples(...))`` makes, in one buffer
    (for a county, a bytes object per line and the join of them cost as much as encoding)."""
    return _encoder.encode_lines(_records(kind_name, rows, processors))


def _records(kind_name: str, rows: Iterable[Sequence[Any]],
             processors: Processors) -> list[msgspec.Struct]:
    """The rows as records, each ``(field, function)`` of ``processors`` applied to that
    field of every record (a database driver's raw value made what SQLAlchemy's row holds).
    ``map`` and ``deque`` keep the loop over the records in C: done in Python, or by copying
    the rows to lists first, it took as long as reading the rows from SQLite."""
    make = record_type(kind_name)
    records = [make(*row) for row in rows]
    for field, process in processors:
        values = map(process, map(attrgetter(field), records))
        deque(map(setattr, records, repeat(field), values), maxlen=0)
    return records


def encode_rows(kind_name: str, rows: Iterable[Mapping[str, Any]]) -> list[bytes]:
    """One line per row given as a mapping of column names."""
    names = [c.name for c in columns_of(kind_name)]
    if kind_name != CHANGE_LOG:
        return encode_tuples(kind_name, ([row[n] for n in names] for row in rows))
    lines = []
    for row in rows:
        values = {n: row[n] for n in names}
        values[LOG_ENTRY] = log_entry_id(values)
        lines.append(_encoder.encode(values))
    return lines


def encode_deletion(table: str, record_id: str, deleted_at: datetime, device_id: str) -> bytes:
    return _encoder.encode(Deletion(deleted_at, device_id, record_id, table))


def join_lines(lines: list[bytes]) -> bytes:
    return b"\n".join(lines) + b"\n" if lines else b""


def log_entry_id(record: Mapping[str, Any]) -> str:
    return fingerprint_of([_text(record[k]) for k in LOG_IDENTITY])[:32]


def _text(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value


def decode_member(name: str, raw: bytes, kind_name: str) -> list[dict[str, Any]]:
    """Records of one member, every field checked against the table; SyncError says where."""
    return [msgspec.structs.asdict(r) for r in _decode(name, raw, _decoder(kind_name))]


def decode_deletions(raw: bytes) -> list[dict[str, Any]]:
    return [msgspec.structs.asdict(d) for d in decode_records(DELETIONS, raw, Deletion)]


def decode_records(name: str, raw: bytes, record: type[Struct]) -> list[Struct]:
    """A member's lines as ``record`` structs, every field checked; SyncError says where."""
    return _decode(name, raw, msgspec.json.Decoder(record))


def _decode(name: str, raw: bytes, decoder: msgspec.json.Decoder) -> list[Any]:
    try:
        return decoder.decode_lines(raw)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        where = repr(str(exc))[1:-1][:300].replace("$[", "record ", 1).replace("]", "", 1)
        raise SyncError(f"The sync file was refused: {name}: {where}. "
                        "Nothing was changed.") from None
