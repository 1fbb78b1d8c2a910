"""Nothing is overwritten silently: ids are never reused, a save reaches only the record it
was read from, imports merge registrations by key, and a stale exported file is refused.

Every test runs on SQLite and on PostgreSQL (the latter where PLANNER_TEST_POSTGRES_URL names
a scratch server; .ci/run starts one).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from planner import registrations
from planner.errors import ChangedSinceExport, Conflict, InvalidInput, NotFound
from planner.model import MeetingFile, Registration, RegistrationStatus
from planner.store import Workspace
from tests.factories import conference_data

SLUG = "nordisk-integrasjon-2018"
OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "planner.sqlite")
    return request.getfixturevalue("postgres_url")


def registration(name: str, **changes: Any) -> dict[str, Any]:
    data = {
        "person": {"name": name, "email": f"{name.split()[0].lower()}@example.no"},
        "submitted_at": "2026-02-01 10:00",
    }
    return {**data, **changes}


def meeting_file(*registrations: dict[str, Any], **changes: Any) -> MeetingFile:
    data = conference_data(SLUG, **changes)
    data["registrations"] = list(registrations)
    return MeetingFile.model_validate(data)


def names(workspace: Workspace) -> list[tuple[int, str]]:
    return [(r.id, r.registration.person.name) for r in workspace.list_registrations(SLUG)]


# -- ids and versions ------------------------------------------------------------------------


def test_an_old_copy_of_a_deleted_meeting_cannot_overwrite_its_recreated_namesake(location):
    with Workspace.open(location, "ada") as ada, Workspace.open(location, "bob") as bob:
        ada.import_meetings([meeting_file()])
        old_copy = ada.get_meeting(SLUG)
        current = bob.get_meeting(SLUG)
        bob.delete_meeting(current.id, current.version)
        bob.import_meetings([meeting_file(title="Den nye konferansen")])

        with pytest.raises(Conflict) as raised:
            ada.save_meeting(
                old_copy.id, old_copy.meeting.model_copy(update={"capacity": 5}), old_copy.version
            )

        assert "was deleted by bob" in str(raised.value)
        assert "another one" in str(raised.value)
        kept = bob.get_meeting(SLUG)
        assert str(kept.meeting.title) == "Den nye konferansen"
        assert kept.meeting.capacity is None
        assert kept.id != old_copy.id
        assert kept.uid != old_copy.uid


def test_ids_freed_by_a_delete_are_never_handed_out_again(location):
    with Workspace.open(location, "ada") as workspace:
        workspace.import_meetings([meeting_file(registration("Kari Nordmann"))])
        first = workspace.get_meeting(SLUG)
        [(kari_id, _)] = names(workspace)
        workspace.delete_meeting(first.id, first.version)

        workspace.import_meetings([meeting_file(registration("Ola Nordmann"))])

        again = workspace.get_meeting(SLUG)
        [(ola_id, _)] = names(workspace)
        assert again.id > first.id
        assert ola_id > kari_id


def test_an_old_copy_of_a_removed_registration_cannot_overwrite_its_successor(location):
    with Workspace.open(location, "ada") as workspace:
        workspace.import_meetings([meeting_file(registration("Kari Nordmann"))])
        [kari] = workspace.list_registrations(SLUG)
        workspace.import_meetings(
            [meeting_file(registration("Ola Nordmann"))], replace=True, remove_missing=True
        )
        [(ola_id, _)] = names(workspace)

        noted = kari.registration.model_copy(update={"notes": "Kommer likevel"})
        with pytest.raises(NotFound, match=f"no registration “{kari.registration.key}”"):
            registrations.edit(workspace, SLUG, kari.registration.key, noted, kari.version)

        assert ola_id != kari.id
        assert names(workspace) == [(ola_id, "Ola Nordmann")]


def test_a_replace_updates_known_registrations_in_place(location):
    with Workspace.open(location, "ada") as workspace:
        workspace.import_meetings(
            [meeting_file(registration("Kari Nordmann"), registration("Ola Nordmann"))]
        )
        exported = workspace.export_meeting(SLUG)
        kari, ola = exported.registrations
        confirmed = kari.model_copy(update={"status": RegistrationStatus.CONFIRMED})
        edited = exported.model_copy(update={"registrations": [confirmed, ola]})
        before = {r.registration.key: (r.id, r.version) for r in workspace.list_registrations(SLUG)}

        (result,) = workspace.import_meetings([edited], replace=True)

        after = {r.registration.key: r for r in workspace.list_registrations(SLUG)}
        assert (result.registrations.updated, result.registrations.unchanged) == (1, 1)
        assert (after[kari.key].id, after[kari.key].version) == (before[kari.key][0], 2)
        assert after[kari.key].registration.status == RegistrationStatus.CONFIRMED
        assert (after[ola.key].id, after[ola.key].version) == before[ola.key]


def test_a_registration_without_a_key_is_matched_by_its_email_on_a_second_import(location):
    with Workspace.open(location, "ada") as workspace:
        file = meeting_file(registration("Kari Nordmann"), registration("Ola Nordmann"))
        workspace.import_meetings([file])

        (result,) = workspace.import_meetings([file], replace=True)

        assert len(names(workspace)) == 2
        assert (result.action, result.registrations.unchanged) == ("unchanged", 2)


AT_THE_DOOR = datetime(2026, 3, 10, 8, 55, tzinfo=OSLO)


def exported_then_checked_in(workspace: Workspace) -> MeetingFile:
    """Kari confirmed, the meeting exported, and then Kari checked in at the door."""
    workspace.import_meetings([meeting_file(registration("Kari Nordmann", status="confirmed"))])
    exported = workspace.export_meeting(SLUG)
    [kari] = workspace.list_registrations(SLUG)
    arrived = kari.registration.model_copy(update={"checked_in_at": AT_THE_DOOR})
    registrations.edit(workspace, SLUG, kari.registration.key, arrived, kari.version)
    return exported


def test_a_check_in_made_after_the_export_survives_a_replace(location):
    with Workspace.open(location, "ada") as workspace:
        exported = exported_then_checked_in(workspace)

        workspace.import_meetings([exported.model_copy(update={"exported": None})], replace=True)

        [kept] = workspace.list_registrations(SLUG)
        assert kept.registration.checked_in_at == AT_THE_DOOR


def test_a_file_may_not_cancel_a_registration_checked_in_at_the_door(location):
    with Workspace.open(location, "ada") as workspace:
        exported = exported_then_checked_in(workspace)
        cancelled = exported.registrations[0].model_copy(
            update={"status": RegistrationStatus.CANCELLED}
        )
        stale = exported.model_copy(update={"registrations": [cancelled], "exported": None})

        with pytest.raises(InvalidInput, match=r"registrations\[0\]\.status: .*checked in"):
            workspace.import_meetings([stale], replace=True)

        [kept] = workspace.list_registrations(SLUG)
        assert kept.registration.status == RegistrationStatus.CONFIRMED


# -- exported files ----------------------------------------------------------------------------


def test_a_file_exported_before_a_colleagues_change_is_refused_unless_forced(location):
    with Workspace.open(location, "ada") as ada, Workspace.open(location, "bob") as bob:
        ada.import_meetings([meeting_file(registration("Kari Nordmann"))])
        exported = ada.export_meeting(SLUG)
        current = bob.get_meeting(SLUG)
        bob.save_meeting(current.id, current.meeting.model_copy(update={"capacity": 40}), 1)
        registrations.add(bob, SLUG, Registration.model_validate(registration("Per Hansen")))
        mine = exported.model_copy(update={"capacity": 99})

        with pytest.raises(ChangedSinceExport) as raised:
            ada.import_meetings([mine], replace=True)

        message = str(raised.value)
        assert "the file has version 1, the workspace has version 2" in message
        assert "bob: meeting.updated" in message and "fields: capacity" in message
        assert "bob: registration.added" in message
        assert bob.get_meeting(SLUG).meeting.capacity == 40

        (forced,) = ada.import_meetings([mine], replace=True, force=True)
        assert forced.stored.meeting.capacity == 99
        assert [name for _, name in names(ada)] == ["Kari Nordmann", "Per Hansen"]


def test_a_file_exported_from_another_workspace_does_not_replace_a_meeting_here(location, tmp_path):
    with Workspace.open(tmp_path / "elsewhere.sqlite", "ada") as elsewhere:
        elsewhere.import_meetings([meeting_file()])
        foreign = elsewhere.export_meeting(SLUG)
    with Workspace.open(location, "bob") as workspace:
        workspace.import_meetings([meeting_file(title="Vår egen konferanse")])

        with pytest.raises(ChangedSinceExport, match="exported from another workspace"):
            workspace.import_meetings([foreign], replace=True)

        assert str(workspace.get_meeting(SLUG).meeting.title) == "Vår egen konferanse"


def test_a_file_of_a_meeting_renamed_since_is_not_imported_as_a_second_copy(location):
    with Workspace.open(location, "ada") as workspace:
        workspace.import_meetings([meeting_file()])
        exported = workspace.export_meeting(SLUG)
        current = workspace.get_meeting(SLUG)
        renamed = current.meeting.model_copy(update={"slug": "nordisk-2018"})
        workspace.save_meeting(current.id, renamed, current.version)

        with pytest.raises(ChangedSinceExport, match="renamed 'nordisk-2018'"):
            workspace.import_meetings([exported], replace=True)

        assert [m.slug for m in workspace.list_meetings()] == ["nordisk-2018"]


# -- concurrency -------------------------------------------------------------------------------


def test_concurrent_replaces_each_raise_the_version_exactly_once(location):
    writers = 200 if location.startswith("postgresql") else 40
    with Workspace.open(location, "ada") as workspace:
        workspace.import_meetings([meeting_file()])
        start = threading.Barrier(8)

        def replace(number: int) -> str:
            if number < 8:
                start.wait()
            file = meeting_file(title=f"Nordisk integrasjon, utkast {number}")
            [result] = workspace.import_meetings([file], replace=True)
            return result.action

        with ThreadPoolExecutor(max_workers=8) as pool:
            actions = list(pool.map(replace, range(writers)))

        assert actions == ["replaced"] * writers
        assert workspace.get_meeting(SLUG).version == 1 + writers
        replaced = [e for e in workspace.audit_log(limit=1000) if e.action == "meeting.replaced"]
        assert len(replaced) == writers


def test_two_stale_saves_racing_on_one_version_let_exactly_one_through(location):
    with Workspace.open(location, "ada") as workspace:
        opened = workspace.add_meeting(meeting_file().to_meeting())
        start = threading.Barrier(8)

        def save(number: int) -> str:
            start.wait()
            changed = opened.meeting.model_copy(update={"capacity": 10 + number})
            try:
                workspace.save_meeting(opened.id, changed, opened.version)
            except Conflict:
                return "refused"
            return "saved"

        with ThreadPoolExecutor(max_workers=8) as pool:
            outcomes = sorted(pool.map(save, range(8)))

        assert outcomes == ["refused"] * 7 + ["saved"]
        assert workspace.get_meeting(SLUG).version == 2
