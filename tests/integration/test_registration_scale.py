"""The store stays proportionate: reaching, changing and counting one registration costs the
same in a meeting of 100,000 as in one of 1,000, and an agenda save does not read the
registrations. Cost is counted, never timed: SQLite's virtual machine steps (every row it
reads costs some) and the statements sent, for the same call on both meetings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import event

from benchmarks.workloads import workspace_by_sql
from planner import registrations
from planner.model import RegistrationStatus as Status
from planner.store import Workspace

SLUG = "nordisk-integrasjonskonferanse-2018"
SMALL, LARGE = 1_000, 100_000
STEP = 100
"""SQLite calls the progress handler every this many virtual machine instructions."""


@dataclass
class Cost:
    steps: int = 0
    statements: int = 0


class Meter:
    """Counts what the workspace's SQLite connections do while `measured()` is open."""

    def __init__(self, workspace: Workspace) -> None:
        self.cost: Cost | None = None
        engine = workspace._engine
        event.listen(engine, "checkout", self._watch)
        event.listen(engine, "before_cursor_execute", self._statement)

    def _watch(self, dbapi_connection, record, proxy) -> None:
        dbapi_connection.set_progress_handler(self._tick, STEP)

    def _tick(self) -> int:
        if self.cost is not None:
            self.cost.steps += 1
        return 0

    def _statement(self, *args) -> None:
        if self.cost is not None:
            self.cost.statements += 1

    @contextmanager
    def measured(self) -> Iterator[Cost]:
        self.cost = Cost()
        try:
            yield self.cost
        finally:
            self.cost = None


@pytest.fixture(scope="module")
def sizes(tmp_path_factory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("scale")
    return {count: workspace_by_sql(folder, count) for count in (SMALL, LARGE)}


def cost_at(path: Path, call: Callable[[Workspace], object]) -> Cost:
    with Workspace.open(path, "ada") as workspace:
        meter = Meter(workspace)
        call(workspace)  # warm: the same statements compiled, the same pages cached
        with meter.measured() as cost:
            call(workspace)
    return cost


def key(number: int) -> str:
    return f"{number:016x}"


def confirm_and_back(workspace: Workspace) -> None:
    """Confirm someone pending (there is room), then undo it: the same change each time."""
    pending = registrations.page(workspace, SLUG, statuses=[Status.PENDING], limit=1)[0]
    registrations.set_status(workspace, SLUG, pending.key, Status.CONFIRMED)
    registrations.undo(workspace, SLUG)


def save_agenda(workspace: Workspace) -> None:
    stored = workspace.get_meeting(SLUG)
    agenda = list(stored.meeting.agenda)
    first = agenda[0].model_copy(update={"duration": (agenda[0].duration or 10) + 5})
    changed = stored.meeting.model_copy(update={"agenda": [first, *agenda[1:]]})
    workspace.save_meeting(stored.id, changed, stored.version)


CALLS: dict[str, Callable[[Workspace], object]] = {
    "one registration by key": lambda w: registrations.find(w, SLUG, key(700)),
    "one registration by e-mail": lambda w: registrations.find(w, SLUG, "deltaker700@example.no"),
    "a status change and its undo": confirm_and_back,
    "the counts and places": lambda w: registrations.places(w, SLUG),
    "the first of the waiting list": lambda w: registrations.waiting_list(w, SLUG, limit=20),
    "one page of the list": lambda w: registrations.page(w, SLUG, limit=50),
    "one registration's history": lambda w: registrations.history(w, SLUG, key(700)),
    "an agenda save": save_agenda,
    "the meetings list": lambda w: w.list_meetings(),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_the_cost_is_the_same_at_100_000_as_at_1_000(sizes: dict[int, Path], name: str):
    small = cost_at(sizes[SMALL], CALLS[name])
    large = cost_at(sizes[LARGE], CALLS[name])

    assert large.statements == small.statements, (small, large)
    # B-tree look-ups go one or two levels deeper in the larger file: a few steps more.
    assert large.steps <= small.steps * 1.3 + 20, (name, small, large)


def test_the_meter_sees_a_query_that_reads_every_registration(sizes: dict[int, Path]):
    def read_all(workspace: Workspace) -> None:
        """A search for words no one has looks at every registration's row."""
        assert registrations.page(workspace, SLUG, search="zzzz") == []

    small = cost_at(sizes[SMALL], read_all)
    large = cost_at(sizes[LARGE], read_all)
    assert large.steps > small.steps * 50
