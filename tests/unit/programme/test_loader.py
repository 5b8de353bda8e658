"""The programme file: the bundled one is complete and faithful; broken ones say where."""

from __future__ import annotations

from dataclasses import asdict

import pytest
import yaml

from linkadviser.errors import ProgrammeError
from linkadviser.paths import programme_path
from linkadviser.programme.loader import load_programme, parse_programme


def bundled_text() -> str:
    return programme_path().read_text(encoding="utf-8")


def test_bundled_programme_has_the_four_visits_of_seed_004(programme):
    assert [(v.number, v.term) for v in programme.visits] == [
        (1, "autumn"), (2, "spring"), (3, "summer"), (4, "autumn")]
    assert programme.costs.full_service.la_maintained == 2650
    assert programme.costs.full_service.non_maintained == 2820
    assert len(programme.chargeable_services) == 5
    assert programme.visit(1).documents == ["record_of_visit"]
    assert programme.visit(3).documents == ["record_of_visit", "annual_report"]
    assert programme.visit(4).documents == ["governor_feedback_form"]
    assert programme.visit(4).confidential
    assert not programme.sync.share_confidential_content
    assert programme.document("governor_feedback_form").confidential


def test_bundled_programme_carries_the_seed_wording(programme):
    v1 = programme.visit(1)
    assert any("Analyse School Performance" in a.text for a in v1.agenda)
    assert not any("RAISEonline" in a.text for a in v1.agenda)
    assert [r.text for r in v1.role_of_school][0].startswith("To have analysed their performance")
    assert "Accurate and up-to-date data set supplied to Link Adviser" in [
        q.text for q in v1.qa_functions]
    assert {link.visit for link in v1.links} == {2, 4}
    v2 = programme.visit(2)
    assert v2.documents_requested[0].days_before == 14
    assert "Provide a copy of the school SEF two weeks prior to visit" in [
        r.text for r in v2.role_of_school]
    assert "All Link Advisers must be appropriately trained" in [
        q.text for q in programme.visit(4).qa_functions]


def test_every_value_round_trips_through_yaml(programme):
    """Dump the loaded programme back to YAML and load it: nothing is lost or changed."""
    dumped = yaml.safe_dump(asdict(programme), sort_keys=False, allow_unicode=True)
    assert parse_programme(dumped, "roundtrip.yaml") == programme


def _broken(old: str, new: str) -> str:
    text = bundled_text()
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    la_maintained: 2650", "    la_maintained: lots",
     "costs.full_service.la_maintained: expected a number, got 'lots'"),
    ("format: 1\n", "format: 1\ncolour: blue\n", "colour: unknown key 'colour'"),
    ("    term: spring\n", "    term: winter\n", "visits[1].term: 'winter' is not one of"),
    ("  - number: 1\n    key: data-analysis-target-setting\n",
     "  - number: 1\n    key: data-analysis-target-setting\n    number: 5\n",
     "visits[0].number: this key is given twice"),
    ("conforms to quality criteria\n        rule: sections_complete",
     "conforms to quality criteria\n        rule: magic",
     "unknown rule 'magic'"),
    ("      - visit: 2\n        text: Directly informs",
     "      - visit: 7\n        text: Directly informs", "visit 7 is not in the programme"),
    ("format: 1", "format: 9", "format: programme format 9 is not one this version reads"),
    ("    title: Data Analysis and Target Setting\n", "", "visits[0]: missing key 'title'"),
])
def test_broken_programme_names_the_problem(old, new, expected):
    with pytest.raises(ProgrammeError) as caught:
        parse_programme(_broken(old, new), "broken.yaml")
    message = str(caught.value)
    assert message.startswith("broken.yaml")
    assert expected in message


def test_error_names_the_line():
    text = _broken("    la_maintained: 2650", "    la_maintained: lots")
    line = text.splitlines().index("    la_maintained: lots") + 1
    with pytest.raises(ProgrammeError, match=rf"^broken.yaml:{line}: "):
        parse_programme(text, "broken.yaml")


def test_invalid_yaml_and_missing_file(tmp_path):
    with pytest.raises(ProgrammeError, match="not valid YAML"):
        parse_programme("visits: [1, 2\n", "bad.yaml")
    with pytest.raises(ProgrammeError, match="no such programme file"):
        load_programme(tmp_path / "nowhere.yaml")
    with pytest.raises(ProgrammeError, match="the file is empty"):
        parse_programme("", "empty.yaml")
