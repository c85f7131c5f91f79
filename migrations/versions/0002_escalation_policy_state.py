"""escalation policy state

Revision ID: 0002
Revises: 0001

Where an escalation's policy stands (level, round, current targets, reminder, snooze) and the payload
of text notifications. Existing escalations start at level 0 of the default policy.
Create Date: 2026-11-25 16:18:00.490845
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('escalation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('policy_name', sa.String(length=100), nullable=False, server_default='default'))
        batch_op.add_column(sa.Column('level', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('round', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('current_targets', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('reminded_at', bot.db.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('snoozed_until', bot.db.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_escalation_snoozed_until'), ['snoozed_until'], unique=False)

    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('payload', sa.JSON(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_column('payload')

    with op.batch_alter_table('escalation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_escalation_snoozed_until'))
        batch_op.drop_column('snoozed_until')
        batch_op.drop_column('reminded_at')
        batch_op.drop_column('current_targets')
        batch_op.drop_column('round')
        batch_op.drop_column('level')
        batch_op.drop_column('policy_name')

