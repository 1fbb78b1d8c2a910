"""Alembic environment for the Planner workspace.

Planner runs the migrations itself (`planner.store.migrate`) on the workspace's own
connection, passed in as `config.attributes["connection"]`, inside a transaction it has
already begun; there is no alembic.ini. For writing a new revision by hand, `script.py.mako`
is the template; `Workspace.open` on a scratch file applies it.

Offline mode (SQL to a buffer, no database) is supported for reviewing the SQL a revision
emits for a dialect: set the main option `sqlalchemy.url`, e.g. to "postgresql://".

Note for later revisions: SQLite's batch mode recreates a table, which drops its triggers;
a revision that batch-alters `audit_log` must create the append-only triggers again.
"""

from __future__ import annotations

from alembic import context

from planner.store.schema import metadata

config = context.config


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError(
            "Planner's migrations run on a workspace connection: open the workspace with "
            "planner.store.Workspace.open(), which migrates it"
        )
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
