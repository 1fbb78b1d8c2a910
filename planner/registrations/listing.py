"""Reading a meeting's registrations without loading them all: one by its key, a page of a
list, the counts per status and against every limit, the waiting list in order, and one
registration's history from the audit log."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Connection

from planner.errors import BadInput, NotFound
from planner.model import Meeting, MeetingFile
from planner.model import RegistrationStatus as Status
from planner.registrations.capacity import Limits, Taken
from planner.registrations.outcomes import Limit, Listed, Places
from planner.registrations.wording import item_names
from planner.search import folded
from planner.store import (
    AuditEntry,
    StoredRegistration,
    Workspace,
    audit,
    conflicts,
    rows,
)
from planner.store import registrations as store
from planner.words import Words

PAGE = 500


@dataclass(frozen=True)
class Reading:
    """A meeting's row as reading needs it."""

    connection: Connection
    id: int
    slug: str
    tz: ZoneInfo
    document: str
    location: str

    @property
    def meeting(self) -> Meeting:
        return rows.read_meeting(self.document, self.slug, self.location)


@contextmanager
def reading(workspace: Workspace, slug: str) -> Iterator[Reading]:
    with workspace.reading() as connection:
        row = conflicts.existing_meeting(connection, slug, workspace.location)
        tz = rows.meeting_zone(row.timezone, row.slug, workspace.location)
        yield Reading(connection, row.id, row.slug, tz, row.document, workspace.location)


def find(workspace: Workspace, slug: str, who: str) -> StoredRegistration:
    """One registration, whole, by its key or (if only one has it) e-mail address."""
    with reading(workspace, slug) as meeting:
        row = _row(meeting, who)
        registration = rows.read_registration(row.document, meeting.tz, row.id, workspace.location)
    return StoredRegistration(row.id, row.version, registration)


def _row(meeting: Reading, who: str) -> Any:
    return find_row(meeting.connection, meeting.id, meeting.slug, who)


def find_row(connection: Connection, meeting_id: int, slug: str, who: str) -> Any:
    """A registration's row (with its document) by its key or, failing that, by an e-mail
    address only it has; NotFound, or BadInput naming the keys when several share it."""
    row = store.find(connection, meeting_id, who.strip())
    if row is not None:
        return row
    if "@" in who:
        found = store.find_by_email(connection, meeting_id, who.strip())
        if len(found) == 1:
            return found[0]
        if found:
            keys = ", ".join(r.key for r in found)
            raise BadInput(
                Words("registrations_refused.email_twice", email=who, count=len(found), keys=keys)
            )
    raise NotFound(Words("registrations_refused.no_registration", who=who, slug=slug))


def page(
    workspace: Workspace,
    slug: str,
    *,
    statuses: Sequence[Status] = (),
    search: str = "",
    after: int = 0,
    limit: int = PAGE,
) -> list[Listed]:
    """Up to `limit` registrations after number `after`, in the order registered; only those
    with one of `statuses`, and whose name, e-mail or organisation holds every word of
    `search` (ignoring case and accents: 'oystein' finds Øystein)."""
    with reading(workspace, slug) as meeting:
        found = store.page(
            meeting.connection,
            meeting.id,
            statuses=[s.value for s in statuses],
            words=folded(search).split(),
            after=after,
            limit=limit,
        )
        return [Listed.of(row, meeting.tz) for row in found]


def listing(
    workspace: Workspace, slug: str, *, statuses: Sequence[Status] = (), search: str = ""
) -> Iterator[Listed]:
    """Every registration that `page` would find, a page at a time."""
    after = 0
    while True:
        found = page(workspace, slug, statuses=statuses, search=search, after=after)
        yield from found
        if len(found) < PAGE:
            return
        after = found[-1].id


def everyone(workspace: Workspace, slug: str) -> list[Listed]:
    """Every registration of the meeting as a list shows it, read in one transaction (the
    app's table builds its index from these once)."""
    with reading(workspace, slug) as meeting:
        return [Listed.of(row, meeting.tz) for row in store.listing(meeting.connection, meeting.id)]


def places(workspace: Workspace, slug: str) -> Places:
    """The meeting's registrations counted per status, and against the meeting's places,
    each item's and each delegation's: from the tallies, never by reading them."""
    with reading(workspace, slug) as meeting:
        return count_places(meeting.connection, meeting.id, meeting.meeting)


def count_places(connection: Connection, meeting_id: int, meeting: Meeting) -> Places:
    return places_from(
        meeting,
        store.status_counts(connection, meeting_id),
        store.tallies(connection, meeting_id, "item"),
        store.tallies(connection, meeting_id, "delegation"),
    )


def places_in_file(meeting: MeetingFile) -> Places:
    """The same counts for a meeting file's own registrations."""
    statuses: Counter[str] = Counter()
    items: Counter[tuple[str, str]] = Counter()
    delegations: Counter[tuple[str, str]] = Counter()
    for registration in meeting.registrations:
        status = registration.status.value
        statuses[status] += 1
        for item in set(registration.answers.workshops):
            items[(item, status)] += 1
        if registration.delegation:
            delegations[(registration.delegation, status)] += 1
    return places_from(meeting, statuses, items, delegations)


def places_from(
    meeting: Meeting,
    statuses: Mapping[str, int],
    items: Mapping[tuple[str, str], int],
    delegations: Mapping[tuple[str, str], int],
) -> Places:
    """Places counted from tallies: {status: n}, {(item, status): n}, {(delegation,
    status): n}."""
    limits = Limits.of(meeting)
    taken = Taken.from_tallies(statuses, items, delegations)
    found = [Limit("meeting", "", limits.places, taken.places)]
    titles = item_names(meeting)
    found += [
        Limit("item", key, n, taken.items[key], titles.get(key, key))
        for key, n in limits.items.items()
    ]
    named = {name for name, _ in delegations} | {g for g in _quota_names(limits)}
    for name in sorted(named):
        quota = limits.quota(name)
        if quota is not None or taken.delegations[name]:
            found.append(Limit("delegation", name, quota, taken.delegations[name]))
    counts = {status: statuses.get(status.value, 0) for status in Status}
    return Places(counts, found)


def _quota_names(limits: Limits) -> list[str]:
    from planner.model.registration import delegation_key

    return [delegation_key(group) for group in limits.rules.quotas]


def waiting_list(workspace: Workspace, slug: str, *, limit: int = 100) -> list[Listed]:
    """The first `limit` on the waiting list, in the order places are offered."""
    with reading(workspace, slug) as meeting:
        found = store.waiting(meeting.connection, meeting.id, Status.WAITLISTED.value, limit=limit)
        return [Listed.of(row, meeting.tz) for row in found]


def history(workspace: Workspace, slug: str, who: str) -> list[AuditEntry]:
    """What happened to one registration, oldest first: added, each status, each undo."""
    with reading(workspace, slug) as meeting:
        row = _row(meeting, who)
        return audit.of_subject(meeting.connection, audit.registration_subject(row.id))
