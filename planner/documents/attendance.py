"""Who comes, as the participant list and the name badges show them.

- **Participants** are the registrations that are confirmed (or, once attendance is
  recorded, attended), grouped by organisation (or by delegation, for a meeting of
  delegations) in the order of the document's language, names sorted the same way.
- **Consent.** A participant who has not agreed to be on the list (`consent.participant_list`)
  is counted and never named, not even by their organisation: the list ends "and 3 more
  participants who are not named".
- **Badges** are for everyone who comes, listed or not, and for the people in the
  programme who have not registered (speakers, chairs), sorted by surname.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from planner.agenda.wording import Wording
from planner.collation import sort_key
from planner.model import Meeting, Registration
from planner.model.agenda import PART_FIELDS
from planner.model.meeting import walk_agenda
from planner.model.text import printable

COMING = frozenset({"confirmed", "attended"})
"""Registration statuses of people who come (by value, so new statuses need no change here)."""


@dataclass(frozen=True, slots=True)
class Participant:
    name: str
    title: str
    organisation: str


@dataclass(frozen=True, slots=True)
class ParticipantGroup:
    name: str
    """The organisation (or delegation); '' for those who named none."""
    participants: tuple[Participant, ...]


@dataclass(frozen=True, slots=True)
class Attendance:
    groups: tuple[ParticipantGroup, ...]
    """The named participants, by organisation."""
    named: int
    unnamed: int
    """Participants who did not agree to be listed: counted, never named."""
    total: int
    badges: tuple[Participant, ...]
    """One per person: participants, then the programme's people who did not register."""


def attendance(meeting: Meeting, registrations: list[Registration], wording: Wording) -> Attendance:
    key = sort_key(wording.language)
    coming = [r for r in registrations if str(r.status.value) in COMING]
    by_delegation = bool(meeting.delegations) and any(r.person.delegation for r in coming)
    groups: dict[str, list[Participant]] = {}
    unnamed = 0
    for registration in coming:
        if not registration.answers.consent.participant_list:
            unnamed += 1
            continue
        participant = _participant(registration, wording)
        person = registration.person
        group = printable(person.delegation or "") if by_delegation else participant.organisation
        groups.setdefault(group, []).append(participant)
    ordered = tuple(
        ParticipantGroup(name, tuple(sorted(people, key=lambda p: key(p.name))))
        for name, people in sorted(groups.items(), key=lambda g: (g[0] == "", key(g[0])))
    )
    named = sum(len(group.participants) for group in ordered)
    return Attendance(
        groups=ordered,
        named=named,
        unnamed=unnamed,
        total=named + unnamed,
        badges=_badges(meeting, coming, wording),
    )


def _participant(registration: Registration, wording: Wording) -> Participant:
    person = registration.person
    return Participant(
        name=printable(person.name),
        title=wording.text(person.title, "") if person.title else "",
        organisation=wording.organisation_name(person.organisation) if person.organisation else "",
    )


def _badges(
    meeting: Meeting, coming: list[Registration], wording: Wording
) -> tuple[Participant, ...]:
    badges = [_participant(r, wording) for r in coming]
    seen = {_folded(badge.name) for badge in badges}
    for key in _programme_people(meeting):
        person = meeting.person(key)
        if person is None or _folded(person.name) in seen:
            continue
        seen.add(_folded(person.name))
        badges.append(
            Participant(
                name=printable(person.name),
                title=wording.text(person.title, "") if person.title else "",
                organisation=(
                    wording.organisation_name(person.organisation) if person.organisation else ""
                ),
            )
        )
    key = sort_key(wording.language)
    return tuple(sorted(badges, key=lambda b: (key(_surname(b.name)), key(b.name))))


def _programme_people(meeting: Meeting) -> list[str]:
    """Keys of everyone who takes a part, in the order they first appear."""
    keys: dict[str, None] = {}
    for field in ("chairs", "day_hosts"):
        for participation in getattr(meeting, field):
            keys.setdefault(participation.who, None)
    for _, item in walk_agenda(meeting.agenda):
        for field in PART_FIELDS.values():
            for participation in getattr(item, field):
                keys.setdefault(participation.who, None)
    return list(keys)


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


def _folded(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()
