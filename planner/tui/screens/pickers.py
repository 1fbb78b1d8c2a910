"""Choosing for one agenda item: who takes a part in it, its topics, and its questions to the
room. Each is a dialog dismissed with what was chosen (None when cancelled); the agenda
screen makes the change through `planner.agenda.editing`."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from planner.agenda.wording import Wording, named_languages
from planner.model import PART_FIELDS, AgendaItem, AgendaQuestion, Meeting, Part, Participation
from planner.tui import actions
from planner.tui.screen import PlannerModal
from planner.tui.widgets.form import Form, picked, text_paragraphs

QUESTION_FIELDS = (text_paragraphs("text", label="question.text"), picked("topic"))


class Picker(PlannerModal):
    """A dialog about one item, with the form keys: ctrl+s to keep, escape to cancel."""

    SCOPE = actions.FORM
    CSS_PATH = ["pickers.tcss", "../widgets/form.tcss"]

    def __init__(self, meeting: Meeting, item: AgendaItem) -> None:
        super().__init__()
        self.meeting = meeting
        self.item = item

    def item_title(self) -> str:
        wording = Wording(self.meeting, self.app.language)
        return wording.text(self.item.title) or wording.label("item_kind", self.item.kind.value)

    def hint(self, which: str = "picker_hint") -> str:
        keys = self.app.get_key_display_for
        return self.word(
            "form",
            which,
            save=keys("form.save"),
            cancel=keys("form.cancel"),
            language=keys("form.language"),
        )

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_language(self) -> None:
        """Nothing here is written per language (the questions editor's texts are)."""


class PeoplePicker(Picker):
    """Dismissed with (the part, who takes it in the order ticked), or None."""

    def __init__(self, meeting: Meeting, item: AgendaItem) -> None:
        super().__init__(meeting, item)
        self.part = next((part for part, _, _ in item.parts()), Part.SPEAKER)
        self.shown: dict[str, Text] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(
                Text(self.word("form", "people_of", item=self.item_title())), classes="heading"
            )
            parts = [(Text(self.word("part", part.value)), part.value) for part in Part]
            yield Select(parts, value=self.part.value, allow_blank=False, id="part")
            yield SelectionList[str](id="people")
            yield Static("", id="order", classes="hint")
            yield Static(Text(self.hint()), classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.fill()
        self.query_one("#people").focus()

    def candidates(self) -> dict[str, Text]:
        """Everyone who can take a part, by key: the people, then the organisations (a key
        a person and an organisation share is the person's)."""
        wording = Wording(self.meeting, self.app.language)
        found: dict[str, Text] = {}
        for person in self.meeting.people:
            if person.id:
                found[person.id] = Text(wording.who(person.id))
        for organisation in self.meeting.organisations:
            if organisation.id not in found:
                shown = Text(wording.text(organisation.name, name=True))
                shown.append(f"  ({self.word('form', 'organisation')})", style="dim")
                found[organisation.id] = shown
        return found

    def taking_part(self) -> list[Participation]:
        return list(getattr(self.item, PART_FIELDS[self.part]))

    def fill(self) -> None:
        self.shown = candidates = self.candidates()
        chosen = [p.who for p in self.taking_part() if p.who in candidates]
        order = chosen + [key for key in candidates if key not in chosen]
        listing = self.query_one("#people", SelectionList)
        listing.clear_options()
        listing.add_options([Selection(candidates[key], key, key in chosen) for key in order])
        listing.highlighted = 0 if order else None
        self.show_order()

    def show_order(self) -> None:
        listing = self.query_one("#people", SelectionList)
        names = [self.shown[key].plain for key in listing.selected]
        listed = "; ".join(names) if names else self.word("form", "nobody")
        words = self.word("form", "in_order", part=self.word("parts", self.part.value))
        self.query_one("#order", Static).update(Text(f"{words} {listed}"))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "part" and isinstance(event.value, str):
            self.part = Part(event.value)
            self.fill()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self.show_order()

    def action_save(self) -> None:
        kept = {p.who: p for p in self.taking_part()}
        selected = self.query_one("#people", SelectionList).selected
        self.dismiss((self.part, [kept.get(key) or Participation(who=key) for key in selected]))


class TopicsPicker(Picker):
    """Dismissed with the keys of the topics ticked (in the register's order), or None."""

    def compose(self) -> ComposeResult:
        wording = Wording(self.meeting, self.app.language)
        topics = [
            Selection(Text(f"{wording.text(t.title)}  ({t.id})"), t.id, t.id in self.item.topics)
            for t in self.meeting.topics
        ]
        with Vertical(id="picker"):
            yield Static(
                Text(self.word("form", "topics_of", item=self.item_title())), classes="heading"
            )
            yield SelectionList[str](*topics, id="topics")
            if not topics:
                yield Static(Text(self.word("form", "no_topics")), classes="hint")
            yield Static(Text(self.hint()), classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        topics = self.query_one("#topics", SelectionList)
        topics.highlighted = 0 if topics.option_count else None
        topics.focus()

    def action_save(self) -> None:
        selected = set(self.query_one("#topics", SelectionList).selected)
        self.dismiss([topic.id for topic in self.meeting.topics if topic.id in selected])


class QuestionsEditor(Picker):
    """The item's questions to the room: add, edit (the text one language at a time, the
    topic), delete. Dismissed with the questions, or None."""

    def __init__(self, meeting: Meeting, item: AgendaItem) -> None:
        super().__init__(meeting, item)
        self.drafts: list[dict[str, Any]] = [q.model_dump() for q in item.questions]
        self.current: int | None = None

    def compose(self) -> ComposeResult:
        wording = Wording(self.meeting, self.app.language)
        topics = [(t.id, wording.text(t.title)) for t in self.meeting.topics]
        with Vertical(id="picker"):
            yield Static(
                Text(self.word("form", "questions_of", item=self.item_title())), classes="heading"
            )
            yield OptionList(id="questions")
            with Horizontal(id="buttons"):
                yield Button(Text(self.word("form", "new_question")), id="new-question")
                yield Button(Text(self.word("form", "delete_question")), id="delete-question")
            self.form = Form(
                QUESTION_FIELDS,
                language=self.meeting.language,
                options={"topic": topics},
                named=named_languages(self.meeting),
            )
            yield self.form
            yield Static(Text(self.hint("editor_hint")), classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.show_list(0 if self.drafts else None)

    # -- the list and the question in the form ---------------------------------------------

    def show_list(self, select: int | None) -> None:
        listing = self.query_one("#questions", OptionList)
        listing.clear_options()
        listing.add_options([self.summary(draft) for draft in self.drafts])
        if not self.drafts:
            listing.add_option(Text(self.word("form", "no_questions"), style="dim"))
        self.form.disabled = not self.drafts
        self.current = None
        if select is not None and self.drafts:
            listing.highlighted = select
            self.edit(select)

    def summary(self, draft: dict[str, Any]) -> Text:
        text = draft.get("text")
        root = getattr(text, "root", text)
        if isinstance(root, dict):
            language = self.form.text_language
            root = root.get(language) or next(iter(root.values()), "")
        shown = " ".join(str(root or "").split()) or "…"
        return Text(shown if len(shown) <= 80 else shown[:79] + "…")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.drafts and event.option_index != self.current:
            self.keep()
            self.edit(event.option_index)

    def edit(self, index: int) -> None:
        self.current = index
        self.form.load(self.drafts[index])

    def keep(self) -> None:
        """The question in the form, kept in its draft and in the list."""
        if self.current is None:
            return
        self.drafts[self.current] = self.form.lay_over(self.drafts[self.current])
        listing = self.query_one("#questions", OptionList)
        listing.replace_option_prompt_at_index(
            self.current, self.summary(self.drafts[self.current])
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.keep()
        if event.button.id == "new-question":
            self.drafts.append({"text": None})
            self.show_list(len(self.drafts) - 1)
            self.form.focus_first()
        elif event.button.id == "delete-question" and self.current is not None:
            del self.drafts[self.current]
            self.show_list(min(self.current, len(self.drafts) - 1) if self.drafts else None)

    # -- keys ------------------------------------------------------------------------------

    def action_language(self) -> None:
        if self.current is not None:
            self.form.next_language()

    def action_cancel(self) -> None:
        """Close; when questions were changed, ask first."""
        self.keep()
        if self.drafts == [q.model_dump() for q in self.item.questions]:
            self.dismiss(None)
            return
        from planner.tui.screens.confirm import ConfirmScreen, when_yes

        question = ConfirmScreen(self.word("form", "leave_unsaved"))
        self.app.push_screen(question, when_yes(lambda: self.dismiss(None)))

    def action_save(self) -> None:
        self.keep()
        questions = []
        for index, draft in enumerate(self.drafts):
            try:
                questions.append(AgendaQuestion.model_validate(draft))
            except ValidationError as error:
                self.query_one("#questions", OptionList).highlighted = index
                self.edit(index)
                self.form.show_problems(error, draft)
                return
        self.dismiss(questions)
