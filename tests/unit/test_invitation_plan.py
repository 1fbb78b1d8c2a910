"""What a send sends, and with which SEQUENCE: the rules of `planner.invitations.plan`, on
entries and registrations built in memory."""

from __future__ import annotations

from dataclasses import replace

from planner.invitations.entries import Change, meeting_entries
from planner.invitations.ics import Method
from planner.invitations.plan import Held, Plan, Reason, Sent, SentEntry, plan_send
from planner.invitations.recipients import people
from planner.model import Meeting, Registration
from planner.store import StoredMeeting, StoredRegistration
from tests.factories import meeting_data

UID = "9c7e0a52-5d1b-4b7e-9a51-000000000001"


def stored(**changes) -> StoredMeeting:
    data = meeting_data(
        **{
            "kind": "conference",
            "agenda": [
                {"title": "Velkommen", "start": "12.30", "duration": 15},
                {"id": "spor-a", "title": "Spor A: arbeid", "duration": 60},
            ],
            "events": [{"id": "middag", "title": "Middag", "start": "2016-08-26 19:00"}],
            **changes,
        }
    )
    return StoredMeeting(id=1, uid=UID, version=1, revision=1, meeting=Meeting.model_validate(data))


def registration(n: int, status: str = "confirmed", chosen=()) -> StoredRegistration:
    return StoredRegistration(
        n,
        1,
        Registration.model_validate(
            {
                "person": {"name": f"Deltaker {n}", "email": f"d{n}@example.no"},
                "status": status,
                "submitted_at": "2016-08-01 10:00",
                "answers": {"workshops": list(chosen)},
            }
        ),
    )


def plan(meeting: StoredMeeting, registrations, sent: Sent | None = None, to="all", **kw) -> Plan:
    found = people(meeting.meeting, registrations, to)
    return plan_send(meeting_entries(meeting, **({"sessions": False} | kw)), found, sent or Sent())


def as_sent(result: Plan) -> Sent:
    """What the outbox would hold after the plan's messages were sent."""
    sent = Sent()
    for entry in result.entries:
        if entry.uid in result.sequences:
            sent.entries[entry.uid] = SentEntry(
                entry.uid,
                entry.kind,
                entry.key,
                result.sequences[entry.uid],
                entry.facts,
                entry.title,
            )
    for message in result.messages:
        sent.held.setdefault(message.entry.uid, {})[message.recipient.email] = Held(
            message.method,
            message.sequence,
            message.entry.facts,
            message.recipient.name,
            message.recipient.language,
            message.recipient.registration_id,
        )
    return sent


def merged(earlier: Sent, later: Sent) -> Sent:
    sent = Sent(dict(earlier.entries), {uid: dict(h) for uid, h in earlier.held.items()})
    sent.entries.update(later.entries)
    for uid, held in later.held.items():
        sent.held.setdefault(uid, {}).update(held)
    return sent


def summary(result: Plan) -> list[tuple[str, str | None, int]]:
    """(reason, the entry's key or None for the meeting, SEQUENCE) of each message."""
    found = [(m.reason.value, m.entry.key, m.sequence) for m in result.messages]
    return sorted(found, key=lambda item: (item[0], item[1] or "", item[2]))


def test_the_first_send_invites_everyone_who_holds_a_seat_at_sequence_0():
    meeting = stored()
    registrations = [registration(1), registration(2, "submitted"), registration(3, "waitlisted")]
    result = plan(meeting, registrations)
    assert summary(result) == [("new", None, 0), ("new", None, 0)]
    assert {m.recipient.email for m in result.messages} == {"d1@example.no", "d2@example.no"}


def test_an_event_with_a_key_goes_to_those_who_chose_it_and_a_session_only_when_asked():
    meeting = stored()
    registrations = [registration(1, chosen=["middag", "spor-a"]), registration(2)]
    assert summary(plan(meeting, registrations)) == [
        ("new", None, 0),
        ("new", None, 0),
        ("new", "middag", 0),
    ]
    with_sessions = plan(meeting, registrations, sessions=True)
    assert ("new", "spor-a", 0) in summary(with_sessions)


def test_sending_again_sends_nothing():
    meeting, registrations = stored(), [registration(1), registration(2)]
    first = plan(meeting, registrations)
    assert plan(meeting, registrations, as_sent(first)).messages == []


def test_a_new_description_is_no_update_and_raises_no_sequence():
    registrations = [registration(1)]
    first = plan(stored(), registrations)
    changed = stored(description="Nytt om parkering.", title="Nytt navn")
    assert plan(changed, registrations, as_sent(first)).messages == []


def test_a_changed_time_updates_each_holder_once_with_sequence_plus_one():
    registrations = [registration(1), registration(2)]
    sent = as_sent(plan(stored(), registrations))
    moved = plan(stored(start="2016-08-26 13:00"), registrations, sent)
    assert summary(moved) == [("update", None, 1), ("update", None, 1)]
    assert {m.changes for m in moved.messages} == {frozenset({Change.TIME})}
    after = merged(sent, as_sent(moved))
    assert plan(stored(start="2016-08-26 13:00"), registrations, after).messages == []
    venue = {"name": "Rådhuset", "city": "Oslo"}
    again = plan(stored(start="2016-08-26 13:00", venue=venue), registrations, after)
    assert summary(again) == [("update", None, 2), ("update", None, 2)]
    assert {m.changes for m in again.messages} == {frozenset({Change.PLACE})}


def test_someone_invited_after_a_change_gets_the_current_sequence():
    sent = as_sent(plan(stored(), [registration(1)]))
    moved = plan(stored(start="2016-08-26 13:00"), [registration(1), registration(2)], sent)
    assert summary(moved) == [("new", None, 1), ("update", None, 1)]


def test_a_cancelled_meeting_cancels_every_entry_for_everyone_who_holds_it():
    registrations = [registration(1, chosen=["middag"]), registration(2)]
    sent = as_sent(plan(stored(), registrations))
    cancelled = plan(stored(status="cancelled"), registrations, sent)
    assert summary(cancelled) == [
        ("cancel", None, 1),
        ("cancel", None, 1),
        ("cancel", "middag", 1),
    ]
    assert {m.method for m in cancelled.messages} == {Method.CANCEL}
    after = merged(sent, as_sent(cancelled))
    assert plan(stored(status="cancelled"), registrations, after).messages == []


def test_someone_who_left_gets_a_cancel_of_their_own_above_what_they_hold():
    sent = as_sent(plan(stored(), [registration(1), registration(2)]))
    left = plan(stored(), [registration(1, "cancelled"), registration(2)], sent)
    assert [(m.reason, m.recipient.email, m.sequence) for m in left.messages] == [
        (Reason.WITHDRAW, "d1@example.no", 1)
    ]
    after = merged(sent, as_sent(left))
    assert plan(stored(), [registration(1, "cancelled"), registration(2)], after).messages == []
    # Back again: a new invitation that outranks the CANCEL they were sent.
    back = plan(stored(), [registration(1), registration(2)], after)
    assert [(m.reason, m.sequence) for m in back.messages] == [(Reason.NEW, 2)]
    # And everyone's next update outranks every SEQUENCE sent so far.
    later = merged(after, as_sent(back))
    moved = plan(stored(start="2016-08-26 13:00"), [registration(1), registration(2)], later)
    assert {m.sequence for m in moved.messages} == {3}


def test_a_removed_registration_and_an_unchosen_event_are_withdrawn():
    registrations = [registration(1, chosen=["middag"]), registration(2)]
    sent = as_sent(plan(stored(), registrations))
    result = plan(stored(), [registration(1, chosen=["middag"])], sent)
    assert [(m.reason, m.recipient.email, m.entry.key) for m in result.messages] == [
        (Reason.WITHDRAW, "d2@example.no", None)
    ]
    assert result.messages[0].recipient.name == "Deltaker 2", "named as the outbox knew them"
    no_dinner = plan(stored(), [registration(1), registration(2)], sent)
    assert [(m.reason, m.entry.key) for m in no_dinner.messages] == [(Reason.WITHDRAW, "middag")]


def test_an_event_the_meeting_no_longer_has_is_cancelled_for_those_who_hold_it():
    registrations = [registration(1, chosen=["middag"])]
    sent = as_sent(plan(stored(), registrations))
    without = plan(stored(events=[]), registrations, sent)
    assert summary(without) == [("cancel", "middag", 1)]
    assert without.messages[0].entry.facts.cancelled


def test_one_address_gets_only_its_own_messages():
    registrations = [registration(1), registration(2)]
    found = people(stored().meeting, registrations, "d2@example.no")
    result = plan_send(
        meeting_entries(stored(), sessions=False), found, Sent(), only="d2@example.no"
    )
    assert [m.recipient.email for m in result.messages] == ["d2@example.no"]


def test_a_waitlisted_holder_is_kept_up_to_date_but_not_withdrawn():
    sent = as_sent(plan(stored(), [registration(1)]))
    waiting = [registration(1, "waitlisted")]
    assert plan(stored(), waiting, sent).messages == []
    moved = plan(stored(start="2016-08-26 13:00"), waiting, sent)
    assert summary(moved) == [("update", None, 1)]


def test_two_registrations_with_one_address_get_one_invitation():
    meeting = stored()
    twice = [registration(1), replace(registration(2), id=2)]
    twice[1] = StoredRegistration(
        2, 1, twice[1].registration.model_copy(update={"person": twice[0].registration.person})
    )
    found = people(meeting.meeting, twice, "all")
    assert [s.reason for s in found.skipped] == ["same_address"]
    assert len(plan(meeting, twice).messages) == 1
