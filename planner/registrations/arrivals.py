"""The check-in desk's list: everyone expected, found as the desk types.

Typing "lovas" (or "loevaas") finds Øystein Løvås, "bjorn" finds Bjørn and Björn, "fjordvik"
finds everyone from Fjordvik kommune: names, organisations and e-mail addresses are folded
once when the list is built (`planner.search.folded`: case, accents and the Nordic letters),
and a query matches a person when every word of it is in their folded text. The people whose
name has a word starting with what was typed come first, then the others, each in the list's
order (alphabetical in the meeting's collation, as the caller sorted them).

A keystroke that adds to the query searches only the people the previous query found, so
narrowing down costs less with every letter; the first letter scans one string of all the
folded texts (at C speed), not one Python string per person.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from planner.search import folded


@dataclass(frozen=True, slots=True)
class Arrival:
    """Someone expected at the door."""

    key: str
    name: str
    organisation: str
    email: str
    checked_in_at: datetime | None = None

    @property
    def arrived(self) -> bool:
        return self.checked_in_at is not None


@dataclass(frozen=True, slots=True)
class Counts:
    arrived: int
    expected: int
    by_organisation: list[tuple[str, int, int]]
    """(organisation, arrived, expected), the organisations with most expected first."""


class ArrivalIndex:
    """The people expected, searchable as the desk types (see the module)."""

    def __init__(self, arrivals: Iterable[Arrival]):
        self._people: list[Arrival] = list(arrivals)
        self._position = {person.key: index for index, person in enumerate(self._people)}
        self._texts = [_haystack(person) for person in self._people]
        self._names = [" " + folded(person.name) for person in self._people]
        self._joined = "\n".join(self._texts)
        self._starts: list[int] = []
        offset = 0
        for text in self._texts:
            self._starts.append(offset)
            offset += len(text) + 1
        self._last_query: list[str] = []
        self._last_found: list[int] = list(range(len(self._people)))

    def __len__(self) -> int:
        return len(self._people)

    @property
    def people(self) -> Sequence[Arrival]:
        return self._people

    def get(self, key: str) -> Arrival | None:
        index = self._position.get(key)
        return None if index is None else self._people[index]

    def search(self, query: str) -> list[Arrival]:
        """Everyone `query` finds: those whose name has a word starting with each word of
        the query first."""
        words = folded(query).split()
        found = self._matching(words)
        self._last_query, self._last_found = words, found
        if not words:
            return [self._people[index] for index in found]
        first, rest = [], []
        for index in found:
            name = self._names[index]
            (first if all(" " + word in name for word in words) else rest).append(index)
        return [self._people[index] for index in first + rest]

    def mark(self, key: str, checked_in_at: datetime | None) -> Arrival:
        """The person `key` checked in at `checked_in_at` (None: not checked in)."""
        index = self._position[key]
        person = replace(self._people[index], checked_in_at=checked_in_at)
        self._people[index] = person
        return person

    def add(self, person: Arrival) -> None:
        """A walk-in, added at the end of the list."""
        if person.key in self._position:
            self._people[self._position[person.key]] = person
            return
        self._position[person.key] = len(self._people)
        self._people.append(person)
        text = _haystack(person)
        self._starts.append(len(self._joined) + 1 if self._texts else 0)
        self._joined = f"{self._joined}\n{text}" if self._texts else text
        self._texts.append(text)
        self._names.append(" " + folded(person.name))
        self._last_query, self._last_found = [], list(range(len(self._people)))

    def without(self, keys: Iterable[str]) -> ArrivalIndex:
        """The index of everyone but `keys` (no longer expected: cancelled, or a walk-in
        undone)."""
        gone = set(keys)
        return ArrivalIndex(person for person in self._people if person.key not in gone)

    def counts(self) -> Counts:
        expected: Counter[str] = Counter()
        arrived: Counter[str] = Counter()
        for person in self._people:
            expected[person.organisation] += 1
            arrived[person.organisation] += person.arrived
        by_organisation = sorted(
            ((name, arrived[name], count) for name, count in expected.items()),
            key=lambda entry: (-entry[2], folded(entry[0])),
        )
        return Counts(sum(arrived.values()), len(self._people), by_organisation)

    def _matching(self, words: list[str]) -> list[int]:
        if not words:
            return list(range(len(self._people)))
        if self._narrows(words):
            candidates = self._last_found
        else:
            candidates = self._containing(max(words, key=len))
        texts = self._texts
        return [index for index in candidates if all(word in texts[index] for word in words)]

    def _narrows(self, words: list[str]) -> bool:
        """Whether `words` can only find some of what the last query found: each earlier
        word is part of the word now in its place, and no word went away."""
        last = self._last_query
        if not last or len(words) < len(last):
            return False
        return all(old in new for old, new in zip(last, words, strict=False))

    def _containing(self, word: str) -> list[int]:
        """The people whose folded text contains `word`, found in the one joined string."""
        joined, starts = self._joined, self._starts
        found: list[int] = []
        position = joined.find(word)
        while position != -1:
            index = bisect_right(starts, position) - 1
            found.append(index)
            next_start = starts[index + 1] if index + 1 < len(starts) else len(joined)
            position = joined.find(word, next_start)
        return found


_SPELLED_OUT = str.maketrans({"ø": "oe", "å": "aa", "æ": "ae", "ä": "ae", "ö": "oe", "ü": "ue"})


def _haystack(person: Arrival) -> str:
    """The folded name, organisation and e-mail, and the name as typed on a keyboard
    without the letters ("Oedegaard" finds Ødegård as well as "odegard")."""
    text = " ".join(folded(part) for part in (person.name, person.organisation, person.email))
    spelled = folded(person.name.casefold().translate(_SPELLED_OUT))
    return text if spelled == folded(person.name) else f"{text} {spelled}"
