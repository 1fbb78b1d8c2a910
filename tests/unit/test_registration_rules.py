"""The rules of registrations without a database: the status machine, places and quotas, the
order of the waiting list, offers that expire."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from planner.errors import Refused
from planner.model import Meeting, MeetingFile, Registration, RegistrationRules
from planner.model import RegistrationStatus as Status
from planner.registrations.capacity import Limits, Taken, Wants, shortage
from planner.registrations.offers import has_lapsed, offer_until
from planner.registrations.promotion import Candidate, fill_places
from planner.registrations.status import (
    FINAL,
    HOLDS_PLACE,
    OPEN,
    TRANSITIONS,
    can_become,
    check_transition,
)
from planner.words import speaking
from tests.factories import meeting_data

ALLOWED = {
    (Status.INVITED, Status.PENDING),
    (Status.INVITED, Status.DECLINED),
    (Status.PENDING, Status.CONFIRMED),
    (Status.PENDING, Status.WAITLISTED),
    (Status.PENDING, Status.DECLINED),
    (Status.WAITLISTED, Status.OFFERED),
    (Status.OFFERED, Status.CONFIRMED),
    (Status.OFFERED, Status.EXPIRED),
    (Status.CONFIRMED, Status.CANCELLED),
    (Status.CONFIRMED, Status.ATTENDED),
    (Status.CONFIRMED, Status.NO_SHOW),
    *((status, Status.WITHDRAWN) for status in OPEN),
}
"""The status machine of issue 13, written out pair by pair."""
OSLO = ZoneInfo("Europe/Oslo")


@pytest.mark.parametrize("before", list(Status), ids=lambda s: s.value)
def test_every_transition_is_allowed_exactly_as_the_machine_says(before: Status):
    for after in Status:
        assert can_become(before, after) == ((before, after) in ALLOWED), (before, after)


@pytest.mark.parametrize(("before", "after"), sorted(ALLOWED), ids=lambda s: s.value)
def test_an_allowed_transition_passes_the_check(before: Status, after: Status):
    check_transition("Kari Nordmann", before, after)


def test_an_illegal_transition_says_why_and_what_is_possible_in_the_readers_language():
    with pytest.raises(Refused) as refused:
        check_transition("Kari Nordmann", Status.PENDING, Status.ATTENDED)

    assert str(refused.value) == (
        "Kari Nordmann: the status “pending” cannot become “attended”; from “pending” it can "
        "become confirmed, waitlisted, declined or withdrawn"
    )
    with speaking("nb"):
        assert str(refused.value) == (
            "Kari Nordmann: status «påmeldt» kan ikke endres til «møtt»; fra «påmeldt» kan den "
            "endres til bekreftet, på venteliste, takket nei eller trukket seg"
        )
    assert refused.value.exit_code == 5


@pytest.mark.parametrize("final", sorted(FINAL), ids=lambda s: s.value)
def test_a_final_status_refuses_every_change_and_says_it_is_final(final: Status):
    assert TRANSITIONS[final] == ()
    for after in Status:
        with pytest.raises(Refused) as refused:
            check_transition("Kari Nordmann", final, after)
        message = str(refused.value)
        assert "already" in message if after == final else "is final" in message


def test_which_statuses_hold_a_place():
    assert {Status.CONFIRMED, Status.OFFERED, Status.ATTENDED, Status.NO_SHOW} == HOLDS_PLACE


def test_a_submitted_registration_of_an_earlier_version_reads_as_pending():
    registration = Registration.model_validate(
        {"person": {"name": "Kari"}, "status": "submitted", "submitted_at": "2026-01-01 10:00"}
    )
    assert registration.status == Status.PENDING


def test_only_an_offered_registration_has_an_offer_that_expires():
    with pytest.raises(ValueError, match="only an offered place expires"):
        Registration.model_validate(
            {
                "person": {"name": "Kari"},
                "status": "waitlisted",
                "submitted_at": "2026-01-01 10:00",
                "offer_expires_at": "2026-01-03 10:00",
            }
        )


def test_a_delegation_quota_is_named_once_however_it_is_written():
    with pytest.raises(ValueError, match="has two quotas"):
        RegistrationRules.model_validate({"quotas": {"Oslo kommune": 3, "oslo  KOMMUNE": 2}})
    rules = RegistrationRules.model_validate({"per_delegation": 3, "quotas": {"Oslo kommune": 5}})
    assert (rules.quota("oslo kommune"), rules.quota("bergen kommune"), rules.quota(None)) == (
        5,
        3,
        None,
    )


# -- places -------------------------------------------------------------------------------


def limits(places: int | None = 2, items: dict | None = None, **rules) -> Limits:
    return Limits(places, items or {}, RegistrationRules.model_validate(rules))


def test_one_more_fits_until_the_meeting_is_full():
    taken = Taken(places=1)
    assert shortage(limits(2), taken, Wants()) is None
    taken.take(Wants())
    short = shortage(limits(2), taken, Wants())
    assert short is not None and (short.what, short.places, short.taken) == ("meeting", 2, 2)
    assert str(short.words()) == "the meeting is full (2 of 2 places taken)"


def test_a_full_workshop_stops_only_those_who_chose_it():
    rules = limits(None, {"spor-a": 1, "spor-b": 5})
    taken = Taken(items=Counter({"spor-a": 1}))
    assert shortage(rules, taken, Wants(("spor-b",))) is None
    short = shortage(rules, taken, Wants(("spor-a", "spor-b")))
    assert short is not None and (short.what, short.name) == ("item", "spor-a")
    assert str(short.words({"spor-a": "Spor A"})) == "“Spor A” has no place left (1 of 1 taken)"


def test_a_delegation_takes_at_most_its_quota():
    rules = limits(None, per_delegation=3, quotas={"Oslo kommune": 1})
    taken = Taken(delegations=Counter({"bergen kommune": 2, "oslo kommune": 1}))
    assert shortage(rules, taken, Wants((), "bergen kommune")) is None
    taken.take(Wants((), "bergen kommune"))
    assert shortage(rules, taken, Wants((), "bergen kommune")).name == "bergen kommune"
    assert shortage(rules, taken, Wants((), "oslo kommune")).places == 1
    assert shortage(rules, taken, Wants((), None)) is None


def test_limits_come_from_the_meeting_its_items_and_events():
    meeting = Meeting.model_validate(
        meeting_data(
            capacity=60,
            agenda=[
                {"title": "Velkommen", "duration": 10},
                {"id": "spor-a", "title": "Spor A", "duration": 60, "capacity": 20},
            ],
            events=[
                {"id": "middag", "title": "Middag", "start": "2016-08-26 19:00", "capacity": 40}
            ],
            registration_rules={"per_delegation": 3},
        )
    )
    found = Limits.of(meeting)
    assert (found.places, dict(found.items), found.quota("x")) == (
        60,
        {"spor-a": 20, "middag": 40},
        3,
    )


# -- the waiting list ----------------------------------------------------------------------


def candidate(number: int, *, priority: int = 0, hour: int = 10, items=()) -> Candidate:
    submitted = datetime(2026, 1, 1, hour, tzinfo=UTC)
    return Candidate(number, f"k{number}", f"Person {number}", priority, submitted, Wants(items))


def test_freed_places_go_in_order_to_those_who_fit_skipping_a_full_workshop():
    rules = limits(10, {"spor-a": 1})
    taken = Taken(places=7, items=Counter({"spor-a": 1}))
    waiting = [candidate(1, items=("spor-a",)), candidate(2), candidate(3), candidate(4)]

    given = [c.id for c in fill_places(rules, taken, waiting)]

    assert given == [2, 3, 4]
    assert taken.places == 10


def test_promotion_stops_when_the_meeting_is_full():
    waiting = [candidate(n) for n in range(1, 6)]
    assert [c.id for c in fill_places(limits(3), Taken(places=1), waiting)] == [1, 2]


def test_the_same_waiting_list_always_gives_the_same_result():
    from planner.registrations.promotion import waiting_order

    waiting = [
        candidate(5, hour=9),
        candidate(3, priority=1, hour=12),
        candidate(4, hour=9),
        candidate(1, hour=11),
    ]
    ordered = sorted(waiting, key=waiting_order)
    assert [c.id for c in ordered] == [3, 4, 5, 1]
    assert [c.id for c in fill_places(limits(2), Taken(), ordered)] == [3, 4]


# -- offers --------------------------------------------------------------------------------


def test_an_offer_is_held_for_the_meetings_hours_in_its_zone():
    now = datetime(2026, 3, 27, 22, 30, 15, tzinfo=UTC)
    until = offer_until(RegistrationRules(), now, OSLO)
    assert until == datetime(2026, 3, 31, 0, 30, tzinfo=OSLO)  # summer time began on the 29th
    assert until.tzinfo == OSLO
    assert offer_until(RegistrationRules(offer_hours=None), now, OSLO) is None
    assert not has_lapsed(until, now)
    assert has_lapsed(until, until) and has_lapsed(until, until + timedelta(seconds=1))
    assert not has_lapsed(None, now)


def test_a_meeting_file_carries_its_registration_rules():
    meeting = MeetingFile.model_validate(
        meeting_data(registration_rules={"when_full": "refuse", "offer_hours": None})
    )
    assert meeting.registration_rules.when_full == "refuse"
    assert meeting.registration_rules.offer_hours is None
    with pytest.raises(ValueError, match="offer_hours"):
        MeetingFile.model_validate(meeting_data(registration_rules={"offer_hours": 0}))


# -- sorting names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", ["Bjørn", "Zara", "Ærling", "Øystein", "Åse"]),
        ("da", ["Bjørn", "Zara", "Ærling", "Øystein", "Åse"]),
        ("sv", ["Bjørn", "Zara", "Åse", "Ærling", "Øystein"]),
        ("is", ["Bjørn", "Zara", "Þóra", "Ærling", "Øystein"]),
    ],
)
def test_names_sort_with_the_collation_of_the_meetings_language(language, expected):
    from planner.collation import sort_key

    names = ["Øystein", "Zara", "Þóra", "Åse", "Bjørn", "Ærling"]
    assert [n for n in sorted(names, key=sort_key(language)) if n in expected] == expected
