"""Sending what is queued, so that a crash loses nothing and sends nothing twice but the one
message whose fate it made unknown.

Each message is claimed (queued -> sending) in a transaction of its own before it is handed
to the server, and marked sent (or failed) in the transaction that claims the next one. So
after a crash, power cut or `kill -9`:

- queued messages are still queued, and are sent by the next run;
- sent messages are marked sent, and are not sent again;
- the one message marked "sending" may or may not have reached the server. The next run
  sends it again, byte for byte: the same UID, SEQUENCE and Message-ID, which calendars
  (and many mail servers) take as the same invitation, not a second one.

A "sending" message belongs to a run on this machine that is no longer running (its process
is gone), or to a run elsewhere that has not touched it for LEASE seconds; a live run's
messages are left alone. Sending is throttled to `[mail] rate` messages a minute; a
temporary refusal (4xx) is tried again after `backoff` seconds, doubling, `retries` times
before the message is marked failed; a permanent refusal (5xx) marks it failed at once.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from planner.invitations.settings import MailSettings
from planner.invitations.smtp import CannotSend, ServerRefused, Transport
from planner.store import Workspace
from planner.store import outbox as rows
from planner.store.audit import AuditAction
from planner.store.outbox import OutboxRow, State

LEASE = timedelta(minutes=15)
"""How long a run elsewhere may hold a message it is sending before it counts as lost."""


@dataclass
class Progress:
    sent: int = 0
    failed: int = 0
    left: int = 0
    again: int = 0
    """Messages whose fate an interrupted run left unknown, sent again."""
    current: str = ""
    """Whom the message being sent now goes to."""
    stopped: bool = False

    @property
    def done(self) -> int:
        return self.sent + self.failed


def send_queued(
    workspace: Workspace,
    slug: str,
    transport: Transport,
    settings: MailSettings,
    *,
    report: Callable[[Progress], None] | None = None,
    stop: threading.Event | None = None,
) -> Progress:
    """Send the meeting's queued messages (and any an interrupted run left unknown) through
    `transport`, reporting progress after each. `stop` ends the run after the message in
    hand; what is left stays queued. CannotSend (server, login or sender refused) stops the
    run and is raised after the message in hand is queued again."""
    stored = workspace.get_meeting(slug)
    stop = stop or threading.Event()
    progress = Progress()
    progress.again = recover(workspace, stored.id)
    progress.left = _queued(workspace, stored.id)
    _tell(report, progress)
    throttle = _Throttle(settings.rate)
    claimant = f"{socket.gethostname()}:{os.getpid()}"
    finished: tuple[int, State, str | None] | None = None
    try:
        while not stop.is_set():
            claimed = _finish_and_claim(workspace, stored.id, finished, claimant)
            finished = None
            if claimed is None:
                break
            row, data = claimed
            progress.current = row.recipient
            throttle.wait(stop)
            try:
                state, error = _deliver(transport, settings, row, data, stop)
            except BaseException:
                _finish_and_claim(workspace, stored.id, (row.id, State.QUEUED, None), None)
                raise
            finished = (row.id, state, error)
            progress.left = max(progress.left - 1, 0)
            if state == State.SENT:
                progress.sent += 1
            elif state == State.FAILED:
                progress.failed += 1
            _tell(report, progress)
    finally:
        if finished is not None:
            _finish_and_claim(workspace, stored.id, finished, None)
        transport.close()
        progress.current = ""
        progress.stopped = stop.is_set()
        progress.left = _queued(workspace, stored.id)
        _record(workspace, stored.slug, progress)
    _tell(report, progress)
    return progress


def recover(workspace: Workspace, meeting_id: int) -> int:
    """Queue again the messages an interrupted run left "sending"; how many."""
    now = datetime.now(UTC)
    with workspace.writing() as change:
        sending = rows.in_state(change.connection, meeting_id, [State.SENDING])
        lost = [row.id for row in sending if _abandoned(row, now)]
        return rows.requeue(change.connection, lost, now) if lost else 0


def _deliver(
    transport: Transport, settings: MailSettings, row: OutboxRow, data: bytes, stop: threading.Event
) -> tuple[State, str | None]:
    """Hand one message to the server, trying again after temporary refusals."""
    sender = _envelope_sender(data)
    wait = settings.backoff
    for attempt in range(settings.retries + 1):
        try:
            transport.send(sender, row.recipient, data)
            return State.SENT, None
        except ServerRefused as refusal:
            if not refusal.temporary:
                return State.FAILED, str(refusal)
            if attempt == settings.retries or stop.wait(wait):
                if stop.is_set() and attempt < settings.retries:
                    return State.QUEUED, str(refusal)
                return State.FAILED, str(refusal)
            wait *= 2
    return State.FAILED, None


def _finish_and_claim(
    workspace: Workspace,
    meeting_id: int,
    finished: tuple[int, State, str | None] | None,
    claimant: str | None,
) -> tuple[OutboxRow, bytes] | None:
    """Record how the last message ended and claim the next, in one transaction."""
    now = datetime.now(UTC)
    with workspace.writing() as change:
        if finished is not None:
            message_id, state, error = finished
            rows.finish(change.connection, message_id, state, now, error=error)
        if claimant is None:
            return None
        return rows.claim_next(change.connection, meeting_id, claimant, now)


def _abandoned(row: OutboxRow, now: datetime) -> bool:
    host, _, pid = (row.claimed_by or "").rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        return not _running(int(pid)) or int(pid) == os.getpid()
    return now - row.updated_at > LEASE


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _queued(workspace: Workspace, meeting_id: int) -> int:
    with workspace.reading() as connection:
        return rows.counts(connection, meeting_id)[State.QUEUED]


def _record(workspace: Workspace, slug: str, progress: Progress) -> None:
    if not (progress.sent or progress.failed):
        return
    with workspace.writing() as change:
        change.record(
            AuditAction.INVITATIONS_SENT,
            slug,
            f"meeting {slug}",
            {"sent": progress.sent, "failed": progress.failed, "left": progress.left},
        )


def _envelope_sender(data: bytes) -> str:
    """The address the stored message is from (its From header)."""
    from email.parser import BytesHeaderParser
    from email.policy import SMTP

    header = BytesHeaderParser(policy=SMTP).parsebytes(data)["From"]
    addresses = getattr(header, "addresses", ())
    if not addresses:
        raise CannotSend(f"a stored message has no sender: {header!r}")
    return addresses[0].addr_spec


def _tell(report: Callable[[Progress], None] | None, progress: Progress) -> None:
    if report is not None:
        report(progress)


class _Throttle:
    """At most `per_minute` messages a minute (0: no limit)."""

    def __init__(self, per_minute: float) -> None:
        self.interval = 60.0 / per_minute if per_minute > 0 else 0.0
        self.next = 0.0

    def wait(self, stop: threading.Event) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if self.next > now:
            stop.wait(self.next - now)
        self.next = max(now, self.next) + self.interval
