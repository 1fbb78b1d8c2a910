"""Places: how many a meeting, each item people sign up for and each delegation has, how many
are taken, and whether one more registration fits.

A registration holding a place (`status.HOLDS_PLACE`) takes one of the meeting's places, one
in each agenda item or event it chose that has a capacity, and one of its delegation's quota
(`RegistrationRules.per_delegation`, or the delegation's own in `quotas`). Nothing here reads
the database: the counts come in as `Taken`, made from the tallies the store keeps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from planner.model import Meeting, Registration, RegistrationRules, walk_agenda
from planner.registrations.status import HOLDS_PLACE
from planner.words import Words


@dataclass(frozen=True)
class Limits:
    """What a meeting has room for."""

    places: int | None
    """The meeting's capacity; None: no limit."""
    items: Mapping[str, int]
    """The capacity of each agenda item and event (by key) that has one."""
    rules: RegistrationRules

    @classmethod
    def of(cls, meeting: Meeting) -> Limits:
        items = {item.id: item.capacity for _, item in walk_agenda(meeting.agenda) if item.id}
        items |= {event.id: event.capacity for event in meeting.events if event.id}
        limited = {key: places for key, places in items.items() if places is not None}
        return cls(meeting.capacity, limited, meeting.registration_rules)

    def quota(self, delegation: str | None) -> int | None:
        return self.rules.quota(delegation)

    @property
    def limited(self) -> bool:
        """Whether anything is limited at all (else nobody need wait)."""
        return (
            self.places is not None
            or bool(self.items)
            or self.rules.per_delegation is not None
            or bool(self.rules.quotas)
        )


@dataclass(frozen=True)
class Wants:
    """What one registration holds when it holds a place."""

    items: tuple[str, ...] = ()
    delegation: str | None = None

    @classmethod
    def of(cls, registration: Registration) -> Wants:
        return cls(tuple(sorted(set(registration.answers.workshops))), registration.delegation)


@dataclass
class Taken:
    """Places held now: in the meeting, per item, per delegation."""

    places: int = 0
    items: Counter[str] = field(default_factory=Counter)
    delegations: Counter[str] = field(default_factory=Counter)

    @classmethod
    def from_tallies(
        cls,
        statuses: Mapping[str, int],
        items: Mapping[tuple[str, str], int] = {},
        delegations: Mapping[tuple[str, str], int] = {},
    ) -> Taken:
        """From the store's tallies: {status: n}, {(item, status): n}, {(delegation,
        status): n}; only the statuses that hold a place count."""
        holding = {status.value for status in HOLDS_PLACE}
        taken = cls(sum(n for status, n in statuses.items() if status in holding))
        for (item, status), n in items.items():
            if status in holding:
                taken.items[item] += n
        for (delegation, status), n in delegations.items():
            if status in holding:
                taken.delegations[delegation] += n
        return taken

    def take(self, wants: Wants, sign: int = 1) -> None:
        self.places += sign
        for item in wants.items:
            self.items[item] += sign
        if wants.delegation:
            self.delegations[wants.delegation] += sign

    def give_back(self, wants: Wants) -> None:
        self.take(wants, -1)


@dataclass(frozen=True)
class Shortage:
    """What has no place left: the meeting, an item (by key) or a delegation."""

    what: str
    """"meeting", "item" or "delegation"."""
    name: str
    places: int
    taken: int

    def words(self, item_names: Mapping[str, str] | None = None) -> Words:
        """'the meeting is full (250 of 250 places taken)'."""
        name = (item_names or {}).get(self.name, self.name)
        return Words(
            f"registrations_full.{self.what}", name=name, places=self.places, taken=self.taken
        )


def shortage(limits: Limits, taken: Taken, wants: Wants) -> Shortage | None:
    """What stops one more registration wanting `wants` from holding a place, or None."""
    if limits.places is not None and taken.places >= limits.places:
        return Shortage("meeting", "", limits.places, taken.places)
    for item in wants.items:
        places = limits.items.get(item)
        if places is not None and taken.items[item] >= places:
            return Shortage("item", item, places, taken.items[item])
    quota = limits.quota(wants.delegation)
    if wants.delegation and quota is not None and taken.delegations[wants.delegation] >= quota:
        return Shortage("delegation", wants.delegation, quota, taken.delegations[wants.delegation])
    return None


def over(limits: Limits, taken: Taken) -> list[Shortage]:
    """Every limit exceeded (never, when every change goes through the rules; a meeting file
    may be imported overbooked, and a capacity lowered below what is taken)."""
    found = []
    if limits.places is not None and taken.places > limits.places:
        found.append(Shortage("meeting", "", limits.places, taken.places))
    for item, places in limits.items.items():
        if taken.items[item] > places:
            found.append(Shortage("item", item, places, taken.items[item]))
    for delegation, n in taken.delegations.items():
        quota = limits.quota(delegation)
        if quota is not None and n > quota:
            found.append(Shortage("delegation", delegation, quota, n))
    return found


def free_places(limits: Limits, taken: Taken) -> int | None:
    """Places left in the meeting; None when it has no limit."""
    return None if limits.places is None else max(0, limits.places - taken.places)


def holding(statuses: Iterable[str]) -> int:
    """How many of these statuses hold a place."""
    held = {status.value for status in HOLDS_PLACE}
    return sum(1 for status in statuses if status in held)
