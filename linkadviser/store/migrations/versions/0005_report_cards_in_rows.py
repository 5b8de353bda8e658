"""Report cards on the data rows, no index by import

A national Ofsted import wrote 22,000 data rows and then 12,000 report cards as rows of their
own, each with its 36-character import id and an entry in the cards' index by urn: a quarter
of the import's time. A card belongs to one school in one file, which already has its row, so
the card is now four columns of that row (NULL on every other row).

The index of data_rows by import_id went too: one 36-character key per row, a fifth of what a
national import wrote (1.1 of 5.6 MB for the Ofsted MI). Rows are found by urn or as totals
(their own indexes); by import only when an import is replaced or removed, or every school of
a kind is read, where reading the table through measured no slower on a store of 174,000 rows
(replacing the MI: 288 ms with the index, 293 ms without). Report cards lost theirs in 0003.

A card whose school has no row in its import (no app ever wrote one, but a file may have
brought one) gets a row of its own with no figures, so the upgrade loses no card.

Revision ID: 0005_report_cards_in_rows
Revises: 0004_compact_report_cards
Create Date: 2026-11-30 16:45:56.894389
"""
import json
import math
import struct

from alembic import op
import sqlalchemy as sa


revision = '0005_report_cards_in_rows'
down_revision = '0004_compact_report_cards'
branch_labels = None
depends_on = None

_BATCH = 5000
_CARD = ("card_inspected_on", "card_areas", "ungraded_on", "ungraded_outcome")


def _in_batches(sql: str, rows: list[dict]) -> None:
    conn = op.get_bind()
    for at in range(0, len(rows), _BATCH):
        conn.execute(sa.text(sql), rows[at:at + _BATCH])


def _no_figures(layout: str) -> bytes:
    """A row's figures with every slot empty (NaN), for an import of this layout."""
    slots = sum(3 if has_limits else 1 for _measure, _group, has_limits in json.loads(layout))
    return struct.pack(f"<{slots}d", *([math.nan] * slots))


def _cards_to_rows() -> None:
    conn = op.get_bind()
    cards = [dict(r._mapping) for r in conn.execute(sa.text(
        "SELECT import_id, urn, inspected_on, areas, ungraded_on, ungraded_outcome "
        "FROM report_cards ORDER BY seq"))]
    rows = {(i, u) for i, u in conn.execute(sa.text(
        "SELECT import_id, urn FROM data_rows WHERE entity = 'school'"))}
    _in_batches(
        "UPDATE data_rows SET card_inspected_on = :inspected_on, card_areas = :areas, "
        "ungraded_on = :ungraded_on, ungraded_outcome = :ungraded_outcome "
        "WHERE urn = :urn AND import_id = :import_id AND entity = 'school'",
        [c for c in cards if (c["import_id"], c["urn"]) in rows])
    layouts = dict(conn.execute(sa.text("SELECT id, layout FROM data_imports")).all())
    _in_batches(
        "INSERT INTO data_rows (import_id, entity, urn, la_code, phase, region, figures, "
        "markers, card_inspected_on, card_areas, ungraded_on, ungraded_outcome) VALUES "
        "(:import_id, 'school', :urn, '', '', '', :figures, '', :inspected_on, :areas, "
        ":ungraded_on, :ungraded_outcome)",
        [{**c, "figures": _no_figures(layouts[c["import_id"]])} for c in cards
         if (c["import_id"], c["urn"]) not in rows])


def _rows_to_cards() -> None:
    conn = op.get_bind()
    cards = [dict(r._mapping) for r in conn.execute(sa.text(
        "SELECT import_id, urn, card_inspected_on AS inspected_on, card_areas AS areas, "
        "ungraded_on, ungraded_outcome FROM data_rows "
        "WHERE card_areas IS NOT NULL OR ungraded_outcome IS NOT NULL ORDER BY seq"))]
    _in_batches(
        "INSERT INTO report_cards (import_id, urn, inspected_on, areas, ungraded_on, "
        "ungraded_outcome) VALUES (:import_id, :urn, :inspected_on, :areas, :ungraded_on, "
        ":ungraded_outcome)",
        [{**c, "areas": c["areas"] or "[]", "ungraded_outcome": c["ungraded_outcome"] or ""}
         for c in cards])


def upgrade() -> None:
    with op.batch_alter_table('data_rows', schema=None) as batch_op:
        batch_op.add_column(sa.Column('card_inspected_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('card_areas', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('ungraded_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('ungraded_outcome', sa.String(length=120), nullable=True))
        batch_op.drop_index(batch_op.f('ix_data_rows_import_id'))
    _cards_to_rows()
    with op.batch_alter_table('report_cards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_cards_urn'))
    op.drop_table('report_cards')


def downgrade() -> None:
    op.create_table('report_cards',
    sa.Column('seq', sa.INTEGER(), nullable=False),
    sa.Column('import_id', sa.VARCHAR(length=36), nullable=False),
    sa.Column('urn', sa.INTEGER(), nullable=False),
    sa.Column('inspected_on', sa.DATE(), nullable=True),
    sa.Column('areas', sa.TEXT(), nullable=False),
    sa.Column('ungraded_on', sa.DATE(), nullable=True),
    sa.Column('ungraded_outcome', sa.VARCHAR(length=120), nullable=False),
    sa.ForeignKeyConstraint(['import_id'], ['data_imports.id'], name=op.f('fk_report_cards_import_id_data_imports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_report_cards'))
    )
    with op.batch_alter_table('report_cards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_cards_urn'), ['urn'], unique=False)
    _rows_to_cards()
    with op.batch_alter_table('data_rows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_data_rows_import_id'), ['import_id'], unique=False)
        for column in reversed(_CARD):
            batch_op.drop_column(column)
