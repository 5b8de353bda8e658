"""Report cards' areas as codes, a date only where it differs

A national Ofsted file's 12,000 report cards each repeated the area names, grade words and
the inspection date in every area (about 430 bytes a card, over half of what the import wrote).
The areas are now written as codes into fixed, append-only lists, with a date only where it is
not the card's ``inspected_on`` (linkadviser.data.card_codes, which reads both forms). This
rewrites the cards already stored; no column changes.

Revision ID: 0004_compact_report_cards
Revises: 0003_fewer_import_indexes
Create Date: 2026-11-30 16:14:54.474641
"""
import json
from datetime import date

from alembic import op
import sqlalchemy as sa

# The codes are append-only (see card_codes), so today's module writes what this revision means.
from linkadviser.data.card_codes import as_day, compacted, decode


revision = '0004_compact_report_cards'
down_revision = '0003_fewer_import_indexes'
branch_labels = None
depends_on = None

_BATCH = 5000


def _rewrite(convert) -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT seq, inspected_on, areas FROM report_cards")).all()
    update = sa.text("UPDATE report_cards SET areas = :areas WHERE seq = :seq")
    changed = [{"seq": seq, "areas": new} for seq, on, areas in rows
               if (new := convert(areas, as_day(on))) != areas]
    for at in range(0, len(changed), _BATCH):
        conn.execute(update, changed[at:at + _BATCH])


def _expanded(areas: str, on: date | None) -> str:
    """The form stores before this revision wrote: names, words and a date in every area."""
    return json.dumps([[area, grade, when.isoformat() if when else None]
                       for area, grade, when in decode(areas, on)], separators=(",", ":"))


def upgrade() -> None:
    _rewrite(compacted)


def downgrade() -> None:
    _rewrite(_expanded)
