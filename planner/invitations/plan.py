"""What a send would send, and to whom: the meeting's entries compared with what each person
was last sent (the outbox), message by message.

- Someone the audience picks who should have an entry and has none gets a REQUEST (new).
- Everyone who holds an entry whose time, place or status changed since their copy gets a
  REQUEST (update) with a higher SEQUENCE, whichever audience was picked: a calendar is
  never left with the old time.
- A cancelled meeting (or an entry the meeting no longer has) goes as a CANCEL with
  STATUS:CANCELLED to everyone who holds it.
- Someone who holds an entry and no longer should (cancelled, withdrawn, expired, removed,
  or no longer signed up for that session) gets a CANCEL of their own invitation.
- Nobody gets what they already have: sending again changes nothing.

SEQUENCE: an entry's stays as it was until its time, place or status changes, then rises by
one. A message must also outrank what its recipient holds, so a CANCEL withdrawing one
person's invitation, and a new invitation after one, go one higher than their last; the
entry keeps the highest SEQUENCE it ever sent, so every later message outranks it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from planner.invitations.entries import Change, Entry, EntryKind, Facts
from planner.invitations.ics import Method
from planner.invitations.recipients import LEAVING, People, Recipient


class Reason(StrEnum):
    NEW = "new"
    UPDATE = "update"
    CANCEL = "cancel"
    """The entry is cancelled, for everyone."""
    WITHDRAW = "withdraw"
    """One person's invitation is withdrawn; the entry goes on."""


@dataclass(frozen=True)
class SentEntry:
    """What the outbox says an entry was last sent as."""

    uid: str
    kind: EntryKind
    key: str | None
    sequence: int
    facts: Facts
    title: dict[str, str]


@dataclass(frozen=True)
class Held:
    """The last message (not failed, not superseded) someone was sent for an entry."""

    method: Method
    sequence: int
    facts: Facts
    name: str
    language: str
    registration_id: int | None

    @property
    def has_it(self) -> bool:
        return self.method == Method.REQUEST


@dataclass
class Sent:
    entries: dict[str, SentEntry] = field(default_factory=dict)
    held: dict[str, dict[str, Held]] = field(default_factory=dict)
    """By UID, then by address."""


@dataclass(frozen=True)
class Planned:
    entry: Entry
    recipient: Recipient
    reason: Reason
    sequence: int
    changes: frozenset[Change] = frozenset()

    @property
    def method(self) -> Method:
        return Method.CANCEL if self.reason in (Reason.CANCEL, Reason.WITHDRAW) else Method.REQUEST


@dataclass(frozen=True)
class Line:
    """One line of a send's summary: "the time of item 3 changed: 212 updates"."""

    reason: Reason
    entry: Entry
    changes: frozenset[Change]
    count: int


@dataclass
class Plan:
    messages: list[Planned]
    entries: list[Entry]
    """Every entry looked at, with the facts its calendars will hold after the send."""
    sequences: dict[str, int]
    """The highest SEQUENCE sent for each entry a message goes out for."""

    def summary(self) -> list[Line]:
        counted = Counter((m.reason, m.entry.uid, m.changes) for m in self.messages)
        entries = {entry.uid: entry for entry in self.entries}
        return [
            Line(reason, entries[uid], changes, count)
            for (reason, uid, changes), count in counted.items()
        ]

    def affected(self) -> int:
        return len({m.recipient.email for m in self.messages})


def plan_send(
    entries: Iterable[Entry], people: People, sent: Sent, *, only: str | None = None
) -> Plan:
    """The messages a send to `people.chosen` makes (`only`: just that address's)."""
    current = {entry.uid: entry for entry in entries}
    for uid, gone in sent.entries.items():
        if uid not in current and not gone.facts.cancelled:
            facts = replace(gone.facts, cancelled=True)
            current[uid] = Entry(uid, gone.kind, gone.key, facts, gone.title)
    messages: list[Planned] = []
    sequences = {}
    for entry in current.values():
        stored = sent.entries.get(entry.uid)
        base = _sequence(entry, stored)
        planned = list(_for_entry(entry, base, people, sent.held.get(entry.uid, {}), only))
        messages += planned
        if planned:
            sequences[entry.uid] = max(m.sequence for m in planned)
    return Plan(messages, list(current.values()), sequences)


def _sequence(entry: Entry, stored: SentEntry | None) -> int:
    if stored is None:
        return 0
    return stored.sequence + (1 if entry.facts.changes_from(stored.facts) else 0)


def _for_entry(
    entry: Entry, base: int, people: People, holders: dict[str, Held], only: str | None
) -> Iterable[Planned]:
    def wanted(email: str) -> bool:
        return only is None or email == only

    if entry.facts.cancelled:
        for email, held in holders.items():
            if held.has_it and wanted(email):
                recipient = people.everyone.get(email) or _former(email, held)
                yield Planned(
                    entry, recipient, Reason.CANCEL, _above(base, held), _changes(entry, held)
                )
        return
    for email, recipient in people.everyone.items():
        if not wanted(email):
            continue
        held = holders.get(email)
        has_it = held is not None and held.has_it
        if recipient.holds(entry):
            if not has_it and email in people.chosen:
                yield Planned(entry, recipient, Reason.NEW, _above(base, held))
            elif has_it and held is not None and held.facts != entry.facts:
                yield Planned(
                    entry, recipient, Reason.UPDATE, _above(base, held), _changes(entry, held)
                )
        elif has_it and held is not None and _withdrawn(recipient, entry):
            yield Planned(entry, recipient, Reason.WITHDRAW, _above(base, held))
        elif has_it and held is not None and held.facts != entry.facts:
            # Holds it and has not left (waiting list, declined): keep the calendar right.
            yield Planned(
                entry, recipient, Reason.UPDATE, _above(base, held), _changes(entry, held)
            )
    for email, held in holders.items():
        if email not in people.everyone and held.has_it and wanted(email):
            yield Planned(entry, _former(email, held), Reason.WITHDRAW, _above(base, held))


def _withdrawn(recipient: Recipient, entry: Entry) -> bool:
    """Whether someone who holds the entry should no longer: they left, or, still coming,
    no longer chose this session or event."""
    return recipient.status in LEAVING or (recipient.holding and not recipient.holds(entry))


def _above(base: int, held: Held | None) -> int:
    """The entry's SEQUENCE, or one above the recipient's when that is as high: a message
    must outrank the copy they hold, or the CANCEL they were sent."""
    if held is None:
        return base
    if held.method == Method.CANCEL:
        return max(base, held.sequence + 1)
    return max(base, held.sequence + (0 if base > held.sequence else 1))


def _changes(entry: Entry, held: Held) -> frozenset[Change]:
    return entry.facts.changes_from(held.facts)


def _former(email: str, held: Held) -> Recipient:
    """Someone whose registration is gone, as their last message named them."""
    return Recipient(
        email=email,
        name=held.name,
        language=held.language,
        status="removed",
        registration_id=None,
    )
