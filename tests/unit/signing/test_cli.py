"""Enrolment and signing from the command line, as a centre and an adviser would type it."""

from __future__ import annotations

from linkadviser.cli import main
from linkadviser.programme import default_programme
from linkadviser.services import Services
from linkadviser.store.db import open_store
from tests.unit.documents import builders
from tests.unit.signing.enrol import CENTRE_PASSPHRASE, PASSPHRASE
from tests.unit.sync.sync_helpers import new_central


def _secret(path, text: str) -> str:
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def _centre_with_authority(tmp_path, wrong: str) -> tuple[str, str, str, str]:
    """A central store whose certificate authority is made (``central ca init``), and the
    passphrase files typed at it: the store's path, the centre's, the adviser's and a wrong one."""
    central, _ids = new_central(tmp_path / "central.sqlite3")
    central.close()
    db = str(tmp_path / "central.sqlite3")
    cpass = _secret(tmp_path / "centre.txt", CENTRE_PASSPHRASE)
    apass = _secret(tmp_path / "adviser.txt", PASSPHRASE)
    assert main(["central", "ca", "init", "--db", db, "--authority", "Testshire County "
                 "Council", "--passphrase-file", cpass]) == 0
    return db, cpass, apass, _secret(tmp_path / "wrong.txt", wrong)


def test_enrol_sign_and_verify_from_the_command_line(tmp_path, home, capsys):
    db, cpass, apass, wrong = _centre_with_authority(tmp_path, "not my passphrase")
    assert "Certificate authority ready" in capsys.readouterr().out
    assert main(["sync", "export-central", "--db", db, "--adviser", "ann@example.org",
                 str(tmp_path / "1.zip")]) == 2
    assert "passphrase for the authority's certificate authority is needed" in \
        capsys.readouterr().err
    assert main(["sync", "export-central", "--db", db, "--adviser", "ann@example.org",
                 "--passphrase-file", cpass, str(tmp_path / "1.zip")]) == 0
    assert main(["sync", "import", str(tmp_path / "1.zip")]) == 0
    assert "root certificate is now trusted" in capsys.readouterr().out

    assert main(["keys", "create", "--passphrase-file", apass]) == 0
    assert main(["sync", "export", str(tmp_path / "2.zip")]) == 0
    assert main(["central", "merge", "--db", db, "--passphrase-file", cpass,
                 str(tmp_path / "2.zip")]) == 0
    out = capsys.readouterr().out
    assert "Unsigned" in out and "Certificate request" in out
    assert "issued to Ann Adviser" in out
    assert main(["sync", "export-central", "--db", db, "--adviser", "ann@example.org",
                 "--passphrase-file", cpass, str(tmp_path / "3.zip")]) == 0
    assert main(["sync", "import", str(tmp_path / "3.zip")]) == 0
    assert main(["keys", "show"]) == 0
    assert "Certificate" in capsys.readouterr().out
    assert main(["sync", "export", str(tmp_path / "4.zip")]) == 2
    assert "passphrase" in capsys.readouterr().err
    assert main(["sync", "export", "--passphrase-file", apass, str(tmp_path / "4.zip")]) == 0
    assert main(["sync", "import", "--db", db, str(tmp_path / "4.zip")]) == 0
    assert "Signed by Ann Adviser" in capsys.readouterr().out

    store = open_store(home / "linkadviser.sqlite3")
    visit_id = builders.signed_visit(Services(store, default_programme(),
                                              today=lambda: builders.TODAY), 1)
    store.close()
    record = tmp_path / "record.pdf"
    assert main(["render", visit_id, "-o", str(record), "--passphrase-file", wrong]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not right" in err and "not my passphrase" not in err
    assert not record.exists()
    assert main(["render", visit_id, "-o", str(record), "--passphrase-file", apass]) == 0
    assert main(["verify", str(record)]) == 0
    out = capsys.readouterr().out
    assert "Digitally signed by Ann Adviser" in out and "VERIFIED" in out
    assert main(["keys", "root", "-o", str(tmp_path / "root.pem")]) == 0
    assert main(["verify", "--no-store", "--trust", str(tmp_path / "root.pem"),
                 str(record)]) == 0
    assert main(["verify", "--no-store", str(record)]) == 1
    assert "no authority root" in capsys.readouterr().out

    assert main(["central", "ca", "revoke", "--db", db, "ann@example.org", "--reason", "lost",
                 "--passphrase-file", cpass]) == 0
    assert main(["render", visit_id, "-o", str(record), "--fingerprint-only"]) == 0
    assert main(["verify", str(record)]) == 0
    assert PASSPHRASE not in capsys.readouterr().out


def test_retiring_an_adviser_withdraws_their_certificate_in_the_same_step(tmp_path, home,
                                                                           capsys):
    db, cpass, apass, wrong = _centre_with_authority(tmp_path, "not the CA passphrase")
    assert main(["sync", "export-central", "--db", db, "--adviser", "ann@example.org",
                 "--passphrase-file", cpass, str(tmp_path / "1.zip")]) == 0
    assert main(["sync", "import", str(tmp_path / "1.zip")]) == 0
    assert main(["keys", "create", "--passphrase-file", apass]) == 0
    assert main(["sync", "export", str(tmp_path / "2.zip")]) == 0
    assert main(["central", "merge", "--db", db, "--passphrase-file", cpass,
                 str(tmp_path / "2.zip")]) == 0
    assert "issued to Ann Adviser" in capsys.readouterr().out

    # A wrong passphrase retires nobody: the certificate could not be withdrawn with it.
    assert main(["central", "advisers", "retire", "--db", db, "ann@example.org",
                 "--passphrase-file", wrong]) == 2
    assert "not the CA passphrase" not in capsys.readouterr().err
    assert main(["central", "advisers", "list", "--db", db, "--json"]) == 0
    assert '"retired_on": null' in capsys.readouterr().out.replace("None", "null")

    assert main(["central", "advisers", "retire", "--db", db, "ann@example.org",
                 "--passphrase-file", cpass]) == 0
    out = capsys.readouterr().out
    assert "Retired Ann Adviser" in out and "signing certificate" in out and "withdrawn" in out
    # Nothing left to withdraw: revoking again says so.
    assert main(["central", "ca", "revoke", "--db", db, "ann@example.org", "--reason",
                 "retired", "--passphrase-file", cpass]) == 2
    assert "no current certificate" in capsys.readouterr().err
