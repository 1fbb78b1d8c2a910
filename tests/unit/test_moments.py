"""Date-times: what a meeting file may write for a moment, and what the secretariat is told
when it writes something else. The editor's schema and Planner agree on every string."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime

import jsonschema
import pytest
from pydantic import TypeAdapter, ValidationError

from planner.model import MAX_YEAR, MIN_YEAR, LocalDateTime, Meeting, MeetingFile, clock
from planner.model.problems import format_loc
from tests.factories import meeting_data

MOMENT = TypeAdapter(LocalDateTime)
SCHEMA = jsonschema.Draft202012Validator(MOMENT.json_schema())


def problems(data: dict, model=Meeting) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return {
        format_loc(e["loc"]): e["msg"].removeprefix("Value error, ") for e in caught.value.errors()
    }


def reader_accepts(value: object) -> bool:
    try:
        MOMENT.validate_python(value)
    except ValidationError:
        return False
    return True


ACCEPTED = [
    "2018-11-20 09:00",
    "2018-11-20T09:00",
    "2018-11-20 09:00:30",
    "2018-11-20T09:00:30.5",
    "2018-11-20T09:00:30.123456",
    "2018-11-20T09:00:30.123456789",
    "2018-11-20T09:00Z",
    "2018-11-20 09:00+01:00",
    "2018-11-20T09:00:00-05:30",
    "2018-11-20T23:59:59Z",
    "2018-11-20 00:00",
    " 2018-11-20 09:00 ",
    "1900-01-01 00:00",
    "2199-12-31 23:59",
    "2024-02-29 12:00",
    "2000-02-29 12:00",
    "2018-04-30 09:00",
]
REFUSED = [
    "2018-11-20",
    "2018-11-20 9:00",
    "2018-11-20 09.00",
    "2018-11-20 0900",
    "2018-11-20T09",
    "2018-11-20 24:00",
    "2018-11-20 23:60",
    "2018-11-20 09:00:60",
    "2018-11-20 09:00.5",
    "2018-11-20t09:00",
    "2018-11-20 09:00z",
    "2018-11-20 09:00+0100",
    "2018-11-20 09:00+24:00",
    "2018-11-20 09:00 +01:00",
    "2018-11-20  09:00",
    "2018-11-20 09:00\n",
    "\n2018-11-20 09:00",
    "2018-1-20 09:00",
    "18-11-20 09:00",
    "20.11.2018 09:00",
    "2018/11/20 09:00",
    "0001-01-01 09:00",
    "1899-12-31 23:59",
    "2200-01-01 00:00",
    "9999-12-31 23:00",
    "2023-02-29 09:00",
    "1900-02-29 09:00",
    "2100-02-29 09:00",
    "2018-04-31 09:00",
    "2018-13-01 09:00",
    "2018-00-10 09:00",
    "٢٠١٨-١١-٢٠ ٠٩:٠٠",
    "1700000000",
    "2024",
    "",
    "tomorrow 09:00",
    "2018-11-20 09:00:30.1234567890",
]


@pytest.mark.parametrize("text", ACCEPTED + REFUSED)
def test_the_schema_and_the_reader_agree_on_every_date_time(text):
    assert SCHEMA.is_valid(text) == reader_accepts(text)
    assert reader_accepts(text) == (text in ACCEPTED)


def test_the_schema_pattern_is_the_readers_expression():
    from planner.model.moments import DATE_TIME_PATTERN

    assert DATE_TIME_PATTERN in MOMENT.json_schema()["pattern"]


def test_every_day_of_every_year_in_range_is_accepted_and_no_other_29_february():
    for year in (MIN_YEAR - 1, *range(MIN_YEAR, MAX_YEAR + 1), MAX_YEAR + 1):
        in_range = MIN_YEAR <= year <= MAX_YEAR
        assert reader_accepts(f"{year}-01-01 09:00") == in_range, year
        assert reader_accepts(f"{year}-12-31 09:00") == in_range, year
        assert reader_accepts(f"{year}-02-29 09:00") == (in_range and calendar.isleap(year)), year
        assert SCHEMA.is_valid(f"{year}-02-29 09:00") == reader_accepts(f"{year}-02-29 09:00")


@pytest.mark.parametrize("value", [2024, 1700000000, 1.7e9, True, False, None, [2024], {}])
def test_numbers_booleans_and_other_values_are_not_date_times(value):
    assert not reader_accepts(value)
    assert not SCHEMA.is_valid(value)


def test_python_datetimes_are_accepted_naive_or_aware():
    assert MOMENT.validate_python(datetime(2018, 11, 20, 9, 0)) == datetime(2018, 11, 20, 9, 0)
    aware = datetime(2018, 11, 20, 8, 0, tzinfo=UTC)
    assert MOMENT.validate_python(aware) == aware


def test_a_start_given_as_a_bare_year_is_refused_rather_than_read_as_unix_seconds():
    found = problems(meeting_data(start=2024))
    assert list(found) == ["start"]
    assert found["start"] == "2024 is a number, not a date and time: write it as 2018-11-20 09:00"


def test_a_start_given_as_a_string_of_unix_seconds_is_refused():
    found = problems(meeting_data(start="1700000000"))
    assert list(found) == ["start"]
    assert "is a number, not a date and time" in found["start"]


@pytest.mark.parametrize("value", ["2016-08-26", date(2016, 8, 26)])
def test_a_date_without_a_time_asks_for_a_time_too(value):
    found = problems(meeting_data(end=value))
    assert list(found) == ["end"]
    assert "give a time too, e.g. 2018-11-20 09:00" in found["end"]


@pytest.mark.parametrize("value", ["2016-08-26", date(2016, 8, 26)])
def test_a_start_without_a_time_asks_for_a_time_or_what_the_meeting_follows(value):
    found = problems(meeting_data(start=value))
    assert list(found) == ["start"]
    assert "give a time too (e.g. 2016-08-26 09:00), or say in `starts_after`" in found["start"]


def test_a_single_digit_hour_asks_for_two_digits():
    found = problems(meeting_data(start="2016-08-26 9:30"))
    assert "two-digit hours and minutes" in found["start"]


@pytest.mark.parametrize(
    "value", ["0001-01-01 09:00", "9999-12-31 23:00", datetime(1, 1, 1, 9), datetime(9999, 12, 31)]
)
def test_years_outside_1900_to_2199_are_refused_and_the_range_is_named(value):
    found = problems(meeting_data(start=value))
    assert list(found) == ["start"]
    assert "the year is outside the years Planner plans for (1900–2199)" in found["start"]


def test_the_last_new_year_planner_plans_for_has_no_arithmetic_overflow():
    # Year 9999 with an item past midnight used to raise OverflowError; 2199 is the limit now.
    data = meeting_data(
        start="2199-12-31 22:00",
        end="2199-12-31 23:30",
        agenda=[{"title": "Nyttårsaften", "duration": 180}],
    )
    from planner.agenda.schedule import build_schedule

    schedule = build_schedule(Meeting.model_validate(data))
    assert f"{schedule.items[0].end:%Y-%m-%d %H:%M}" == "2200-01-01 01:00"


def test_a_calendar_date_that_does_not_exist_is_named():
    found = problems(meeting_data(start="2023-02-29 09:00", end="2023-03-01 16:00"))
    assert found["start"] == "'2023-02-29 09:00': there is no 2023-02-29 in the calendar"


def test_a_submitted_at_the_clocks_skip_is_refused_at_that_registration():
    registrations = [
        {"person": {"name": f"Deltaker {n}"}, "submitted_at": "2016-03-20 10:00"} for n in range(3)
    ]
    registrations.append({"person": {"name": "Kari Nordmann"}, "submitted_at": "2016-03-27 02:30"})
    found = problems(meeting_data(registrations=registrations), MeetingFile)
    assert found == {
        "registrations[3].submitted_at": (
            "2016-03-27 02:30 does not exist in Europe/Oslo: the clocks go forward then"
        )
    }


def test_a_checked_in_at_the_clocks_skip_is_refused_at_its_field():
    registrations = [
        {
            "person": {"name": "Kari Nordmann"},
            "status": "confirmed",
            "submitted_at": "2016-03-01 10:00",
            "checked_in_at": datetime(2016, 3, 27, 2, 15),
        }
    ]
    found = problems(meeting_data(registrations=registrations), MeetingFile)
    assert list(found) == ["registrations[0].checked_in_at"]


@pytest.mark.parametrize("field", ["end", "registration_opens", "registration_closes"])
def test_every_meeting_time_the_clocks_skip_is_refused_at_its_field(field):
    data = meeting_data(
        start="2024-03-30 09:00",
        end="2024-03-31 16:00",
        registration_opens="2024-03-01 09:00",
        registration_closes="2024-03-30 08:00",
    )
    data[field] = "2024-03-31 02:30"
    if field == "registration_opens":
        data["registration_closes"] = "2024-03-31 08:00"
        data["start"], data["end"] = "2024-03-31 09:00", "2024-03-31 16:00"
    found = problems(data)
    assert (
        found[field] == "2024-03-31 02:30 does not exist in Europe/Oslo: the clocks go forward then"
    )


def test_an_end_in_winter_time_after_a_start_in_summer_time_is_not_before_it():
    # 27 October 2024: 02:30 summer time (UTC+2) is 45 minutes before 02:15 winter time (UTC+1).
    meeting = Meeting.model_validate(
        meeting_data(
            start="2024-10-27T02:30+02:00",
            end="2024-10-27T02:15+01:00",
            agenda=[{"title": "Nattmøte", "duration": 45}],
        )
    )
    assert clock.minutes_between(meeting.start, meeting.end) == 45
    assert meeting.end.fold == 1


def test_an_end_before_the_start_across_the_clock_change_shows_the_offsets():
    found = problems(meeting_data(start="2024-10-27T02:30+01:00", end="2024-10-27T02:45+02:00"))
    assert found == {
        "end": "the meeting ends (2024-10-27 02:45 (UTC+02:00)) before it starts "
        "(2024-10-27 02:30 (UTC+01:00))"
    }


def test_registration_closing_in_winter_time_after_opening_in_summer_time_is_accepted():
    data = meeting_data(
        start="2024-10-27 09:00",
        end="2024-10-27 12:00",
        registration_opens="2024-10-27T02:50+02:00",
        registration_closes="2024-10-27T02:10+01:00",
        agenda=[{"title": "Møte", "duration": 180}],
    )
    meeting = Meeting.model_validate(data)
    assert meeting.registration_closes.fold == 1


def test_date_times_survive_the_json_form_with_their_offsets():
    data = meeting_data(start="2024-10-27T02:30+01:00", end="2024-10-27 05:00")
    data["agenda"] = [{"title": "Nattmøte", "duration": 150}]
    meeting = Meeting.model_validate(data)
    again = Meeting.model_validate_json(meeting.model_dump_json())
    assert again.start == meeting.start and again.start.utcoffset() == meeting.start.utcoffset()


def test_a_registration_localised_strictly_refuses_a_skipped_time_at_its_field():
    from planner.model import Registration
    from planner.model.meeting import localise_registration

    registration = Registration.model_validate(
        {"person": {"name": "Kari Nordmann"}, "submitted_at": "2024-03-31 02:30"}
    )
    oslo = clock.zone("Europe/Oslo")
    assert localise_registration(registration, oslo).submitted_at.tzinfo is oslo
    with pytest.raises(ValidationError) as caught:
        localise_registration(registration, oslo, strict=True)
    assert [e["loc"] for e in caught.value.errors()] == [("submitted_at",)]
