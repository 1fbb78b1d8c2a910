"""An "add to calendar" file for a web page or a newsletter: the meeting as METHOD:PUBLISH,
with no attendees, the same UID and SEQUENCE the invitations carry (so a calendar that has
both keeps one entry)."""

from __future__ import annotations

from planner.invitations.compose import Composer
from planner.invitations.entries import meeting_entries
from planner.invitations.outbox import sent_state
from planner.invitations.settings import MailSettings, mail_settings, sender_for
from planner.store import Workspace


def published_calendar(
    workspace: Workspace,
    slug: str,
    *,
    language: str | None = None,
    settings: MailSettings | None = None,
) -> bytes:
    settings = settings or mail_settings()
    stored = workspace.get_meeting(slug)
    meeting = stored.meeting
    [entry] = [e for e in meeting_entries(stored, sessions=False) if e.key is None]
    with workspace.reading() as connection:
        known = sent_state(connection, stored.id).entries.get(entry.uid)
    sequence = 0
    if known is not None:
        sequence = known.sequence + (1 if entry.facts.changes_from(known.facts) else 0)
    email = str(meeting.organiser.email) if meeting.organiser.email else None
    sender = sender_for(settings, meeting.organiser.name, email)
    return Composer(meeting, sender).published(entry, language or meeting.language, sequence)
