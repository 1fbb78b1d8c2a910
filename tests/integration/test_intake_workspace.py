"""Registrations from form exports in a workspace: saved mappings, and (with the
registrations core) applying an import."""

from __future__ import annotations

import pytest

from planner.errors import Conflict, NotFound
from planner.registrations.intake.mapping import map_columns
from planner.store import Workspace


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
