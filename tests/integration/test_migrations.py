"""The workspace schema: created and upgraded by Alembic, refused when it is not ours."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, create_engine, exc, inspect, text

from planner import registrations
from planner.errors import PlannerError
from planner.meeting_files import read_meeting_files
from planner.model import Meeting, Registration, RegistrationStatus
from planner.store import Workspace
from planner.store import registrations as registration_rows
from planner.store.migrate import alembic_config, head_revision
from planner.store.schema import SCHEMA_REVISION, metadata
from tests.factories import conference_data

PLANNER_TABLES = {
    "calendar_entries",
    "outbox",
    "meetings",
    "registrations",
    "registration_choices",
    "registration_tallies",
    "audit_log",
    "workspace_settings",
    "import_mappings",
    "minutes",
    "alembic_version",
}
SQLITE_TABLES = PLANNER_TABLES | {"sqlite_sequence"}
"""sqlite_sequence is SQLite's own: it remembers the highest id ever used (AUTOINCREMENT)."""
PREVIOUS_VERSION = Path(__file__).parents[1] / "data" / "workspace-0001.sqlite"
"""A workspace written by Planner 0.1 (schema 0001): `planner demo`, a saved change, two
registrations added by hand and one checked in."""


def make_meeting(slug: str = "nordisk-integrasjon-2018") -> Meeting:
    return Meeting.model_validate(conference_data(slug))


def sqlite_objects(path: Path) -> dict[str, str]:
    """Every table, index and trigger in the file, with the SQL that made it."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT type || ' ' || name, sql FROM sqlite_master ORDER BY 1"
        ).fetchall()
    connection.close()
    return dict(rows)


def revision_in(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        connection.close()


def test_migrating_an_empty_database_creates_the_tables_and_reaches_head(tmp_path: Path):
    path = tmp_path / "planner.sqlite"

    Workspace.open(path, "ada").close()

    objects = sqlite_objects(path)
    tables = {name.split(" ", 1)[1] for name in objects if name.startswith("table ")}
    assert tables == SQLITE_TABLES
    assert "trigger audit_log_no_update" in objects
    assert "trigger audit_log_no_delete" in objects
    assert "trigger audit_log_no_replace" in objects
    for table in ("meetings", "registrations", "minutes", "audit_log"):
        assert "AUTOINCREMENT" in objects[f"table {table}"], table
    assert revision_in(path) == head_revision() == SCHEMA_REVISION


def test_the_migrated_database_matches_the_metadata(tmp_path: Path):
    path = tmp_path / "planner.sqlite"
    Workspace.open(path, "ada").close()
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []

            # The comparison does see a difference when there is one.
            changed = MetaData(naming_convention=metadata.naming_convention)
            for table in metadata.sorted_tables:
                table.to_metadata(changed)
            changed.tables["meetings"].append_column(Column("capacity", Integer))
            differences = compare_metadata(context, changed)
            assert [d[0] for d in differences] == ["add_column"]
    finally:
        engine.dispose()


def test_reopening_a_workspace_changes_nothing_and_runs_no_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "planner.sqlite"
    with Workspace.open(path, "ada") as workspace:
        workspace.add_meeting(make_meeting())
    schema_before = sqlite_objects(path)

    def no_upgrade(*args: object, **kwargs: object) -> None:
        raise AssertionError("an up-to-date workspace was migrated again")

    monkeypatch.setattr(command, "upgrade", no_upgrade)
    with Workspace.open(path, "bob") as workspace:
        assert [m.slug for m in workspace.list_meetings()] == ["nordisk-integrasjon-2018"]
        assert [e.action for e in workspace.audit_log()] == ["meeting.added"]

    assert sqlite_objects(path) == schema_before
    assert revision_in(path) == SCHEMA_REVISION


def test_a_workspace_downgraded_to_an_older_revision_is_upgraded_on_open(tmp_path: Path):
    path = tmp_path / "planner.sqlite"
    Workspace.open(path, "ada").close()
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "base")
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()

    with Workspace.open(path, "ada") as workspace:
        workspace.add_meeting(make_meeting())
    assert set(inspect_tables(path)) == PLANNER_TABLES
    assert revision_in(path) == SCHEMA_REVISION


def inspect_tables(path: Path) -> list[str]:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            return inspect(connection).get_table_names()
    finally:
        engine.dispose()


def test_a_workspace_from_a_newer_planner_is_refused_with_a_clear_message(tmp_path: Path):
    path = tmp_path / "planner.sqlite"
    Workspace.open(path, "ada").close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0042_from_the_future'")
    connection.close()

    with pytest.raises(PlannerError) as raised:
        Workspace.open(path, "ada")

    message = str(raised.value)
    assert str(path) in message
    assert "newer version of Planner" in message
    assert "0042_from_the_future" in message
    assert revision_in(path) == "0042_from_the_future"


def test_a_text_file_is_not_a_workspace_and_is_left_alone(tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_text("Tid: fredag 26. august kl. 12.30–16.00\n" * 200, encoding="utf-8")
    before = path.read_bytes()

    with pytest.raises(PlannerError, match="is not a Planner workspace") as raised:
        Workspace.open(path, "ada")

    assert str(path) in str(raised.value)
    assert path.read_bytes() == before


def test_another_programs_database_is_not_a_workspace(tmp_path: Path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    connection.close()

    with pytest.raises(PlannerError, match="is not a Planner workspace") as raised:
        Workspace.open(path, "ada")

    assert str(path) in str(raised.value)
    assert "notes" in str(raised.value)
    assert set(inspect_tables(path)) == {"notes"}


def test_a_workspace_in_a_missing_folder_is_refused_naming_the_folder(tmp_path: Path):
    folder = tmp_path / "no-such-folder"

    with pytest.raises(PlannerError) as raised:
        Workspace.open(folder / "planner.sqlite", "ada")

    assert str(folder) in str(raised.value)
    assert "does not exist" in str(raised.value)
    assert not folder.exists()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET actor = 'mallory'",
        "DELETE FROM audit_log",
        "INSERT OR REPLACE INTO audit_log (id, at, actor, action, subject, detail) "
        "VALUES (1, '2026-01-01', 'mallory', 'meeting.added', 'x', '{}')",
        "REPLACE INTO audit_log (id, at, actor, action, subject, detail) "
        "VALUES (1, '2026-01-01', 'mallory', 'meeting.added', 'x', '{}')",
        "UPDATE OR REPLACE audit_log SET id = 1",
    ],
)
def test_the_database_refuses_to_change_the_audit_log(tmp_path: Path, statement: str):
    path = tmp_path / "planner.sqlite"
    with Workspace.open(path, "ada") as workspace:
        workspace.add_meeting(make_meeting())

    engine = create_engine(f"sqlite:///{path}")
    try:
        with (
            pytest.raises(exc.IntegrityError, match="the audit log is append-only"),
            engine.begin() as connection,
        ):
            connection.execute(text(statement))
    finally:
        engine.dispose()

    with Workspace.open(path, "ada") as workspace:
        assert [(e.actor, e.action) for e in workspace.audit_log()] == [("ada", "meeting.added")]


def test_the_postgresql_migration_keeps_the_audit_log_append_only():
    """No server here: the migration's SQL for PostgreSQL, rendered offline."""
    output = io.StringIO()
    config = alembic_config()
    config.output_buffer = output
    config.set_main_option("sqlalchemy.url", "postgresql://")

    command.upgrade(config, "head", sql=True)

    sql = output.getvalue()
    assert "TIMESTAMP WITH TIME ZONE" in sql
    assert "BEFORE UPDATE OR DELETE ON audit_log" in sql
    assert "BEFORE TRUNCATE ON audit_log" in sql
    assert "RAISE EXCEPTION 'the audit log is append-only'" in sql
    assert "RAISE(ABORT" not in sql


def test_a_postgresql_database_migrated_from_empty_matches_the_metadata(postgres_url: str):
    url = postgres_url
    engine = create_engine(url)
    try:
        Workspace.open(url, "ada").close()
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
            assert context.get_current_revision() == SCHEMA_REVISION
    finally:
        engine.dispose()


def test_a_workspace_written_by_the_previous_version_is_upgraded_keeping_everything(
    tmp_path: Path,
):
    path = tmp_path / "old.sqlite"
    path.write_bytes(PREVIOUS_VERSION.read_bytes())
    with sqlite3.connect(path) as connection:
        old_registrations = connection.execute(
            "SELECT id, meeting_id, name, version, checked_in_at FROM registrations ORDER BY id"
        ).fetchall()
        old_audit = connection.execute("SELECT id, actor, action FROM audit_log").fetchall()
    connection.close()
    assert revision_in(path) == "0001_initial"

    with Workspace.open(path, "ada") as workspace:
        summaries = {s.slug: s for s in workspace.list_meetings()}
        ks = workspace.get_meeting("ks-toppmote-integrering-2016")
        listed = workspace.list_registrations("ks-toppmote-integrering-2016")
        exported = workspace.export_meeting("nordisk-integrasjonskonferanse-2018")
        log = workspace.audit_log(limit=100)

    assert revision_in(path) == SCHEMA_REVISION
    assert len(summaries) == 3
    assert (ks.version, ks.revision, ks.meeting.capacity) == (2, 2, 60)
    assert [(r.id, r.registration.person.name) for r in listed] == [
        (9, "Ola Nordmann"),
        (10, "Siri Hansen"),
    ]
    assert listed[0].registration.checked_in_at is not None
    assert all(r.registration.key for r in listed)
    assert len({r.key for r in exported.registrations}) == 8
    assert [(e.actor, e.action) for e in log][::-1] == [(a, b) for _, a, b in old_audit]
    with sqlite3.connect(path) as connection:
        assert (
            connection.execute(
                "SELECT id, meeting_id, name, version, checked_in_at FROM registrations ORDER BY id"
            ).fetchall()
            == old_registrations
        )
        objects = dict(
            connection.execute("SELECT type || ' ' || name, sql FROM sqlite_master").fetchall()
        )
    connection.close()
    assert "trigger audit_log_no_replace" in objects
    assert "AUTOINCREMENT" in objects["table registrations"]


def test_after_the_upgrade_a_freed_id_is_not_handed_out_again(tmp_path: Path):
    path = tmp_path / "old.sqlite"
    path.write_bytes(PREVIOUS_VERSION.read_bytes())
    with Workspace.open(path, "ada") as workspace:
        ks = workspace.get_meeting("ks-toppmote-integrering-2016")
        workspace.delete_meeting(ks.id, ks.version)  # removes registrations 9 and 10
        registrations.add(
            workspace,
            "nordisk-integrasjonskonferanse-2018",
            Registration.model_validate(
                {"person": {"name": "Per Hansen"}, "submitted_at": "2018-10-01 10:00"}
            ),
        )
        newest = workspace.list_registrations("nordisk-integrasjonskonferanse-2018")[-1]

    assert newest.id == 11


def test_a_postgresql_workspace_of_the_previous_version_is_upgraded(postgres_url: str):
    """The rows of the previous version's workspace, moved onto a server at schema 0001."""
    engine = create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://"))
    old = sqlite3.connect(PREVIOUS_VERSION)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0001_initial")
            for table in ("meetings", "registrations", "audit_log"):
                cursor = old.execute(f"SELECT * FROM {table} ORDER BY id")
                columns = [d[0] for d in cursor.description]
                rows = [dict(zip(columns, row, strict=True)) for row in cursor]
                placeholders = ", ".join(f":{c}" for c in columns)
                connection.execute(
                    text(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"),
                    [{**r, **_aware(r)} for r in rows],
                )
                connection.execute(
                    text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))")
                )
    finally:
        old.close()
        engine.dispose()

    with Workspace.open(postgres_url, "ada") as workspace:
        ks = workspace.get_meeting("ks-toppmote-integrering-2016")
        listed = workspace.list_registrations("ks-toppmote-integrering-2016")
        workspace.delete_meeting(ks.id, ks.version)
        [added] = registrations.add(
            workspace,
            "nordisk-integrasjonskonferanse-2018",
            Registration.model_validate(
                {"person": {"name": "Per Hansen"}, "submitted_at": "2018-10-01 10:00"}
            ),
        ).done

    assert (ks.version, ks.revision, ks.meeting.capacity) == (2, 2, 60)
    assert [r.id for r in listed] == [9, 10]
    assert [r.registration.status for r in listed] == ["confirmed", "pending"]
    assert all(r.registration.key for r in listed)
    assert added.id == 11


def _aware(row: dict) -> dict:
    """SQLite keeps UTC times without an offset; PostgreSQL wants to be told."""
    return {
        name: f"{value}+00:00"
        for name, value in row.items()
        if isinstance(value, str) and (name.endswith("_at") or name == "at")
    }


WRITTEN_BY_0_2 = Path(__file__).parents[1] / "data" / "workspace-0002.sqlite"
"""A workspace written by the version before meetings became published programmes (schema
0002): the samples imported, one saved change, a registration checked in."""


def stored_documents(path: Path) -> dict[str, dict]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT slug, document FROM meetings").fetchall()
    connection.close()
    return {slug: json.loads(document) for slug, document in rows}


def test_stored_meetings_are_upgraded_to_the_shape_of_published_programmes(tmp_path: Path):
    path = tmp_path / "old.sqlite"
    path.write_bytes(WRITTEN_BY_0_2.read_bytes())
    before = stored_documents(path)
    assert before["ks-toppmote-integrering-2016"]["chairs"] == ["sanner", "helgesen"]
    old_welcome = before["ks-toppmote-integrering-2016"]["agenda"][0]
    assert old_welcome["speakers"][0] == {"person": "sanner", "role": "møteleder"}

    with Workspace.open(path, "ada") as workspace:
        ks = workspace.get_meeting("ks-toppmote-integrering-2016")
        summaries = {s.slug: s for s in workspace.list_meetings()}

    after = stored_documents(path)
    ks_document = after["ks-toppmote-integrering-2016"]
    assert ks_document["chairs"] == [
        {"who": "sanner", "role": None},
        {"who": "helgesen", "role": None},
    ]
    assert ks_document["agenda"][0]["speakers"][0] == {"who": "sanner", "role": "møteleder"}
    assert '"moderator"' not in json.dumps(after)
    assert ks.version == 2 and ks.meeting.capacity == 60
    assert [chair.who for chair in ks.meeting.chairs] == ["sanner", "helgesen"]
    assert summaries["ks-toppmote-integrering-2016"].end is not None
    assert revision_in(path) == SCHEMA_REVISION


def test_a_meeting_with_an_open_end_is_kept_with_no_end(tmp_path: Path):
    path = tmp_path / "planner.sqlite"
    data = conference_data("formannskapet", kind="council_meeting")
    del data["end"]
    with Workspace.open(path, "ada") as workspace:
        workspace.add_meeting(Meeting.model_validate(data))
        [summary] = workspace.list_meetings()
        stored = workspace.get_meeting("formannskapet").meeting
    assert summary.end is None and stored.end is None


def test_meeting_files_written_for_the_previous_version_still_read(tmp_path: Path):
    folder = Path(__file__).parents[1] / "data" / "previous-meeting-files"
    files = read_meeting_files(sorted(folder.glob("*.yaml")))
    ks = next(f for f in files if f.slug == "ks-toppmote-integrering-2016")
    assert [chair.who for chair in ks.chairs] == ["sanner", "helgesen"]
    assert ks.agenda[0].speakers[0].who == "sanner"
    with Workspace.open(tmp_path / "planner.sqlite", "ada") as workspace:
        workspace.import_meetings(files)
        assert len(workspace.list_meetings()) == 3


@pytest.mark.parametrize("old", [PREVIOUS_VERSION, WRITTEN_BY_0_2], ids=["0001", "0002"])
def test_submitted_registrations_become_pending_and_are_counted(tmp_path: Path, old: Path):
    path = tmp_path / "old.sqlite"
    path.write_bytes(old.read_bytes())
    slug = "nordisk-integrasjonskonferanse-2018"

    with Workspace.open(path, "ada") as workspace:
        places = registrations.places(workspace, slug)
        with workspace.reading() as connection:
            meeting_id = workspace.get_meeting(slug).id
            chosen = registration_rows.chosen_items(connection, meeting_id)
        found = {r.name: r for r in registrations.everyone(workspace, slug)}
        asa = registrations.find(workspace, slug, "asa.ek@example.se").registration
        outcome = registrations.set_status(
            workspace, slug, found["Åsa Ek"].key, RegistrationStatus.CONFIRMED
        )

    assert found["Åsa Ek"].status == asa.status == RegistrationStatus.PENDING
    assert found["Kari Nordmann"].delegation == "norge"
    assert [r.name for r in found.values() if r.status == "pending"] == [
        "Åsa Ek",
        "Matti Meikäläinen",
    ]
    assert (places.counts[RegistrationStatus.CONFIRMED], places.waiting) == (4, 1)
    assert chosen == {"spar-a": 3, "spar-b": 3, "spar-c": 2}
    assert outcome.done[0].after == RegistrationStatus.CONFIRMED
    with sqlite3.connect(path) as connection:
        statuses = connection.execute("SELECT DISTINCT status FROM registrations").fetchall()
        documents = connection.execute("SELECT document FROM registrations").fetchall()
        search = connection.execute(
            "SELECT search FROM registrations WHERE name = 'Øystein Ås'"
        ).fetchone()[0]
    connection.close()
    assert ("submitted",) not in statuses
    assert all(json.loads(d)["status"] != "submitted" for (d,) in documents)
    assert search == "oystein as oystein.as@example.no eksempeldirektoratet"


def test_downgrading_gives_the_old_statuses_back_and_upgrading_again_keeps_the_counts(
    tmp_path: Path,
):
    path = tmp_path / "old.sqlite"
    path.write_bytes(WRITTEN_BY_0_2.read_bytes())
    slug = "nordisk-integrasjonskonferanse-2018"
    with Workspace.open(path, "ada") as workspace:
        registrations.set_status(workspace, slug, "anna.andersson@example.se", "attended")
        before = registrations.places(workspace, slug)
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0003_programmes")
        with engine.connect() as connection:
            old = dict(connection.execute(text("SELECT name, status FROM registrations")).all())
    finally:
        engine.dispose()
    assert (old["Åsa Ek"], old["Anna Andersson"]) == ("submitted", "confirmed")

    with Workspace.open(path, "ada") as workspace:
        after = registrations.places(workspace, slug)
    assert after.counts[RegistrationStatus.PENDING] == before.counts[RegistrationStatus.PENDING]
    assert after.meeting.taken == before.meeting.taken
