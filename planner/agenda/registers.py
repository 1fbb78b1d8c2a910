"""The meeting's registers (topics, people, organisations) and every place that names a key.

A key is referred to from many places: an item's parts (`speakers: [musavi]`), its topics,
its questions' `topic` and `owner`, a case's `officer`, and the meeting's `chairs`,
`day_hosts`, `signed_by`, `hosts`, `delegations`, `absence.to` and people's `organisation`.
`uses` lists them all; renaming a key changes every one of them; removing an entry is
refused while anything still refers to it, naming what does.

A person and an organisation may share a key (the model allows it); a part that names that
key could mean either, so renaming or removing one of them leaves such parts to the other.

The module also holds what both edit modules share: `revalidated` (an edited meeting through
the model's rules, refusals as InvalidInput in meeting-file terms) and `ItemNames` (how a
message names an item: "item 2.1 «Plenum»"). `planner.agenda.editing` re-exports the public
functions; import them from there.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from planner.agenda.schedule import Path, build_schedule
from planner.model import PART_FIELDS, Meeting, Organisation, Person, Topic, walk_agenda
from planner.model.limits import shorten
from planner.model.problems import Loc, format_loc, invalid_input
from planner.words import Listed, Lowered, Words, said

KeyKind = Literal["topic", "person", "organisation"]
_TOPIC: frozenset[str] = frozenset({"topic"})
_PERSON: frozenset[str] = frozenset({"person"})
_ORGANISATION: frozenset[str] = frozenset({"organisation"})
_ANYONE: frozenset[str] = frozenset({"person", "organisation"})
_REGISTER: dict[str, str] = {"topic": "topics", "person": "people", "organisation": "organisations"}
MAX_USES_NAMED = 5
"""A refusal names this many uses, then says how many more there are."""


@dataclass(frozen=True)
class Use:
    """A place that refers to a key: for the app's "used by" column and for refusals."""

    path: Path | None
    """The item's path when the use is in the agenda, else None."""
    field: str
    """Where, in meeting-file terms: `agenda[1].items[0].speakers[0]`, `chairs[1]`."""
    what: str | Words
    """How a secretariat would say it: "item 2.1 «Plenum» (speaker)"."""

    @property
    def description(self) -> str:
        """`what`, said in the current language."""
        return said(self.what)


# -- shared by the edit modules -----------------------------------------------------------


def revalidated(meeting: Meeting, data: dict[str, Any], source: str | None = None) -> Meeting:
    """`data` (an edited `model_dump()` of `meeting`) as a meeting of the same type, checked
    by every rule of the model; InvalidInput naming the fields it refuses."""
    try:
        return type(meeting).model_validate(data)
    except ValidationError as error:
        source = source or Words("agenda_names.meeting", slug=repr(meeting.slug))
        raise invalid_input(error, data, source) from None


def refused(message: Words) -> Exception:
    """An EditRefused (defined in planner.agenda.editing, which imports this module)."""
    from planner.agenda.editing import EditRefused

    return EditRefused(message)


class ItemNames:
    """How messages name agenda items: by their number in the programme and their title."""

    def __init__(self, meeting: Meeting):
        self.meeting = meeting
        self.entries = {entry.path: entry for entry in build_schedule(meeting).items}

    def __call__(self, path: Path, *, short: bool = False) -> Words:
        """ "item 2.1 «Plenum»" ("item 2.1" when `short`), "case 76/15 «Bosetting»", or the
        title alone for an item without a number ("«Lunsj»")."""
        entry = self.entries[path]
        item = entry.item
        title = shorten(self.meeting.text(item.title)) if item.title else ""
        if item.case is not None:
            kind, number = "case", item.case.number
        elif entry.number:
            kind, number = "item", entry.number
        else:
            kind, number = "", ""
        if kind and title and not short:
            return Words(f"agenda_names.{kind}_titled", number=number, title=title)
        if kind:
            return Words(f"agenda_names.{kind}", number=number)
        if title:
            return Words("agenda_names.titled", title=title)
        place = ".".join(str(index + 1) for index in path)
        kind_said = Lowered(Words(f"item_kind.{item.kind.value}"))
        return Words("agenda_names.at_place", kind=kind_said, place=place)


def listed(descriptions: Sequence[str | Words]) -> Listed:
    """ "a, b and c", each once, at most MAX_USES_NAMED of them."""
    unique = list(dict.fromkeys(descriptions))
    shown: list[str | Words] = list(unique[:MAX_USES_NAMED])
    if len(unique) > len(shown):
        shown.append(Words("agenda_names.more", count=len(unique) - len(shown)))
    return Listed(shown)


# -- references ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Reference:
    kinds: frozenset[str]
    loc: Loc
    key: str
    path: Path | None
    role: str | Words
    """For a use in the agenda: the part, or "topic", "question", "officer"; else the
    description of the use."""


_MEETING_FIELDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("hosts", _ORGANISATION),
    ("chairs", _ANYONE),
    ("day_hosts", _ANYONE),
    ("delegations", _ORGANISATION),
    ("signed_by", _ANYONE),
)
"""The meeting's own fields that name keys; each use is said by `agenda_uses.<field>`."""


def _references(meeting: Meeting) -> Iterator[_Reference]:
    """Every reference to a key, in the order of a meeting file."""
    for field, kinds in _MEETING_FIELDS:
        description = Words(f"agenda_uses.{field}")
        for index, entry in enumerate(getattr(meeting, field)):
            key = entry if isinstance(entry, str) else entry.who
            yield _Reference(kinds, (field, index), key, None, description)
    if meeting.absence is not None and isinstance(meeting.absence.to, str):
        absence = Words("agenda_uses.absence")
        yield _Reference(_PERSON, ("absence", "to"), meeting.absence.to, None, absence)
    for index, person in enumerate(meeting.people):
        if person.organisation is not None:
            where = ("people", index, "organisation")
            description = Words("agenda_uses.organisation_of", name=person.name)
            yield _Reference(_ORGANISATION, where, person.organisation, None, description)
    for loc, item in walk_agenda(meeting.agenda):
        path = tuple(int(index) for index in loc[1::2])
        for part, index, participation in item.parts():
            where = (*loc, PART_FIELDS[part], index)
            yield _Reference(_ANYONE, where, participation.who, path, part.value)
        if item.case is not None and item.case.officer is not None:
            where = (*loc, "case", "officer")
            yield _Reference(_PERSON, where, item.case.officer, path, "officer")
        for index, key in enumerate(item.topics):
            yield _Reference(_TOPIC, (*loc, "topics", index), key, path, "topic")
        for index, question in enumerate(item.questions):
            where = (*loc, "questions", index)
            if question.topic:
                yield _Reference(_TOPIC, (*where, "topic"), question.topic, path, "question")
            if question.owner:
                yield _Reference(_ANYONE, (*where, "owner"), question.owner, path, "question")


def _described(meeting: Meeting, references: list[_Reference]) -> list[Use]:
    names = ItemNames(meeting) if any(r.path is not None for r in references) else None
    uses = []
    for reference in references:
        description = reference.role
        if reference.path is not None and names is not None:
            if reference.role == "question":
                description = Words("agenda_uses.question", item=names(reference.path, short=True))
            elif reference.role == "officer":
                description = Words("agenda_uses.officer", item=names(reference.path, short=True))
            elif reference.role == "topic":
                description = names(reference.path)
            else:
                part = Lowered(Words(f"part.{reference.role}"))
                description = Words("agenda_uses.part", item=names(reference.path), part=part)
        uses.append(Use(reference.path, format_loc(reference.loc), description))
    return uses


def uses(meeting: Meeting, key: str, kind: KeyKind | None = None) -> list[Use]:
    """Every place that refers to `key`, in file order; only the places that refer to a
    `kind` of key (topic, person or organisation) when it is given."""
    found = [r for r in _references(meeting) if r.key == key and (kind is None or kind in r.kinds)]
    return _described(meeting, found)


def _relevant(meeting: Meeting, kind: KeyKind, key: str) -> list[_Reference]:
    """The references to the `kind` entry with `key`; a part naming a key that a person and
    an organisation share is left to the other one."""
    other = {"person": "organisation", "organisation": "person"}.get(kind)
    shared = other is not None and _find(meeting, other, key) is not None
    return [
        r
        for r in _references(meeting)
        if r.key == key and kind in r.kinds and not (shared and r.kinds == _ANYONE)
    ]


# -- the registers ------------------------------------------------------------------------


def add_topic(meeting: Meeting, topic: Topic) -> Meeting:
    return _add(meeting, "topic", topic)


def replace_topic(meeting: Meeting, key: str, topic: Topic) -> Meeting:
    """Replace the topic `key`; a new key is changed everywhere the old one was used."""
    return _replace(meeting, "topic", key, topic)


def remove_topic(meeting: Meeting, key: str) -> Meeting:
    """Remove the topic `key`; refused while items or questions use it."""
    return _remove(meeting, "topic", key)


def add_person(meeting: Meeting, person: Person) -> Meeting:
    return _add(meeting, "person", person)


def replace_person(meeting: Meeting, key: str | int, person: Person) -> Meeting:
    """Replace the person `key` (or, for someone without a key, their index in `people`); a
    new key is changed everywhere the old one was used."""
    return _replace(meeting, "person", key, person)


def remove_person(meeting: Meeting, key: str | int) -> Meeting:
    """Remove the person `key` (or at that index in `people`); refused while in use."""
    return _remove(meeting, "person", key)


def add_organisation(meeting: Meeting, organisation: Organisation) -> Meeting:
    return _add(meeting, "organisation", organisation)


def replace_organisation(meeting: Meeting, key: str, organisation: Organisation) -> Meeting:
    """Replace the organisation `key`; a new key is changed everywhere the old one was used,
    people's `organisation` included."""
    return _replace(meeting, "organisation", key, organisation)


def remove_organisation(meeting: Meeting, key: str) -> Meeting:
    """Remove the organisation `key`; refused while in use."""
    return _remove(meeting, "organisation", key)


def _find(meeting: Meeting, kind: str, key: str | int) -> int | None:
    entries = getattr(meeting, _REGISTER[kind])
    if isinstance(key, int):
        return key if 0 <= key < len(entries) else None
    return next((i for i, entry in enumerate(entries) if entry.id == key), None)


def _index(meeting: Meeting, kind: KeyKind, key: str | int) -> int:
    index = _find(meeting, kind, key)
    if index is None:
        if isinstance(key, str):
            raise refused(Words(f"agenda_edit.no_{kind}", key=repr(key)))
        raise refused(Words(f"agenda_edit.no_{kind}_number", number=key + 1))
    return index


def _add(meeting: Meeting, kind: KeyKind, entry: BaseModel) -> Meeting:
    data = meeting.model_dump()
    data[_REGISTER[kind]].append(entry.model_dump())
    return revalidated(meeting, data)


def _replace(meeting: Meeting, kind: KeyKind, key: str | int, entry: Topic | Person) -> Meeting:
    index = _index(meeting, kind, key)
    old_key = getattr(meeting, _REGISTER[kind])[index].id
    data = meeting.model_dump()
    data[_REGISTER[kind]][index] = entry.model_dump()
    if old_key is not None and entry.id != old_key:
        references = _relevant(meeting, kind, old_key)
        if references and entry.id is None:
            found = [use.what for use in _described(meeting, references)]
            raise refused(
                Words(f"agenda_edit.{kind}_needs_key", key=repr(old_key), uses=listed(found))
            )
        for reference in references:
            _set_key(data, reference.loc, entry.id)
    return revalidated(meeting, data)


def _remove(meeting: Meeting, kind: KeyKind, key: str | int) -> Meeting:
    index = _index(meeting, kind, key)
    old_key = getattr(meeting, _REGISTER[kind])[index].id
    references = _relevant(meeting, kind, old_key) if old_key is not None else []
    if references:
        found = [use.what for use in _described(meeting, references)]
        raise refused(Words(f"agenda_edit.{kind}_in_use", key=repr(old_key), uses=listed(found)))
    data = meeting.model_dump()
    del data[_REGISTER[kind]][index]
    return revalidated(meeting, data)


def _set_key(data: dict[str, Any], loc: Loc, key: str | None) -> None:
    """Put `key` at `loc` in a dumped meeting: a part's `who`, or the key itself."""
    *parents, last = loc
    container: Any = data
    for part in parents:
        container = container[part]
    if isinstance(container[last], dict):
        container[last]["who"] = key
    else:
        container[last] = key
