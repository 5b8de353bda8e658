"""Hostile programme files (issue 14 items 5 and 9): refused with one line naming the limit or
the value, quickly, by the one reader both `programme check` and `sync import` go through."""

from __future__ import annotations

import time

import pytest

from linkadviser.errors import ProgrammeError
from linkadviser.programme.loader import Limits, build_yaml, load_programme, parse_programme
from linkadviser.programme.model import Programme
from linkadviser.sync.errors import SyncError
from linkadviser.sync.programme_source import check_programme_text
from tests.crafted import bundled_programme_with, programme_alias_bomb


def test_alias_bomb_is_refused_quickly_naming_the_limit():
    text = programme_alias_bomb()
    started = time.monotonic()
    with pytest.raises(ProgrammeError, match=r"expands to more than 100,000 values|aliases are "
                       r"used more than 1,000 times") as refused:
        parse_programme(text, "bomb.yaml")
    assert time.monotonic() - started < 5
    assert str(refused.value).startswith("bomb.yaml:")


def test_alias_bomb_inside_a_sync_file_is_refused_by_the_same_reader():
    with pytest.raises(SyncError, match="programme it carries is not valid .*expands to more"):
        check_programme_text(programme_alias_bomb().encode())


def test_aliases_are_counted_even_when_small():
    small = Limits(max_aliases=2)
    with pytest.raises(ProgrammeError, match="aliases are used more than 2 times"):
        build_yaml(Programme, programme_alias_bomb(4), "few.yaml", limits=small)


@pytest.mark.parametrize(("limits", "expected"), [
    (Limits(max_bytes=1000), r"the file is [\d,]+ bytes, more than the 1,000"),
    (Limits(max_items=5), r"top level: has 18 entries, more than the 5 one list"),
    (Limits(max_depth=2), r"nested more than 2 levels deep"),
])
def test_each_bound_names_itself(limits, expected):
    text = bundled_programme_with("format: 1", "format: 1")
    with pytest.raises(ProgrammeError, match=expected):
        build_yaml(Programme, text, "p.yaml", limits=limits)


def test_the_bundled_programme_is_well_inside_the_bounds(programme):
    text = bundled_programme_with("format: 1", "format: 1")
    assert parse_programme(text, "p.yaml") == programme


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("authority: Norfolk County Council", "authority: !!python/name:os.system ''",
     "authority: the tag 'tag:yaml.org,2002:python/name:os.system' is not allowed"),
    ("authority: Norfolk County Council", "authority: !council Norfolk",
     "authority: the tag '!council' is not allowed"),
    ("la_maintained: 2650", "la_maintained: !!int twenty",
     "costs.full_service.la_maintained: 'twenty' is not a valid int"),
    ("la_maintained: 2650", "la_maintained: !!float lots",
     "costs.full_service.la_maintained: 'lots' is not a valid float"),
    ("authority: Norfolk County Council", "authority: !!timestamp yesterday",
     "authority: 'yesterday' is not a valid timestamp"),
    ("format: 1", "format: {a: 1}", "format: expected a single value, got a mapping"),
])
def test_tags_and_bad_typed_values_are_one_line_errors(old, new, expected):
    with pytest.raises(ProgrammeError, match=expected) as refused:
        parse_programme(bundled_programme_with(old, new), "p.yaml")
    assert "\n" not in str(refused.value)


def test_deep_nesting_is_an_error_not_a_crash():
    deep = "[" * 5000 + "]" * 5000
    with pytest.raises(ProgrammeError, match="p.yaml"):
        parse_programme(bundled_programme_with("key_principles:", f"key_principles: {deep}\nx:"),
                        "p.yaml")


def test_a_control_character_is_one_line():
    """Found by the fuzz suite: the YAML reader's own message ran over two lines."""
    with pytest.raises(ProgrammeError, match="not valid YAML: .*control characters") as refused:
        parse_programme("\x1f", "p.yaml")
    assert "\n" not in str(refused.value)


def test_a_huge_programme_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:
        fh.truncate(3_000_000_000)  # sparse: takes no disk space
    with pytest.raises(ProgrammeError, match=r"3,000,000,000 bytes, more than the 1,000,000"):
        load_programme(path)


def test_alias_bomb_in_a_centre_file_is_refused_by_sync_import(tmp_path):
    """The whole path: a centre's file to Ann carrying the bomb as its programme, checksums
    made to match, imported into a fresh store: refused quickly, the store unchanged."""
    from linkadviser.sync.importer import import_file
    from tests.crafted import store_digest, sync_exchange
    from tests.fuzz.strategies import with_member, zip_members
    from tests.unit.sync.sync_helpers import new_store

    sync_exchange(tmp_path)
    members = zip_members((tmp_path / "to-ann.zip").read_bytes())
    assert "programme.yaml" in members
    forged = with_member(members, "programme.yaml", programme_alias_bomb().encode())
    (tmp_path / "bomb.zip").write_bytes(forged)
    store = new_store(tmp_path / "fresh.sqlite3")
    before = store_digest(tmp_path / "fresh.sqlite3")
    started = time.monotonic()
    try:
        with pytest.raises(SyncError, match="programme it carries is not valid .*expands to more"):
            import_file(store, tmp_path / "bomb.zip")
    finally:
        store.close()
    assert time.monotonic() - started < 10
    assert store_digest(tmp_path / "fresh.sqlite3") == before
