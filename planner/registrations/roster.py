"""The list of a meeting's registrations as the app holds it: built once from the rows, then
filtered as you type, by status, and sorted by any column, all without reading the
workspace again. A change of status made elsewhere is laid over it in place.

Typing ignores case and accents ('oystein' finds Øystein, 'bjorn' finds Bjørn and Björn:
the rows carry their folded text, see planner.search); each word typed must be found. Names
sort by the collation of the meeting's language (planner.collation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from itertools import compress, repeat
from operator import contains
from typing import Any

from planner.collation import sort_key
from planner.model import RegistrationStatus as Status
from planner.registrations.outcomes import Listed, Transition
from planner.search import folded

COLUMNS = ("submitted", "name", "organisation", "status", "email", "key")
"""What the list can be sorted by, in the order the app cycles through them."""
_STATUS_ORDER = {status: n for n, status in enumerate(Status)}


class Roster:
    def __init__(self, listed: Iterable[Listed], language: str) -> None:
        self.entries: list[Listed] = list(listed)
        self.language = language
        self._where = {entry.key: n for n, entry in enumerate(self.entries)}
        self._texts = [entry.search for entry in self.entries]
        self._recent: dict[tuple, list[int]] = {}
        """The rows found for the last few queries: a backspace finds them again at once."""
        self._gone: set[int] = set()
        """Places of registrations removed since (their addition undone)."""
        self._query: tuple[str, ...] = ()
        self._statuses: frozenset[Status] = frozenset()
        self.sorted_by = "submitted"
        self.descending = False
        self._order: list[int] | None = None
        """Every place in `entries`, in the order sorted (made again when it changes)."""
        self._order_texts: list[str] = []
        self._matching: list[int] = self._sorted()
        self._matching_texts: list[str] = self._order_texts
        self.shown: list[int] = list(self._matching)
        """Places in `entries` of the rows shown, in the order shown."""

    def __len__(self) -> int:
        return len(self.shown)

    def at(self, place: int) -> Listed:
        return self.entries[self.shown[place]]

    def place_of(self, key: str) -> int | None:
        """Where the registration `key` is shown, or None when it is filtered out."""
        where = self._where.get(key)
        if where is None:
            return None
        try:
            return self.shown.index(where)
        except ValueError:
            return None

    def entry(self, key: str) -> Listed | None:
        where = self._where.get(key)
        return self.entries[where] if where is not None else None

    # -- filtering and sorting -------------------------------------------------------------

    def show(
        self,
        query: str | None = None,
        statuses: Iterable[Status] | None = None,
        sorted_by: str | None = None,
        descending: bool | None = None,
    ) -> None:
        """Show the rows whose text holds every word of `query` and whose status is one of
        `statuses` (all, when empty), sorted. Arguments left out stay as they were."""
        words = tuple(folded(query).split()) if query is not None else self._query
        wanted = frozenset(statuses) if statuses is not None else self._statuses
        if sorted_by is not None and sorted_by != self.sorted_by:
            self.sorted_by, self._order = sorted_by, None
        if descending is not None:
            self.descending = descending
        narrower = (
            self._order is not None and wanted == self._statuses and _narrows(words, self._query)
        )
        remembered = self._recent.get((words, wanted, self.sorted_by))
        if remembered is not None and self._order is not None:
            self._matching, self._matching_texts = remembered
        else:
            if narrower:
                pool = (self._matching, self._matching_texts)
            else:
                pool = (self._sorted(), self._order_texts)
            self._matching, self._matching_texts = self._match(*pool, words, wanted)
            if len(self._recent) > 16:
                self._recent.clear()
            self._recent[(words, wanted, self.sorted_by)] = (
                self._matching,
                self._matching_texts,
            )
        self._query, self._statuses = words, wanted
        self.shown = self._matching[::-1] if self.descending else self._matching

    def _match(
        self, places: list[int], texts: list[str], words: Sequence[str], wanted: frozenset
    ) -> tuple[list[int], list[str]]:
        """Of `places` (with their folded `texts` beside them), those with a status in
        `wanted` (all, when empty) whose text holds every word: each word a pass in C."""
        if self._gone or wanted:
            entries, gone = self.entries, self._gone
            keep = [n not in gone and (not wanted or entries[n].status in wanted) for n in places]
            places, texts = list(compress(places, keep)), list(compress(texts, keep))
        for word in words:
            hits = list(map(contains, texts, repeat(word)))
            places, texts = list(compress(places, hits)), list(compress(texts, hits))
        return places, texts

    def _sorted(self) -> list[int]:
        """Every registration's place in the order of the column sorted by (worked out once
        per column; filtering keeps it)."""
        if self._order is None:
            key = self._key()
            entries = self.entries
            self._order = sorted(
                (n for n in range(len(entries)) if n not in self._gone),
                key=lambda n: (key(entries[n]), entries[n].id),
            )
            self._order_texts = [self._texts[n] for n in self._order]
        return self._order

    def _key(self) -> Callable[[Listed], Any]:
        collate = sort_key(self.language)
        by: dict[str, Callable[[Listed], Any]] = {
            "status": lambda e: _STATUS_ORDER[e.status],
            "name": lambda e: collate(e.name),
            "organisation": lambda e: collate(e.organisation or ""),
            "email": lambda e: e.email or "",
            "submitted": lambda e: (-e.priority, e.submitted_at),
            "key": lambda e: e.key,
        }
        return by[self.sorted_by]

    # -- changes made elsewhere ------------------------------------------------------------

    def changed(self, transitions: Iterable[Transition]) -> None:
        """Lay changes of status over the rows; a registration removed leaves the list."""
        for change in transitions:
            where = self._where.get(change.key)
            if where is None:
                continue
            if change.after is None:
                self._remove(change.key)
                continue
            self.entries[where] = replace(
                self.entries[where],
                status=change.after,
                offer_expires_at=change.offer_expires_at,
            )
        if self.sorted_by == "status":
            self._order = None
        self._recent.clear()
        self.show()

    def added(self, entry: Listed) -> None:
        self._where[entry.key] = len(self.entries)
        self.entries.append(entry)
        self._texts.append(entry.search)
        self._order = None
        self._recent.clear()
        self.show()

    def _remove(self, key: str) -> None:
        where = self._where.pop(key)
        self._gone.add(where)
        self._order = None
        self._recent.clear()

    def counts(self) -> dict[Status, int]:
        """How many rows of each status are shown."""
        counted = dict.fromkeys(Status, 0)
        for n in self.shown:
            counted[self.entries[n].status] += 1
        return counted


def _narrows(words: Sequence[str], before: Sequence[str]) -> bool:
    """Whether `words` can only find fewer rows than `before`: each earlier word is within
    the word now in its place, and words were only added."""
    if len(words) < len(before):
        return False
    return all(old in new for old, new in zip(before, words, strict=False))


def submitted_text(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"
