"""Report cards as files before sync format 3 carry them: a member of their own.

Until format 3 a school's Ofsted report card travelled as a record of ``report_cards``
(``import_id``, ``urn``, ``inspected_on``, ``areas``, ``ungraded_on``, ``ungraded_outcome``);
the store now keeps it on the school's row of the same import (data_rows' ``card_*``
columns, see store migration 0005). Such a file is still read: each card is checked as
strictly as any record, then put on its school's row as the file's data_rows arrive, so an
adviser whose centre runs an older release still gets the cards.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec

from linkadviser.sync.errors import refused
from linkadviser.sync.records import Int32, decode_records, member_name

MEMBER = member_name("report_cards")
ROWS = "data_rows"


class OldCard(msgspec.Struct, forbid_unknown_fields=True):
    """One line of ``records/report_cards.jsonl`` as formats 1 and 2 write it."""

    areas: str
    import_id: str
    inspected_on: date | None
    ungraded_on: date | None
    ungraded_outcome: str
    urn: Int32


def decode_old_cards(raw: bytes) -> list[OldCard]:
    return decode_records(MEMBER, raw, OldCard)


def put_on_rows(cards: list[OldCard], records: dict[str, list[dict[str, Any]]]) -> None:
    """Each card on its school's row of the same import, which the file must also bring."""
    schools = {(r["import_id"], r["urn"]): r for r in records.get(ROWS, ())
               if r["entity"] == "school"}
    for card in cards:
        row = schools.get((card.import_id, card.urn))
        if row is None:
            raise refused(
                f"{MEMBER}: the report card of school {card.urn} belongs to an imported file "
                "whose row for that school is not in this file. The file was altered, or is "
                "incomplete; ask the sender to export it again")
        row.update(card_inspected_on=card.inspected_on, card_areas=card.areas,
                   ungraded_on=card.ungraded_on, ungraded_outcome=card.ungraded_outcome)
