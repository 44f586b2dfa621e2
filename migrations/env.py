"""Alembic environment: one migration history for SQLite and PostgreSQL."""

import sqlalchemy as sa
from alembic import context
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table on SQLModel.metadata)
from core.db import make_engine
from models.types import Money

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option('sqlalchemy.url'), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = config.attributes.get('connection')
    if connectable is None:
        engine = make_engine(config.get_main_option('sqlalchemy.url'))
        with engine.connect() as connection:
            _run(connection)
        engine.dispose()
    else:
        _run(connectable)


def _compare_type(context, inspected_column, metadata_column, inspected_type, metadata_type):
    """Money holds integer satang in a NUMERIC column on SQLite (an affinity there, see 0007b): not a change."""
    if isinstance(metadata_type, Money) and context.dialect.name == 'sqlite':
        return not isinstance(inspected_type, sa.Numeric | sa.Integer)
    return None  # alembic's own comparison


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      compare_type=_compare_type)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
