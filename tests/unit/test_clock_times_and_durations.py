"""Clock times and durations: the editor's schema accepts exactly what Planner reads."""

from __future__ import annotations

from datetime import time

import jsonschema
import pytest
from pydantic import TypeAdapter, ValidationError

from planner.model import Meeting
from planner.model.agenda import ClockTime, Minutes
from planner.model.problems import format_loc
from tests.factories import meeting_data


def repr_short(value: object) -> str:
    return "10**5000" if isinstance(value, int) and value > 10**100 else repr(value)


CLOCK = TypeAdapter(ClockTime)
CLOCK_SCHEMA = jsonschema.Draft202012Validator(CLOCK.json_schema())
MINUTES = TypeAdapter(Minutes)
MINUTES_SCHEMA = jsonschema.Draft202012Validator(MINUTES.json_schema())


def accepts(adapter: TypeAdapter, value: object) -> bool:
    try:
        adapter.validate_python(value)
    except ValidationError:
        return False
    return True


CLOCK_TIMES = {
    "10:15": time(10, 15),
    "10.15": time(10, 15),
    "9:05": time(9, 5),
    "9.05": time(9, 5),
    "09:05": time(9, 5),
    "00:00": time(0, 0),
    "0:00": time(0, 0),
    "23:59": time(23, 59),
    "23.59": time(23, 59),
    "12:30:00": time(12, 30),
    " 10:15 ": time(10, 15),
    "19:00": time(19, 0),
}
NOT_CLOCK_TIMES = [
    "24:00",
    "24.00",
    "10:60",
    "10.60",
    "25:15",
    "99:99",
    "10:5",
    "10.5",
    "1015",
    "10",
    "10:15:30",
    "10.15:00",
    "10:15:00:00",
    "10 :15",
    "10: 15",
    "10,15",
    "10h15",
    "kl. 10:15",
    "10:15 am",
    "10:15\n",
    "-1:00",
    "+10:15",
    "١٠:١٥",
    "",
    " ",
    "10:15Z",
    "10:15+01:00",
    "100:15",
    "T10:15",
]


@pytest.mark.parametrize("text", [*CLOCK_TIMES, *NOT_CLOCK_TIMES])
def test_the_schema_and_the_reader_agree_on_every_clock_time(text):
    assert CLOCK_SCHEMA.is_valid(text) == accepts(CLOCK, text)
    assert accepts(CLOCK, text) == (text in CLOCK_TIMES)
    if text in CLOCK_TIMES:
        assert CLOCK.validate_python(text) == CLOCK_TIMES[text]


DURATIONS = {
    "90": 90,
    "90 min": 90,
    "90min": 90,
    "90 m": 90,
    "90 minutes": 90,
    "1 minute": 1,
    "45 minutter": 45,
    "45 minutt": 45,
    "45 minuter": 45,
    "45 MIN": 45,
    "1440": 1440,
    "1h30": 90,
    "1h": 60,
    "1 h 30 min": 90,
    "1 h 30": 90,
    "1H30M": 90,
    "2 timer": 120,
    "1 time": 60,
    "1t30": 90,
    "2 hours": 120,
    "24h": 1440,
    "23h59": 1439,
    "1:30": 90,
    "01:30": 90,
    "0:45": 45,
    "24:00": 1440,
    "PT1H30M": 90,
    "PT2H": 120,
    "PT90M": 90,
    "pt1h30m": 90,
    " 90 ": 90,
    "0": 0,
    "0 min": 0,
    "PT0M": 0,
}
"""0 is a milestone: "17.00 The conference closes"."""
NOT_DURATIONS = [
    "0h",
    "0:00",
    "1441",
    "1441 min",
    "25h",
    "24h30",
    "24:01",
    "1:60",
    "1:5",
    "090",
    "-5",
    "+5",
    "1.5",
    "1,5 timer",
    "1.5h",
    "an hour",
    "halvannen time",
    "90 sek",
    "90 s",
    "PT",
    "PT1H90M",
    "P1D",
    "PT1.5H",
    "1h30m30s",
    "90minutesss",
    "1 h 30 h",
    "90 min\n",
    "٩٠",
    "",
    " ",
    "9" * 40,
    "1h 30 min 15",
]


@pytest.mark.parametrize("text", [*DURATIONS, *NOT_DURATIONS])
def test_the_schema_and_the_reader_agree_on_every_duration(text):
    assert MINUTES_SCHEMA.is_valid(text) == accepts(MINUTES, text)
    assert accepts(MINUTES, text) == (text in DURATIONS)
    if text in DURATIONS:
        assert MINUTES.validate_python(text) == DURATIONS[text]


@pytest.mark.parametrize(
    ("number", "valid"),
    [(1, True), (90, True), (1440, True), (90.0, True), (0, True), (-15, False), (1441, False),
     (10**30, False), (90.5, False), (True, False), (None, False)],
)  # fmt: skip
def test_whole_minutes_as_numbers_are_bounded_in_the_schema_too(number, valid):
    assert accepts(MINUTES, number) == valid
    assert MINUTES_SCHEMA.is_valid(number) == valid


@pytest.mark.parametrize("number", [float("inf"), float("nan"), 1e308, 10**5000], ids=repr_short)
def test_absurd_numbers_of_minutes_are_refused_cleanly(number):
    assert not accepts(MINUTES, number)


def problems(data: dict) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        Meeting.model_validate(data)
    return {
        format_loc(e["loc"]): e["msg"].removeprefix("Value error, ") for e in caught.value.errors()
    }


def test_a_duration_of_more_than_a_day_says_the_limit():
    found = problems(meeting_data(agenda=[{"title": "X", "duration": "25h"}]))
    assert found == {"agenda[0].duration": "must be at most 24 hours (got 1500 minutes)"}


def test_a_clock_time_yaml_read_as_a_number_says_to_quote_it():
    found = problems(meeting_data(agenda=[{"title": "X", "start": 10.15, "duration": 10}]))
    assert "put quotes around it" in found["agenda[0].start"]


def test_a_clock_time_past_midnight_is_named():
    found = problems(meeting_data(agenda=[{"title": "X", "start": "24:00", "duration": 10}]))
    assert found == {"agenda[0].start": "'24:00' is not a time of day (00:00 to 23:59)"}


def test_a_clock_time_with_seconds_from_python_code_is_refused():
    found = problems(
        meeting_data(agenda=[{"title": "X", "start": time(12, 30, 15), "duration": 10}])
    )
    assert "whole minutes" in found["agenda[0].start"]
