"""The key unlocked for the app session: held in memory, dropped when the key is replaced,
given its certificate when that arrives later; the OS keyring only when one is there."""

from __future__ import annotations

import keyring

from linkadviser.signing import remembered
from linkadviser.signing.adviser import create_key
from linkadviser.signing.keys import fingerprint
from linkadviser.signing.session import key_session
from linkadviser.sync import marks
from tests.unit.signing.enrol import PASSPHRASE, add_adviser, enrol, send_back, send_request
from tests.unit.signing.keyrings import LockedKeyring


def test_the_key_is_held_until_it_is_replaced(services, central):
    enrol(central, services.store)
    keys = key_session(services.store)
    assert keys.unlocked() is None and keys.signs_digitally()
    held = keys.unlock(PASSPHRASE)
    assert key_session(services.store) is keys and keys.unlocked() is held
    assert held.certificate is not None
    create_key(services.store, "a new passphrase", replace=True)  # a new key on this laptop
    assert keys.unlocked() is None and not keys.signs_digitally()


def test_a_certificate_arriving_later_joins_the_held_key(services, central):
    for store in (central, services.store):
        add_adviser(store, "adviser-1", "Siân Llŷr")
    with services.store.transaction() as session:
        marks.set_store_adviser_id(session, "adviser-1")
    create_key(services.store, PASSPHRASE)
    keys = key_session(services.store)
    held = keys.unlock(PASSPHRASE)
    assert held.certificate is None  # requested, not yet issued
    send_request(services.store, central, "adviser-1")
    send_back(central, services.store, "adviser-1")
    now = keys.unlocked()
    assert now is not None and now.certificate is not None
    assert fingerprint(now.certificate.public_key()) == fingerprint(held.key.public_key())


def test_without_an_os_keyring_nothing_is_offered_or_kept(services, central):
    enrol(central, services.store)
    assert remembered.where() == ""
    keys = key_session(services.store)
    keys.unlock(PASSPHRASE, remember=True)
    assert keys.unlock_remembered() is None


def test_a_remembered_passphrase_unlocks_without_asking(services, central, os_keyring):
    enrol(central, services.store)
    keys = key_session(services.store)
    assert remembered.where()
    keys.unlock(PASSPHRASE)  # not asked to remember: nothing kept
    assert os_keyring.kept == {}
    held = keys.unlock(PASSPHRASE, remember=True)
    assert os_keyring.kept == {(remembered.SERVICE, fingerprint(held.key.public_key())):
                               PASSPHRASE}
    keys.forget()
    assert keys.unlock_remembered() is not None and keys.unlocked() is not None


def test_a_keyring_that_refuses_is_no_keyring(services, central):
    enrol(central, services.store)
    keyring.set_keyring(LockedKeyring())
    keys = key_session(services.store)
    assert keys.unlock(PASSPHRASE, remember=True).certificate is not None
    keys.forget()
    assert keys.unlock_remembered() is None
