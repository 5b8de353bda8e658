"""``linkadviser render`` and ``linkadviser verify``: documents from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from linkadviser.paths import database_path

KINDS = ["record_of_visit", "annual_report", "governor_feedback_form", "preparation_sheet"]
EXIT_MISMATCH = 1


def cmd_render(args: argparse.Namespace) -> int:
    from linkadviser.commands.basics import existing_services
    from linkadviser.documents import DocumentService

    services = existing_services()
    try:
        documents = DocumentService.of(services)
        signed = documents.gather(args.visit_id, args.kind, args.version).signed
        signer = None if args.fingerprint_only or not signed else _signer(services.store, args)
        pdf = documents.render(args.visit_id, args.kind, args.version, signer)
    finally:
        services.close()
    _write(Path(args.output), pdf)
    print(f"Wrote {args.output} ({len(pdf) // 1024} KB)")
    return 0


def _signer(store: object, args: argparse.Namespace) -> object:
    """This laptop's key, unlocked, when it has the authority's certificate; else None."""
    from linkadviser.commands.signing import ADVISER_ENV, passphrase
    from linkadviser.signing.adviser import status, unlock

    if status(store).certificate is None:
        return None
    return unlock(store, passphrase(args, ADVISER_ENV, "your signing key (or give "
                                    "--fingerprint-only)"))


def _write(path: Path, pdf: bytes) -> None:
    from linkadviser.documents import DocumentError

    try:
        path.write_bytes(pdf)
    except OSError as exc:
        raise DocumentError(f"Cannot write {path}: {exc.strerror}. Choose another place "
                            "with -o.") from exc


def cmd_verify(args: argparse.Namespace) -> int:
    from linkadviser.documents import DocumentError, verify_pdf
    from linkadviser.programme import bundled_programme, default_programme
    from linkadviser.services import open_services

    path = Path(args.file)
    try:
        pdf = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"Cannot read {path}: {exc.strerror}.") from exc
    from linkadviser.signing.trusted import trust_from_files, trust_of

    given = trust_from_files(args.trust, args.crl) if args.trust else None
    if args.no_store or not database_path().exists():
        verdict = verify_pdf(pdf, default_programme(), programmes=bundled_programme, trust=given)
    else:
        services = open_services()
        try:
            verdict = verify_pdf(pdf, services.programme, services.store,
                                 services.programmes.get, trust=given or trust_of(services.store))
        finally:
            services.close()
    print("\n".join(verdict.lines))
    print("VERIFIED: the document is as signed." if verdict.ok
          else "NOT VERIFIED: do not rely on this document.")
    return 0 if verdict.ok else EXIT_MISMATCH


def register(subparsers: argparse._SubParsersAction) -> None:
    render = subparsers.add_parser(
        "render", help="write a visit's document as PDF",
        description="Write a visit's document as PDF: the signed version if it is signed, "
        "otherwise a draft marked DRAFT on every page.")
    render.add_argument("visit_id")
    render.add_argument("-o", "--output", required=True, help="the PDF file to write")
    render.add_argument("--kind", choices=KINDS,
                        help="which of the visit's documents (default: its main one)")
    render.add_argument("--version", type=int,
                        help="a signed version (default: the latest; earlier ones stay "
                        "available after an amendment)")
    render.add_argument("--fingerprint-only", action="store_true",
                        help="do not sign digitally, even when this laptop has a certificate")
    render.add_argument("--passphrase-file", type=Path, metavar="FILE",
                        help="your signing key's passphrase, from this file's first line")
    render.set_defaults(handler=cmd_render)
    verify = subparsers.add_parser(
        "verify", help="check that a signed PDF has not been altered",
        description="Check a signed PDF against the record it embeds, its digital signature "
        "against the authority's root, and, when the visit is in this store, against the signed "
        "version in the store. Exits 1 when it does not match.")
    verify.add_argument("file")
    verify.add_argument("--no-store", action="store_true",
                        help="check the PDF against itself only")
    verify.add_argument("--trust", type=Path, metavar="ROOT.pem",
                        help="the authority's root certificate to check the digital signature "
                        "against (default: the one this store holds)")
    verify.add_argument("--crl", type=Path, metavar="CRL.pem",
                        help="the authority's revocation list (with --trust)")
    verify.set_defaults(handler=cmd_verify)
