"""Checking people in: from the command line, and two desks at once."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from planner import registrations
from planner.errors import Conflict, Refused
from planner.model import MeetingFile, Person, Registration
from planner.model import RegistrationStatus as Status
from planner.registrations import checkin
from planner.store import Workspace
from tests.intake_files import meeting_with
from tests.integration.command_line import planner, succeeded

SLUG = "nordisk-integrasjon-2018"
PEOPLE = [("Øystein Løvås", "Fjordvik kommune"), ("Bjørn Dæhlie", "KS"),
          ("Björn Borg", "SKR"), ("Åse Ødegård", "KS")]  # fmt: skip


AT_THE_DOOR = datetime(2026, 3, 10, 8, 37, tzinfo=ZoneInfo("Europe/Oslo"))
AFTERWARDS = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)


def _workspace(path: Path | str, people=PEOPLE, **changes) -> None:
    with Workspace.open(path, "ada") as workspace:
        data = meeting_with(people, **changes)
        workspace.import_meetings([MeetingFile.model_validate(data)])


def test_searching_and_checking_in_from_the_command_line(runner, workspace):
    _workspace(workspace)
    found = succeeded(planner(runner, workspace, "checkin", SLUG, "--search", "bjorn"))
    assert [line.split(" · ")[:2] for line in found.splitlines()] == [
        ["p2", "Björn Borg"], ["p1", "Bjørn Dæhlie"],
    ]  # fmt: skip
    first = succeeded(planner(runner, workspace, "checkin", SLUG, "P0@KS.no"))
    assert first.startswith("Checked in: Øystein Løvås at ")
    again = succeeded(planner(runner, workspace, "checkin", SLUG, "p0"))
    assert again.startswith("Øystein Løvås is already checked in, at ")
    assert first.split(" at ")[1] == again.split(", at ")[1]
    unknown = planner(runner, workspace, "checkin", SLUG, "nobody@x.no")
    assert unknown.exit_code == 4


def _desk(location: str, keys: list[str], start, results) -> None:
    start.wait()
    with Workspace.open(location, f"desk {keys[0]}", busy_timeout=30) as workspace:
        for key in keys:
            results.put((key, checkin.check_in(workspace, SLUG, key).already))


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "planner.sqlite")
    return request.getfixturevalue("postgres_url")


def test_two_desks_check_in_different_people_at_once(location):
    people = [(f"Person {n}", "KS") for n in range(24)]
    _workspace(location, people)
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    keys = [f"p{n}" for n in range(24)]
    desks = [
        context.Process(target=_desk, args=(location, keys[0::2] + ["p1"], start, results)),
        context.Process(target=_desk, args=(location, keys[1::2] + ["p0"], start, results)),
    ]
    for process in desks:
        process.start()
    start.set()
    for process in desks:
        process.join(60)
        assert process.exitcode == 0
    outcomes = [results.get(timeout=5) for _ in range(26)]
    assert sorted(key for key, already in outcomes if not already) == sorted(keys)
    with Workspace.open(location, "ada") as workspace:
        listed = registrations.everyone(workspace, SLUG)
        counts = registrations.places(workspace, SLUG).counts
        log = workspace.audit_log(meeting_slug=SLUG, limit=100)
    assert {r.status for r in listed} == {Status.ATTENDED}
    assert all(r.checked_in_at is not None for r in listed)
    assert counts[Status.ATTENDED] == 24 and counts[Status.CONFIRMED] == 0
    assert sum(entry.detail.get("why") == "checked_in" for entry in log) == 24


def test_a_check_in_is_a_change_of_status_and_undo_puts_it_back(tmp_path):
    location = tmp_path / "planner.sqlite"
    _workspace(location)
    with Workspace.open(location, "ada") as workspace:
        registrations.add(workspace, SLUG, Registration(
            person=Person(name="Kari Venter", email="kari@ks.no"),
            submitted_at=datetime(2026, 2, 1, 9, tzinfo=UTC),
        ))  # fmt: skip
        done = checkin.check_in(workspace, SLUG, "p1", now=AT_THE_DOOR)
        assert done.arrival.checked_in_at == AT_THE_DOOR
        stored = registrations.find(workspace, SLUG, "p1").registration
        assert (stored.status, stored.checked_in_at) == (Status.ATTENDED, AT_THE_DOOR)
        [entry, *_] = workspace.audit_log(meeting_slug=SLUG)
        assert (entry.detail["from"], entry.detail["to"]) == ("confirmed", "attended")

        with pytest.raises(
            Refused, match="Kari Venter: the status “pending” cannot become “attended”"
        ):
            checkin.check_in(workspace, SLUG, "kari@ks.no", now=AT_THE_DOOR)

        checkin.undo_check_in(workspace, SLUG, "p1")
        stored = registrations.find(workspace, SLUG, "p1").registration
        assert (stored.status, stored.checked_in_at) == (Status.CONFIRMED, None)
        registrations.set_status(workspace, SLUG, "p2", Status.CANCELLED)
        with pytest.raises(Conflict, match="was not checking in Bjørn Dæhlie"):
            checkin.undo_check_in(workspace, SLUG, "p1")


def test_a_walk_in_needs_a_free_place(tmp_path):
    location = tmp_path / "planner.sqlite"
    _workspace(location, PEOPLE[:2], capacity=2)
    with Workspace.open(location, "ada") as workspace:
        with pytest.raises(Refused, match="the meeting is full"):
            checkin.walk_in(workspace, SLUG, Person(name="Åse Ny"), now=AT_THE_DOOR)
        assert len(registrations.everyone(workspace, SLUG)) == 2


def test_after_the_meeting_those_who_did_not_come_are_marked_no_show(tmp_path):
    location = tmp_path / "planner.sqlite"
    _workspace(location)
    with Workspace.open(location, "ada") as workspace:
        checkin.check_in(workspace, SLUG, "p0", now=AT_THE_DOOR)
        with pytest.raises(Refused, match="is not over yet"):
            checkin.mark_not_come(workspace, SLUG, now=AT_THE_DOOR)
        preview = checkin.mark_not_come(workspace, SLUG, preview=True, now=AFTERWARDS)
        assert sorted(t.name for t in preview.done) == sorted(name for name, _ in PEOPLE[1:])
        checkin.mark_not_come(workspace, SLUG, now=AFTERWARDS)
        statuses = {r.name: r.status for r in registrations.everyone(workspace, SLUG)}
        assert statuses == {"Øystein Løvås": Status.ATTENDED} | {
            name: Status.NO_SHOW for name, _ in PEOPLE[1:]
        }
        registrations.undo(workspace, SLUG)
        counts = registrations.places(workspace, SLUG).counts
        assert (counts[Status.CONFIRMED], counts[Status.NO_SHOW]) == (3, 0)


def test_a_desk_sees_what_another_desk_did(tmp_path):
    location = tmp_path / "planner.sqlite"
    _workspace(location)
    with Workspace.open(location, "desk 1") as one, Workspace.open(location, "desk 2") as two:
        first, second = checkin.CheckinDesk(one, SLUG), checkin.CheckinDesk(two, SLUG)
        assert not second.changes_elsewhere()
        done = first.check_in("p0")
        [seen] = second.changes_elsewhere().changed
        assert (seen.key, seen.checked_in_at) == ("p0", done.arrival.checked_in_at)
        assert not second.changes_elsewhere()
        assert second.check_in("p0").already
        walked = first.walk_in(Person(name="Åse Ny", organisation="KS"))
        assert [a.name for a in second.changes_elsewhere().changed] == ["Åse Ny"]
        assert walked.arrival.checked_in_at is not None
        first.undo(walked.arrival.key)
        assert second.changes_elsewhere().gone == [walked.arrival.key]
