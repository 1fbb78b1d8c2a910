"""The demo workspace: the sample meetings from agendas/, refreshed beside the user's own.

`make run` (`planner demo --open`) is the newcomer's front door, run again and again. Each run
brings the samples up to date with agendas/, and nothing else changes:

- a meeting the user made in the demo workspace is never touched;
- a sample the user changed (its details, agenda or registrations), or deleted, is left as
  the user left it, and the run says so; `reset=True` (`planner demo --reset`) puts such
  samples back as agendas/ has them, still without touching the user's own meetings.

A sample counts as unchanged while the last entry the audit log holds about it is the
demo's own import: every change to a meeting or its registrations writes an entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from planner.errors import NotFound
from planner.model import MeetingFile
from planner.store import Workspace
from planner.store.audit import AuditAction
from planner.store.records import AuditEntry

SOURCE = "planner demo"
"""How the demo's imports are named in the audit log."""


@dataclass(frozen=True)
class DemoRefresh:
    """What one refresh did, slug by slug."""

    refreshed: list[str] = field(default_factory=list)
    """Samples written as agendas/ has them (added, brought up to date, or reset)."""
    kept: list[str] = field(default_factory=list)
    """Samples the user changed or deleted: left as they are."""
    own: list[str] = field(default_factory=list)
    """The user's own meetings in the demo workspace: never touched."""


def refresh_demo(
    workspace: Workspace, samples: Sequence[MeetingFile], *, reset: bool = False
) -> DemoRefresh:
    """Bring the samples in `workspace` (a demo workspace) up to date with `samples`."""
    slugs = {sample.slug for sample in samples}
    present = {summary.slug for summary in workspace.list_meetings()}
    kept = [] if reset else [s.slug for s in samples if changed_by_user(workspace, s.slug)]
    writing = [sample for sample in samples if sample.slug not in kept]
    workspace.mark_as_demo()
    if writing:
        workspace.import_meetings(
            writing, replace=True, force=True, remove_missing=True, source=SOURCE
        )
    return DemoRefresh(
        refreshed=[sample.slug for sample in writing],
        kept=kept,
        own=sorted(present - slugs),
    )


def changed_by_user(workspace: Workspace, slug: str) -> bool:
    """Whether anyone but the demo changed (or deleted) the sample `slug` since the demo
    last wrote it. A sample never written here is not changed."""
    try:
        entries = workspace.audit_log(meeting_slug=slug, limit=1)
    except NotFound:  # the workspace never had it
        return False
    return bool(entries) and not _demo_wrote(entries[0])


def _demo_wrote(entry: AuditEntry) -> bool:
    imported = entry.action in (AuditAction.MEETING_ADDED, AuditAction.MEETING_REPLACED)
    return imported and entry.detail.get("source") == SOURCE
