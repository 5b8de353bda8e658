"""A signed version altered after signing is refused on import, at a store that never had
it (one that had it keeps its own copy and records the difference as a conflict)."""

from __future__ import annotations

import json

import pytest

from linkadviser.store.models import SignedVersion
from linkadviser.sync.errors import SyncError
from linkadviser.sync.export import export_adviser, export_central
from linkadviser.sync.importer import import_file
from linkadviser.sync.incoming import Incoming
from linkadviser.sync.signed import check_signed_versions
from linkadviser.visit.content import canonical_json, fingerprint_of
from tests.unit.sync.sync_helpers import add_visit, dump, each, forge

MEMBER = "records/signed_versions.jsonl"


@pytest.fixture
def ann_file(central, adviser_store, tmp_path):
    store, ids = central
    export_central(store, tmp_path / "to-ann.zip", "ann@example.org")
    import_file(adviser_store, tmp_path / "to-ann.zip")
    add_visit(adviser_store, ids["s2"], 2, "the judgement agreed", state="signed")
    path = tmp_path / "from-ann.zip"
    export_adviser(adviser_store, path)
    return path


def _falsify(record: dict) -> None:
    """The signed text changed, the fingerprint left as it was signed."""
    record["content_json"] = record["content_json"].replace("agreed", "NOT agreed")


def test_a_signed_version_altered_after_signing_is_refused(central, ann_file, tmp_path):
    store, _ = central
    crafted = forge(ann_file, tmp_path / "crafted.zip", {MEMBER: each(_falsify)})
    before = dump(store)
    with pytest.raises(SyncError) as refused:
        import_file(store, crafted)
    assert dump(store) == before
    assert MEMBER in str(refused.value) and "does not match its fingerprint" in str(refused.value)
    with store.session() as s:
        assert s.query(SignedVersion).count() == 0  # render has nothing falsified to print
    assert import_file(store, ann_file).changes["signed_versions"]["added"] == 1


def test_a_fingerprint_made_up_to_match_other_text_is_refused_too(central, ann_file,
                                                                  tmp_path):
    def swap_fingerprint(record: dict) -> None:
        record["fingerprint"] = fingerprint_of({"n": "something else"})

    crafted = forge(ann_file, tmp_path / "crafted.zip", {MEMBER: each(swap_fingerprint)})
    with pytest.raises(SyncError, match="does not match its fingerprint"):
        import_file(central[0], crafted)


@pytest.mark.parametrize("content", [
    canonical_json({"n": "x"}),  # as the app writes it
    json.dumps({"n": "x"}, indent=2),  # the same content laid out otherwise
])
def test_content_is_fingerprinted_the_apps_way(content):
    incoming = _incoming([{"content_json": content, "fingerprint": fingerprint_of({"n": "x"}),
                           "version": 1, "visit_id": "v", "id": "i"}])
    check_signed_versions(incoming)


@pytest.mark.parametrize("content", ["[" * 100_000 + "]" * 100_000, "not json", "\ud800"])
def test_content_that_cannot_be_read_does_not_match(content):
    incoming = _incoming([{"content_json": content, "fingerprint": "0" * 64,
                           "version": 1, "visit_id": "v", "id": "i"}])
    with pytest.raises(SyncError, match="does not match its fingerprint"):
        check_signed_versions(incoming)


def _incoming(rows: list[dict]) -> Incoming:
    return Incoming(archive=None, records={"signed_versions": rows})  # type: ignore[arg-type]
