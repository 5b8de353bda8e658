"""An invented Ofsted management information file in the layout published since report cards.

Ofsted's monthly "state-funded schools inspections and outcomes" file has, for every school:
its identity, phase and region; each report-card area with the date of its grade; the latest
graded inspection under the previous framework (OEIF, 1-4; early years and sixth form 9 = not
applicable); and the latest ungraded inspection. Missing values are the text NULL and dates are
dd/mm/yyyy. Every school and grade written here is invented; only the column names are real.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

FIVE_POINT = ("Exceptional", "Strong standard", "Expected standard", "Needs attention",
              "Urgent improvement")
AREAS = ("Inclusion", "Curriculum and teaching", "Achievement", "Attendance and behaviour",
         "Personal development and wellbeing", "Early years (where applicable)",
         "Post-16 provision (where applicable)", "Leadership and governance")
REPORT_CARDS_FROM = date(2025, 11, 10)
OEIF = "Latest OEIF"
IDENTITY = ["URN", "LAESTAB", "School name", "Ofsted phase", "Type of education",
            "Ofsted region", "Region", "Local authority", "Multi-academy trust name",
            "Total number of pupils"]
CARD = [c for area in ("Category of concern", "Safeguarding standards", *AREAS)
        for c in (area, f"{area} - date of grade")]
GRADED = ["Inspection start date of latest OEIF graded inspection",
          f"{OEIF} overall effectiveness", f"{OEIF} quality of education",
          f"{OEIF} behaviour and attitudes", f"{OEIF} personal development",
          f"{OEIF} effectiveness of leadership and management",
          f"{OEIF}  safeguarding is effective?",  # two spaces, as Ofsted writes it
          f"{OEIF} early years provision (where applicable)",
          f"{OEIF} sixth form provision (where applicable)"]
UNGRADED = ["Date of latest ungraded inspection", "Ungraded inspection overall outcome"]
# The file's other columns (about 85 in all): carried, never read.
OTHER = ["Web link", "Faith grouping", "Sixth form", "Designated religious character",
         "Religious ethos", "Admissions policy", "Parliamentary constituency",
         "Parliamentary constituency code", "Postcode",
         "The income deprivation affecting children index (IDACI) quintile",
         "Statutory lowest age", "Statutory highest age", "Multi-academy trust UID",
         "Academy UKPRN", "Academy conversion date", "Predecessor URN", "Number of sites",
         "Event type grouping", "Report card inspection number",
         "Report card publication date", "Report card inspection type",
         "Latest OEIF inspection number", "Latest OEIF publication date",
         "Latest OEIF inspection type", "Latest OEIF inspection type grouping",
         "Does the latest OEIF inspection relate to the URN of the current school?",
         "URN at time of latest OEIF inspection", "LAESTAB at time of latest OEIF inspection",
         "School name at time of latest OEIF inspection",
         "School type at time of latest OEIF inspection", "Latest OEIF previous inspection date",
         "Latest OEIF previous overall effectiveness", "Ungraded inspection number",
         "Ungraded inspection publication date",
         "Number of ungraded inspections since the last graded inspection",
         "Does the ungraded inspection relate to the URN of the current school?",
         "URN at time of the ungraded inspection",
         "LAESTAB at time of the ungraded inspection",
         "School name at time of the ungraded inspection",
         "School type at time of the ungraded inspection",
         "Category of concern at time of ungraded inspection",
         "Ofsted region code", "Region code", "Local authority code",
         "Total number of pupils (date)", "Percentage of pupils eligible for free school meals"]
COLUMNS = IDENTITY + CARD + GRADED + UNGRADED + OTHER
OUTCOMES = {1: "School remains Outstanding", 2: "School remains Good",
            3: "Improved significantly", 4: "Special measures continue"}


@dataclass(frozen=True)
class MiSchool:
    urn: int
    name: str
    phase: str  # Ofsted phase: Primary, Secondary, Special, ...
    local_authority: str
    region: str  # e.g. East of England


def _day(on: date) -> str:
    return f"{on:%d/%m/%Y}"


def _card(rng: np.random.Generator, row: dict[str, str], on: date, phase: str) -> None:
    """A report card given ``on``: each area graded, mostly "Expected standard" or better."""
    weights = np.array([0.08, 0.3, 0.45, 0.14, 0.03])
    row["Category of concern"] = "NULL"
    row["Safeguarding standards"] = "Met" if rng.random() < 0.97 else "Not met"
    row["Safeguarding standards - date of grade"] = _day(on)
    for area in AREAS:
        applies = not ((area.startswith("Early years") and phase != "Primary")
                       or (area.startswith("Post-16") and phase != "Secondary"))
        row[area] = str(rng.choice(FIVE_POINT, p=weights)) if applies else "NULL"
        row[f"{area} - date of grade"] = _day(on) if applies else "NULL"
    if row["Leadership and governance"] == "Urgent improvement":
        row["Category of concern"] = "Special measures"
        row["Category of concern - date of grade"] = _day(on)


def _other_columns(rng: np.random.Generator, school: MiSchool) -> dict[str, str]:
    """The columns linkadviser never reads, filled as Ofsted fills them (text, codes, dates),
    so that reading the file costs what reading the real one does."""
    academy = school.urn % 2 == 1
    number = int(rng.integers(10_000_000, 11_000_000))
    return {
        "Faith grouping": "Does not apply" if school.urn % 4 else "Church of England",
        "Sixth form": "Has a sixth form" if school.phase == "Secondary" else
        "Does not have a sixth form",
        "Designated religious character": "Does not apply" if school.urn % 4 else
        "Church of England", "Religious ethos": "Does not apply",
        "Admissions policy": "Non-selective" if school.phase != "Special" else "Not applicable",
        "Parliamentary constituency": f"Invented Constituency {school.urn % 650}",
        "Parliamentary constituency code": f"E14{school.urn % 650:06d}",
        "Postcode": f"ZZ{school.urn % 99} {school.urn % 9}XX",
        "The income deprivation affecting children index (IDACI) quintile":
        str(1 + school.urn % 5),
        "Statutory lowest age": "4" if school.phase == "Primary" else "11",
        "Statutory highest age": "11" if school.phase == "Primary" else "16",
        "Multi-academy trust UID": str(10_000 + school.urn % 2_500) if academy else "NULL",
        "Academy UKPRN": str(10_030_000 + school.urn % 9_999) if academy else "NULL",
        "Academy conversion date": f"01/0{1 + school.urn % 9}/2014" if academy else "NULL",
        "Number of sites": "1", "Event type grouping": "Section 5",
        "Latest OEIF inspection number": str(number),
        "Latest OEIF publication date": f"{1 + school.urn % 28:02d}/0{1 + school.urn % 9}/2022",
        "Latest OEIF inspection type": "S5 Inspection",
        "Latest OEIF inspection type grouping": "Section 5",
        "Does the latest OEIF inspection relate to the URN of the current school?": "Yes",
        "URN at time of latest OEIF inspection": str(school.urn),
        "LAESTAB at time of latest OEIF inspection": str(9_000_000 + school.urn % 1_000_000),
        "School name at time of latest OEIF inspection": school.name,
        "School type at time of latest OEIF inspection": "Academy converter" if academy else
        "Community school",
        "Ofsted region code": f"R{school.urn % 8}", "Region code": f"E1200000{school.urn % 9}",
        "Local authority code": str(800 + school.urn % 150),
        "Total number of pupils (date)": "18/01/2025",
        "Percentage of pupils eligible for free school meals": f"{rng.uniform(2, 60):.1f}",
    }


def mi_row(school: MiSchool, as_at: date, seed: int) -> dict[str, str]:
    """One school's row of the file published ``as_at``."""
    rng = np.random.default_rng([seed, school.urn])
    row = dict.fromkeys(COLUMNS, "NULL")
    row.update(_other_columns(np.random.default_rng([seed, school.urn, 7]), school))
    row.update({"URN": str(school.urn), "LAESTAB": str(9_000_000 + school.urn % 1_000_000),
                "School name": school.name, "Ofsted phase": school.phase,
                "Type of education": "Academy converter" if school.urn % 2 else
                "Community school", "Ofsted region": school.region, "Region": school.region,
                "Local authority": school.local_authority,
                "Total number of pupils": str(int(rng.integers(40, 1600))),
                "Web link": f"https://example.invalid/ofsted/{school.urn}"})
    grade = int(rng.choice(4, p=[0.16, 0.68, 0.13, 0.03])) + 1
    if rng.random() > 0.03:  # a few new schools have not been inspected
        graded = date(2016, 9, 1) + timedelta(days=int(rng.integers(0, 9 * 365)))
        graded = min(graded, REPORT_CARDS_FROM - timedelta(days=3))
        row[GRADED[0]] = _day(graded)
        for column in GRADED[1:6]:
            row[column] = str(int(np.clip(grade + rng.choice((-1, 0, 0, 0, 1)), 1, 4)))
        row[GRADED[1]] = str(grade)
        row[GRADED[6]] = "Yes"
        row[GRADED[7]] = str(grade) if school.phase == "Primary" else "9"
        row[GRADED[8]] = str(grade) if school.phase == "Secondary" else "9"
        if grade <= 2 and rng.random() < 0.6:
            ungraded = graded + timedelta(days=int(rng.integers(900, 1500)))
            if ungraded < min(as_at, REPORT_CARDS_FROM):
                row[UNGRADED[0]], row[UNGRADED[1]] = _day(ungraded), OUTCOMES[grade]
    if as_at > REPORT_CARDS_FROM and rng.random() < 0.3:
        days = (as_at - REPORT_CARDS_FROM).days
        _card(rng, row, REPORT_CARDS_FROM + timedelta(days=int(rng.integers(0, days))),
              school.phase)
    return row
