"""Two people changed one meeting: what combines by itself and what the user must settle."""

from __future__ import annotations

import pytest

from planner.agenda import editing
from planner.agenda.merging import follow, merge_meetings
from planner.editing.clashes import Choice, Edited
from planner.errors import InvalidInput
from planner.model import AgendaItem, Meeting, Topic
from tests.unit.test_agenda_editing import AGENDA, meeting, programme


def titles(meeting: Meeting) -> list[str]:
    return [line.split(" ", 1)[1].rsplit(" ", 1)[0] for line in programme(meeting)]


def item(meeting: Meeting, path) -> AgendaItem:
    return editing.item_at(meeting, path)


BASE = meeting()


def test_changes_to_different_items_combine_without_asking():
    mine = editing.change_duration(BASE, (0,), 5)  # Velkommen 15 min
    theirs = editing.change_duration(BASE, (2,), -5)  # Pause 10 min
    merged = merge_meetings(BASE, mine, theirs)
    assert merged.clashes == ()
    combined = merged.resolve({})
    assert item(combined, (0,)).duration == 15 and item(combined, (2,)).duration == 10


def test_changes_to_neighbouring_items_combine_too():
    mine = editing.change_duration(BASE, (1, 0), 5)  # Innlegg A
    theirs = editing.change_duration(BASE, (1, 1), 5)  # Innlegg B, just below it
    combined = merge_meetings(BASE, mine, theirs).resolve({})
    assert item(combined, (1, 0)).duration == 25 and item(combined, (1, 1)).duration == 25


def test_an_item_added_by_one_and_another_changed_by_the_other_combine():
    new = AgendaItem.model_validate({"kind": "talk", "title": "Nytt innlegg", "duration": 10})
    mine, _ = editing.add_item(BASE, (1, 1), new, inside=False)
    theirs = editing.change_duration(BASE, (3,), 30)
    combined = merge_meetings(BASE, mine, theirs).resolve({})
    assert titles(combined) == [
        "Velkommen",
        "Plenum",
        "Innlegg A",
        "Innlegg B",
        "Nytt innlegg",
        "Pause",
        "Dialog",
    ]
    assert item(combined, (3,)).duration == 120


def test_items_both_added_at_the_same_place_are_both_kept():
    mine, _ = editing.add_item(
        BASE, (3,), AgendaItem.model_validate({"title": "Lunsj", "duration": 45}), inside=False
    )
    theirs, _ = editing.add_item(
        BASE, (3,), AgendaItem.model_validate({"title": "Middag", "duration": 90}), inside=False
    )
    combined = merge_meetings(BASE, mine, theirs).resolve({})
    assert titles(combined)[-2:] == ["Middag", "Lunsj"]


def test_a_moved_item_and_an_item_changed_elsewhere_combine():
    mine, _ = editing.move_down(BASE, (0,))  # Velkommen after Plenum
    theirs = editing.change_duration(BASE, (3,), 30)
    combined = merge_meetings(BASE, mine, theirs).resolve({})
    assert titles(combined)[:2] == ["Plenum", "Innlegg A"]
    assert item(combined, (3,)).duration == 120


def test_a_topic_added_by_one_and_the_title_changed_by_the_other_combine():
    mine = editing.add_topic(BASE, Topic.model_validate({"id": "bolig", "title": "Bolig"}))
    theirs = BASE.model_copy(update={"capacity": 80})
    combined = merge_meetings(BASE, mine, theirs).resolve({})
    assert [t.id for t in combined.topics] == [*[t.id for t in BASE.topics], "bolig"]
    assert combined.capacity == 80


def test_the_same_item_changed_by_both_shows_both_and_each_choice_settles_it():
    mine = editing.change_duration(BASE, (0,), 5)  # 15 min
    theirs = editing.change_duration(BASE, (0,), -5)  # 5 min
    merged = merge_meetings(BASE, mine, theirs)
    [clash] = merged.clashes
    assert (clash.mine["duration"], clash.theirs["duration"], clash.base["duration"]) == (15, 5, 10)
    assert "Velkommen" in str(clash.what) and "1" in str(clash.what)

    assert item(merged.resolve({clash.key: Choice.KEEP_MINE}), (0,)).duration == 15
    assert item(merged.resolve({clash.key: Choice.TAKE_THEIRS}), (0,)).duration == 5
    edited = {**clash.mine, "duration": 12, "title": "Velkommen til alle"}
    settled = merged.resolve({clash.key: Edited(edited)})
    assert item(settled, (0,)).duration == 12
    assert titles(settled)[0] == "Velkommen til alle"
    assert merged.drops_mine({clash.key: Choice.TAKE_THEIRS})
    assert not merged.drops_mine({clash.key: Choice.KEEP_MINE})


def test_two_items_changed_by_both_clash_one_by_one_and_the_rest_combines():
    mine = editing.change_duration(editing.change_duration(BASE, (0,), 5), (2,), 5)
    theirs = editing.change_duration(editing.change_duration(BASE, (0,), 10), (3,), 5)
    merged = merge_meetings(BASE, mine, theirs)
    [clash] = merged.clashes
    combined = merged.resolve({clash.key: Choice.TAKE_THEIRS})
    assert [item(combined, (i,)).duration for i in (0, 2, 3)] == [20, 20, 95]


def test_an_item_deleted_by_one_and_changed_by_the_other_clashes():
    mine = editing.delete_item(BASE, (2,))[0]
    theirs = editing.change_duration(BASE, (2,), 15)
    merged = merge_meetings(BASE, mine, theirs)
    [clash] = merged.clashes
    assert clash.mine is None and clash.theirs[0]["duration"] == 30
    assert "Pause" not in titles(merged.resolve({clash.key: Choice.KEEP_MINE}))
    assert "Pause" in titles(merged.resolve({clash.key: Choice.TAKE_THEIRS}))


def test_the_same_field_changed_differently_clashes_and_equal_changes_do_not():
    mine = BASE.model_copy(update={"capacity": 80})
    assert merge_meetings(BASE, mine, mine.model_copy()).clashes == ()
    merged = merge_meetings(BASE, mine, BASE.model_copy(update={"capacity": 120}))
    [clash] = merged.clashes
    assert (clash.key, clash.mine, clash.theirs) == ("field:capacity", 80, 120)


def test_changes_that_break_a_rule_only_together_are_left_to_the_user():
    with_topic = editing.add_topic(BASE, Topic.model_validate({"id": "bolig", "title": "Bolig"}))
    mine = editing.remove_topic(with_topic, "bolig")
    theirs = editing.set_topics(with_topic, (0,), ["bolig"])
    merged = merge_meetings(with_topic, mine, theirs)
    [clash] = merged.clashes
    assert clash.key == "*"
    assert merged.resolve({"*": Choice.TAKE_THEIRS}) == theirs


def test_an_edit_that_is_not_an_item_is_refused_saying_so():
    mine = editing.change_duration(BASE, (0,), 5)
    theirs = editing.change_duration(BASE, (0,), -5)
    merged = merge_meetings(BASE, mine, theirs)
    [clash] = merged.clashes
    with pytest.raises(InvalidInput):
        merged.resolve({clash.key: Edited(["not", "an", "item"])})


def test_without_the_version_both_started_from_every_difference_is_the_users_to_settle():
    mine = editing.change_duration(BASE, (0,), 5)
    merged = merge_meetings(None, mine, BASE)
    assert [clash.key for clash in merged.clashes] == ["items:0-0"]
    assert merged.resolve({"items:0-0": Choice.KEEP_MINE}) == mine


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda m: editing.add_item(m, None, AgendaItem(), inside=False)[0], (1, 1)),
        (lambda m: editing.delete_item(m, (0,))[0], (0, 1)),
        (lambda m: editing.change_duration(m, (1, 1), 5), (1, 1)),
        (lambda m: editing.delete_item(m, (1, 1))[0], None),
    ],
    ids=["added-after", "deleted-before", "changed-itself", "deleted-itself"],
)
def test_the_cursor_follows_its_item_through_a_colleagues_change(change, expected):
    assert follow((1, 1), BASE, change(BASE)) == expected


def test_the_agenda_of_the_tests_is_what_these_tests_expect():
    assert [i["title"] for i in AGENDA] == ["Velkommen", "Plenum", "Pause", "Dialog"]
