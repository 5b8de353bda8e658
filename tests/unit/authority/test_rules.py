from datetime import date

import pytest

from linkadviser.authority.rules import (
    AuthorityRulesError,
    load_goal,
    load_rules,
    parse_goal,
    parse_rules,
)

BASE = """format: 1
categories:
  - {key: high, label: High, rank: 2}
  - {key: low, label: Low, rank: 1}
default_category: low
flags:
  - {key: n2gg, label: Intensive}
rules:
  - key: ri
    category: high
    reason: "Judged {grade_label}"
    when: {ofsted_grade_in: [3]}
    flags: [n2gg]
"""


def test_bundled_rules_and_goal_load():
    rules = load_rules()
    assert {f.key for f in rules.flags} == {"intensive-programme", "causing-concern"}
    goal = load_goal()
    assert goal.compare_with == "England" and isinstance(goal.by, date)


def test_unknown_key_is_rejected_naming_file_line_and_key():
    source = BASE.replace("    when: {ofsted_grade_in: [3]}",
                          "    when: {ofsted_grade_in: [3], grade_below: 2}")
    with pytest.raises(AuthorityRulesError, match=r"^r\.yaml:12: rules\[0\]\.when\.grade_below: "
                                                  r"unknown key 'grade_below'"):
        parse_rules(source, "r.yaml")


def test_wrong_type_is_rejected():
    with pytest.raises(AuthorityRulesError, match=r"r\.yaml:3: categories\[0\]\.rank: expected "
                                                  r"a whole number, got 'two'"):
        parse_rules(BASE.replace("rank: 2", "rank: two"), "r.yaml")


@pytest.mark.parametrize("change, problem", [
    (("category: high", "category: hgh"), r"rules\[0\] \(ri\)\.category: 'hgh' is not one of"),
    (("flags: [n2gg]", "flags: [n2g]"), r"'n2g' is not a flag"),
    (('"Judged {grade_label}"', '"Judged {grade}"'), r"\{grade\} is not a fact"),
    (("when: {ofsted_grade_in: [3]}", "when: {}"), r"give at least one condition"),
    (("default_category: low", "default_category: none"), r"default_category: 'none'"),
])
def test_inconsistent_rules_are_rejected_saying_what_to_fix(change, problem):
    with pytest.raises(AuthorityRulesError, match=problem):
        parse_rules(BASE.replace(*change), "r.yaml")


def test_newer_format_is_refused():
    with pytest.raises(AuthorityRulesError, match="risk rules format 2 is not one this version"):
        parse_rules(BASE.replace("format: 1", "format: 2"), "r.yaml")


def test_goal_needs_a_date():
    with pytest.raises(AuthorityRulesError, match=r"g\.yaml:3: by: expected date"):
        parse_goal("format: 1\ndescription: x\nby: soon\ncompare_with: England\n", "g.yaml")


def test_missing_file_says_so(tmp_path):
    with pytest.raises(AuthorityRulesError, match="cannot be read"):
        load_rules(tmp_path / "nope.yaml")
