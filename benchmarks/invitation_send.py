"""1,000 invitations through the outbox to a local SMTP server (aiosmtpd on 127.0.0.1), each
stored before it is sent and marked after: messages per second. Reference: the same 1,000
messages handed to the same server by smtplib on one connection, with no outbox (the
floor the outbox's bookkeeping adds to)."""

from __future__ import annotations

import smtplib
import time
from pathlib import Path

from benchmarks.measure import Result, repeat
from benchmarks.workloads import workspace_with_registrations
from planner.invitations import outbox, sending
from planner.invitations.settings import MailSettings
from planner.invitations.smtp import SmtpTransport
from planner.store import Workspace
from planner.store import outbox as rows
from tests.smtp_server import LocalServer

BUDGET = 20.0
"""Seconds for 1,000 messages: 50 a second, well above what mail servers let a sender send."""
COUNT = 1_000
SLUG = "nordisk-integrasjonskonferanse-2018"


def _fresh(folder: Path, run: int, count: int) -> Path:
    """A copy of the workspace with `count` confirmed registrations and nothing sent yet."""
    original = workspace_with_registrations(folder, count, all_confirmed=True)
    copy = folder / f"send-{run}.sqlite"
    copy.write_bytes(original.read_bytes())
    return copy


def run(folder: Path, times: int = 3, count: int = COUNT) -> Result:
    with LocalServer() as server:
        settings = MailSettings(
            sender=None, host="127.0.0.1", port=server.port, security="none", rate=0, timeout=10
        )
        counter = iter(range(1_000_000))
        sent_messages: list[bytes] = []

        def send_through_outbox() -> float:
            location = _fresh(folder, next(counter), count)
            with Workspace.open(location, "benchmark") as workspace:
                queued = outbox.queue(workspace, SLUG, outbox.Options(to="all"), settings=settings)
                with workspace.reading() as connection:
                    meeting_id = workspace.get_meeting(SLUG).id
                    listed = rows.in_state(connection, meeting_id, [rows.State.QUEUED])
                    sent_messages[:] = [
                        rows.message_bytes(connection, row.id) or b"" for row in listed
                    ]
                server.mailroom.clear()
                begun = time.perf_counter()
                progress = sending.send_queued(
                    workspace, SLUG, SmtpTransport(settings, None), settings
                )
                elapsed = time.perf_counter() - begun
                assert progress.sent == queued.count == count, (progress, queued.count)
                return elapsed

        def send_plainly() -> float:
            server.mailroom.clear()
            begun = time.perf_counter()
            with smtplib.SMTP("127.0.0.1", server.port, timeout=10) as connection:
                for data in sent_messages:
                    connection.sendmail("integration@norden.org", ["x@example.no"], data)
            return time.perf_counter() - begun

        measured = repeat(send_through_outbox, times, warmup=0)
        reference = repeat(send_plainly, times, warmup=0)
    rate = count / measured.median
    return Result(
        workload=f"{count:,} invitations sent through the outbox to a local SMTP server",
        budget=f"{BUDGET:.0f} s",
        measured=measured,
        reference=reference,
        reference_name="the same messages by smtplib alone, no outbox",
        within_budget=measured.median <= BUDGET,
        note=f"{rate:,.0f} messages/s",
    )
