"""The school page's queries of imported rows use the store's indexes, not a read of them all.

The totals index holds only the authority's and England's rows (those without a urn), so a
national import writes a few hundred entries to it rather than one per school; a query for
totals that stopped saying ``urn IS NULL`` would quietly read every row of every import.
"""

from __future__ import annotations

from sqlalchemy import event, text

from linkadviser.data.importer import import_file
from linkadviser.data.queries import school_figures
from tests.unit.data.conftest import CASELOAD_URN, fixture


def test_a_schools_figures_and_its_totals_are_found_by_index(store):
    import_file(store, fixture("england_ks2final.csv"))
    statements: list[tuple[str, tuple]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if "FROM data_rows" in statement:
            statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        assert not school_figures(store, CASELOAD_URN).empty
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    assert len(statements) == 3  # the school, its authority, England
    with store.engine.connect() as connection:
        plans = [" ".join(row[3] for row in connection.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {statement}", parameters)) for statement, parameters
            in statements]
        assert connection.execute(text(
            "SELECT count(*) FROM data_rows WHERE urn IS NULL")).scalar_one() > 1
    school, authority, england = plans
    assert "USING INDEX ix_data_rows_urn" in school
    assert "USING INDEX ix_data_rows_totals (entity=? AND la_code=?)" in authority
    assert "USING INDEX ix_data_rows_totals (entity=?)" in england
