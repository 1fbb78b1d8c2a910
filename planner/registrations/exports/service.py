"""A meeting's list as a file: what `planner registrations export` and the app's export both
call."""

from __future__ import annotations

from planner.collation import sort_key
from planner.registrations.exports import catering, lists
from planner.registrations.exports.sheets import Sheet, to_csv, to_xlsx
from planner.store import Workspace

LISTS = ("all", "door", "catering", "access", "participants")


def sheet_of(workspace: Workspace, slug: str, which: str) -> Sheet:
    stored = workspace.get_meeting(slug).meeting
    entries = [
        lists.Listed(entry.registration.key or str(entry.id), entry.registration)
        for entry in workspace.list_registrations(slug)
    ]
    key = sort_key(stored.language)
    zone = stored.zone
    if which == "door":
        return lists.door_list(stored, entries, key, zone)
    if which == "catering":
        return catering.catering(stored, entries)
    if which == "access":
        return lists.access_list(stored, entries, key)
    if which == "participants":
        return lists.participant_list(stored, entries, key)
    return lists.all_registrations(stored, entries, zone)


def export_list(
    workspace: Workspace, slug: str, which: str, file_format: str, *, delimiter: str = ";"
) -> bytes:
    sheet = sheet_of(workspace, slug, which)
    return to_xlsx([sheet]) if file_format == "xlsx" else to_csv(sheet, delimiter)
