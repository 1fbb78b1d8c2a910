"""How registrations are said, the same by the command line and the app: a status, the
places taken, one change of status."""

from __future__ import annotations

from collections.abc import Mapping

from planner.model import Meeting, walk_agenda
from planner.model import RegistrationStatus as Status
from planner.model.text import printable
from planner.registrations.capacity import holding
from planner.registrations.outcomes import Places, Transition
from planner.registrations.status import status_word
from planner.words import Words, say


def item_names(meeting: Meeting) -> dict[str, str]:
    """The titles of the agenda items and events people choose, by key, in the meeting's
    language: what messages and counts name them by."""
    names = {
        item.id: meeting.text(item.title) for _, item in walk_agenda(meeting.agenda) if item.id
    }
    names |= {event.id: meeting.text(event.title) for event in meeting.events if event.id}
    return names


def status_label(status: Status | str, language: str | None = None) -> str:
    """'på venteliste' for waitlisted, in `language` (the current one by default)."""
    return say(f"registration_status.{Status(status).value}", language)


Counts = Mapping[Status, int] | Mapping[str, int]


def taken_and_waiting(counts: Counts, capacity: int | None) -> tuple[str, int]:
    """('12/60', 3): places taken of the meeting's places, and how many wait."""
    by_value = {str(getattr(status, "value", status)): n for status, n in counts.items()}
    taken = sum(n for status, n in by_value.items() if holding([status]))
    text = f"{taken}/{capacity}" if capacity else str(taken)
    return text, by_value.get(Status.WAITLISTED.value, 0)


def registered(counts: Counts, capacity: int | None) -> str:
    """'12/60 (+3)': places taken of the meeting's places, and how many wait."""
    text, waiting = taken_and_waiting(counts, capacity)
    return f"{text} (+{waiting})" if waiting else text


def places_words(places: Places) -> Words:
    """'12 of 60 places taken, 3 waiting'."""
    meeting = places.meeting
    if meeting.places is None:
        return Words(
            "registrations_cli.places_unlimited", taken=meeting.taken, waiting=places.waiting
        )
    return Words(
        "registrations_cli.places",
        taken=meeting.taken,
        places=meeting.places,
        waiting=places.waiting,
    )


def transition_words(change: Transition) -> Words:
    """'Kari Nordmann (3f9a…): påmeldt → bekreftet', with until when an offer is held and
    the reason when there is one."""
    name, key = printable(change.name), change.key
    if change.before is None and change.after is not None:
        line = Words("registrations_cli.added", name=name, key=key, after=status_word(change.after))
    elif change.after is None:
        line = Words("registrations_cli.removed", name=name, key=key)
    else:
        assert change.before is not None
        line = Words(
            "registrations_cli.moved",
            name=name,
            key=key,
            before=status_word(change.before),
            after=status_word(change.after),
        )
    if change.offer_expires_at is not None:
        until = change.offer_expires_at.strftime("%Y-%m-%d %H:%M")
        line = Words("registrations_cli.until", line=line, until=until)
    if change.reason is not None:
        line = Words("registrations_cli.because", line=line, reason=change.reason)
    return line
