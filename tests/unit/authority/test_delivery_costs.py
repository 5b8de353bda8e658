from datetime import date

from linkadviser.authority.costs import costs
from linkadviser.authority.delivery import delivery
from linkadviser.authority.tables import invoice_table
from tests.unit.authority.county import TODAY, YEAR, build_county


def _row(result, adviser, term):
    return next(r for r in result.rows if (r.adviser, r.term) == (adviser, term))


def test_delivery_per_term_and_adviser(store, programme):
    build_county(store)
    with store.session() as s:
        result = delivery(s, programme, YEAR, TODAY)
    ann = _row(result, "Ann Adviser", "autumn")
    # three schools x two autumn visits; visit 1 done at Ash (signed) and Birch (unsigned)
    assert (ann.expected, ann.done, ann.due, ann.overdue, ann.not_signed) == (6, 2, 4, 0, 1)
    assert _row(result, "Ann Adviser", "spring").not_started == 3
    year = next(r for r in result.advisers if r.adviser == "Ann Adviser")
    assert (year.action_points_open, year.action_points_overdue) == (4, 3)
    assert (year.targets_agreed, year.targets_with_outcome, year.targets_met) == (2, 2, 1)
    assert result.total.expected == 5 * 4  # the unassigned school expects nothing


def test_autumn_visits_not_done_are_overdue_once_spring_starts(store, programme):
    build_county(store)
    with store.session() as s:
        result = delivery(s, programme, YEAR, date(2027, 1, 10))
    bob = _row(result, "Bob Adviser", "autumn")
    assert (bob.overdue, bob.due) == (4, 0)
    assert _row(result, "Bob Adviser", "spring").due == 2


def test_costs_full_service_at_its_price_and_extras(store, programme):
    build_county(store)
    with store.session() as s:
        result = costs(s, programme, YEAR)
    by_urn = {c.urn: c for c in result.schools}
    assert by_urn[1].total == 2650 and by_urn[3].total == 2820
    assert by_urn[4].extras == 1500 and by_urn[4].total == 4150
    assert by_urn[5].to_be_quoted == 1  # no price recorded or published
    assert 6 not in by_urn  # not in any caseload, took no extra
    assert result.total == 3 * 2650 + 2 * 2820 + 1500


def test_invoice_lines_mark_what_is_still_to_be_quoted(store, programme):
    build_county(store)
    with store.session() as s:
        table = invoice_table(costs(s, programme, YEAR))
    quoted = [row for row in table.rows if row[-1] == "to be quoted"]
    assert len(quoted) == 1 and quoted[0][7] == ""
    assert sum(float(row[7]) for row in table.rows if row[7]) == 3 * 2650 + 2 * 2820 + 1500
