"""A meeting's registrations, handled from the keyboard: one key per change of status, a
filter as you type, a status to show, a column to sort by, several selected for one change
(previewed first), the waiting list in the order places are offered, and undo.

The list is read once into a `Roster` (planner.registrations.roster) and drawn by a
`VirtualTable` that makes only the rows on screen, so it stays instant at 100,000. Each
change is one call of `planner.registrations` in a worker (one transaction with its audit
entry; nothing to save afterwards), and what it did is laid over the list in place.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Header, Input, Static

from planner import registrations
from planner.editing.drafts import Draft, DraftPlace, FormKind
from planner.errors import PlannerError
from planner.model import Meeting, Person, Registration
from planner.model import RegistrationStatus as Status
from planner.registrations.outcomes import Listed, Outcome, Places
from planner.registrations.roster import COLUMNS, Roster
from planner.registrations.wording import item_names, places_words, status_label, transition_words
from planner.store import AuditEntry, StoredRegistration, Workspace
from planner.tui import actions
from planner.tui.screen import PlannerScreen
from planner.tui.screens.record_form import RecordForm
from planner.tui.widgets.filter_field import FilterField
from planner.tui.widgets.form import line
from planner.tui.widgets.key_bar import KeyBar
from planner.tui.widgets.virtual_table import Column, TableRow, VirtualTable
from planner.tui.work import run_work, show_text
from planner.words import say

PERSON_FIELDS = (
    line("name"),
    line("organisation", hint="organisation"),
    line("email"),
    line("delegation"),
)
STATUS_KEYS = {
    "confirm": Status.CONFIRMED,
    "waitlist": Status.WAITLISTED,
    "offer": Status.OFFERED,
    "cancel": Status.CANCELLED,
    "decline": Status.DECLINED,
    "pending": Status.PENDING,
    "attended": Status.ATTENDED,
    "no_show": Status.NO_SHOW,
    "withdrawn": Status.WITHDRAWN,
}
"""The status each one-key action gives."""
SHOWN_STATUSES: tuple[Status | None, ...] = (None, *Status)
"""What `f` cycles through: every status, then each one."""


@dataclass(frozen=True)
class Loaded:
    meeting: Meeting
    listed: list[Listed]
    places: Places


def load(workspace: Workspace, slug: str) -> Loaded:
    """Everything the screen shows, read once (offers that ran out expire first, where the
    workspace can be written)."""
    with contextlib.suppress(PlannerError):  # a read-only workspace: offers shown as they are
        registrations.expire_offers(workspace, slug)
    meeting = workspace.get_meeting(slug).meeting
    return Loaded(
        meeting, registrations.everyone(workspace, slug), registrations.places(workspace, slug)
    )


@dataclass(frozen=True)
class Detail:
    stored: StoredRegistration
    history: list[AuditEntry]


class RosterRows:
    """The roster's rows for the table, made only when drawn."""

    def __init__(self, screen: RegistrationsScreen) -> None:
        self.screen = screen

    def __len__(self) -> int:
        return len(self.screen.roster) if self.screen.roster else 0

    def index_of(self, key: str) -> int | None:
        return self.screen.roster.place_of(key) if self.screen.roster else None

    def row(self, index: int) -> TableRow:
        assert self.screen.roster is not None
        entry = self.screen.roster.at(index)
        chosen = entry.key in self.screen.chosen
        style = "bold" if chosen else ""
        return TableRow(
            entry.key,
            [
                Text("●" if chosen else " "),
                Text(self.screen.status_text(entry)),
                Text(entry.name),
                Text(f"{entry.submitted_at:%Y-%m-%d}"),
                Text(entry.organisation or ""),
            ],
            style=style,
        )


class RegistrationsScreen(PlannerScreen):
    SCOPE = actions.REGISTRATIONS
    CSS_PATH = "registrations.tcss"
    AUTO_FOCUS = "#registrations"

    def __init__(self, slug: str, *, draft: Draft | None = None) -> None:
        """`draft`: what was typed into the form of a new registration when the app
        stopped, opened in it again once the registrations are read."""
        super().__init__()
        self.slug = slug
        self.pending_draft = draft
        self.meeting: Meeting | None = None
        self.roster: Roster | None = None
        self.places: Places | None = None
        self.chosen: set[str] = set()
        self.shown_status: Status | None = None
        self.waiting_view = False
        self.freed: Outcome | None = None
        self.detailed_key: str | None = None
        self._labels: dict[str, dict[Status, str]] = {}
        self.rows = RosterRows(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="heading", classes="heading")
        yield Static("", id="counters", classes="facts")
        yield FilterField(self.filter_by, id="filter", classes="hidden")
        with Horizontal():
            yield VirtualTable(id="registrations")
            yield Static("", id="detail", classes="facts")
        yield Static("", id="status", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#filter", Input).placeholder = self.word("ui", "filter_placeholder")
        self.reload()

    def reload(self, keep: str | None = None) -> None:
        workspace, slug = self.app.workspace, self.slug
        table = self.query_one("#registrations", VirtualTable)
        run_work(
            self, lambda: load(workspace, slug), lambda found: self.loaded(found, keep), busy=table
        )

    def loaded(self, found: Loaded, keep: str | None) -> None:
        self.meeting = found.meeting
        self.places = found.places
        self.roster = Roster(found.listed, self.app.language or found.meeting.language)
        self.chosen.clear()
        self.set_columns()
        self.refill(keep)
        if self.pending_draft is not None:
            draft, self.pending_draft = self.pending_draft, None
            self.add_person(restore=draft.values)

    def language_changed(self) -> None:
        super().language_changed()
        if self.roster is not None:
            self.set_columns()
            self.refill()

    # -- showing ---------------------------------------------------------------------------

    def set_columns(self) -> None:
        def name(column: str) -> str:
            return self.word("registrations_ui", f"column_{column}")

        self.query_one("#registrations", VirtualTable).set_columns(
            [
                Column("chosen", " ", width=1),
                Column("status", name("status"), width=15),
                Column("name", name("name"), grow=True),
                Column("submitted", name("submitted"), width=10, hide_below=60),
                Column("organisation", name("organisation"), width=20, hide_below=70),
            ]
        )

    def refill(self, keep: str | None = None, *, changed: bool = False) -> None:
        """The table drawn again from the roster, the cursor kept on its registration."""
        table = self.query_one("#registrations", VirtualTable)
        table.set_source(self.rows, keep=keep or table.current_key)
        self.show_facts()
        self.show_detail(again=changed)

    def show_roster(self, **how: Any) -> None:
        """The roster shown another way (`Roster.show`: filtered, by status, sorted), the
        cursor kept on the registration it was on while that is still shown."""
        assert self.roster is not None
        keep = self.query_one("#registrations", VirtualTable).current_key
        self.roster.show(**how)
        self.refill(keep)

    def status_text(self, entry: Listed) -> str:
        """The status in the app's language (looked up once per language)."""
        language = self.app.words_language
        labels = self._labels.get(language)
        if labels is None:
            labels = self._labels[language] = {s: status_label(s, language) for s in Status}
        return labels[entry.status]

    def show_facts(self) -> None:
        if self.meeting is None or self.roster is None or self.places is None:
            return
        language = self.app.words_language
        title = self.meeting.text(self.meeting.title, self.app.language)
        show_text(
            self.query_one("#heading", Static),
            Text(self.word("registrations_ui", "heading", title=title)),
        )
        counts = "  ".join(
            f"{status_label(status, language)} {n}" for status, n in self.places.counts.items() if n
        )
        names = item_names(self.meeting)
        limits = [
            f"{_short(names.get(limit.name, limit.name))} {limit.taken}/{limit.places}"
            for limit in self.places.limits[1:]
            if limit.places is not None
        ]
        lines = [
            f"{places_words(self.places).in_language(language)} · {counts}",
            " · ".join(limits),
        ]
        if self.waiting_view and self.freed is not None:
            lines.append(self.freed_text())
        show_text(
            self.query_one("#counters", Static), Text("\n".join(line for line in lines if line))
        )
        self.show_status()

    def freed_text(self) -> str:
        assert self.freed is not None
        first = self.freed.done[0] if self.freed.done else None
        what = (
            transition_words(first).in_language(self.app.words_language)
            if first is not None
            else self.word("registrations_ui", "nobody_fits")
        )
        return self.word("registrations_ui", "if_freed", line=what)

    def show_status(self) -> None:
        assert self.roster is not None
        parts = [say("registrations_ui.shown", self.app.words_language, count=len(self.roster))]
        if self.chosen:
            parts.append(
                say("registrations_ui.selected", self.app.words_language, count=len(self.chosen))
            )
        shown = self.shown_status
        parts.append(
            status_label(shown, self.app.words_language)
            if shown is not None
            else self.word("registrations_ui", "every_status")
        )
        if self.waiting_view:
            parts.append(self.word("registrations_ui", "waiting_order"))
        else:
            column = self.word("registrations_ui", f"column_{self.roster.sorted_by}")
            parts.append(
                self.word("registrations_ui", "sorted_by", column=column)
                + (" ↓" if self.roster.descending else "")
            )
        if not len(self.roster):
            empty = "none" if not self.roster.entries else "none_match"
            parts.append(self.word("registrations_ui", empty))
        show_text(self.query_one("#status", Static), Text(" · ".join(parts)))

    # -- the detail panel ------------------------------------------------------------------

    def on_virtual_table_highlighted(self, event: VirtualTable.Highlighted) -> None:
        self.show_detail()

    def show_detail(self, *, again: bool = False) -> None:
        """The registration under the cursor in full (read only when another one comes
        under it, or `again` after a change)."""
        key = self.query_one("#registrations", VirtualTable).current_key
        panel = self.query_one("#detail", Static)
        if key == self.detailed_key and not again:
            return
        self.detailed_key = key
        if key is None:
            show_text(panel, Text(""))
            return
        workspace, slug = self.app.workspace, self.slug

        def read() -> Detail:
            return Detail(
                registrations.find(workspace, slug, key),
                registrations.history(workspace, slug, key),
            )

        # Read quickly, and drawn in the same frame as the list that put it under the cursor.
        run_work(self, read, self.detailed, group="detail", exclusive=True, shown_in=panel)

    def detailed(self, detail: Detail) -> None:
        if self.meeting is None or detail.stored.registration.key != self.detailed_key:
            return  # read for a registration the cursor has left since
        show_text(
            self.query_one("#detail", Static),
            describe(detail, self.meeting, self.app.words_language),
        )

    # -- changing status -------------------------------------------------------------------

    def change(self, status: Status) -> None:
        table = self.query_one("#registrations", VirtualTable)
        if self.roster is None or table.current_key is None:
            return
        workspace, slug = self.app.workspace, self.slug
        if not self.chosen:
            key = table.current_key
            run_work(
                self,
                lambda: registrations.set_status(workspace, slug, key, status),
                self.changed,
                failed=self.refused,
            )
            return
        keys = sorted(self.chosen)
        run_work(
            self,
            lambda: registrations.set_statuses(workspace, slug, keys, status, preview=True),
            lambda preview: self.ask(preview, keys, status),
        )

    def ask(self, preview: Outcome, keys: list[str], status: Status) -> None:
        """Show what the change of the chosen would do; do it if the answer is yes."""
        from planner.tui.screens.confirm import ConfirmScreen, when_yes

        language = self.app.words_language
        lines = [
            transition_words(t).in_language(language) for t in [*preview.expired, *preview.done]
        ]
        skipped = [s.reason.in_language(language) for s in preview.skipped]
        if not preview.done:
            self.app.notify(
                "\n".join([self.word("registrations_ui", "nothing_changes"), *skipped]),
                severity="warning",
                timeout=10,
            )
            return
        shown = lines[:15] + ([f"… +{len(lines) - 15}"] if len(lines) > 15 else [])
        question = "\n".join(
            [
                say("registrations_ui.apply_question", language, count=len(preview.done)),
                *shown,
                *skipped[:5],
            ]
        )
        workspace, slug = self.app.workspace, self.slug

        def apply() -> None:
            run_work(
                self,
                lambda: registrations.set_statuses(workspace, slug, keys, status),
                self.changed,
                failed=self.refused,
            )

        self.app.push_screen(ConfirmScreen(question), when_yes(apply))

    def changed(self, outcome: Outcome) -> None:
        """Lay what a change did over the list, say it, and count again."""
        assert self.roster is not None
        self.roster.changed([*outcome.expired, *outcome.done])
        self.chosen.clear()
        language = self.app.words_language
        said = [transition_words(t).in_language(language) for t in outcome.done[:5]]
        if said:
            self.app.notify("\n".join(said), timeout=5)
        self.refill(changed=True)
        self.count_again()

    def refused(self, error: Exception) -> None:
        self.app.notify(str(error), severity="warning", timeout=10)

    def count_again(self) -> None:
        workspace, slug = self.app.workspace, self.slug

        def count() -> tuple[Places, Outcome | None]:
            places = registrations.places(workspace, slug)
            freed = registrations.if_a_place_frees(workspace, slug) if self.waiting_view else None
            return places, freed

        run_work(self, count, self.counted, group="count", exclusive=True)

    def counted(self, found: tuple[Places, Outcome | None]) -> None:
        self.places, self.freed = found
        self.show_facts()

    def action_confirm(self) -> None:
        self.change(Status.CONFIRMED)

    def action_waitlist(self) -> None:
        self.change(Status.WAITLISTED)

    def action_offer(self) -> None:
        self.change(Status.OFFERED)

    def action_cancel(self) -> None:
        self.change(Status.CANCELLED)

    def action_decline(self) -> None:
        self.change(Status.DECLINED)

    def action_pending(self) -> None:
        self.change(Status.PENDING)

    def action_attended(self) -> None:
        self.change(Status.ATTENDED)

    def action_no_show(self) -> None:
        self.change(Status.NO_SHOW)

    def action_withdrawn(self) -> None:
        self.change(Status.WITHDRAWN)

    def action_promote(self) -> None:
        workspace, slug = self.app.workspace, self.slug
        run_work(
            self, lambda: registrations.promote(workspace, slug), self.changed, failed=self.refused
        )

    def action_undo(self) -> None:
        workspace, slug = self.app.workspace, self.slug

        def undone(outcome: Outcome) -> None:
            language = self.app.words_language
            lines = [transition_words(t).in_language(language) for t in outcome.done[:5]]
            assert self.roster is not None
            self.roster.changed([*outcome.expired, *outcome.done])
            self.refill(changed=True)
            self.count_again()
            self.app.notify(self.word("ui", "undone", what="\n".join(lines)), timeout=5)

        run_work(self, lambda: registrations.undo(workspace, slug), undone, failed=self.refused)

    # -- choosing, filtering, sorting ------------------------------------------------------

    def action_select(self) -> None:
        table = self.query_one("#registrations", VirtualTable)
        key = table.current_key
        if key is None:
            return
        self.chosen.symmetric_difference_update({key})
        table.redraw()
        table.action_cursor(1)
        self.show_status()

    def action_select_all(self) -> None:
        if self.roster is None:
            return
        shown = {self.roster.at(n).key for n in range(len(self.roster))}
        self.chosen = set() if shown <= self.chosen else self.chosen | shown
        self.query_one("#registrations", VirtualTable).redraw()
        self.show_status()

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.remove_class("hidden")
        field.focus()

    def filter_by(self, text: str) -> None:
        """As the filter is typed: in the same call as the keystroke (see FilterField)."""
        if self.roster is not None:
            self.show_roster(query=text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#registrations", VirtualTable).focus()

    def on_key(self, event) -> None:
        field = self.query_one("#filter", Input)
        if event.key == "escape" and field.has_focus:
            field.value = ""
            field.add_class("hidden")
            self.query_one("#registrations", VirtualTable).focus()
            event.stop()

    def action_status_filter(self) -> None:
        if self.roster is None:
            return
        place = SHOWN_STATUSES.index(self.shown_status)
        self.shown_status = SHOWN_STATUSES[(place + 1) % len(SHOWN_STATUSES)]
        self.waiting_view = False
        self.show_roster(statuses=[self.shown_status] if self.shown_status else [])

    def action_sort(self) -> None:
        if self.roster is None:
            return
        column = COLUMNS[(COLUMNS.index(self.roster.sorted_by) + 1) % len(COLUMNS)]
        self.waiting_view = False
        self.show_roster(sorted_by=column, descending=False)

    def action_reverse(self) -> None:
        if self.roster is not None:
            self.show_roster(descending=not self.roster.descending)

    def action_waiting_list(self) -> None:
        """The waiting list in the order places are offered, and what a freed place would
        do; again for everyone."""
        if self.roster is None:
            return
        self.waiting_view = not self.waiting_view
        self.shown_status = Status.WAITLISTED if self.waiting_view else None
        statuses = [Status.WAITLISTED] if self.waiting_view else []
        self.show_roster(statuses=statuses, sorted_by="submitted", descending=False)
        self.count_again()

    # -- adding ----------------------------------------------------------------------------

    def action_add(self) -> None:
        self.add_person()

    def add_person(self, restore: Mapping[str, Any] | None = None) -> None:
        """The form of a new registration's person (with what was typed before, restored)."""
        if self.meeting is None:
            return
        form = PersonForm(
            self.word("registrations_ui", "new_registration"),
            PERSON_FIELDS,
            Person,
            {},
            meeting=self.meeting,
            kept_as=DraftPlace(FormKind.REGISTRATION),
            restore=restore,
        )

        def added(person: Person | None) -> None:
            if person is None:
                return
            registration = Registration(
                person=person, submitted_at=datetime.now(UTC).replace(microsecond=0)
            )
            workspace, slug = self.app.workspace, self.slug

            def add() -> tuple[Outcome, Listed]:
                outcome = registrations.add(workspace, slug, registration)
                [new] = registrations.page(workspace, slug, after=outcome.done[0].id - 1, limit=1)
                return outcome, new

            run_work(self, add, self.added, failed=self.refused)

        self.app.push_screen(form, added)

    def added(self, found: tuple[Outcome, Listed]) -> None:
        outcome, new = found
        assert self.roster is not None
        self.roster.added(new)
        self.refill(keep=new.key)
        self.app.notify(
            transition_words(outcome.done[0]).in_language(self.app.words_language), timeout=5
        )
        self.count_again()

    def action_back(self) -> None:
        self.dismiss(self.slug)


class PersonForm(RecordForm):
    """The person a new registration is for."""

    def heading_text(self) -> str:
        return self.heading


def describe(detail: Detail, meeting: Meeting, language: str) -> Text:
    """One registration in full: the person, the status, the answers, the notes, and its
    history from the audit log."""
    registration = detail.stored.registration
    person = registration.person

    def word(name: str, **values: Any) -> str:
        return say(f"registrations_ui.{name}", language, **values)

    shown = Text()
    shown.append(f"{person.name}\n", style="bold")
    status = status_label(registration.status, language)
    shown.append(f"{status}\n")
    if registration.offer_expires_at is not None:
        until = f"{registration.offer_expires_at:%Y-%m-%d %H:%M}"
        shown.append(word("offer_until", until=until) + "\n")
    facts = [
        (word("key"), registration.key or ""),
        (say("field.email", language), person.email or ""),
        (say("field.phone", language), person.phone or ""),
        (say("field.organisation", language), person.organisation or ""),
        (say("field.delegation", language), person.delegation or ""),
        (word("submitted"), f"{registration.submitted_at:%Y-%m-%d %H:%M}"),
        (word("priority"), str(registration.priority) if registration.priority else ""),
    ]
    answers = registration.answers
    names = item_names(meeting)
    facts += [
        (word("dietary"), answers.dietary or ""),
        (word("accessibility"), answers.accessibility or ""),
        (word("workshops"), ", ".join(names.get(k, k) for k in answers.workshops)),
        *((question, answer) for question, answer in answers.other.items()),
    ]
    consent = [
        word(f"consent_{name}")
        for name, given in (
            ("list", answers.consent.participant_list),
            ("photo", answers.consent.photo),
            ("follow_up", answers.consent.follow_up),
        )
        if given
    ]
    facts.append((word("consent"), ", ".join(consent)))
    for name, value in facts:
        if value:
            shown.append(f"{name}: ", style="dim")
            shown.append(f"{value}\n")
    if registration.notes:
        shown.append(f"\n{word('notes')}\n", style="bold")
        shown.append(f"{registration.notes}\n")
    shown.append(f"\n{word('history')}\n", style="bold")
    for entry in detail.history:
        at = f"{entry.at.astimezone(meeting.zone):%Y-%m-%d %H:%M}"
        shown.append(f"{at} {entry.actor}: ", style="dim")
        shown.append(f"{history_line(entry, language)}\n")
    return shown


def _short(title: str, most: int = 28) -> str:
    return title if len(title) <= most else title[: most - 1].rstrip() + "…"


def history_line(entry: AuditEntry, language: str) -> str:
    detail = entry.detail
    if entry.action == "registration.added":
        return say(
            "registrations_ui.history_added",
            language,
            status=status_label(detail.get("status", "pending"), language),
        )
    if entry.action == "registration.updated":
        return say(
            "registrations_ui.history_edited", language, fields=", ".join(detail.get("fields", []))
        )
    before, after = detail.get("from"), detail.get("to")
    moved = " → ".join(status_label(s, language) if s else "–" for s in (before, after))
    if entry.action == "registration.undone":
        return say("registrations_ui.history_undone", language, line=moved)
    return moved
