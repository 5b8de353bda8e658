"""Signed sync files: two advisers and the centre enrol through their files, then exchange
signed ones; every file that is not from whom it says is refused and changes nothing."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from linkadviser.documents import DocumentService
from linkadviser.services import Services
from linkadviser.signing import centre
from linkadviser.signing.adviser import create_key, status, unlock
from linkadviser.signing.sync_files import adviser_signer, centre_signer
from linkadviser.store.models_sync import SyncImport
from linkadviser.sync.errors import SyncError
from linkadviser.sync.export import export_adviser, export_central
from linkadviser.sync.importer import import_file
from tests.unit.documents import builders
from tests.unit.signing.enrol import AUTHORITY, CENTRE_PASSPHRASE, PASSPHRASE
from tests.unit.sync.sync_helpers import dump, new_central, new_store


class County:
    """The centre and two advisers' laptops, exchanging files in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.central, self.ids = new_central(folder / "central.sqlite3")
        self.laptops = {}
        for who in ("ann", "ben"):
            (folder / who).mkdir()
            self.laptops[who] = new_store(folder / who / "store.sqlite3")
        self.files = 0

    def path(self, name: str) -> Path:
        self.files += 1
        return self.folder / f"{self.files:02d}-{name}.zip"

    def centre_file(self, who: str) -> Path:
        path = self.path(f"for-{who}")
        with self.central.session() as session:
            signer = centre_signer(session, CENTRE_PASSPHRASE)
        export_central(self.central, path, self.ids[who], signer=signer)
        return path

    def adviser_file(self, who: str, signed: bool = True) -> Path:
        path = self.path(f"from-{who}")
        store = self.laptops[who]
        signer = adviser_signer(unlock(store, PASSPHRASE)) if signed else None
        export_adviser(store, path, signer=signer)
        return path

    def enrol(self, who: str) -> list[str]:
        """The centre's first file, the key, the request, the certificate: the import
        reports' lines on the way."""
        seen = import_file(self.laptops[who], self.centre_file(who)).lines()
        create_key(self.laptops[who], PASSPHRASE)
        seen += import_file(self.central, self.adviser_file(who)).lines()
        seen += import_file(self.laptops[who], self.centre_file(who)).lines()
        return seen

    def close(self) -> None:
        for store in (self.central, *self.laptops.values()):
            store.close()


@pytest.fixture
def county(tmp_path):
    made = County(tmp_path)
    centre.init_ca(made.central, AUTHORITY, CENTRE_PASSPHRASE)
    yield made
    made.close()


@pytest.fixture
def enrolled(county):
    county.enrol("ann")
    county.enrol("ben")
    return county


def _rewritten(path: Path, change) -> Path:
    """The same zip with manifest.json changed by ``change`` (its signature kept)."""
    members = _members(path)
    members["manifest.json"] = change(members["manifest.json"])
    return _written(path.with_name("altered-" + path.name), members)


def test_enrolment_travels_in_the_files(county):
    lines = "\n".join(county.enrol("ann"))
    assert "Signed by" in lines and "root certificate is now trusted" in lines
    assert "Unsigned: the sender is not enrolled" in lines  # Ann's first file, at the centre
    assert "Certificate request from the adviser" in lines
    assert "Your signing certificate" in lines
    assert status(county.laptops["ann"]).certificate is not None
    with county.central.session() as session:
        merges = [json.loads(row.summary_json)["signed_by"] for row in session.query(SyncImport)]
    assert merges == ["unsigned"]


def test_signed_files_both_ways_and_a_record_any_reader_checks(enrolled, tmp_path):
    ann = enrolled.laptops["ann"]
    at_centre = import_file(enrolled.central, enrolled.adviser_file("ann")).lines()
    assert any("Signed by Ann Adviser (certificate" in line for line in at_centre)
    back = import_file(ann, enrolled.centre_file("ann")).lines()
    assert any("Signed by" in line and "signing authority" in line for line in back)
    assert any("Signed by Ben Adviser" in line for line in
               import_file(enrolled.central, enrolled.adviser_file("ben")).lines())

    services = Services(ann, builders_programme(), today=lambda: builders.TODAY)
    visit_id = builders.signed_visit(services, 1)
    pdf = DocumentService.of(services).render(visit_id, signer=unlock(ann, PASSPHRASE))
    with enrolled.central.session() as session:
        root = centre.unlock(session, CENTRE_PASSPHRASE).certificate
    anchor = asn1_x509.Certificate.load(root.public_bytes(serialization.Encoding.DER))
    embedded = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    checked = validate_pdf_signature(embedded[0], ValidationContext(trust_roots=[anchor]))
    assert checked.bottom_line and checked.trusted


def builders_programme():
    from linkadviser.programme import default_programme

    return default_programme()


def _refused(store, path, words: str) -> None:
    before = dump(store)
    with pytest.raises(SyncError, match=words) as caught:
        import_file(store, path)
    assert "\n" not in str(caught.value)
    assert dump(store) == before


def test_an_enrolled_advisers_unsigned_file_is_refused(enrolled):
    with pytest.raises(SyncError, match="give your signing key's passphrase"):
        export_adviser(enrolled.laptops["ann"], enrolled.path("nope"))
    # made by hand, without the app's check: the centre refuses it too
    with enrolled.laptops["ann"].transaction() as session:
        from linkadviser.signing import state

        kept = state.get(session, state.MY_CERTIFICATE)
        state.drop(session, state.MY_CERTIFICATE)
    unsigned = enrolled.adviser_file("ann", signed=False)
    with enrolled.laptops["ann"].transaction() as session:
        state.put(session, state.MY_CERTIFICATE, kept)
    _refused(enrolled.central, unsigned, "not signed")


def test_a_manifest_changed_after_signing_is_refused(enrolled):
    signed = enrolled.adviser_file("ann")

    def new_date(raw: bytes) -> bytes:
        data = json.loads(raw)
        data["created_at"] = "2020-01-01T00:00:00+00:00"
        return json.dumps(data).encode()

    _refused(enrolled.central, _rewritten(signed, new_date), "changed after it was signed")


def test_a_file_claiming_another_sender_is_refused(enrolled):
    """Ben signs a file whose manifest says it is Ann's."""
    ann_id = enrolled.ids["ann"]
    ben = enrolled.laptops["ben"]
    from linkadviser.signing.sync_files import ManifestSigner
    from linkadviser.sync import marks

    with ben.transaction() as session:
        marks.set_store_adviser_id(session, ann_id)
    ben_key = unlock(ben, PASSPHRASE)
    path = enrolled.path("forged")
    export_adviser(ben, path, signer=ManifestSigner(ben_key.key, ben_key.certificate))
    _refused(enrolled.central, path, "not adviser .*current certificate")


def test_a_file_signed_by_a_revoked_key_is_refused(enrolled):
    signed = enrolled.adviser_file("ann")
    centre.revoke_adviser(enrolled.central, enrolled.ids["ann"], CENTRE_PASSPHRASE, "lost")
    _refused(enrolled.central, signed, "withdrawn or replaced")


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _written(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_an_enrolled_laptop_refuses_an_unsigned_or_foreign_centre_file(enrolled, tmp_path):
    from datetime import UTC, datetime

    from linkadviser.signing import authority
    from linkadviser.signing.keys import new_key
    from linkadviser.signing.sync_files import ManifestSigner

    ann = enrolled.laptops["ann"]
    with pytest.raises(SyncError, match="give its passphrase"):
        export_central(enrolled.central, tmp_path / "plain.zip", enrolled.ids["ann"])
    genuine = _members(enrolled.centre_file("ann"))
    unsigned = {k: v for k, v in genuine.items() if k != "manifest.sig"}
    _refused(ann, _written(tmp_path / "unsigned.zip", unsigned), "it is not signed")
    key = new_key()
    impostor = authority.make_root(AUTHORITY, key, datetime.now(UTC))
    resigned = {**genuine, "manifest.sig": ManifestSigner(key, impostor).sign(
        genuine["manifest.json"])}
    _refused(ann, _written(tmp_path / "foreign.zip", resigned),
             "not your authority's centre's current certificate")
