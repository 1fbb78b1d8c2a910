"""Registrations: their stable keys, and the warnings `planner check` gives about them."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from planner.agenda.schedule import build_schedule
from planner.agenda.wording import Wording
from planner.model import MeetingFile
from planner.model.problems import format_loc
from planner.registrations.checks import registration_warnings
from tests.factories import meeting_data


def registrant(name: str, email: str | None = None, **changes) -> dict:
    person = {"name": name, **({"email": email} if email else {})}
    return {"person": person, "submitted_at": "2016-08-01 10:00", **changes}


def meeting_with(*registrations: dict, **changes) -> MeetingFile:
    return MeetingFile.model_validate(meeting_data(registrations=list(registrations), **changes))


def said(meeting: MeetingFile, language: str = "en") -> list[tuple[str, str]]:
    """The warnings as `planner check` says them: (field, words)."""
    schedule = build_schedule(meeting)
    wording = Wording(meeting, language)
    return [
        (finding.field, wording.finding(schedule, finding))
        for finding in registration_warnings(meeting, schedule)
    ]


def test_a_registration_may_carry_a_key_that_survives_export():
    meeting = meeting_with(registrant("Kari Nordmann", key="3f9a0c1e5b7d2a64"))
    again = MeetingFile.model_validate_json(meeting.model_dump_json())
    assert again.registrations[0].key == "3f9a0c1e5b7d2a64"


def test_two_registrations_with_one_key_are_refused_at_the_second():
    data = meeting_data(
        registrations=[
            registrant("Kari Nordmann", key="kari"),
            registrant("Ola Nordmann", key="ola"),
            registrant("Kari Hansen", key="kari"),
        ]
    )
    with pytest.raises(ValidationError) as caught:
        MeetingFile.model_validate(data)
    found = {format_loc(e["loc"]): e["msg"] for e in caught.value.errors()}
    assert found == {
        "registrations[2].key": "duplicate key 'kari': also used at registrations[0].key"
    }


def test_registrations_without_keys_are_fine():
    meeting = meeting_with(registrant("Kari Nordmann"), registrant("Ola Nordmann"))
    assert [r.key for r in meeting.registrations] == [None, None]


def test_a_tidy_meeting_has_no_registration_warnings():
    meeting = meeting_with(
        registrant("Kari Nordmann", "kari@example.no", status="confirmed",
                   checked_in_at="2016-08-26 12:20"),
        registrant("Ola Nordmann", "ola@example.no"),
        capacity=2,
    )  # fmt: skip
    assert registration_warnings(meeting) == []


def test_a_check_in_on_another_day_than_the_meeting_is_a_warning():
    meeting = meeting_with(
        registrant("Kari Nordmann", status="confirmed", checked_in_at="2016-08-26 12:20"),
        registrant("Ola Nordmann", status="confirmed", checked_in_at="2016-08-25 12:20"),
    )
    assert said(meeting) == [
        (
            "registrations[1].checked_in_at",
            "checked in on 25/08/2016, but the meeting is 26/08/2016",
        )
    ]
    assert said(meeting, "nb") == [
        ("registrations[1].checked_in_at", "sjekket inn 25.08.2016, men møtet er 26.08.2016")
    ]


def test_the_check_in_day_is_the_day_in_the_meetings_zone():
    # 23:30 UTC on the 25th is 01:30 on the 26th in Oslo: the meeting's day.
    meeting = meeting_with(
        registrant("Kari Nordmann", status="confirmed", checked_in_at="2016-08-25T23:30Z"),
    )
    assert registration_warnings(meeting) == []


def test_a_check_in_outside_a_multi_day_meeting_names_its_first_and_last_day():
    meeting = meeting_with(
        registrant("Kari Nordmann", status="confirmed", checked_in_at="2016-08-29 09:00"),
        end="2016-08-27 16:00",
    )
    [(_, words)] = said(meeting)
    assert words == "checked in on 29/08/2016, but the meeting is 26/08/2016–27/08/2016"


def test_the_same_email_twice_is_a_warning_that_names_both_places():
    meeting = meeting_with(
        registrant("Kari Nordmann", "kari@example.no"),
        registrant("Ola Nordmann", "ola@example.no"),
        registrant("Kari N.", "Kari@Example.NO"),
    )
    assert said(meeting) == [
        (
            "registrations[2].person.email",
            "Kari@example.no is registered twice: also at registrations[0].person.email",
        )
    ]


def test_a_cancelled_registration_does_not_count_as_the_same_email():
    meeting = meeting_with(
        registrant("Kari Nordmann", "kari@example.no", status="cancelled"),
        registrant("Kari Nordmann", "kari@example.no"),
    )
    assert registration_warnings(meeting) == []


def test_more_confirmed_registrations_than_places_is_a_warning():
    meeting = meeting_with(
        registrant("Kari Nordmann", status="confirmed"),
        registrant("Ola Nordmann", status="confirmed"),
        registrant("Per Hansen", status="waitlisted"),
        registrant("Liv Hansen", status="confirmed"),
        capacity=2,
    )
    assert said(meeting) == [
        ("capacity", "3 registrations are confirmed, but the meeting has room for 2")
    ]


@pytest.mark.parametrize("capacity", [0, -1, 1_000_001, 10**20, 2.5, "many", True, float("inf")])
def test_a_capacity_out_of_bounds_or_not_a_number_is_refused(capacity):
    with pytest.raises(ValidationError) as caught:
        MeetingFile.model_validate(meeting_data(capacity=capacity))
    assert [format_loc(e["loc"]) for e in caught.value.errors()] == ["capacity"]


TRACKS = [
    {"id": "spor-a", "title": "Spor A", "duration": 60},
    {
        "title": "Parallelle spor",
        "parallel": True,
        "items": [
            {"id": "spor-b", "title": "Spor B", "duration": 60, "capacity": 1},
            {"id": "spor-c", "title": "Spor C", "duration": 45},
        ],
    },
]


def test_choosing_two_sessions_that_run_at_the_same_time_is_a_warning():
    meeting = meeting_with(
        registrant("Kari Nordmann", answers={"workshops": ["spor-a", "spor-b"]}),
        registrant("Ola Nordmann", answers={"workshops": ["spor-b", "spor-c"]}),
        agenda=TRACKS,
    )
    assert said(meeting, "nb") == [
        (
            "registrations[1].answers.workshops",
            "har valgt både punkt 2.1 «Spor B» og punkt 2.2 «Spor C», som går samtidig (13.30)",
        ),
        ("agenda[1].items[0].capacity", "2 har valgt punkt 2.1 «Spor B», som har plass til 1"),
    ]


def test_a_dinner_with_more_takers_than_places_is_a_warning():
    dinner = {
        "id": "middag",
        "kind": "dinner",
        "title": "Konferansemiddag",
        "start": "2016-08-26 19:00",
        "capacity": 1,
    }
    meeting = meeting_with(
        registrant("Kari Nordmann", answers={"workshops": ["middag"]}),
        registrant("Ola Nordmann", answers={"workshops": ["middag"]}),
        registrant("Per Hansen", status="cancelled", answers={"workshops": ["middag"]}),
        events=[dinner],
    )
    assert said(meeting, "nb") == [
        ("events[0].capacity", "2 har valgt «Konferansemiddag», som har plass til 1")
    ]
