"""Two people editing one meeting through their own workspace connections, on SQLite and on
PostgreSQL: a colleague's save is seen with one small query, merged, and followed through a
rename."""

from __future__ import annotations

import pytest

from planner.agenda import editing
from planner.editing.meetings import meeting_session
from planner.editing.session import EditState, Outcome
from planner.meeting_files import read_meeting_file
from planner.resources import sample_meeting_files
from planner.store import Workspace

KS = "ks-toppmote-integrering-2016"


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path) -> str:
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_url")
    return str(tmp_path / "planner.sqlite")


def test_two_sessions_on_one_meeting_see_merge_and_follow_each_others_saves(location):
    sample = next(p for p in sample_meeting_files() if p.stem == KS)
    with Workspace.open(location, "ada") as ada, Workspace.open(location, "bob") as bob:
        ada.import_meetings([read_meeting_file(sample)])
        mine, theirs = meeting_session(ada, KS), meeting_session(bob, KS)
        mine.load(), theirs.load()

        assert mine.check() is Outcome.NOTHING
        theirs.edit(editing.change_duration(theirs.present, (2,), 10))
        assert theirs.save() is Outcome.SAVED
        assert mine.check() is Outcome.RELOADED and mine.taken_in.by == "bob"

        mine.edit(editing.change_duration(mine.present, (0,), 5))
        theirs.edit(theirs.present.model_copy(update={"slug": "ks-toppmote-2016"}))
        assert theirs.save() is Outcome.SAVED  # renamed meanwhile
        assert mine.save() is Outcome.MERGED and mine.state is EditState.SAVED
        stored = ada.get_meeting("ks-toppmote-2016").meeting
        assert (stored.agenda[0].duration, stored.agenda[2].duration) == (15, 30)
