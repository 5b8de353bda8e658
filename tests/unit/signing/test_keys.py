"""The adviser's key and the authority's certificate authority: made, used, refused."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

from linkadviser.signing import authority, centre, state
from linkadviser.signing.adviser import create_key, status, unlock
from linkadviser.signing.errors import SigningError
from linkadviser.signing.keys import new_key
from linkadviser.store.db import open_store
from linkadviser.store.models import Meta
from tests.unit.signing.enrol import CENTRE_PASSPHRASE, PASSPHRASE, enrol, send_back


def _meta(store) -> dict[str, str]:
    with store.session() as session:
        return {row.key: row.value for row in session.query(Meta)}


def test_the_key_is_encrypted_and_private(store):
    create_key(store, PASSPHRASE)
    path = state.key_path(store)
    assert b'"kdf": "scrypt"' in path.read_bytes()
    assert path.stat().st_mode & 0o077 == 0
    assert PASSPHRASE.encode() not in path.read_bytes()
    assert status(store).has_key and status(store).request_waiting


def test_a_wrong_passphrase_is_one_line_and_unlocks_nothing(store):
    create_key(store, PASSPHRASE)
    with pytest.raises(SigningError, match="passphrase for your signing key is not right") as e:
        unlock(store, "not the passphrase")
    assert "\n" not in str(e.value) and PASSPHRASE not in str(e.value)


def test_a_short_passphrase_or_a_second_key_changes_nothing(store):
    with pytest.raises(SigningError, match="at least 8"):
        create_key(store, "short")
    assert not state.key_path(store).exists() and state.MY_REQUEST not in _meta(store)
    create_key(store, PASSPHRASE)
    before = state.key_path(store).read_bytes(), _meta(store)
    with pytest.raises(SigningError, match="already has a signing key"):
        create_key(store, PASSPHRASE)
    assert (state.key_path(store).read_bytes(), _meta(store)) == before


def test_enrolment_brings_the_certificate_and_the_root(store, central):
    enrol(central, store)
    mine = status(store)
    assert mine.certificate is not None and mine.root is not None
    assert authority.subject_name(mine.certificate) == "Siân Llŷr"
    assert authority.subject_id(mine.certificate) == "adviser-1"
    assert mine.certificate.issuer == mine.root.subject
    assert not mine.request_waiting
    assert unlock(store, PASSPHRASE).certificate == mine.certificate


def test_the_centre_keeps_one_ca_and_needs_its_passphrase(store, central):
    with pytest.raises(SigningError, match="already has its certificate authority"):
        centre.init_ca(central, "Another Council", CENTRE_PASSPHRASE)
    enrol(central, store)
    before = _meta(central)
    with pytest.raises(SigningError, match="not right"):
        centre.revoke_adviser(central, "adviser-1", "wrong passphrase")
    assert _meta(central) == before


def test_a_revocation_goes_on_the_list_the_centre_sends(store, central):
    enrol(central, store)
    serial = centre.revoke_adviser(central, "adviser-1", CENTRE_PASSPHRASE, "lost")
    send_back(central, store, "adviser-1")
    with store.session() as session:
        crl = authority.read_crl(state.get(session, state.CRL).encode())
    assert [f"{r.serial_number:X}" for r in crl] == [serial]
    with pytest.raises(SigningError, match="no current certificate"):
        centre.revoke_adviser(central, "adviser-1", CENTRE_PASSPHRASE)


def test_an_authority_brings_its_own_ca_as_pkcs12(tmp_path):
    from datetime import UTC, datetime

    key = new_key()
    ca = authority.make_root("Own PKI Council", key, datetime.now(UTC))
    p12 = pkcs12.serialize_key_and_certificates(b"ca", key, ca, None,
                                                BestAvailableEncryption(b"p12-password"))
    store = open_store(tmp_path / "central.sqlite3")
    try:
        with pytest.raises(SigningError, match="password is not right"):
            centre.import_pkcs12(store, p12, "wrong", CENTRE_PASSPHRASE)
        assert centre.import_pkcs12(store, p12, "p12-password", CENTRE_PASSPHRASE) == ca
        with store.session() as session:
            assert centre.unlock(session, CENTRE_PASSPHRASE).certificate == ca
    finally:
        store.close()


def test_a_pkcs12_without_a_ca_is_refused(tmp_path):
    from datetime import UTC, datetime

    root_key, leaf_key = new_key(), new_key()
    root = authority.make_root("Council", root_key, datetime.now(UTC))
    leaf = authority.issue(root, root_key, leaf_key.public_key(),
                           authority.Adviser("x", "Someone"), datetime.now(UTC))
    p12 = pkcs12.serialize_key_and_certificates(b"x", leaf_key, leaf, [root],
                                                BestAvailableEncryption(b"pw"))
    store = open_store(tmp_path / "central.sqlite3")
    try:
        with pytest.raises(SigningError, match="not a certificate authority"):
            centre.import_pkcs12(store, p12, "pw", CENTRE_PASSPHRASE)
        assert state.CA_KEY not in _meta(store)
    finally:
        store.close()


def test_a_long_authority_or_adviser_name_still_makes_a_certificate():
    """X.520 bounds a name at 64 characters; a real council's name with our suffix is more."""
    from datetime import UTC, datetime

    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    from linkadviser.signing.authority import make_root

    council = "Royal Borough of Windsor and Maidenhead Council"
    root = make_root(council, ec.generate_private_key(ec.SECP256R1()), datetime.now(UTC))
    name = root.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    assert len(name.encode()) <= 64 and name.startswith(council) and name.endswith("...")
    welsh = make_root("Cyngor Sir Ynys Môn " * 4, ec.generate_private_key(ec.SECP256R1()),
                      datetime.now(UTC))
    assert welsh.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value.endswith(
        "...")
    assert root.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == council
