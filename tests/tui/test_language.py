"""One language on screen: with the language set to Swedish, every screen the keys reach reads
in Swedish. The screen is read back as drawn; what is not the user's data (the sample
meetings' own texts) must have no English word of the app's, and no label missing from the
catalogue (the tests show those as ⟦key:language⟧)."""

from __future__ import annotations

import html
import re

from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from tests.tui.pilot import settled

APP_WORDS_IN_ENGLISH = [
    "Save", "Cancel", "Help", "Quit", "Delete", "Edit", "Undo", "Redo", "Back", "Close", "Add",
    "New", "Filter", "Title", "Kind", "Starts", "Ends", "Description", "Key", "Name", "Places",
    "Speakers", "Moderators", "People", "Topics", "Questions", "Events", "Loading", "Saved",
    "Date", "Time", "Where", "Registered", "waiting", "not used", "in order",
    "automatic", "none", "required", "fixed", "also in", "Language", "language of the texts",
    "Meetings", "Agenda", "Everywhere", "Forms", "Open the agenda", "Workspace", "workspace",
    "Space ticks", "programme", "Search for", "Commands", "Warnings",
    "No warnings", "item", "the meeting", "Yes", "yes",
]  # fmt: skip
"""Words of the app in English that Swedish never writes (the meetings' own texts may)."""

ENGLISH = re.compile(r"\b(" + "|".join(re.escape(w) for w in APP_WORDS_IN_ENGLISH) + r")\b")

NORDIC = "nordisk-integrasjonskonferanse-2018"


def drawn(app: PlannerApp) -> str:
    """The screen as the user reads it: the text of the SVG Textual would save."""
    svg = app.export_screenshot()
    runs = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(runs)).replace("\xa0", " ")


WALK = [
    # (keys from the screen before, the screen they reach, what it shows)
    ((), "MeetingsScreen", "the meetings"),
    (("slash", *"zzz"), "MeetingsScreen", "a filter that matches nothing"),
    (("escape", "question_mark"), "HelpScreen", "help"),
    (("end",), "HelpScreen", "help, at its end"),
    (("escape", "d"), "ConfirmScreen", "the question before deleting a meeting"),
    (("n", "n"), "MeetingFormScreen", "a new meeting's form"),
    (("ctrl+s",), "MeetingFormScreen", "a new meeting's problems"),
    (("escape", "y", "down", "down", "enter"), "AgendaScreen", "the agenda"),
    (("down", "down", "enter"), "ItemFormScreen", "an item's form"),
    (("escape", "s"), "PeoplePicker", "the people picker"),
    (("escape", "t"), "TopicsPicker", "the topics picker"),
    (("escape", "k"), "QuestionsEditor", "the questions to the room"),
    (("escape", "f"), "AgendaScreen", "a fixed start"),
    (("f", "e"), "MeetingFormScreen", "the meeting's details"),
    (("escape", "T"), "TopicsScreen", "the topics and questions"),
    (("a",), "RecordForm", "a new topic"),
    (("escape", "escape", "P"), "PeopleScreen", "the people and organisations"),
    (("a",), "RecordForm", "a new person"),
    (("escape", "escape", "E"), "EventsScreen", "the events outside the programme"),
    (("a",), "RecordForm", "a new event"),
    (("escape", "escape", "ctrl+p"), "CommandPalette", "the command palette"),
]


async def test_with_the_language_set_to_swedish_every_screen_reads_in_swedish(samples):
    app = PlannerApp(samples, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        for _ in range(3):  # each meeting in its own language, nb, nn, sv
            await pilot.press("l")
        assert app.words_language == "sv"
        for keys, screen, where in WALK:
            for key in keys:
                await pilot.press(key)
                await settled(pilot)
            assert type(app.screen).__name__ == screen, where
            text = drawn(app)
            assert "⟦" not in text, f"{where}: a label is missing\n{text}"
            english = sorted(set(ENGLISH.findall(text)))
            assert not english, f"{where} has English words {english}:\n{text}"
