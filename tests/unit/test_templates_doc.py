"""docs/templates.md describes every variable a template sees, and its worked example works."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from planner.documents import attendance, view
from planner.documents.render import render_document
from planner.meeting_files import read_meeting_file
from planner.resources import sample_meeting_files

DOC = Path(__file__).parents[2] / "docs" / "templates.md"
VIEWS = [
    view.MeetingView,
    view.ItemView,
    view.DayView,
    view.PartView,
    view.PersonView,
    view.CaseView,
    view.TopicView,
    view.QuestionView,
    view.LinkView,
    view.EventView,
    view.VenueView,
    view.OrganiserView,
    view.MinutesView,
    view.ItemMinutesView,
    attendance.Attendance,
    attendance.ParticipantGroup,
    attendance.Participant,
]


@pytest.mark.parametrize("kind", VIEWS, ids=lambda kind: kind.__name__)
def test_every_field_of_the_view_is_described(kind):
    text = DOC.read_text(encoding="utf-8")
    missing = [f.name for f in fields(kind) if f"`{f.name}`" not in text]
    assert not missing, f"{kind.__name__}: {missing}"


def test_the_worked_example_renders(tmp_path):
    example = DOC.read_text(encoding="utf-8").split("```jinja\n")[1].split("```")[0]
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "programme.html").write_text(example, encoding="utf-8")
    ks = read_meeting_file(next(p for p in sample_meeting_files() if p.stem.startswith("ks-")))

    html = render_document(ks, "programme", "html", template_folder=tmp_path).content

    assert "Fjordvik kommune · Rådhusgata 1" in html
    assert "Pause med enkel bevertning" not in html
    assert re.search(r"12\.40–12\.52</th>\s*<td>\u2003Bosetting av flyktninger", html)
