"""Every screen of the app, reached by keys from the start on the demo workspace: the SVG
snapshot tests (test_snapshots.py) draw each one and compare it with the accepted picture,
and the README shows the main ones from the same files."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from unittest.mock import patch

from planner.meeting_files import read_meeting_files
from planner.resources import sample_meeting_files
from planner.store import Workspace
from tests.tui.pilot import settled

SIZE = (120, 36)
SHOWN_LOCATION = "demo.sqlite"
"""The header shows the workspace's path; a test's temporary folder would differ each run."""
DATA_FOLDER = Path("/tmp/planner-snapshots")
"""Where the conflict screen says your version would be kept (nothing is written there)."""
DOCUMENTS_FOLDER = Path("/home/kari/Documents/Planner")
"""Where the documents screen says files are written (nothing is written there)."""

NORDIC = "nordisk-integrasjonskonferanse-2018"
KS = "ks-toppmote-integrering-2016"


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settled(pilot)
    pilot.app.sub_title = SHOWN_LOCATION


async def first_screen(pilot) -> None:
    """Until the meetings are listed: a key pressed sooner would be lost in the loading."""
    from planner.tui.screens.meetings import MeetingsScreen

    for _ in range(500):
        screen = pilot.app.screen
        if isinstance(screen, MeetingsScreen) and screen.listed:
            break
        await pilot.pause(0.01)
    await press(pilot)


def demo_workspace(folder: Path) -> Path:
    location = folder / "demo.sqlite"
    with Workspace.open(location, actor="sekretariatet") as workspace:
        workspace.import_meetings(read_meeting_files(sample_meeting_files()))
    return location


class _MondayMorning(datetime):
    """The clock of the colleague's change, so that the picture is the same every run."""

    @classmethod
    def now(cls, tz=None):
        return datetime(2026, 3, 2, 8, 15, tzinfo=UTC)


async def colleague_changes_ks(pilot) -> None:
    """Someone else saves the KS meeting while it is open here: the next save conflicts."""
    location = pilot.app.workspace.location
    with Workspace.open(location, actor="kollega") as theirs:
        stored = theirs.get_meeting(KS)
        changed = stored.meeting.model_copy(update={"capacity": 99})
        with patch("planner.store.workspace.datetime", _MondayMorning):
            theirs.save_meeting(stored.id, changed, stored.version)


@dataclass(frozen=True)
class Scenario:
    name: str
    """Also the snapshot's name."""
    keys: tuple[str, ...] = ()
    then: Callable[[object], Awaitable[None]] | None = None
    more_keys: tuple[str, ...] = ()
    """Pressed after `then`."""

    async def run(self, pilot) -> None:
        await first_screen(pilot)
        await press(pilot, *self.keys)
        if self.then is not None:
            await self.then(pilot)
            await press(pilot, *self.more_keys)
        steady_cursors(pilot)


def steady_cursors(pilot) -> None:
    """The text cursor of the field being typed in drawn steadily, not blinking: it blinks
    every half second, so a picture taken a little later (on a loaded machine, after a form
    with many fields has loaded) would catch it hidden."""
    for field in pilot.app.screen.query("Input, TextArea"):
        field.cursor_blink = False


OPEN_NORDIC = ("down", "down", "enter")
OPEN_KS = ("down", "enter")

SCENARIOS = (
    Scenario("meetings"),
    Scenario("meetings-filtered", ("slash", *"integr")),
    Scenario("help", ("question_mark",)),
    Scenario("delete-confirmation", ("down", "d")),
    Scenario("agenda", (*OPEN_NORDIC, "down", "down")),
    Scenario("agenda-warnings", (*OPEN_KS, "down", "plus", "plus", "plus", "plus")),
    Scenario("meeting-details", ("down", "down", "e")),
    Scenario("new-meeting-problems", ("n", *"ny", "ctrl+s")),
    Scenario("item-form", (*OPEN_NORDIC, "down", "down", "enter")),
    Scenario("people-picker", (*OPEN_NORDIC, "down", "down", "s")),
    Scenario("topics-picker", (*OPEN_NORDIC, "down", "down", "t")),
    Scenario("questions-editor", (*OPEN_NORDIC, "down", "down", "k")),
    Scenario("topics-and-questions", (*OPEN_NORDIC, "T")),
    Scenario("people-and-organisations", (*OPEN_NORDIC, "P")),
    Scenario("conflict", OPEN_KS, then=colleague_changes_ks, more_keys=("plus",)),
    Scenario("invitations", ("down", "down", "i", "down")),
    Scenario("documents", (*OPEN_NORDIC, "p", "down")),
)
