"""Write the GIAS test extracts in tests/fixtures/gias/ (invented schools, GIAS's own shape).

Two extracts of "All establishment data" a term apart and the links file beside the second,
as GIAS downloads them: Windows-1252, every field quoted, GIAS's headers, dates dd-mm-yyyy.
Between the two, Brook Lane Primary converts to an academy (a new URN, linked to the old),
a headteacher changes, and a new free school opens. A file of another authority's schools
tests the refusal. Run: .venv/bin/python scripts/make_gias_fixtures.py
"""

import csv
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "gias"
HEADER = ["URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName",
          "TypeOfEstablishment (code)", "TypeOfEstablishment (name)",
          "EstablishmentTypeGroup (code)", "EstablishmentTypeGroup (name)",
          "EstablishmentStatus (code)", "EstablishmentStatus (name)",
          "ReasonEstablishmentOpened (code)", "ReasonEstablishmentOpened (name)", "OpenDate",
          "ReasonEstablishmentClosed (code)", "ReasonEstablishmentClosed (name)", "CloseDate",
          "PhaseOfEducation (code)", "PhaseOfEducation (name)", "StatutoryLowAge",
          "StatutoryHighAge", "NumberOfPupils", "PercentageFSM", "Trusts (code)",
          "Trusts (name)", "Street", "Locality", "Address3", "Town", "County (name)",
          "Postcode", "HeadTitle (name)", "HeadFirstName", "HeadLastName", "GOR (code)",
          "GOR (name)"]
TYPES = {  # TypeOfEstablishment: (code, group code, group name)
    "Community school": ("01", "4", "Local authority maintained schools"),
    "Voluntary aided school": ("02", "4", "Local authority maintained schools"),
    "Academy converter": ("28", "10", "Academies"),
    "Free schools": ("35", "11", "Free Schools"),
    "Community special school": ("07", "5", "Special schools"),
    "Non-maintained special school": ("08", "5", "Special schools"),
    "Other independent school": ("11", "3", "Independent schools"),
}
PHASES = {"Primary": "2", "Secondary": "4", "Not applicable": "0"}
NORFOLK, SUFFOLK = ("926", "Norfolk"), ("935", "Suffolk")
TRUST = ("5001", "Invented Learning Trust")


def school(urn: str, la: tuple[str, str], number: str, name: str, kind: str, phase: str,
           head: tuple[str, str, str], street: str, town: str, postcode: str, *,
           closed: str = "", opened: str = "01-09-1990", reason_closed: str = "",
           reason_opened: str = "", trust: tuple[str, str] = ("", ""), pupils: str = "210",
           fsm: str = "18.1") -> list[str]:
    type_code, group_code, group = TYPES[kind]
    status = ("2", "Closed") if closed else ("1", "Open")
    return [urn, la[0], la[1], number, name, type_code, kind, group_code, group, *status,
            "", reason_opened, opened, "", reason_closed, closed, PHASES[phase], phase,
            "4" if phase == "Primary" else "11", "11" if phase == "Primary" else "16",
            pupils, fsm, trust[0], trust[1], street, "", "", town, "Norfolk", postcode, *head,
            "G", "East of England"]


def first_extract() -> list[list[str]]:
    return [
        school("121001", NORFOLK, "3301", "St Mary’s Church of England Primary School",
               "Voluntary aided school", "Primary", ("Mrs", "Ann", "Example"), "Church Lane",
               "Wymondham", "NR18 0AA"),
        school("121002", NORFOLK, "4001", "Ûnity Invented High School", "Academy converter",
               "Secondary", ("Mr", "Chris", "Invented"), "School Road", "Dereham", "NR19 1AA",
               trust=TRUST, reason_opened="Academy Converter", opened="01-09-2012",
               pupils="1105"),
        school("121003", NORFOLK, "2003", "Brook Lane Primary School", "Community school",
               "Primary", ("Ms", "Dee", "Sample"), "Brook Lane", "Thetford", "IP24 1AA"),
        school("121004", NORFOLK, "4002", "Fen Edge Free School", "Free schools", "Secondary",
               ("Dr", "Eve", "Madeup"), "Fen Road", "Downham Market", "PE38 9AA",
               trust=("5002", "Invented Free Schools Trust"), opened="01-09-2016"),
        school("121005", NORFOLK, "7001", "Marsh Community Special School",
               "Community special school", "Not applicable", ("Mr", "Finn", "Notreal"),
               "Marsh Way", "Norwich", "NR1 1AA", pupils="98"),
        school("121006", NORFOLK, "2004", "Old Mill Infant School", "Community school",
               "Primary", ("", "", ""), "Mill Lane", "Diss", "IP22 4AA",
               closed="31-08-2020", reason_closed="Merged"),
        school("121007", NORFOLK, "6001", "Heath House School", "Other independent school",
               "Primary", ("Mrs", "Gail", "Private"), "Heath Road", "Holt", "NR25 6AA"),
        school("121008", NORFOLK, "7002", "Riverside Non-maintained Special School",
               "Non-maintained special school", "Not applicable", ("Mr", "Hal", "Charity"),
               "River Walk", "Norwich", "NR3 1AA"),
        school("131001", SUFFOLK, "2001", "Invented Suffolk Primary School",
               "Community school", "Primary", ("Ms", "Ida", "Elsewhere"), "Main Street",
               "Ipswich", "IP1 1AA"),
    ]


def second_extract() -> list[list[str]]:
    rows = first_extract()
    rows[0][HEADER.index("HeadTitle (name)"):HEADER.index("HeadLastName") + 1] = \
        ["Mr", "Ben", "Example"]
    brook = rows[2]
    brook[HEADER.index("EstablishmentStatus (code)"):HEADER.index("EstablishmentStatus (name)")
          + 1] = ["2", "Closed"]
    brook[HEADER.index("ReasonEstablishmentClosed (name)")] = "Academy Converter"
    brook[HEADER.index("CloseDate")] = "31-12-2026"
    rows.insert(3, school("149001", NORFOLK, "2005", "Brook Lane Primary Academy",
                          "Academy converter", "Primary", ("Ms", "Dee", "Sample"),
                          "Brook Lane", "Thetford", "IP24 1AA", trust=TRUST,
                          reason_opened="Academy Converter", opened="01-01-2027"))
    return rows


def write(name: str, rows: list[list[str]], header: list[str] = HEADER) -> None:
    with (FOLDER / name).open("w", encoding="cp1252", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


FOLDER.mkdir(parents=True, exist_ok=True)
write("edubasealldata20260901.csv", first_extract())
write("edubasealldata20270105.csv", second_extract())
write("links_edubasealldata20270105.csv",
      [["149001", "121003", "Brook Lane Primary School", "Predecessor", "01-01-2027"],
       ["121003", "149001", "Brook Lane Primary Academy", "Successor", "01-01-2027"]],
      ["URN", "LinkURN", "LinkName", "LinkType", "LinkEstablishedDate"])
write("suffolk_edubasealldata20260901.csv", [r for r in first_extract() if r[1] == "935"])
print(f"wrote the GIAS fixtures in {FOLDER}")
