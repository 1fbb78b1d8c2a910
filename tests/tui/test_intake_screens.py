"""The import wizard and the check-in desk, driven from the keyboard with Pilot."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from planner.model import MeetingFile
from planner.model import RegistrationStatus as Status
from planner.store import Workspace
from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from planner.tui.screens.checkin import CheckinScreen
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.screens.import_wizard import FieldPicker, ImportScreen
from planner.tui.screens.meetings import MeetingsScreen
from planner.tui.screens.registrations import RegistrationsScreen
from planner.tui.widgets.virtual_table import VirtualTable
from tests import intake_files as files
from tests.factories import conference_data
from tests.tui.pilot import worked

SLUG = "nordisk-integrasjon-2018"
PEOPLE = [("Øystein Løvås", "Fjordvik kommune"), ("Bjørn Dæhlie", "KS"),
          ("Björn Borg", "SKR"), ("Glover Andersen", "Fjordvik kommune")]  # fmt: skip


@pytest.fixture
def empty(tmp_path):
    """A meeting nobody has registered for yet."""
    with Workspace.open(tmp_path / "empty.sqlite", "test") as opened:
        opened.import_meetings([MeetingFile.model_validate(conference_data())])
        yield opened


@pytest.fixture
def workspace(tmp_path):
    with Workspace.open(tmp_path / "planner.sqlite", "test") as opened:
        opened.import_meetings([MeetingFile.model_validate(files.meeting_with(PEOPLE))])
        yield opened


async def _open(pilot, key: str) -> None:
    """From the meetings: `key` on the meeting (k), or on its registrations (i, e)."""
    for _ in range(200):
        if isinstance(pilot.app.screen, MeetingsScreen) and pilot.app.screen.listed:
            break
        await pilot.pause(0.01)
    if key != "k":
        await pilot.press("R")
        await worked(pilot)
        assert isinstance(pilot.app.screen, RegistrationsScreen)
    await pilot.press(key)
    await worked(pilot)


async def _type(pilot, text: str) -> None:
    for character in text:
        await pilot.press(character)
    await worked(pilot)


async def _read(pilot, export) -> None:
    """Open the import wizard and read `export` into it."""
    await _open(pilot, "i")
    assert isinstance(pilot.app.screen, ImportScreen)
    pilot.app.screen.query_one("#path", Input).value = str(export)  # pasted
    await pilot.press("enter")
    await worked(pilot)


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _rows(app, selector: str) -> list[list[str]]:
    table = app.screen.query_one(selector, VirtualTable)
    rows = table.rows
    if isinstance(app.screen, CheckinScreen):  # made only when drawn
        found = app.screen.rows
        rows = [found.row(n) for n in range(len(found))]
    return [[str(cell) for cell in row.cells] for row in rows]


# -- the import wizard ----------------------------------------------------------------------


async def test_the_wizard_reads_a_file_shows_the_dry_run_and_imports_after_a_decision(
    empty, tmp_path
):
    workspace = empty
    export = tmp_path / "svar.csv"
    export.write_bytes(
        files.google_forms_norwegian()
        + "x;kari@;Kari;KS;\r\n06.02.2026 08:31:00;o.l@gmail.com;Oystein Lovas;"
        "Fjordvik kommune;\r\n".encode("cp1252")
    )
    app = PlannerApp(workspace, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 35)) as pilot:
        await _read(pilot, export)
        assert "CSV Windows-1252 semicolon, 4 rows (0 empty); Google Forms" in _text(app, "#read")
        rows = _rows(app, "#rows")
        assert rows[0][0] == "5" and "row 2: Øystein Løvås" in rows[0][2]
        assert rows[1] == ["4", "rejected", "Tidsmerke: x cannot be read as a time"]
        assert "1 likely duplicate waits for you" in _text(app, "#counts")

        await pilot.press("ctrl+s")  # refused while undecided: nothing imported
        await worked(pilot)
        assert isinstance(app.screen, ImportScreen)
        assert workspace.list_registrations(SLUG) == []

        await pilot.press("tab", "d", "d", "d")  # someone else, the same person, skip
        await worked(pilot)
        assert "→ skip" in _rows(app, "#rows")[0][1]
        await pilot.press("ctrl+s")
        await worked(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = _text(app, "#question")
        assert question.endswith(": 2 new (2 pending) and 0 updated?")
        await pilot.press("y")
        await worked(pilot)
        assert isinstance(app.screen, RegistrationsScreen)
        assert sorted(app.screen.roster.at(n).name for n in range(2)) == [
            "Bjørn Dæhlie",
            "Øystein Løvås",
        ]
    names = {s.registration.person.name for s in workspace.list_registrations(SLUG)}
    assert {"Øystein Løvås", "Bjørn Dæhlie"} <= names and "Oystein Lovas" not in names


async def test_a_column_is_set_from_the_keyboard_and_the_file_read_again(empty, tmp_path):
    workspace = empty
    export = tmp_path / "svar.csv"
    export.write_text("Navn;E-post;Hvem er du?\nKari Aas;kari@ks.no;Ordfører\n")
    app = PlannerApp(workspace, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 35)) as pilot:
        await _read(pilot, export)
        assert _rows(app, "#columns")[2][:2] == ["Hvem er du?", "Answer (kept)"]
        await pilot.press("down", "down", "f")
        await worked(pilot)
        assert isinstance(app.screen, FieldPicker)
        await pilot.press("home", "down", "down", "down", "down", "down", "enter")
        await worked(pilot)
        assert _rows(app, "#columns")[2][:3] == ["Hvem er du?", "Title", "chosen"]
        await pilot.press("ctrl+s", "y")
        await worked(pilot)
    [kari] = [
        s.registration
        for s in workspace.list_registrations(SLUG)
        if s.registration.person.name == "Kari Aas"
    ]
    assert str(kari.person.title) == "Ordfører"


async def test_a_file_that_cannot_be_read_says_why_and_esc_leaves(workspace, tmp_path):
    export = tmp_path / "tom.csv"
    export.write_text("")
    app = PlannerApp(workspace, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await _read(pilot, export)
        assert "the file has no header row" in _text(app, "#read")
        assert app.screen.query_one("#path", Input).has_focus
        await pilot.press("escape")
        await worked(pilot)
        assert isinstance(app.screen, RegistrationsScreen)


# -- the check-in desk --------------------------------------------------------------------------


async def test_the_desk_finds_as_it_is_typed_and_checks_in_once(workspace):
    app = PlannerApp(workspace, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 35)) as pilot:
        await _open(pilot, "k")
        assert isinstance(app.screen, CheckinScreen)
        assert "Arrived 0 of 4 · Fjordvik kommune 0/2" in _text(app, "#counts")
        await _type(pilot, "bjorn")
        assert [row[0] for row in _rows(app, "#people")] == ["Björn Borg", "Bjørn Dæhlie"]
        await pilot.press("down", "enter")
        await worked(pilot)
        assert _text(app, "#said").startswith("Checked in: Bjørn Dæhlie at ")
        assert app.screen.query_one("#search", Input).value == ""
        assert "Arrived 1 of 4" in _text(app, "#counts")
        await pilot.press("enter")  # a second Enter at once: the same person, not the top row
        await worked(pilot)
        assert "Bjørn Dæhlie is already checked in, at " in _text(app, "#said")
        assert "Arrived 1 of 4" in _text(app, "#counts")

        await _type(pilot, "daehlie")
        await pilot.press("enter")
        await worked(pilot)
        assert "Bjørn Dæhlie is already checked in, at " in _text(app, "#said")

        await pilot.press("ctrl+z")
        await worked(pilot)
        assert _text(app, "#said") == "Check-in undone: Bjørn Dæhlie"
        assert "Arrived 0 of 4" in _text(app, "#counts")
        await pilot.press("escape")  # clears the search
        await worked(pilot)
        assert app.screen.query_one("#search", Input).value == ""
        await pilot.press("escape")
        await worked(pilot)
        assert isinstance(app.screen, MeetingsScreen)
    stored = [s.registration for s in workspace.list_registrations(SLUG)]
    assert [r for r in stored if r.checked_in_at] == []
    assert {r.status for r in stored} == {Status.CONFIRMED}
    log = [e.action for e in workspace.audit_log(meeting_slug=SLUG, limit=2)]
    assert log == ["registration.undone", "registration.status"]


async def test_a_walk_in_is_registered_and_checked_in_in_one_form(workspace):
    app = PlannerApp(workspace, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 35)) as pilot:
        await _open(pilot, "k")
        await _type(pilot, "Åse Ny")
        assert "Nobody matches “Åse Ny”" in _text(app, "#said")
        await pilot.press("ctrl+n")
        await worked(pilot)
        assert app.screen.form.flat_values()["name"] == "Åse Ny"
        await pilot.press("tab")
        await _type(pilot, "KS")
        await pilot.press("ctrl+s")
        await worked(pilot)
        assert isinstance(app.screen, CheckinScreen)
        assert _text(app, "#said").startswith("Checked in: Åse Ny at ")
        assert "Arrived 1 of 5" in _text(app, "#counts")
    [walk_in] = [
        s.registration
        for s in workspace.list_registrations(SLUG)
        if s.registration.person.name == "Åse Ny"
    ]
    assert walk_in.checked_in_at is not None and walk_in.person.organisation == "KS"
    assert walk_in.status == Status.ATTENDED


# -- exporting a list -------------------------------------------------------------------------


async def test_a_list_is_exported_from_the_app_as_a_workbook(workspace, tmp_path):
    from openpyxl import load_workbook

    from planner.tui.screens.export_dialog import ExportDialog

    app = PlannerApp(workspace, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 35)) as pilot:
        await _open(pilot, "e")
        assert isinstance(app.screen, ExportDialog)
        path = app.screen.query_one("#path", Input)
        assert path.value.endswith(f"{SLUG}-door.xlsx")
        path.value = str(tmp_path / "dør.xlsx")
        await pilot.press("ctrl+s")
        await worked(pilot)
        assert isinstance(app.screen, RegistrationsScreen)
    sheet = load_workbook(tmp_path / "dør.xlsx").worksheets[0]
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert names == ["Andersen, Glover", "Borg, Björn", "Dæhlie, Bjørn", "Løvås, Øystein"]
