"""Reading a Get Information About Schools extract into establishments: who each school is.

The performance importer takes a GIAS file's figures (pupils, free school meals); this reads
the same download for what the caseload needs of a school: name, phase, type, whether the
authority maintains it (which sets its price), trust, headteacher, address, open or closed,
and (from GIAS's links file) the school it replaced. Files are read by the data area's one
reader (``linkadviser.data.reading``), as downloaded: Windows-1252, GIAS's own headers.
Which groups are state-funded, and the phases, are data: ``resources/data/gias.yaml``.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from linkadviser.data.errors import DataImportError
from linkadviser.data.gias_rules import category_of, gias_rules, is_maintained
from linkadviser.data.reading import read_header, read_rows

URN = "URN"
LA_CODE = "LA (code)"
LA_NAME = "LA (name)"
NAME = "EstablishmentName"
TYPE = "TypeOfEstablishment (name)"
GROUP = "EstablishmentTypeGroup (name)"
STATUS = "EstablishmentStatus (name)"
PHASE = "PhaseOfEducation (name)"
REQUIRED = (URN, LA_CODE, NAME, TYPE, GROUP, STATUS, PHASE)
OPTIONAL = ("OpenDate", "CloseDate", "Trusts (name)", "Street", "Locality", "Address3", "Town",
            "Postcode", "HeadTitle (name)", "HeadFirstName", "HeadLastName", "GOR (name)",
            LA_NAME)
ADDRESS = ("Street", "Locality", "Address3", "Town", "Postcode")
HEAD = ("HeadTitle (name)", "HeadFirstName", "HeadLastName")
LINK_COLUMNS = ("URN", "LinkURN", "LinkType")
MAX_ROWS = 200_000  # all of England's establishments, open and closed, are about 52,000
TEXT_LIMIT = 200


@dataclass(frozen=True)
class Establishment:
    """One state-funded school as GIAS describes it."""

    urn: int
    name: str
    la_code: str
    la_name: str
    phase: str
    school_type: str
    establishment_group: str
    status: str  # open or closed
    open_date: date | None
    close_date: date | None
    trust: str
    headteacher: str
    address: str
    region: str
    predecessor_urn: int | None = None

    @property
    def la_maintained(self) -> bool:
        return is_maintained(self.establishment_group, self.school_type)


@dataclass
class GiasExtract:
    path: Path
    establishments: list[Establishment]
    # Every LA code in the file with its name and its number of rows, state-funded or not.
    la_codes: Counter[tuple[str, str]] = field(default_factory=Counter)
    left_out: int = 0  # independent schools, colleges, children's centres, ...

    def of_authority(self, codes: set[str]) -> list[Establishment]:
        return [e for e in self.establishments if e.la_code in codes]

    def codes_held(self) -> str:
        return ", ".join(f"{code} ({name})" if name else code
                         for (code, name), _ in sorted(self.la_codes.items()))


def _text(value: object, limit: int = TEXT_LIMIT) -> str:
    if not value:
        return ""
    return " ".join(str(value).split())[:limit]


@lru_cache(maxsize=8192)
def _parse_date(text: str) -> date | None:
    """A GIAS date; dates repeat (every 1 September), so each is parsed once."""
    for pattern in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _date(value: object, where: str) -> date | None:
    text = _text(value)
    if not text:
        return None
    found = _parse_date(text)
    if found is None:
        raise DataImportError(f"{where}: {text!r} is not a date (GIAS writes 01-09-2011)")
    return found


def _urn(value: object, where: str) -> int:
    text = _text(value)
    if not (text.isdigit() and 5 <= len(text) <= 7):
        raise DataImportError(f"{where}: URN {text!r} is not a school's reference number")
    return int(text)


def _phase(gias_phase: str, school_type: str) -> str:
    rules = gias_rules()
    if rules.special_word in school_type.lower():
        return "Special"
    return next((p.phase for p in rules.phases if p.gias == gias_phase),
                gias_phase or "Not applicable")


def _row(row: dict, where: str) -> Establishment:
    school_type, group = _text(row.get(TYPE)), _text(row.get(GROUP))
    status = _text(row.get(STATUS))
    return Establishment(
        urn=_urn(row.get(URN), where), name=_text(row.get(NAME)),
        la_code=_text(row.get(LA_CODE), 8), la_name=_text(row.get(LA_NAME), 120),
        phase=_phase(_text(row.get(PHASE)), school_type), school_type=school_type[:80],
        establishment_group=group[:80],
        status="open" if status in gias_rules().open_statuses else "closed",
        open_date=_date(row.get("OpenDate"), where + ", OpenDate"),
        close_date=_date(row.get("CloseDate"), where + ", CloseDate"),
        trust=_text(row.get("Trusts (name)")),
        headteacher=" ".join(t for t in (_text(row.get(c), 80) for c in HEAD) if t),
        address=", ".join(t for t in (_text(row.get(c), 120) for c in ADDRESS) if t)[:400],
        region=_text(row.get("GOR (name)"), 80),
    )


def has_school_columns(columns: list[str]) -> bool:
    """Whether a GIAS file carries what the caseload needs (not only its figures)."""
    return set(REQUIRED) <= set(columns)


def read_gias(path: Path, links: Path | None = None) -> GiasExtract:
    """The file's state-funded schools, open and closed; refuses a file that is not GIAS's."""
    header = read_header(path, {URN})
    missing = [c for c in REQUIRED if c not in header.columns]
    if missing:
        raise DataImportError(
            f"{path}: not a Get Information About Schools extract of establishments (it lacks "
            f"{', '.join(repr(c) for c in missing)}); download 'All establishment data' from "
            "GIAS and import that file as it is")
    frame = read_rows(header, set(REQUIRED + OPTIONAL), set(REQUIRED + OPTIONAL))
    if len(frame) > MAX_ROWS:
        raise DataImportError(f"{path}: {len(frame):,} rows is more than any GIAS extract "
                              f"holds ({MAX_ROWS:,}); this is not a GIAS file")
    extract = GiasExtract(path, [])
    seen: set[int] = set()
    names = list(frame.columns)
    values = [frame[name].fillna("").tolist() for name in names]  # lists: 4x faster than rows
    records = (dict(zip(names, row, strict=True)) for row in zip(*values, strict=True))
    for number, row in enumerate(records, start=header.header_row + 1):
        where = f"{path}, row {number}"
        extract.la_codes[(_text(row.get(LA_CODE), 8), _text(row.get(LA_NAME), 120))] += 1
        if not category_of(_text(row.get(GROUP)), _text(row.get(TYPE))):
            extract.left_out += 1
            continue
        school = _row(row, where)
        if school.urn in seen:
            raise DataImportError(f"{where}: URN {school.urn} appears twice; download the "
                                  "extract again")
        seen.add(school.urn)
        extract.establishments.append(school)
    predecessors = read_links(links, seen) if links else {}
    if predecessors:
        extract.establishments = [
            _with_predecessor(e, predecessors.get(e.urn)) for e in extract.establishments]
    return extract


def _with_predecessor(school: Establishment, urn: int | None) -> Establishment:
    return school if urn is None else replace(school, predecessor_urn=urn)


def read_links(path: Path, urns: set[int]) -> dict[int, int]:
    """GIAS's links file: for each school, the school it replaced (an academy's old URN)."""
    header = read_header(path, {"URN"})
    missing = [c for c in LINK_COLUMNS if c not in header.columns]
    if missing:
        raise DataImportError(f"{path}: not GIAS's links file (it lacks "
                              f"{', '.join(repr(c) for c in missing)}); it is the "
                              "links_edubasealldata file downloaded beside the extract")
    frame = read_rows(header, set(LINK_COLUMNS), set(LINK_COLUMNS))
    if len(frame) > MAX_ROWS:
        raise DataImportError(f"{path}: {len(frame):,} rows is more than GIAS's links file "
                              "holds; this is not that file")
    rules = gias_rules()
    found: dict[int, int] = {}
    for number, row in enumerate(frame.to_dict("records"), start=header.header_row + 1):
        where = f"{path}, row {number}"
        urn, other = _urn(row["URN"], where), _urn(row["LinkURN"], where)
        kind = _text(row["LinkType"])
        if kind in rules.predecessor_links and urn in urns:
            found[urn] = other
        elif kind in rules.successor_links and other in urns:
            found.setdefault(other, urn)
    return found


def links_beside(path: Path) -> Path | None:
    """GIAS downloads the links file beside the extract as links_<extract's name>."""
    candidate = path.with_name(f"links_{path.name}")
    return candidate if candidate.is_file() else None


SCHOOL_NAMESPACE = uuid.UUID("5b1f8a52-8f0e-4c51-9d7e-2f6a4c1e7a10")


def school_id(urn: int) -> str:
    """The id every store gives the school with this URN when it comes from GIAS, so a
    school an adviser added alone is the same record when the centre later sends it."""
    return str(uuid.uuid5(SCHOOL_NAMESPACE, f"urn:{urn}"))


def school_columns(e: Establishment) -> dict[str, object]:
    """A ``School`` row's columns from GIAS (the Ofsted grade and figures come elsewhere)."""
    return {
        "urn": e.urn, "name": e.name, "phase": e.phase, "school_type": e.school_type,
        "la_maintained": e.la_maintained, "local_authority": e.la_name, "la_code": e.la_code,
        "establishment_group": e.establishment_group, "status": e.status,
        "open_date": e.open_date, "close_date": e.close_date, "trust": e.trust,
        "headteacher": e.headteacher, "address": e.address,
        "predecessor_urn": e.predecessor_urn,
    }
