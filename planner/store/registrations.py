"""The registrations table and what is kept beside it: rows found, added, changed and removed.
No rules here.

A registration is found by its id (never reused) and, within its meeting, by its key (stable
across export and import). Every write also keeps `registration_choices` (the items each
registration chose) and `registration_tallies` (how many registrations have each status,
overall, per item and per delegation) in step, so counting reads a few rows whatever the
meeting's size. Which statuses hold a place is the rules' business
(`planner.registrations.status`); the tallies count every status.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.engine import Connection, Row

from planner.store.schema import meetings, registration_choices, registration_tallies, registrations

CHUNK = 500
"""Ids per statement when many rows are named at once (SQLite allows 32,766 parameters)."""

LISTED = (
    registrations.c.id,
    registrations.c.meeting_id,
    registrations.c.key,
    registrations.c.version,
    registrations.c.status,
    registrations.c.name,
    registrations.c.email,
    registrations.c.organisation,
    registrations.c.delegation,
    registrations.c.submitted_at,
    registrations.c.priority,
    registrations.c.offer_expires_at,
    registrations.c.checked_in_at,
    registrations.c.search,
)
"""The columns a list shows: everything but the document, which is read only when needed."""

Tally = tuple[int, str, str, str]
"""(meeting id, kind, name, status): what one tally counts."""


# -- finding -------------------------------------------------------------------------------


def of_meeting(connection: Connection, meeting_id: int) -> list[Row[Any]]:
    """The meeting's registrations in the order they were registered, with their documents
    (for export and merging: everything, once)."""
    return connection.execute(
        select(
            registrations.c.id,
            registrations.c.key,
            registrations.c.version,
            registrations.c.email,
            registrations.c.checked_in_at,
            registrations.c.document,
        )
        .where(registrations.c.meeting_id == meeting_id)
        .order_by(registrations.c.id)
    ).all()


def documents(
    connection: Connection, meeting_id: int, *, batch: int = 2000
) -> Iterator[tuple[int, str]]:
    """The meeting's registrations' ids and stored documents in the order they were
    registered, read in batches."""
    last = 0
    while True:
        found = connection.execute(
            select(registrations.c.id, registrations.c.document)
            .where(registrations.c.meeting_id == meeting_id, registrations.c.id > last)
            .order_by(registrations.c.id)
            .limit(batch)
        ).all()
        if not found:
            return
        for row in found:
            yield row.id, row.document
        last = found[-1].id


def find(
    connection: Connection, meeting_id: int, key: str, *, lock: bool = False
) -> Row[Any] | None:
    """One registration of the meeting by its key, with its document."""
    query = select(*LISTED, registrations.c.document).where(
        registrations.c.meeting_id == meeting_id, registrations.c.key == key
    )
    return connection.execute(query.with_for_update() if lock else query).one_or_none()


def find_by_id(connection: Connection, registration_id: int, *, lock: bool = False):
    query = select(*LISTED, registrations.c.document).where(registrations.c.id == registration_id)
    return connection.execute(query.with_for_update() if lock else query).one_or_none()


def find_by_email(connection: Connection, meeting_id: int, email: str) -> list[Row[Any]]:
    """The meeting's registrations with this address (stored lower-cased), oldest first."""
    return connection.execute(
        select(*LISTED, registrations.c.document)
        .where(registrations.c.meeting_id == meeting_id, registrations.c.email == email.lower())
        .order_by(registrations.c.id)
    ).all()


def with_meeting(connection: Connection, registration_id: int, *, lock: bool = False):
    """A registration's row together with its meeting's id, slug, zone and document."""
    query = (
        select(
            registrations.c.id,
            registrations.c.version,
            registrations.c.name,
            registrations.c.document,
            meetings.c.id.label("meeting_id"),
            meetings.c.slug,
            meetings.c.timezone,
            meetings.c.document.label("meeting_document"),
        )
        .join(meetings, registrations.c.meeting_id == meetings.c.id)
        .where(registrations.c.id == registration_id)
    )
    return connection.execute(query.with_for_update() if lock else query).one_or_none()


def page(
    connection: Connection,
    meeting_id: int,
    *,
    statuses: Sequence[str] = (),
    words: Sequence[str] = (),
    after: int = 0,
    limit: int = 500,
) -> list[Row[Any]]:
    """Up to `limit` registrations after id `after`, in the order registered; only those
    with one of `statuses`, and whose folded search text holds every one of `words` (already
    folded, see planner.search)."""
    query = select(*LISTED).where(
        registrations.c.meeting_id == meeting_id, registrations.c.id > after
    )
    if statuses:
        query = query.where(registrations.c.status.in_(list(statuses)))
    for word in words:
        query = query.where(registrations.c.search.contains(word, autoescape=True))
    return connection.execute(query.order_by(registrations.c.id).limit(limit)).all()


def listing(connection: Connection, meeting_id: int, *, batch: int = 5000) -> Iterator[Row[Any]]:
    """Every registration of the meeting as a list shows it (no documents), in batches."""
    after = 0
    while True:
        found = page(connection, meeting_id, after=after, limit=batch)
        yield from found
        if len(found) < batch:
            return
        after = found[-1].id


def waiting(
    connection: Connection, meeting_id: int, status: str, *, skip: int = 0, limit: int = 100
) -> list[Row[Any]]:
    """Registrations with `status` in waiting-list order: the highest priority first, then
    the earliest submitted (then the lowest id), through the index made for it."""
    return connection.execute(
        select(*LISTED, registrations.c.document)
        .where(registrations.c.meeting_id == meeting_id, registrations.c.status == status)
        .order_by(registrations.c.priority.desc(), registrations.c.submitted_at, registrations.c.id)
        .offset(skip)
        .limit(limit)
    ).all()


def lapsed(
    connection: Connection, meeting_id: int, status: str, moment: datetime
) -> list[Row[Any]]:
    """Registrations with `status` whose offer ran out at or before `moment`."""
    return connection.execute(
        select(*LISTED, registrations.c.document)
        .where(
            registrations.c.meeting_id == meeting_id,
            registrations.c.status == status,
            registrations.c.offer_expires_at <= moment,
        )
        .order_by(registrations.c.offer_expires_at, registrations.c.id)
    ).all()


def choices_of(connection: Connection, registration_id: int) -> list[str]:
    return list(
        connection.execute(
            select(registration_choices.c.item)
            .where(registration_choices.c.registration_id == registration_id)
            .order_by(registration_choices.c.item)
        ).scalars()
    )


def current_version(connection: Connection, registration_id: int) -> int | None:
    return connection.execute(
        select(registrations.c.version).where(registrations.c.id == registration_id)
    ).scalar_one_or_none()


def highest_id_ever(connection: Connection) -> int:
    """The highest registration id the workspace ever handed out (ids are never reused, so
    a lower id that is missing belonged to a registration since removed)."""
    if connection.dialect.name == "sqlite":
        query = "SELECT seq FROM sqlite_sequence WHERE name = 'registrations'"
    else:
        query = "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM registrations_id_seq"
    return connection.execute(text(query)).scalar() or 0


# -- counting ------------------------------------------------------------------------------


def tallies(
    connection: Connection, meeting_id: int, kind: str, names: Iterable[str] | None = None
) -> dict[tuple[str, str], int]:
    """{(name, status): count} of one kind of tally ("status", "item" or "delegation");
    only for `names` when given."""
    query = select(
        registration_tallies.c.name, registration_tallies.c.status, registration_tallies.c.count
    ).where(registration_tallies.c.meeting_id == meeting_id, registration_tallies.c.kind == kind)
    if names is not None:
        query = query.where(registration_tallies.c.name.in_(list(names)))
    return {(row.name, row.status): row.count for row in connection.execute(query) if row.count}


def status_counts(connection: Connection, meeting_id: int) -> dict[str, int]:
    """How many of the meeting's registrations have each status (those with any)."""
    return {status: n for (_, status), n in tallies(connection, meeting_id, "status").items()}


def chosen_items(connection: Connection, meeting_id: int) -> dict[str, int]:
    """How many registrations (of any status) chose each agenda item or event."""
    chosen: dict[str, int] = {}
    for (item, _), n in tallies(connection, meeting_id, "item").items():
        chosen[item] = chosen.get(item, 0) + n
    return chosen


def status_counts_of_all(connection: Connection) -> dict[int, dict[str, int]]:
    """Per meeting id, how many registrations have each status."""
    counts: dict[int, dict[str, int]] = {}
    for row in connection.execute(
        select(
            registration_tallies.c.meeting_id,
            registration_tallies.c.status,
            registration_tallies.c.count,
        ).where(registration_tallies.c.kind == "status", registration_tallies.c.count > 0)
    ):
        counts.setdefault(row.meeting_id, {})[row.status] = row.count
    return counts


def recount(connection: Connection, meeting_id: int) -> None:
    """Work the meeting's tallies out again from its registrations and their choices."""
    connection.execute(
        delete(registration_tallies).where(registration_tallies.c.meeting_id == meeting_id)
    )
    counted: Counter[Tally] = Counter()
    for status, delegation, n in connection.execute(
        select(registrations.c.status, registrations.c.delegation, func.count())
        .where(registrations.c.meeting_id == meeting_id)
        .group_by(registrations.c.status, registrations.c.delegation)
    ):
        counted[(meeting_id, "status", "", status)] += n
        if delegation:
            counted[(meeting_id, "delegation", delegation, status)] += n
    for item, status, n in connection.execute(
        select(registration_choices.c.item, registrations.c.status, func.count())
        .join(registrations, registrations.c.id == registration_choices.c.registration_id)
        .where(registration_choices.c.meeting_id == meeting_id)
        .group_by(registration_choices.c.item, registrations.c.status)
    ):
        counted[(meeting_id, "item", item, status)] += n
    _count(connection, counted)


# -- writing -------------------------------------------------------------------------------


def insert_registrations(
    connection: Connection, meeting_id: int, values: Sequence[dict[str, Any]], now: datetime
) -> list[int]:
    """Add registrations at version 1 (each `values` as `planner.store.rows` makes them,
    with its `choices`); their ids, in order."""
    if not values:
        return []
    rows = [{k: v for k, v in row.items() if k != "choices"} for row in values]
    result = connection.execute(
        insert(registrations).returning(registrations.c.id, sort_by_parameter_order=True),
        [
            {**row, "meeting_id": meeting_id, "version": 1, "created_at": now, "updated_at": now}
            for row in rows
        ],
    )
    ids = list(result.scalars())
    chosen = [
        {"registration_id": registration_id, "item": item, "meeting_id": meeting_id}
        for registration_id, row in zip(ids, values, strict=True)
        for item in row.get("choices", ())
    ]
    if chosen:
        connection.execute(insert(registration_choices), chosen)
    counted: Counter[Tally] = Counter()
    for row in values:
        counted.update(
            _tallies_of(meeting_id, row["status"], row.get("delegation"), row.get("choices", ()))
        )
    _count(connection, counted)
    return ids


def update_registration(
    connection: Connection,
    registration_id: int,
    values: dict[str, Any],
    now: datetime,
    expected_version: int,
) -> int | None:
    """Change a registration (and its `choices`, when given); its new version, or None when
    `expected_version` no longer holds."""
    before = _counted(connection, [registration_id])
    choices = values.get("choices")
    version = connection.execute(
        update(registrations)
        .where(
            registrations.c.id == registration_id,
            registrations.c.version == expected_version,
        )
        .values(
            **{k: v for k, v in values.items() if k != "choices"},
            version=registrations.c.version + 1,
            updated_at=now,
        )
        .returning(registrations.c.version)
    ).scalar_one_or_none()
    if version is None:
        return None
    if choices is not None:
        _replace_choices(connection, registration_id, choices)
    _count(connection, _counted(connection, [registration_id]), before)
    return version


def change_status(
    connection: Connection,
    registration_id: int,
    expected_version: int,
    *,
    status: str,
    offer_expires_at: datetime | None,
    document: str,
    now: datetime,
) -> int | None:
    """Give a registration another status (its document says the same); its new version, or
    None when `expected_version` no longer holds."""
    return update_registration(
        connection,
        registration_id,
        {"status": status, "offer_expires_at": offer_expires_at, "document": document},
        now,
        expected_version,
    )


def remove_registrations(connection: Connection, registration_ids: Sequence[int]) -> int:
    removed = 0
    for start in range(0, len(registration_ids), CHUNK):
        chunk = list(registration_ids[start : start + CHUNK])
        before = _counted(connection, chunk)
        connection.execute(
            delete(registration_choices).where(registration_choices.c.registration_id.in_(chunk))
        )
        removed += connection.execute(
            delete(registrations).where(registrations.c.id.in_(chunk))
        ).rowcount
        _count(connection, Counter(), before)
    return removed


def _replace_choices(connection: Connection, registration_id: int, choices: Sequence[str]) -> None:
    meeting_id = connection.execute(
        select(registrations.c.meeting_id).where(registrations.c.id == registration_id)
    ).scalar_one()
    connection.execute(
        delete(registration_choices).where(
            registration_choices.c.registration_id == registration_id
        )
    )
    if choices:
        connection.execute(
            insert(registration_choices),
            [
                {"registration_id": registration_id, "item": item, "meeting_id": meeting_id}
                for item in choices
            ],
        )


def _tallies_of(
    meeting_id: int, status: str, delegation: str | None, choices: Iterable[str]
) -> Iterator[Tally]:
    yield (meeting_id, "status", "", status)
    if delegation:
        yield (meeting_id, "delegation", delegation, status)
    for item in choices:
        yield (meeting_id, "item", item, status)


def _counted(connection: Connection, registration_ids: Sequence[int]) -> Counter[Tally]:
    """What these registrations add to their meetings' tallies now."""
    counted: Counter[Tally] = Counter()
    for row in connection.execute(
        select(
            registrations.c.meeting_id, registrations.c.status, registrations.c.delegation
        ).where(registrations.c.id.in_(list(registration_ids)))
    ):
        counted.update(_tallies_of(row.meeting_id, row.status, row.delegation, ()))
    for row in connection.execute(
        select(registrations.c.meeting_id, registrations.c.status, registration_choices.c.item)
        .join(registrations, registrations.c.id == registration_choices.c.registration_id)
        .where(registration_choices.c.registration_id.in_(list(registration_ids)))
    ):
        counted[(row.meeting_id, "item", row.item, row.status)] += 1
    return counted


def _count(
    connection: Connection, added: Counter[Tally], taken: Counter[Tally] | None = None
) -> None:
    """Raise the tallies by `added` and lower them by `taken`."""
    change: Counter[Tally] = Counter(added)
    change.subtract(taken or Counter())
    table = registration_tallies
    for (meeting_id, kind, name, status), n in sorted(change.items()):
        if n == 0:
            continue
        where = (
            (table.c.meeting_id == meeting_id)
            & (table.c.kind == kind)
            & (table.c.name == name)
            & (table.c.status == status)
        )
        changed = connection.execute(
            update(table).where(where).values(count=table.c.count + n)
        ).rowcount
        if not changed:
            connection.execute(
                insert(table).values(
                    meeting_id=meeting_id, kind=kind, name=name, status=status, count=n
                )
            )
