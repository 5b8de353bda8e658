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
        pdf = DocumentService.of(services).render(args.visit_id, args.kind, args.version)
    finally:
        services.close()
    _write(Path(args.output), pdf)
    print(f"Wrote {args.output} ({len(pdf) // 1024} KB)")
    return 0


def _write(path: Path, pdf: bytes) -> None:
    from linkadviser.documents import DocumentError

    try:
        path.write_bytes(pdf)
    except OSError as exc:
        raise DocumentError(f"Cannot write {path}: {exc.strerror}. Choose another place "
                            "with -o.") from exc


def cmd_verify(args: argparse.Namespace) -> int:
    from linkadviser.documents import DocumentError, verify_pdf
    from linkadviser.programme import default_programme
    from linkadviser.services import open_services

    path = Path(args.file)
    try:
        pdf = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"Cannot read {path}: {exc.strerror}.") from exc
    if args.no_store or not database_path().exists():
        verdict = verify_pdf(pdf, default_programme())
    else:
        services = open_services()
        try:
            verdict = verify_pdf(pdf, services.programme, services.store,
                                 services.programmes.get)
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
    render.set_defaults(handler=cmd_render)
    verify = subparsers.add_parser(
        "verify", help="check that a signed PDF has not been altered",
        description="Check a signed PDF against the record it embeds and, when the visit is in "
        "this store, against the signed version in the store. Exits 1 when it does not match.")
    verify.add_argument("file")
    verify.add_argument("--no-store", action="store_true",
                        help="check the PDF against itself only")
    verify.set_defaults(handler=cmd_verify)
