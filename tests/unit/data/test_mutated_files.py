"""Property: whatever is done to a valid file, the import is whole or nothing, never half."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select

from linkadviser.data.errors import DataImportError
from linkadviser.data.importer import import_file
from linkadviser.data.queries import long_figures
from linkadviser.store.models_data import DataImport, DataRow
from tests.unit.data.conftest import fixture

BASE = list(csv.reader(io.StringIO(fixture("england_ks4final.csv").read_text("utf-8"))))
CELL_TEXT = st.one_of(
    st.sampled_from(["SUPP", "NE", "x", "", "12.5", "12.5%", "-0.3", "abc", "1,234", "NA"]),
    st.text(max_size=6),
)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])


@st.composite
def mutated(draw: st.DrawFn) -> tuple[list[list[str]], str]:
    rows = [list(r) for r in BASE]
    for _ in range(draw(st.integers(0, 4))):
        row = draw(st.integers(0, len(rows) - 1))  # row 0: the header itself
        column = draw(st.integers(0, len(rows[0]) - 1))
        rows[row][column] = draw(CELL_TEXT)
    if draw(st.booleans()):
        del rows[draw(st.integers(1, len(rows) - 1))]
    if draw(st.booleans()):
        rows.append(list(rows[draw(st.integers(1, len(rows) - 1))]))
    return rows, draw(ENCODINGS)


def counts(store) -> tuple[int, int]:
    with store.session() as session:
        return (session.scalar(select(func.count()).select_from(DataImport)),
                session.scalar(select(func.count()).select_from(DataRow)))


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated())
def test_mutated_file_imports_whole_or_not_at_all(store, tmp_path_factory, case):
    rows, encoding = case
    folder = tmp_path_factory.mktemp("m") / "2024-2025"
    folder.mkdir()
    path = folder / "england_ks4final.csv"
    with path.open("w", newline="", encoding=encoding, errors="replace") as fh:
        csv.writer(fh).writerows(rows)
    assert counts(store) == (0, 0)
    try:
        report = import_file(store, path)
    except DataImportError as exc:
        assert str(path) in str(exc)  # the message names the file
        assert counts(store) == (0, 0)
        return
    try:
        assert counts(store)[0] == 1
        figures = long_figures(store)
        assert figures["value"].notna().sum() == report.values
        assert figures.loc[figures["marker"] != "", "value"].isna().all()  # never a zero
    finally:
        with store.transaction() as session:  # the next example starts from an empty store
            session.execute(delete(DataRow))
            session.execute(delete(DataImport))
