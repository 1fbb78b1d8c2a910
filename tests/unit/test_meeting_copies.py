"""Next year's meeting: the same weekdays, the same clock times, a new slug and title year."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.agenda.schedule import build_schedule
from planner.errors import InvalidInput
from planner.meeting_copies import next_years, year_shift
from planner.meeting_files import read_meeting_file
from planner.model import Meeting, MeetingStatus
from planner.resources import sample_meeting_files
from tests.factories import meeting_data

NORDIC = next(p for p in sample_meeting_files() if p.stem.startswith("nordisk"))


def meeting(**changes) -> Meeting:
    return Meeting.model_validate(meeting_data(**changes))


def written(moment) -> str:
    return f"{moment:%A %Y-%m-%d %H:%M %z}"


def test_the_nordic_conference_moves_from_tuesday_20_to_tuesday_19_november():
    original = read_meeting_file(NORDIC)
    copy = next_years(original)
    assert written(copy.start) == "Tuesday 2019-11-19 08:30 +0100"
    assert written(copy.end) == "Tuesday 2019-11-19 16:00 +0100"
    assert written(copy.registration_opens) == "Friday 2019-09-20 09:00 +0200"
    assert written(copy.registration_closes) == "Friday 2019-11-08 12:00 +0100"
    assert [written(e.start) for e in copy.events] == ["Tuesday 2019-11-19 18:30 +0100"]
    assert copy.slug == "nordisk-integrasjonskonferanse-2019"


def test_the_copy_keeps_the_agenda_with_its_numbers_and_times():
    original = read_meeting_file(NORDIC)
    before = build_schedule(original)
    after = build_schedule(next_years(original))
    assert [(e.number, f"{e.start:%H:%M}") for e in after.items if e.start] == [
        (e.number, f"{e.start:%H:%M}") for e in before.items if e.start
    ]


def test_the_copy_is_a_draft_without_registrations_and_not_archived():
    original = read_meeting_file(NORDIC)
    assert original.registrations
    archived = original.model_copy(update={"archived": True})
    copy = next_years(archived)
    assert type(copy) is Meeting
    assert copy.status == MeetingStatus.DRAFT
    assert not copy.archived


def test_over_a_leap_day_the_meeting_moves_52_weeks_into_february():
    copy = next_years(meeting(start="2023-03-01 09:00", end="2023-03-01 15:00"))
    assert written(copy.start) == "Wednesday 2024-02-28 09:00 +0100"


def test_every_day_keeps_its_weekday_within_two_days_of_its_date():
    for offset in range(0, 3 * 366):
        day = date(2022, 1, 1) + timedelta(days=offset)
        moved = day + timedelta(days=year_shift(day))
        assert moved.weekday() == day.weekday()
        assert year_shift(day) == 364


def test_a_meeting_on_new_years_day_is_copied_to_the_end_of_the_same_year():
    copy = next_years(meeting(slug="nyttarsmote-2019", start="2019-01-01 12:00", end=None))
    assert written(copy.start) == "Tuesday 2019-12-31 12:00 +0100"
    assert copy.slug == "nyttarsmote-2019-2"


def test_clock_times_stay_on_the_wall_clock_across_summer_time():
    original = meeting(start="2023-03-28 09:30", end="2023-03-28 16:00")
    assert written(original.start).endswith("+0200")
    copy = next_years(original)
    assert written(copy.start) == "Tuesday 2024-03-26 09:30 +0100"
    assert written(copy.end) == "Tuesday 2024-03-26 16:00 +0100"


def test_a_time_the_clocks_skip_on_the_new_date_moves_on_by_the_skipped_hour():
    original = meeting(
        start="2029-04-01 02:30",
        end="2029-04-01 06:00",
        agenda=[{"title": "Nattmøte", "start": "02:30", "duration": 60}],
    )
    copy = next_years(original)
    assert written(copy.start) == "Sunday 2030-03-31 03:30 +0200"
    assert f"{copy.agenda[0].start:%H:%M}" == "03:30"
    assert written(copy.end) == "Sunday 2030-03-31 06:00 +0200"


def test_the_years_in_the_slug_and_the_title_become_next_year():
    original = meeting(
        slug="integreringskonferansen-2016",
        title={"nb": "Integreringskonferansen 2016", "en": "Integration conference 2016"},
    )
    copy = next_years(original)
    assert copy.slug == "integreringskonferansen-2017"
    assert copy.title.root == {
        "nb": "Integreringskonferansen 2017",
        "en": "Integration conference 2017",
    }


def test_a_slug_without_the_year_gets_it_appended_and_other_numbers_stay():
    copy = next_years(meeting(slug="dialogmote", title="Dialogmøte nr. 20160 i 2015"))
    assert copy.slug == "dialogmote-2017"
    assert copy.title.root == "Dialogmøte nr. 20160 i 2015"


def test_a_slug_can_be_given():
    assert next_years(meeting(), "neste-mote").slug == "neste-mote"


def test_a_slug_that_is_not_a_key_is_refused_at_the_slug():
    with pytest.raises(InvalidInput) as invalid:
        next_years(meeting(), "Neste møte")
    [problem] = invalid.value.problems
    assert problem.field == "slug"
    assert problem.source == "next year's copy of 'testmote'"


def test_a_council_meeting_without_a_time_moves_its_date():
    original = meeting(
        kind="council_meeting", start="2015-11-26", end=None, starts_after="etter møtet"
    )
    copy = next_years(original, "neste")
    assert copy.start == date(2016, 11, 24)
