"""Merging a meeting file's registrations into those the workspace already holds.

A registration is the same one when it has the same key (written into every exported file).
A registration without a key (typed into a file by hand) is the same as the one stored
registration with its e-mail address, if exactly one has it; otherwise it is new. The file
never silently takes anything away:

- a registration the workspace has and the file does not mention is kept, unless the user
  asks for it to be removed (`remove_missing`);
- a check-in recorded in the workspace (at the door, after the file was exported) is kept
  when the file has none for that registration.

Everything the file holds was validated before the merge; the merge compares stored
documents, so it stays cheap while the workspace is locked.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from planner.model import Registration
from planner.model.clock import named_time
from planner.words import Words


@dataclass(frozen=True, slots=True)
class Held:
    """A registration the workspace holds, as its row tells it."""

    id: int
    version: int
    key: str
    email: str | None
    checked_in_at: datetime | None
    document: str


@dataclass(frozen=True, slots=True)
class Incoming:
    """A registration of the file, with its stored form (`document`) worked out already."""

    registration: Registration
    document: str
    keyed: bool
    """Whether the file gave its key (else a new key was drawn for it)."""


@dataclass(slots=True)
class MergePlan:
    add: list[Incoming] = field(default_factory=list)
    update: list[tuple[Held, Incoming]] = field(default_factory=list)
    unchanged: list[Held] = field(default_factory=list)
    keep: list[Held] = field(default_factory=list)
    remove: list[Held] = field(default_factory=list)
    check_ins_kept: int = 0
    problems: list[tuple[int, Words]] = field(default_factory=list)
    """(index in the file, message) for registrations the file cannot change as it says."""


Restore = Callable[[Registration], Incoming]
"""Works out the stored form of a registration changed by the merge."""


def plan_merge(
    held: Sequence[Held],
    incoming: Sequence[Incoming],
    *,
    remove_missing: bool,
    restore: Restore,
    tz: ZoneInfo | None = None,
) -> MergePlan:
    """What importing `incoming` over `held` adds, updates, keeps and removes; `tz` is the
    meeting's zone, in which problems give their times."""
    by_key = {h.key: h for h in held}
    by_email = _single_by_email(held)
    plan, matched = MergePlan(), set()
    for index, entry in enumerate(incoming):
        key = entry.registration.key
        match = (
            by_key.get(key) if entry.keyed else by_email.get(_fold(entry.registration.person.email))
        )
        if match is None or match.id in matched:
            plan.add.append(entry)
            continue
        matched.add(match.id)
        merged = _merged(match, entry, plan, restore)
        if merged is None:
            plan.problems.append((index, _checked_in_problem(match, entry.registration, tz)))
        elif merged.document == match.document:
            plan.unchanged.append(match)
        else:
            plan.update.append((match, merged))
    for h in held:
        if h.id not in matched:
            (plan.remove if remove_missing else plan.keep).append(h)
    return plan


def _merged(held: Held, entry: Incoming, plan: MergePlan, restore: Restore) -> Incoming | None:
    """The file's registration under the stored key, with the stored check-in if the file
    has none; None when that check-in does not fit the file's status."""
    registration = entry.registration
    update: dict[str, object] = {}
    if registration.key != held.key:
        update["key"] = held.key
    keeps_check_in = registration.checked_in_at is None and held.checked_in_at is not None
    if keeps_check_in:
        update["checked_in_at"] = held.checked_in_at
    if not update:
        return entry
    try:
        changed = Registration.model_validate({**registration.model_dump(), **update})
    except ValidationError:
        return None
    plan.check_ins_kept += keeps_check_in
    return restore(changed)


def _checked_in_problem(held: Held, registration: Registration, tz: ZoneInfo | None) -> Words:
    assert held.checked_in_at is not None
    return Words(
        "import_merge.checked_in",
        name=registration.person.name,
        id=held.id,
        at=named_time(held.checked_in_at, tz),
        status=Words(f"registration_status.{registration.status.value}"),
    )


def _single_by_email(held: Sequence[Held]) -> dict[str, Held]:
    seen: dict[str, Held | None] = {}
    for h in held:
        email = _fold(h.email)
        if email:
            seen[email] = None if email in seen else h
    return {email: h for email, h in seen.items() if h is not None}


def _fold(email: str | None) -> str:
    return unicodedata.normalize("NFC", email).casefold() if email else ""
