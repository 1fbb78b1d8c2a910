"""Checking people in: from the command line, and two desks at once."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from planner.model import MeetingFile, Person
from planner.registrations import checkin
from planner.store import Workspace
from tests.intake_files import meeting_with
from tests.integration.command_line import planner, succeeded

SLUG = "nordisk-integrasjon-2018"
PEOPLE = [("Øystein Løvås", "Fjordvik kommune"), ("Bjørn Dæhlie", "KS"),
          ("Björn Borg", "SKR"), ("Åse Ødegård", "KS")]  # fmt: skip


def _workspace(path: Path, people=PEOPLE) -> None:
    with Workspace.open(path, "ada") as workspace:
        workspace.import_meetings([MeetingFile.model_validate(meeting_with(people))])


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
    with Workspace.open(location, f"desk {keys[0]}") as workspace:
        for key in keys:
            results.put((key, checkin.check_in(workspace, SLUG, key).already))


def test_two_desks_check_in_different_people_at_once(tmp_path):
    location = tmp_path / "planner.sqlite"
    people = [(f"Person {n}", "KS") for n in range(24)]
    _workspace(location, people)
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    keys = [f"p{n}" for n in range(24)]
    desks = [
        context.Process(target=_desk, args=(str(location), keys[0::2] + ["p1"], start, results)),
        context.Process(target=_desk, args=(str(location), keys[1::2] + ["p0"], start, results)),
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
        arrived = [s for s in workspace.list_registrations(SLUG) if s.registration.checked_in_at]
    assert len(arrived) == 24


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
