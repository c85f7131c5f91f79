"""replies, conversations, feedback and settings

Revision ID: 0005
Revises: 0004

The executive's card: reply conversations kept across restarts, published replies with their webhook
outcome, "not relevant" feedback against the rules that fired, /settings, and the time to first response.
Create Date: 2026-11-25 16:34:00.587293
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('person_setting',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=True),
    sa.Column('quiet_hours', sa.String(length=20), nullable=True),
    sa.Column('updated_at', bot.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_person_setting_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_person_setting'))
    )
    op.create_table('reply_conversation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('escalation_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('origin', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('prompt_message_id', sa.BigInteger(), nullable=True),
    sa.Column('preview_message_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', bot.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', bot.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['escalation_id'], ['escalation.id'], name=op.f('fk_reply_conversation_escalation_id_escalation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_reply_conversation_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reply_conversation'))
    )
    with op.batch_alter_table('reply_conversation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reply_conversation_escalation_id'), ['escalation_id'], unique=False)
        batch_op.create_index('ix_reply_conversation_person_id_state', ['person_id', 'state'], unique=False)

    op.create_table('rule_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('escalation_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('verdict', sa.String(length=30), nullable=False),
    sa.Column('rules', sa.JSON(), nullable=False),
    sa.Column('lanes', sa.JSON(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('created_at', bot.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['escalation_id'], ['escalation.id'], name=op.f('fk_rule_feedback_escalation_id_escalation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_rule_feedback_person_id_person'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rule_feedback'))
    )
    with op.batch_alter_table('rule_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rule_feedback_escalation_id'), ['escalation_id'], unique=False)

    op.create_table('outbound_reply',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('escalation_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('conversation_id', sa.Integer(), nullable=True),
    sa.Column('origin', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('platform', sa.String(length=50), nullable=False),
    sa.Column('in_reply_to', sa.String(length=200), nullable=True),
    sa.Column('how', sa.String(length=30), nullable=False),
    sa.Column('link', sa.Text(), nullable=True),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('webhook_status', sa.String(length=20), nullable=True),
    sa.Column('webhook_attempts', sa.Integer(), nullable=False),
    sa.Column('webhook_detail', sa.Text(), nullable=True),
    sa.Column('created_at', bot.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('webhook_at', bot.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['conversation_id'], ['reply_conversation.id'], name=op.f('fk_outbound_reply_conversation_id_reply_conversation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['escalation_id'], ['escalation.id'], name=op.f('fk_outbound_reply_escalation_id_escalation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_outbound_reply_person_id_person'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbound_reply'))
    )
    with op.batch_alter_table('outbound_reply', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbound_reply_escalation_id'), ['escalation_id'], unique=False)

    with op.batch_alter_table('escalation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_response_seconds', sa.Float(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('escalation', schema=None) as batch_op:
        batch_op.drop_column('first_response_seconds')

    with op.batch_alter_table('outbound_reply', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbound_reply_escalation_id'))

    op.drop_table('outbound_reply')
    with op.batch_alter_table('rule_feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rule_feedback_escalation_id'))

    op.drop_table('rule_feedback')
    with op.batch_alter_table('reply_conversation', schema=None) as batch_op:
        batch_op.drop_index('ix_reply_conversation_person_id_state')
        batch_op.drop_index(batch_op.f('ix_reply_conversation_escalation_id'))

    op.drop_table('reply_conversation')
    op.drop_table('person_setting')
