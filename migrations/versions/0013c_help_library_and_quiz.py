"""help: the knowledge library (คลังความรู้) and the skills quiz's attempts

Revision ID: 0013c
Revises: 0013d
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0013c'
down_revision: str | None = '0013d'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        'library_entry',
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('updated_by', sa.Integer(), nullable=True),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', _TEXT(length=300), nullable=False),
        sa.Column('category', _TEXT(length=20), nullable=False),
        sa.Column('summary', _TEXT(length=2000), nullable=False),
        sa.Column('tags', _TEXT(length=300), nullable=False),
        sa.Column('issuer', _TEXT(length=200), nullable=False),
        sa.Column('year', sa.Integer(), nullable=True),
        sa.Column('reference', _TEXT(length=300), nullable=False),
        sa.ForeignKeyConstraint(['created_by'], ['app_user.id']),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id']),
        sa.ForeignKeyConstraint(['updated_by'], ['app_user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_library_entry_org_id', 'library_entry', ['org_id'])
    op.create_table(
        'quiz_attempt',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('app', _TEXT(length=20), nullable=False),
        sa.Column('score', sa.Integer(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('passed', sa.Boolean(), nullable=False),
        sa.Column('answers', _TEXT(length=8000), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id']),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_quiz_attempt_org_id', 'quiz_attempt', ['org_id'])
    op.create_index('ix_quiz_attempt_user_id', 'quiz_attempt', ['user_id'])


def downgrade() -> None:
    op.drop_table('quiz_attempt')
    op.drop_table('library_entry')
