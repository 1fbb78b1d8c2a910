"""Forms that do what they show, driven by keys: the keys of every form on screen, a box that
reads ticked or not without colour, a question added from the topics screen, the events
outside the programme edited and removed, and a new meeting's texts in its own language."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from planner.tui.screens.pickers import QuestionsEditor
from planner.tui.widgets.form import Form
from planner.tui.widgets.key_bar import KeyBar
from planner.tui.widgets.virtual_table import VirtualTable
from tests.tui.pilot import settled

NORDIC = "nordisk-integrasjonskonferanse-2018"


async def keys(pilot, *pressed: str) -> None:
    await pilot.press(*pressed)
    await settled(pilot)


def app_on(samples) -> PlannerApp:
    return PlannerApp(samples, keys=UserKeys(), home_language="en")


async def test_forms_show_their_keys_ticks_read_without_colour_and_events_are_edited(
    samples,
):
    app = app_on(samples)
    async with app.run_test(size=(120, 36)) as pilot:
        await settled(pilot)  # the meetings listed
        await keys(pilot, "down", "down", "enter", "enter")  # the conference's first item
        assert "^s Save" in str(app.screen.query_one(KeyBar).render())
        box = app.screen.query_one("#f-parallel")
        box.focus()
        await pilot.pause()
        assert str(box.render()).startswith("[ ]")
        await keys(pilot, "space")
        assert str(box.render()).startswith("[X]")
        await keys(pilot, "escape", "y")  # changed: leave without saving

        await keys(pilot, "T", "tab", "a")  # on the questions: a new question of that item
        assert isinstance(app.screen, QuestionsEditor)
        editor = app.screen.query_one("#questions", OptionList)
        new = editor.get_option_at_index(editor.highlighted).prompt
        assert str(new) == "(new question – type its text below)"
        await keys(pilot, "escape", "y", "escape")

        await keys(pilot, "E")
        events = app.screen.query_one("#events", VirtualTable)
        assert [str(row.cells[2]) for row in events.rows] == ["Konferensmiddag"]
        await keys(pilot, "enter", "tab", "end", "ctrl+u", *"Middag på Nyhavn", "ctrl+s")
        assert [str(row.cells[2]) for row in events.rows] == ["Middag på Nyhavn"]
        await keys(pilot, "d")
        assert events.rows == []
        await keys(pilot, "u")
        assert len(events.rows) == 1
        await keys(pilot, "escape")
    saved = samples.get_meeting(NORDIC).meeting.events
    assert [event.title.root["sv"] for event in saved] == ["Middag på Nyhavn"]


async def test_a_new_meetings_texts_follow_its_language(samples):
    app = app_on(samples)
    async with app.run_test(size=(120, 36)) as pilot:
        await settled(pilot)
        await keys(pilot, "n")
        form = app.screen.query_one(Form)
        assert form.text_language == "en"  # the app's language, until the meeting has its own
        app.screen.query_one("#f-title").focus()
        await keys(pilot, *"Möte om integration")
        app.screen.query_one("#f-language").focus()
        await keys(pilot, "enter", *"sv", "enter")
        assert form.text_language == "sv"
        assert app.screen.query_one("#f-title", Input).value == "Möte om integration"
        await keys(pilot, "ctrl+l")
        assert form.text_language == "nb"  # the Nordic languages follow the meeting's own
        await keys(pilot, "ctrl+l", "ctrl+l")
        assert form.text_language == "da"  # nb, nn, (sv was first), da
