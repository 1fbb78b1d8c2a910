"""The registration desk: one meeting's registrations, locked for changing in one
transaction. Every change of status goes through `Desk.move`, which writes the row, keeps
the tallies, and records the audit entry, so versions, counts and log always agree.

The meeting's row is locked first (`SELECT … FOR UPDATE` on PostgreSQL; SQLite's write
transaction holds the whole file), so two people confirming the last place at the same
moment are served one after the other: the second sees the place taken.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from planner.errors import Conflict, Refused
from planner.model import Meeting, Registration
from planner.model import RegistrationStatus as Status
from planner.model.registration import Promotion, WhenFull
from planner.registrations import status as machine
from planner.registrations.capacity import Limits, Shortage, Taken, Wants, shortage
from planner.registrations.listing import find_row
from planner.registrations.offers import has_lapsed, offer_until
from planner.registrations.outcomes import Outcome, Transition, Why
from planner.registrations.promotion import Candidate, fill_places
from planner.registrations.wording import item_names
from planner.store import Workspace, audit, conflicts, meetings, rows
from planner.store import registrations as store
from planner.store.audit import AuditAction
from planner.store.change import Change
from planner.words import Listed, Words

WAITING_PAGE = 100
"""Registrations read from the waiting list at a time while places are handed out."""


@dataclass(slots=True)
class Entry:
    """A registration at the desk: its row, kept up to date as the desk changes it."""

    id: int
    key: str
    name: str
    version: int
    status: Status
    priority: int
    submitted_at: datetime
    offer_expires_at: datetime | None
    delegation: str | None
    document: str

    @classmethod
    def of(cls, row: Any) -> Entry:
        return cls(
            row.id,
            row.key,
            row.name,
            row.version,
            Status(row.status),
            row.priority,
            row.submitted_at,
            row.offer_expires_at,
            row.delegation,
            row.document,
        )


def new_batch() -> str:
    """What ties the changes of one action together, for undoing them together."""
    return secrets.token_hex(6)


class Desk:
    def __init__(self, change: Change, row: Any, meeting: Meeting, tz: ZoneInfo) -> None:
        self.change = change
        self.connection = change.connection
        self.meeting_id: int = row.id
        self.slug: str = row.slug
        self.meeting = meeting
        self.tz = tz
        self.limits = Limits.of(meeting)
        self.now = change.at
        self.batch = new_batch()
        self.entries = 0
        self.taken = Taken.from_tallies(store.status_counts(self.connection, self.meeting_id))
        self._loaded_items: set[str] = set()
        self._loaded_delegations: set[str] = set()

    @classmethod
    @contextmanager
    def open(cls, workspace: Workspace, slug: str, now: datetime | None = None) -> Iterator[Desk]:
        """The meeting `slug` locked in a write transaction; everything done at the desk
        commits together when the block ends (or nothing, if it raises)."""
        with workspace.writing() as change:
            connection = change.connection
            row = conflicts.existing_meeting(connection, slug, change.location, lock=True)
            tz = rows.meeting_zone(row.timezone, row.slug, change.location)
            meeting = rows.read_meeting(row.document, row.slug, change.location)
            desk = cls(change, row, meeting, tz)
            if now is not None:
                desk.now = now
            yield desk
            if desk.entries:
                meetings.raise_revision(connection, desk.meeting_id, desk.entries)

    # -- finding ---------------------------------------------------------------------------

    def find(self, who: str) -> Entry:
        """A registration by its key or, failing that, by its e-mail address."""
        return Entry.of(find_row(self.connection, self.meeting_id, self.slug, who))

    def waiting(self) -> Iterator[Entry]:
        """The waiting list in the order places are offered, read a page at a time."""
        skip = 0
        while True:
            page = store.waiting(
                self.connection,
                self.meeting_id,
                Status.WAITLISTED.value,
                skip=skip,
                limit=WAITING_PAGE,
            )
            for row in page:
                yield Entry.of(row)
            if len(page) < WAITING_PAGE:
                return
            skip += len(page)

    # -- counting --------------------------------------------------------------------------

    def wants(self, entry: Entry) -> Wants:
        return Wants(tuple(store.choices_of(self.connection, entry.id)), entry.delegation)

    def ready(self, wants: Wants) -> None:
        """Read the counts of the items and delegation `wants` touches, if not read yet."""
        items = [i for i in wants.items if i in self.limits.items and i not in self._loaded_items]
        if items:
            for (item, status), n in store.tallies(
                self.connection, self.meeting_id, "item", items
            ).items():
                if Status(status) in machine.HOLDS_PLACE:
                    self.taken.items[item] += n
            self._loaded_items.update(items)
        delegation = wants.delegation
        if (
            delegation
            and delegation not in self._loaded_delegations
            and self.limits.quota(delegation) is not None
        ):
            for (_, status), n in store.tallies(
                self.connection, self.meeting_id, "delegation", [delegation]
            ).items():
                if Status(status) in machine.HOLDS_PLACE:
                    self.taken.delegations[delegation] += n
            self._loaded_delegations.add(delegation)

    def shortage(self, wants: Wants) -> Shortage | None:
        self.ready(wants)
        return shortage(self.limits, self.taken, wants)

    def item_names(self) -> dict[str, str]:
        return item_names(self.meeting)

    # -- changing --------------------------------------------------------------------------

    def move(
        self,
        entry: Entry,
        after: Status,
        why: str,
        *,
        until: datetime | None = None,
        reason: Words | None = None,
        action: AuditAction = AuditAction.REGISTRATION_STATUS,
        detail: dict[str, Any] | None = None,
    ) -> Transition:
        """Give `entry` the status `after` (no rule is checked here), with its audit entry."""
        before, was_until = entry.status, entry.offer_expires_at
        data = json.loads(entry.document)
        data["status"] = after.value
        data["offer_expires_at"] = until.astimezone(self.tz).isoformat() if until else None
        document = json.dumps(data, ensure_ascii=False)
        holds_before, holds_after = before in machine.HOLDS_PLACE, after in machine.HOLDS_PLACE
        if holds_before != holds_after:
            wants = self.wants(entry)
            self.ready(wants)
            self.taken.take(wants, 1 if holds_after else -1)
        version = store.change_status(
            self.connection,
            entry.id,
            entry.version,
            status=after.value,
            offer_expires_at=until,
            document=document,
            now=self.change.at,
        )
        if version is None:
            raise self.stale(entry, entry.version)
        entry.status, entry.version, entry.document = after, version, document
        entry.offer_expires_at = until
        facts: dict[str, Any] = {
            "batch": self.batch,
            "from": before.value,
            "to": after.value,
            "version": version,
            "why": why,
            **(detail or {}),
        }
        if until is not None:
            facts["until"] = until.isoformat()
        if was_until is not None:
            facts["was_until"] = was_until.isoformat()
        self.record(action, entry.id, facts)
        local_until = until.astimezone(self.tz) if until else None
        return Transition(entry.id, entry.key, entry.name, before, after, why, local_until, reason)

    def stale(self, entry: Entry, expected: int) -> Conflict:
        """Someone changed `entry` since it was read at version `expected`."""
        return conflicts.stale_registration(
            self.connection,
            entry.id,
            entry.name,
            self.slug,
            store.current_version(self.connection, entry.id),
            expected,
            self.tz,
        )

    def check_room(self, name: str, wants: Wants, refusal: str, **values: Any) -> None:
        """Refused (with the label `refusal`, naming `name` and what is full) unless a
        registration wanting `wants` can take a place now."""
        short = self.shortage(wants)
        if short is not None:
            reason = short.words(self.item_names())
            raise Refused(Words(refusal, name=name, reason=reason, **values))

    def record(self, action: AuditAction, registration_id: int, detail: dict[str, Any]) -> None:
        self.change.record(action, self.slug, audit.registration_subject(registration_id), detail)
        self.entries += 1

    def request(self, entry: Entry, wanted: Status, outcome: Outcome) -> None:
        """Move `entry` to `wanted` as the rules allow: refused (Refused) when the status
        cannot follow; when it would take a place none is left of, put on the waiting list
        or refused, as the meeting says. A place freed is passed on if the meeting promotes
        automatically."""
        machine.check_transition(entry.name, entry.status, wanted)
        takes = wanted in machine.HOLDS_PLACE and entry.status not in machine.HOLDS_PLACE
        if takes and (short := self.shortage(self.wants(entry))) is not None:
            reason = short.words(self.item_names())
            can_wait = machine.can_become(entry.status, Status.WAITLISTED)
            if self.limits.rules.when_full == WhenFull.WAITLIST and can_wait:
                outcome.done.append(self.move(entry, Status.WAITLISTED, Why.FULL, reason=reason))
                return
            raise Refused(
                Words(
                    "registrations_refused.no_place",
                    name=entry.name,
                    wanted=machine.status_word(wanted),
                    reason=reason,
                )
            )
        frees = entry.status in machine.HOLDS_PLACE and wanted not in machine.HOLDS_PLACE
        until = None
        if wanted == Status.OFFERED:
            until = offer_until(self.limits.rules, self.now, self.tz)
        outcome.done.append(self.move(entry, wanted, Why.ASKED, until=until))
        if frees:
            self.pass_on(outcome)

    def pass_on(self, outcome: Outcome) -> None:
        """A place freed: promote at once if the meeting says so."""
        if self.limits.rules.promotion == Promotion.AUTOMATIC:
            self.promote(outcome)

    def promote(self, outcome: Outcome) -> None:
        """Offer every free place to the next on the waiting list who fits (or confirm them
        at once, when the meeting holds no offers)."""
        if not self.limits.limited:
            return
        for entry in self._fitting(self._candidates()):
            until = offer_until(self.limits.rules, self.now, self.tz)
            if until is not None:
                outcome.done.append(self.move(entry, Status.OFFERED, Why.PROMOTED, until=until))
                continue
            outcome.done.append(self.move(entry, Status.OFFERED, Why.PROMOTED))
            outcome.done.append(self.move(entry, Status.CONFIRMED, Why.PROMOTED))

    def _candidates(self) -> Iterator[tuple[Entry, Candidate]]:
        for entry in self.waiting():
            wants = self.wants(entry)
            self.ready(wants)
            yield (
                entry,
                Candidate(
                    entry.id, entry.key, entry.name, entry.priority, entry.submitted_at, wants
                ),
            )

    def _fitting(self, pairs: Iterable[tuple[Entry, Candidate]]) -> Iterator[Entry]:
        entries: dict[int, Entry] = {}

        def candidates() -> Iterator[Candidate]:
            for entry, candidate in pairs:
                entries[candidate.id] = entry
                yield candidate

        # fill_places counts each place as taken; move() counts it again, so give it back.
        for candidate in list(fill_places(self.limits, self.taken, candidates())):
            self.taken.give_back(candidate.wants)
            yield entries[candidate.id]

    def expire_lapsed(self, outcome: Outcome) -> None:
        """Offers whose time ran out expire, in their own batch (not undone with the
        action that came after), and their places are passed on if automatic."""
        lapsed = store.lapsed(self.connection, self.meeting_id, Status.OFFERED.value, self.now)
        if not lapsed:
            return
        mine, self.batch = self.batch, new_batch()
        expired = Outcome()
        for row in lapsed:
            entry = Entry.of(row)
            if has_lapsed(entry.offer_expires_at, self.now):
                expired.done.append(self.move(entry, Status.EXPIRED, Why.EXPIRED))
        self.pass_on(expired)
        outcome.expired.extend(expired.done)
        self.batch = mine

    def add(self, registration: Registration, outcome: Outcome) -> int:
        """Add a registration (its key drawn if it has none): as `status.ADDED_AS` allows,
        and into a place only if one is free (else waiting, or refused, as the meeting
        says)."""
        wanted = registration.status
        if wanted not in machine.ADDED_AS:
            raise Refused(
                Words(
                    "registrations_refused.add_as",
                    status=machine.status_word(wanted),
                    possible=Listed((machine.status_word(s) for s in machine.ADDED_AS), style="or"),
                )
            )
        self.check_choices(registration)
        if registration.key is None:
            registration = registration.model_copy(update={"key": rows.new_registration_key()})
        if store.find(self.connection, self.meeting_id, registration.key) is not None:
            raise Refused(
                Words("registrations_refused.key_taken", key=registration.key, slug=self.slug)
            )
        reason = None
        if wanted in machine.HOLDS_PLACE:
            short = self.shortage(Wants.of(registration))
            if short is not None:
                reason = short.words(self.item_names())
                if self.limits.rules.when_full == WhenFull.REFUSE:
                    raise Refused(
                        Words(
                            "registrations_refused.no_place",
                            name=registration.person.name,
                            wanted=machine.status_word(wanted),
                            reason=reason,
                        )
                    )
                registration = registration.model_copy(update={"status": Status.WAITLISTED})
        values, stored = rows.registration_values(registration, self.tz)
        [registration_id] = store.insert_registrations(
            self.connection, self.meeting_id, [values], self.change.at
        )
        if stored.status in machine.HOLDS_PLACE:
            self.taken.take(Wants.of(stored))
        why = Why.FULL if reason is not None else Why.ASKED
        self.record(
            AuditAction.REGISTRATION_ADDED,
            registration_id,
            {"status": stored.status.value, "batch": self.batch, "version": 1, "why": why},
        )
        outcome.done.append(
            Transition(
                registration_id,
                stored.key or "",
                stored.person.name,
                None,
                stored.status,
                why,
                reason=reason,
            )
        )
        return registration_id

    def edit(self, entry: Entry, registration: Registration) -> tuple[int, Registration]:
        """Save changes to a registration's person, answers and notes (its status changes
        only by `request`); its new version and the registration as stored. Choosing other
        items, or moving to another delegation, needs a place there if it holds one."""
        stored = rows.read_registration(entry.document, self.tz, entry.id, self.change.location)
        unchanged = {
            "key": stored.key,
            "status": stored.status,
            "offer_expires_at": stored.offer_expires_at,
        }
        if registration.status != stored.status:
            raise Refused(
                Words(
                    "registrations_refused.status_by_edit",
                    name=entry.name,
                    status=machine.status_word(stored.status),
                )
            )
        self.check_choices(registration)
        values, saved = rows.registration_values(registration.model_copy(update=unchanged), self.tz)
        changed = rows.changed_fields(entry.document, values["document"])
        if not changed:
            return entry.version, saved
        old, new = self.wants(entry), Wants.of(saved)
        if entry.status in machine.HOLDS_PLACE and old != new:
            self.ready(old)
            self.taken.give_back(old)
            self.check_room(entry.name, new, "registrations_refused.no_place_for_change")
            self.taken.take(new)
        version = store.update_registration(
            self.connection, entry.id, values, self.change.at, entry.version
        )
        if version is None:
            raise self.stale(entry, entry.version)
        self.record(
            AuditAction.REGISTRATION_UPDATED,
            entry.id,
            {"fields": changed, "batch": self.batch, "version": version},
        )
        return version, saved

    def check_choices(self, registration: Registration) -> None:
        """Workshop choices must name agenda items or events of the meeting (else the
        meeting could not be exported as a valid meeting file)."""
        if not registration.answers.workshops:
            return
        from planner.errors import InvalidInput, Problem
        from planner.model.meeting import known_tracks, unknown_workshop_choices
        from planner.model.problems import format_loc

        source = Words(
            "store_rows.registration_of", name=registration.person.name, slug=repr(self.slug)
        )
        problems = [
            Problem(source, message, field=format_loc(loc))
            for loc, message in unknown_workshop_choices(registration, known_tracks(self.meeting))
        ]
        if problems:
            raise InvalidInput(problems)
