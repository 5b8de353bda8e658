"""The demo county's schools, read from ``resources/demo/schools.csv`` (all invented)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from linkadviser.demo.bank import demo_dir
from linkadviser.demo.compose import SchoolFacts

DEMO_AUTHORITY = "Wexham (invented)"


def _optional(text: str, kind: type) -> Any:
    return kind(text) if text.strip() else None


def read_schools(path: Path | None = None) -> list[dict[str, Any]]:
    """Each school as the columns of a ``School`` row."""
    with (path or demo_dir() / "schools.csv").open(encoding="utf-8", newline="") as fh:
        return [{
            "urn": int(row["urn"]), "name": row["name"], "phase": row["phase"],
            "school_type": row["school_type"],
            "la_maintained": row["la_maintained"].strip().lower() == "true",
            "local_authority": DEMO_AUTHORITY,
            "ofsted_grade": _optional(row["ofsted_grade"], int),
            "ofsted_date": _optional(row["ofsted_date"], date.fromisoformat),
            "pupils_on_roll": _optional(row["pupils_on_roll"], int),
            "percent_fsm": _optional(row["percent_fsm"], float),
            "deprivation_decile": _optional(row["deprivation_decile"], int),
            "headteacher": row["headteacher"], "chair_of_governors": row["chair_of_governors"],
            "in_caseload": True,
        } for row in csv.DictReader(fh)]


def facts(school: dict[str, Any]) -> SchoolFacts:
    """What the composer needs to know of a school (its ``School`` columns)."""
    return SchoolFacts(school["urn"], school["name"], school["phase"], school["headteacher"],
                       school["chair_of_governors"], school["ofsted_grade"])
