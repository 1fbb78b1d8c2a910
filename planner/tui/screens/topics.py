"""A meeting's topics, and the questions put to the room across its agenda: where each topic
is used; a question's keys open its item's questions dialog."""

from __future__ import annotations

from typing import Any

from planner.agenda import editing
from planner.agenda.wording import Wording
from planner.editing.drafts import Draft, DraftPlace, FormKind
from planner.model import Topic, walk_agenda
from planner.tui.screens.record_form import RecordForm, appended, replacing
from planner.tui.screens.registers import RegisterScreen, Shown
from planner.tui.widgets.form import line, text_line, text_paragraphs

TOPIC_FIELDS = (line("id", hint="key"), text_line("title"), text_paragraphs("description"))


class TopicsScreen(RegisterScreen):
    TABLES = ("topics", "questions")
    HEADING = "topics_heading"

    def fill(self, wording: Wording) -> None:
        meeting = self.meeting
        topics = [
            (t.id, [t.id, wording.text(t.title), self.used_by(t.id, "topic", wording)])
            for t in meeting.topics
        ]
        columns = [Shown("key", most=24), Shown("title", grow=True), Shown("used_by", most=50)]
        self.fill_table("topics", columns, topics)
        titles = {t.id: wording.text(t.title) for t in meeting.topics}
        schedule = self.schedule
        questions = []
        for loc, item in walk_agenda(meeting.agenda):
            path = tuple(int(index) for index in loc[1::2])
            name = wording.item_name(schedule.entry(path))
            for index, question in enumerate(item.questions):
                topic = titles.get(question.topic or "", "")
                key = ".".join(map(str, path)) + f"/{index}"
                questions.append((key, [name, wording.text(question.text), topic]))
        columns = [
            Shown("item", most=36),
            Shown("question", grow=True),
            Shown("topic", most=24, hide_below=100),
        ]
        self.fill_table("questions", columns, questions)

    def topic_form(self, heading: str, data: dict[str, Any], place, **draft) -> RecordForm:
        kept_as = DraftPlace(FormKind.TOPIC, data.get("id"))
        return self.record_form(heading, TOPIC_FIELDS, Topic, data, place, kept_as, **draft)

    def on_topics(self, *, new: bool = False) -> bool:
        """Whether a key acts on the topics: not before the meeting is loaded, and not on the
        questions table, whose keys open the item's questions editor instead (with a new
        question started, for `new`)."""
        if self.history is None:
            return False
        if self.in_focus() == "questions":
            self.edit_questions(new=new)
            return False
        return True

    def action_add(self) -> None:
        if self.on_topics(new=True):
            self.new_topic()

    def new_topic(self, restore: dict[str, Any] | None = None) -> None:
        form = self.topic_form("new_topic", {}, appended("topics"), restore=restore)
        self.ask(form, lambda topic: self.apply(lambda m: editing.add_topic(m, topic), "topics"))

    def action_edit(self) -> None:
        key = self.current("topics")
        if self.on_topics() and key is not None:
            self.change_topic(key)

    def change_topic(self, key: str, restore: dict[str, Any] | None = None) -> None:
        index = next(i for i, t in enumerate(self.meeting.topics) if t.id == key)
        data = self.meeting.topics[index].model_dump()
        form = self.topic_form("edit_topic", data, replacing("topics", index), restore=restore)
        self.ask(
            form, lambda topic: self.apply(lambda m: editing.replace_topic(m, key, topic), "topics")
        )

    def open_draft(self, draft: Draft) -> None:
        if isinstance(draft.entry, str) and draft.entry in {t.id for t in self.meeting.topics}:
            self.change_topic(draft.entry, draft.values)
        else:
            self.new_topic(draft.values)

    def action_delete(self) -> None:
        key = self.current("topics")
        if not self.on_topics() or key is None:
            return
        if self.apply(lambda m: editing.remove_topic(m, key), "topics"):
            self.deleted(key)

    def edit_questions(self, *, new: bool = False) -> None:
        """The questions of the item of the question under the cursor; with none listed yet,
        where questions are added."""
        key = self.current("questions")
        if key is None:
            keys = self.app.get_key_display_for
            self.app.notify(
                self.word(
                    "screens_form",
                    "questions_where",
                    open=keys("meetings.open"),
                    questions=keys("agenda.questions"),
                ),
                timeout=10,
            )
            return
        from planner.tui.screens.pickers import QuestionsEditor

        path = tuple(int(index) for index in key.split("/")[0].split("."))
        item = editing.item_at(self.meeting, path)

        def edited(questions) -> None:
            if questions is not None:
                self.apply(lambda m: editing.set_questions(m, path, questions), "questions")

        self.app.push_screen(QuestionsEditor(self.meeting, item, new=new), edited)
