"""rotation overrides from telegram

Revision ID: 0003
Revises: 0002

Overrides made from Telegram with /cover and /swap, kept until confirmed and merged with the playbook's.
Create Date: 2026-11-25 16:27:34.181098
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('rotation_override',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rotation_id', sa.String(length=100), nullable=False),
    sa.Column('layer', sa.String(length=20), nullable=False),
    sa.Column('person_key', sa.String(length=100), nullable=False),
    sa.Column('replaces', sa.String(length=100), nullable=True),
    sa.Column('start_at', bot.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('end_at', bot.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('requested_by_person_id', sa.Integer(), nullable=True),
    sa.Column('created_at', bot.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', bot.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['requested_by_person_id'], ['person.id'], name=op.f('fk_rotation_override_requested_by_person_id_person'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rotation_override'))
    )
    with op.batch_alter_table('rotation_override', schema=None) as batch_op:
        batch_op.create_index('ix_rotation_override_rotation_id_status', ['rotation_id', 'status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('rotation_override', schema=None) as batch_op:
        batch_op.drop_index('ix_rotation_override_rotation_id_status')

    op.drop_table('rotation_override')
