"""Agenda arithmetic: the times, numbers and warnings a secretariat reads off `planner show`."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from planner.agenda.schedule import WarningKind, build_schedule
from planner.agenda.wording import Wording
from planner.model import Meeting
from tests.factories import meeting_data


def schedule_of(**changes):
    return build_schedule(Meeting.model_validate(meeting_data(**changes)))


def times(schedule) -> list[tuple[str | None, str, str]]:
    return [(e.number, f"{e.start:%H:%M}", f"{e.end:%H:%M}") for e in schedule.items]


def said(schedule, language: str = "en") -> list[str]:
    """The warnings as `planner show` prints them, in `language`."""
    wording = Wording(schedule.meeting, language)
    return [wording.warning(schedule, warning) for warning in schedule.warnings]


def test_items_follow_each_other_from_the_meetings_start():
    schedule = schedule_of(
        agenda=[
            {"kind": "welcome", "duration": 10},
            {"kind": "introduction", "duration": 40},
            {"kind": "break", "duration": 15},
            {"kind": "dialogue", "duration": 125},
            {"kind": "summary", "duration": 20},
        ]
    )
    assert times(schedule) == [
        ("1", "12:30", "12:40"),
        ("2", "12:40", "13:20"),
        (None, "13:20", "13:35"),
        ("3", "13:35", "15:40"),
        ("4", "15:40", "16:00"),
    ]
    assert schedule.warnings == []


def test_sub_items_are_numbered_under_their_item_and_give_it_its_length():
    schedule = schedule_of(
        end="2016-08-26 13:10",
        agenda=[
            {"kind": "welcome", "duration": 10},
            {
                "kind": "introduction",
                "title": "Innledninger fra statsrådene",
                "items": [
                    {"title": "Listhaug", "duration": 10},
                    {"title": "Hauglie", "duration": 10},
                    {"title": "Røe Isaksen", "duration": 10},
                    {"title": "Horne", "duration": 10},
                ],
            },
        ],
    )
    assert times(schedule) == [
        ("1", "12:30", "12:40"),
        ("2", "12:40", "13:20"),
        ("2.1", "12:40", "12:50"),
        ("2.2", "12:50", "13:00"),
        ("2.3", "13:00", "13:10"),
        ("2.4", "13:10", "13:20"),
    ]
    assert [w.kind for w in schedule.warnings] == [WarningKind.OVERRUN]
    assert said(schedule) == ["the agenda ends at 13:20, 10 min after the meeting ends (13:10)"]
    assert said(schedule, "nb") == [
        "programmet slutter 13.20, 10 min etter at møtet slutter (13.10)"
    ]


def test_parallel_tracks_start_together_and_the_block_lasts_as_long_as_the_longest():
    schedule = schedule_of(
        end="2016-08-26 14:10",
        agenda=[
            {
                "kind": "group_work",
                "parallel": True,
                "items": [
                    {"title": "Spor A", "track": "A", "duration": 60},
                    {"title": "Spor B", "track": "B", "duration": 90},
                ],
            },
            {"kind": "summary", "duration": 10},
        ],
    )
    assert times(schedule) == [
        ("1", "12:30", "14:00"),
        ("1.1", "12:30", "13:30"),
        ("1.2", "12:30", "14:00"),
        ("2", "14:00", "14:10"),
    ]


def test_a_fixed_start_that_fits_exactly_gives_no_warning():
    schedule = schedule_of(
        agenda=[
            {"kind": "welcome", "duration": 30},
            {"kind": "dialogue", "duration": 150},
            {"kind": "summary", "start": "15.30", "duration": 30},
        ]
    )
    assert times(schedule)[-1] == ("3", "15:30", "16:00")
    assert schedule.warnings == []


def test_a_fixed_start_before_the_previous_item_ends_is_an_overlap():
    schedule = schedule_of(
        agenda=[
            {"kind": "welcome", "duration": 30},
            {"kind": "dialogue", "title": "Rundebordsdialog", "duration": 160},
            {"kind": "summary", "title": "Oppsummering", "start": "15:30", "duration": 30},
        ]
    )
    assert times(schedule)[-1] == ("3", "15:30", "16:00")
    [warning] = schedule.warnings
    assert warning.kind == WarningKind.OVERLAP
    assert warning.path == (2,)
    assert said(schedule) == [
        "item 3 “Oppsummering” starts at 15:30, 10 min before item 2 “Rundebordsdialog” "
        "ends (15:40)"
    ]


def test_a_fixed_start_after_the_previous_item_ends_is_a_gap():
    schedule = schedule_of(
        agenda=[
            {"kind": "welcome", "duration": 30},
            {"kind": "break", "duration": 100},
            {"kind": "summary", "title": "Oppsummering", "start": "15:00", "duration": 60},
        ]
    )
    [warning] = schedule.warnings
    assert warning.kind == WarningKind.GAP
    assert said(schedule) == [
        "20 min with nothing planned between “Break” (14:40) and item 2 “Oppsummering” (15:00)"
    ]


def test_an_item_before_the_meeting_starts_and_an_early_end_are_reported():
    schedule = schedule_of(agenda=[{"kind": "registration", "start": "12:00", "duration": 60}])
    kinds = [w.kind for w in schedule.warnings]
    assert kinds == [WarningKind.BEFORE_START, WarningKind.GAP]
    assert said(schedule) == [
        "“Registration” starts at 12:00, before the meeting starts (12:30)",
        "3 h with nothing planned between the end of the agenda (13:00) and the meeting's "
        "end (16:00)",
    ]


def test_total_overrun_is_measured_against_the_meetings_end():
    schedule = schedule_of(
        agenda=[{"kind": "dialogue", "duration": 180}, {"kind": "summary", "duration": 55}]
    )
    [warning] = schedule.warnings
    assert warning.kind == WarningKind.OVERRUN
    assert said(schedule) == ["the agenda ends at 16:25, 25 min after the meeting ends (16:00)"]


def test_sub_items_longer_than_their_item():
    schedule = schedule_of(
        agenda=[
            {
                "title": "Innledninger",
                "duration": 30,
                "items": [{"title": "A", "duration": 20}, {"title": "B", "duration": 20}],
            },
            {"kind": "dialogue", "duration": 180},
        ]
    )
    [warning] = schedule.warnings
    assert warning.kind == WarningKind.SUB_ITEMS_OVERRUN
    assert said(schedule) == [
        "the sub-items of item 1 “Innledninger” run 10 min past its 30 min (to 13:10)"
    ]


def test_times_are_right_on_the_night_the_clocks_go_forward():
    # 31 March 2024: in Oslo, 02:00 became 03:00. A 90-minute item from 01:30 ends at 04:00.
    schedule = schedule_of(
        start="2024-03-31 00:30",
        end="2024-03-31 06:00",
        agenda=[
            {"title": "Nattarbeid", "duration": 60},
            {"title": "Over skiftet", "duration": 90},
            {"title": "Morgen", "duration": 120},
        ],
    )
    assert times(schedule) == [
        ("1", "00:30", "01:30"),
        ("2", "01:30", "04:00"),
        ("3", "04:00", "06:00"),
    ]
    assert [e.minutes for e in schedule.items] == [60, 90, 120]
    assert schedule.items[2].start.utcoffset() == timedelta(hours=2)
    assert schedule.warnings == []


def test_times_are_right_on_the_night_the_clocks_go_back():
    # 27 October 2024: 03:00 became 02:00 again. 60 minutes from 02:30 (summer) is 02:30 (winter).
    schedule = schedule_of(
        start="2024-10-27 01:30",
        end="2024-10-27 04:00",
        agenda=[
            {"title": "A", "duration": 60},
            {"title": "B", "duration": 60},
            {"title": "C", "duration": 90},
        ],
    )
    entries = schedule.items
    assert [f"{e.start:%H:%M}" for e in entries] == ["01:30", "02:30", "02:30"]
    assert entries[1].start.utcoffset() == timedelta(hours=2)
    assert entries[2].start.utcoffset() == timedelta(hours=1)
    assert f"{entries[2].end:%H:%M}" == "04:00"
    assert schedule.warnings == []


def test_a_multi_day_conference_over_the_autumn_clock_change():
    # Saturday 26 to Monday 28 October 2024; the clocks went back on the Sunday night.
    schedule = schedule_of(
        start="2024-10-26 10:00",
        end="2024-10-28 15:00",
        agenda=[
            {"kind": "welcome", "duration": 30},
            {"kind": "keynote", "duration": 60},
            {"kind": "group_work", "day": 2, "start": "09:00", "duration": 120},
            {"kind": "lunch", "duration": 60},
            {"kind": "dialogue", "day": 3, "start": "09:30", "duration": 300},
            {"kind": "closing", "duration": 30},
        ],
    )
    assert [(e.day, f"{e.start:%Y-%m-%d %H:%M}", e.number) for e in schedule.items] == [
        (1, "2024-10-26 10:00", "1"),
        (1, "2024-10-26 10:30", "2"),
        (2, "2024-10-27 09:00", "3"),
        (2, "2024-10-27 11:00", None),
        (3, "2024-10-28 09:30", "4"),
        (3, "2024-10-28 14:30", "5"),
    ]
    assert schedule.items[0].start.utcoffset() == timedelta(hours=2)
    assert schedule.items[4].start.utcoffset() == timedelta(hours=1)
    assert schedule.days[1][1].isoformat() == "2024-10-27"
    assert schedule.warnings == []


def test_a_day_after_the_meetings_last_day_is_reported():
    schedule = schedule_of(
        agenda=[
            {"kind": "dialogue", "duration": 210},
            {"kind": "summary", "day": 2, "start": "09:00", "duration": 30},
        ]
    )
    kinds = [w.kind for w in schedule.warnings]
    assert WarningKind.OUTSIDE_DATES in kinds
    assert said(schedule)[0] == "day 2 (27/08/2016) is after the meeting's last day (26/08/2016)"


def test_numbering_can_be_switched_on_for_a_break_and_off_for_an_item():
    schedule = schedule_of(
        agenda=[
            {"kind": "break", "duration": 15, "numbered": True},
            {"kind": "welcome", "duration": 15, "numbered": False},
            {"kind": "dialogue", "duration": 180},
        ]
    )
    assert [e.number for e in schedule.items] == ["1", None, "2"]


@pytest.mark.parametrize(
    ("start", "offset"),
    [("2024-10-27 02:30", 2), ("2024-10-27T02:30+02:00", 2), ("2024-10-27T02:30+01:00", 1)],
    ids=["first 02:30 (naive)", "first 02:30 (summer time)", "second 02:30 (winter time)"],
)
@pytest.mark.parametrize("fixed", [True, False], ids=["fixed start", "flowing start"])
def test_a_meeting_starting_at_0230_the_night_the_clocks_go_back_gets_no_false_warning(
    start, offset, fixed
):
    first = {"title": "Nattmøte", "duration": 30, **({"start": "02:30"} if fixed else {})}
    minutes_to_end = 30 + 60
    end = datetime.fromisoformat(
        "2024-10-27T02:30+02:00" if offset == 2 else "2024-10-27T02:30+01:00"
    ) + timedelta(minutes=minutes_to_end)
    schedule = schedule_of(
        start=start, end=end.isoformat(), agenda=[first, {"title": "Videre", "duration": 60}]
    )
    assert schedule.warnings == []
    assert schedule.items[0].start.utcoffset() == timedelta(hours=offset)
    assert [e.minutes for e in schedule.items] == [30, 60]


def test_the_second_0230_from_python_code_is_kept_as_the_second():
    meeting = Meeting.model_validate(
        meeting_data(
            start=datetime(2024, 10, 27, 2, 30, fold=1),
            end="2024-10-27 04:00",
            agenda=[{"title": "Nattmøte", "start": "02:30", "duration": 90}],
        )
    )
    schedule = build_schedule(meeting)
    assert schedule.items[0].start.utcoffset() == timedelta(hours=1)
    assert schedule.warnings == []


def test_an_item_that_crosses_the_autumn_change_overruns_by_elapsed_time():
    # 02:00 (summer) + 90 min = 02:30 (winter); the meeting ends at 02:15 winter time.
    schedule = schedule_of(
        start="2024-10-27 02:00",
        end="2024-10-27T02:15+01:00",
        agenda=[{"title": "Over skiftet", "duration": 90}],
    )
    [warning] = schedule.warnings
    assert warning.kind == WarningKind.OVERRUN
    assert said(schedule) == ["the agenda ends at 02:30, 15 min after the meeting ends (02:15)"]


def test_an_item_fixed_at_the_second_0245_after_one_ending_at_the_second_0230_is_a_gap():
    schedule = schedule_of(
        start="2024-10-27 02:00",
        end="2024-10-27T03:00+01:00",
        agenda=[
            {"title": "A", "duration": 90},  # to 02:30 winter time
            {"title": "B", "start": "02:45", "duration": 15},
        ],
    )
    assert said(schedule) == [
        "15 min with nothing planned between item 1 “A” (02:30) and item 2 “B” (02:45)"
    ]
    assert schedule.items[1].start.utcoffset() == timedelta(hours=1)


def test_the_end_of_the_schedule_is_the_latest_instant_not_the_latest_wall_clock_time():
    schedule = schedule_of(
        start="2024-10-27 02:40",
        end="2024-10-27T02:20+01:00",
        agenda=[
            {
                "title": "Spor",
                "parallel": True,
                "items": [{"title": "A", "duration": 10}, {"title": "B", "duration": 40}],
            }
        ],
    )
    # A ends at 02:50 summer time, B at 02:20 winter time: B is later.
    assert schedule.end.utcoffset() == timedelta(hours=1) and f"{schedule.end:%H:%M}" == "02:20"
    assert schedule.warnings == []
