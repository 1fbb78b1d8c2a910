"""Registrations handled as a secretariat does: statuses changed by the rules, places never
given twice, the waiting list moving in order, offers that expire, and undo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from planner import registrations
from planner.errors import BadInput, Conflict, NotFound, Refused
from planner.model import MeetingFile, Registration
from planner.model import RegistrationStatus as Status
from planner.store import Workspace
from planner.store import registrations as store
from planner.store.schema import registration_tallies
from tests.factories import conference_data

SLUG = "nordisk-integrasjon-2018"
TRACKS = [
    {"title": "Velkommen", "duration": 15},
    {"id": "spor-a", "title": "Spor A", "duration": 60, "capacity": 1},
    {"id": "spor-b", "title": "Spor B", "duration": 60},
]


def person(name: str, **changes: Any) -> dict[str, Any]:
    first = name.split()[0].lower()
    data = {
        "person": {"name": name, "email": f"{first}@example.no"},
        "submitted_at": "2026-02-01 10:00",
    }
    return {**data, **changes}


def meeting(*people: dict[str, Any], **changes: Any) -> MeetingFile:
    data = conference_data(SLUG, agenda=TRACKS, **changes)
    data["registrations"] = list(people)
    return MeetingFile.model_validate(data)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "planner.sqlite", "ada") as opened:
        yield opened


def statuses(workspace: Workspace) -> dict[str, str]:
    return {r.name: r.status.value for r in registrations.everyone(workspace, SLUG)}


def moved(outcome: registrations.Outcome) -> list[tuple[str, str | None, str | None]]:
    return [
        (t.name, t.before.value if t.before else None, t.after.value if t.after else None)
        for t in outcome.done
    ]


def tallies_are_true(workspace: Workspace) -> None:
    """The tallies the store keeps agree with counting the registrations again."""
    with workspace.writing() as change:
        connection = change.connection
        table = registration_tallies
        kept = set(connection.execute(select(table).where(table.c.count != 0)).all())
        meeting_id = connection.execute(select(table.c.meeting_id).limit(1)).scalar()
        store.recount(connection, meeting_id)
        counted = set(connection.execute(select(table).where(table.c.count != 0)).all())
        assert kept == counted


# -- confirming and the places -----------------------------------------------------------


def test_confirming_beyond_capacity_puts_on_the_waiting_list_and_says_why(workspace):
    workspace.import_meetings(
        [meeting(person("Kari Nordmann"), person("Ola Nordmann"), capacity=1)]
    )

    registrations.set_status(workspace, SLUG, "kari@example.no", Status.CONFIRMED)
    outcome = registrations.set_status(workspace, SLUG, "ola@example.no", Status.CONFIRMED)

    assert moved(outcome) == [("Ola Nordmann", "pending", "waitlisted")]
    assert str(outcome.done[0].reason) == "the meeting is full (1 of 1 places taken)"
    assert statuses(workspace) == {"Kari Nordmann": "confirmed", "Ola Nordmann": "waitlisted"}
    places = registrations.places(workspace, SLUG)
    assert (places.meeting.taken, places.meeting.places, places.waiting) == (1, 1, 1)


def test_a_meeting_that_refuses_when_full_changes_nothing(workspace):
    rules = {"when_full": "refuse"}
    people = (person("Kari Nordmann"), person("Ola Nordmann"))
    workspace.import_meetings([meeting(*people, capacity=1, registration_rules=rules)])
    registrations.set_status(workspace, SLUG, "kari@example.no", Status.CONFIRMED)

    with pytest.raises(Refused) as refused:
        registrations.set_status(workspace, SLUG, "ola@example.no", Status.CONFIRMED)

    assert str(refused.value) == (
        "Ola Nordmann cannot become “confirmed”: the meeting is full (1 of 1 places taken)"
    )
    assert refused.value.exit_code == 5
    assert statuses(workspace)["Ola Nordmann"] == "pending"


def test_a_full_workshop_waitlists_those_who_chose_it(workspace):
    kari, ola = person("Kari Nordmann"), person("Ola Nordmann")
    for one in (kari, ola):
        one["answers"] = {"workshops": ["spor-a"]}
    workspace.import_meetings([meeting(kari, ola, person("Per Hansen"), capacity=10)])

    for email in ("kari@example.no", "ola@example.no", "per@example.no"):
        outcome = registrations.set_status(workspace, SLUG, email, Status.CONFIRMED)

    assert statuses(workspace) == {
        "Kari Nordmann": "confirmed",
        "Ola Nordmann": "waitlisted",
        "Per Hansen": "confirmed",
    }
    assert outcome.done[0].reason is None
    item = registrations.places(workspace, SLUG).limits[1]
    assert (item.name, item.title, item.taken, item.places) == ("spor-a", "Spor A", 1, 1)


def test_a_delegation_takes_no_more_than_its_quota(workspace):
    people = [
        person(f"{name} Hansen", person={"name": f"{name} Hansen", "organisation": org})
        for name, org in [("Kari", "Oslo kommune"), ("Ola", "OSLO KOMMUNE"), ("Per", "Bergen")]
    ]
    rules = {"per_delegation": 1}
    workspace.import_meetings([meeting(*people, registration_rules=rules)])
    keys = {r.name: r.key for r in registrations.everyone(workspace, SLUG)}

    outcome = registrations.set_statuses(workspace, SLUG, list(keys.values()), Status.CONFIRMED)

    assert statuses(workspace) == {
        "Kari Hansen": "confirmed",
        "Ola Hansen": "waitlisted",
        "Per Hansen": "confirmed",
    }
    assert "the delegation “oslo kommune” has no place left" in str(outcome.done[1].reason)


def test_adding_someone_confirmed_to_a_full_meeting_puts_them_on_the_waiting_list(workspace):
    workspace.import_meetings([meeting(person("Kari Nordmann", status="confirmed"), capacity=1)])
    ola = Registration.model_validate(person("Ola Nordmann", status="confirmed"))

    outcome = registrations.add(workspace, SLUG, ola)

    assert moved(outcome) == [("Ola Nordmann", None, "waitlisted")]
    assert registrations.find(workspace, SLUG, outcome.done[0].key).version == 1


def test_a_registration_cannot_be_added_as_offered_or_attended(workspace):
    workspace.import_meetings([meeting()])
    for status in ("offered", "attended"):
        with pytest.raises(Refused, match="add it as invited, pending, confirmed or waitlisted"):
            registrations.add(
                workspace, SLUG, Registration.model_validate(person("Kari", status=status))
            )
    assert statuses(workspace) == {}


# -- finding -----------------------------------------------------------------------------


def test_a_registration_is_found_by_key_or_by_an_address_only_it_has(workspace):
    twice = person("Kari Hansen", person={"name": "Kari Hansen", "email": "kari@example.no"})
    workspace.import_meetings([meeting(person("Kari Nordmann"), twice, person("Ola Nordmann"))])

    with pytest.raises(BadInput, match=r"kari@example\.no is registered 2 times: give the key"):
        registrations.set_status(workspace, SLUG, "kari@example.no", Status.CONFIRMED)
    with pytest.raises(NotFound, match=r"no registration “per@example\.no”"):
        registrations.set_status(workspace, SLUG, "per@example.no", Status.CONFIRMED)

    registrations.set_status(workspace, SLUG, "OLA@example.no", Status.CONFIRMED)
    key = next(r.key for r in registrations.everyone(workspace, SLUG) if r.name == "Kari Hansen")
    registrations.set_status(workspace, SLUG, key, Status.DECLINED)
    assert statuses(workspace) == {
        "Kari Nordmann": "pending",
        "Kari Hansen": "declined",
        "Ola Nordmann": "confirmed",
    }


def test_a_list_is_read_in_pages_and_found_by_words_ignoring_case_and_accents(workspace):
    names = ["Øystein Ås", "Bjørn Berg", "Björn Borg", "Kari Nordmann"]
    workspace.import_meetings([meeting(*(person(n) for n in names))])

    def found(**query: Any) -> list[str]:
        return [r.name for r in registrations.listing(workspace, SLUG, **query)]

    assert found(search="oystein") == ["Øystein Ås"]
    assert found(search="BJORN") == ["Bjørn Berg", "Björn Borg"]
    assert found(search="bjorn borg") == ["Björn Borg"]
    assert found(search="100%_") == []
    first = registrations.page(workspace, SLUG, limit=3)
    rest = registrations.page(workspace, SLUG, after=first[-1].id, limit=3)
    assert [r.name for r in first + rest] == names


# -- the waiting list --------------------------------------------------------------------


def waiting_meeting(workspace: Workspace, **rules: Any) -> None:
    people = [
        person("Kari Nordmann", status="confirmed"),
        person("Ola Nordmann", status="confirmed"),
        person("Per Hansen", status="waitlisted", submitted_at="2026-02-03 10:00"),
        person("Siri Hansen", status="waitlisted", submitted_at="2026-02-02 10:00"),
        person("Liv Berg", status="waitlisted", submitted_at="2026-02-04 10:00", priority=1),
    ]
    workspace.import_meetings([meeting(*people, capacity=2, registration_rules=rules)])


def test_a_freed_place_is_previewed_then_offered_to_the_first_in_line(workspace):
    waiting_meeting(workspace)
    registrations.set_status(workspace, SLUG, "kari@example.no", Status.CANCELLED)
    order = [r.name for r in registrations.waiting_list(workspace, SLUG)]
    assert order == ["Liv Berg", "Siri Hansen", "Per Hansen"]

    preview = registrations.promote(workspace, SLUG, preview=True)

    assert not preview.applied
    assert moved(preview) == [("Liv Berg", "waitlisted", "offered")]
    assert statuses(workspace)["Liv Berg"] == "waitlisted"

    applied = registrations.promote(workspace, SLUG)

    assert moved(applied) == moved(preview)
    assert applied.done[0].offer_expires_at == preview.done[0].offer_expires_at.replace(
        minute=applied.done[0].offer_expires_at.minute
    )
    assert statuses(workspace)["Liv Berg"] == "offered"
    assert registrations.promote(workspace, SLUG).done == []  # the place is held by the offer


def test_a_meeting_that_promotes_automatically_offers_the_place_at_once(workspace):
    waiting_meeting(workspace, promotion="automatic", offer_hours=48)
    now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

    outcome = registrations.set_status(
        workspace, SLUG, "kari@example.no", Status.WITHDRAWN, now=now
    )

    assert moved(outcome) == [
        ("Kari Nordmann", "confirmed", "withdrawn"),
        ("Liv Berg", "waitlisted", "offered"),
    ]
    assert outcome.done[1].offer_expires_at == datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


def test_an_offer_that_expires_passes_the_place_on(workspace):
    waiting_meeting(workspace, promotion="automatic", offer_hours=24)
    start = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    registrations.set_status(workspace, SLUG, "kari@example.no", Status.CANCELLED, now=start)

    still = registrations.expire_offers(workspace, SLUG, now=start + timedelta(hours=23))
    later = registrations.expire_offers(workspace, SLUG, now=start + timedelta(hours=24))

    assert still.expired == [] and still.done == []
    assert [(t.name, t.after.value) for t in later.expired] == [
        ("Liv Berg", "expired"),
        ("Siri Hansen", "offered"),
    ]
    assert statuses(workspace)["Liv Berg"] == "expired"
    with pytest.raises(Refused, match="“offer expired” is final"):
        registrations.set_status(workspace, SLUG, "liv@example.no", Status.CONFIRMED)


def test_taking_up_an_offer_confirms_and_an_offer_cannot_be_taken_up_after_it_expired(workspace):
    waiting_meeting(workspace)
    start = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    registrations.set_status(workspace, SLUG, "kari@example.no", Status.CANCELLED, now=start)
    registrations.promote(workspace, SLUG, now=start)

    late = start + timedelta(hours=73)
    with pytest.raises(Refused, match="“offer expired” is final"):
        registrations.set_status(workspace, SLUG, "liv@example.no", Status.CONFIRMED, now=late)
    registrations.promote(workspace, SLUG, now=late)
    taken = registrations.set_status(workspace, SLUG, "siri@example.no", Status.CONFIRMED, now=late)

    assert moved(taken) == [("Siri Hansen", "offered", "confirmed")]
    assert statuses(workspace)["Siri Hansen"] == "confirmed"


def test_a_meeting_without_offers_confirms_the_one_promoted_at_once(workspace):
    waiting_meeting(workspace, offer_hours=None)
    registrations.set_status(workspace, SLUG, "kari@example.no", Status.CANCELLED)

    outcome = registrations.promote(workspace, SLUG)

    assert moved(outcome) == [
        ("Liv Berg", "waitlisted", "offered"),
        ("Liv Berg", "offered", "confirmed"),
    ]
    places = registrations.places(workspace, SLUG)
    assert (places.meeting.taken, places.waiting) == (2, 2)


# -- many at once ------------------------------------------------------------------------


def test_a_bulk_change_goes_in_waiting_list_order_and_skips_what_the_rules_refuse(workspace):
    people = [
        person("Kari Nordmann", submitted_at="2026-02-03 10:00"),
        person("Ola Nordmann", submitted_at="2026-02-01 10:00"),
        person("Per Hansen", status="declined"),
        person("Siri Hansen", submitted_at="2026-02-02 10:00"),
    ]
    workspace.import_meetings([meeting(*people, capacity=2)])
    keys = [r.key for r in registrations.everyone(workspace, SLUG)]

    preview = registrations.set_statuses(workspace, SLUG, keys, Status.CONFIRMED, preview=True)
    outcome = registrations.set_statuses(workspace, SLUG, keys, Status.CONFIRMED)

    assert (
        moved(preview)
        == moved(outcome)
        == [
            ("Ola Nordmann", "pending", "confirmed"),
            ("Siri Hansen", "pending", "confirmed"),
            ("Kari Nordmann", "pending", "waitlisted"),
        ]
    )
    assert [(s.name, "is final" in str(s.reason)) for s in outcome.skipped] == [
        ("Per Hansen", True)
    ]
    tallies_are_true(workspace)


# -- undo --------------------------------------------------------------------------------


def test_undo_puts_back_the_last_action_with_what_it_set_off_and_is_logged(workspace):
    waiting_meeting(workspace, promotion="automatic")
    registrations.set_status(workspace, SLUG, "kari@example.no", Status.CANCELLED)
    before = len(workspace.audit_log(meeting_slug=SLUG))

    outcome = registrations.undo(workspace, SLUG)

    assert moved(outcome) == [
        ("Liv Berg", "offered", "waitlisted"),
        ("Kari Nordmann", "cancelled", "confirmed"),
    ]
    assert statuses(workspace)["Kari Nordmann"] == "confirmed"
    log = workspace.audit_log(meeting_slug=SLUG)
    assert [e.action for e in log[:2]] == ["registration.undone"] * 2
    assert len(log) == before + 2
    history = registrations.history(workspace, SLUG, "kari@example.no")
    assert [(e.detail.get("from"), e.detail.get("to")) for e in history[-2:]] == [
        ("confirmed", "cancelled"),
        ("cancelled", "confirmed"),
    ]
    assert workspace.get_meeting(SLUG).revision == 1 + 2 + 2
    tallies_are_true(workspace)


def test_undo_again_goes_further_back_and_then_has_nothing_left(workspace):
    workspace.import_meetings([meeting(capacity=5)])
    added = registrations.add(workspace, SLUG, Registration.model_validate(person("Kari")))
    registrations.set_status(workspace, SLUG, "kari@example.no", Status.CONFIRMED)

    assert moved(registrations.undo(workspace, SLUG)) == [("Kari", "confirmed", "pending")]
    assert moved(registrations.undo(workspace, SLUG)) == [("Kari", "pending", None)]
    with pytest.raises(NotFound, match="nothing to undo"):
        registrations.undo(workspace, SLUG)
    with pytest.raises(NotFound):
        registrations.find(workspace, SLUG, added.done[0].key)


def test_undo_is_refused_when_someone_changed_the_registration_since(tmp_path):
    location = tmp_path / "planner.sqlite"
    with Workspace.open(location, "ada") as ada, Workspace.open(location, "bob") as bob:
        ada.import_meetings([meeting(person("Kari Nordmann"), capacity=5)])
        registrations.set_status(ada, SLUG, "kari@example.no", Status.CONFIRMED)
        registrations.set_status(bob, SLUG, "kari@example.no", Status.ATTENDED)

        with pytest.raises(Conflict, match="Kari Nordmann was changed since, by bob"):
            registrations.undo(ada, SLUG)
        with pytest.raises(NotFound, match="nothing to undo"):
            registrations.undo(Workspace.open(location, "per"), SLUG)
        assert statuses(ada) == {"Kari Nordmann": "attended"}


def test_undo_never_puts_someone_back_into_a_place_given_away_since(workspace):
    workspace.import_meetings(
        [meeting(person("Kari Nordmann", status="confirmed"), person("Ola Nordmann"), capacity=1)]
    )
    registrations.set_status(workspace, SLUG, "kari@example.no", Status.CANCELLED)
    with Workspace.open(workspace.location, "bob") as bob:
        registrations.set_status(bob, SLUG, "ola@example.no", Status.CONFIRMED)

    with pytest.raises(Refused, match="would take a place that is no longer free"):
        registrations.undo(workspace, SLUG)

    assert statuses(workspace) == {"Kari Nordmann": "cancelled", "Ola Nordmann": "confirmed"}


# -- editing -----------------------------------------------------------------------------


def test_editing_keeps_the_status_and_choosing_a_full_workshop_is_refused(workspace):
    kari = person("Kari Nordmann", status="confirmed", answers={"workshops": ["spor-a"]})
    ola = person("Ola Nordmann", status="confirmed", answers={"workshops": ["spor-b"]})
    workspace.import_meetings([meeting(kari, ola)])
    found = registrations.find(workspace, SLUG, "ola@example.no")
    key = found.registration.key

    cancelled = found.registration.model_copy(update={"status": Status.CANCELLED})
    with pytest.raises(Refused, match="is changed on its own"):
        registrations.edit(workspace, SLUG, key, cancelled, found.version)
    answers = found.registration.answers.model_copy(update={"workshops": ["spor-a"]})
    switched = found.registration.model_copy(update={"answers": answers})
    with pytest.raises(Refused, match="“Spor A” has no place left"):
        registrations.edit(workspace, SLUG, key, switched, found.version)

    noted = found.registration.model_copy(update={"notes": "Vegetar"})
    saved = registrations.edit(workspace, SLUG, key, noted, found.version)
    assert (saved.version, saved.registration.notes) == (2, "Vegetar")
    tallies_are_true(workspace)


def test_an_agenda_save_checks_the_chosen_items_without_reading_the_registrations(
    workspace, monkeypatch
):
    workspace.import_meetings([meeting(person("Kari", answers={"workshops": ["spor-a"]}))])
    stored = workspace.get_meeting(SLUG)
    monkeypatch.setattr(store, "of_meeting", lambda *a: pytest.fail("read every registration"))
    without_a = stored.meeting.model_copy(update={"agenda": stored.meeting.agenda[:1]})

    with pytest.raises(Conflict, match=r"no longer has: 'spor-a' \(1\)"):
        workspace.save_meeting(stored.id, without_a, stored.version)
    renamed = stored.meeting.model_copy(update={"capacity": 80})
    assert workspace.save_meeting(stored.id, renamed, stored.version).version == 2


def test_an_export_writes_stored_registrations_as_the_model_would_without_reading_them_again(
    workspace, monkeypatch
):
    import re

    from planner.meeting_files import dump_meeting_yaml, parse_meeting_yaml

    workspace.import_meetings(
        [meeting(person("Kari Nordmann", status="confirmed", notes="Linje 1\nLinje 2",
                        answers={"workshops": ["spor-a"], "dietary": "vegetar"},
                        checked_in_at="2025-10-26 02:30:00+01:00"),  # the second 02:30
                 person("Øystein Ås", priority=2), capacity=5)]
    )  # fmt: skip
    registrations.set_status(workspace, SLUG, "kari@example.no", Status.ATTENDED)
    expected = dump_meeting_yaml(workspace.export_meeting(SLUG))
    monkeypatch.setattr(Registration, "model_validate_json", lambda *a, **k: pytest.fail("read"))

    written = workspace.export_files(SLUG).meeting

    def unstamped(text: str) -> str:
        return re.sub(r"  at: .*\n", "", text)

    assert unstamped(written) == unstamped(expected)
    monkeypatch.undo()
    assert "checked_in_at: '2025-10-26 02:30:00+01:00'" in written  # the clocks went back
    again = parse_meeting_yaml(written)
    assert [r.status for r in again.registrations] == [Status.ATTENDED, Status.PENDING]
