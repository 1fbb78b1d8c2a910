"""The forms, pickers and register screens, driven with Textual's Pilot."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.widgets import (
    Checkbox,
    Input,
    OptionList,
    Select,
    SelectionList,
    Static,
)

from planner import meeting_actions
from planner.meeting_files import read_meeting_files
from planner.model import Meeting, Part
from planner.resources import sample_meeting_files
from planner.tui.app import PlannerApp
from planner.tui.screens.item_form import ItemFormScreen
from planner.tui.screens.meeting_form import MeetingFormScreen
from planner.tui.screens.pickers import PeoplePicker, QuestionsEditor
from planner.tui.screens.registers import open_register
from planner.tui.widgets.form import Form
from planner.tui.widgets.virtual_table import VirtualTable
from tests.factories import meeting_data
from tests.tui.pilot import worked

SIZE = (140, 45)
MARKUP = "Kåre [draft]"


@pytest.fixture
def meeting(empty_workspace):
    """A meeting whose first item has a speaker and a topic, and a person named with what
    looks like markup."""
    data = meeting_data()
    data["people"].append({"id": "kare", "name": MARKUP})
    data["agenda"][0]["topics"] = ["arbeid"]
    return meeting_actions.create(empty_workspace, data).meeting


async def opened(pilot, screen, answers: list | None = None):
    """Push `screen` (its dismissal appended to `answers`) and let it load."""
    await worked(pilot)
    pilot.app.push_screen(screen, answers.append if answers is not None else None)
    await worked(pilot)
    return screen


async def type_into(pilot, field_id: str, text: str) -> None:
    """Focus the field (its text selected, so typing replaces it) and type."""
    pilot.app.screen.query_one(f"#{field_id}").focus()
    await pilot.pause()
    await pilot.press(*text)


def shown(widget: Static) -> str:
    return str(widget.render())


async def fill_in_a_meeting(pilot, slug: str) -> None:
    await type_into(pilot, "f-slug", slug)
    pilot.app.screen.query_one("#f-kind", Select).value = "conference"
    await type_into(pilot, "f-title", MARKUP)
    await type_into(pilot, "f-start", "2026-03-10 09:00")
    await type_into(pilot, "f-end", "2026-03-10 16:00")
    await type_into(pilot, "f-venue--name", "Oslo kongressenter")
    await type_into(pilot, "f-organiser--name", "Sekretariatet")
    await type_into(pilot, "f-organiser--email", "post@example.no")


async def test_a_meeting_is_created_through_the_form(empty_workspace):
    app, answers = PlannerApp(empty_workspace, home_language="nb"), []
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, MeetingFormScreen(None), answers)
        await fill_in_a_meeting(pilot, "nordisk-2026")
        await pilot.press("ctrl+s")
        await worked(pilot)
    assert answers == ["nordisk-2026"]
    created = empty_workspace.get_meeting("nordisk-2026").meeting
    assert created.title.root == MARKUP  # one language: a plain string, as typed
    assert created.language == "nb" and created.timezone == "Europe/Oslo"
    assert created.venue is not None and created.venue.name.root == "Oslo kongressenter"


async def test_a_missing_organiser_and_venue_are_asked_for_at_their_first_fields(empty_workspace):
    app, answers = PlannerApp(empty_workspace, home_language="en"), []
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, MeetingFormScreen(None), answers)
        form = screen.query_one(Form)
        await type_into(pilot, "f-slug", "nordisk-2026")
        await type_into(pilot, "f-title", "Nordisk 2026")
        await type_into(pilot, "f-start", "2026-03-10 09:00")
        await pilot.press("ctrl+s")
        await worked(pilot)
        assert form.problem_at("organiser.name") == "required"

        screen.query_one("#f-kind", Select).value = "conference"
        await type_into(pilot, "f-organiser--name", "Sekretariatet")
        await type_into(pilot, "f-organiser--email", "post@example.no")
        await pilot.press("ctrl+s")
        await worked(pilot)
        assert form.problem_at("organiser.name") == ""
        assert "give the venue" in form.problem_at("venue.name")
        assert answers == [] and empty_workspace.list_meetings() == []


async def test_a_problem_is_shown_beside_its_field_and_nothing_is_saved(empty_workspace):
    app, answers = PlannerApp(empty_workspace), []
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, MeetingFormScreen(None), answers)
        form = screen.query_one(Form)
        await fill_in_a_meeting(pilot, "Nordisk 2026")
        await pilot.press("ctrl+s")
        await worked(pilot)
        assert "is not a usable key" in form.problem_at("slug")
        assert form.problem_at("title") == ""
        beside = screen.query_one("#row-f-slug .form-problem", Static)
        assert beside.display and "usable key" in shown(beside)

        await type_into(pilot, "f-slug", "nordisk-2026")
        await type_into(pilot, "f-end", "2026-03-10 08:00")  # a rule across fields
        await pilot.press("ctrl+s")
        await worked(pilot)
        assert form.problem_at("slug") == ""
        assert "ends (2026-03-10 08:00) before it starts" in form.problem_at("end")
        assert app.screen is screen and answers == []
    assert empty_workspace.list_meetings() == []


async def test_every_sample_meeting_comes_back_from_its_form_as_it_was(empty_workspace):
    empty_workspace.import_meetings(read_meeting_files(sample_meeting_files()))
    app = PlannerApp(empty_workspace)
    async with app.run_test(size=SIZE) as pilot:
        for summary in empty_workspace.list_meetings():
            screen = await opened(pilot, MeetingFormScreen(summary.slug))
            meeting = screen.stored
            form = screen.query_one(Form)
            assert not form.changed
            assert Meeting.model_validate(form.lay_over(meeting.model_dump())) == meeting
            screen.dismiss(None)
            await pilot.pause()


async def test_a_meeting_changed_meanwhile_is_merged_with_the_details_typed(
    empty_workspace, meeting, tmp_path, monkeypatch
):
    monkeypatch.setattr("planner.config.data_folder", lambda: tmp_path / "data")
    app, answers = PlannerApp(empty_workspace, home_language="en"), []
    app.check_every = 0.1
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, MeetingFormScreen(meeting.slug), answers)
        await type_into(pilot, "f-title", "Mitt nye navn")
        meeting_actions.set_archived(empty_workspace, meeting.slug, True)  # a colleague, meanwhile
        screen.session.check()  # seen, not shown: the form holds what was typed
        assert not screen.query_one("#f-archived", Checkbox).value
        await pilot.press("ctrl+s")
        await worked(pilot)
        assert answers == [meeting.slug]
    stored = empty_workspace.get_meeting(meeting.slug).meeting
    assert stored.title.root == "Mitt nye navn" and stored.archived  # both changes kept
    assert not (tmp_path / "data" / "unsaved").exists()


async def test_leaving_a_form_with_typed_text_asks_first(empty_workspace):
    from planner.tui.screens.confirm import ConfirmScreen

    app, answers = PlannerApp(empty_workspace), []
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, MeetingFormScreen(None), answers)
        await type_into(pilot, "f-slug", "halvferdig")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    assert answers == [None]


async def test_an_items_title_is_edited_in_two_languages(empty_workspace, meeting):
    app, answers = PlannerApp(empty_workspace), []
    item = meeting.agenda[0]
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, ItemFormScreen(meeting, item), answers)
        title = screen.query_one("#f-title", Input)
        assert title.value == "Velkommen"
        await type_into(pilot, "f-title", "Velkommen til alle")
        await pilot.press("ctrl+l", "ctrl+l")  # nb -> nn -> sv
        await pilot.pause()
        assert screen.query_one(Form).text_language == "sv" and title.value == ""
        label = shown(screen.query_one("#row-f-title .form-label", Static))
        assert "Title (sv) also in nb" in label
        await type_into(pilot, "f-title", "Välkommen alla")
        await pilot.press("ctrl+s")
        await worked(pilot)
    [edited] = answers
    assert edited.title.root == {"nb": "Velkommen til alle", "sv": "Välkommen alla"}
    assert edited.speakers == item.speakers and edited.topics == item.topics


async def test_a_new_item_starts_with_a_kind_and_a_quarter_of_an_hour(empty_workspace, meeting):
    app, answers = PlannerApp(empty_workspace), []
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, ItemFormScreen(meeting, None), answers)
        await pilot.press("ctrl+s")
        await worked(pilot)
    [new] = answers
    assert new.kind.value == "other" and new.duration == 15 and new.title is None


async def test_people_are_chosen_in_order_part_by_part_and_each_parts_ticks_are_kept(
    empty_workspace, meeting
):
    app, answers = PlannerApp(empty_workspace), []
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, PeoplePicker(meeting, meeting.agenda[0]), answers)
        people = screen.query_one("#people", SelectionList)
        assert people.selected == ["helgesen"]  # the item's speaker, ticked, listed first
        assert [people.get_option_at_index(i).value for i in range(3)] == [
            "helgesen",
            "sanner",
            "kare",
        ]
        await pilot.press("down", "down", "space", "up", "space")  # Kåre, then Sanner
        await pilot.pause()
        assert MARKUP in shown(screen.query_one("#order", Static))
        await pilot.press("shift+tab", "enter", *"moderator", "enter")  # another part
        await pilot.pause()
        assert people.selected == []
        await pilot.press("tab", "space")  # the first listed, Sanner, moderates
        await pilot.press("shift+tab", "enter", *"speaker", "enter")  # back to the speakers
        await pilot.pause()
        assert people.selected == ["helgesen", "kare", "sanner"]  # as ticked before
        order = shown(screen.query_one("#order", Static))
        assert "Moderators, in order: Jan Tore Sanner" in order
        await pilot.press("ctrl+s")
        await worked(pilot)
    [chosen] = answers
    assert {part: [p.who for p in who] for part, who in chosen.items()} == {
        Part.SPEAKER: ["helgesen", "kare", "sanner"],
        Part.MODERATOR: ["sanner"],
    }


async def test_a_question_is_added_in_two_languages_under_a_topic(empty_workspace, meeting):
    app, answers = PlannerApp(empty_workspace), []
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, QuestionsEditor(meeting, meeting.agenda[0]), answers)
        listing = screen.query_one("#questions", OptionList)
        await pilot.press("ctrl+n")
        await worked(pilot)
        await type_into(pilot, "f-text", "Hva virker?")
        await pilot.pause()
        assert str(listing.get_option_at_index(0).prompt) == "Hva virker?"  # at once
        await pilot.press("ctrl+l", "ctrl+l")  # nb -> nn -> sv
        await type_into(pilot, "f-text", "Vad fungerar?")
        screen.query_one("#f-topic", Select).value = "arbeid"
        await pilot.press("ctrl+n")
        await type_into(pilot, "f-text", "Hvem bestemmer?")
        await pilot.press("shift+tab")  # from the text back to the list, never to a delete
        assert app.focused is listing
        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("n")  # not deleted after all
        await pilot.pause()
        assert listing.option_count == 2
        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert listing.option_count == 1
        await pilot.press("ctrl+s")
        await worked(pilot)
    [[question]] = answers
    assert question.text.root == {"nb": "Hva virker?", "sv": "Vad fungerar?"}
    assert question.topic == "arbeid"


async def test_a_topic_is_added_and_where_it_is_used_is_shown(empty_workspace, meeting):
    app, closed = PlannerApp(empty_workspace, home_language="en"), []
    async with app.run_test(size=SIZE) as pilot:
        await worked(pilot)
        open_register(app, "topics", meeting.slug, then=closed.append)
        await worked(pilot)
        await pilot.press("a")
        await pilot.pause()
        await type_into(pilot, "f-id", "bolig")
        await type_into(pilot, "f-title", "Bosetting og bolig")
        await pilot.press("ctrl+s")
        await worked(pilot)
        table = app.screen.query_one("#topics", VirtualTable)
        rows = {row.key: [str(cell) for cell in row.cells] for row in table.rows}
        assert rows["bolig"][2] == "not used"
        assert rows["arbeid"][2] == "punkt 1 «Velkommen»"  # as the programme says it
        await pilot.press("u")
        await pilot.pause()
        assert "bolig" not in {row.key for row in table.rows}
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "bolig" in {row.key for row in table.rows}
        await pilot.press("escape")  # back, once everything is saved
        await worked(pilot)
    assert closed == [meeting.slug]
    topics = empty_workspace.get_meeting(meeting.slug).meeting.topics
    assert [t.id for t in topics] == ["arbeid", "bolig"]


async def test_removing_a_person_in_use_is_refused_with_the_uses_on_screen(
    empty_workspace, meeting
):
    app = PlannerApp(empty_workspace, home_language="en")
    async with app.run_test(size=SIZE) as pilot:
        await worked(pilot)
        open_register(app, "people", meeting.slug)
        await worked(pilot)
        table = app.screen.query_one("#people", VirtualTable)
        table.move_to("helgesen")
        table.focus()
        await pilot.press("d")
        await worked(pilot)
        message = shown(app.screen.query_one("#message", Static))
        assert "'helgesen' is used by" in message and "Velkommen" in message
        name = table.rows[table.row_index("kare")].cells[1]
        assert isinstance(name, Text) and name.plain == MARKUP  # shown as typed, never markup
    people = empty_workspace.get_meeting(meeting.slug).meeting.people
    assert "helgesen" in [p.id for p in people]


def test_every_field_heading_and_choice_of_the_forms_has_its_words():
    from planner.i18n import built_in_labels
    from planner.tui.screens.events import EVENT_FIELDS
    from planner.tui.screens.item_form import ITEM_FIELDS
    from planner.tui.screens.meeting_form import MEETING_FIELDS
    from planner.tui.screens.people import ORGANISATION_FIELDS, PERSON_FIELDS
    from planner.tui.screens.pickers import QUESTION_FIELDS
    from planner.tui.screens.topics import TOPIC_FIELDS
    from planner.tui.widgets.form import Heading

    labels = built_in_labels()
    forms = (
        MEETING_FIELDS,
        ITEM_FIELDS,
        QUESTION_FIELDS,
        TOPIC_FIELDS,
        PERSON_FIELDS,
        ORGANISATION_FIELDS,
        EVENT_FIELDS,
    )
    for entry in (entry for form in forms for entry in form):
        if isinstance(entry, Heading):
            assert entry.key in labels["form"], entry.key
            continue
        assert entry.label in labels["field"], entry.path
        assert not entry.hint or entry.hint in labels["field_hint"], entry.hint
        for _, key in entry.choices:
            assert key in labels[entry.group], (entry.path, key)
