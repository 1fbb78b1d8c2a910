"""Random sequences of changes never break what the status machine promises: no limit is
ever exceeded (the meeting's places, a workshop's, a delegation's quota), the counts the
store keeps agree with the registrations, every change made is one audit entry, and every
status reached is one the machine allows."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from planner import registrations
from planner.errors import PlannerError
from planner.model import MeetingFile, Promotion
from planner.model import RegistrationStatus as Status
from planner.registrations.status import HOLDS_PLACE, can_become
from planner.store import Workspace
from planner.store import registrations as store
from planner.store.schema import registration_tallies
from tests.factories import conference_data

SLUG = "dialogmote"
START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
PEOPLE = 7
CAPACITY, WORKSHOP, QUOTA = 3, 2, 1

Step = tuple[str, int, Status, int]
steps = st.lists(
    st.tuples(
        st.sampled_from(["status", "status", "status", "bulk", "promote", "undo"]),
        st.integers(0, PEOPLE - 1),
        st.sampled_from([*Status, *[Status.CONFIRMED] * 6, Status.CANCELLED, Status.OFFERED]),
        st.integers(0, 30),
    ),
    max_size=14,
)


LIMITED = {
    "meeting": {"capacity": CAPACITY},
    "workshop": {"workshop": WORKSHOP},
    "delegation": {"per_delegation": QUOTA},
    "all": {"capacity": CAPACITY + 1, "workshop": WORKSHOP, "per_delegation": QUOTA},
}
"""One meeting where only its places are limited, one for a workshop, one for delegations,
and one where all three are: each limit is pressed on its own and together."""


def limited_meeting(capacity=None, workshop=None, per_delegation=None) -> MeetingFile:
    people = [
        {
            "person": {"name": f"Deltaker {n}", "organisation": f"Kommune {n % 3}"},
            "submitted_at": f"2026-02-01 10:{n:02d}",
            "priority": n % 2,
            "status": "confirmed" if n < 2 else "pending",
            "answers": {"workshops": ["verksted"] if n % 3 != 2 else []},
        }
        for n in range(PEOPLE)
    ]
    return MeetingFile.model_validate(
        conference_data(
            SLUG,
            capacity=capacity,
            agenda=[{"id": "verksted", "title": "Verksted", "duration": 60, "capacity": workshop}],
            registration_rules={"per_delegation": per_delegation, "offer_hours": 24},
            registrations=people,
        )
    )


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict[str, Path]:
    """Each meeting in a workspace of its own, made once and copied for every example."""
    folder = tmp_path_factory.mktemp("templates")
    made = {}
    for name, limits in LIMITED.items():
        made[name] = folder / f"{name}.sqlite"
        with Workspace.open(made[name], "ada") as workspace:
            workspace.import_meetings([limited_meeting(**limits)])
    return made


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=steps, automatic=st.booleans(), limited=st.sampled_from(sorted(LIMITED)))
def test_random_changes_never_break_an_invariant(
    templates: dict[str, Path], tmp_path: Path, steps: list[Step], automatic: bool, limited: str
):
    path = tmp_path / f"example-{id(steps)}.sqlite"
    shutil.copy(templates[limited], path)
    try:
        with Workspace.open(path, "ada") as workspace:
            if automatic:
                _promote_automatically(workspace)
            keys = [r.key for r in registrations.everyone(workspace, SLUG)]
            made = 0
            for operation, person, status, hours in steps:
                now = START + timedelta(hours=hours)
                before = _statuses(workspace)
                outcome = _run(workspace, operation, keys, person, status, now)
                made += len(outcome.done) + len(outcome.expired) if outcome else 0
                _check(workspace, before, outcome, made)
    finally:
        path.unlink(missing_ok=True)


def _promote_automatically(workspace: Workspace) -> None:
    stored = workspace.get_meeting(SLUG)
    rules = stored.meeting.registration_rules.model_copy(update={"promotion": Promotion.AUTOMATIC})
    changed = stored.meeting.model_copy(update={"registration_rules": rules})
    workspace.save_meeting(stored.id, changed, stored.version)


def _run(workspace, operation, keys, person, status, now) -> registrations.Outcome | None:
    try:
        if operation == "status":
            return registrations.set_status(workspace, SLUG, keys[person], status, now=now)
        if operation == "bulk":
            chosen = keys[person : person + 4]
            return registrations.set_statuses(workspace, SLUG, chosen, status, now=now)
        if operation == "promote":
            return registrations.promote(workspace, SLUG, now=now)
        return registrations.undo(workspace, SLUG, now=now)
    except PlannerError:
        return None  # refused: nothing written, which _check confirms


def _statuses(workspace: Workspace) -> dict[str, Status]:
    return {r.key: r.status for r in registrations.everyone(workspace, SLUG)}


def _check(workspace: Workspace, before: dict, outcome, made: int) -> None:
    after = _statuses(workspace)
    if outcome is None:
        assert after == before, "a refused change wrote something"
    else:
        for change in [*outcome.expired, *outcome.done]:
            if change.after is not None and change.why != "undone":
                assert change.before is None or can_become(change.before, change.after)
    places = registrations.places(workspace, SLUG)
    for limit in places.limits:
        assert limit.places is None or limit.taken <= limit.places, limit
    holding = [key for key, status in after.items() if status in HOLDS_PLACE]
    assert places.meeting.taken == len(holding)
    log = workspace.audit_log(meeting_slug=SLUG, limit=10_000)
    changes = [e for e in log if e.action in ("registration.status", "registration.undone")]
    assert len(changes) == made
    _tallies_agree(workspace)


def _tallies_agree(workspace: Workspace) -> None:
    """The tallies kept agree with counting again (in a transaction then rolled back)."""
    table = registration_tallies
    meeting_id = workspace.get_meeting(SLUG).id
    try:
        with workspace.writing() as change:
            connection = change.connection
            kept = set(connection.execute(select(table).where(table.c.count != 0)).all())
            store.recount(connection, meeting_id)
            recounted = set(connection.execute(select(table).where(table.c.count != 0)).all())
            raise _Rollback(kept == recounted)
    except _Rollback as agreed:
        assert agreed.args[0], "the tallies kept disagree with the registrations"


class _Rollback(Exception):
    pass
