"""The Registrations screen driven from the keyboard with Pilot: filtering, sorting, one key
per status, several at once after a preview, undo, adding a person."""

from __future__ import annotations

from planner import registrations
from planner.model import RegistrationStatus as Status
from planner.store import Workspace
from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.screens.registrations import RegistrationsScreen
from planner.tui.widgets.virtual_table import VirtualTable
from tests.tui.pilot import worked

NORDIC = "nordisk-integrasjonskonferanse-2018"


async def opened(pilot) -> RegistrationsScreen:
    """From the meetings, the Nordic conference's registrations (R)."""
    await worked(pilot)
    for key in ("down", "down", "R"):
        await pilot.press(key)
        await worked(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, RegistrationsScreen)
    return screen


def names(screen: RegistrationsScreen) -> list[str]:
    assert screen.roster is not None
    return [screen.roster.at(n).name for n in range(len(screen.roster))]


def under_cursor(screen: RegistrationsScreen) -> str:
    key = screen.query_one("#registrations", VirtualTable).current_key
    return screen.roster.entry(key).name


def status_of(workspace: Workspace, name: str) -> Status:
    return next(r.status for r in registrations.everyone(workspace, NORDIC) if r.name == name)


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await worked(pilot)


async def test_typing_filters_ignoring_case_and_accents_and_esc_shows_all_again(samples):
    app = PlannerApp(samples, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(pilot)
        await press(pilot, "slash", *"oystein")
        assert names(screen) == ["Øystein Ås"]
        await press(pilot, "escape")
        assert len(names(screen)) == 8
        await press(pilot, "slash", *"ASA", "enter")
        assert names(screen) == ["Åsa Ek"]


async def test_sorting_by_name_follows_the_meetings_language_and_a_status_is_shown(samples):
    app = PlannerApp(samples, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(pilot)
        await press(pilot, "s")  # by name (from by submission)
        assert screen.roster.sorted_by == "name"
        assert names(screen)[-3:] == ["Åsa Ek", "Ærling Ødegård", "Øystein Ås"]  # Swedish
        await press(pilot, "S")
        assert names(screen)[0] == "Øystein Ås"
        await press(pilot, "f", "f")  # every status, invited, pending
        assert names(screen) == ["Åsa Ek", "Matti Meikäläinen"]  # still by name, reversed
        assert "pending" in str(screen.query_one("#status").render())


async def test_one_key_changes_a_status_and_u_undoes_it(samples):
    app = PlannerApp(samples, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(pilot)
        await press(pilot, "end")
        assert under_cursor(screen) == "Matti Meikäläinen"

        await press(pilot, "c")
        assert status_of(samples, "Matti Meikäläinen") == Status.CONFIRMED
        assert screen.roster.entry(screen.roster.at(7).key).status == Status.CONFIRMED
        assert screen.places.meeting.taken == 5

        await press(pilot, "u")
        assert status_of(samples, "Matti Meikäläinen") == Status.PENDING
        assert screen.roster.at(7).status == Status.PENDING


async def test_a_refused_change_says_why_and_changes_nothing(samples):
    app = PlannerApp(samples, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(pilot)
        await press(pilot, "down", "down", "down")
        assert under_cursor(screen) == "Øystein Ås"
        await press(pilot, "m")
        messages = [n.message for n in app._notifications]
        assert any("“cancelled” is final" in m for m in messages)
        assert status_of(samples, "Øystein Ås") == Status.CANCELLED


async def test_several_chosen_are_changed_together_after_a_preview(samples):
    app = PlannerApp(samples, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(pilot)
        await press(pilot, "f", "f")  # the pending ones
        await press(pilot, "asterisk")
        assert screen.chosen == {screen.roster.at(0).key, screen.roster.at(1).key}
        await press(pilot, "c")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Do this? 2 changes:" in app.screen.question
        assert status_of(samples, "Åsa Ek") == Status.PENDING  # only previewed

        await press(pilot, "y")
        assert {status_of(samples, n) for n in ("Åsa Ek", "Matti Meikäläinen")} == {
            Status.CONFIRMED
        }
        assert screen.chosen == set()


async def test_a_person_is_added_from_the_keyboard(samples):
    app = PlannerApp(samples, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(pilot)
        await press(pilot, "a", *"Per Hansen", "ctrl+s")
        assert isinstance(app.screen, RegistrationsScreen)
        assert under_cursor(screen) == "Per Hansen"
        assert status_of(samples, "Per Hansen") == Status.PENDING
        await press(pilot, "escape")
        assert not isinstance(app.screen, RegistrationsScreen)


async def test_the_waiting_list_shows_what_a_freed_place_would_do(samples):
    app = PlannerApp(samples, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(pilot)
        await press(pilot, "v")
        assert names(screen) == ["Mette Hansen"]
        counters = str(screen.query_one("#counters").render())
        assert "If a place frees up: Mette Hansen" in counters
        assert "waitlisted → offered a place" in counters


async def test_the_registration_a_filter_brings_under_the_cursor_is_shown_in_full(samples):
    app = PlannerApp(samples, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(pilot)
        await press(pilot, "slash", *"oyst")
        detail = str(screen.query_one("#detail").render())
        assert detail.startswith("Øystein Ås\n")
        assert not app._batch_count  # nothing holds the screen's frames back


async def test_a_registration_that_cannot_be_read_is_said_and_the_screen_goes_on(
    samples, monkeypatch
):
    from planner.errors import NotFound

    app = PlannerApp(samples, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(pilot)

        def gone(*args: object) -> None:
            raise NotFound("registration gone: removed by a colleague")

        monkeypatch.setattr(registrations, "find", gone)
        await press(pilot, "down")
        assert any("removed by a colleague" in n.message for n in app._notifications)
        assert not app._batch_count  # the screen still draws what is typed
        await press(pilot, "slash", *"asa")
        assert names(screen) == ["Åsa Ek"]
