"""The fuzz suite in CI: every importer, a few dozen hostile inputs each (the same as the
bench's, drawn from the same strategies, derandomized so a failure reproduces): no crash, no
hang, no refused input changing a store. ``bench/fuzz.py`` runs thousands."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from tests.fuzz.strategies import (
    CSV_TARGET,
    EXCEL_TARGET,
    PROGRAMME_TARGET,
    SYNC_TARGET,
    VERIFY_TARGET,
    Target,
)


def holds(target: Target, shrink: bool = True) -> Callable[[], None]:
    """A test that tries ``target.ci_examples`` inputs and fails on the first violation
    (shrunk to a small reproducer unless ``shrink`` is off, which keeps an expected failure
    quick)."""
    phases = [Phase.explicit, Phase.generate] + ([Phase.shrink] if shrink else [])

    @settings(max_examples=target.ci_examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck), print_blob=True, phases=phases)
    @given(example=target.inputs)
    def property_holds(example: object) -> None:
        assert target.attempt(example) in ("accepted", "refused")

    property_holds.__doc__ = f"{target.name}: no crash, hang or store change on refusal."
    return property_holds


test_data_import_csv = holds(CSV_TARGET)
test_data_import_excel = holds(EXCEL_TARGET)
test_programme_loader = holds(PROGRAMME_TARGET)
# sync import is i14-sync's (issue 14 item 7 covers a manifest nested 200,000 deep); the
# reproducer is in test_known_crashes.py. Not strict, as for verify below.
test_sync_import = pytest.mark.xfail(strict=False, reason="a manifest nested 200,000 deep "
                                     "crashes sync import; see test_known_crashes.py")(
    holds(SYNC_TARGET, shrink=False))
# verify: its crashes found here are regression tests in test_known_crashes.py (fixed: any
# failure past reading the file is a NOT VERIFIED verdict, never an exception).
test_verify = holds(VERIFY_TARGET, shrink=False)


def test_the_genuine_inputs_are_accepted():
    """The properties mean something only if the unmutated inputs get through."""
    from tests.fuzz import strategies as s

    assert s.CSV_TARGET.attempt(("2024-2025/england_ks4final.csv",
                                 (s.FIXTURES / "2024-2025/england_ks4final.csv").read_bytes())
                                ) == "accepted"
    assert s.PROGRAMME_TARGET.attempt(s.bundled_programme()) == "accepted"
    assert s.SYNC_TARGET.attempt(("central", (s.sync_templates() / "from-ann.zip").read_bytes())
                                 ) == "accepted"
    assert s.VERIFY_TARGET.attempt(s.signed_pdf()) == "accepted"
