"""Importing one downloaded file into the store: all of it, or (on any problem) none of it.

Everything is read and checked before the store is touched, then written in one transaction,
so a bad cell on row 4,000 leaves the store exactly as it was. Schools outside the caseload
are kept (for comparison) but never added to it; the authority's and England's rows are kept
as comparators. An inspection outcomes file also gives the caseload's schools their latest
Ofsted grade, in the same transaction (see ``linkadviser.data.inspections``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Literal

import pandas as pd
from sqlalchemy import delete, select

from linkadviser.data.config import DataRules, default_rules
from linkadviser.data.errors import AlreadyImportedError, DataImportError
from linkadviser.data.gias import GiasExtract
from linkadviser.data.inspections import Inspection, read_inspections, update_school_grades
from linkadviser.data.kinds import detect_kind
from linkadviser.data.packing import Packed, pack_figures
from linkadviser.data.reading import read_header, read_rows
from linkadviser.data.report_cards import Cards, read_report_cards
from linkadviser.data.rows import Rows, sort_rows
from linkadviser.data.spec import Kind
from linkadviser.data.years import (
    label,
    latest_year,
    parse_year,
    year_from_column,
    year_from_path,
)
from linkadviser.store.bulk import insert_many
from linkadviser.store.db import Store
from linkadviser.store.models import School
from linkadviser.store.models_data import DataImport, DataRow

OnExisting = Literal["ask", "replace", "keep"]
_INSERT = ("INSERT INTO data_rows (import_id, entity, urn, la_code, phase, region, figures, "
           "markers, card_inspected_on, card_areas, ungraded_on, ungraded_outcome) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


@dataclass
class ImportReport:
    """What a file held, in the words the command line and the app report it."""

    path: Path
    kind: str
    kind_title: str
    year: int
    schools_in_caseload: int = 0
    schools_for_comparison: int = 0
    comparator_rows: int = 0
    rows_left_out: int = 0
    suppressed: int = 0
    values: int = 0
    outcome: Literal["imported", "replaced", "kept"] = "imported"
    columns_missing: list[str] = field(default_factory=list)
    # caseload schools given a newer Ofsted grade; None for a kind that carries no grades
    grades_updated: int | None = None
    report_cards: int = 0  # schools with a report card or an ungraded inspection stored
    targets_judged: int = 0  # agreed targets whose result this store now knows
    targets_met: int = 0
    notes: list[str] = field(default_factory=list)  # e.g. the GIAS directory kept

    @property
    def year_label(self) -> str:
        return label(self.year)

    def lines(self) -> list[str]:
        """The report in words, as the command line prints it and the app shows it."""
        if self.outcome == "kept":
            return [f"{self.path}: {self.kind_title} for {self.year_label} was already "
                    "imported; kept as it was (nothing changed)"]
        lines = [
            f"{self.path}: {self.outcome} {self.kind_title}, {self.year_label}",
            f"  schools in your caseload: {self.schools_in_caseload}",
            f"  other schools kept for comparison: {self.schools_for_comparison}",
            f"  authority and England rows kept as comparators: {self.comparator_rows}",
            f"  rows of other kinds left out (e.g. independent schools, regions): "
            f"{self.rows_left_out}",
            f"  figures withheld in the file (suppressed, not applicable...), kept as missing: "
            f"{self.suppressed}",
            f"  figures stored: {self.values}",
        ]
        if self.report_cards:
            lines.append(f"  schools with a report card or ungraded inspection stored: "
                         f"{self.report_cards}")
        if self.grades_updated is not None:
            lines.append(f"  caseload schools given a newer Ofsted grade and inspection date: "
                         f"{self.grades_updated}")
        if self.targets_judged:
            lines.append(f"  agreed targets with a result now known: {self.targets_judged} "
                         f"({self.targets_met} met)")
        if self.columns_missing:
            lines.append(f"  columns this kind can have but this file lacks: "
                         f"{', '.join(self.columns_missing)}")
        return lines + self.notes

    def as_dict(self) -> dict:
        return {
            "file": str(self.path), "kind": self.kind, "kind_title": self.kind_title,
            "year": self.year_label, "outcome": self.outcome,
            "schools_in_caseload": self.schools_in_caseload,
            "schools_for_comparison": self.schools_for_comparison,
            "comparator_rows": self.comparator_rows, "rows_left_out": self.rows_left_out,
            "suppressed": self.suppressed,
            "values": self.values, "columns_missing": self.columns_missing,
            "grades_updated": self.grades_updated, "report_cards": self.report_cards,
            "targets_judged": self.targets_judged, "targets_met": self.targets_met,
        }


def import_file(store: Store, path: Path, year: int | str | None = None,
                on_existing: OnExisting = "ask", rules: DataRules | None = None) -> ImportReport:
    rules = rules or default_rules()
    header = read_header(path, {k.urn_column for k in rules.kinds})
    kind = detect_kind(header.columns, rules.kinds, path)
    frame = read_rows(header, _wanted(kind), _text_columns(kind))
    academic_year = _resolve_year(year, path, kind, frame)
    report = ImportReport(path, kind.stored_kind, kind.title, academic_year)
    if kind.school_grades is not None:
        report.grades_updated = 0
    existing = _existing(store, kind.stored_kind, academic_year)
    if existing is not None:
        if on_existing == "keep":
            report.outcome = "kept"
            return report
        if on_existing != "replace":
            raise AlreadyImportedError(
                f"{path}: {kind.title} for {label(academic_year)} was already imported "
                f"({existing.filename}, {existing.imported_at:%d %b %Y %H:%M}); run again with "
                "--replace to replace it or --keep to keep what is there")
        report.outcome = "replaced"
    directory = _gias_directory(kind, header.columns, path)  # read (and checked) first
    rows = sort_rows(frame, kind, header, academic_year)
    if not len(rows.entity):
        raise DataImportError(
            f"{path}: none of its {len(frame)} rows is a school, an authority or England "
            f"({kind.title}); nothing was imported")
    packed, report.suppressed, report.columns_missing = pack_figures(rows, kind, header, rules)
    report.values = packed.figures
    caseload = _caseload_urns(store)
    school_urns = set(rows.urn[rows.entity == "school"].tolist())
    report.schools_in_caseload = len(school_urns & caseload)
    report.schools_for_comparison = len(school_urns - caseload)
    report.comparator_rows = int((rows.entity != "school").sum())
    report.rows_left_out = rows.left_out
    inspections: dict[int, Inspection] = {}
    if kind.school_grades is not None:
        inspections = read_inspections(rows, kind.school_grades, header, rules, caseload)
    cards = Cards.none(len(rows.entity)) if kind.report_card is None else read_report_cards(
        rows, kind.report_card, header, frozenset(rules.catalogue.missing_markers))
    report.report_cards = cards.count
    _write(store, report, existing, rows, packed, header.sha256, inspections, cards)
    if directory is not None:
        from linkadviser.caseload.directory import load_directory

        report.notes += load_directory(store, directory)
    if packed.figures:
        from linkadviser.data.preparation import record_all_target_outcomes

        judged = record_all_target_outcomes(store, rules)
        report.targets_judged = len(judged)
        report.targets_met = sum(1 for r in judged if r.met)
    return report


def _gias_directory(kind: Kind, columns: list[str], path: Path) -> GiasExtract | None:
    """A GIAS extract's schools, kept so an adviser can add them to a caseload by URN."""
    from linkadviser.data.gias import has_school_columns, links_beside, read_gias

    if kind.key != "gias" or not has_school_columns(columns):
        return None
    return read_gias(path, links_beside(path))


def _wanted(kind: Kind) -> set[str]:
    wanted = _text_columns(kind)
    if kind.school_grades is not None:
        wanted.add(kind.school_grades.grade_column)
    for column in kind.columns:
        wanted |= {c for c in (column.column, column.lower, column.upper) if c}
    return wanted


def _text_columns(kind: Kind) -> set[str]:
    """The columns read as words and codes, never as numbers."""
    text = {kind.urn_column, *kind.year_from_dates, *(r.column for r in kind.leave_out)}
    text |= {c for c in (kind.la_column, kind.record_type_column, kind.year_column,
                         kind.phase_column, kind.school_phase_column, kind.region_column) if c}
    if kind.school_grades is not None:
        text.add(kind.school_grades.date_column)
    card = kind.report_card
    if card is not None:
        text |= {c for a in card.areas for c in (a.column, a.date_column)}
        text |= {c for c in (card.ungraded_date_column, card.ungraded_outcome_column) if c}
    return text


def _resolve_year(year: int | str | None, path: Path, kind: Kind, frame: pd.DataFrame) -> int:
    if year is not None:
        return parse_year(str(year))
    if kind.year_column and kind.year_column in frame.columns:
        return year_from_column(frame[kind.year_column], f"{path}, column {kind.year_column!r}")
    dated = [c for c in kind.year_from_dates if c in frame.columns]
    if dated:
        return latest_year([frame[c] for c in dated], f"{path}, columns {', '.join(dated)}")
    found = year_from_path(path)
    if found is None:
        raise DataImportError(
            f"{path}: cannot tell which academic year the results are for (the folder or file "
            "name does not say); give it with --year, e.g. --year 2023/24")
    return found


def _existing(store: Store, kind: str, year: int) -> DataImport | None:
    with store.session() as session:
        return session.scalars(select(DataImport).where(
            DataImport.kind == kind, DataImport.academic_year == year)).first()


def _caseload_urns(store: Store) -> set[int]:
    with store.session() as session:
        return set(session.scalars(select(School.urn).where(School.in_caseload)))


def _write(store: Store, report: ImportReport, existing: DataImport | None, rows: Rows,
           packed: Packed, sha256: str, inspections: dict[int, Inspection],
           cards: Cards) -> None:
    with store.transaction() as session:
        if existing is not None:
            session.execute(delete(DataRow).where(DataRow.import_id == existing.id))
            session.execute(delete(DataImport).where(DataImport.id == existing.id))
            session.flush()
        record = DataImport(
            kind=report.kind, academic_year=report.year, filename=report.path.name,
            sha256=sha256, layout=json.dumps(packed.layout),
            schools_in_caseload=report.schools_in_caseload,
            schools_for_comparison=report.schools_for_comparison,
            comparator_rows=report.comparator_rows, suppressed=report.suppressed,
            figures=packed.figures)
        session.add(record)
        session.flush()
        insert_many(session.connection(), _INSERT, zip(
            repeat(record.id, len(packed.blobs)), rows.entity.tolist(), rows.urn.tolist(),
            rows.la_code.tolist(), rows.phase.tolist(), rows.region.tolist(), packed.blobs,
            packed.markers, *cards.columns(), strict=True))
        if report.grades_updated is not None:
            report.grades_updated = update_school_grades(session, inspections)
