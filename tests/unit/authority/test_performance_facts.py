"""Trends and gaps from the headline measures read alone are those every figure unpacked
(``long_figures``, their first way) gave, for a county's schools named in the query and for
more schools than are named (every school's rows read, then picked out)."""

from __future__ import annotations

import pandas as pd
import pytest

from linkadviser.authority import performance
from linkadviser.authority.performance import performance_facts
from linkadviser.authority.rules import HeadlineMeasure
from linkadviser.data import queries
from linkadviser.data.importer import import_file
from linkadviser.data.invented import invent_schools, performance_rows, write_csv
from linkadviser.data.queries import long_figures
from linkadviser.store.models_data import DataRow

HEADLINES = [HeadlineMeasure("Primary", "ks2_rwm_expected", 3),
             HeadlineMeasure("Secondary", "ks4_basics_94", 2)]


def unpacked(store, wanted, kind=None, entity="school", urns=None):
    """The figures as first read: every figure of every school unpacked, then kept."""
    figures = long_figures(store, DataRow.entity == entity)
    pairs = pd.Series(list(zip(figures["measure"], figures["pupil_group"], strict=True)),
                      index=figures.index)
    return figures[pairs.isin(set(wanted))]


@pytest.fixture
def imported(store, tmp_path):
    rows = [(700000 + i, f"School {i}", "Primary" if i % 3 else "Secondary")
            for i in range(90)]
    schools = invent_schools(rows, "926", 4)
    for year in (2022, 2023, 2024):
        for kind in ("ks2", "ks4"):
            path = tmp_path / f"{kind}-{year}.csv"
            write_csv(path, performance_rows(kind, schools, year, 4, "926"))
            import_file(store, path, year=year)
    return {urn: phase for urn, _name, phase in rows}


@pytest.mark.parametrize("named", [5000, 10])
def test_facts_are_those_every_figure_unpacked_gave(store, imported, named, monkeypatch):
    monkeypatch.setattr(queries, "URNS_NAMED", named)
    county = {urn: phase for urn, phase in imported.items() if urn % 4}  # not every school
    county[799999] = "Primary"  # a school with nothing imported
    facts = performance_facts(store, county, HEADLINES)
    monkeypatch.setattr(performance, "chosen_figures", unpacked)
    assert facts == performance_facts(store, county, HEADLINES)
    assert {"attainment_change", "disadvantaged_gap"} <= {k for f in facts.values() for k in f}
    assert set(facts) <= set(county) - {799999} and len(facts) > 40
    assert performance_facts(store, {}, HEADLINES) == {}
