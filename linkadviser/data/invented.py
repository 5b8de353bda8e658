"""Invented files in the real public files' shape, for the demo county, tests and benchmarks.

Every figure written here is invented (seeded random numbers around plausible national
figures). No real school or result is described. The files have the DfE's real column names,
markers (SUPP, NE, LOWCOV, ...), percent signs and LA/England rows so the importer meets them
as it will meet the real downloads.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ENGLAND_KS2 = {"PTRWM_EXP": 60.0, "PTRWM_HIGH": 8.0, "READ_AVERAGE": 105.0,
               "MAT_AVERAGE": 104.0, "PTRWM_EXP_FSM6CLA1A": 45.0,
               "PTRWM_EXP_NotFSM6CLA1A": 67.0, "PTRWM_EXP_B": 57.0, "PTRWM_EXP_G": 63.0,
               "READPROG_FSM6CLA1A": -0.6, "WRITPROG_FSM6CLA1A": -0.7,
               "MATPROG_FSM6CLA1A": -0.8, "READPROG_NotFSM6CLA1A": 0.3,
               "WRITPROG_NotFSM6CLA1A": 0.3, "MATPROG_NotFSM6CLA1A": 0.3}
ENGLAND_KS4 = {"ATT8SCR": 46.0, "PTL2BASICS_94": 65.0, "PTL2BASICS_95": 45.0, "EBACCAPS": 4.1,
               "ATT8SCR_FSM6CLA1A": 35.0, "ATT8SCR_NFSM6CLA1A": 50.0,
               "P8MEA_FSM6CLA1A": -0.55, "P8MEA_NFSM6CLA1A": 0.17,
               "PTFSM6CLA1ABASICS_94": 43.0, "PTNOTFSM6CLA1ABASICS_94": 73.0,
               "ATT8SCR_BOYS": 44.0, "ATT8SCR_GIRLS": 48.0}
ENGLAND_ABSENCE = {"PERCTOT": 6.5, "PPERSABS10": 19.0}
# England's absence by phase: primary pupils miss fewer sessions than secondary ones.
PHASE_ABSENCE = {"PRI": -1.0, "SEC": 1.5, "SPE": 3.0}
# The DfE's record types per kind (ks2_meta.csv / ks4_meta.csv): the authority, England with
# every school (independent schools included) and England's state-funded schools.
RECORD_TYPES = {"ks2": {"la": "3", "all": "4", "england": "5"},
                "ks4": {"la": "4", "all": "5", "england": "7"}}
# How far England's all-schools row sits below the state-funded one (KS4 2022/23: Attainment 8
# 44.6 against 46.3): the independent schools' entries count towards it.
ALL_SCHOOLS_BELOW = 1.7
INDEPENDENT_URN = 909001  # an invented independent school in every KS2 and KS4 file
DISADVANTAGED_GAP = {"PTRWM_EXP": 21.0, "ATT8SCR": 15.0, "PTL2BASICS_94": 27.0}


@dataclass(frozen=True)
class InventedSchool:
    urn: int
    name: str
    phase: str  # Primary or Secondary
    la_code: str
    strength: float  # how far above or below average, in standard deviations
    drift: float  # change in strength per year


def invent_schools(rows: list[tuple[int, str, str]], la_code: str,
                   seed: int) -> list[InventedSchool]:
    rng = np.random.default_rng(seed)
    return [InventedSchool(urn, name, phase, la_code, float(rng.normal(0, 1)),
                           float(rng.normal(0, 0.3))) for urn, name, phase in rows]


def _school_rng(seed: int, urn: int, year: int) -> np.random.Generator:
    return np.random.default_rng([seed, urn, year])


def _pct(value: float) -> float:
    return float(np.clip(round(value), 0, 100))


def _fmt(value: float | str, percent: bool = False, places: int = 1) -> str:
    if isinstance(value, str):
        return value
    return f"{value:.0f}%" if percent else f"{value:.{places}f}"


def ks2_row(school: InventedSchool, year: int, index: int, seed: int) -> dict[str, str]:
    rng = _school_rng(seed, school.urn, year)
    s = school.strength + school.drift * (year - 2022) + rng.normal(0, 0.3)
    pupils = int(rng.integers(12, 90))
    disadvantaged = int(pupils * rng.uniform(0.1, 0.5))
    rwm = _pct(ENGLAND_KS2["PTRWM_EXP"] + 12 * s)
    gap = DISADVANTAGED_GAP["PTRWM_EXP"] + rng.normal(0, 6)
    share = disadvantaged / pupils
    dis = _pct(rwm - gap * (1 - share))
    other = _pct(rwm + gap * share)
    row = {"RECTYPE": "1", "LEA": school.la_code, "ESTAB": str(2000 + index),
           "URN": str(school.urn), "SCHNAME": school.name, "NFTYPE": "CY",
           "TELIG": str(pupils),
           "PTFSM6CLA1A": _fmt(100 * share, percent=True),
           "PTRWM_EXP": _fmt(rwm, True), "PTRWM_HIGH": _fmt(_pct(8 + 4 * s), True),
           "READ_AVERAGE": str(round(105 + 2.5 * s)), "MAT_AVERAGE": str(round(104 + 2.5 * s))}
    for subject in ("READ", "WRIT", "MAT"):
        score = 1.6 * s + rng.normal(0, 0.8)
        half = 9.0 / np.sqrt(pupils)
        row.update({f"{subject}PROG": f"{score:.2f}", f"{subject}PROG_LOWER": f"{score - half:.2f}",
                    f"{subject}PROG_UPPER": f"{score + half:.2f}"})
        dis_score = score - 1.2 + rng.normal(0, 1)
        dis_half = 9.0 / np.sqrt(max(disadvantaged, 1))
        row.update({f"{subject}PROG_FSM6CLA1A": f"{dis_score:.2f}",
                    f"{subject}PROG_FSM6CLA1A_LOWER": f"{dis_score - dis_half:.2f}",
                    f"{subject}PROG_FSM6CLA1A_UPPER": f"{dis_score + dis_half:.2f}",
                    f"{subject}PROG_NotFSM6CLA1A": f"{score + 0.4:.2f}"})
    boys_gap = rng.normal(6, 4)
    row.update({"PTRWM_EXP_FSM6CLA1A": _fmt(dis, True),
                "PTRWM_EXP_NotFSM6CLA1A": _fmt(other, True),
                "PTRWM_EXP_B": _fmt(_pct(rwm - boys_gap / 2), True),
                "PTRWM_EXP_G": _fmt(_pct(rwm + boys_gap / 2), True)})
    if disadvantaged < 6:  # as the DfE does: a group of five or fewer is suppressed
        for key in [k for k in row if "FSM6CLA1A" in k and k != "PTFSM6CLA1A"]:
            row[key] = "SUPP"
    if rng.random() < 0.05:
        for subject in ("READ", "WRIT", "MAT"):
            for key in (f"{subject}PROG", f"{subject}PROG_LOWER", f"{subject}PROG_UPPER"):
                row[key] = "LOWCOV"
    return row


def ks4_row(school: InventedSchool, year: int, index: int, seed: int) -> dict[str, str]:
    rng = _school_rng(seed, school.urn, year)
    s = school.strength + school.drift * (year - 2022) + rng.normal(0, 0.25)
    pupils = int(rng.integers(60, 260))
    disadvantaged = int(pupils * rng.uniform(0.1, 0.5))
    share = disadvantaged / pupils
    att8 = ENGLAND_KS4["ATT8SCR"] + 6 * s
    gap = DISADVANTAGED_GAP["ATT8SCR"] + rng.normal(0, 3)
    p8 = 0.45 * s + rng.normal(0, 0.1)
    half = 1.2 / np.sqrt(pupils)
    dis_p8 = p8 - 0.5 + rng.normal(0, 0.2)
    dis_half = 1.2 / np.sqrt(max(disadvantaged, 1))
    basics = _pct(ENGLAND_KS4["PTL2BASICS_94"] + 12 * s)
    row = {"RECTYPE": "1", "LEA": school.la_code, "ESTAB": str(4000 + index),
           "URN": str(school.urn), "SCHNAME": school.name, "NFTYPE": "CY",
           "TPUP": str(pupils),
           "PTFSM6CLA1A": _fmt(100 * share, places=0),
           "ATT8SCR": _fmt(att8), "P8MEA": f"{p8:.2f}", "P8CILOW": f"{p8 - half:.2f}",
           "P8CIUPP": f"{p8 + half:.2f}", "PTL2BASICS_94": _fmt(basics, places=0),
           "PTL2BASICS_95": _fmt(_pct(basics - 20), places=0),
           "EBACCAPS": f"{ENGLAND_KS4['EBACCAPS'] + 0.6 * s:.2f}",
           "ATT8SCR_FSM6CLA1A": _fmt(att8 - gap * (1 - share)),
           "ATT8SCR_NFSM6CLA1A": _fmt(att8 + gap * share),
           "P8MEA_FSM6CLA1A": f"{dis_p8:.2f}", "P8CILOW_FSM6CLA1A": f"{dis_p8 - dis_half:.2f}",
           "P8CIUPP_FSM6CLA1A": f"{dis_p8 + dis_half:.2f}",
           "P8MEA_NFSM6CLA1A": f"{p8 + 0.2:.2f}",
           "PTFSM6CLA1ABASICS_94": _fmt(_pct(basics - 27 * (1 - share)), places=0),
           "PTNOTFSM6CLA1ABASICS_94": _fmt(_pct(basics + 27 * share), places=0),
           "ATT8SCR_BOYS": _fmt(att8 - 2.5), "ATT8SCR_GIRLS": _fmt(att8 + 2.5),
           "P8MEA_BOYS": f"{p8 - 0.2:.2f}", "P8MEA_GIRLS": f"{p8 + 0.2:.2f}"}
    if disadvantaged < 6:
        for key in [k for k in row if "FSM6CLA1A" in k and k != "PTFSM6CLA1A"]:
            row[key] = "SUPP"
    if rng.random() < 0.03:
        row["P8MEA"] = row["P8CILOW"] = row["P8CIUPP"] = "NE"
    return row


def absence_row(school: InventedSchool, year: int, index: int, seed: int) -> dict[str, str]:
    rng = _school_rng(seed + 1, school.urn, year)
    s = school.strength + school.drift * (year - 2022) + rng.normal(0, 0.3)
    overall = max(2.0, ENGLAND_ABSENCE["PERCTOT"] - 1.0 * s + (0.8 if school.phase ==
                                                                 "Secondary" else -1.0))
    return {"LA": school.la_code, "ESTAB": str(2000 + index), "URN": str(school.urn),
            "PERCTOT": f"{overall:.1f}",
            "PPERSABS10": f"{max(2.0, overall * 2.9 + rng.normal(0, 2)):.1f}"}


def _mean_row(rows: list[dict[str, str]], keep: dict[str, str]) -> dict[str, str]:
    """A total row: each numeric column's mean over the rows, formatted as the rows are."""
    total = dict(keep)
    for key in rows[0]:
        if key in keep or key in ("URN", "SCHNAME", "ESTAB", "LEA", "LA", "RECTYPE", "NFTYPE"):
            continue
        numbers = [float(r[key].rstrip("%")) for r in rows
                   if r.get(key, "").rstrip("%").replace(".", "", 1).lstrip("-").isdigit()]
        if not numbers:
            total[key] = "NE"
            continue
        percent = rows[0][key].endswith("%")
        total[key] = _fmt(float(np.mean(numbers)), percent=percent,
                          places=2 if "PROG" in key or "P8" in key else 1)
    return total


def england_row(rows: list[dict[str, str]], national: dict[str, float],
                keep: dict[str, str]) -> dict[str, str]:
    """England's row: the ``national`` figures where given, 0 for progress, else the mean."""
    total = _mean_row(rows, keep)
    for key in total:
        if key in keep:
            continue
        if key in national:
            total[key] = _fmt(national[key], percent=total[key].endswith("%"),
                              places=2 if "PROG" in key or "P8" in key else 1)
        elif key.endswith(("_LOWER", "_UPPER")) or "CILOW" in key or "CIUPP" in key:
            total[key] = ""
        elif "PROG" in key or key.startswith("P8"):
            total[key] = "0.00"
    return total


def write_csv(path: Path, rows: list[dict[str, str]], encoding: str = "utf-8",
              padding: int = 0) -> None:
    """Write ``rows``; ``padding`` extra real-style columns make a national-width file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    extra = [f"PT{s}_{g}" for s in ("READ", "WRIT", "MAT", "GPS", "SCI", "ENG", "EBACC", "ML",
                                    "HUM", "ART")
             for g in ("EXP", "HIGH", "AT", "B", "G", "L", "M", "H", "EAL", "MOBN", "FSM",
                       "NFSM", "SEN", "NSEN", "NEW", "OLD", "X1", "X2", "X3", "X4", "X5",
                       "X6", "X7", "X8", "X9", "XA", "XB", "XC", "XD", "XE", "XF", "XG",
                       "XH", "XI", "XJ", "XK", "XL", "XM", "XN", "XO")]
    extra = (extra + [f"TOTPUP_{n}" for n in range(max(0, padding - len(extra)))])[:padding]
    with path.open("w", newline="", encoding=encoding) as fh:
        writer = csv.writer(fh)
        writer.writerow(columns + extra)
        for i, row in enumerate(rows):
            filler = [f"{(i * 7 + j) % 97}%" if j % 3 else "SUPP" for j in range(len(extra))]
            writer.writerow([row.get(c, "") for c in columns] + filler)


def performance_rows(kind: str, schools: list[InventedSchool], year: int, seed: int,
                     la_code: str) -> list[dict[str, str]]:
    """One year's file rows for ``kind`` (ks2, ks4, absence) as the DfE lays them out: the
    schools, then the authority's and England's total rows (by phase for absence)."""
    makers = {"ks2": ks2_row, "ks4": ks4_row, "absence": absence_row}
    phase = {"ks2": "Primary", "ks4": "Secondary", "absence": None}[kind]
    chosen = [s for s in schools if phase is None or s.phase == phase]
    rows = [makers[kind](s, year, i, seed) for i, s in enumerate(chosen)]
    if kind == "absence":
        return rows + absence_totals(rows, la_code)
    codes = RECORD_TYPES[kind]
    independent = makers[kind](InventedSchool(INDEPENDENT_URN, "Invented Independent School",
                                              phase or "", la_code, 1.5, 0.0),
                               year, len(rows), seed)
    independent.update({"NFTYPE": "IND", "ESTAB": "6000"})
    la = _mean_row([r for r in rows if r["LEA"] == la_code],
                   {"RECTYPE": codes["la"], "LEA": la_code, "URN": ""})
    national = ENGLAND_KS2 if kind == "ks2" else ENGLAND_KS4
    state = {k: v + (0.5 * (year - 2022) if "PROG" not in k and "P8" not in k else 0)
             for k, v in national.items()}
    england = england_row(rows, state, {"RECTYPE": codes["england"], "LEA": "", "URN": ""})
    everyone = england_row(rows, {k: v - ALL_SCHOOLS_BELOW for k, v in state.items()},
                           {"RECTYPE": codes["all"], "LEA": "", "URN": ""})
    for key in everyone:  # no progress or disadvantaged figures for all schools
        if "PROG" in key or key.startswith("P8") or "FSM6CLA1A" in key:
            everyone[key] = ""
    return [*rows, independent, la, everyone, england]


def absence_totals(rows: list[dict[str, str]], la_code: str,
                   persistent: str = "PPERSABS10") -> list[dict[str, str]]:
    """The authority's and England's rows per phase, with no URN (``NNN,PRI,,5.4,13.4``)."""
    totals = []
    for area, mine in ((la_code, [r for r in rows if r["LA"] == la_code]), ("NAT", rows)):
        base = _mean_row(mine, {}) if area != "NAT" else ENGLAND_ABSENCE
        for code, shift in PHASE_ABSENCE.items():
            overall = float(base["PERCTOT"]) + shift
            totals.append({"LA": area, "ESTAB": code, "URN": "", "PERCTOT": f"{overall:.1f}",
                           persistent: f"{float(base['PPERSABS10']) + 2.5 * shift:.1f}"})
    return totals


CENSUS_TYPES = {"PRI": "State-funded primary", "SEC": "State-funded secondary",
                "SPE": "Special"}


def census_rows(schools: list[InventedSchool]) -> list[dict[str, str]]:
    """england_census.csv: each school, then England by phase with NAT in the URN column."""
    rows = []
    for s in schools:
        code = "PRI" if s.phase == "Primary" else "SEC"
        rows.append({"URN": str(s.urn), "LA": s.la_code, "ESTAB": str(2000 + s.urn % 1000),
                     "SCHOOLTYPE": CENSUS_TYPES[code], "NOR": str(200 + s.urn % 700),
                     "PSENELSE": "x" if s.urn % 7 == 0 else f"{1 + s.urn % 4:.1f}",
                     "PSENELK": f"{10 + s.urn % 8:.1f}", "PNUMEAL": f"{s.urn % 20:.1f}",
                     "PNUMFSMEVER": f"{15 + s.urn % 25:.1f}"})
    for index, (code, title) in enumerate(CENSUS_TYPES.items()):
        rows.append({"URN": "NAT", "LA": "", "ESTAB": code, "SCHOOLTYPE": title,
                     "NOR": str(4_500_000 // (index + 1)),
                     "PSENELSE": f"{2.5 + 30 * (code == 'SPE'):.1f}",
                     "PSENELK": f"{13.0 + index:.1f}", "PNUMEAL": f"{21.0 - 3 * index:.1f}",
                     "PNUMFSMEVER": f"{24.0 + 2 * index:.1f}"})
    return rows
