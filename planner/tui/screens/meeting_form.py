"""A meeting's details in a form: what, when, where, who organises it, and for a council
meeting its case prefix and how to report absence. Creates a meeting (no slug given) or edits
one; people, organisations, topics, events and the agenda have screens of their own.

ctrl+s checks the meeting with the model (the stored meeting with the form laid over it) and
shows each problem beside its field; a valid meeting is saved in a worker, through the same
editing session as the agenda: a colleague's save meanwhile is merged in when it changed
other fields, and shown side by side when it changed the same one (`planner.tui.settling`).
Until something is typed, a colleague's save is loaded into the form as it happens. Text
typed and not saved is kept as a draft when the app quits or stops, and offered back.
Dismissed with the meeting's slug when saved, None when cancelled.
"""

from __future__ import annotations

from typing import Any, assert_never

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Header, Select, Static

from planner import meeting_actions
from planner.agenda.wording import named_languages
from planner.editing.drafts import Draft, FormKind
from planner.editing.meetings import meeting_session
from planner.editing.session import EditingSession, EditState, Outcome, Version
from planner.errors import Conflict
from planner.model import Meeting, MeetingKind, MeetingMode, MeetingStatus
from planner.model.text import LANGUAGES
from planner.tui import actions
from planner.tui.screen import PlannerScreen
from planner.tui.screens.record_form import FormKeys, people_options
from planner.tui.settling import Settled, asking, settle
from planner.tui.widgets.form import (
    Form,
    Heading,
    choice,
    flag,
    language_options,
    line,
    moment,
    number,
    picked,
    text_line,
    text_paragraphs,
)
from planner.tui.widgets.key_bar import KeyBar
from planner.tui.work import run_work

MEETING_FIELDS = (
    Heading("about"),
    line("slug", hint="slug"),
    choice("kind", MeetingKind, "meeting_kind"),
    choice("status", MeetingStatus, "meeting_status", blank=False),
    flag("archived"),
    picked("language", blank=False),
    text_line("title"),
    text_line("body"),
    text_paragraphs("description"),
    Heading("when"),
    line("timezone", hint="timezone"),
    moment("start", hint="start"),
    text_line("starts_after"),
    moment("end", hint="date_time"),
    Heading("where"),
    choice("mode", MeetingMode, "mode", blank=False),
    text_line("venue.name"),
    line("venue.address"),
    line("venue.postal_code"),
    line("venue.city"),
    line("venue.country", hint="country"),
    text_line("venue.room"),
    line("venue.online_url", hint="url"),
    line("online_url", hint="url"),
    Heading("organiser"),
    line("organiser.name"),
    line("organiser.email"),
    line("organiser.phone", hint="phone"),
    number("capacity"),
    moment("registration_opens", hint="date_time"),
    moment("registration_closes", hint="date_time"),
    Heading("council"),
    line("case_prefix", hint="case_prefix"),
    line("case_format", hint="case_format"),
    picked("absence.to"),
    line("absence.to.name"),
    line("absence.to.email"),
    line("absence.to.phone", hint="phone"),
    text_paragraphs("absence.how"),
    text_line("signed.place"),
    line("signed.date", hint="date"),
)

_ZONES = {
    "sv": "Europe/Stockholm",
    "da": "Europe/Copenhagen",
    "fi": "Europe/Helsinki",
    "is": "Atlantic/Reykjavik",
    "fo": "Atlantic/Faroe",
    "kl": "America/Nuuk",
}
"""The time zone a new meeting starts with, by its language (Oslo for the others)."""


class MeetingFormScreen(FormKeys, PlannerScreen):
    SCOPE = actions.FORM
    CSS_PATH = ["meeting_form.tcss", "../widgets/form.tcss"]
    FORM_KIND = FormKind.MEETING

    def __init__(self, slug: str | None, *, restore: dict[str, Any] | None = None) -> None:
        """`slug` of the meeting to edit, None for a new one; `restore`: what was typed
        into this form before (a draft), shown over it."""
        super().__init__()
        self.slug = slug
        self.restore = restore
        self.session: EditingSession[Meeting] | None = None
        self.shown: Version[Meeting] | None = None
        """The stored version the form shows (the session may have seen a newer one)."""
        self.creating = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="heading", classes="heading")
        yield Form(
            MEETING_FIELDS,
            language=self.new_language(),
            data=self.new_meeting(),
            options={
                "language": language_options(self.app.words_language),
                "absence.to": [],
            },
        )
        yield Static("", id="status", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.form = self.query_one(Form)
        if self.slug is None:
            self.show_heading()
            self.form.focus_first()
            self.call_after_refresh(self.restore_typed)
            return
        self.query_one("#status", Static).update(Text(self.word("ui", "loading")))
        self.session = meeting_session(self.app.workspace, self.slug)
        run_work(self, self.session.load, lambda _: self.loaded(), busy=self.form)
        self.set_interval(self.app.check_every, self.check_colleagues)

    @property
    def stored(self) -> Meeting | None:
        """The meeting as it was when loaded into the form: what is typed is laid over it,
        and a colleague's save since is merged with it."""
        return self.shown.record if self.shown is not None else None

    @property
    def editing_state(self) -> EditState:
        if self.session is None:
            return EditState.SAVING if self.creating else self.typed_state()
        state = self.session.state
        return self.typed_state() if state is EditState.SAVED else state

    def typed_state(self) -> EditState:
        return EditState.UNSAVED if self.form.changed else EditState.SAVED

    def draft(self, values: dict[str, Any]) -> Draft:
        heading = self.heading_text()
        return Draft(form=self.FORM_KIND, meeting=self.slug, heading=heading, values=values)

    def new_language(self) -> str:
        home = self.app.words_language
        return home if home in LANGUAGES else "nb"

    def new_meeting(self) -> dict[str, Any]:
        language = self.new_language()
        return {
            "status": MeetingStatus.DRAFT.value,
            "mode": MeetingMode.IN_PERSON.value,
            "language": language,
            "timezone": _ZONES.get(language, "Europe/Oslo"),
        }

    def loaded(self) -> None:
        assert self.session is not None and self.session.base is not None
        self.shown = self.session.base
        meeting = self.shown.record
        self.form.set_options("absence.to", people_options(meeting))
        self.form.load(
            meeting.model_dump(), language=meeting.language, named=named_languages(meeting)
        )
        self.query_one("#status", Static).update(Text(""))
        self.show_heading()
        self.form.focus_first()
        self.restore_typed()

    def heading_text(self) -> str:
        meeting = self.stored
        if meeting is None and self.slug is not None:
            return self.word("form", "meeting_details", title=self.slug)
        if meeting is None:
            return self.word("form", "new_meeting")
        return self.word(
            "form", "meeting_details", title=meeting.text(meeting.title, self.app.language)
        )

    def show_heading(self) -> None:
        self.query_one("#heading", Static).update(Text(self.heading_text()))

    def check_colleagues(self) -> None:
        """Until something is typed, a colleague's save shows in the form as it happens."""
        session = self.session
        if session is None or session.state is not EditState.SAVED or self.form.changed:
            return
        run_work(self, session.check, self.checked, group="check", exclusive=True)

    def checked(self, outcome: Outcome) -> None:
        if outcome is Outcome.RELOADED and not self.form.changed:
            self.loaded()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "f-language" and isinstance(event.value, str):
            self.form.set_meeting_language(event.value, carry=self.slug is None)

    # -- saving ----------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.editing_state in (EditState.SAVING, EditState.LOADING):
            return
        data = self.form.lay_over(self.stored.model_dump() if self.stored else {})
        try:
            meeting = Meeting.model_validate(data)
        except ValidationError as error:
            self.form.show_problems(error, data)
            self.say(self.word("form", "not_saved"))
            return
        self.form.clear_problems()
        self.say(self.word("ui", "saving"))
        if self.session is None:
            self.creating = True
            workspace = self.app.workspace
            run_work(
                self,
                lambda: meeting_actions.create(workspace, data),
                lambda stored: self.saved(stored.slug),
                failed=self.save_failed,
            )
            return
        if self.session.state is EditState.DIVERGED:  # a clash left for later: settled now
            self.session.edit(meeting)
            self.run_worker(self.settle(), group=asking("settle"), exclusive=True)
            return
        if self.session.base is not self.shown:  # a colleague's save seen, not shown
            assert self.shown is not None
            self.session.opened(self.shown)
        self.session.edit(meeting)
        run_work(self, self.session.save, self.after_save, failed=self.save_failed)

    def after_save(self, outcome: Outcome) -> None:
        session = self.session
        assert session is not None
        match outcome:
            case Outcome.SAVED | Outcome.MERGED | Outcome.NOTHING:
                self.saved(session.present.slug if session.present else self.slug or "")
            case Outcome.CLASHED:
                self.say(self.word("ui", "not_saved", reason=self.word("ui", "conflict_title")))
                self.run_worker(self.settle(), group=asking("settle"), exclusive=True)
            case Outcome.FAILED:
                self.save_failed(session.problem or Conflict(""))
            case Outcome.RELOADED | Outcome.KEPT | Outcome.NOT_KEPT:
                pass
            case _:
                assert_never(outcome)

    async def settle(self) -> None:
        """Both changed the same field: settled side by side, then saved."""
        assert self.session is not None
        match await settle(self.app, self.session):
            case Settled.SETTLED:
                run_work(self, self.session.save, self.after_save, failed=self.save_failed)
            case Settled.LATER:
                self.say(self.word("ui", "not_saved", reason=self.word("ui", "conflict_title")))

    def saved(self, slug: str) -> None:
        self.creating = False
        self.app.notify(self.word("form", "saved_meeting", slug=slug), timeout=4)
        self.dismiss(slug)

    def save_failed(self, error: Exception) -> None:
        self.creating = False
        self.say(self.word("ui", "not_saved", reason=str(error)))
        mine = self.session.present if self.session is not None else None
        renamed = self.stored is None or (mine is not None and mine.slug != self.stored.slug)
        if isinstance(error, Conflict) and renamed:
            self.form.show_at("slug", [str(error)])  # the slug is another meeting's
        else:
            self.form.say([str(error)])

    def say(self, text: str) -> None:
        self.query_one("#status", Static).update(Text(text))
