"""Likely duplicates: the same person, it seems, under two e-mail addresses.

"Øystein Løvås" at kari@fjordvik.kommune.no and "Oystein Lovas" at oystein.lovas@gmail.com,
both from Fjordvik kommune, are likely one person registered twice (once from work, once
from home). Names are compared folded, their words sorted ("Løvås, Øystein"), with rapidfuzz;
only within the same organisation, where a similar name means something. A likely duplicate
is listed for the secretariat to decide; nothing here merges anything.

Large organisations are compared within groups by the first letter of the name as well, so
100,000 registrations from one organisation stay a few million comparisons, not ten
billion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planner.model import Registration
from planner.registrations.intake.normalise import name_key, organisation_key

if TYPE_CHECKING:
    from planner.registrations.intake.plan import Held

SIMILAR = 88
"""How alike two folded names must be (rapidfuzz ratio, 0-100) to be a likely duplicate."""
LARGE_GROUP = 2_000
"""An organisation with more people than this is compared by first letters."""


@dataclass(frozen=True, slots=True)
class Likely:
    """Row `row` may be the same person as another row of the file or a held registration."""

    row: int
    name: str
    organisation: str
    email: str
    score: float
    other_row: int | None = None
    held: Held | None = None
    other_name: str = ""
    other_email: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "name": self.name,
            "email": self.email,
            "organisation": self.organisation,
            "similarity": round(self.score),
            "other_row": self.other_row,
            "other_key": self.held.key if self.held else None,
            "other_name": self.other_name,
            "other_email": self.other_email,
        }


@dataclass(frozen=True, slots=True)
class _Entry:
    name_key: str
    row: int | None
    held: Held | None
    registration: Registration


def likely_duplicates(
    fresh: Sequence[tuple[int, Registration]], held: Sequence[Held]
) -> list[Likely]:
    """Each new row (`fresh`: row number and registration) whose name is like that of a held
    registration or an earlier new row in the same organisation, with the most alike."""
    groups: dict[str, list[_Entry]] = {}
    for entry in held:
        _add(groups, _Entry(name_key(entry.registration.person.name), None, entry,
                            entry.registration))  # fmt: skip
    for number, registration in fresh:
        _add(groups, _Entry(name_key(registration.person.name), number, None, registration))
    found: dict[int, Likely] = {}
    for members in groups.values():
        if any(member.row is not None for member in members):
            for block in _blocks(members):
                _compare(block, found)
    return [found[row] for row in sorted(found)]


def _add(groups: dict[str, list[_Entry]], entry: _Entry) -> None:
    organisation = organisation_key(entry.registration.person.organisation)
    if organisation and entry.name_key:
        groups.setdefault(organisation, []).append(entry)


def _blocks(members: list[_Entry]) -> list[list[_Entry]]:
    if len(members) <= LARGE_GROUP:
        return [members]
    blocks: dict[str, list[_Entry]] = {}
    for member in members:
        blocks.setdefault(member.name_key[:1], []).append(member)
    return list(blocks.values())


def _compare(members: list[_Entry], found: dict[int, Likely]) -> None:
    from rapidfuzz import fuzz, process

    names = [member.name_key for member in members]
    for index, member in enumerate(members):
        if member.row is None:
            continue
        matches = process.extract(
            member.name_key, names, scorer=fuzz.ratio, score_cutoff=SIMILAR, limit=None
        )
        best: tuple[float, _Entry] | None = None
        for _, score, other_index in matches:
            other = members[other_index]
            if other_index == index or not _earlier(other, member):
                continue
            if _same_email(other, member):
                continue
            if best is None or score > best[0]:
                best = (score, other)
        if best is not None:
            found[member.row] = _likely(member, best[1], best[0])


def _earlier(other: _Entry, member: _Entry) -> bool:
    """A row is compared with held registrations and with the rows before it."""
    return other.row is None or (member.row is not None and other.row < member.row)


def _same_email(a: _Entry, b: _Entry) -> bool:
    email_a, email_b = a.registration.person.email, b.registration.person.email
    return bool(email_a and email_b and email_a.casefold() == email_b.casefold())


def _likely(member: _Entry, other: _Entry, score: float) -> Likely:
    person, other_person = member.registration.person, other.registration.person
    return Likely(
        row=member.row or 0,
        name=person.name,
        organisation=person.organisation or "",
        email=person.email or "",
        score=score,
        other_row=other.row,
        held=other.held,
        other_name=other_person.name,
        other_email=other_person.email or "",
    )
