"""What a send will do and did, in the reader's language: the lines the command line prints
and the Invitations screen shows.

    Item 3 «Spår A»: the time has changed — 212 updates
    The meeting: 6 new invitations
    «Konferensmiddag»: cancelled — 40 cancellations

A line names what it is about first, so no language has to bend a name into a sentence.
"""

from __future__ import annotations

from planner.agenda.schedule import ScheduledItem
from planner.agenda.wording import Wording
from planner.invitations.entries import Change, Entry, EntryKind, text_in
from planner.invitations.plan import Line, Plan, Reason
from planner.invitations.recipients import Skipped
from planner.model import Meeting
from planner.model.text import printable
from planner.words import say

_CHANGES = {
    frozenset({Change.TIME}): "time",
    frozenset({Change.PLACE}): "place",
    frozenset({Change.TIME, Change.PLACE}): "time_place",
}


def summary_lines(plan: Plan, meeting: Meeting, language: str) -> list[str]:
    """One line per entry and kind of message, in the order messages go out."""
    if not plan.messages:
        return [say("invitations_summary.nothing", language)]
    return [line_text(line, meeting, language) for line in plan.summary()]


def line_text(line: Line, meeting: Meeting, language: str) -> str:
    what = entry_name(line.entry, meeting, language)
    count = line.count
    if line.reason == Reason.NEW:
        return f"{what}: {say('invitations_summary.new', language, count=count)}"
    if line.reason == Reason.WITHDRAW:
        return f"{what}: {say('invitations_summary.withdrawn', language, count=count)}"
    if line.reason == Reason.CANCEL:
        told = say("invitations_summary.cancelled", language)
        return f"{what}: {told} — {say('invitations_summary.cancellations', language, count=count)}"
    rest = frozenset(line.changes) - {Change.STATUS}
    change = _CHANGES.get(rest, "time_place") if rest else "status"
    told = say(f"invitations_summary.{change}", language)
    return f"{what}: {told} — {say('invitations_summary.updates', language, count=count)}"


def entry_name(entry: Entry, meeting: Meeting, language: str) -> str:
    """'The meeting', 'Item 3 «Spår A»', '«Konferensmiddag»'."""
    if entry.kind == EntryKind.MEETING:
        return say("invitations_summary.the_meeting", language)
    wording = Wording(meeting, language)
    if isinstance(entry.item, ScheduledItem):
        name = wording.item_name(entry.item)
        return name[:1].upper() + name[1:]
    return wording.quoted(printable(text_in(entry.title, language, meeting.language)))


def skipped_lines(skipped: list[Skipped], language: str) -> list[str]:
    return [
        say(
            f"invitations_summary.skipped_{item.reason}",
            language,
            name=printable(item.name),
            id=item.registration_id,
            detail=printable(item.detail),
        )
        for item in skipped
    ]
