"""What replies do to registrations, through the status machine
(`planner.registrations`): an acceptance moves a registration towards confirmed (the
waiting list when no place is left), a refusal towards declined (cancelled or withdrawn for
someone who had a place or was waiting), "maybe" adds a note, and a reply to a session or an
event is noted. Replies are read and matched by `planner.invitations.replies`; the same
replies imported again change nothing (the machine moves nobody to where they are, and a
note already there is not added again).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from planner.invitations.replies import Answer, Answered, Matched, match, read_replies


@dataclass(frozen=True)
class Done:
    """What one reply did: the registration's status before and after (the same when the
    reply changed nothing), or the note it added."""

    answered: Answered
    before: str
    after: str
    noted: bool = False
    refusal: str = ""
    """Why the status machine would not move it (no place left, already final)."""


@dataclass
class Imported:
    matched: Matched
    done: list[Done] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return sum(1 for d in self.done if d.before != d.after or d.noted)


def import_replies(workspace, source: Path) -> Imported:
    """Read the replies in `source` and apply each person's latest to their registration:
    accepted moves it towards confirmed (waitlisted when no place is left), declined towards
    declined (cancelled or withdrawn for someone who had a place or was waiting), tentative
    adds a note; replies to a session or an event are noted. One transaction per meeting."""
    matched = match(workspace, read_replies(source))
    imported = Imported(matched)
    by_meeting: dict[str, list[Answered]] = {}
    for answered in matched.answered:
        by_meeting.setdefault(answered.slug, []).append(answered)
    for slug, answers in by_meeting.items():
        imported.done += _answer(workspace, slug, answers)
    return imported


ACCEPTING = {
    "invited": ("pending", "confirmed"),
    "pending": ("confirmed",),
    "offered": ("confirmed",),
}
"""The steps through the status machine an acceptance takes, from each status (none from
the others: already confirmed, on the waiting list, or final)."""
DECLINING = {
    "invited": ("declined",),
    "pending": ("declined",),
    "confirmed": ("cancelled",),
    "offered": ("withdrawn",),
    "waitlisted": ("withdrawn",),
}
"""The steps a refusal takes: someone who had a place cancels; someone offered one or on
the waiting list withdraws."""


def _answer(workspace, slug: str, answers: list[Answered]) -> list[Done]:
    from planner.errors import PlannerError
    from planner.model import RegistrationStatus
    from planner.registrations.desk import Desk
    from planner.registrations.outcomes import Outcome

    done: list[Done] = []
    with Desk.open(workspace, slug) as desk:
        outcome = Outcome(applied=True)
        desk.expire_lapsed(outcome)
        for answered in answers:
            entry = desk.find(answered.registration_key)
            before = entry.status.value
            answer = answered.reply.answer
            if answered.entry_kind != "meeting" or answer == Answer.TENTATIVE:
                noted = _note(desk, entry, answered)
                done.append(Done(answered, before, before, noted=noted))
                continue
            steps = (ACCEPTING if answer == Answer.ACCEPTED else DECLINING).get(before, ())
            refusal = ""
            for step in steps:
                try:
                    desk.request(entry, RegistrationStatus(step), outcome)
                except PlannerError as refused:
                    refusal = str(refused)
                    break
            done.append(Done(answered, before, entry.status.value, refusal=refusal))
    return done


def _note(desk, entry, answered: Answered) -> bool:
    """Add a line saying the reply to the registration's notes, unless it is there already
    (the same reply imported again)."""
    from planner.model import Registration

    registration = Registration.model_validate_json(entry.document)
    line = _note_line(answered, desk.meeting)
    notes = registration.notes or ""
    if line in notes.split("\n"):
        return False
    changed = registration.model_copy(update={"notes": f"{notes}\n{line}".strip()})
    desk.edit(entry, changed)
    return True


def _note_line(answered: Answered, meeting) -> str:
    """'2018-10-01: Tentativt svar (Konferansemiddag)', in the meeting's language."""
    from planner.words import say

    reply = answered.reply
    when = f"{reply.stamp:%Y-%m-%d %H:%M} UTC" if reply.stamp else ""
    what = say(f"invitations_replies.answer_{reply.answer.value.lower()}", meeting.language)
    if answered.entry_kind != "meeting":
        entry = _entry_title(meeting, answered.entry_kind, answered.entry_key)
        what = f"{what} ({entry})"
    return f"{when}: {what}" if when else what


def _entry_title(meeting, kind: str, key: str | None) -> str:
    from planner.model import walk_agenda

    if kind == "event":
        for index, event in enumerate(meeting.events):
            if (event.id or str(index + 1)) == key:
                return meeting.text(event.title)
    for _, item in walk_agenda(meeting.agenda):
        if item.id == key and item.title is not None:
            return meeting.text(item.title)
    return key or ""


def report_lines(imported: Imported, language: str | None = None) -> list[str]:
    """What an import did, in the reader's language: each change, then what was not matched."""
    from planner.model.text import printable
    from planner.words import say

    lines = []
    for done in imported.done:
        name = printable(done.answered.name)
        answer = say(
            f"invitations_replies.answer_{done.answered.reply.answer.value.lower()}", language
        )
        if done.refusal:
            lines.append(
                say(
                    "invitations_replies.refused",
                    language,
                    name=name,
                    answer=answer,
                    reason=printable(done.refusal),
                )
            )
        elif done.before != done.after:
            lines.append(
                say(
                    "invitations_replies.moved",
                    language,
                    name=name,
                    answer=answer,
                    before=say(f"registration_status.{done.before}", language),
                    after=say(f"registration_status.{done.after}", language),
                )
            )
        elif done.noted:
            lines.append(say("invitations_replies.noted", language, name=name, answer=answer))
    unchanged = len(imported.done) - imported.changed - sum(1 for d in imported.done if d.refusal)
    if unchanged:
        lines.append(say("invitations_replies.unchanged", language, count=unchanged))
    for reply in imported.matched.unknown_addresses:
        lines.append(
            say(
                "invitations_replies.unknown_address",
                language,
                address=printable(reply.address),
                where=printable(reply.where),
            )
        )
    for reply in imported.matched.unknown_entries:
        lines.append(
            say(
                "invitations_replies.unknown_entry",
                language,
                uid=printable(reply.uid),
                where=printable(reply.where),
            )
        )
    if not (
        imported.done or imported.matched.unknown_addresses or imported.matched.unknown_entries
    ):
        lines.append(say("invitations_replies.none", language))
    return lines
