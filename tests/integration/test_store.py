"""The workspace as a secretariat uses it: meetings, registrations, imports, the audit log."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, exc, text

from planner.errors import Conflict, InvalidInput, NotFound, PlannerError
from planner.model import Meeting, MeetingFile, MeetingStatus, Registration, RegistrationStatus
from planner.store import Workspace, rows
from planner.store.locations import parse_location
from planner.store.schema import UTCDateTime
from tests.factories import conference_data

OSLO = ZoneInfo("Europe/Oslo")


def make_meeting(slug: str = "nordisk-integrasjon-2018", **changes: Any) -> Meeting:
    return Meeting.model_validate(conference_data(slug, **changes))


def make_registration(name: str = "Kari Nordmann", **changes: Any) -> Registration:
    data: dict[str, Any] = {
        "person": {"name": name, "email": f"{name.split()[0].lower()}@example.no"},
        "submitted_at": "2026-02-01 10:00",
    }
    data.update(changes)
    return Registration.model_validate(data)


def make_file(slug: str = "nordisk-integrasjon-2018", registrations=(), **changes) -> MeetingFile:
    data = conference_data(slug, **changes)
    data["registrations"] = [
        {"person": {"name": name}, "submitted_at": "2026-02-01 10:00"} for name in registrations
    ]
    return MeetingFile.model_validate(data)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "planner.sqlite"


@pytest.fixture
def workspace(path: Path) -> Iterator[Workspace]:
    with Workspace.open(path, "ada") as opened:
        yield opened


# -- opening -------------------------------------------------------------------------------


def test_a_path_is_a_file_and_only_text_with_a_scheme_is_a_url(tmp_path: Path):
    assert parse_location(tmp_path / "w.sqlite").path == tmp_path / "w.sqlite"
    assert parse_location(str(tmp_path / "a?b.sqlite")).path == tmp_path / "a?b.sqlite"
    assert parse_location("50%20off.sqlite").path == Path.cwd() / "50%20off.sqlite"
    server = parse_location("postgresql://planner@db/planner")
    assert server.path is None
    assert server.shown == "postgresql+psycopg://planner@db/planner"
    assert parse_location("sqlite:////tmp/w.sqlite").path == Path("/tmp/w.sqlite")
    assert parse_location("sqlite:///relative.sqlite").path == Path.cwd() / "relative.sqlite"


def test_a_database_password_never_shows_in_messages():
    with pytest.raises(PlannerError) as raised:
        Workspace.open("postgresql+psycopg://planner:s3cret@127.0.0.1:1/planner", "ada")
    assert "s3cret" not in str(raised.value)
    assert "postgresql+psycopg://planner:***@127.0.0.1:1/planner" in str(raised.value)


def test_a_database_planner_does_not_support_is_refused_before_anything_is_written():
    with pytest.raises(PlannerError, match="SQLite or PostgreSQL, not mysql"):
        Workspace.open("mysql://planner:secret@db/planner", "ada")


def test_the_location_shown_is_the_file_path(workspace: Workspace, path: Path):
    assert workspace.location == str(path)
    assert workspace.actor == "ada"


def test_the_workspace_file_is_in_wal_mode(workspace: Workspace, path: Path):
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        connection.close()


def test_a_writer_waits_for_another_then_gives_a_clear_message_and_readers_go_on(path: Path):
    with Workspace.open(path, "ada", busy_timeout=0.2) as workspace:
        workspace.add_meeting(make_meeting("first"))
        other = sqlite3.connect(path, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("DELETE FROM meetings")  # not committed: the lock is held

            with pytest.raises(PlannerError, match="is busy") as raised:
                workspace.add_meeting(make_meeting("second"))
            assert str(path) in str(raised.value)
            # WAL: reading does not wait for the writer, and sees the last commit.
            assert [m.slug for m in workspace.list_meetings()] == ["first"]
        finally:
            other.execute("ROLLBACK")
            other.close()
        workspace.add_meeting(make_meeting("second"))
        assert {m.slug for m in workspace.list_meetings()} == {"first", "second"}


def test_naive_datetimes_are_refused_on_the_way_in():
    column_type = UTCDateTime()
    with pytest.raises(ValueError, match="naive datetime"):
        column_type.process_bind_param(datetime(2026, 3, 10, 9, 0), dialect=None)  # type: ignore[arg-type]


def test_importing_the_store_loads_no_heavy_library_and_no_alembic(path: Path):
    Workspace.open(path, "ada").close()  # created (and migrated) here, in this process
    script = (
        "import sys\n"
        "from planner.store import Workspace\n"
        f"Workspace.open({str(path)!r}, 'ada').list_meetings()\n"
        "heavy = {'textual', 'weasyprint', 'docxtpl', 'openpyxl', 'alembic'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# -- meetings ------------------------------------------------------------------------------


def test_a_meeting_comes_back_as_it_went_in_with_times_in_its_zone(workspace: Workspace):
    meeting = make_meeting(
        language="sv",
        title={"sv": "Nordisk integration", "nb": "Nordisk integrasjon"},
        capacity=120,
        end="2026-03-11 15:00",
        agenda=[
            {"id": "velkommen", "title": "Välkommen", "start": "09.30", "duration": "15 min"},
            {
                "id": "verksted",
                "title": "Verkstäder",
                "parallel": True,
                "items": [
                    {"id": "spor-a", "title": "Arbete", "duration": 60},
                    {"id": "spor-b", "title": "Bostad", "duration": 60},
                ],
            },
            {"title": "Dag två", "day": 2, "start": "09:00", "duration": "1h30"},
        ],
    )

    added = workspace.add_meeting(meeting)
    stored = workspace.get_meeting("nordisk-integrasjon-2018")

    assert added.version == stored.version == 1
    assert stored.meeting == meeting
    assert stored.meeting.start == datetime(2026, 3, 10, 9, 0, tzinfo=OSLO)
    assert stored.meeting.start.tzinfo == OSLO
    assert stored.meeting.end.strftime("%H:%M %z") == "15:00 +0100"
    assert stored.meeting.agenda[2].start.strftime("%H:%M") == "09:00"


def test_times_are_stored_in_utc(workspace: Workspace, path: Path):
    workspace.add_meeting(make_meeting(start="2026-06-10 09:00", end="2026-06-10 16:00"))
    connection = sqlite3.connect(path)
    try:
        start = connection.execute("SELECT start_at FROM meetings").fetchone()[0]
    finally:
        connection.close()
    assert start.startswith("2026-06-10 07:00:00")  # 09:00 in Oslo in summer is 07:00 UTC


def test_the_list_is_ordered_by_start_and_counts_registrations(workspace: Workspace):
    workspace.add_meeting(make_meeting("later", start="2026-05-01 10:00", end="2026-05-01 12:00"))
    workspace.add_meeting(
        make_meeting(
            "earlier",
            title={"sv": "Dialogmöte", "nb": "Dialogmøte"},
            language="sv",
            timezone="Europe/Stockholm",
            start="2026-01-20 13:00",
            end="2026-01-20 15:00",
        )
    )
    workspace.add_registration("later", make_registration("Kari Nordmann"))
    workspace.add_registration("later", make_registration("Ola Nordmann", status="confirmed"))
    workspace.add_registration("later", make_registration("Per Hansen", status="confirmed"))

    summaries = workspace.list_meetings()

    assert [s.slug for s in summaries] == ["earlier", "later"]
    earlier, later = summaries
    assert earlier.title == "Dialogmöte"
    assert earlier.start == datetime(2026, 1, 20, 13, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    assert earlier.start.tzinfo == ZoneInfo("Europe/Stockholm")
    assert earlier.registration_count == 0
    assert later.registrations[RegistrationStatus.CONFIRMED] == 2
    assert later.registrations[RegistrationStatus.SUBMITTED] == 1
    assert later.registrations[RegistrationStatus.WAITLISTED] == 0
    assert later.version == 1


def test_a_taken_slug_is_a_conflict_that_suggests_replace(workspace: Workspace):
    workspace.add_meeting(make_meeting())

    with pytest.raises(Conflict, match=r"'nordisk-integrasjon-2018' is already in the workspace"):
        workspace.add_meeting(make_meeting(title="Something else"))

    assert str(workspace.get_meeting("nordisk-integrasjon-2018").meeting.title) == (
        "Nordisk integrasjon"
    )


def test_an_unknown_slug_names_close_ones(workspace: Workspace):
    workspace.add_meeting(make_meeting())
    workspace.add_meeting(make_meeting("toppmote-storbyene"))

    with pytest.raises(NotFound) as raised:
        workspace.get_meeting("nordisk-integrasjon-2019")

    message = str(raised.value)
    assert "'nordisk-integrasjon-2019'" in message
    assert "did you mean 'nordisk-integrasjon-2018'" in message
    assert "toppmote" not in message


def test_saving_bumps_the_version_and_records_the_changed_fields(workspace: Workspace):
    opened = workspace.add_meeting(make_meeting())
    changed = opened.meeting.model_copy(update={"capacity": 80, "status": MeetingStatus.PUBLISHED})

    saved = workspace.save_meeting(opened.id, changed, opened.version)

    assert saved.version == 2
    assert workspace.get_meeting(changed.slug).meeting.capacity == 80
    entry = workspace.audit_log(limit=1)[0]
    assert entry.action == "meeting.updated"
    assert sorted(entry.detail["fields"]) == ["capacity", "status"]


def test_saving_an_unchanged_meeting_writes_nothing(workspace: Workspace):
    opened = workspace.add_meeting(make_meeting())

    saved = workspace.save_meeting(opened.id, opened.meeting, opened.version)

    assert saved.version == 1
    assert [e.action for e in workspace.audit_log()] == ["meeting.added"]


def test_renaming_a_meeting_moves_it_to_the_new_slug(workspace: Workspace):
    opened = workspace.add_meeting(make_meeting("gammel"))
    workspace.add_registration("gammel", make_registration())
    renamed = opened.meeting.model_copy(update={"slug": "ny"})

    workspace.save_meeting(opened.id, renamed, opened.version)

    assert [m.slug for m in workspace.list_meetings()] == ["ny"]
    assert len(workspace.list_registrations("ny")) == 1
    assert workspace.audit_log(limit=1)[0].detail == {"fields": ["slug"], "renamed_from": "gammel"}


def test_deleting_a_meeting_removes_its_registrations(workspace: Workspace, path: Path):
    opened = workspace.add_meeting(make_meeting())
    workspace.add_registration(opened.meeting.slug, make_registration())

    workspace.delete_meeting(opened.id, opened.version)

    assert workspace.list_meetings() == []
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("SELECT count(*) FROM registrations").fetchone()[0] == 0
    finally:
        connection.close()
    entry = workspace.audit_log(limit=1)[0]
    assert (entry.action, entry.meeting_slug) == ("meeting.deleted", opened.meeting.slug)
    assert entry.detail["registrations"] == 1


# -- importing -----------------------------------------------------------------------------


def test_an_import_with_a_conflict_in_the_last_file_writes_nothing(workspace: Workspace):
    workspace.add_meeting(make_meeting("third"))
    audit_before = workspace.audit_log()
    files = [
        make_file("first", registrations=["Kari Nordmann"]),
        make_file("second"),
        make_file("third", title="A different third meeting"),
    ]

    with pytest.raises(Conflict) as raised:
        workspace.import_meetings(files, source="agendas/")

    assert "'third'" in str(raised.value)
    assert "nothing was imported" in str(raised.value)
    assert [m.slug for m in workspace.list_meetings()] == ["third"]
    assert str(workspace.get_meeting("third").meeting.title) == "Nordisk integrasjon"
    assert workspace.audit_log() == audit_before
    with pytest.raises(NotFound):
        workspace.list_registrations("first")


def test_an_import_adds_every_file_with_its_registrations(workspace: Workspace):
    stored = workspace.import_meetings(
        [make_file("first", registrations=["Kari Nordmann", "Ola Nordmann"]), make_file("second")],
        source="agendas/",
    )

    assert [(s.stored.slug, s.stored.version, s.action) for s in stored] == [
        ("first", 1, "added"),
        ("second", 1, "added"),
    ]
    names = [r.registration.person.name for r in workspace.list_registrations("first")]
    assert names == ["Kari Nordmann", "Ola Nordmann"]
    entries = workspace.audit_log()
    assert [(e.action, e.meeting_slug) for e in entries] == [
        ("meeting.added", "second"),
        ("meeting.added", "first"),
    ]
    assert entries[1].detail == {
        "source": "agendas/",
        "registrations": {"added": 2, "updated": 0, "kept": 0, "removed": 0},
    }


def test_the_same_meeting_twice_in_one_import_is_refused(workspace: Workspace):
    with pytest.raises(Conflict, match="twice"):
        workspace.import_meetings([make_file("first"), make_file("first")])
    assert workspace.list_meetings() == []


def test_replace_bumps_the_version_and_keeps_registrations_the_file_does_not_list(
    workspace: Workspace,
):
    workspace.import_meetings([make_file(registrations=["Kari Nordmann", "Ola Nordmann"])])

    (replaced,) = workspace.import_meetings(
        [make_file(title="Nordisk integrasjon 2018")], replace=True, source="nordisk.yaml"
    )

    assert (replaced.action, replaced.previous_version, replaced.stored.version) == (
        "replaced",
        1,
        2,
    )
    assert replaced.registrations.kept == 2
    stored = workspace.get_meeting("nordisk-integrasjon-2018")
    assert stored.version == 2
    assert str(stored.meeting.title) == "Nordisk integrasjon 2018"
    assert len(workspace.list_registrations("nordisk-integrasjon-2018")) == 2
    entry = workspace.audit_log(limit=1)[0]
    assert entry.action == "meeting.replaced"
    assert entry.detail["fields"] == ["title"]
    assert entry.detail["source"] == "nordisk.yaml"


def test_replace_adds_the_files_new_registrations_and_keeps_the_others(workspace: Workspace):
    workspace.import_meetings([make_file(registrations=["Kari Nordmann", "Ola Nordmann"])])

    (result,) = workspace.import_meetings([make_file(registrations=["Per Hansen"])], replace=True)

    names = [
        r.registration.person.name for r in workspace.list_registrations("nordisk-integrasjon-2018")
    ]
    assert names == ["Kari Nordmann", "Ola Nordmann", "Per Hansen"]
    assert (result.registrations.added, result.registrations.kept) == (1, 2)


def test_replace_removes_the_registrations_the_file_lacks_only_when_asked(workspace: Workspace):
    workspace.import_meetings([make_file(registrations=["Kari Nordmann", "Ola Nordmann"])])

    (result,) = workspace.import_meetings(
        [make_file(registrations=["Per Hansen"])], replace=True, remove_missing=True
    )

    names = [
        r.registration.person.name for r in workspace.list_registrations("nordisk-integrasjon-2018")
    ]
    assert names == ["Per Hansen"]
    assert (result.registrations.added, result.registrations.removed) == (1, 2)
    detail = workspace.audit_log(limit=1)[0].detail
    assert detail["registrations"] == {"added": 1, "updated": 0, "kept": 0, "removed": 2}


def test_an_exported_meeting_equals_the_imported_file(workspace: Workspace):
    file = make_file(registrations=["Kari Nordmann", "Ola Nordmann"], capacity=50)
    workspace.import_meetings([file])

    exported = workspace.export_meeting(file.slug)

    assert exported.to_meeting() == file.to_meeting()
    assert exported.exported is not None
    assert (exported.exported.version, exported.exported.by) == (1, "ada")
    assert all(r.key for r in exported.registrations)
    assert [r.person.name for r in exported.registrations] == ["Kari Nordmann", "Ola Nordmann"]


# -- optimistic locking --------------------------------------------------------------------


def test_the_second_of_two_saves_from_the_same_version_is_refused(path: Path):
    with Workspace.open(path, "ada") as setup:
        setup.add_meeting(make_meeting())

    with Workspace.open(path, "ada") as ada, Workspace.open(path, "bob") as bob:
        ada_copy = ada.get_meeting("nordisk-integrasjon-2018")
        bob_copy = bob.get_meeting("nordisk-integrasjon-2018")

        ada.save_meeting(
            ada_copy.id, ada_copy.meeting.model_copy(update={"capacity": 60}), ada_copy.version
        )
        with pytest.raises(Conflict) as raised:
            bob.save_meeting(
                bob_copy.id,
                bob_copy.meeting.model_copy(update={"status": MeetingStatus.PUBLISHED}),
                bob_copy.version,
            )

        assert re.fullmatch(
            r"meeting 'nordisk-integrasjon-2018' was changed by ada at "
            r"\d{4}-\d\d-\d\d \d\d:\d\d Europe/Oslo since you opened it \(it is now version 2, "
            r"you have version 1\); reload it and make your change again",
            str(raised.value),
        )
        kept = bob.get_meeting("nordisk-integrasjon-2018")
        assert (kept.version, kept.meeting.capacity, kept.meeting.status) == (2, 60, "draft")

        # After reloading, bob's change goes through.
        bob.save_meeting(
            kept.id,
            kept.meeting.model_copy(update={"status": MeetingStatus.PUBLISHED}),
            kept.version,
        )
        assert ada.get_meeting("nordisk-integrasjon-2018").version == 3


def test_a_stale_delete_is_refused(workspace: Workspace):
    opened = workspace.add_meeting(make_meeting())
    workspace.save_meeting(
        opened.id, opened.meeting.model_copy(update={"capacity": 10}), opened.version
    )

    with pytest.raises(Conflict, match="now version 2, you have version 1"):
        workspace.delete_meeting(opened.id, opened.version)
    assert len(workspace.list_meetings()) == 1


def test_saving_a_meeting_someone_deleted_says_so(path: Path):
    with Workspace.open(path, "ada") as ada, Workspace.open(path, "bob") as bob:
        opened = ada.add_meeting(make_meeting())
        bob.delete_meeting(opened.id, opened.version)

        with pytest.raises(Conflict, match="was deleted by bob"):
            ada.save_meeting(
                opened.id, opened.meeting.model_copy(update={"capacity": 5}), opened.version
            )
        assert ada.list_meetings() == []


# -- registrations -------------------------------------------------------------------------


def test_registration_times_are_read_in_the_meetings_zone(workspace: Workspace, path: Path):
    workspace.add_meeting(make_meeting())
    registration = make_registration(submitted_at="2026-02-01 10:00")

    added = workspace.add_registration("nordisk-integrasjon-2018", registration)

    assert registration.submitted_at.tzinfo is None  # the caller's object is left as it was
    assert added.registration.submitted_at == datetime(2026, 2, 1, 10, 0, tzinfo=OSLO)
    (listed,) = workspace.list_registrations("nordisk-integrasjon-2018")
    assert listed == added
    assert listed.registration.submitted_at.tzinfo == OSLO
    connection = sqlite3.connect(path)
    try:
        stored = connection.execute("SELECT submitted_at FROM registrations").fetchone()[0]
    finally:
        connection.close()
    assert stored.startswith("2026-02-01 09:00:00")


def test_a_stale_registration_save_is_refused(path: Path):
    with Workspace.open(path, "ada") as ada, Workspace.open(path, "bob") as bob:
        ada.add_meeting(make_meeting())
        added = ada.add_registration("nordisk-integrasjon-2018", make_registration())

        confirmed = added.registration.model_copy(update={"status": RegistrationStatus.CONFIRMED})
        saved = ada.save_registration(added.id, confirmed, added.version)
        assert saved.version == 2

        cancelled = added.registration.model_copy(update={"status": RegistrationStatus.CANCELLED})
        with pytest.raises(Conflict) as raised:
            bob.save_registration(added.id, cancelled, added.version)

        message = str(raised.value)
        assert f"registration {added.id} (Kari Nordmann)" in message
        assert "changed by ada" in message
        assert "now version 2, you have version 1" in message
        (kept,) = bob.list_registrations("nordisk-integrasjon-2018")
        assert (kept.version, kept.registration.status) == (2, "confirmed")


def test_a_workshop_choice_must_name_an_agenda_item(workspace: Workspace):
    workspace.add_meeting(make_meeting(agenda=[{"id": "spor-a", "duration": 60}]))

    with pytest.raises(InvalidInput, match="unknown agenda item or event 'spor-x'"):
        workspace.add_registration(
            "nordisk-integrasjon-2018", make_registration(answers={"workshops": ["spor-x"]})
        )
    added = workspace.add_registration(
        "nordisk-integrasjon-2018", make_registration(answers={"workshops": ["spor-a"]})
    )

    assert added.registration.answers.workshops == ["spor-a"]
    assert len(workspace.list_registrations("nordisk-integrasjon-2018")) == 1


def test_a_new_version_may_not_drop_an_agenda_item_registrations_chose(workspace: Workspace):
    tracks = [{"id": "spor-a", "duration": 60}, {"id": "spor-b", "duration": 60}]
    opened = workspace.add_meeting(make_meeting(agenda=tracks))
    workspace.add_registration(
        opened.meeting.slug, make_registration(answers={"workshops": ["spor-b"]})
    )
    without_b = opened.meeting.model_copy(update={"agenda": opened.meeting.agenda[:1]})

    with pytest.raises(Conflict, match=r"no longer has: 'spor-b' \(1\)"):
        workspace.save_meeting(opened.id, without_b, opened.version)
    with pytest.raises(Conflict, match="no longer has"):
        workspace.import_meetings([make_file(agenda=tracks[:1])], replace=True)

    assert workspace.get_meeting(opened.meeting.slug).version == 1
    assert workspace.export_meeting(opened.meeting.slug).registrations[0].answers.workshops == [
        "spor-b"
    ]


def test_a_registration_for_an_unknown_meeting_is_not_found(workspace: Workspace):
    with pytest.raises(NotFound, match="no meeting 'nowhere'"):
        workspace.add_registration("nowhere", make_registration())


# -- the audit log -------------------------------------------------------------------------


def test_every_change_is_in_the_audit_log_newest_first_with_who_did_it(path: Path):
    with Workspace.open(path, "ada") as ada:
        opened = ada.add_meeting(make_meeting())
        ada.add_meeting(make_meeting("other"))
    with Workspace.open(path, "bob") as bob:
        bob.save_meeting(
            opened.id, opened.meeting.model_copy(update={"capacity": 30}), opened.version
        )
        registration = bob.add_registration(opened.meeting.slug, make_registration())
        bob.save_registration(
            registration.id,
            registration.registration.model_copy(update={"status": RegistrationStatus.CONFIRMED}),
            registration.version,
        )

        entries = bob.audit_log()
        one_meeting = bob.audit_log(meeting_slug=opened.meeting.slug)
        latest = bob.audit_log(limit=2)

    assert [(e.actor, e.action, e.meeting_slug) for e in entries] == [
        ("bob", "registration.updated", "nordisk-integrasjon-2018"),
        ("bob", "registration.added", "nordisk-integrasjon-2018"),
        ("bob", "meeting.updated", "nordisk-integrasjon-2018"),
        ("ada", "meeting.added", "other"),
        ("ada", "meeting.added", "nordisk-integrasjon-2018"),
    ]
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    assert all(
        e.at.utcoffset() is not None and e.at.utcoffset().total_seconds() == 0 for e in entries
    )
    assert entries[0].subject == f"registration {registration.id}"
    assert entries[0].detail == {"fields": ["status"]}
    assert "Kari" not in repr(entries)  # no personal data in a log that cannot be erased
    assert len(one_meeting) == 4
    assert latest == entries[:2]


# -- PostgreSQL (only with a scratch server: PLANNER_TEST_POSTGRES_URL) -------------------


def test_a_postgresql_workspace_keeps_the_same_promises(postgres_url: str):
    with Workspace.open(postgres_url, "ada") as ada, Workspace.open(postgres_url, "bob") as bob:
        opened = ada.add_meeting(make_meeting())
        assert bob.get_meeting(opened.meeting.slug).meeting == opened.meeting
        assert bob.list_meetings()[0].start == datetime(2026, 3, 10, 9, 0, tzinfo=OSLO)

        ada.save_meeting(
            opened.id, opened.meeting.model_copy(update={"capacity": 60}), opened.version
        )
        with pytest.raises(Conflict, match="changed by ada"):
            bob.save_meeting(
                opened.id, opened.meeting.model_copy(update={"capacity": 5}), opened.version
            )

        with pytest.raises(Conflict, match="nothing was imported"):
            bob.import_meetings([make_file("new", registrations=["Kari Nordmann"]), make_file()])
        assert [m.slug for m in bob.list_meetings()] == [opened.meeting.slug]

        added = bob.add_registration(opened.meeting.slug, make_registration())
        assert added.registration.submitted_at == datetime(2026, 2, 1, 10, 0, tzinfo=OSLO)
        assert [e.action for e in bob.audit_log()] == [
            "registration.added",
            "meeting.updated",
            "meeting.added",
        ]

    engine = create_engine(postgres_url)
    try:
        for statement in ("UPDATE audit_log SET actor = 'mallory'", "DELETE FROM audit_log"):
            with (
                pytest.raises(exc.DBAPIError, match="the audit log is append-only"),
                engine.begin() as connection,
            ):
                connection.execute(text(statement))
    finally:
        engine.dispose()


def test_an_import_checks_its_registrations_before_it_takes_the_write_lock(
    path: Path, monkeypatch: pytest.MonkeyPatch
):
    with Workspace.open(path, "ada") as ada, Workspace.open(path, "bob", busy_timeout=0.1) as bob:
        ada.add_meeting(make_meeting("first"))
        checked: list[str] = []
        original = rows.registration_values

        def check_and_let_bob_write(registration, tz):
            if not checked:
                bob.add_meeting(make_meeting("bobs-meeting"))  # refused if ada held the lock
            checked.append(registration.person.name)
            return original(registration, tz)

        monkeypatch.setattr("planner.store.rows.registration_values", check_and_let_bob_write)

        ada.import_meetings([make_file("second", registrations=["Kari Nordmann", "Ola Hansen"])])

        assert checked[:2] == ["Kari Nordmann", "Ola Hansen"]
        assert [m.slug for m in ada.list_meetings()] == ["bobs-meeting", "first", "second"]


def test_an_import_racing_another_for_the_same_new_meeting_is_a_conflict(postgres_url: str):
    """Both look for the slug and find nothing; the second's insert waits for the first's
    transaction, then finds the slug taken: a Conflict, as if it had been there before."""
    import threading

    from planner.errors import AlreadyInWorkspace
    from planner.store import importing

    file = make_file("same", registrations=["Kari Nordmann"])
    outcome: list[BaseException | None] = []
    watcher = create_engine(postgres_url)
    with Workspace.open(postgres_url, "ada") as ada, Workspace.open(postgres_url, "bob") as bob:

        def bob_imports() -> None:
            try:
                bob.import_meetings([file])
                outcome.append(None)
            except BaseException as error:
                outcome.append(error)

        try:
            with ada.writing() as change:
                plans = importing.prepare([file], "ada's file")
                importing.apply(
                    change, plans, workspace_id="", replace=False, force=False, remove_missing=False
                )
                racer = threading.Thread(target=bob_imports)
                racer.start()
                _wait_for_a_lock_wait(watcher)
            racer.join(timeout=30)
        finally:
            watcher.dispose()
        assert len(ada.list_meetings()) == 1

    assert len(outcome) == 1 and isinstance(outcome[0], AlreadyInWorkspace), outcome
    assert "'same' is already in the workspace" in str(outcome[0])


def _wait_for_a_lock_wait(engine, most: float = 4.0) -> None:
    """Until another connection waits for a lock (well inside its 5 s lock timeout)."""
    import time

    deadline = time.monotonic() + most
    while time.monotonic() < deadline:
        with engine.connect() as connection:
            waiting = connection.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            ).scalar()
        if waiting:
            return
        time.sleep(0.02)
    raise AssertionError("the second import never waited for the first")
