"""Several processes confirming the last places at the same moment: the meeting's row is
locked for each change, so exactly as many are confirmed as there are places, on SQLite and
on PostgreSQL, and every change is in the audit log once."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner import registrations
from planner.model import MeetingFile
from planner.model import RegistrationStatus as Status
from planner.store import Workspace
from tests.factories import conference_data

SLUG = "toppmote"
PLACES = 5
PROCESSES = 4
EACH = 5

CONFIRMER = """
import sys, time
from pathlib import Path
from planner import registrations
from planner.model import RegistrationStatus
from planner.store import Workspace

location, go, keys = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
with Workspace.open(location, "prosess", busy_timeout=30) as workspace:
    while not go.exists():
        time.sleep(0.005)
    for key in keys:
        registrations.set_status(workspace, "toppmote", key, RegistrationStatus.CONFIRMED)
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "planner.sqlite")
    return request.getfixturevalue("postgres_url")


def test_processes_confirming_at_once_never_exceed_the_places(location: str, tmp_path: Path):
    people = [
        {
            "person": {"name": f"Ordfører {n}", "organisation": f"Kommune {n}"},
            "submitted_at": f"2026-02-01 10:{n:02d}",
        }
        for n in range(PROCESSES * EACH)
    ]
    data = conference_data(SLUG, capacity=PLACES, registrations=people)
    with Workspace.open(location, "ada") as workspace:
        workspace.import_meetings([MeetingFile.model_validate(data)])
        keys = [r.key for r in registrations.everyone(workspace, SLUG)]
    go = tmp_path / "go"
    started = [
        subprocess.Popen(
            [sys.executable, "-c", CONFIRMER, location, str(go), *keys[n::PROCESSES]],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(PROCESSES)
    ]
    time.sleep(1.0)  # every process has opened the workspace and waits
    go.touch()
    for process in started:
        _, errors = process.communicate(timeout=120)
        assert process.returncode == 0, errors

    with Workspace.open(location, "ada") as workspace:
        places = registrations.places(workspace, SLUG)
        listed = registrations.everyone(workspace, SLUG)
        log = workspace.audit_log(meeting_slug=SLUG, limit=1000)
        revision = workspace.get_meeting(SLUG).revision
    assert places.counts[Status.CONFIRMED] == PLACES
    assert places.counts[Status.WAITLISTED] == PROCESSES * EACH - PLACES
    assert sum(r.status == Status.CONFIRMED for r in listed) == PLACES
    changes = [e for e in log if e.action == "registration.status"]
    assert len(changes) == PROCESSES * EACH
    assert {e.actor for e in changes} == {"prosess"}
    assert revision == 1 + PROCESSES * EACH
