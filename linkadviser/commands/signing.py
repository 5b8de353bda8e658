"""``linkadviser keys ...`` (the adviser's key on this laptop) and ``linkadviser central ca
...`` (the authority's certificate authority).

A passphrase comes from ``--passphrase-file`` (its first line), then the environment
(``LINKADVISER_PASSPHRASE``, or ``LINKADVISER_CENTRE_PASSPHRASE`` at the centre), then a
prompt when there is a terminal. It is never printed, and never taken as an argument (it
would show in the process list and the shell's history).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from linkadviser.errors import LinkAdviserError

ADVISER_ENV = "LINKADVISER_PASSPHRASE"
CENTRE_ENV = "LINKADVISER_CENTRE_PASSPHRASE"


class PassphraseMissing(LinkAdviserError):
    """No passphrase could be had without a terminal to ask at."""


def passphrase(args: argparse.Namespace, env: str, what: str, confirm: bool = False) -> str:
    given = getattr(args, "passphrase_file", None)
    if given:
        try:
            lines = Path(given).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise PassphraseMissing(f"Cannot read the passphrase file {given} ({exc}).") from exc
        return lines[0] if lines else ""
    if os.environ.get(env):
        return os.environ[env]
    if not sys.stdin.isatty():
        raise PassphraseMissing(f"The passphrase for {what} is needed: give --passphrase-file "
                                f"FILE or set {env}. Nothing was changed.")
    first = getpass.getpass(f"Passphrase for {what}: ")
    if confirm:  # the app's rule too (cryptography loads only when a key is made)
        from linkadviser.signing.keys import check_new_passphrase

        check_new_passphrase(first, getpass.getpass("The same passphrase again: "))
    return first


def optional_passphrase(args: argparse.Namespace, env: str) -> str | None:
    """A passphrase when one was given, else None (never a prompt without a terminal)."""
    try:
        return passphrase(args, env, "your signing key")
    except PassphraseMissing:
        return None


def centre_signer_for(store: object, args: argparse.Namespace) -> object:
    """The centre's signer when its store has a CA (asking for the passphrase), else None."""
    from linkadviser.signing import centre
    from linkadviser.signing.sync_files import centre_signer

    with store.session() as session:  # type: ignore[attr-defined]
        if not centre.has_ca(session):
            return None
        secret = passphrase(args, CENTRE_ENV, "the authority's certificate authority")
        return centre_signer(session, secret)


def adviser_signer_for(store: object, args: argparse.Namespace) -> object:
    """This laptop's signer once it has a certificate (asking for the passphrase), else None."""
    from linkadviser.signing.adviser import status, unlock
    from linkadviser.signing.sync_files import adviser_signer

    if status(store).certificate is None:  # type: ignore[arg-type]
        return None
    return adviser_signer(unlock(store, passphrase(  # type: ignore[arg-type]
        args, ADVISER_ENV, "your signing key")))


def issue_after_merge(store: object, args: argparse.Namespace) -> list[str]:
    """``central merge --passphrase-file``: certify the requests the merged files brought at
    once (otherwise the next signed export does)."""
    from linkadviser.signing import centre

    if not getattr(args, "passphrase_file", None) and not os.environ.get(CENTRE_ENV):
        return []
    secret = passphrase(args, CENTRE_ENV, "the authority's certificate authority")
    with store.transaction() as session:  # type: ignore[attr-defined]
        if not centre.has_ca(session):
            return []
        issued = centre.issue_waiting(session, centre.unlock(session, secret))
    return [f"Certificate {i.serial} issued to {i.adviser} (key {i.key_fingerprint}); the "
            "next file for them carries it." for i in issued]


def _services_store():  # noqa: ANN202 (a Store; imported late to keep the CLI quick)
    from linkadviser.commands.basics import existing_services

    return existing_services()


def cmd_keys_create(args: argparse.Namespace) -> int:
    from linkadviser.signing.adviser import create_key

    services = _services_store()
    try:
        secret = passphrase(args, ADVISER_ENV, "your new signing key", confirm=True)
        key = create_key(services.store, secret, replace=args.replace)
    finally:
        services.close()
    print(f"Signing key made: {key}")
    print("Its certificate request goes to the centre in your next sync file; read this "
          "fingerprint to the centre if they ask.")
    return 0


def cmd_keys_show(args: argparse.Namespace) -> int:
    from linkadviser.signing.adviser import status

    services = _services_store()
    try:
        print("\n".join(status(services.store).lines()))
    finally:
        services.close()
    return 0


def cmd_keys_root(args: argparse.Namespace) -> int:
    from linkadviser.signing import authority
    from linkadviser.signing.adviser import root_of

    services = _services_store()
    try:
        with services.store.session() as session:
            root = root_of(session)
    finally:
        services.close()
    if root is None:
        raise PassphraseMissing("This store has no authority root yet: it comes with the "
                                "centre's first sync file after the centre made its authority.")
    _write(Path(args.output), authority.pem(root))
    print(f"Wrote {args.output}: {authority.subject_name(root)}. Give it to anyone who checks "
          "records (`linkadviser verify --trust`, or a PDF reader's trusted certificates).")
    return 0


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise PassphraseMissing(f"Cannot write {path}: {exc.strerror}.") from exc


def cmd_ca_init(args: argparse.Namespace) -> int:
    from linkadviser.authority.central import open_central
    from linkadviser.signing import authority, centre

    store = open_central(args.db)
    try:
        secret = passphrase(args, CENTRE_ENV, "the authority's certificate authority",
                            confirm=True)
        if args.pkcs12:
            p12_password = passphrase(argparse.Namespace(passphrase_file=args.pkcs12_password),
                                      "LINKADVISER_PKCS12_PASSWORD", "the PKCS#12 file")
            ca = centre.import_pkcs12(store, _read(args.pkcs12), p12_password, secret)
        else:
            if not args.authority:
                raise PassphraseMissing("Name the authority: --authority 'Norfolk County "
                                        "Council'. Nothing was changed.")
            ca = centre.init_ca(store, args.authority, secret)
    finally:
        store.close()
    print(f"Certificate authority ready: {authority.subject_name(ca)} (certificate "
          f"{authority.serial_hex(ca)}), its key protected by your passphrase.")
    return 0


def _read(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise PassphraseMissing(f"Cannot read {path}: {exc.strerror}.") from exc


def cmd_ca_revoke(args: argparse.Namespace) -> int:
    from linkadviser.authority.central import open_central
    from linkadviser.signing import centre
    from linkadviser.sync.export import find_adviser

    store = open_central(args.db)
    try:
        with store.session() as session:
            person = find_adviser(session, args.adviser)
            adviser_id, name = person.id, person.name
        if args.reason == "replaced":
            serial = centre.replace_adviser_key(store, adviser_id)
            print(f"{name}'s certificate {serial} is no longer taken for sync files; it still "
                  "stands behind the documents it signed. The new laptop's request is "
                  "certified at the next merge.")
            return 0
        secret = passphrase(args, CENTRE_ENV, "the authority's certificate authority")
        serial = centre.revoke_adviser(store, adviser_id, secret, args.reason)
    finally:
        store.close()
    print(f"{name}'s certificate {serial} is withdrawn ({args.reason}); the next centre files "
          "carry the revocation list.")
    return 0


def passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--passphrase-file", type=Path, metavar="FILE",
                        help="read the passphrase from this file's first line")


def register(subparsers: argparse._SubParsersAction) -> None:
    keys = subparsers.add_parser("keys", help="this laptop's signing key and certificate")
    commands = keys.add_subparsers(dest="keys_command", metavar="COMMAND")
    keys.set_defaults(handler=cmd_keys_show)
    p = commands.add_parser("create", help="make the signing key (asks for a passphrase)")
    p.add_argument("--replace", action="store_true",
                   help="set the present key aside and make a new one (tell the centre)")
    passphrase_option(p)
    p.set_defaults(handler=cmd_keys_create)
    p = commands.add_parser("show", help="the key, its certificate and the authority")
    p.set_defaults(handler=cmd_keys_show)
    p = commands.add_parser("root", help="write the authority's root certificate (for "
                            "verify --trust and PDF readers)")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(handler=cmd_keys_root)


def register_central(commands: argparse._SubParsersAction,
                     db: argparse.ArgumentParser) -> None:
    """``central ca ...``, added to ``central``'s own subcommands."""
    ca = commands.add_parser("ca", help="the authority's certificate authority")
    sub = ca.add_subparsers(dest="ca_command", metavar="COMMAND")
    ca.set_defaults(handler=lambda _args: ca.print_help() or 2)
    p = sub.add_parser("init", parents=[db], help="make the authority's certificate "
                       "authority (asks for a passphrase), or import one with --pkcs12")
    p.add_argument("--authority", help="the authority's name, as certificates will show it")
    p.add_argument("--pkcs12", type=Path, metavar="FILE.p12",
                   help="use the authority's own CA (its certificate and key) instead")
    p.add_argument("--pkcs12-password", type=Path, metavar="FILE",
                   help="read the PKCS#12 file's password from this file")
    passphrase_option(p)
    p.set_defaults(handler=cmd_ca_init)
    p = sub.add_parser("revoke", parents=[db], help="withdraw an adviser's certificate")
    p.add_argument("adviser", help="email, name or id")
    p.add_argument("--reason", required=True, choices=["retired", "lost", "replaced"],
                   help="retired or lost: on the revocation list; replaced: a new laptop "
                   "whose old key was wiped (earlier documents stay valid)")
    passphrase_option(p)
    p.set_defaults(handler=cmd_ca_revoke)
