"""Registrations from form exports in a workspace: saved mappings, and (with the
registrations core) applying an import."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner import registrations
from planner.errors import Conflict, NotFound, Refused
from planner.model import MeetingFile
from planner.model import RegistrationStatus as Status
from planner.registrations.intake import importing
from planner.registrations.intake.importing import UndecidedDuplicates
from planner.registrations.intake.mapping import map_columns
from planner.registrations.intake.plan import Decision
from planner.store import Workspace
from tests import intake_files as files
from tests.factories import conference_data


@pytest.fixture
def workspace(tmp_path):
    with Workspace.open(tmp_path / "planner.sqlite", "ada") as opened:
        yield opened


def test_a_saved_mapping_reads_next_years_export_the_same_way(workspace):
    mapping = map_columns(["Navn", "E-post", "Hvem er du?"]).with_target(2, "title")
    workspace.save_mapping("Årskonferansen", mapping.saved_form(), mapping.preset)

    saved = workspace.get_mapping("Årskonferansen")
    again = map_columns(["Navn", "E-post", "Hvem er du?"], saved=saved.columns)
    assert [c.target for c in again.columns] == ["name", "email", "title"]
    assert saved.saved_by == "ada"
    assert [m.name for m in workspace.list_mappings()] == ["Årskonferansen"]


def test_saving_over_a_mapping_needs_replace_and_deleting_a_missing_one_says_which_exist(
    workspace,
):
    workspace.save_mapping("skjema", {"Navn": "name"}, None)
    with pytest.raises(Conflict, match="already in the workspace"):
        workspace.save_mapping("skjema", {"Navn": "ignore"}, None)
    workspace.save_mapping("skjema", {"Navn": "name", "E-post": "email"}, None, replace=True)
    assert workspace.get_mapping("skjema").columns == {"Navn": "name", "E-post": "email"}

    with pytest.raises(NotFound, match=r"skjemma .*\(saved: skjema\)"):
        workspace.delete_mapping("skjemma")
    workspace.delete_mapping("skjema")
    assert workspace.list_mappings() == []
    actions = [entry.action for entry in workspace.audit_log()]
    assert actions == ["mapping.deleted", "mapping.saved", "mapping.saved"]


# -- applying an import ----------------------------------------------------------------------


SLUG = "nordisk-integrasjon-2018"


@pytest.fixture
def meeting(workspace):
    workspace.import_meetings([MeetingFile.model_validate(conference_data())])
    return SLUG


def _file(tmp_path: Path, data: bytes, name: str = "svar.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _emails(workspace) -> list[str]:
    return sorted(s.registration.person.email for s in workspace.list_registrations(SLUG))


def test_an_import_lands_every_accepted_row_with_its_submission_time(workspace, meeting, tmp_path):
    path = _file(tmp_path, files.google_forms_norwegian())
    prepared = importing.prepare(workspace, meeting, path)
    plan = importing.dry_run(workspace, meeting, prepared)
    assert workspace.list_registrations(meeting) == []
    importing.apply(workspace, meeting, prepared, approved=plan)
    stored = {
        s.registration.person.name: s.registration for s in workspace.list_registrations(SLUG)
    }
    assert set(stored) == {"Øystein Løvås", "Bjørn Dæhlie"}
    assert stored["Øystein Løvås"].submitted_at.isoformat() == "2026-02-05T14:03:22+01:00"
    assert stored["Øystein Løvås"].source == "import"
    [entry, *_] = workspace.audit_log(meeting_slug=SLUG)
    assert entry.action == "registrations.imported"
    assert entry.detail == {"source": "svar.csv", "new": 2, "statuses": {"pending": 2}}
    assert registrations.places(workspace, SLUG).counts[Status.PENDING] == 2


def test_importing_the_same_file_again_writes_nothing(workspace, meeting, tmp_path):
    path = _file(tmp_path, files.nettskjema())
    importing.apply(workspace, meeting, importing.prepare(workspace, meeting, path))
    revision = workspace.get_meeting(SLUG).revision
    plan = importing.apply(workspace, meeting, importing.prepare(workspace, meeting, path))
    assert plan.counts["unchanged"] == 2 and not plan.changes_anything
    assert workspace.get_meeting(SLUG).revision == revision
    assert len(workspace.list_registrations(SLUG)) == 2


def test_undecided_likely_duplicates_import_nothing_until_decided(workspace, meeting, tmp_path):
    data = files.csv_text([
        ["Navn", "E-post", "Organisasjon"],
        ["Øystein Løvås", "oystein@fjordvik.no", "Fjordvik kommune"],
        ["Oystein Lovas", "o.lovas@gmail.com", "Fjordvik kommune"],
    ]).encode()  # fmt: skip
    prepared = importing.prepare(workspace, meeting, _file(tmp_path, data))
    with pytest.raises(UndecidedDuplicates, match="row 3"):
        importing.apply(workspace, meeting, prepared)
    assert workspace.list_registrations(SLUG) == []
    importing.apply(workspace, meeting, prepared, {3: Decision.SKIP})
    assert _emails(workspace) == ["oystein@fjordvik.no"]


def test_a_registration_added_since_the_dry_run_refuses_the_import(workspace, meeting, tmp_path):
    prepared = importing.prepare(
        workspace, meeting, _file(tmp_path, files.google_forms_norwegian())
    )
    plan = importing.dry_run(workspace, meeting, prepared)
    bjorn = next(
        row.registration for row in plan.rows if row.registration.person.name.startswith("Bj")
    )
    registrations.add(workspace, SLUG, bjorn.model_copy(update={"key": None}))
    with pytest.raises(Conflict, match="changed since the dry run"):
        importing.apply(workspace, meeting, prepared, approved=plan)
    assert _emails(workspace) == ["bjorn@ks.no"]


def test_a_failure_halfway_through_the_write_leaves_nothing_written(
    workspace, meeting, tmp_path, monkeypatch
):
    from planner.store import registrations as rows

    path = _file(tmp_path, files.nettskjema())
    importing.apply(workspace, meeting, importing.prepare(workspace, meeting, path))
    changed = files.nettskjema().replace(b"nei", b"Vegetar")
    added = files.csv_text([["9", "2026-02-04 10:00", "Ny Person", "ny@x.no", "X", "", ""]])
    prepared = importing.prepare(workspace, meeting, _file(tmp_path, changed + added.encode()))

    def broken(*args, **kwargs):
        raise OSError("the disk went away")

    monkeypatch.setattr(rows, "update_registration", broken)
    with pytest.raises(OSError):
        importing.apply(workspace, meeting, prepared)
    assert _emails(workspace) == ["ase.odegard@fjordvik.kommune.no", "gudrun@samband.is"]


PRE_APPROVED = files.csv_text([
    ["Navn", "E-post", "Organisasjon", "Tidsstämpel"],
    ["Sigríður Jónsdóttir", "sigga@samband.is", "Samband", "2026-02-03 10:00"],
    ["Åsa Öberg", "asa@skr.se", "SKR", "2026-02-01 09:00"],
    ["Jens Ærø", "jens@kl.dk", "KL", "2026-02-02 12:00"],
]).encode()  # fmt: skip


@pytest.mark.parametrize(("when_full", "rest"), [("waitlist", "waitlisted"), ("refuse", "pending")])
def test_a_pre_approved_list_is_confirmed_only_while_places_are_free(
    workspace, tmp_path, when_full, rest
):
    data = conference_data(capacity=2, registration_rules={"when_full": when_full})
    workspace.import_meetings([MeetingFile.model_validate(data)])
    path = _file(tmp_path, PRE_APPROVED)
    prepared = importing.prepare(workspace, SLUG, path, status="confirmed")
    plan = importing.dry_run(workspace, SLUG, prepared)
    said = {row.registration.person.name: row.registration.status for row in plan.rows}
    assert said == {"Åsa Öberg": "confirmed", "Jens Ærø": "confirmed", "Sigríður Jónsdóttir": rest}
    [late] = [row for row in plan.rows if row.reason is not None]
    assert str(late.reason) == "the meeting is full (2 of 2 places taken)"

    importing.apply(workspace, SLUG, prepared, approved=plan)
    stored = {r.name: r.status for r in registrations.everyone(workspace, SLUG)}
    assert stored == said
    counts = registrations.places(workspace, SLUG).counts
    assert (counts[Status.CONFIRMED], counts[Status(rest)]) == (2, 1)


def test_the_waiting_list_keeps_the_order_the_form_received_them(workspace, tmp_path):
    workspace.import_meetings([MeetingFile.model_validate(conference_data(capacity=1))])
    path = _file(tmp_path, PRE_APPROVED)
    importing.apply(workspace, SLUG, importing.prepare(workspace, SLUG, path, status="waitlisted"))
    waiting = [r.name for r in registrations.waiting_list(workspace, SLUG)]
    assert waiting == ["Åsa Öberg", "Jens Ærø", "Sigríður Jónsdóttir"]
    promoted = registrations.promote(workspace, SLUG)
    assert [(t.name, t.after) for t in promoted.done] == [("Åsa Öberg", Status.OFFERED)]


def test_an_import_cannot_bring_registrations_in_as_attended(workspace, tmp_path):
    workspace.import_meetings([MeetingFile.model_validate(conference_data())])
    with pytest.raises(Refused, match="add it as invited, pending, confirmed or waitlisted"):
        importing.prepare(workspace, SLUG, _file(tmp_path, PRE_APPROVED), status="attended")
