"""Tables in documents: a column is never narrower than its longest word."""

from __future__ import annotations

from reportlab.lib.units import mm

from linkadviser.documents.blocks import fit_words
from tests.unit.documents import builders
from tests.unit.documents.pdfs import text

WIDTHS = [w * mm for w in (34, 24, 20, 24, 22, 50)]  # the targets table's
HEADERS = ["Measure", "Pupil group", "Baseline", "Target", "Results of", "Reasoning"]


def test_a_column_too_narrow_for_its_longest_word_takes_width_from_the_roomy_ones():
    rows = [HEADERS, ["Attendance", "Disadvantaged", "91.5%", "94%", "2026/27", "FFT D"]]
    fitted = fit_words(WIDTHS, rows)
    assert fitted[1] > WIDTHS[1]  # "Disadvantaged" in bold needs more than 24 mm of 180
    assert fitted[5] < WIDTHS[5]  # taken from Reasoning, which has room
    assert abs(sum(fitted) - sum(WIDTHS)) < 0.01  # the table keeps its width
    assert fit_words(WIDTHS, [HEADERS, ["A", "FSM", "1", "2", "3", "x"]]) == WIDTHS


def test_the_targets_table_does_not_break_disadvantaged(services, documents):
    visit_id = builders.visit(services, 1)
    services.visits.add(visit_id, "target", measure="Attendance", pupil_group="Disadvantaged",
                        baseline=91.5, target=94.0, agreed=True)
    pdf = documents.render(visit_id, "record_of_visit")
    words = text(pdf).split()
    assert "Disadvantaged" in words
    assert not any(w.startswith("Disadvantag") and w != "Disadvantaged" for w in words)
