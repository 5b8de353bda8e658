from __future__ import annotations

import csv

from linkadviser.data.demo import import_demo_data
from linkadviser.data.preparation import prepare_school
from linkadviser.data.queries import long_figures
from linkadviser.paths import resources_dir


def test_demo_data_covers_every_demo_school_for_three_years(store):
    reports = import_demo_data(store)
    assert {(r.kind, r.year) for r in reports} == {
        (kind, year) for kind in ("ks2", "ks4", "absence", "authority")
        for year in (2022, 2023, 2024)} | {("ofsted", year) for year in (2022, 2023, 2024, 2025)}
    with (resources_dir() / "demo" / "schools.csv").open(encoding="utf-8") as fh:
        urns = {int(row["urn"]) for row in csv.DictReader(fh)}
    figures = long_figures(store)
    schools = figures[figures["entity"] == "school"]
    assert urns <= set(schools["urn"])
    performance = schools[~schools["measure"].str.startswith("ofsted_")
                          & schools["urn"].isin(urns)]
    assert set(performance.groupby("urn")["academic_year"].nunique()) == {3}
    assert {"la", "england"} <= set(figures["entity"])
    assert prepare_school(store, min(urns)).questions
    again = import_demo_data(store)  # init --demo twice replaces rather than fails
    assert {r.outcome for r in again} == {"replaced"}
    assert "invented" in (resources_dir() / "demo" / "data" / "README.md").read_text().lower()
