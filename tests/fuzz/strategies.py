"""Hostile inputs for every importer, and the one property they must all hold.

Shared by the fuzz tests (``tests/fuzz``, a few dozen examples each, in CI) and
``bench/fuzz.py`` (thousands each). For every input, an importer may accept it or refuse it
with one of our own errors (``LinkAdviserError``); it may not raise anything else (a crash),
run past ``HANG_SECONDS`` (a hang), or refuse the input yet leave the store changed.

Inputs start from genuine files (the data fixtures, the bundled programme, a real sync file,
a real signed PDF) and are mutated the ways files arrive damaged or forged: cells, rows,
columns and bytes changed; YAML tags, anchors and nesting; zip members and their checksums;
a PDF's embedded record. Everything is built once per process in a temporary folder.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import shutil
import signal
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from linkadviser.errors import LinkAdviserError
from linkadviser.paths import programme_path
from linkadviser.store.db import Store, open_store
from tests.crafted import pdf_with_payload, programme_alias_bomb, store_digest, sync_exchange

HANG_SECONDS = 10.0
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data"
CSV_FIXTURES = ["2024-2025/england_ks4final.csv", "2024-2025/england_ks2final.csv",
                "2024-2025/england_abs.csv", "2023-2024/england_census.csv",
                "ofsted_state_funded_schools_mi.csv", "edubasealldata20240105.csv"]

HOSTILE_TEXT = [
    "", " ", "NaN", "nan", "inf", "-inf", "1e309", "-0", "99999999999999999999999",
    "18446744073709551616", "-1", "0", "1.5", "100001.0", "SUPP", "NE", "x", "z", "c", "NA",
    "=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "+1", "-1+1", "\t", "\r", "\n", "\x00", '"',
    '""', "null", "None", "\U0001f642", "\u202e", "\ufeff", "a,b", "2024/25", "2024-25",
    "9999/00", "0000/01", "1,000", "31/08/2025", "2025-13-45", "Outstanding", "9", "-",
    "x" * 5000,
]
YAML_TOKENS = [
    "!!python/name:os.system ''", "!!python/object/apply:os.system ['id']", "!custom x",
    "!!int twenty", "!!float lots", "!!timestamp yesterday", "!!binary AAAA", "!!set {a}",
    "&a [1, 2]", "*a", "*undefined", "~", "null", ".inf", ".nan", "1e999", "0x1F", "0o17",
    "-1", "99999999999999999999999", "[]", "{}", "[" * 200 + "]" * 200, "{a: {b: {c: 1}}}",
    "'unterminated", '"\\x00"', "|", ">-", "? complex key", "- item", "<<: *a", "%YAML 1.1",
    "---", "...", "yes", "no", "on", "2013-01-01", "\t", "\ufeff", "\U0001f642",
]

# A byte's position drawn independently of the file's length: a workbook's bytes carry the
# time it was written, so their length may differ between runs of the same example.
POSITIONS = st.integers(0, 2**24)

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats()
    | st.text(max_size=20) | st.sampled_from(HOSTILE_TEXT),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=6)


# --- the property -------------------------------------------------------------------------

class Violation(AssertionError):
    """The property failed: ``kind`` is crash, hang or store changed."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


class Hang(BaseException):
    """Raised by the alarm; a BaseException so no ``except Exception`` in the code swallows it."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` of this process's CPU time, or ten times that
    of wall time (a wait that never ends). CPU time, so that a busy machine starving the
    process is not taken for a hang; between Python steps (a C loop ends first)."""
    def alarm(_signum: int, _frame: object) -> None:
        raise Hang

    previous = {sig: signal.signal(sig, alarm) for sig in (signal.SIGPROF, signal.SIGALRM)}
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds * 10)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _crash(exc: BaseException) -> Violation:
    where = traceback.extract_tb(exc.__traceback__)[-1]
    return Violation("crash", f"{type(exc).__name__}: {str(exc)[:300]} "
                              f"(at {Path(where.filename).name}:{where.lineno})")


def guarded(call: Callable[[], object], store_path: Path | None = None) -> str:
    """Run ``call``: 'accepted' or 'refused'; Violation for a crash, a hang, or a refusal
    that changed the store at ``store_path``."""
    before = store_digest(store_path) if store_path is not None else None
    try:
        with time_limit(HANG_SECONDS):
            call()
    except Hang:
        raise Violation("hang", f"still running after {HANG_SECONDS:g} s of CPU") from None
    except LinkAdviserError as exc:
        if "\n" in str(exc) or not str(exc):
            raise Violation("crash", f"not a one-line message: {str(exc)[:300]!r}") from exc
        if store_path is not None and store_digest(store_path) != before:
            raise Violation("store changed", f"refused ({str(exc)[:200]}) but changed "
                                             "the store") from exc
        return "refused"
    except Exception as exc:  # anything that is not ours is a crash
        raise _crash(exc) from exc
    return "accepted"


@contextlib.contextmanager
def store_copy(template: Path) -> Iterator[tuple[Store, Path]]:
    """A fresh copy of a template store, opened, in a folder removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        path = Path(tmp) / "store" / "linkadviser.sqlite3"
        path.parent.mkdir()
        shutil.copyfile(template, path)
        store = open_store(path)
        try:
            yield store, path
        finally:
            store.close()


@dataclass(frozen=True)
class Target:
    """One importer under fuzzing: its inputs, and how one input is tried."""

    name: str
    inputs: st.SearchStrategy
    attempt: Callable[[Any], str]  # 'accepted' / 'refused', or raises Violation
    ci_examples: int


# --- templates, built once per process ----------------------------------------------------

@cache
def _workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="linkadviser-fuzz-"))


@cache
def empty_store() -> Path:
    """A migrated store with one caseload school, closed (no log files beside it)."""
    from tests.factories import make_school

    path = _workdir() / "empty.sqlite3"
    store = open_store(path)
    make_school(store, urn=100002, name="Invented Primary School 2", phase="Primary",
                in_caseload=True)
    store.close()
    return path


@cache
def fixture_rows(name: str) -> list[list[str]]:
    data = (FIXTURES / name).read_bytes()
    text = data.decode("utf-8-sig") if _is_utf8(data) else data.decode("cp1252")
    return list(csv.reader(io.StringIO(text)))


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# --- data import: CSV ---------------------------------------------------------------------

cells = st.sampled_from(HOSTILE_TEXT) | st.text(max_size=12)


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file name with its year folder, bytes): a genuine file with cells, rows, columns or
    bytes changed, or bytes of no file at all."""
    name = draw(st.sampled_from(CSV_FIXTURES))
    if draw(st.integers(0, 9)) == 0:
        return name, draw(st.binary(max_size=3000))
    rows = [list(r) for r in fixture_rows(name)]
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["cell", "cell", "cell", "urn", "drop", "repeat", "longer",
                                   "shorter", "header", "blank", "only header"]))
        at = draw(st.integers(0, len(rows) - 1)) if rows else 0
        if not rows:
            break
        if op in ("cell", "urn", "header"):
            row = rows[0 if op == "header" else at]
            column = (row.index("URN") if op == "urn" and "URN" in row
                      else draw(st.integers(0, max(len(row) - 1, 0))))
            if row:
                row[column] = draw(cells)
        elif op == "drop":
            del rows[at]
        elif op == "repeat":
            rows.insert(at, list(rows[at]))
        elif op == "longer":
            rows[at] += draw(st.lists(cells, min_size=1, max_size=3))
        elif op == "shorter":
            rows[at] = rows[at][: draw(st.integers(0, len(rows[at])))]
        elif op == "blank":
            rows.insert(at, [])
        else:
            rows = rows[:1]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    data = bytearray(out.getvalue().encode(encoding, errors="replace"))
    for _ in range(draw(st.integers(0, 2))):
        if data:
            data[draw(POSITIONS) % len(data)] = draw(st.integers(0, 255))
    return name, bytes(data)


def _import_data(named: tuple[str, bytes]) -> str:
    from linkadviser.data.importer import import_file

    name, data = named
    with store_copy(empty_store()) as (store, path):
        file = path.parent.parent / name  # in its year's folder, as downloaded
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data)
        return guarded(lambda: import_file(store, file), path)


CSV_TARGET = Target("data import (CSV)", csv_files(), _import_data, ci_examples=40)


# --- data import: Excel -------------------------------------------------------------------

def _writable(text: str) -> str:
    """Without the control characters openpyxl refuses to put in a cell."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)


excel_text = cells.map(_writable)
excel_cells = (st.none() | st.integers(-2**63, 2**63 - 1) | st.floats() | st.booleans()
               | st.dates(date(1900, 1, 1), date(9999, 12, 31)) | excel_text)
AUTHORITY_HEADER = ["School URN", "LA code", "Academic year", "Overall absence %",
                    "Persistent absence %"]


@st.composite
def xlsx_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """An authority's workbook: title rows, a header, hostile cells, stray far cells, merged
    ranges; or the bytes of a genuine workbook damaged."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for _ in range(draw(st.integers(0, 2))):
        sheet.append([draw(excel_text)])
    header = list(AUTHORITY_HEADER)
    if draw(st.booleans()):
        header[draw(st.integers(0, len(header) - 1))] = draw(excel_text)
    sheet.append(header)
    for urn in range(draw(st.integers(0, 6))):
        row = [100001 + urn, 926, "2024/25", 5.0 + urn, 12.5]
        for _ in range(draw(st.integers(0, 2))):
            row[draw(st.integers(0, len(row) - 1))] = draw(excel_cells)
        sheet.append(row)
    far = draw(st.sampled_from([None, None, "XFD1048576", "A200001", "CX1", "B5000", "Z60"]))
    if far:
        sheet[far] = "stray"
    if draw(st.integers(0, 4)) == 0:
        sheet.merge_cells(draw(st.sampled_from(["A1:C1", "C2:D2", "A3:A4"])))
    out = io.BytesIO()
    try:
        book.save(out)
    except Exception:  # openpyxl refuses to write some characters; keep the shape, not them
        return "2024-2025/la.xlsx", b"PK\x03\x04"
    data = bytearray(out.getvalue())
    if draw(st.integers(0, 3)) == 0:
        for _ in range(draw(st.integers(1, 4))):
            data[draw(POSITIONS) % len(data)] = draw(st.integers(0, 255))
    return "2024-2025/la.xlsx", bytes(data)


EXCEL_TARGET = Target("data import (Excel)", xlsx_files(), _import_data, ci_examples=25)


# --- programme files ----------------------------------------------------------------------

@cache
def bundled_programme() -> str:
    return programme_path().read_text(encoding="utf-8")


@st.composite
def programme_texts(draw: st.DrawFn) -> str:
    """The bundled programme with lines, values, tags, anchors and nesting changed; an alias
    bomb; or text of no programme at all."""
    choice = draw(st.integers(0, 19))
    if choice == 0:
        return draw(st.text(max_size=500))
    if choice == 1:
        return programme_alias_bomb(draw(st.integers(2, 1000)))
    lines = bundled_programme().splitlines()
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["value", "value", "value", "drop", "repeat", "insert",
                                   "indent", "cut"]))
        if op == "value":
            key, colon, _value = lines[at].partition(": ")
            token = draw(st.sampled_from(YAML_TOKENS) | st.text(max_size=10))
            lines[at] = f"{key}: {token}" if colon else f"{lines[at]} {token}"
        elif op == "drop":
            del lines[at]
        elif op == "repeat":
            lines.insert(at, lines[at])
        elif op == "insert":
            lines.insert(at, draw(st.sampled_from(YAML_TOKENS)))
        elif op == "indent":
            lines[at] = " " * draw(st.integers(0, 6)) + lines[at].lstrip()
        else:
            lines = lines[:at]
        if not lines:
            break
    return "\n".join(lines) + "\n"


def _parse_programme(text: str) -> str:
    from linkadviser.programme.loader import parse_programme

    return guarded(lambda: parse_programme(text, "fuzz.yaml"))


PROGRAMME_TARGET = Target("programme loader", programme_texts(), _parse_programme,
                          ci_examples=80)


# --- sync files ---------------------------------------------------------------------------

@cache
def sync_templates() -> Path:
    """A centre and Ann's store, the centre's file to Ann and Ann's file back (two visits),
    and an empty store (fresh.sqlite3) to receive the centre's file."""
    from tests.unit.sync.sync_helpers import new_store

    folder = _workdir() / "sync"
    folder.mkdir()
    new_store(folder / "fresh.sqlite3").close()
    return sync_exchange(folder)


def _members(data: bytes) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _rezipped(members: dict[str, bytes]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


def _with_member(members: dict[str, bytes], name: str, body: bytes) -> bytes:
    """The file with one member replaced and the manifest's checksum for it made to match,
    so the change reaches past the checksums to the importer's own checks."""
    members = dict(members)
    members[name] = body
    try:
        manifest = json.loads(members["manifest.json"])
        for entry in manifest.get("members", []):
            if entry.get("name") == name:
                entry["sha256"], entry["size"] = hashlib.sha256(body).hexdigest(), len(body)
        members["manifest.json"] = json.dumps(manifest).encode()
    except (ValueError, KeyError, AttributeError, TypeError):
        pass
    return _rezipped(members)


@st.composite
def sync_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """(which store receives it, the file): a genuine file with bytes flipped or cut, a
    record changed past its checksum, the manifest replaced, or a hostile programme inside."""
    receiver, source = draw(st.sampled_from([("central", "from-ann.zip"),
                                             ("fresh", "to-ann.zip")]))
    raw = (sync_templates() / source).read_bytes()
    how = draw(st.sampled_from(["flip", "cut", "record", "record", "manifest", "programme"]))
    if how == "flip":
        data = bytearray(raw)
        for _ in range(draw(st.integers(1, 4))):
            data[draw(POSITIONS) % len(data)] = draw(st.integers(0, 255))
        return receiver, bytes(data)
    if how == "cut":
        return receiver, raw[: draw(st.integers(0, len(raw)))]
    members = _members(raw)
    if how == "manifest":
        body = draw(st.sampled_from([b"[" * 200_000 + b"]" * 200_000, b"{}", b"null"])
                    | JSON_VALUES.map(lambda v: json.dumps(v).encode()))
        members["manifest.json"] = body
        return receiver, _rezipped(members)
    if how == "programme":
        if "programme.yaml" not in members:
            return receiver, raw
        return receiver, _with_member(members, "programme.yaml",
                                      draw(programme_texts()).encode("utf-8", "replace"))
    names = [n for n, body in members.items() if n.endswith(".jsonl") and body.strip()]
    name = draw(st.sampled_from(sorted(names)))
    lines = members[name].decode().splitlines()
    n = draw(st.integers(0, len(lines) - 1))
    record = json.loads(lines[n])
    key = draw(st.sampled_from(sorted(record)))
    change = draw(st.sampled_from(["value", "drop", "add", "garble", "duplicate"]))
    if change == "value":
        record[key] = draw(JSON_VALUES)
    elif change == "drop":
        del record[key]
    elif change == "add":
        record[draw(st.text(min_size=1, max_size=8))] = draw(JSON_VALUES)
    lines[n] = json.dumps(record, sort_keys=True)
    if change == "garble":
        lines[n] = lines[n][: draw(st.integers(0, len(lines[n])))]
    if change == "duplicate":
        lines.append(lines[n])
    return receiver, _with_member(members, name, ("\n".join(lines) + "\n").encode())


def _import_sync(given: tuple[str, bytes]) -> str:
    from linkadviser.sync.importer import import_file

    receiver, data = given
    with store_copy(sync_templates() / f"{receiver}.sqlite3") as (store, path):
        file = path.parent / "in.zip"
        file.write_bytes(data)
        return guarded(lambda: import_file(store, file, now=datetime(2026, 11, 1)), path)


SYNC_TARGET = Target("sync import", sync_files(), _import_sync, ci_examples=30)


# --- verify -------------------------------------------------------------------------------

@cache
def signed_pdf() -> bytes:
    """A genuine signed record of visit, made through the services as the app makes it."""
    from linkadviser.documents import DocumentService
    from linkadviser.programme import default_programme
    from linkadviser.services import Services
    from tests.unit.documents.builders import TODAY, signed_visit

    store = open_store(_workdir() / "signed.sqlite3")
    try:
        services = Services(store, default_programme(), today=lambda: TODAY)
        visit_id = signed_visit(services)
        return DocumentService(store, services.programme, services.today).render(visit_id)
    finally:
        store.close()


@cache
def signed_payload() -> dict:
    from pypdf import PdfReader

    from linkadviser.documents.render import PAYLOAD_KEY

    return json.loads(str(PdfReader(io.BytesIO(signed_pdf())).metadata[PAYLOAD_KEY]))


def _replace_somewhere(draw: st.DrawFn, value: Any, depth: int = 0) -> Any:
    """``value`` with one nested value replaced by a hostile one."""
    if depth > 6 or not isinstance(value, (dict, list)) or not value or draw(st.booleans()):
        return draw(JSON_VALUES)
    if isinstance(value, dict):
        key = draw(st.sampled_from(sorted(value)))
        return {**value, key: _replace_somewhere(draw, value[key], depth + 1)}
    at = draw(st.integers(0, len(value) - 1))
    return [*value[:at], _replace_somewhere(draw, value[at], depth + 1), *value[at + 1:]]


@st.composite
def pdfs(draw: st.DrawFn) -> bytes:
    """A genuine signed PDF with bytes flipped, or a PDF carrying a changed embedded record,
    deeply nested JSON, or text that is no JSON."""
    how = draw(st.sampled_from(["flip", "payload", "payload", "deep", "text"]))
    if how == "flip":
        data = bytearray(signed_pdf())
        for _ in range(draw(st.integers(1, 4))):
            data[draw(POSITIONS) % len(data)] = draw(st.integers(0, 255))
        return bytes(data)
    if how == "deep":
        depth = draw(st.integers(50, 120_000))
        return pdf_with_payload("[" * depth + "]" * depth)
    if how == "text":
        return pdf_with_payload(draw(st.text(max_size=200)) or " ")
    changed = _replace_somewhere(draw, signed_payload())
    return pdf_with_payload(json.dumps(changed, sort_keys=True, separators=(",", ":")))


def _verify(pdf: bytes) -> str:
    from linkadviser.documents.verify import verify_pdf
    from linkadviser.programme import default_programme

    return guarded(lambda: verify_pdf(pdf, default_programme()))


VERIFY_TARGET = Target("verify", pdfs(), _verify, ci_examples=10)

TARGETS = [CSV_TARGET, EXCEL_TARGET, PROGRAMME_TARGET, SYNC_TARGET, VERIFY_TARGET]
