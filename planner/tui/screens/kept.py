"""What was kept aside in `unsaved/`: versions of meetings and of their minutes that could
not be saved, and text typed into forms when the app stopped. Listed (`u` on the meetings
list), viewed, re-applied or discarded; typed text is also offered back at the start
(`offer_drafts`).

Re-applying a version opens the meeting's agenda (or its minutes) with it as the user's
version: it is saved through the same merge as any edit (a colleague's changes since combine
with it, or show side by side). Restoring typed text opens the form it was typed into, with
the text in it.
"""

from __future__ import annotations

from enum import Enum
from typing import assert_never

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Header, Static

from planner.config import shown_path
from planner.editing.drafts import Draft, FormKind, read_draft
from planner.editing.keeping import Kept, KeptFile, kept_files, unsaved_folder
from planner.errors import PlannerError
from planner.i18n import catalogue, format_clock, format_date_short
from planner.tui import actions
from planner.tui.screen import PlannerModal, PlannerScreen
from planner.tui.widgets.key_bar import KeyBar
from planner.tui.widgets.virtual_table import Column, TableRow, VirtualTable
from planner.words import say
from planner.yaml_safety import read_text_file


def open_kept(app: App, kept: KeptFile) -> bool:
    """Re-apply a version, or restore typed text, in the screen it belongs to; False (and
    said why) when the file cannot be read."""
    from planner.tui.screens.agenda import AgendaScreen
    from planner.tui.screens.minutes import MinutesScreen

    match kept.kind:
        case Kept.MEETING:
            app.push_screen(AgendaScreen(kept.name, reapply=kept))
            return True
        case Kept.MINUTES:
            app.push_screen(MinutesScreen(kept.name, reapply=kept))
            return True
        case Kept.DRAFT:
            pass
        case _:
            assert_never(kept.kind)
    try:
        draft = read_draft(kept.path)
    except PlannerError as error:
        app.notify(str(error), severity="error", timeout=15)
        return False
    open_draft(app, draft)
    kept.discard()  # the text is in the form now; kept again if the app stops again
    return True


def open_draft(app: App, draft: Draft) -> None:
    from planner.tui.screens.agenda import AgendaScreen
    from planner.tui.screens.events import EventsScreen
    from planner.tui.screens.meeting_form import MeetingFormScreen
    from planner.tui.screens.people import PeopleScreen
    from planner.tui.screens.registrations import RegistrationsScreen
    from planner.tui.screens.topics import TopicsScreen

    match draft.form:
        case FormKind.MEETING:
            app.push_screen(MeetingFormScreen(draft.meeting, restore=draft.values))
        case FormKind.ITEM if draft.meeting:
            app.push_screen(AgendaScreen(draft.meeting, draft=draft))
        case FormKind.TOPIC if draft.meeting:
            app.push_screen(TopicsScreen(draft.meeting, draft=draft))
        case FormKind.PERSON | FormKind.ORGANISATION if draft.meeting:
            app.push_screen(PeopleScreen(draft.meeting, draft=draft))
        case FormKind.EVENT if draft.meeting:
            app.push_screen(EventsScreen(draft.meeting, draft=draft))
        case FormKind.REGISTRATION if draft.meeting:
            app.push_screen(RegistrationsScreen(draft.meeting, draft=draft))
        case (
            FormKind.ITEM
            | FormKind.TOPIC
            | FormKind.PERSON
            | FormKind.ORGANISATION
            | FormKind.EVENT
            | FormKind.REGISTRATION
        ):
            app.notify(say("editing_kept.no_meeting"), severity="error")
        case _:
            assert_never(draft.form)


def when(kept: KeptFile, language: str) -> str:
    at = kept.at.astimezone()
    return f"{format_date_short(at, language)} {format_clock(at, language)}"


def described(kept: KeptFile) -> str:
    """What a kept file is, in a line: the meeting, or the form the text was typed into."""
    match kept.kind:
        case Kept.MEETING:
            return say("editing_kept.version_of", slug=kept.name)
        case Kept.MINUTES:
            return say("minutes_kept.version_of", slug=kept.name)
        case Kept.DRAFT:
            pass
        case _:
            assert_never(kept.kind)
    try:
        draft = read_draft(kept.path)
    except PlannerError:
        return say("editing_kept.unreadable", name=kept.path.name)
    where = draft.meeting or say("editing_kept.new_meeting")
    return say("editing_kept.typed_into", form=draft.heading or draft.form.value, meeting=where)


class KeptScreen(PlannerScreen):
    """The versions and typed text kept aside, newest first."""

    SCOPE = actions.KEPT
    CSS_PATH = "kept.tcss"
    AUTO_FOCUS = "#kept"

    def __init__(self) -> None:
        super().__init__()
        self.kept: list[KeptFile] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="heading", classes="heading")
        yield VirtualTable(id="kept")
        yield Static("", id="detail", classes="facts")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.fill()  # when shown first, and again when a version was re-applied

    def fill(self) -> None:
        self.kept = kept_files()
        folder = shown_path(unsaved_folder())
        heading = self.word("editing_kept", "heading", folder=folder)
        self.query_one("#heading", Static).update(Text(heading))
        table = self.query_one("#kept", VirtualTable)
        table.set_columns(
            [
                Column("when", self.word("editing_kept", "column_when")),
                Column("what", self.word("editing_kept", "column_what"), grow=True),
                Column("file", self.word("editing_kept", "column_file"), most=40, hide_below=100),
            ]
        )
        language = self.app.words_language
        rows = [
            TableRow(
                str(kept.path),
                [Text(when(kept, language)), Text(described(kept)), Text(kept.path.name)],
            )
            for kept in self.kept
        ]
        table.set_rows(rows, keep=table.current_key)
        detail = "" if self.kept else self.word("editing_kept", "none", folder=folder)
        self.query_one("#detail", Static).update(Text(detail))

    def current(self) -> KeptFile | None:
        key = self.query_one("#kept", VirtualTable).current_key
        return next((kept for kept in self.kept if str(kept.path) == key), None)

    def action_view(self) -> None:
        kept = self.current()
        if kept is not None:
            self.app.push_screen(KeptViewer(kept), self.viewed)

    def viewed(self, answer: Viewed | None) -> None:
        match answer:
            case Viewed.APPLY:
                self.action_apply()
            case Viewed.BACK | None:
                pass
            case _:
                assert_never(answer)

    def action_apply(self) -> None:
        kept = self.current()
        if kept is not None:
            open_kept(self.app, kept)

    def action_discard(self) -> None:
        kept = self.current()
        if kept is None:
            return
        from planner.tui.screens.confirm import ConfirmScreen, when_yes

        question = self.word("editing_kept", "discard_question", what=described(kept))

        def discard() -> None:
            kept.discard()
            self.fill()

        self.app.push_screen(ConfirmScreen(question), when_yes(discard))

    def action_back(self) -> None:
        self.dismiss(None)


class Viewed(Enum):
    APPLY = "apply"
    BACK = "back"


class KeptViewer(PlannerModal):
    """One kept file as it is written. Dismissed with Viewed."""

    SCOPE = actions.KEPT_VIEW
    CSS_PATH = "kept.tcss"

    def __init__(self, kept: KeptFile) -> None:
        super().__init__()
        self.kept = kept

    def compose(self) -> ComposeResult:
        try:
            text = read_text_file(self.kept.path)
        except PlannerError as error:
            text = str(error)
        with Vertical(id="dialog", classes="wide"):
            yield Static(Text(described(self.kept), style="bold"))
            yield Static(Text(shown_path(self.kept.path)), classes="hint")
            with VerticalScroll(id="text"):
                yield Static(Text(text))
            yield Static(self.key_hints(), classes="hint", id="keys")

    def action_apply(self) -> None:
        self.dismiss(Viewed.APPLY)

    def action_back(self) -> None:
        self.dismiss(Viewed.BACK)


# -- typed text, offered back at the start -------------------------------------------------


class DraftChoice(Enum):
    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


class DraftOffer(PlannerModal):
    """Text typed when the app last stopped: restore it, discard it, or decide later."""

    SCOPE = actions.DRAFTS

    def __init__(self, kept: KeptFile, draft: Draft, remaining: int) -> None:
        super().__init__()
        self.kept = kept
        self.draft = draft
        self.remaining = remaining

    def compose(self) -> ComposeResult:
        language = self.app.words_language
        with Vertical(id="dialog"):
            yield Static(Text(self.word("editing_kept", "offer_title"), style="bold"))
            what = self.word(
                "editing_kept", "offer", what=described(self.kept), when=when(self.kept, language)
            )
            yield Static(Text(what), id="question")
            yield Static(Text("\n".join(self.typed()[:8])), classes="facts")
            if self.remaining:
                more = say("editing_kept.more_offers", count=self.remaining)
                yield Static(Text(more), classes="hint")
            yield Static(self.key_hints(), classes="hint", id="keys")

    def typed(self) -> list[str]:
        """Each field filled in, named as the form names it: 'Tittel: Velkommen til alle'."""
        fields = catalogue().get("field", {})
        lines = []
        for path, value in self.draft.values.items():
            if value in (None, "", {}):
                continue
            name = self.word("field", path) if path in fields else path
            shown = ", ".join(map(str, value.values())) if isinstance(value, dict) else value
            lines.append(f"{name}: {shown}")
        return lines

    def action_restore(self) -> None:
        self.dismiss(DraftChoice.RESTORE)

    def action_discard(self) -> None:
        self.dismiss(DraftChoice.DISCARD)

    def action_later(self) -> None:
        self.dismiss(DraftChoice.LATER)


def offer_drafts(app: App) -> None:
    """Offer back the text typed when the app last stopped, newest first."""
    from planner.tui.settling import asking

    drafts = [kept for kept in kept_files() if kept.draft]
    if drafts:
        app.run_worker(_offer(app, drafts), group=asking("drafts"), exclusive=True)


async def _offer(app: App, drafts: list[KeptFile]) -> None:
    from planner.tui.settling import ask

    for number, kept in enumerate(drafts):
        try:
            draft = read_draft(kept.path)
        except PlannerError:
            continue  # listed under u, where it can be looked at
        answer = await ask(app, DraftOffer(kept, draft, len(drafts) - number - 1))
        match answer:
            case DraftChoice.RESTORE:
                open_draft(app, draft)
                kept.discard()
                return
            case DraftChoice.DISCARD:
                kept.discard()
            case DraftChoice.LATER | None:
                return
            case _:
                assert_never(answer)
