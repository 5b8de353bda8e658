"""Loading the authority's schools from a GIAS extract into the central store, and again.

The first extract adds the authority's open state-funded schools. A later one changes what
changed (a new headteacher, a trust), marks closed schools closed with their close date
(their history stays; nothing is deleted) and adds new URNs: an academy conversion is a new
URN, shown beside the school it replaced when GIAS's links file says so. All or nothing: the
whole extract is read and checked before the store is touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from linkadviser.authority.profile import SetupError, note, require_authority
from linkadviser.caseload.directory import keep_directory
from linkadviser.data.gias import Establishment, links_beside, read_gias, school_columns, school_id
from linkadviser.store.db import Store
from linkadviser.store.models import School

SHOWN = 20  # schools named per line of the report; the rest are counted
FIELD_WORDS = {
    "name": "name", "phase": "phase", "school_type": "type", "la_maintained": "maintained",
    "establishment_group": "group", "trust": "trust", "headteacher": "headteacher",
    "address": "address", "la_code": "LA", "local_authority": "LA name",
    "open_date": "open date", "predecessor_urn": "replaces", "status": "reopened",
}


@dataclass
class SchoolsReport:
    path: Path
    authority: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    unchanged: int = 0
    not_in_extract: list[str] = field(default_factory=list)
    left_out: int = 0
    other_authorities: int = 0

    def lines(self) -> list[str]:
        out = [f"{self.path.name}: schools of {self.authority}"]
        for title, items in (("added", self.added), ("changed", self.changed),
                             ("closed", self.closed)):
            out.append(f"  {title}: {len(items)}")
            out += [f"    {item}" for item in items[:SHOWN]]
            if len(items) > SHOWN:
                out.append(f"    ... and {len(items) - SHOWN} more")
        out.append(f"  unchanged: {self.unchanged}")
        if self.not_in_extract:
            out.append(f"  in the store but not in this extract, left as they were: "
                       f"{len(self.not_in_extract)} (an extract of open schools only cannot "
                       "show closures; download 'All establishment data')")
        out.append(f"  not loaded: {self.left_out} not state-funded (independent schools, "
                   f"colleges...), {self.other_authorities} of other authorities")
        return out


def _label(urn: int, name: str) -> str:
    return f"{urn} {name}"


def import_schools(store: Store, path: Path, links: Path | None = None) -> SchoolsReport:
    """Load or update the authority's schools from a GIAS extract (see the module's doc)."""
    authority = require_authority(store)
    extract = read_gias(path, links or links_beside(path))
    codes = set(authority.la_codes)
    mine = extract.of_authority(codes)
    if not mine:
        raise SetupError(
            f"{path.name} has no school of LA {authority.codes_text} ({authority.name}); it "
            f"holds LA codes {extract.codes_held() or 'none'}. Download the extract for your "
            "authority (or all of England) from GIAS. Nothing was changed.")
    report = SchoolsReport(path, authority.name, left_out=extract.left_out,
                           other_authorities=len(extract.establishments) - len(mine))
    by_urn = {e.urn: e for e in mine}
    with store.transaction() as session:
        stored = {s.urn: s for s in session.scalars(select(School))}
        for school in mine:
            _apply(session, store.device_id, school, stored.get(school.urn), by_urn, report)
        report.not_in_extract = [_label(u, s.name) for u, s in sorted(stored.items())
                                 if u not in by_urn and s.status != "closed"
                                 and (s.la_code in codes or not s.la_code)]
        keep_directory(session, extract)
    return report


def _apply(session: object, device: str, school: Establishment, stored: School | None,
           by_urn: dict[int, Establishment], report: SchoolsReport) -> None:
    label = _label(school.urn, school.name)
    replaced = by_urn.get(school.predecessor_urn) if school.predecessor_urn else None
    if stored is None:
        if school.status == "closed":
            return  # never loaded, so nothing to close
        row = School(id=school_id(school.urn), in_caseload=False, **school_columns(school))
        session.add(row)
        session.flush()
        also = (f", replacing {_label(replaced.urn, replaced.name)}" if replaced
                else f", replacing URN {school.predecessor_urn}" if school.predecessor_urn
                else "")
        report.added.append(f"{label} ({school.phase}, {school.school_type}){also}")
        note(session, device, "schools", row.id, "added from GIAS", label)
        return
    if school.status == "closed":
        if stored.status == "closed":
            report.unchanged += 1
            return
        stored.status, stored.close_date = "closed", school.close_date
        successor = next((e for e in by_urn.values() if e.predecessor_urn == school.urn), None)
        when = f" on {school.close_date:%d %B %Y}" if school.close_date else ""
        then = f"; now {_label(successor.urn, successor.name)}" if successor else ""
        report.closed.append(f"{label}, closed{when}{then}")
        note(session, device, "schools", stored.id, "closed (GIAS)", f"{label}{when}")
        return
    wanted = school_columns(school)
    changes = [key for key, value in wanted.items()
               if key in FIELD_WORDS and getattr(stored, key) != value]
    if not changes:
        report.unchanged += 1
        return
    for key in changes:
        setattr(stored, key, wanted[key])
    stored.close_date = None
    words = ", ".join(FIELD_WORDS[k] for k in changes)
    report.changed.append(f"{label}: {words}")
    note(session, device, "schools", stored.id, "changed from GIAS", words)
