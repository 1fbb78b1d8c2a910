"""A meeting's people and organisations, with where each is used."""

from __future__ import annotations

from typing import Any

from planner.agenda import editing
from planner.agenda.wording import Wording
from planner.editing.drafts import Draft, DraftPlace, FormKind
from planner.model import Organisation, OrganisationKind, Person
from planner.tui.screens.record_form import RecordForm, appended, replacing
from planner.tui.screens.registers import RegisterScreen, Shown
from planner.tui.widgets.form import choice, language_options, line, picked, text_line

PERSON_FIELDS = (
    line("id", hint="key"),
    line("name"),
    text_line("title", label="person.title"),
    line("organisation", hint="organisation"),
    line("email"),
    line("phone", hint="phone"),
    line("delegation"),
    picked("language"),
)
ORGANISATION_FIELDS = (
    line("id", hint="key"),
    text_line("name"),
    line("short_name"),
    choice("kind", OrganisationKind, "organisation_kind", blank=False),
    line("country", hint="country"),
)


class PeopleScreen(RegisterScreen):
    TABLES = ("people", "organisations")
    HEADING = "people_heading"

    def fill(self, wording: Wording) -> None:
        people = []
        for index, person in enumerate(self.meeting.people):
            cells = [
                person.id or "",
                person.name,
                wording.text(person.title),
                wording.organisation_name(person.organisation) if person.organisation else "",
                self.used_by(person.id, "person", wording),
            ]
            people.append((_person_key(person, index), cells))
        columns = [
            Shown("key", most=16, hide_below=100),
            Shown("name", most=26),
            Shown("person_title", most=26, hide_below=120),
            Shown("organisation", most=24, hide_below=100),
            Shown("used_by", grow=True),
        ]
        self.fill_table("people", columns, people)
        organisations = [
            (
                o.id,
                [
                    o.id,
                    wording.text(o.name, name=True),
                    o.short_name or "",
                    self.used_by(o.id, "organisation", wording),
                ],
            )
            for o in self.meeting.organisations
        ]
        columns = [
            Shown("key", most=16),
            Shown("name", grow=True),
            Shown("short_name", most=12, hide_below=100),
            Shown("used_by", most=50, hide_below=100),
        ]
        self.fill_table("organisations", columns, organisations)

    def person_form(
        self, heading: str, data: dict[str, Any], place, entry: str | None, **draft
    ) -> RecordForm:
        options = {"language": language_options(self.app.words_language)}
        kept_as = DraftPlace(FormKind.PERSON, entry)
        return self.record_form(
            heading, PERSON_FIELDS, Person, data, place, kept_as, options=options, **draft
        )

    def organisation_form(self, heading: str, data: dict[str, Any], place, **draft) -> RecordForm:
        kept_as = DraftPlace(FormKind.ORGANISATION, data.get("id"))
        fields = ORGANISATION_FIELDS
        return self.record_form(heading, fields, Organisation, data, place, kept_as, **draft)

    def action_add(self) -> None:
        if self.history is None:
            return
        if self.in_focus() == "organisations":
            self.new_organisation()
        else:
            self.new_person()

    def new_organisation(self, restore: dict[str, Any] | None = None) -> None:
        form = self.organisation_form(
            "new_organisation", {}, appended("organisations"), restore=restore
        )
        self.ask(form, lambda o: self.apply(lambda m: editing.add_organisation(m, o), "people"))

    def new_person(self, restore: dict[str, Any] | None = None) -> None:
        form = self.person_form("new_person", {}, appended("people"), None, restore=restore)
        self.ask(form, lambda p: self.apply(lambda m: editing.add_person(m, p), "people"))

    def action_edit(self) -> None:
        if self.history is None:
            return
        if self.in_focus() == "organisations":
            key = self.current("organisations")
            if key is not None:
                self.change_organisation(key)
            return
        chosen = self.current_person()
        if chosen is not None:
            self.change_person(chosen[0])

    def change_organisation(self, key: str, restore: dict[str, Any] | None = None) -> None:
        index = next(i for i, o in enumerate(self.meeting.organisations) if o.id == key)
        data = self.meeting.organisations[index].model_dump()
        place = replacing("organisations", index)
        form = self.organisation_form("edit_organisation", data, place, restore=restore)
        self.ask(
            form,
            lambda o: self.apply(lambda m: editing.replace_organisation(m, key, o), "people"),
        )

    def change_person(self, index: int, restore: dict[str, Any] | None = None) -> None:
        person = self.meeting.people[index]
        reference = person.id if person.id is not None else index
        form = self.person_form(
            "edit_person",
            person.model_dump(),
            replacing("people", index),
            _person_key(person, index),
            restore=restore,
        )
        self.ask(
            form, lambda p: self.apply(lambda m: editing.replace_person(m, reference, p), "people")
        )

    def open_draft(self, draft: Draft) -> None:
        if draft.form is FormKind.ORGANISATION:
            keys = {o.id for o in self.meeting.organisations}
            if isinstance(draft.entry, str) and draft.entry in keys:
                self.change_organisation(draft.entry, draft.values)
            else:
                self.new_organisation(draft.values)
            return
        people = [_person_key(person, i) for i, person in enumerate(self.meeting.people)]
        if isinstance(draft.entry, str) and draft.entry in people:
            self.change_person(people.index(draft.entry), draft.values)
        else:
            self.new_person(draft.values)

    def action_delete(self) -> None:
        if self.history is None:
            return
        if self.in_focus() == "organisations":
            key = self.current("organisations")
            if key is not None and self.apply(
                lambda m: editing.remove_organisation(m, key), "people"
            ):
                self.deleted(key)
            return
        chosen = self.current_person()
        if chosen is None:
            return
        _, person, reference = chosen
        if self.apply(lambda m: editing.remove_person(m, reference), "people"):
            self.deleted(person.name)

    def current_person(self) -> tuple[int, Person, str | int] | None:
        """The person under the cursor: their place, themselves, and how the editing
        functions name them (their key, or their place for someone without one)."""
        key = self.current("people")
        keys = [_person_key(person, i) for i, person in enumerate(self.meeting.people)]
        if key not in keys:
            return None
        index = keys.index(key)
        person = self.meeting.people[index]
        return index, person, person.id if person.id is not None else index


def _person_key(person: Person, index: int) -> str:
    """A person's row: by key, or by place for someone without one."""
    return person.id if person.id is not None else f"#{index}"
