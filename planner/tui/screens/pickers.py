"""Choosing for one agenda item: who takes which part in it, its topics, and its questions to
the room. Each is a dialog dismissed with what was chosen (None when cancelled); the agenda
screen makes the change through `planner.agenda.editing`."""

from __future__ import annotations

from typing import Any, assert_never

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Select, Static, TextArea

from planner.agenda.wording import Wording, named_languages
from planner.model import PART_FIELDS, AgendaItem, AgendaQuestion, Meeting, Part, Participation
from planner.tui import actions
from planner.tui.screen import PlannerModal
from planner.tui.widgets.form import Form, picked, text_paragraphs
from planner.tui.widgets.key_bar import KeyBar
from planner.tui.widgets.ticks import TickList

QUESTION_FIELDS = (text_paragraphs("text", label="question.text"), picked("topic"))

PeopleByPart = dict[Part, list[Participation]]


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

    def hint(self) -> Static:
        """How to tick: the one key of a list that is not the app's to bind."""
        return Static(Text(self.word("screens_form", "tick_hint")), classes="hint")

    WRITES_TEXTS = False
    """Whether anything here is written per language (the questions editor's texts are):
    without, the key for the language of the texts is not offered."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.WRITES_TEXTS or action != "language"

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_language(self) -> None:
        """Nothing here is written per language."""


class PeoplePicker(Picker):
    """Who takes each part, part by part (choose the part above the list). What is ticked
    under one part is kept while another is chosen. Dismissed with the people of every part
    that changed, in the order ticked, or None."""

    def __init__(self, meeting: Meeting, item: AgendaItem) -> None:
        super().__init__(meeting, item)
        self.part = next((part for part, _, _ in item.parts()), Part.SPEAKER)
        self.shown: dict[str, Text] = {}
        self.names: dict[str, str] = {}
        """Who each key is, as the programme names them."""
        self.ticked: dict[Part, list[str]] = {
            part: [p.who for p in getattr(item, field)] for part, field in PART_FIELDS.items()
        }
        """Who is ticked under each part, as it stands in the dialog."""

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(
                Text(self.word("form", "people_of", item=self.item_title())), classes="heading"
            )
            parts = [(Text(self.word("part", part.value)), part.value) for part in Part]
            yield Select(parts, value=self.part.value, allow_blank=False, id="part", compact=True)
            yield TickList[str](id="people")
            yield Static("", id="order", classes="hint")
            yield self.hint()
            yield KeyBar()

    def on_mount(self) -> None:
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
                self.names[person.id] = wording.who(person.id)
        for organisation in self.meeting.organisations:
            if organisation.id not in found:
                name = wording.text(organisation.name, name=True)
                shown = Text(name)
                shown.append(f"  ({self.word('form', 'organisation')})", style="dim")
                found[organisation.id] = shown
                self.names[organisation.id] = name
        return found

    def fill(self) -> None:
        """The list for the chosen part: its people first, in their order, ticked."""
        self.shown = candidates = self.candidates()
        chosen = [key for key in self.ticked[self.part] if key in candidates]
        order = chosen + [key for key in candidates if key not in chosen]
        listing = self.query_one("#people", TickList)
        listing.clear_options()
        listing.add_options([(candidates[key], key, key in chosen) for key in order])
        listing.highlighted = 0 if order else None
        self.show_order()

    def show_order(self) -> None:
        """Every part that has people, the chosen one as it is being ticked."""
        lines = Text()
        for part in Part:
            keys = self.ticked[part]
            if part is not self.part and not keys:
                continue
            names = [self.names.get(key, key) for key in keys]
            listed = "; ".join(names) if names else self.word("form", "nobody")
            words = self.word("form", "in_order", part=self.word("parts", part.value))
            if lines:
                lines.append("\n")
            lines.append(f"{words} {listed}", style="bold" if part is self.part else "")
        self.query_one("#order", Static).update(lines)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "part" and isinstance(event.value, str):
            self.part = Part(event.value)
            self.fill()

    def on_selection_list_selected_changed(self, event: TickList.SelectedChanged) -> None:
        self.ticked[self.part] = list(self.query_one("#people", TickList).selected)
        self.show_order()

    def action_save(self) -> None:
        changed: PeopleByPart = {}
        for part, field in PART_FIELDS.items():
            before = {p.who: p for p in getattr(self.item, field)}
            if list(before) != self.ticked[part]:
                changed[part] = [before.get(k) or Participation(who=k) for k in self.ticked[part]]
        self.dismiss(changed)


class TopicsPicker(Picker):
    """Dismissed with the keys of the topics ticked (in the register's order), or None."""

    def compose(self) -> ComposeResult:
        wording = Wording(self.meeting, self.app.language)
        topics = [
            (Text(f"{wording.text(t.title)}  ({t.id})"), t.id, t.id in self.item.topics)
            for t in self.meeting.topics
        ]
        with Vertical(id="picker"):
            yield Static(
                Text(self.word("form", "topics_of", item=self.item_title())), classes="heading"
            )
            yield TickList[str](*topics, id="topics")
            if not topics:
                yield Static(Text(self.word("form", "no_topics")), classes="hint")
            yield self.hint()
            yield KeyBar()

    def on_mount(self) -> None:
        topics = self.query_one("#topics", TickList)
        topics.highlighted = 0 if topics.option_count else None
        topics.focus()

    def action_save(self) -> None:
        selected = set(self.query_one("#topics", TickList).selected)
        self.dismiss([topic.id for topic in self.meeting.topics if topic.id in selected])


class QuestionsEditor(Picker):
    """The item's questions to the room: add (ctrl+n), edit (the text one language at a
    time, the topic), delete (ctrl+d, after asking). The list shows each question's text as
    it is typed. Dismissed with the questions, or None."""

    ALSO = (actions.QUESTIONS,)
    WRITES_TEXTS = True

    def __init__(self, meeting: Meeting, item: AgendaItem, *, new: bool = False) -> None:
        """With `new`, a new question is started at once (`a` on the topics screen)."""
        super().__init__(meeting, item)
        self.drafts: list[dict[str, Any]] = [q.model_dump() for q in item.questions]
        self.current: int | None = None
        self.start_new = new

    def compose(self) -> ComposeResult:
        wording = Wording(self.meeting, self.app.language)
        topics = [(t.id, wording.text(t.title)) for t in self.meeting.topics]
        with Vertical(id="picker"):
            yield Static(
                Text(self.word("form", "questions_of", item=self.item_title())), classes="heading"
            )
            yield OptionList(id="questions")
            self.form = Form(
                QUESTION_FIELDS,
                language=self.meeting.language,
                options={"topic": topics},
                named=named_languages(self.meeting),
            )
            yield self.form
            yield KeyBar()

    def on_mount(self) -> None:
        self.show_list(0 if self.drafts else None)
        if self.start_new:
            self.action_new()
        else:
            self.query_one("#questions", OptionList).focus()

    # -- the list and the question in the form ---------------------------------------------

    def show_list(self, select: int | None) -> None:
        listing = self.query_one("#questions", OptionList)
        listing.clear_options()
        listing.add_options([self.summary(draft) for draft in self.drafts])
        if not self.drafts:
            keys = self.app.get_key_display_for("questions.new")
            listing.add_option(Text(self.word("screens_form", "no_questions", new=keys)))
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
        shown = " ".join(str(root or "").split())
        if not shown:
            return Text(self.word("screens_form", "question_untitled"), style="dim italic")
        return Text(shown if len(shown) <= 80 else shown[:79] + "…")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.drafts and event.option_index != self.current:
            self.keep()
            self.edit(event.option_index)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """The question's text in the list as it is typed."""
        self.keep()

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

    # -- keys ------------------------------------------------------------------------------

    def action_new(self) -> None:
        self.keep()
        self.drafts.append({"text": None})
        self.show_list(len(self.drafts) - 1)
        self.form.focus_first()

    def action_delete(self) -> None:
        """Delete the question in the form, once the user says yes."""
        if self.current is None:
            return
        self.keep()
        from planner.tui.screens.confirm import Answer, ConfirmScreen

        index = self.current
        text = self.summary(self.drafts[index]).plain
        question = self.word("screens_form", "delete_question", question=text)

        def answered(answer: Answer | None) -> None:
            match answer:
                case Answer.YES:
                    del self.drafts[index]
                    self.show_list(min(index, len(self.drafts) - 1) if self.drafts else None)
                case Answer.NO | None:
                    pass
                case _:
                    assert_never(answer)
            self.query_one("#questions", OptionList).focus()

        self.app.push_screen(ConfirmScreen(question), answered)

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
