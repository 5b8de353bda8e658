"""Attainment trends and disadvantaged gaps from imported performance tables, for the risk rules.

Which measure counts for which phase is the authority's choice (``headline_measures`` in the
risk rules). A school with no imported figures, or figures withheld, simply has no trend or
gap: the rules that need them do not fire, and the report says the fact was not known.
"""

from __future__ import annotations

from collections import defaultdict

from linkadviser.authority.grades import phase_name
from linkadviser.authority.rules import HeadlineMeasure
from linkadviser.data.queries import chosen_figures
from linkadviser.store.db import Store

GROUPS = ("all", "disadvantaged", "not_disadvantaged")


def performance_facts(store: Store, phases: dict[int, str],
                      headlines: list[HeadlineMeasure]) -> dict[int, dict[str, float]]:
    """``attainment_change`` and ``disadvantaged_gap`` by URN, where the figures allow.

    Only the headline measures' figures are read (``chosen_figures``): a national centre's
    schools (over 7,000) took 9 s when every figure of every school was unpacked first."""
    by_phase = {phase_name(h.phase): h for h in headlines}
    if not by_phase or not phases:
        return {}
    figures = chosen_figures(store, [(h.measure, g) for h in headlines for g in GROUPS],
                             urns=set(phases))
    figures = figures[figures["value"].notna()]
    values: dict[tuple[int, str], dict[int, float]] = defaultdict(dict)
    for urn, measure, group, year, value in zip(
            figures["urn"], figures["measure"], figures["pupil_group"],
            figures["academic_year"], figures["value"], strict=True):
        headline = by_phase.get(phases.get(int(urn), ""))
        if headline is not None and headline.measure == measure:
            values[(int(urn), group)][int(year)] = float(value)
    facts: dict[int, dict[str, float]] = {}
    for urn, phase in phases.items():
        found = _trend_and_gap(values, urn, by_phase.get(phase))
        if found:
            facts[urn] = found
    return facts


def _trend_and_gap(values: dict[tuple[int, str], dict[int, float]], urn: int,
                   headline: HeadlineMeasure | None) -> dict[str, float]:
    if headline is None:
        return {}
    found = {}
    overall = values.get((urn, "all"), {})
    years = sorted(overall)[-headline.years:]
    if len(years) > 1:
        found["attainment_change"] = overall[years[-1]] - overall[years[0]]
    poorer = values.get((urn, "disadvantaged"), {})
    others = values.get((urn, "not_disadvantaged"), {})
    both = set(poorer) & set(others)
    if both:
        latest = max(both)
        found["disadvantaged_gap"] = others[latest] - poorer[latest]
    return found
