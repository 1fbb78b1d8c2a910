"""Test data builders: a minimal valid meeting to vary."""

from __future__ import annotations

import copy
from typing import Any

BASE_MEETING: dict[str, Any] = {
    "slug": "testmote",
    "kind": "dialogue_meeting",
    "title": "Testmøte om integrering",
    "timezone": "Europe/Oslo",
    "start": "2016-08-26 12:30",
    "end": "2016-08-26 16:00",
    "venue": {"name": "KS-huset", "city": "Oslo", "country": "NO"},
    "organiser": {"name": "Sekretariatet", "email": "post@example.no"},
    "people": [
        {"id": "sanner", "name": "Jan Tore Sanner", "title": "kommunal- og moderniseringsminister"},
        {"id": "helgesen", "name": "Gunn Marit Helgesen", "title": "leder i KS"},
    ],
    "topics": [{"id": "arbeid", "title": "Arbeid som nøkkel til integrering"}],
    "agenda": [
        {"kind": "welcome", "title": "Velkommen", "duration": 10, "speakers": ["helgesen"]},
        {"kind": "dialogue", "title": "Rundebordsdialog", "duration": 200},
    ],
}


def meeting_data(**changes: Any) -> dict[str, Any]:
    """A deep copy of BASE_MEETING with top-level fields replaced."""
    data = copy.deepcopy(BASE_MEETING)
    data.update(copy.deepcopy(changes))
    return data


def conference_data(slug: str = "nordisk-integrasjon-2018", **changes: Any) -> dict[str, Any]:
    """A one-day conference with a single item: the least a workspace test needs."""
    data: dict[str, Any] = {
        "slug": slug,
        "kind": "conference",
        "title": "Nordisk integrasjon",
        "organiser": {"name": "Ada Lovelace", "email": "ada@example.org"},
        "venue": {"name": "Oslo kongressenter"},
        "timezone": "Europe/Oslo",
        "start": "2026-03-10 09:00",
        "end": "2026-03-10 16:00",
        "agenda": [{"title": "Velkommen", "duration": 15}],
    }
    data.update(changes)
    return data


def large_meeting_yaml(count: int, slug: str = "stor-konferanse") -> str:
    """The Nordic conference sample as a meeting file with `count` registrations of its own,
    written as text (fast even for 100,000)."""
    from planner.resources import sample_meeting_files

    sample = next(p for p in sample_meeting_files() if p.stem.startswith("nordisk-"))
    head = sample.read_text(encoding="utf-8").split("\nregistrations:")[0]
    head = head.replace("slug: nordisk-integrasjonskonferanse-2018", f"slug: {slug}", 1)
    lines = [head, "registrations:"]
    lines += (
        f"  - {{person: {{name: Deltaker {n}, email: deltaker{n}@example.no}}, "
        "submitted_at: 2018-10-01 09:00}"
        for n in range(count)
    )
    return "\n".join(lines) + "\n"
