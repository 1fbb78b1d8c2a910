"""The outbox: every invitation, update and cancellation is stored in the workspace before
it is sent, with its recipient, method, UID, SEQUENCE and the message itself.

    preview(workspace, slug)          what a send would send now, and to whom
    dry_run(workspace, slug, folder)  the same messages as .eml files; the workspace unchanged
    queue(workspace, slug)            store them (queued), with each entry's new SEQUENCE
    requeue(workspace, slug, id)      send a stored message again, byte for byte

Sending what is queued is `planner.invitations.sending`. Queueing is one transaction: the
messages and the SEQUENCE they raise are stored together or not at all, and a send queued
meanwhile by someone else (the plan is made outside the transaction) is noticed and the
plan made again.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planner.errors import BadInput, Conflict, NotFound
from planner.invitations.compose import Composed, Composer
from planner.invitations.email import Mailbox
from planner.invitations.entries import Entry, EntryKind, Facts, meeting_entries
from planner.invitations.ics import Method
from planner.invitations.plan import Held, Plan, Reason, Sent, SentEntry, plan_send
from planner.invitations.recipients import Audience, People, people
from planner.invitations.settings import MailSettings, mail_settings, sender_for
from planner.model import MeetingStatus
from planner.store import StoredMeeting, Workspace
from planner.store import outbox as rows
from planner.store.audit import AuditAction
from planner.store.outbox import OutboxRow, State
from planner.words import Words

_TRIES = 3


@dataclass(frozen=True)
class Options:
    """What a send covers: `to` ("invited", "confirmed", "all" or an address), one entry per
    chosen session too (`sessions`), and, for `cancelled`, the meeting as if cancelled (a
    preview of `planner cancel`)."""

    to: str = Audience.ALL
    sessions: bool = False
    cancelled: bool = False


@dataclass(frozen=True)
class Send:
    """What one send would do: the meeting as read, its plan, and who could not be sent to."""

    meeting: StoredMeeting
    plan: Plan
    people: People
    sender: Mailbox
    seen: tuple[int, int]
    """The meeting's revision and the outbox's last message id when the plan was made."""

    def counts(self) -> dict[Reason, int]:
        found = {reason: 0 for reason in Reason}
        for message in self.plan.messages:
            found[message.reason] += 1
        return found


@dataclass(frozen=True)
class Queued:
    send: Send
    count: int


@dataclass
class DryRun:
    send: Send
    folder: Path
    files: list[Path] = field(default_factory=list)


def preview(
    workspace: Workspace,
    slug: str,
    options: Options = Options(),
    *,
    settings: MailSettings | None = None,
) -> Send:
    """What a send would send now. Reads only."""
    settings = settings or mail_settings()
    stored = workspace.get_meeting(slug)
    if options.cancelled and stored.meeting.status != MeetingStatus.CANCELLED:
        cancelled = stored.meeting.model_copy(update={"status": MeetingStatus.CANCELLED})
        stored = replace(stored, meeting=cancelled)
    registrations = workspace.list_registrations(slug)
    with workspace.reading() as connection:
        sent = sent_state(connection, stored.id)
        seen = (stored.revision, rows.highest_id(connection, stored.id))
    found = people(stored.meeting, registrations, options.to)
    single = options.to not in list(Audience)
    only = next(iter(found.chosen)) if single and found.chosen else None
    plan = plan_send(meeting_entries(stored, sessions=options.sessions), found, sent, only=only)
    organiser = stored.meeting.organiser
    sender = sender_for(settings, organiser.name, _organiser_email(stored))
    return Send(stored, plan, found, sender, seen)


def compose_all(send: Send, *, stamp: datetime | None = None) -> list[Composed]:
    composer = Composer(send.meeting.meeting, send.sender, stamp=stamp)
    return [composer.compose(planned) for planned in send.plan.messages]


def dry_run(
    workspace: Workspace,
    slug: str,
    folder: Path,
    options: Options = Options(),
    *,
    settings: MailSettings | None = None,
) -> DryRun:
    """Write the messages a send would send as .eml files in `folder` (new, or without
    .eml files in it); the workspace is not changed (nothing is queued, no SEQUENCE
    raised)."""
    from planner.invitations.smtp import FolderTransport

    _check_empty(folder)
    send = preview(workspace, slug, options, settings=settings)
    transport = FolderTransport(folder)
    for composed in compose_all(send):
        transport.send(send.sender.address, composed.planned.recipient.email, composed.message)
    return DryRun(send, folder, transport.written)


def queue(
    workspace: Workspace,
    slug: str,
    options: Options = Options(),
    *,
    settings: MailSettings | None = None,
) -> Queued:
    """Store the messages a send makes, queued, and the SEQUENCE each entry reaches."""
    for _ in range(_TRIES):
        send = preview(workspace, slug, options, settings=settings)
        composed = compose_all(send)
        try:
            return Queued(send, _store(workspace, send, composed))
        except _Moved:
            continue
    raise Conflict(Words("invitations_message.busy", slug=slug))


def requeue(workspace: Workspace, slug: str, message_id: int) -> OutboxRow:
    """Queue a stored message again, as it was (same UID, SEQUENCE and bytes): a failed
    one, or a sent one someone says never arrived."""
    stored = workspace.get_meeting(slug)
    now = datetime.now(UTC)
    with workspace.writing() as change:
        found = rows.message_row(change.connection, message_id)
        if found is None or found[1] != stored.id:
            raise NotFound(Words("invitations_message.no_message", id=message_id, slug=slug))
        row = found[0]
        if row.state in (State.QUEUED, State.SENDING):
            return row
        if row.state == State.SUPERSEDED:
            raise Conflict(Words("invitations_message.superseded", id=message_id))
        rows.requeue(change.connection, [message_id], now)
        change.record(
            AuditAction.INVITATIONS_REQUEUED,
            stored.slug,
            f"message {message_id}",
            {"was": row.state.value, "uid": row.uid, "sequence": row.sequence},
        )
    return row


def messages(
    workspace: Workspace, slug: str, *, failed: bool = False, limit: int = 1000
) -> list[OutboxRow]:
    """The meeting's messages, newest first; only the failed ones with `failed`."""
    stored = workspace.get_meeting(slug)
    with workspace.reading() as connection:
        if failed:
            return rows.in_state(connection, stored.id, [State.FAILED], limit=limit)
        return rows.listing(connection, stored.id, limit=limit)


def state_counts(workspace: Workspace, slug: str) -> dict[State, int]:
    stored = workspace.get_meeting(slug)
    with workspace.reading() as connection:
        return rows.counts(connection, stored.id)


def message_bytes(workspace: Workspace, slug: str, message_id: int) -> bytes:
    stored = workspace.get_meeting(slug)
    with workspace.reading() as connection:
        found = rows.message_row(connection, message_id)
        if found is None or found[1] != stored.id:
            raise NotFound(Words("invitations_message.no_message", id=message_id, slug=slug))
        data = rows.message_bytes(connection, message_id)
    assert data is not None
    return data


def _check_empty(folder: Path) -> None:
    try:
        taken = folder.is_dir() and any(folder.glob("*.eml"))
    except OSError:
        taken = False
    if taken:
        raise BadInput(Words("invitations_message.folder_taken", folder=str(folder)))


# -- storing a send ----------------------------------------------------------------------------


class _Moved(Exception):
    """The meeting, its registrations or its outbox changed since the plan was made."""


def _store(workspace: Workspace, send: Send, composed: list[Composed]) -> int:
    from planner.store import meetings

    stored = send.meeting
    now = datetime.now(UTC)
    values = [_message_values(item) for item in composed]
    with workspace.writing() as change:
        connection = change.connection
        row = meetings.find_by_id(connection, stored.id, lock=True)
        if row is None:
            raise NotFound(Words("invitations_message.meeting_gone", slug=stored.slug))
        if (row.revision, rows.highest_id(connection, stored.id)) != send.seen:
            raise _Moved
        for entry in send.plan.entries:
            if entry.uid in send.plan.sequences:
                rows.save_entry(connection, stored.id, _entry_values(entry, send, now))
        count = rows.add_messages(connection, stored.id, values, now)
        if count:
            detail: dict[str, Any] = {r.value: n for r, n in send.counts().items() if n}
            change.record(
                AuditAction.INVITATIONS_QUEUED, stored.slug, f"meeting {stored.slug}", detail
            )
    return count


def _message_values(composed: Composed) -> dict[str, Any]:
    planned = composed.planned
    recipient = planned.recipient
    return {
        "uid": planned.entry.uid,
        "sequence": planned.sequence,
        "method": planned.method.value,
        "reason": planned.reason.value,
        "recipient": recipient.email,
        "recipient_name": recipient.name,
        "language": recipient.language,
        "registration_id": recipient.registration_id,
        "facts": planned.entry.facts.to_json(),
        "message": composed.message,
    }


def _entry_values(entry: Entry, send: Send, now: datetime) -> dict[str, Any]:
    import json

    return {
        "uid": entry.uid,
        "kind": entry.kind.value,
        "key": entry.key,
        "sequence": send.plan.sequences[entry.uid],
        "facts": entry.facts.to_json(),
        "title": json.dumps(entry.title, ensure_ascii=False),
        "updated_at": now,
    }


# -- reading what was sent ---------------------------------------------------------------------


def sent_state(connection, meeting_id: int) -> Sent:
    """What the outbox says each entry and each person was last sent."""
    import json

    sent = Sent()
    for row in rows.entries_of(connection, meeting_id):
        sent.entries[row.uid] = SentEntry(
            row.uid,
            EntryKind(row.kind),
            row.key,
            row.sequence,
            Facts.from_json(row.facts),
            json.loads(row.title),
        )
    for row in rows.held(connection, meeting_id):
        sent.held.setdefault(row.uid, {})[row.recipient] = Held(
            Method(row.method),
            row.sequence,
            Facts.from_json(row.facts),
            row.recipient_name,
            row.language,
            row.registration_id,
        )
    return sent


def _organiser_email(stored: StoredMeeting) -> str | None:
    email = getattr(stored.meeting.organiser, "email", None)
    return str(email) if email else None
