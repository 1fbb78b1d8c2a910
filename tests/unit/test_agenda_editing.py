"""Editing a meeting's agenda, topics and people: what the secretariat sees after each edit."""

from __future__ import annotations

import pytest

from planner.agenda import editing
from planner.agenda.editing import EditRefused
from planner.agenda.schedule import WarningKind, build_schedule
from planner.errors import InvalidInput
from planner.model import (
    AgendaItem,
    AgendaQuestion,
    Meeting,
    Organisation,
    Part,
    Participation,
    Person,
    Topic,
)
from tests.factories import meeting_data

AGENDA = [
    {"kind": "welcome", "title": "Velkommen", "duration": 10, "speakers": ["helgesen"]},
    {
        "kind": "talk",
        "title": "Plenum",
        "duration": 60,
        "topics": ["arbeid"],
        "items": [
            {"kind": "talk", "title": "Innlegg A", "duration": 20, "speakers": ["sanner"]},
            {"kind": "talk", "title": "Innlegg B", "duration": 20},
        ],
    },
    {"kind": "break", "title": "Pause", "duration": 15},
    {
        "kind": "dialogue",
        "title": "Dialog",
        "duration": 90,
        "questions": [{"text": "Hva virker?", "topic": "arbeid", "owner": "sanner"}],
    },
]


def meeting(**changes) -> Meeting:
    return Meeting.model_validate(meeting_data(**{"agenda": AGENDA, **changes}))


def programme(meeting: Meeting) -> list[str]:
    """The agenda as `planner show` lists it: number, title and start."""
    lines = []
    for entry in build_schedule(meeting).items:
        start = f"{entry.start:%H:%M}" if entry.start else "--:--"
        title = meeting.text(entry.item.title)
        lines.append(f"{entry.number or '-'} {title} {start}")
    return lines


ORIGINAL = [
    "1 Velkommen 12:30",
    "2 Plenum 12:40",
    "2.1 Innlegg A 12:40",
    "2.2 Innlegg B 13:00",
    "- Pause 13:40",
    "3 Dialog 13:55",
]


def nested(*titles: str) -> dict:
    """An item with one sub-item, which has one sub-item…: one level per title."""
    item: dict = {"title": titles[-1]}
    for title in reversed(titles[:-1]):
        item = {"title": title, "items": [item]}
    return item


def refusal(call, *args, **kwargs) -> str:
    with pytest.raises(EditRefused) as refused:
        call(*args, **kwargs)
    return str(refused.value)


def test_the_test_meeting_reads_as_expected():
    assert programme(meeting()) == ORIGINAL


def test_item_at_finds_a_sub_item_by_its_path_and_refuses_a_place_that_is_not_there():
    assert editing.item_at(meeting(), (1, 0)).title.root == "Innlegg A"
    assert refusal(editing.item_at, meeting(), (1, 5)) == "the agenda has no item at place 2.6"
    assert refusal(editing.item_at, meeting(), ()) == "the agenda has no item at place (none)"


def test_edits_leave_the_original_meeting_as_it_was():
    original = meeting()
    editing.delete_item(original, (0,))
    editing.change_duration(original, (1,), 5)
    assert programme(original) == ORIGINAL


def test_an_item_added_after_another_takes_the_next_number():
    changed, path = editing.add_item(meeting(), (0,), AgendaItem(title="Innledning", duration=20))
    assert path == (1,)
    assert programme(changed)[:3] == ["1 Velkommen 12:30", "2 Innledning 12:40", "3 Plenum 13:00"]


def test_an_item_added_without_a_place_goes_to_the_end():
    changed, path = editing.add_item(meeting(), None, AgendaItem(title="Avslutning", duration=5))
    assert path == (4,)
    assert programme(changed)[-1] == "4 Avslutning 15:25"


def test_an_item_added_inside_becomes_the_last_sub_item():
    new = AgendaItem(title="Innlegg C", duration=20)
    changed, path = editing.add_item(meeting(), (1,), new, inside=True)
    assert path == (1, 2)
    assert programme(changed)[4] == "2.3 Innlegg C 13:20"


def test_an_item_cannot_be_added_deeper_than_four_levels():
    deep = meeting(agenda=[nested("1", "1.1", "1.1.1", "1.1.1.1")])
    message = refusal(editing.add_item, deep, (0, 0, 0, 0), AgendaItem(title="x"), inside=True)
    assert message.startswith("agenda items nest at most 4 levels deep")
    assert refusal(editing.add_item, deep, None, AgendaItem(title="x"), inside=True) == (
        "choose the item to add a sub-item to"
    )


def test_replacing_an_item_replaces_its_sub_items_too():
    changed = editing.replace_item(meeting(), (1,), AgendaItem(title="Plenum", duration=45))
    assert programme(changed)[1:3] == ["2 Plenum 12:40", "- Pause 13:25"]


def test_deleting_an_item_selects_the_next_then_the_previous_then_the_parent():
    changed, selected = editing.delete_item(meeting(), (0,))
    assert selected == (0,)
    assert programme(changed)[0] == "1 Plenum 12:30"
    _, selected = editing.delete_item(meeting(), (3,))
    assert selected == (2,)
    once, selected = editing.delete_item(meeting(), (1, 1))
    assert selected == (1, 0)
    _, selected = editing.delete_item(once, (1, 0))
    assert selected == (1,)
    _, selected = editing.delete_item(meeting(agenda=[{"title": "Alene"}]), (0,))
    assert selected is None


def test_moving_up_and_down_swaps_with_the_neighbour_and_renumbers():
    changed, path = editing.move_down(meeting(), (0,))
    assert path == (1,)
    assert programme(changed)[:4] == [
        "1 Plenum 12:30",
        "1.1 Innlegg A 12:30",
        "1.2 Innlegg B 12:50",
        "2 Velkommen 13:30",
    ]
    changed, path = editing.move_up(meeting(), (1, 1))
    assert path == (1, 0)
    assert programme(changed)[2:4] == ["2.1 Innlegg B 12:40", "2.2 Innlegg A 13:00"]


def test_the_first_item_cannot_move_up_nor_the_last_down():
    assert refusal(editing.move_up, meeting(), (0,)) == "the first item cannot move up"
    assert refusal(editing.move_down, meeting(), (3,)) == "the last item cannot move down"
    assert refusal(editing.move_up, meeting(), (1, 0)) == (
        "the first sub-item of item 2 cannot move up (move it out instead)"
    )
    assert refusal(editing.move_down, meeting(), (1, 1)) == (
        "the last sub-item of item 2 cannot move down (move it out instead)"
    )


def test_moving_in_makes_the_item_the_last_sub_item_of_the_one_before():
    changed, path = editing.move_in(meeting(), (2,))
    assert path == (1, 2)
    assert editing.item_at(changed, path).title.root == "Pause"
    assert programme(changed)[-1] == "3 Dialog 13:40"  # the pause now runs inside Plenum


def test_an_item_without_one_before_it_cannot_move_in():
    assert refusal(editing.move_in, meeting(), (0,)) == (
        "item 1 «Velkommen» has no item before it to move into"
    )
    assert refusal(editing.move_in, meeting(), (1, 0)) == (
        "item 2.1 «Innlegg A» has no item before it to move into"
    )


def test_moving_in_is_refused_past_four_levels():
    chain = nested("a", "b", "c", "d")
    chain["items"][0]["items"][0]["items"].append({"title": "e"})
    message = refusal(editing.move_in, meeting(agenda=[chain]), (0, 0, 0, 1))
    assert message.endswith("it cannot move further in")


def test_moving_out_places_the_item_right_after_its_block():
    changed, path = editing.move_out(meeting(), (1, 0))
    assert path == (2,)
    assert programme(changed)[1:5] == [
        "2 Plenum 12:40",
        "2.1 Innlegg B 12:40",
        "3 Innlegg A 13:40",
        "- Pause 14:00",
    ]
    assert refusal(editing.move_out, meeting(), (1,)) == (
        "item 2 «Plenum» is at the top level of the agenda: it cannot move out"
    )


def test_a_parallel_block_stays_parallel_while_it_is_built_and_the_schedule_says_so():

    block = {"title": "Spor", "parallel": True, "duration": 60}
    built, path = editing.add_item(meeting(agenda=[]), None, AgendaItem.model_validate(block))
    assert built.agenda[0].parallel

    def few_tracks(changed: Meeting) -> list[tuple[int, ...] | None]:
        return [
            w.path for w in build_schedule(changed).warnings if w.kind is WarningKind.FEW_TRACKS
        ]

    assert few_tracks(built) == [(0,)]
    track = AgendaItem.model_validate({"title": "Spor A", "duration": 60})
    one, _ = editing.add_item(built, path, track, inside=True)
    assert one.agenda[0].parallel and programme(one) == ["1 Spor 12:30", "1.1 Spor A 12:30"]
    track_b = AgendaItem.model_validate({"title": "Spor B", "duration": 60})
    two, _ = editing.add_item(one, path, track_b, inside=True)
    assert programme(two)[1:] == ["1.1 Spor A 12:30", "1.2 Spor B 12:30"]
    assert few_tracks(two) == []
    deleted, _ = editing.delete_item(two, (0, 1))
    assert deleted.agenda[0].parallel  # as ticked: the warning says one track is left
    assert few_tracks(deleted) == [(0,)]


def test_the_duration_changes_in_steps_and_later_items_follow():
    changed = editing.change_duration(meeting(), (0,), 5)
    assert programme(changed)[:2] == ["1 Velkommen 12:30", "2 Plenum 12:45"]
    changed = editing.change_duration(meeting(), (0,), -5)
    assert changed.agenda[0].duration == 5
    assert editing.change_duration(meeting(), (0,), 0) == meeting()


def test_an_untimed_item_lengthened_gets_that_many_minutes():
    untimed = meeting(agenda=[{"title": "Velkommen", "duration": 10}, {"title": "Innspill"}])
    assert programme(untimed)[1] == "2 Innspill --:--"
    changed = editing.change_duration(untimed, (1,), 5)
    assert changed.agenda[1].duration == 5
    assert programme(changed)[1] == "2 Innspill 12:40"
    assert refusal(editing.change_duration, untimed, (1,), -5) == (
        "item 2 «Innspill» has no duration to shorten: it takes no time of its own"
    )


def test_a_duration_stays_between_0_minutes_and_24_hours():
    short = meeting(agenda=[{"title": "Kort", "duration": 3}])
    zero = editing.change_duration(short, (0,), -5)
    assert zero.agenda[0].duration == 0
    assert refusal(editing.change_duration, zero, (0,), -5) == "«Kort» is already 0 minutes"
    day = meeting(end=None, agenda=[{"title": "Lang", "duration": 1438}])
    assert editing.change_duration(day, (0,), 5).agenda[0].duration == 1440
    full = editing.change_duration(day, (0,), 5)
    assert refusal(editing.change_duration, full, (0,), 5) == (
        "item 1 «Lang» already lasts 24 hours, the longest an item can"
    )


def test_a_fixed_start_keeps_the_item_in_place_when_items_before_it_change():
    fixed = editing.fix_start(meeting(), (3,))
    assert fixed.agenda[3].start is not None
    assert f"{fixed.agenda[3].start:%H:%M}" == "13:55"
    longer = editing.change_duration(fixed, (0,), 5)
    assert programme(longer)[-1] == "3 Dialog 13:55"
    overlaps = [w.path for w in build_schedule(longer).warnings if w.kind == WarningKind.OVERLAP]
    assert overlaps == [(3,)]  # the pause now ends at 14:00, after the fixed 13:55


def test_a_sub_item_of_a_block_can_have_its_start_fixed():
    fixed = editing.fix_start(meeting(), (1, 1))
    assert f"{fixed.agenda[1].items[1].start:%H:%M}" == "13:00"
    shorter = editing.change_duration(fixed, (1, 0), -5)
    assert programme(shorter)[3] == "2.2 Innlegg B 13:00"


def test_fixing_a_start_is_refused_without_a_time_or_when_already_fixed():
    untimed = meeting(agenda=[{"title": "Velkommen", "duration": 10}, {"title": "Innspill"}])
    assert refusal(editing.fix_start, untimed, (1,)).startswith(
        "item 2 «Innspill» has no time in the programme yet, so there is none to fix"
    )
    fixed = editing.fix_start(meeting(), (3,))
    assert refusal(editing.fix_start, fixed, (3,)) == (
        "item 3 «Dialog» already starts at a fixed time (13:55)"
    )


def test_fixing_a_start_is_refused_for_an_item_that_starts_after_midnight():
    night = [{"title": "Kveld", "duration": 90}, {"title": "Natt", "duration": 30}]
    late = meeting(start="2016-08-26 23:00", end=None, agenda=night)
    assert "starts after midnight (2016-08-27 00:30)" in refusal(editing.fix_start, late, (1,))


def test_a_freed_start_follows_the_item_before_again():
    fixed = editing.change_duration(editing.fix_start(meeting(), (3,)), (0,), 5)
    freed = editing.free_start(fixed, (3,))
    assert freed.agenda[3].start is None
    assert programme(freed)[-1] == "3 Dialog 14:00"
    assert refusal(editing.free_start, meeting(), (3,)) == (
        "item 3 «Dialog» has no fixed start to remove"
    )


def test_freeing_the_start_of_a_days_first_item_is_refused_by_the_model():
    two_days = meeting(
        end="2016-08-27 16:00",
        agenda=[{"title": "Dag 1", "duration": 60}, {"title": "Dag 2", "day": 2, "start": "09:00"}],
    )
    with pytest.raises(InvalidInput) as invalid:
        editing.free_start(two_days, (1,))
    assert invalid.value.problems[0].field == "agenda[1].start"
    assert "the first item of day 2 needs a start time" in str(invalid.value)


def test_a_copy_follows_its_original_with_new_unique_keys():
    tracks = {
        "title": "Spor",
        "parallel": True,
        "items": [
            {"id": "spar-a", "title": "Spor A", "questions": [{"id": "q-a", "text": "Hva?"}]},
            {"id": "spar-b", "title": "Spor B"},
        ],
    }
    dinner = {"id": "spar-b-2", "title": "Middag", "start": "2016-08-26 19:00"}
    original = meeting(agenda=[tracks], events=[dinner])
    copied, path = editing.copy_item(original, (0,))
    assert path == (1,)
    assert [i.id for i in copied.agenda[1].items] == ["spar-a-2", "spar-b-3"]
    assert copied.agenda[1].items[0].questions[0].id == "q-a-2"
    again, path = editing.copy_item(copied, (1, 0))
    assert path == (1, 1)
    assert [i.id for i in again.agenda[1].items] == ["spar-a-2", "spar-a-3", "spar-b-3"]
    assert programme(copied)[3:] == ["2 Spor --:--", "2.1 Spor A --:--", "2.2 Spor B --:--"]


def test_a_copy_of_an_item_without_keys_has_none():
    copied, path = editing.copy_item(meeting(), (1,))
    assert path == (2,)
    assert programme(copied)[4:7] == [
        "3 Plenum 13:40",
        "3.1 Innlegg A 13:40",
        "3.2 Innlegg B 14:00",
    ]
    assert all(item.id is None for item in copied.agenda)


def test_people_topics_and_questions_of_an_item_are_set_as_given():
    people = [Participation(who="sanner", role="innleder"), Participation(who="helgesen")]
    changed = editing.set_people(meeting(), (1, 1), Part.SPEAKER, people)
    assert [p.who for p in changed.agenda[1].items[1].speakers] == ["sanner", "helgesen"]
    changed = editing.set_people(changed, (1, 1), "moderator", [Participation(who="sanner")])
    assert [p.who for p in changed.agenda[1].items[1].moderators] == ["sanner"]
    changed = editing.set_topics(changed, (0,), ["arbeid"])
    assert changed.agenda[0].topics == ["arbeid"]
    question = AgendaQuestion(id="hva", text="Hva nå?", topic="arbeid")
    changed = editing.set_questions(changed, (0,), [question])
    assert changed.agenda[0].questions[0].id == "hva"


def test_a_change_the_model_refuses_names_the_field_in_meeting_file_terms():
    with pytest.raises(InvalidInput) as invalid:
        editing.set_people(meeting(), (1, 0), Part.PANELLIST, [Participation(who="nobody")])
    [problem] = invalid.value.problems
    assert problem.field == "agenda[1].items[0].panellists[0]"
    assert problem.message.startswith("unknown person or organisation 'nobody'")
    assert str(invalid.value).startswith("meeting 'testmote': agenda[1].items[0].panellists[0]")


def test_an_item_built_without_validation_is_checked_when_it_goes_in():
    sneaky = AgendaItem(title="Lang").model_copy(update={"duration": 2000})
    with pytest.raises(InvalidInput) as invalid:
        editing.replace_item(meeting(), (1, 0), sneaky)
    assert invalid.value.problems[0].field == "agenda[1].items[0].duration"
    assert "at most 24 hours" in invalid.value.problems[0].message


def test_a_sub_item_moved_out_with_a_day_of_its_own_is_fine_but_not_moved_in():
    two_days = meeting(
        end="2016-08-27 16:00",
        agenda=[{"title": "Dag 1", "duration": 60}, {"title": "Dag 2", "day": 2, "start": "09:00"}],
    )
    with pytest.raises(InvalidInput) as invalid:
        editing.move_in(two_days, (1,))
    assert invalid.value.problems[0].field == "agenda[0].items[0].day"


# -- topics, people, organisations ------------------------------------------------------------


def council(**changes) -> Meeting:
    """Every kind of reference to people and organisations in one meeting."""
    data = {
        "organisations": [
            {"id": "ks", "name": "KS"},
            {"id": "kmd", "name": "Kommunal- og moderniseringsdepartementet"},
        ],
        "people": [
            {"id": "sanner", "name": "Jan Tore Sanner", "organisation": "kmd"},
            {"id": "helgesen", "name": "Gunn Marit Helgesen", "organisation": "ks"},
            {"name": "Kari Nordmann"},
        ],
        "hosts": ["ks"],
        "delegations": ["kmd"],
        "chairs": ["sanner"],
        "day_hosts": ["helgesen"],
        "signed_by": ["sanner"],
        "absence": {"to": "sanner"},
        "agenda": [
            {"kind": "welcome", "title": "Velkommen", "duration": 10, "speakers": ["helgesen"]},
            {
                "kind": "case",
                "title": "Bosetting",
                "case": {"number": "76/15", "officer": "sanner"},
                "moderators": ["ks"],
                "questions": [{"text": "Hvor mange?", "owner": "kmd"}],
            },
            {"title": "Dialog", "duration": 60, "panellists": ["sanner", "kmd"]},
        ],
    }
    return meeting(**{**data, **changes})


def test_uses_lists_every_place_that_refers_to_a_key():
    found = editing.uses(council(), "sanner")
    assert [(u.path, u.field) for u in found] == [
        (None, "chairs[0]"),
        (None, "signed_by[0]"),
        (None, "absence.to"),
        ((1,), "agenda[1].case.officer"),
        ((2,), "agenda[2].panellists[0]"),
    ]
    assert [u.description for u in found] == [
        "the meeting's chairs",
        "who signs the notice",
        "absence reports",
        "the case officer of case 76/15",
        "item 2 «Dialog» (panellist)",
    ]
    assert [u.field for u in editing.uses(council(), "kmd")] == [
        "delegations[0]",
        "people[0].organisation",
        "agenda[1].questions[0].owner",
        "agenda[2].panellists[1]",
    ]
    assert editing.uses(council(), "arbeid", "person") == []


def test_renaming_a_topic_changes_every_reference_to_it():
    topic = Topic(id="arbeidsliv", title="Arbeidsliv")
    changed = editing.replace_topic(meeting(), "arbeid", topic)
    assert [t.id for t in changed.topics] == ["arbeidsliv"]
    assert changed.agenda[1].topics == ["arbeidsliv"]
    assert changed.agenda[3].questions[0].topic == "arbeidsliv"
    assert editing.uses(changed, "arbeid") == []


def test_a_topic_in_use_cannot_be_removed_and_the_message_names_the_uses():
    assert refusal(editing.remove_topic, meeting(), "arbeid") == (
        "topic 'arbeid' is used by item 2 «Plenum» and a question of item 3; take it out "
        "there first"
    )
    unused = editing.set_questions(editing.set_topics(meeting(), (1,), []), (3,), [])
    assert editing.remove_topic(unused, "arbeid").topics == []
    assert refusal(editing.remove_topic, meeting(), "bolig") == "the meeting has no topic 'bolig'"


def test_a_topic_added_with_a_key_already_used_is_refused_by_the_model():
    added = editing.add_topic(meeting(), Topic(id="bolig", title="Bolig"))
    assert [t.id for t in added.topics] == ["arbeid", "bolig"]
    with pytest.raises(InvalidInput) as invalid:
        editing.add_topic(meeting(), Topic(id="arbeid", title="Igjen"))
    assert invalid.value.problems[0].field == "topics[1].id"


def test_renaming_a_person_changes_every_reference_to_them():
    person = Person(id="jts", name="Jan Tore Sanner", organisation="kmd")
    changed = editing.replace_person(council(), "sanner", person)
    assert changed.chairs[0].who == changed.signed_by[0].who == "jts"
    assert changed.absence.to == "jts"
    assert changed.agenda[1].case.officer == "jts"
    assert changed.agenda[2].panellists[0].who == "jts"
    assert editing.uses(changed, "sanner") == []
    assert len(editing.uses(changed, "jts")) == 5


def test_a_person_in_use_cannot_be_removed_nor_lose_their_key():
    message = refusal(editing.remove_person, council(), "helgesen")
    assert message == (
        "person 'helgesen' is used by the hosts for the day and item 1 «Velkommen» (speaker); "
        "take it out there first"
    )
    nameless = Person(name="Gunn Marit Helgesen")
    assert refusal(editing.replace_person, council(), "helgesen", nameless).endswith(
        "it needs its key"
    )


def test_someone_without_a_key_is_edited_and_removed_by_their_place():
    changed = editing.replace_person(council(), 2, Person(name="Kari Nordkvinne"))
    assert changed.people[2].name == "Kari Nordkvinne"
    assert len(editing.remove_person(changed, 2).people) == 2
    assert refusal(editing.remove_person, council(), 7) == "the meeting has no person number 8"
    assert len(editing.add_person(council(), Person(name="Ola")).people) == 4


def test_renaming_an_organisation_changes_parts_hosts_delegations_owners_and_people():
    changed = editing.replace_organisation(council(), "kmd", Organisation(id="krd", name="KRD"))
    assert changed.delegations == ["krd"]
    assert changed.people[0].organisation == "krd"
    assert changed.agenda[1].questions[0].owner == "krd"
    assert changed.agenda[2].panellists[1].who == "krd"
    renamed = editing.replace_organisation(council(), "ks", Organisation(id="ks-org", name="KS"))
    assert renamed.hosts == ["ks-org"]
    assert renamed.agenda[1].moderators[0].who == "ks-org"


def test_an_organisation_in_use_cannot_be_removed():
    assert refusal(editing.remove_organisation, council(), "ks") == (
        "organisation 'ks' is used by the meeting's hosts, Gunn Marit Helgesen (organisation) "
        "and case 76/15 «Bosetting» (moderator); take it out there first"
    )
    added = editing.add_organisation(council(), Organisation(id="imdi", name="IMDi"))
    assert [o.id for o in editing.remove_organisation(added, "imdi").organisations] == [
        "ks",
        "kmd",
    ]


def test_lengthening_a_block_timed_by_its_sub_items_starts_from_its_length():
    meeting = Meeting.model_validate(
        meeting_data(
            agenda=[
                {"title": "Velkommen", "duration": 10},
                {"title": "Innledninger", "items": [{"title": "A", "duration": 20},
                                                   {"title": "B", "duration": 40}]},
            ]
        )
    )  # fmt: skip

    longer = editing.change_duration(meeting, (1,), 5)

    assert longer.agenda[1].duration == 65
    assert build_schedule(longer).warnings[0].kind != "sub_items_overrun"


def test_an_organisation_typed_by_its_name_links_to_the_registered_one():
    lin = Organisation.model_validate(
        {"id": "lin", "name": "Landsrådet for norske innvandrerorganisasjoner", "short_name": "LIN"}
    )
    with_lin = editing.add_organisation(meeting(), lin)
    typed = Person.model_validate(
        {
            "id": "musavi",
            "name": "Rabia Musavi",
            "organisation": "landsradet for Norske  innvandrerorganisasjoner",
        }
    )
    added = editing.add_person(with_lin, typed)
    assert added.people[-1].organisation == "lin"
    by_short_name = typed.model_copy(update={"organisation": "lin "})
    assert editing.replace_person(added, "musavi", by_short_name).people[-1].organisation == "lin"
    elsewhere = typed.model_copy(update={"organisation": "Oslo kommune"})
    assert (
        editing.replace_person(added, "musavi", elsewhere).people[-1].organisation == "Oslo kommune"
    )


def test_events_outside_the_programme_are_added_replaced_and_removed():
    from planner.model.meeting import SideEvent

    dinner = SideEvent.model_validate(
        {"kind": "dinner", "title": "Konferansemiddag", "start": "2016-08-26 19:00"}
    )
    with_dinner = editing.add_event(meeting(), dinner)
    assert [event.title.root for event in with_dinner.events] == ["Konferansemiddag"]
    later = dinner.model_copy(update={"end": dinner.start.replace(hour=22)})
    assert editing.replace_event(with_dinner, 0, later).events[0].end.hour == 22
    assert editing.remove_event(with_dinner, 0).events == []
    assert refusal(editing.remove_event, with_dinner, 1) == (
        "the meeting has no event number 2 outside the programme"
    )
    backwards = dinner.model_copy(update={"end": dinner.start.replace(hour=18)})
    with pytest.raises(InvalidInput, match=r"events\[0\]\.end"):
        editing.replace_event(with_dinner, 0, backwards)
