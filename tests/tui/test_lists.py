"""Lists as a user moves through them by keys: Home, End and the page keys in every list, two
meetings of the same title told apart, the filter finding a meeting by its venue or city and
saying when nothing matches, a multi-day agenda showing where each day begins, and a meeting
opened without claiming anything was saved."""

from __future__ import annotations

from textual.widgets import Static

from planner.resources import sample_meeting_files
from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from planner.tui.widgets.virtual_table import VirtualTable
from tests.tui.pilot import settled

SAMPLES = len(sample_meeting_files())


def listed(app) -> VirtualTable:
    return app.screen.query_one("#meetings", VirtualTable)


def detail(app) -> str:
    return str(app.screen.query_one("#detail", Static).render())


async def test_the_meetings_list_by_keys_home_end_filter_and_the_same_title_twice(samples):
    app = PlannerApp(samples, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        table = listed(app)
        await pilot.press("end")
        assert table.cursor == SAMPLES - 1
        await pilot.press("home")
        assert table.current_key == "formannskapet-fjordvik-2015-11"
        await pilot.press("pagedown")
        assert table.cursor == SAMPLES - 1
        await pilot.press("pageup")
        assert table.cursor == 0

        await pilot.press("down", "c")  # next year's KS summit: the same title twice
        await settled(pilot)
        titles = [str(row.cells[2]) for row in table.rows if "toppmøte" in str(row.cells[2])]
        assert titles == [
            "Politisk toppmøte om integrering av flyktninger (ks-toppmote-integrering-2016)",
            "Politisk toppmøte om integrering av flyktninger (ks-toppmote-integrering-2017)",
        ]
        assert "(ks-toppmote-integrering-2017)" in table.render_line(3).text  # kept on screen

        for typed, found in [("eigtveds", "nordisk"), ("kobenhavn", "nordisk"), ("fjordvik", "")]:
            await pilot.press("slash", *typed)
            await pilot.pause()
            assert table.rows[0].key.startswith(found or "formannskapet")
            await pilot.press("escape")
        await pilot.press("slash", *"zzz")
        await pilot.pause()
        assert (
            table.rows == [] and detail(app) == "No meeting matches “zzz”. Esc clears the filter."
        )


async def test_an_agenda_of_two_days_shows_each_day_and_opens_without_saying_saved(samples):
    app = PlannerApp(samples, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("end", "enter")  # the two-day meeting on the new white paper
        await settled(pilot)
        table = app.screen.query_one("#agenda", VirtualTable)
        days = [str(row.above) for row in table.rows if row.above is not None]
        assert days == ["Dag 1: tirsdag 28. mars 2023", "Dag 2: onsdag 29. mars 2023"]
        assert str(app.screen.query_one("#status", Static).render()) == "Version 1"
        await pilot.press("end")
        assert table.cursor == len(table.rows) - 1
        await pilot.press("home")
        assert table.cursor == 0

        await pilot.press("P", "tab")  # the organisations: the same keys
        await settled(pilot)
        organisations = app.screen.query_one("#organisations", VirtualTable)
        await pilot.press("end")
        assert organisations.cursor == len(organisations.rows) - 1 > 0
        await pilot.press("home")
        assert organisations.cursor == 0
