"""Changing registrations, as the command line and the app both do it: add one, change one's
status or many at once, pass freed places on, expire offers that ran out.

Each call is one transaction at the registration desk (`desk.py`): everything it does is
written together with its audit entries, or nothing is. A preview runs the very same steps
and then rolls them back, so what it shows is what applying would do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TypeVar

from planner.errors import PlannerError
from planner.model import Registration
from planner.model import RegistrationStatus as Status
from planner.registrations.desk import Desk, Entry
from planner.registrations.outcomes import Outcome, Skipped
from planner.store import StoredRegistration, Workspace

T = TypeVar("T")


class _Preview(Exception):
    """Carries a preview's outcome out of the transaction it rolls back."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__()
        self.outcome = outcome


def at_desk(
    workspace: Workspace,
    slug: str,
    work: Callable[[Desk, Outcome], None],
    *,
    preview: bool = False,
    now: datetime | None = None,
) -> Outcome:
    """Run `work` at the meeting's desk after expiring the offers that ran out; with
    `preview`, roll everything back and say what it would have done."""
    outcome = Outcome(applied=not preview)
    try:
        with Desk.open(workspace, slug, now) as desk:
            desk.expire_lapsed(outcome)
            work(desk, outcome)
            if preview:
                raise _Preview(outcome)
    except _Preview as previewed:
        return previewed.outcome
    return outcome


def add(
    workspace: Workspace, slug: str, registration: Registration, *, now: datetime | None = None
) -> Outcome:
    """Register someone for a meeting, as invited, pending, confirmed or waitlisted; asked to
    be confirmed when no place is left, they are put on the waiting list (or refused, as the
    meeting says). Times without a zone are read in the meeting's."""
    return at_desk(workspace, slug, lambda desk, outcome: desk.add(registration, outcome), now=now)


def set_status(
    workspace: Workspace,
    slug: str,
    who: str,
    status: Status,
    *,
    preview: bool = False,
    now: datetime | None = None,
) -> Outcome:
    """Move one registration (by key, or by e-mail address) to `status`: refused with the
    reason and what is possible instead when the status machine does not allow it (Refused),
    and put on the waiting list or refused when confirming it finds no place."""
    wanted = Status(status)
    return at_desk(
        workspace,
        slug,
        lambda desk, outcome: desk.request(desk.find(who), wanted, outcome),
        preview=preview,
        now=now,
    )


def set_statuses(
    workspace: Workspace,
    slug: str,
    keys: Sequence[str],
    status: Status,
    *,
    preview: bool = False,
    now: datetime | None = None,
) -> Outcome:
    """Move many registrations to `status` in one transaction, in waiting-list order (the
    highest priority, then the first registered, first): each one the rules refuse is
    skipped with the reason, the others are changed."""

    wanted = Status(status)

    def work(desk: Desk, outcome: Outcome) -> None:
        entries = sorted(
            (desk.find(key) for key in dict.fromkeys(keys)),
            key=lambda e: (-e.priority, e.submitted_at, e.id),
        )
        for entry in entries:
            _try(desk, entry, wanted, outcome)

    return at_desk(workspace, slug, work, preview=preview, now=now)


def _try(desk: Desk, entry: Entry, status: Status, outcome: Outcome) -> None:
    try:
        desk.request(entry, status, outcome)
    except PlannerError as refused:
        reason = refused.args[0] if refused.args else str(refused)
        from planner.words import Words

        words = (
            reason
            if isinstance(reason, Words)
            else Words("registrations_words.text", text=str(reason))
        )
        outcome.skipped.append(Skipped(entry.key, entry.name, words))


def promote(
    workspace: Workspace, slug: str, *, preview: bool = False, now: datetime | None = None
) -> Outcome:
    """Offer every free place to the next on the waiting list who fits (first the offers
    that ran out expire); with `preview`, only say who would get one."""
    return at_desk(
        workspace, slug, lambda desk, outcome: desk.promote(outcome), preview=preview, now=now
    )


def expire_offers(workspace: Workspace, slug: str, *, now: datetime | None = None) -> Outcome:
    """Expire the offers that ran out (their places passed on, if the meeting promotes
    automatically); `Outcome.expired` lists them."""
    return at_desk(workspace, slug, lambda desk, outcome: None, now=now)


def edit(
    workspace: Workspace,
    slug: str,
    key: str,
    registration: Registration,
    expected_version: int,
) -> StoredRegistration:
    """Save changes to a registration opened at `expected_version` (Conflict if someone
    saved it since): its person, answers and notes. Its status changes only by
    `set_status`; saving an unchanged registration writes nothing and keeps its version."""
    saved: list[StoredRegistration] = []

    def work(desk: Desk, outcome: Outcome) -> None:
        entry = desk.find(key)
        if entry.version != expected_version:
            raise desk.stale(entry, expected_version)
        version, stored = desk.edit(entry, registration)
        saved.append(StoredRegistration(entry.id, version, stored))

    at_desk(workspace, slug, work)
    return saved[0]


def if_a_place_frees(workspace: Workspace, slug: str, *, now: datetime | None = None) -> Outcome:
    """What one more free place in the meeting would do: who on the waiting list would be
    offered it (a preview: nothing is written)."""

    def work(desk: Desk, outcome: Outcome) -> None:
        if desk.limits.places is not None:
            desk.limits = replace(desk.limits, places=desk.taken.places + 1)
        desk.promote(outcome)

    return at_desk(workspace, slug, work, preview=True, now=now)
