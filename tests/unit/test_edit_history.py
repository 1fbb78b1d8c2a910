"""Undo and redo: the meeting the secretariat sees after each step back and forth."""

from __future__ import annotations

import pytest

from planner.agenda import editing
from planner.agenda.editing import EditRefused
from planner.agenda.history import MAX_STEPS, EditHistory, NothingToRedo, NothingToUndo
from planner.model import Meeting
from tests.factories import meeting_data


def durations(meeting: Meeting) -> list[int | None]:
    return [item.duration for item in meeting.agenda]


def lengthened(history: EditHistory, minutes: int = 5) -> None:
    history.apply(editing.change_duration(history.present, (0,), minutes), f"{minutes:+} min")


@pytest.fixture
def history() -> EditHistory:
    return EditHistory(Meeting.model_validate(meeting_data()))


def test_a_new_history_has_nothing_to_undo_or_redo(history):
    assert durations(history.present) == [10, 200]
    assert not history.can_undo and not history.can_redo
    assert history.undo_description is None and history.redo_description is None
    with pytest.raises(NothingToUndo, match="there is nothing to undo"):
        history.undo()
    with pytest.raises(NothingToRedo, match="there is nothing to redo"):
        history.redo()


def test_nothing_to_undo_is_a_refusal_the_app_shows_like_any_other(history):
    with pytest.raises(EditRefused):
        history.undo()


def test_undo_and_redo_walk_back_and_forth_through_the_edits(history):
    lengthened(history)
    moved, _ = editing.move_down(history.present, (0,))
    history.apply(moved, "move item 1 down")
    assert durations(history.present) == [200, 15]
    assert history.undo_description == "move item 1 down"
    assert durations(history.undo()) == [15, 200]
    assert history.redo_description == "move item 1 down"
    assert history.undo_description == "+5 min"
    assert durations(history.undo()) == [10, 200]
    assert not history.can_undo
    assert durations(history.redo()) == [15, 200]
    assert durations(history.redo()) == [200, 15]
    assert not history.can_redo
    assert durations(history.present) == [200, 15]


def test_a_new_edit_after_undo_clears_what_could_be_redone(history):
    lengthened(history)
    history.undo()
    assert history.can_redo
    lengthened(history, -5)
    assert not history.can_redo
    assert durations(history.present) == [5, 200]
    assert durations(history.undo()) == [10, 200]


def test_an_edit_that_changes_nothing_is_not_an_undo_step(history):
    history.apply(editing.change_duration(history.present, (0,), 0), "nothing")
    assert not history.can_undo


def test_only_the_last_steps_up_to_the_limit_can_be_undone():
    history = EditHistory(Meeting.model_validate(meeting_data()), limit=3)
    for _ in range(5):
        lengthened(history)
    assert durations(history.present) == [35, 200]
    for _ in range(3):
        history.undo()
    assert not history.can_undo
    assert durations(history.present) == [20, 200]
    assert MAX_STEPS == 500


def test_the_saved_marker_follows_the_present(history):
    assert history.is_saved
    lengthened(history)
    assert not history.is_saved
    history.undo()
    assert history.is_saved  # back to what the workspace has
    history.redo()
    history.mark_saved()
    assert history.is_saved
    history.undo()
    assert not history.is_saved
    history.redo()
    assert history.is_saved


def test_marking_saved_can_take_the_meeting_as_the_workspace_gave_it_back(history):
    lengthened(history)
    stored = history.present.model_copy(update={"archived": True})
    history.mark_saved(stored)
    assert history.present is stored
    assert history.is_saved and not history.can_redo
    history.undo()
    assert durations(history.redo()) == [15, 200]
    assert history.present.archived


def test_a_history_of_a_meeting_not_yet_saved_starts_unsaved():
    history = EditHistory(Meeting.model_validate(meeting_data()), saved=False)
    assert history.saved_at is None and not history.is_saved
    history.mark_saved()
    assert history.is_saved
