"""Test data the benchmarks run on, made the same way every time."""

from __future__ import annotations

import random
from pathlib import Path

from planner.meeting_files import read_meeting_file
from planner.model import MeetingFile
from planner.resources import sample_meeting_files
from planner.store import Workspace

NAMES = ["Kari", "Ola", "Øystein", "Åsa", "Ærling", "Matti", "Jón", "Anna", "Liv", "Per"]
FAMILIES = ["Nordmann", "Hansen", "Ås", "Ek", "Ødegård", "Meikäläinen", "Jónsson", "Berg"]


def sample(prefix: str) -> MeetingFile:
    return read_meeting_file(next(p for p in sample_meeting_files() if p.stem.startswith(prefix)))


def workspace_with_registrations(folder: Path, count: int, *, all_confirmed: bool = False) -> Path:
    """A workspace holding the samples, one of them with `count` registrations (of mixed
    statuses, or all confirmed)."""
    path = folder / f"bench-{count}{'-confirmed' if all_confirmed else ''}.sqlite"
    if path.exists():
        return path
    rng = random.Random(20181120)
    meeting = sample("nordisk-")
    registrations = [
        {
            "person": {
                "name": f"{rng.choice(NAMES)} {rng.choice(FAMILIES)} {n}",
                "email": f"deltaker{n}@example.no",
            },
            "status": "confirmed"
            if all_confirmed
            else rng.choice(["submitted", "confirmed", "confirmed", "waitlisted"]),
            "submitted_at": "2018-10-01 09:00",
        }
        for n in range(count)
    ]
    data = meeting.model_dump(exclude={"registrations", "exported"})
    data["capacity"] = count
    big = MeetingFile.model_validate({**data, "registrations": registrations})
    others = [sample(p) for p in ("ks-", "innspillsmote-", "formannskapet-")]
    with Workspace.open(path, "benchmark") as workspace:
        workspace.import_meetings([big, *others])
    return path


def two_day_conference(items: int = 60) -> MeetingFile:
    """A two-day conference with `items` agenda items: blocks with talks, breaks, tracks."""
    data = sample("nordisk-").model_dump(exclude={"registrations", "exported"})
    data.update(slug="tredagers", start="2018-11-20 08:30", end="2018-11-21 16:00", agenda=[])
    per_day = items // 2
    for day in (1, 2):
        for n in range(per_day):
            item = {"title": f"Programpost {day}.{n + 1}", "duration": 10 + n % 4 * 5}
            if n == 0:
                item.update(day=day, start="08:30")
            if n % 7 == 3:
                item["kind"] = "break"
            data["agenda"].append(item)
    return MeetingFile.model_validate(data)


def four_page_programme() -> MeetingFile:
    """The Nordic conference over two days (its programme, then the first six items again
    on the second day): a programme of four A4 pages, with speakers, questions, descriptions
    and parallel tracks."""
    data = sample("nordisk-").model_dump(mode="json", exclude={"registrations", "exported"})
    again = [_without_keys(item) for item in data["agenda"][:6]]
    again[0].update(day=2, start="08:30")
    data.update(slug="to-dagers", end="2018-11-21 16:00", agenda=data["agenda"] + again)
    return MeetingFile.model_validate(data)


def _without_keys(item: dict) -> dict:
    item = {key: value for key, value in item.items() if key != "id"}
    item["questions"] = [
        {key: value for key, value in question.items() if key != "id"}
        for question in item.get("questions", [])
    ]
    item["items"] = [_without_keys(child) for child in item.get("items", [])]
    return item


def confirmed_participants(count: int) -> list:
    """`count` confirmed registrations from 60 municipalities; every tenth has not agreed to
    be on the participant list."""
    from planner.model import Registration

    rng = random.Random(20181120)
    municipalities = [f"Eksempel kommune {n}" for n in range(60)]
    return [
        Registration.model_validate(
            {
                "person": {
                    "name": f"{rng.choice(NAMES)} {rng.choice(FAMILIES)} {n}",
                    "title": "rådgiver",
                    "organisation": rng.choice(municipalities),
                },
                "status": "confirmed",
                "submitted_at": "2018-10-01 09:00",
                "answers": {"consent": {"participant_list": n % 10 != 0}},
            }
        )
        for n in range(count)
    ]


STATUSES = ["pending"] * 8 + ["confirmed"] * 9 + ["waitlisted"] * 2 + ["cancelled"]
"""The mix of a large meeting's registrations: mostly pending and confirmed, some waiting."""
TRACKS = ["spar-a", "spar-b", "spar-c"]


def workspace_by_sql(folder: Path, count: int, *, slug_prefix: str = "nordisk-") -> Path:
    """A workspace holding the samples, one of them with `count` registrations written
    straight into the tables with plain SQL (seconds for 100,000, where an import takes
    minutes): rows, choices and tallies as Planner itself would keep them. Its capacity is
    `count`, so there is room to confirm anyone."""
    import json
    import sqlite3

    from planner.search import folded

    path = folder / f"sql-{count}.sqlite"
    if path.exists():
        return path
    meeting = sample(slug_prefix)
    data = meeting.model_dump(exclude={"registrations", "exported"})
    data["capacity"] = count
    others = [sample(p) for p in ("ks-", "innspillsmote-", "formannskapet-")]
    with Workspace.open(path, "benchmark") as workspace:
        workspace.import_meetings([MeetingFile.model_validate(data), *others])
    rng = random.Random(20181120)
    connection = sqlite3.connect(path)
    try:
        with connection:
            [meeting_id] = connection.execute(
                "SELECT id FROM meetings WHERE slug = ?", (meeting.slug,)
            ).fetchone()
            rows, choices = [], []
            first_id = 1 + (
                connection.execute("SELECT max(id) FROM registrations").fetchone()[0] or 0
            )
            for n in range(count):
                name = f"{rng.choice(NAMES)} {rng.choice(FAMILIES)} {n}"
                email = f"deltaker{n}@example.no"
                organisation = f"Kommune {n % 40}"
                status = rng.choice(STATUSES)
                track = TRACKS[n % 3] if n % 2 else None
                key = f"{n:016x}"
                minute = n % 60
                submitted = (
                    f"2018-{9 + n * 3 // count:02d}-{1 + n % 28:02d} {n % 24:02d}:{minute:02d}"
                )
                document = {
                    "key": key,
                    "person": {"name": name, "email": email, "organisation": organisation},
                    "status": status,
                    "submitted_at": submitted.replace(" ", "T") + ":00+02:00",
                    "answers": {"workshops": [track] if track else []},
                }
                rows.append(
                    (
                        first_id + n, meeting_id, key, 1, status, name, email, organisation,
                        organisation.casefold(), submitted + ":00", 0,
                        folded(f"{name} {email} {organisation}"),
                        json.dumps(document, ensure_ascii=False),
                        "2018-09-01 08:00:00", "2018-09-01 08:00:00",
                    )
                )  # fmt: skip
                if track:
                    choices.append((first_id + n, track, meeting_id))
            connection.executemany(
                "INSERT INTO registrations (id, meeting_id, key, version, status, name, email, "
                "organisation, delegation, submitted_at, priority, search, document, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            connection.executemany(
                "INSERT INTO registration_choices (registration_id, item, meeting_id) "
                "VALUES (?, ?, ?)",
                choices,
            )
    finally:
        connection.close()
    with Workspace.open(path, "benchmark") as workspace, workspace.writing() as change:
        from planner.store import registrations as store

        store.recount(change.connection, meeting_id)
    return path
