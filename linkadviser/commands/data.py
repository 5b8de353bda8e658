"""Commands for school data: import a downloaded file; prepare a school's visit questions."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from linkadviser.cli import print_json
from linkadviser.commands.basics import existing_services, services_or_none_left
from linkadviser.words import count

if TYPE_CHECKING:
    from linkadviser.data.preparation import Preparation


def cmd_import(args: argparse.Namespace) -> int:
    from linkadviser.data.importer import import_file

    on_existing = "replace" if args.replace else "keep" if args.keep else "ask"
    with services_or_none_left() as services:
        report = import_file(services.store, Path(args.file), args.year, on_existing)
    if args.json:
        print_json(report.as_dict())
    else:
        print("\n".join(report.lines()))
    return 0


def preparation_lines(prepared: Preparation) -> list[str]:
    lines = [f"URN {prepared.urn}: {count(len(prepared.questions), 'question')}, best first"]
    for number, question in enumerate(prepared.questions, 1):
        lines += [f"{number:>2}. {question.text}", f"    Evidence: {question.evidence}",
                  f"    ({question.rule}, rank {question.score:g})"]
    if prepared.targets:
        lines.append("Proposed targets (to edit and agree in visit 1):")
        lines += [f" - {t.measure_title}, {t.group_title[:1].lower()}{t.group_title[1:]}: "
                  f"{t.baseline:g} -> "
                  f"{t.target:g}{'%' if t.unit == '%' else ''}. {t.reasoning}"
                  for t in prepared.targets]
    return lines


def cmd_prepare(args: argparse.Namespace) -> int:
    from linkadviser.data.preparation import prepare_school, save_questions

    services = existing_services()
    try:
        prepared = prepare_school(services.store, args.urn)
        added = None
        if args.save:
            school_id = services.caseload.school_by_urn(args.urn)
            visit_id = services.workflow.ensure_visit(school_id, args.visit)
            added = save_questions(services.store, visit_id, prepared.questions)
    finally:
        services.close()
    if args.json:
        print_json({"urn": prepared.urn,
                    "questions": [q.as_dict() for q in prepared.questions],
                    "targets": [t.as_dict() for t in prepared.targets],
                    "saved": added})
        return 0
    print("\n".join(preparation_lines(prepared)))
    if added is not None:
        print(f"Added {count(added, 'new question')} to visit {args.visit} of this year.")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import", help="import a downloaded data file (DfE performance tables, census, "
        "absence, Ofsted, GIAS, or the authority's own CSV/Excel)")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--year", help="academic year of the results, e.g. 2023/24 (default: "
                        "from the folder or file name, or the file's own year column)")
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--replace", action="store_true",
                        help="if this kind of file for this year was imported, replace it")
    choice.add_argument("--keep", action="store_true",
                        help="if this kind of file for this year was imported, keep that")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(handler=cmd_import)

    parser = subparsers.add_parser(
        "prepare", help="the ranked questions (with their evidence) and proposed targets for "
        "a school's visit, from its imported data")
    parser.add_argument("urn", type=int, metavar="URN")
    parser.add_argument("--save", action="store_true",
                        help="add the questions to the school's visit this year")
    parser.add_argument("--visit", type=int, default=1, help="which visit (default 1)")
    parser.add_argument("--json", action="store_true", help="print as JSON")
    parser.set_defaults(handler=cmd_prepare)
