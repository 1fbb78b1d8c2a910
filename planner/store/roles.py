"""Who may do what in a shared workspace (PostgreSQL): two roles, so that no one who uses
Planner day to day can rewrite its history.

- The **owner** role owns the tables: it creates and upgrades them (`planner init`), and could
  disable the audit log's triggers. It is used for set-up and upgrades only.
- The **working** role is what Planner connects as every day. It may read and change
  meetings and registrations, and add to the audit log, but it may not update, delete or
  truncate the audit log, and as it owns nothing it cannot alter, drop or disable anything
  (`ALTER TABLE … DISABLE TRIGGER` needs the table's owner).

`grant_working_role` gives a role exactly that, on every table the workspace has now; run by
the owner (`planner init --working-role NAME`), and again after each upgrade, since an
upgrade may add tables. The working role is recorded in the workspace, so a later
`planner init` grants it the new tables by itself.
"""

from __future__ import annotations

from sqlalchemy import insert, select, text, update
from sqlalchemy.engine import Connection

from planner.errors import BadInput
from planner.store.migrate import VERSION_TABLE
from planner.store.schema import audit_log, metadata, workspace_settings
from planner.words import Words

WORKING_ROLE = "working_role"
"""The workspace setting that names the working role."""

CHANGES = "SELECT, INSERT, UPDATE, DELETE"
APPEND_ONLY = "SELECT, INSERT"
READ = "SELECT"


def working_privileges() -> dict[str, str]:
    """What the working role may do, table by table: everything but TRUNCATE on the
    workspace's records, only SELECT and INSERT on the audit log, only SELECT on the schema
    revision."""
    granted = {name: CHANGES for name in metadata.tables}
    granted[audit_log.name] = APPEND_ONLY
    granted[VERSION_TABLE] = READ
    return granted


def recorded_working_role(connection: Connection) -> str | None:
    return connection.execute(
        select(workspace_settings.c.value).where(workspace_settings.c.name == WORKING_ROLE)
    ).scalar_one_or_none()


def grant_working_role(connection: Connection, role: str) -> None:
    """Give `role` the working role's privileges and nothing more, and record it. Must run
    as the owner of the tables, in a transaction."""
    _check_role(connection, role)
    quoted = connection.dialect.identifier_preparer.quote(role)
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    connection.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO {quoted}'))
    for table, privileges in working_privileges().items():
        connection.execute(text(f"REVOKE ALL ON TABLE {table} FROM {quoted}"))
        connection.execute(text(f"GRANT {privileges} ON TABLE {table} TO {quoted}"))
        numbered = table in metadata.tables and "id" in metadata.tables[table].c
        if numbered and privileges != READ:
            sequence = connection.execute(
                text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table}
            ).scalar()
            if sequence is not None:
                connection.execute(text(f"GRANT USAGE, SELECT ON SEQUENCE {sequence} TO {quoted}"))
    _record(connection, role)


def owns_the_tables(connection: Connection) -> bool:
    """Whether Planner is connected as the owner of the workspace's tables."""
    return (
        connection.execute(
            text(
                "SELECT tableowner = current_user FROM pg_tables "
                "WHERE tablename = :table AND schemaname = current_schema()"
            ),
            {"table": audit_log.name},
        ).scalar()
        is True
    )


def _check_role(connection: Connection, role: str) -> None:
    found = connection.execute(
        text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = :role"), {"role": role}
    ).one_or_none()
    if found is None:
        raise BadInput(Words("safety_roles.no_such_role", role=role))
    if not owns_the_tables(connection):
        raise BadInput(Words("safety_roles.not_owner", role=role))
    if found.rolsuper or role == connection.execute(text("SELECT current_user")).scalar():
        raise BadInput(Words("safety_roles.too_powerful", role=role))


def _record(connection: Connection, role: str) -> None:
    if recorded_working_role(connection) is None:
        connection.execute(insert(workspace_settings).values(name=WORKING_ROLE, value=role))
    else:
        connection.execute(
            update(workspace_settings)
            .where(workspace_settings.c.name == WORKING_ROLE)
            .values(value=role)
        )
