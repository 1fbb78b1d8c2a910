"""A shared workspace run as two roles: the owner sets it up, the working role uses it day to
day and can never rewrite the audit log. Needs a scratch PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, exc, make_url, text
from typer.testing import CliRunner

from planner.cli import app
from planner.errors import ExitCode
from planner.resources import sample_meeting_files

OWNER, WORKER = "planner_owner_test", "planner_worker_test"
KS = next(p for p in sample_meeting_files() if p.stem.startswith("ks-"))


@pytest.fixture
def roles(postgres_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path) -> Iterator[dict]:
    """URLs of the same database as its owner and as the working role."""
    monkeypatch.setenv("PLANNER_USER", "Test Sekretær")
    monkeypatch.setattr("planner.config.config_file", lambda: tmp_path / "config.toml")
    superuser = create_engine(postgres_url)
    with superuser.begin() as connection:
        for role in (OWNER, WORKER):
            if _exists(connection, role):  # left by an interrupted run
                connection.execute(text(f"DROP OWNED BY {role}"))
                connection.execute(text(f"DROP ROLE {role}"))
            connection.execute(text(f"CREATE ROLE {role} LOGIN"))
        connection.execute(text(f"GRANT CREATE ON SCHEMA public TO {OWNER}"))
    url = make_url(postgres_url)
    yield {
        "owner": url.set(username=OWNER).render_as_string(hide_password=False),
        "worker": url.set(username=WORKER).render_as_string(hide_password=False),
    }
    with superuser.begin() as connection:
        for role in (WORKER, OWNER):
            connection.execute(text(f"DROP OWNED BY {role}"))
            connection.execute(text(f"DROP ROLE {role}"))
    superuser.dispose()


def _exists(connection, role: str) -> bool:
    found = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
    return found.scalar() is not None


def planner(url: str, *args: str):
    return CliRunner().invoke(app, ["-w", url, *args])


def test_the_working_role_uses_the_workspace_but_cannot_touch_the_audit_log(roles: dict):
    initialised = planner(roles["owner"], "init", "--working-role", WORKER)
    imported = planner(roles["worker"], "import", str(KS))
    deleted = planner(roles["worker"], "delete", "ks-toppmote-integrering-2016", "--yes")
    again = planner(roles["owner"], "init")  # as after an upgrade: the recorded role again
    logged = planner(roles["worker"], "log")

    assert initialised.exit_code == 0, initialised.output
    assert f"The working role {WORKER} may now use the workspace" in initialised.stdout
    assert imported.exit_code == 0, imported.output
    assert deleted.exit_code == 0, deleted.output
    assert f"The working role {WORKER} may now use the workspace" in again.stdout
    assert "workspace.working_role_granted" in logged.stdout
    assert "meeting.deleted" in logged.stdout and "meeting.added" in logged.stdout

    worker = create_engine(roles["worker"].replace("postgresql://", "postgresql+psycopg://"))
    try:
        for statement in (
            "DELETE FROM audit_log",
            "UPDATE audit_log SET actor = 'mallory'",
            "TRUNCATE audit_log",
            "ALTER TABLE audit_log DISABLE TRIGGER ALL",
            "DROP TRIGGER audit_log_append_only ON audit_log",
            "DROP TABLE audit_log",
            "TRUNCATE meetings CASCADE",
        ):
            with pytest.raises(exc.ProgrammingError) as refused, worker.begin() as connection:
                connection.execute(text(statement))
            assert refused.value.orig.sqlstate == "42501", statement  # insufficient_privilege
    finally:
        worker.dispose()


def test_the_owner_or_an_unknown_role_cannot_be_the_working_role(roles: dict):
    unknown = planner(roles["owner"], "init", "--working-role", "nobody_here")
    itself = planner(roles["owner"], "init", "--working-role", OWNER)
    granted = planner(roles["owner"], "init", "--working-role", WORKER)
    not_owner = planner(roles["worker"], "init", "--working-role", WORKER)
    ready = planner(roles["worker"], "init")

    assert unknown.exit_code == ExitCode.BAD_INPUT, unknown.output
    assert "the database has no role nobody_here" in unknown.stderr
    assert itself.exit_code == ExitCode.BAD_INPUT, itself.output
    assert "is the owner or a superuser" in itself.stderr
    assert granted.exit_code == 0, granted.output
    assert not_owner.exit_code == ExitCode.BAD_INPUT, not_owner.output
    assert "only the owner of the workspace's tables" in not_owner.stderr
    assert ready.exit_code == 0, ready.output
    assert "working role" not in ready.stdout
