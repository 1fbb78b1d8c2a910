"""Every screen of the app, reached by keys from the start on the demo workspace: the SVG
snapshot tests (test_snapshots.py) draw each one and compare it with the accepted picture,
and the README shows the main ones from the same files."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import count
from pathlib import Path
from unittest.mock import patch

from planner.meeting_files import read_meeting_file, read_meeting_files
from planner.resources import sample_meeting_files
from planner.store import Workspace
from tests.tui.pilot import settled, until

SIZE = (120, 36)
DATA_FOLDER = Path(".local/share/planner")
"""The data folder (where unsaved/ is), under the test's own home folder: shown as `~/…`,
the same in every run (as the workspace is, `~/demo.sqlite`)."""
DOCUMENTS_FOLDER = Path("/home/kari/Documents/Planner")
"""Where the documents screen says files are written (nothing is written there)."""

NORDIC = "nordisk-integrasjonskonferanse-2018"
KS = "ks-toppmote-integrering-2016"


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settled(pilot)


async def first_screen(pilot) -> None:
    """Until the meetings are listed: a key pressed sooner would be lost in the loading."""
    from planner.tui.screens.meetings import MeetingsScreen

    def listed() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, MeetingsScreen) and bool(screen.listed)

    await until(pilot, listed)
    await press(pilot)


def demo_workspace(folder: Path) -> Path:
    """The sample meetings, their registrations keyed the same way every run."""
    location = folder / "demo.sqlite"
    keys = (f"{n:016x}" for n in count(0xA11CE))
    with (
        Workspace.open(location, actor="sekretariatet") as workspace,
        patch("planner.store.rows.new_registration_key", lambda: next(keys)),
    ):
        workspace.import_meetings(read_meeting_files(sample_meeting_files()))
        workspace.mark_as_demo()
    return location


@contextmanager
def workspace_of(location: Path, slug: str, actor: str) -> Iterator[Workspace]:
    """A workspace holding the sample meeting `slug` alone, opened as `actor`."""
    sample = next(p for p in sample_meeting_files() if p.stem == slug)
    with Workspace.open(location, actor=actor) as opened:
        opened.import_meetings([read_meeting_file(sample)])
        yield opened


class MondayMorning(datetime):
    """The clock of the colleague's change, so that the picture is the same every run."""

    @classmethod
    def now(cls, tz=None):
        return datetime(2026, 3, 2, 8, 15, tzinfo=UTC)


async def colleague_changes_ks(pilot) -> None:
    """Someone else lengthens the first item of the KS meeting while it is open here."""
    from planner.agenda import editing

    location = pilot.app.workspace.location
    with Workspace.open(location, actor="kollega") as theirs:
        stored = theirs.get_meeting(KS)
        changed = editing.change_duration(stored.meeting, (0,), 20)
        with patch("planner.store.workspace.datetime", MondayMorning):
            theirs.save_meeting(stored.id, changed, stored.version)


def unsaved_is_a_file(pilot) -> None:
    """unsaved/ cannot take your version: a plain file is where the folder should be."""
    from planner.editing.keeping import unsaved_folder

    unsaved_folder().parent.mkdir(parents=True, exist_ok=True)
    unsaved_folder().write_text("a file, not a folder", encoding="utf-8")


async def colleague_changes_ks_and_unsaved_is_a_file(pilot) -> None:
    await colleague_changes_ks(pilot)
    unsaved_is_a_file(pilot)


def kept_on_monday_morning() -> None:
    """A version of the KS meeting and text typed into its item form, kept aside when the app
    stopped on Monday morning."""
    from planner.editing import keeping
    from planner.editing.drafts import Draft, DraftKeeper, FormKind

    with patch("planner.editing.keeping.datetime", MondayMorning):
        keeping.keep(KS, "slug: ks-toppmote-integrering-2016\n")
        draft = Draft(
            form=FormKind.ITEM,
            meeting=KS,
            entry=[0],
            heading="Rediger «Velkommen»",
            values={"title": "Velkommen til alle", "duration": 15},
        )
        DraftKeeper(draft).keep_aside()


async def kept_aside(pilot) -> None:
    kept_on_monday_morning()


async def offered_back(pilot) -> None:
    kept_on_monday_morning()
    pilot.app.offer_drafts()


FORM_EXPORT = DATA_FOLDER / "svar.csv"


async def type_form_export(pilot) -> None:
    """A Google Forms export with a rejected row and a likely duplicate, typed into the
    import wizard's path field."""
    from tests.intake_files import google_forms_norwegian

    FORM_EXPORT.parent.mkdir(parents=True, exist_ok=True)
    FORM_EXPORT.write_bytes(
        google_forms_norwegian()
        + "x;kari@;Kari;KS;\r\n06.02.2026 08:31:00;o.l@gmail.com;Oystein Lovas;"
        "Fjordvik kommune;\r\n".encode("cp1252")
    )
    await press(pilot, *str(FORM_EXPORT), "enter")
    for _ in range(500):  # until the dry run is shown, however slow the machine
        if getattr(pilot.app.screen, "plan", None) is not None:
            break
        await pilot.pause(0.01)
    await press(pilot)


async def records_a_decision(pilot) -> None:
    """Who came, and PS 77/15's decision and who was disqualified, typed in one go each and
    saved once (the status then says version 1, whatever the typing's pace)."""
    pilot.app.save_after = 3600
    for keys in (
        ("shift+tab", "shift+tab", *"Ola Nordmann; Per Hansen", "tab", "tab"),
        ("pagedown", "pagedown", "enter", *"Vedtatt som innstilt.", "tab", "tab"),
        (*"Per Hansen", "ctrl+s"),
    ):
        await pilot.press(*keys)
        await settled(pilot)


@dataclass(frozen=True)
class Scenario:
    name: str
    """Also the snapshot's name."""
    keys: tuple[str, ...] = ()
    then: Callable[[object], Awaitable[None]] | None = None
    more_keys: tuple[str, ...] = ()
    """Pressed after `then`."""
    size: tuple[int, int] = SIZE

    async def run(self, pilot) -> None:
        await first_screen(pilot)
        await press(pilot, *self.keys)
        if self.then is not None:
            await self.then(pilot)
            await press(pilot, *self.more_keys)
        await steady_cursors(pilot)


async def steady_cursors(pilot) -> None:
    """Text cursors shown and still: a blinking one is drawn or not by when the picture is
    taken."""
    from textual.widgets import Input, TextArea

    for field in pilot.app.screen.query("Input, TextArea"):
        if isinstance(field, Input | TextArea):
            field.cursor_blink = False
    await pilot.pause()


OPEN_NORDIC = ("down", "down", "enter")
OPEN_KS = ("down", "enter")
OPEN_REGISTRATIONS = ("down", "down", "R")
CHOOSE_THREE = ("space", "down", "down", "space", "end", "space")
OPEN_TWO_DAYS = ("end", "enter")
OPEN_COUNCIL = ("enter",)

SCENARIOS = (
    Scenario("meetings"),
    Scenario("meetings-filtered", ("slash", *"integr")),
    Scenario("meetings-80-columns", size=(80, 24)),
    Scenario("help", ("question_mark",)),
    Scenario("help-on-the-agenda", (*OPEN_NORDIC, "question_mark")),
    Scenario("delete-confirmation", ("down", "d")),
    Scenario("agenda", (*OPEN_NORDIC, "down", "down")),
    Scenario("agenda-warnings", (*OPEN_KS, "down", "plus", "plus", "plus", "plus")),
    Scenario("agenda-two-days", OPEN_TWO_DAYS),
    Scenario("agenda-100-columns", (*OPEN_NORDIC, "down", "down"), size=(100, 30)),
    Scenario("meeting-details", ("down", "down", "e")),
    Scenario("new-meeting-problems", ("n", *"ny", "ctrl+s")),
    Scenario("item-form", (*OPEN_NORDIC, "down", "down", "enter")),
    Scenario("people-picker", (*OPEN_NORDIC, "down", "down", "s")),
    Scenario("topics-picker", (*OPEN_NORDIC, "down", "down", "t")),
    Scenario("questions-editor", (*OPEN_NORDIC, "down", "down", "k")),
    Scenario("topics-and-questions", (*OPEN_NORDIC, "T")),
    Scenario("people-and-organisations", (*OPEN_NORDIC, "P")),
    Scenario("invitations", ("down", "down", "i", "down")),
    Scenario("documents", (*OPEN_NORDIC, "p", "down")),
    Scenario("registrations", (*OPEN_REGISTRATIONS, "down", "down")),
    Scenario("registrations-waiting-list", (*OPEN_REGISTRATIONS, "v")),
    Scenario("registrations-bulk-preview", (*OPEN_REGISTRATIONS, *CHOOSE_THREE, "c")),
    Scenario("registrations-refused", (*OPEN_REGISTRATIONS, "down", "down", "down", "m")),
    Scenario("clash", OPEN_KS, then=colleague_changes_ks, more_keys=("plus", "ctrl+s")),
    Scenario("clash-editor", OPEN_KS, colleague_changes_ks, ("plus", "ctrl+s", "e")),
    Scenario(
        "could-not-keep",
        OPEN_KS,
        colleague_changes_ks_and_unsaved_is_a_file,
        ("plus", "ctrl+s", "t"),
    ),
    Scenario("kept-aside", then=kept_aside, more_keys=("u",)),
    Scenario("draft-offer", then=offered_back),
    Scenario("events-outside-the-programme", (*OPEN_NORDIC, "E")),
    Scenario("event-form", (*OPEN_NORDIC, "E", "enter")),
    Scenario("import-wizard", (*OPEN_REGISTRATIONS, "i"), type_form_export, ("tab",)),
    Scenario("checkin-desk", ("down", "down", "k", *"nord", "enter")),
    Scenario("minutes", (*OPEN_COUNCIL, "m"), then=records_a_decision),
)
