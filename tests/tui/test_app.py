"""The app's meetings screen, its keys and its failures, driven with Textual's Pilot."""

from __future__ import annotations

import sqlite3

from textual.widgets import Input, Static

from planner.resources import sample_meeting_files
from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from planner.tui.screens.help import HelpScreen
from planner.tui.screens.meetings import MeetingsScreen
from planner.tui.widgets.virtual_table import VirtualTable
from tests.tui.pilot import until, worked

NORDIC = "nordisk-integrasjonskonferanse-2018"


def app_on(workspace, **options) -> PlannerApp:
    return PlannerApp(workspace, keys=options.pop("keys", UserKeys()), home_language="en")


TITLE = 2
"""Date, time, title, where, kind, status, registered."""


def rows(app) -> list[list[str]]:
    table = app.screen.query_one("#meetings", VirtualTable)
    return [[str(cell) for cell in row.cells] for row in table.rows]


async def select(pilot, slug: str) -> None:
    pilot.app.screen.query_one("#meetings", VirtualTable).move_to(slug)
    await pilot.pause()


async def test_the_meetings_are_listed_with_date_kind_status_and_places(samples):
    app = app_on(samples)
    async with app.run_test(size=(140, 40)) as pilot:
        await worked(pilot)
        listed = rows(app)
        assert len(listed) == len(sample_meeting_files())
        nordic = next(row for row in listed if "Integration i Norden" in row[TITLE])
        assert nordic[:2] == ["20/11/2018", "08:30–16:00"]  # one format, the app's language
        assert nordic[3:] == ["København K", "Conference", "published", "4/250, 1 waiting"]
        council = next(row for row in listed if "formannskapet" in row[TITLE])
        assert council[1] == ""  # known only by its date: no 00:00


async def test_typing_a_filter_narrows_the_list_folding_nordic_letters(samples):
    app = app_on(samples)
    async with app.run_test(size=(140, 40)) as pilot:
        await worked(pilot)
        await pilot.press("slash")
        await pilot.press(*"toppmote")
        await pilot.pause()
        assert [row[TITLE] for row in rows(app)] == [
            "Politisk toppmøte om integrering av flyktninger"
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert len(rows(app)) == len(sample_meeting_files())
        assert not app.screen.query_one("#filter", Input).has_focus


async def test_an_empty_workspace_says_how_to_get_started(empty_workspace):
    app = app_on(empty_workspace)
    async with app.run_test() as pilot:
        await worked(pilot)
        assert "planner demo" in str(app.screen.query_one("#detail", Static).render())


async def test_copying_as_next_year_archiving_and_deleting(samples):
    app = app_on(samples)
    async with app.run_test(size=(140, 40)) as pilot:
        await worked(pilot)
        await select(pilot, NORDIC)
        await pilot.press("c")
        await worked(pilot)
        copy = samples.get_meeting("nordisk-integrasjonskonferanse-2019").meeting
        assert f"{copy.start:%A %Y-%m-%d}" == "Tuesday 2019-11-19"
        assert samples.list_registrations(copy.slug) == []

        await select(pilot, copy.slug)
        await pilot.press("x")
        await worked(pilot)
        assert samples.get_meeting(copy.slug).meeting.archived
        assert copy.slug not in [row.key for row in app.screen.query_one("#meetings").rows]

        await pilot.press("v")
        await pilot.pause()
        await select(pilot, copy.slug)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")  # no: nothing happens
        await worked(pilot)
        assert samples.get_meeting(copy.slug)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await worked(pilot)
        assert copy.slug not in [m.slug for m in samples.list_meetings()]


async def test_a_damaged_meeting_is_listed_as_such_and_the_others_still_open(samples, tmp_path):
    with sqlite3.connect(tmp_path / "demo.sqlite") as connection:
        connection.execute(
            "UPDATE meetings SET document = json_set(document, '$.timezone', 'Mars/Olympus') "
            "WHERE slug = 'ks-toppmote-integrering-2016'"
        )
    connection.close()
    app = app_on(samples)
    async with app.run_test(size=(140, 40)) as pilot:
        await worked(pilot)
        damaged = next(row for row in rows(app) if row[TITLE].startswith("ks-toppmote"))
        assert "Mars/Olympus" in damaged[TITLE]
        await select(pilot, "ks-toppmote-integrering-2016")
        assert "Mars/Olympus" in str(app.screen.query_one("#detail", Static).render())
        assert app.is_running


async def test_a_failing_load_shows_its_message_and_the_app_goes_on(samples, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(samples, "list_meetings", broken)
    app = app_on(samples)
    async with app.run_test() as pilot:
        await worked(pilot)
        messages = [n.message for n in app._notifications]
        assert any("the disk went away" in message for message in messages)
        assert app.is_running
        assert isinstance(app.screen, MeetingsScreen)


async def test_the_language_key_shows_meetings_and_the_apps_words_in_one_language(
    samples,
):
    app = app_on(samples)
    async with app.run_test(size=(140, 40)) as pilot:
        await worked(pilot)
        table = app.screen.query_one("#meetings", VirtualTable)
        assert table.columns[0].label == "Date"

        await pilot.press("l")  # Norwegian Bokmål, for everything
        await pilot.pause()

        assert table.columns[0].label == "Dato"
        nordic = next(row for row in rows(app) if "Norden" in row[TITLE])
        assert nordic[4:6] == ["Konferanse", "publisert"]
        assert nordic[TITLE] == "Integrering i Norden – hva kan vi lære av hverandre?"
        footer_words = [b.binding.description for b in app.screen.active_bindings.values()]
        assert "Nytt møte" in footer_words


async def test_help_shows_the_keys_of_the_screen_first_with_their_names_and_scrolls(
    samples,
):
    from planner.tui.actions import ACTIONS

    app = app_on(samples)
    async with app.run_test(size=(100, 30)) as pilot:
        await worked(pilot)
        await pilot.press("enter")  # the agenda
        await worked(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#keys", VirtualTable)
        keys = [row.key for row in table.rows]
        assert keys[0] == "agenda.add_after" and keys[1] == "agenda.add_inside"
        assert str(table.rows[0].above) == "Agenda (where you are)"
        first_app = keys.index("app.help")
        assert all(k.startswith("agenda.") for k in keys[:first_app])
        assert str(table.rows[first_app].above) == "Everywhere"
        assert sorted(keys) == sorted(a.id for a in ACTIONS if a.scope != "help")
        assert [str(c) for c in table.rows[first_app].cells] == ["?", "Help", "app.help"]
        await pilot.press("pagedown")
        assert table.scroll_offset.y > 0 and table.cursor > 10
        await pilot.press("end")
        await pilot.pause()
        assert table.current_key == keys[-1] and table.scroll_offset.y == table.max_scroll_y
        await pilot.press("home")
        assert table.cursor == 0
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "AgendaScreen"


async def test_a_users_own_key_from_the_config_file_takes_effect(samples, tmp_path,
                                                                 monkeypatch):  # fmt: skip
    from planner.tui.keymap import user_keys

    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"meetings.new" = "ctrl+n"\n"no.such" = "x"\n', encoding="utf-8")
    monkeypatch.setattr("planner.config.config_file", lambda: config)
    keys = user_keys()
    assert keys.keymap == {"meetings.new": "ctrl+n"}
    assert "keys.no.such: no such action" in keys.problems[0]

    app = app_on(samples, keys=keys)
    async with app.run_test(size=(140, 40)) as pilot:
        await worked(pilot)
        await pilot.press("n")  # the default key no longer opens the form
        await pilot.pause()
        assert isinstance(app.screen, MeetingsScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ == "MeetingFormScreen"
        assert any("no such action" in n.message for n in app._notifications)


async def test_user_text_is_never_read_as_markup(empty_workspace):
    from textual.widgets._toast import Toast

    from planner.model import Meeting
    from tests.factories import conference_data

    data = conference_data("markup", title="Kåre [draft] [bold red]ikke fet[/]")
    empty_workspace.add_meeting(Meeting.model_validate(data))
    app = app_on(empty_workspace)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await worked(pilot)
        assert rows(app)[0][TITLE] == "Kåre [draft] [bold red]ikke fet[/]"

        app.notify("Slettet «Kåre [draft] [bold red]ikke fet[/]»")

        def toasts() -> list[str]:
            return [str(toast.render()) for toast in app.screen.query(Toast)]

        await until(pilot, lambda: bool(toasts()))
        assert "Slettet «Kåre [draft] [bold red]ikke fet[/]»" in toasts()


async def test_q_quits(empty_workspace):
    app = app_on(empty_workspace)
    async with app.run_test() as pilot:
        await worked(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
