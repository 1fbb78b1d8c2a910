"""A meeting's details in a form: what, when, where, who organises it, and for a council
meeting its case prefix and how to report absence. Creates a meeting (no slug given) or edits
one; people, organisations, topics, events and the agenda have screens of their own.

ctrl+s checks the meeting with the model (the stored meeting with the form laid over it) and
shows each problem beside its field; a valid meeting is saved in a worker. A save refused
because a colleague changed the meeting says so and offers to load theirs, keeping yours in a
file first. Dismissed with the meeting's slug when saved, None when cancelled.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Footer, Header, Select, Static

from planner import meeting_actions
from planner.agenda.wording import named_languages
from planner.errors import Conflict
from planner.model import Meeting, MeetingKind, MeetingMode, MeetingStatus
from planner.model.text import LANGUAGES
from planner.store import StoredMeeting
from planner.tui import actions
from planner.tui.saving import keep_aside
from planner.tui.screen import PlannerScreen
from planner.tui.screens.record_form import FormKeys, people_options
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

    def __init__(self, slug: str | None) -> None:
        super().__init__()
        self.slug = slug
        self.stored: StoredMeeting | None = None
        self.saving = False

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
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.form = self.query_one(Form)
        if self.slug is None:
            self.show_heading()
            self.form.focus_first()
            return
        self.query_one("#status", Static).update(Text(self.word("ui", "loading")))
        workspace, slug = self.app.workspace, self.slug
        run_work(self, lambda: workspace.get_meeting(slug), self.loaded, busy=self.form)

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

    def loaded(self, stored: StoredMeeting) -> None:
        self.stored = stored
        meeting = stored.meeting
        self.form.set_options("absence.to", people_options(meeting))
        self.form.load(
            meeting.model_dump(), language=meeting.language, named=named_languages(meeting)
        )
        self.query_one("#status", Static).update(Text(""))
        self.show_heading()
        self.form.focus_first()

    def show_heading(self) -> None:
        if self.stored is None:
            heading = self.word("form", "new_meeting")
        else:
            title = self.stored.meeting.text(self.stored.meeting.title, self.app.language)
            heading = self.word("form", "meeting_details", title=title)
        self.query_one("#heading", Static).update(Text(heading))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "f-language" and isinstance(event.value, str):
            self.form.set_meeting_language(event.value)

    # -- saving ----------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.saving or (self.slug is not None and self.stored is None):
            return
        data = self.form.lay_over(self.stored.meeting.model_dump() if self.stored else {})
        try:
            meeting = Meeting.model_validate(data)
        except ValidationError as error:
            self.form.show_problems(error, data)
            self.say(self.word("form", "not_saved"))
            return
        self.form.clear_problems()
        self.saving = True
        self.say(self.word("ui", "saving"))
        workspace, stored = self.app.workspace, self.stored
        if stored is None:
            job = lambda: meeting_actions.create(workspace, data)  # noqa: E731
        else:
            job = lambda: workspace.save_meeting(stored.id, meeting, stored.version)  # noqa: E731
        run_work(self, job, self.saved, failed=lambda error: self.save_failed(error, meeting))

    def saved(self, stored: StoredMeeting) -> None:
        self.saving = False
        self.app.notify(self.word("form", "saved_meeting", slug=stored.slug), timeout=4)
        self.dismiss(stored.slug)

    def save_failed(self, error: Exception, meeting: Meeting) -> None:
        self.saving = False
        self.say(self.word("ui", "not_saved", reason=str(error)))
        new_slug = self.stored is None or meeting.slug != self.stored.meeting.slug
        if isinstance(error, Conflict) and new_slug:
            self.form.show_at("slug", [str(error)])  # the slug is another meeting's
        elif isinstance(error, Conflict):
            from planner.tui.screens.conflict import ConflictScreen

            def answered(reload: bool | None) -> None:
                if reload:
                    path = keep_aside(meeting)
                    self.app.notify(self.word("ui", "kept_in", path=path), timeout=20)
                    self.reload()

            self.app.push_screen(ConflictScreen(str(error)), answered)
        else:
            self.form.say([str(error)])

    def reload(self) -> None:
        assert self.stored is not None
        workspace, slug = self.app.workspace, self.stored.meeting.slug
        run_work(self, lambda: workspace.get_meeting(slug), self.loaded, busy=self.form)

    def say(self, text: str) -> None:
        self.query_one("#status", Static).update(Text(text))
