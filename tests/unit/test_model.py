"""The model's rules, and the messages a secretariat sees when a meeting breaks them."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from planner.model import AgendaItem, Meeting, MeetingFile, Registration, walk_agenda
from planner.model.problems import format_loc
from tests.factories import meeting_data


def problems(data: dict, model=Meeting) -> dict[str, str]:
    """Validation problems as {field path: message}."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return {format_loc(e["loc"]): e["msg"] for e in caught.value.errors()}


def test_a_valid_meeting_reads_naive_times_in_its_own_zone():
    meeting = Meeting.model_validate(meeting_data())
    assert meeting.start == datetime(2016, 8, 26, 12, 30, tzinfo=ZoneInfo("Europe/Oslo"))
    assert meeting.start.utcoffset().total_seconds() == 2 * 3600
    assert meeting.day_count == 1


def test_times_with_an_offset_are_converted_to_the_meetings_zone():
    meeting = Meeting.model_validate(
        meeting_data(timezone="Europe/Helsinki", start="2016-08-26T09:30:00Z")
    )
    assert meeting.start.hour == 12 and str(meeting.start.tzinfo) == "Europe/Helsinki"


def test_end_before_start_says_which_field_and_both_times():
    found = problems(meeting_data(end="2016-08-26 11:00"))
    assert found == {
        "end": "the meeting ends (2016-08-26 11:00) before it starts (2016-08-26 12:30)"
    }


def test_unknown_time_zone_is_named():
    found = problems(meeting_data(timezone="Europe/Olso"))
    assert "timezone" in found
    assert "unknown time zone 'Europe/Olso'" in found["timezone"]


def test_invalid_email_points_at_the_organiser_email():
    found = problems(meeting_data(organiser={"name": "Sekretariatet", "email": "post@@example"}))
    assert list(found) == ["organiser.email"]
    assert "not a valid email address" in found["organiser.email"]


@pytest.mark.parametrize("duration", [-15, "-5 min"])
def test_a_negative_duration_is_refused_at_the_item(duration):
    agenda = [{"title": "Velkommen", "duration": duration}]
    found = problems(meeting_data(agenda=agenda))
    assert list(found) == ["agenda[0].duration"]


@pytest.mark.parametrize("duration", [0, "0 min", "PT0M"])
def test_a_zero_minute_milestone_is_an_item(duration):
    agenda = [{"title": "Velkommen", "duration": 10}, {"title": "Slutt", "duration": duration}]
    meeting = Meeting.model_validate(meeting_data(agenda=agenda))
    assert meeting.agenda[1].duration == 0


@pytest.mark.parametrize(
    ("written", "minutes"), [(90, 90), ("90", 90), ("1h30", 90), ("1:30", 90), ("PT2H", 120)]
)
def test_durations_accept_the_ways_people_write_them(written, minutes):
    meeting = Meeting.model_validate(meeting_data(agenda=[{"title": "X", "duration": written}]))
    assert meeting.agenda[0].duration == minutes


def test_a_duration_that_is_not_one_says_how_to_write_it():
    found = problems(meeting_data(agenda=[{"title": "X", "duration": "an hour"}]))
    assert "give minutes (90) or hours and minutes (1h30)" in found["agenda[0].duration"]


def test_norwegian_clock_times_are_accepted():
    meeting = Meeting.model_validate(
        meeting_data(agenda=[{"title": "X", "start": "12.30", "duration": 10}])
    )
    assert meeting.agenda[0].start == time(12, 30)


def test_question_pointing_to_an_unknown_topic():
    agenda = [
        {
            "title": "Dialog",
            "duration": 60,
            "questions": [
                {"text": "Hvordan?", "topic": "arbeid"},
                {"text": "Og?", "topic": "bolig"},
            ],
        }
    ]
    found = problems(meeting_data(agenda=agenda))
    assert found == {
        "agenda[0].questions[1].topic": "unknown topic 'bolig' (known: arbeid)",
    }


def test_speakers_and_chairs_must_be_people_of_the_meeting():
    agenda = [{"title": "Innledning", "duration": 10, "speakers": ["sanner", "listhaug"]}]
    found = problems(meeting_data(agenda=agenda, chairs=["sanner", "solberg"]))
    assert found["chairs[1]"].startswith("unknown person or organisation 'solberg'")
    assert found["agenda[0].speakers[1]"].startswith("unknown person or organisation 'listhaug'")


def test_duplicate_keys_say_where_the_first_one_is():
    people = [
        {"id": "sanner", "name": "Jan Tore Sanner"},
        {"id": "sanner", "name": "Someone Else"},
        {"id": "helgesen", "name": "Gunn Marit Helgesen"},
    ]
    found = problems(meeting_data(people=people))
    assert found == {"people[1].id": "duplicate key 'sanner': also used at people[0].id"}


def test_duplicate_agenda_item_keys_are_found_in_sub_items_too():
    agenda = [
        {"id": "spor-a", "title": "A", "duration": 10},
        {"title": "B", "items": [{"id": "spor-a", "title": "B1", "duration": 10}]},
    ]
    found = problems(meeting_data(agenda=agenda))
    assert "agenda[1].items[0].id" in found


def test_slugs_must_be_usable_in_file_names_and_links():
    found = problems(meeting_data(slug="Toppmøte 2016"))
    assert "not a usable key" in found["slug"]


def test_unknown_field_is_refused_so_typos_do_not_vanish():
    found = problems(meeting_data(agenda=[{"title": "X", "duratoin": 10, "duration": 5}]))
    assert list(found) == ["agenda[0].duratoin"]


def test_an_item_without_duration_or_start_is_an_item_without_a_time_of_its_own():
    meeting = Meeting.model_validate(meeting_data(agenda=[{"title": "Godkjenning av protokoll"}]))
    assert not meeting.agenda[0].is_timed


def test_first_item_of_a_later_day_needs_a_start_time():
    data = meeting_data(
        end="2016-08-27 16:00",
        agenda=[{"title": "Dag 1", "duration": 60}, {"title": "Dag 2", "day": 2, "duration": 60}],
    )
    assert problems(data) == {"agenda[1].start": "the first item of day 2 needs a start time"}


def test_start_time_skipped_by_daylight_saving_is_refused():
    found = problems(meeting_data(start="2024-03-31 02:30", end="2024-03-31 08:00"))
    assert found == {
        "start": "2024-03-31 02:30 does not exist in Europe/Oslo: the clocks go forward then"
    }


def test_multilingual_text_must_include_the_meetings_language():
    found = problems(meeting_data(language="sv", title={"en": "Integration", "da": "Integration"}))
    assert found == {"title": "has no text in the meeting's language 'sv' (it has en, da)"}


def test_multilingual_text_falls_back_to_the_meetings_language():
    meeting = Meeting.model_validate(
        meeting_data(language="sv", title={"sv": "Integration i Norden", "en": "Integration"})
    )
    assert meeting.text(meeting.title, "en") == "Integration"
    assert meeting.text(meeting.title, "nn") == "Integration i Norden"


def test_unknown_language_code_is_named():
    found = problems(meeting_data(title={"nb": "Møte", "no": "Møte"}))
    assert "unknown language 'no'" in found["title"]


def test_names_with_line_breaks_become_one_line():
    data = meeting_data()
    data["people"][0]["name"] = "Jan Tore\r\nSanner\x00"
    meeting = Meeting.model_validate(data)
    assert meeting.people[0].name == "Jan Tore Sanner"


def test_template_syntax_and_markup_in_names_are_kept_as_plain_text():
    data = meeting_data()
    data["people"][0]["name"] = "{{ config }} <script>alert(1)</script> =cmd|' /C calc'!A0"
    meeting = Meeting.model_validate(data)
    assert meeting.people[0].name == "{{ config }} <script>alert(1)</script> =cmd|' /C calc'!A0"


def test_registration_closing_after_the_meeting():
    found = problems(meeting_data(registration_closes="2016-08-27 12:00"))
    assert list(found) == ["registration_closes"]
    assert "after the meeting has ended" in found["registration_closes"]


def test_country_codes_are_checked():
    found = problems(meeting_data(venue={"name": "X", "country": "XX"}))
    assert "not a country code" in found["venue.country"]


def test_only_confirmed_registrations_can_be_checked_in():
    with pytest.raises(ValidationError) as caught:
        Registration.model_validate(
            {
                "person": {"name": "Kari Nordmann"},
                "status": "cancelled",
                "submitted_at": "2018-10-01 10:00",
                "checked_in_at": "2018-11-20 08:55",
            }
        )
    [error] = caught.value.errors()
    assert error["loc"] == ("checked_in_at",)
    assert "only a confirmed registration can be checked in" in error["msg"]


def test_workshop_choices_must_name_agenda_items():
    data = meeting_data(
        agenda=[
            {
                "title": "Grupper",
                "parallel": True,
                "items": [
                    {"id": "spor-a", "title": "A", "duration": 60},
                    {"id": "spor-b", "title": "B", "duration": 60},
                ],
            }
        ],
        registrations=[
            {
                "person": {"name": "Kari Nordmann"},
                "submitted_at": "2016-08-01 10:00",
                "answers": {"workshops": ["spor-a", "spor-c"]},
            }
        ],
    )
    found = problems(data, MeetingFile)
    assert list(found) == ["registrations[0].answers.workshops[1]"]
    assert found["registrations[0].answers.workshops[1]"].startswith(
        "unknown agenda item or event 'spor-c'"
    )


def test_registration_times_are_read_in_the_meetings_zone():
    data = meeting_data(
        registrations=[{"person": {"name": "Kari Nordmann"}, "submitted_at": "2016-08-01 10:00"}]
    )
    meeting_file = MeetingFile.model_validate(data)
    assert meeting_file.registrations[0].submitted_at.utcoffset().total_seconds() == 7200


def test_a_meeting_survives_its_own_json_form():
    data = meeting_data(agenda=[{"title": "Velkommen", "start": "12:30", "duration": 210}])
    meeting = Meeting.model_validate(data)
    assert Meeting.model_validate_json(meeting.model_dump_json()) == meeting


def nested(levels: int) -> dict:
    """An agenda item with `levels` levels in all: nested(1) has no sub-items."""
    item: dict = {"title": f"Nivå {levels}", "duration": 5}
    for level in range(levels - 1, 0, -1):
        item = {"title": f"Nivå {level}", "items": [item]}
    return item


def with_agenda(agenda: list) -> dict:
    data = meeting_data()
    data["agenda"] = agenda  # not deep-copied: 300 levels would exhaust copy.deepcopy itself
    return data


def test_four_levels_of_agenda_items_are_allowed():
    meeting = Meeting.model_validate(with_agenda([nested(4)]))
    assert meeting.agenda[0].items[0].items[0].items[0].title.root == "Nivå 4"


def test_a_fifth_level_is_refused_at_the_fourth_levels_sub_items():
    found = problems(with_agenda([{"title": "Kort", "duration": 5}, nested(5)]))
    assert found == {
        "agenda[1].items[0].items[0].items[0].items": (
            "agenda items nest at most 4 levels deep (2, 2.1, 2.1.1 and 2.1.1.1): move these "
            "sub-items up a level"
        )
    }


@pytest.mark.parametrize("levels", [300, 5000])
def test_hundreds_of_nested_levels_give_a_validation_error_not_a_recursion_error(levels):
    found = problems(with_agenda([nested(levels)]))
    assert list(found) == ["agenda[0].items[0].items[0].items[0].items"]


def test_hundreds_of_nested_levels_in_json_give_a_validation_error():
    import json

    text = json.dumps(meeting_data())[:-1] + ', "agenda": [' + '{"items": [' * 300
    text += "]}" * 300 + "]}"
    with pytest.raises(ValidationError):
        Meeting.model_validate_json(text)


def test_an_agenda_item_validated_alone_is_bounded_too():
    with pytest.raises(ValidationError) as caught:
        AgendaItem.model_validate(nested(300))
    assert [e["loc"] for e in caught.value.errors()] == [
        ("items", 0, "items", 0, "items", 0, "items")
    ]


def test_an_agenda_of_thousands_of_items_is_refused_with_the_limit():
    found = problems(with_agenda([{"title": "X", "duration": 1}] * 2001))
    assert found == {
        "agenda": "the agenda has 2,001 items and sub-items (at most 2,000): split the meeting"
    }


def test_walk_agenda_lists_every_item_depth_first():
    meeting = Meeting.model_validate(with_agenda([nested(3), {"title": "Siste", "duration": 5}]))
    assert [format_loc(loc) for loc, _ in walk_agenda(meeting.agenda)] == [
        "agenda[0]",
        "agenda[0].items[0]",
        "agenda[0].items[0].items[0]",
        "agenda[1]",
    ]


def test_a_day_far_beyond_any_meeting_is_refused_cleanly():
    agenda = [
        {"title": "Dag 1", "duration": 60},
        {"title": "Senere", "day": 99999999999, "start": "09:00", "duration": 60},
    ]
    found = problems(meeting_data(agenda=agenda))
    assert found == {
        "agenda[1].day": "Value error, day 99999999999 is after the last day a meeting can have "
        "(a meeting lasts at most 31 days)"
    }


@pytest.mark.parametrize("day", [0, -1, 32, 10**40, 1.5, "2", True, [2], float("nan")])
def test_a_day_that_is_not_a_day_of_a_meeting_is_refused_at_the_field(day):
    agenda = [
        {"title": "Dag 1", "duration": 60},
        {"title": "X", "day": day, "start": "09:00", "duration": 5},
    ]
    found = problems(meeting_data(agenda=agenda))
    assert list(found) == ["agenda[1].day"]


def test_a_whole_float_day_is_read_as_that_day():
    agenda = [
        {"title": "Dag 1", "duration": 60},
        {"title": "X", "day": 2.0, "start": "09:00", "duration": 5},
    ]
    meeting = Meeting.model_validate(meeting_data(end="2016-08-27 16:00", agenda=agenda))
    assert meeting.agenda[1].day == 2


HOSTILE = [
    None, True, 0, -1, 2**63, 10**40, 1.5, float("inf"), float("nan"), 1e308, "", " ", "\u200b",
    "\x00", "\x1b[31m", "x" * 50_000, "9" * 5000, "1700000000", "2024", "2024-01-01",
    "0001-01-01 09:00", "9999-12-31 23:59", "2024-03-31 02:30", "25:00", "PT99999999999H", [],
    [1], ["a"], {}, {"nb": ""}, {"xx": "y"}, {"items": [1]}, "../../etc/passwd", "Europe/Oslo\x00",
    "+47 " + "(" * 1000, b"bytes", time(10, 15, 30), datetime(9999, 12, 31, 23), date(2024, 1, 1),
]  # fmt: skip
FIELDS = [
    ("start",), ("end",), ("registration_opens",), ("registration_closes",), ("timezone",),
    ("capacity",), ("title",), ("description",), ("slug",), ("language",), ("hosts",),
    ("chairs",), ("venue", "name"), ("venue", "country"), ("venue", "online_url"),
    ("organiser", "name"), ("organiser", "email"), ("organiser", "phone"), ("people", 0, "name"),
    ("people", 0, "id"), ("topics",), ("agenda",), ("agenda", 0, "duration"), ("agenda", 0, "day"),
    ("agenda", 0, "start"), ("agenda", 0, "items"), ("agenda", 0, "speakers"),
    ("agenda", 0, "title"), ("agenda", 0, "parallel"), ("agenda", 0, "questions"),
    ("registrations",), ("registrations", 0, "submitted_at"), ("registrations", 0, "checked_in_at"),
    ("registrations", 0, "key"), ("registrations", 0, "answers"),
    ("registrations", 0, "answers", "other"), ("registrations", 0, "answers", "workshops"),
]  # fmt: skip


@pytest.mark.parametrize("field", FIELDS, ids=format_loc)
def test_no_hostile_value_makes_validation_or_the_schedule_raise_anything_else(field):
    from planner.agenda.schedule import build_schedule
    from planner.registrations.checks import registration_warnings

    base = meeting_data(
        registrations=[
            {
                "person": {"name": "Kari Nordmann", "email": "kari@example.no"},
                "status": "confirmed",
                "submitted_at": "2016-08-01 10:00",
                "checked_in_at": "2016-08-26 12:00",
                "answers": {"other": {"Allergi": "nøtter"}},
            }
        ]
    )
    for value in HOSTILE:
        data = meeting_data(**base)
        target = data
        for part in field[:-1]:
            target = target[part]
        target[field[-1]] = value
        try:
            meeting_file = MeetingFile.model_validate(data)
        except ValidationError:
            continue
        build_schedule(meeting_file)
        registration_warnings(meeting_file)
