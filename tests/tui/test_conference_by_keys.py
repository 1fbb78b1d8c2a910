"""A whole conference built from the keyboard alone, as a Swedish-speaking secretariat would:
the Nordic integration conference (Copenhagen, 20 November 2018). The meeting, its agenda with
a panel and three parallel tracks, its organisations and people (an organisation typed by its
name), who takes which part, two topics, the panel's two questions to the room, and the
conference dinner outside the programme; then the agenda as the app shows it, and the meeting
as it was saved."""

from __future__ import annotations

from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from planner.tui.screens.agenda import AgendaScreen
from planner.tui.widgets.virtual_table import VirtualTable
from tests.tui.keyboard import tab_to, type_text
from tests.tui.pilot import settled

SLUG = "norden-2018"


async def keys(pilot, *pressed: str) -> None:
    """Press keys, then wait until what they started (a save, a screen) is done."""
    await pilot.press(*pressed)
    await settled(pilot)


async def choose(pilot, field_id: str, typed: str) -> None:
    """Open a list of choices, find the choice by typing it, take it."""
    await tab_to(pilot, field_id)
    await pilot.press("enter", *typed, "enter")


async def retype(pilot, field_id: str, text: str) -> None:
    """Replace what a field holds (a suggested time zone, duration or start)."""
    await tab_to(pilot, field_id)
    await pilot.press("end", "ctrl+u", *text)


async def create_the_meeting(pilot) -> None:
    await keys(pilot, "n")
    await type_text(pilot, "f-slug", SLUG)
    await choose(pilot, "f-kind", "konf")
    await type_text(pilot, "f-title", "Integration i Norden")
    await retype(pilot, "f-timezone", "Europe/Copenhagen")
    await type_text(pilot, "f-start", "2018-11-20 08:30")
    await type_text(pilot, "f-venue--name", "Eigtveds Pakhus")
    await type_text(pilot, "f-organiser--name", "NMR")
    await type_text(pilot, "f-organiser--email", "info@norden.org")
    await keys(pilot, "ctrl+s")


async def item(pilot, add: str, kind: str, title: str, minutes: int, *, parallel=False) -> None:
    """`add` ('a' after, 'i' inside) an item of `kind` (found by typing the start of its
    name); without a title, the kind names it."""
    await keys(pilot, add)
    await choose(pilot, "f-kind", kind)
    if title:
        await type_text(pilot, "f-title", title)
    if minutes != 15:  # what a new item lasts
        await retype(pilot, "f-duration", str(minutes))
    if parallel:
        await tab_to(pilot, "f-parallel")
        await pilot.press("space")
    await keys(pilot, "ctrl+s")


async def record(pilot, *fields: tuple[str, str]) -> None:
    """`a`, then each (field, text), then save."""
    await keys(pilot, "a")
    for field_id, text in fields:
        await type_text(pilot, field_id, text)
    await keys(pilot, "ctrl+s")


async def go_to(pilot, title: str) -> None:
    """Move the agenda's cursor with Home and the arrows to the item whose title begins so."""
    table = pilot.app.screen.query_one("#agenda", VirtualTable)
    titles = [str(row.cells[4]).strip() for row in table.rows]
    target = next(i for i, shown in enumerate(titles) if shown.startswith(title))
    await keys(pilot, "home", *["down"] * target)
    assert table.cursor == target


async def test_the_nordic_integration_conference_is_built_by_keys_alone(empty_workspace):
    app = PlannerApp(empty_workspace, keys=UserKeys(), home_language="sv")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await create_the_meeting(pilot)
        await keys(pilot, "enter")
        assert isinstance(app.screen, AgendaScreen)

        # The registers first: organisations, then a person naming one as typed.
        await keys(pilot, "P", "tab")  # the organisations
        await record(pilot, ("f-id", "nmr"), ("f-name", "Nordiska ministerrådet"))
        await record(pilot, ("f-id", "nordregio"), ("f-name", "Nordregio"))
        await keys(pilot, "tab")  # the people
        await record(
            pilot,
            ("f-id", "hoybraten"),
            ("f-name", "Dagfinn Høybråten"),
            ("f-organisation", "nordiska ministerrådet"),
        )
        await keys(pilot, "escape", "T")
        await record(pilot, ("f-id", "mal"), ("f-title", "Målen"))
        await record(pilot, ("f-id", "arbete"), ("f-title", "Arbete"))
        await keys(pilot, "tab", "a")  # a question is added on the agenda: the app says so
        assert "tryck k" in list(app._notifications)[-1].message
        await keys(pilot, "escape")

        # The programme.
        await item(pilot, "a", "reg", "", 30)
        await item(pilot, "a", "väl", "", 15)
        await item(pilot, "a", "pan", "Integration om tio år", 75)
        await item(pilot, "a", "paus", "", 25)
        await item(pilot, "a", "para", "Vad fungerar?", 80, parallel=True)
        await item(pilot, "i", "grupp", "Spår A", 80)
        await item(pilot, "a", "grupp", "Spår B", 80)
        await item(pilot, "a", "grupp", "Spår C", 80)
        await go_to(pilot, "Vad fungerar?")
        await item(pilot, "a", "lun", "", 60)
        await item(pilot, "a", "avs", "", 15)

        # Who takes part: the speaker, the panel's moderator and panellists in one go.
        await go_to(pilot, "Välkommen")
        await keys(pilot, "s", "space", "ctrl+s")  # Høybråten speaks (listed first)
        await go_to(pilot, "Integration om tio år")
        await keys(pilot, "s", "shift+tab", "enter", *"mod", "enter")
        await keys(pilot, "tab", "space")  # Høybråten moderates
        await keys(pilot, "shift+tab", "enter", *"pan", "enter", "tab")
        await keys(pilot, "down", "space", "down", "space", "ctrl+s")  # the two organisations

        # The panel's topic and its two questions to the room.
        await keys(pilot, "t", "space", "ctrl+s")
        await keys(pilot, "k", "ctrl+n", *"Var om tio år?")
        await choose(pilot, "f-topic", "mål")
        await keys(pilot, "ctrl+n", *"Vad först?")
        await keys(pilot, "ctrl+s")

        # The conference dinner, outside the programme.
        await keys(pilot, "E", "a")
        await choose(pilot, "f-kind", "middag")
        await type_text(pilot, "f-title", "Middag")
        await retype(pilot, "f-start", "2018-11-20 19:00")
        await type_text(pilot, "f-venue--name", "Nyhavn 17")
        await keys(pilot, "ctrl+s")
        assert len(app.screen.query_one("#events", VirtualTable).rows) == 1
        await keys(pilot, "escape")

        table = app.screen.query_one("#agenda", VirtualTable)
        shown = [
            (str(row.cells[1]), str(row.cells[2]), str(row.cells[4]).split("\n")[0].strip())
            for row in table.rows
        ]
        await keys(pilot, "escape", "q")

    assert shown == [
        ("", "08:30–09:00", "Registrering"),
        ("1", "09:00–09:15", "Välkommen"),
        ("2", "09:15–10:30", "Integration om tio år"),
        ("", "10:30–10:55", "Paus"),
        ("3", "10:55–12:15", "Vad fungerar?"),
        ("3.1", "10:55–12:15", "Spår A"),
        ("3.2", "10:55–12:15", "Spår B"),
        ("3.3", "10:55–12:15", "Spår C"),
        ("", "12:15–13:15", "Lunch"),
        ("4", "13:15–13:30", "Avslutning"),
    ]
    meeting = empty_workspace.get_meeting(SLUG).meeting
    assert meeting.language == "sv" and meeting.timezone == "Europe/Copenhagen"
    assert meeting.agenda[4].parallel and len(meeting.agenda[4].items) == 3
    assert meeting.people[0].organisation == "nmr"  # typed by its name
    welcome, panel = meeting.agenda[1], meeting.agenda[2]
    assert [p.who for p in welcome.speakers] == ["hoybraten"]
    assert [p.who for p in panel.moderators] == ["hoybraten"]
    assert [p.who for p in panel.panellists] == ["nmr", "nordregio"]
    assert panel.topics == ["mal"]
    assert [q.text.root for q in panel.questions] == ["Var om tio år?", "Vad först?"]
    assert panel.questions[0].topic == "mal"
    [dinner] = meeting.events
    assert dinner.kind.value == "dinner" and f"{dinner.start:%H:%M}" == "19:00"
