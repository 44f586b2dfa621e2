"""help: the web board (questions, answers, accepted answer, moderation) and the feedback survey

Revision ID: 0012f
Revises: 0011c
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0012f'
down_revision: str | None = '0012a'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        'board_question',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('title', _TEXT(length=200), nullable=False),
        sa.Column('body', _TEXT(length=4000), nullable=False),
        sa.Column('app', _TEXT(length=20), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=False),
        sa.Column('author_name', _TEXT(length=200), nullable=False),
        sa.Column('accepted_answer_id', sa.Integer(), nullable=True),
        sa.Column('hidden', sa.Boolean(), nullable=False),
        sa.Column('hidden_reason', _TEXT(length=300), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id']),
        sa.ForeignKeyConstraint(['author_id'], ['app_user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_board_question_org_id', 'board_question', ['org_id'])
    op.create_index('ix_board_question_author_id', 'board_question', ['author_id'])
    op.create_table(
        'board_answer',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('body', _TEXT(length=4000), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=False),
        sa.Column('author_name', _TEXT(length=200), nullable=False),
        sa.Column('hidden', sa.Boolean(), nullable=False),
        sa.Column('hidden_reason', _TEXT(length=300), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id']),
        sa.ForeignKeyConstraint(['question_id'], ['board_question.id']),
        sa.ForeignKeyConstraint(['author_id'], ['app_user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_board_answer_org_id', 'board_answer', ['org_id'])
    op.create_index('ix_board_answer_question_id', 'board_answer', ['question_id'])
    op.create_table(
        'survey_response',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('app', _TEXT(length=20), nullable=False),
        sa.Column('quarter', _TEXT(length=8), nullable=False),
        sa.Column('score', sa.Integer(), nullable=True),
        sa.Column('comment', _TEXT(length=1000), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id']),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('org_id', 'user_id', 'app', 'quarter', name='uq_survey_response'),
    )
    op.create_index('ix_survey_response_org_id', 'survey_response', ['org_id'])


def downgrade() -> None:
    op.drop_table('survey_response')
    op.drop_table('board_answer')
    op.drop_table('board_question')
