"""The first TUI screen, driven with Textual's Pilot on a demo workspace."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, OptionList, Static

from planner.meeting_files import read_meeting_files
from planner.resources import sample_meeting_files
from planner.store import Workspace
from planner.tui.app import PlannerApp


@pytest.fixture
def demo_workspace(tmp_path):
    with Workspace.open(tmp_path / "demo.sqlite", actor="test") as workspace:
        workspace.import_meetings(read_meeting_files(sample_meeting_files()))
        yield workspace


@pytest.fixture
def empty_workspace(tmp_path):
    with Workspace.open(tmp_path / "empty.sqlite", actor="test") as workspace:
        yield workspace


async def settled(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_lists_the_meetings_and_shows_the_first_agenda(demo_workspace):
    app = PlannerApp(demo_workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await settled(pilot)
        meetings = app.query_one("#meetings", OptionList)
        assert meetings.option_count == len(sample_meeting_files())
        table = app.query_one("#agenda", DataTable)
        first = app.meetings[0]
        assert table.row_count >= len(first.schedule.items)
        heading = str(app.query_one("#heading", Static).render())
        assert first.meeting.text(first.meeting.title) in heading


async def test_moving_down_shows_the_next_meetings_agenda(demo_workspace):
    app = PlannerApp(demo_workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await settled(pilot)
        await pilot.press("down")
        await pilot.pause()
        second = app.meetings[1].meeting
        assert second.text(second.title) in str(app.query_one("#heading", Static).render())


async def test_an_empty_workspace_says_how_to_get_started(empty_workspace):
    app = PlannerApp(empty_workspace)
    async with app.run_test() as pilot:
        await settled(pilot)
        assert "planner demo" in str(app.query_one("#heading", Static).render())


async def test_q_quits(empty_workspace):
    app = PlannerApp(empty_workspace)
    async with app.run_test() as pilot:
        await settled(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_damaged_meeting_is_shown_as_such_and_the_others_still_open(
    demo_workspace, tmp_path
):
    import sqlite3

    with sqlite3.connect(tmp_path / "demo.sqlite") as connection:
        connection.execute(
            "UPDATE meetings SET document = json_set(document, '$.timezone', 'Mars/Olympus') "
            "WHERE slug = 'ks-toppmote-integrering-2016'"
        )
    connection.close()
    app = PlannerApp(demo_workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await settled(pilot)
        damaged = next(i for i, m in enumerate(app.meetings) if m.meeting is None)
        meetings = app.query_one("#meetings", OptionList)
        meetings.highlighted = damaged
        await pilot.pause()
        heading = str(app.query_one("#heading", Static).render())
        assert "is damaged" in heading and "Mars/Olympus" in heading
        await pilot.press("down")
        await pilot.pause()
        assert app.is_running


async def test_a_failing_load_shows_its_message_and_the_app_goes_on(demo_workspace, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(demo_workspace, "list_meetings", broken)
    app = PlannerApp(demo_workspace)
    async with app.run_test() as pilot:
        await settled(pilot)
        assert "the disk went away" in str(app.query_one("#heading", Static).render())
        assert app.is_running
        await pilot.press("q")


def option_texts(app) -> list[str]:
    meetings = app.query_one("#meetings", OptionList)
    return [str(meetings.get_option_at_index(i).prompt) for i in range(meetings.option_count)]


async def test_each_meeting_is_shown_in_its_own_language_until_a_key_switches_it(demo_workspace):
    app = PlannerApp(demo_workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await settled(pilot)
        texts = option_texts(app)
        assert any("Konferens" in t and "Integration i Norden" in t for t in texts)
        assert any("Dialogmøte" in t for t in texts)
        nordic = next(i for i, t in enumerate(texts) if "Integration i Norden" in t)
        app.query_one("#meetings", OptionList).highlighted = nordic
        await pilot.pause()
        assert "Plats:" in str(app.query_one("#heading", Static).render())

        await pilot.press("l")  # the first language of the list: Norwegian Bokmål
        await pilot.pause()

        texts = option_texts(app)
        assert any("Konferanse" in t and "Integrering i Norden" in t for t in texts)
        heading = str(app.query_one("#heading", Static).render())
        assert "Sted:" in heading and "tirsdag 20. november 2018" in heading
        table = app.query_one("#agenda", DataTable)
        assert [str(c.label) for c in table.columns.values()] == ["Nr.", "Tid", "Min", "Program"]
