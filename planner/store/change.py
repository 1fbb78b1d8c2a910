"""A write transaction as the store's modules see it: the connection, who is changing the
workspace, where, and when; and the one way to record what they changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Connection

from planner.store import audit
from planner.store.audit import AuditAction


@dataclass(frozen=True, slots=True)
class Change:
    connection: Connection
    actor: str
    location: str
    at: datetime

    def record(
        self, action: AuditAction, meeting_slug: str | None, subject: str, detail: dict[str, Any]
    ) -> None:
        audit.record(
            self.connection,
            at=self.at,
            actor=self.actor,
            action=action,
            meeting_slug=meeting_slug,
            subject=subject,
            detail=detail,
        )
