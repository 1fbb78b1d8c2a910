"""Warnings about a meeting's registrations: what `planner check` reports, not errors.

A meeting file with these still reads: someone may really have registered twice with one
address, and a meeting may knowingly be overbooked. The secretariat should look, though.
Each warning is a `Finding` (`planner.model.findings`): the field it concerns, and facts
`planner.agenda.wording` says in the meeting's language. The registrations sit above the
agenda: they take its schedule for the clash check.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from itertools import combinations
from typing import Any

from planner.agenda.schedule import Schedule, ScheduledItem, build_schedule
from planner.model import MeetingFile, Registration
from planner.model.clock import before
from planner.model.findings import CheckForm, DateSpan, EventRef, Finding
from planner.model.problems import format_loc
from planner.registrations.status import GONE, HOLDS_PLACE


def registration_warnings(meeting: MeetingFile, schedule: Schedule | None = None) -> list[Finding]:
    """What looks wrong in the registrations, in the order of the file:

    - a check-in on a day the meeting is not held (in the meeting's own zone);
    - an e-mail address registered twice (ignoring case, and those who will not come:
      declined, expired, cancelled, withdrawn), named at the later registration with the
      place of the earlier one;
    - two chosen sessions that run at the same time;
    - more registrations holding a place (confirmed, offered, attended, no-show) than the
      meeting's capacity, or more choosing a session or event (of those who may come) than
      it has places for.
    """
    schedule = schedule or build_schedule(meeting)
    times = _chosen_times(meeting, schedule)
    findings: list[Finding] = []
    first_with_email: dict[str, str] = {}
    for index, registration in enumerate(meeting.registrations):
        loc = ("registrations", index)
        findings += _check_in_day(meeting, registration, loc)
        findings += _email_twice(registration, loc, first_with_email)
        findings += _clashes(registration, loc, times)
    findings += _over_capacity(meeting, schedule)
    return findings


def _check_in_day(meeting: MeetingFile, registration: Registration, loc: tuple) -> list[Finding]:
    checked_in = registration.checked_in_at
    if checked_in is None:
        return []
    day = checked_in.astimezone(meeting.zone).date()
    first, last = meeting.start_date, meeting.last_date
    if first <= day <= last:
        return []
    span = DateSpan(first, last)
    facts = {"date": day, "dates": span}
    return [Finding(format_loc((*loc, "checked_in_at")), CheckForm.CHECKED_IN_OTHER_DAY, facts)]


def _email_twice(registration: Registration, loc: tuple, seen: dict[str, str]) -> list[Finding]:
    email = registration.person.email
    if not email or registration.status in GONE:
        return []
    where = format_loc((*loc, "person", "email"))
    same = _comparable(email)
    if same not in seen:
        seen[same] = where
        return []
    return [Finding(where, CheckForm.EMAIL_TWICE, {"email": email, "other": seen[same]})]


Chosen = tuple[Any, datetime, datetime]
"""What a registration may choose, with its times: (an item's path or an EventRef, start, end)."""


def _chosen_times(meeting: MeetingFile, schedule: Schedule) -> dict[str, Chosen]:
    times: dict[str, Chosen] = {}
    for entry in schedule.items:
        if entry.item.id and entry.start is not None and _lasts(entry):
            times[entry.item.id] = (entry.path, entry.start, entry.end)  # type: ignore[assignment]
    for index, event in enumerate(meeting.events):
        if event.id and event.end is not None:
            times[event.id] = (EventRef(index), event.start, event.end)
    return times


def _lasts(entry: ScheduledItem) -> bool:
    return entry.end is not None and entry.end != entry.start


def _clashes(registration: Registration, loc: tuple, times: dict[str, Chosen]) -> list[Finding]:
    found = []
    chosen = [key for key in registration.answers.workshops if key in times]
    for first, second in combinations(chosen, 2):
        one, other = times[first], times[second]
        if before(one[1], other[2]) and before(other[1], one[2]):
            latest = max(one[1], other[1], key=lambda moment: moment.timestamp())
            facts = {"item": one[0], "other": other[0], "at": latest}
            where = format_loc((*loc, "answers", "workshops"))
            found.append(Finding(where, CheckForm.PARALLEL_CLASH, facts))
    return found


def _over_capacity(meeting: MeetingFile, schedule: Schedule) -> list[Finding]:
    findings = []
    confirmed = sum(r.status in HOLDS_PLACE for r in meeting.registrations)
    if meeting.capacity is not None and confirmed > meeting.capacity:
        facts = {"count": confirmed, "capacity": meeting.capacity}
        findings.append(Finding("capacity", CheckForm.OVER_CAPACITY, facts))
    counts = _choices(meeting.registrations)
    for entry in schedule.items:
        item = entry.item
        if item.id and item.capacity is not None and counts.get(item.id, 0) > item.capacity:
            facts = {"count": counts[item.id], "item": entry.path, "capacity": item.capacity}
            where = format_loc(_item_loc(entry.path) + ("capacity",))
            findings.append(Finding(where, CheckForm.CHOICE_OVER_CAPACITY, facts))
    for index, event in enumerate(meeting.events):
        if event.id and event.capacity is not None and counts.get(event.id, 0) > event.capacity:
            facts = {"count": counts[event.id], "item": EventRef(index), "capacity": event.capacity}
            findings.append(
                Finding(f"events[{index}].capacity", CheckForm.CHOICE_OVER_CAPACITY, facts)
            )
    return findings


def _choices(registrations: list[Registration]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for registration in registrations:
        if registration.status in GONE:
            continue
        for key in set(registration.answers.workshops):
            counts[key] = counts.get(key, 0) + 1
    return counts


def _item_loc(path: tuple[int, ...]) -> tuple:
    loc: tuple = ("agenda", path[0])
    for index in path[1:]:
        loc += ("items", index)
    return loc


def _comparable(email: str) -> str:
    """The address as compared: NFC-normalised, case folded ("Kari@Example.no" = "kari@…")."""
    return unicodedata.normalize("NFC", email).casefold()
