"""The list of registrations the app filters and sorts, without the workspace."""

from __future__ import annotations

from datetime import UTC, datetime

from planner.model import RegistrationStatus as Status
from planner.registrations.outcomes import Listed, Transition
from planner.registrations.roster import Roster
from planner.search import folded

NAMES = ["Øystein Ås", "Bjørn Berg", "Björn Borg", "Zara Ali", "Åse Dahl", "Ærling Ek"]


def roster(language: str = "nb") -> Roster:
    return Roster(
        [
            Listed(
                id=n,
                key=f"k{n}",
                version=1,
                status=Status.CONFIRMED if n % 2 else Status.PENDING,
                name=name,
                email=None,
                organisation=None,
                delegation=None,
                submitted_at=datetime(2026, 1, 1, 10, n, tzinfo=UTC),
                search=folded(name),
            )
            for n, name in enumerate(NAMES)
        ],
        language,
    )


def names(listed: Roster) -> list[str]:
    return [listed.at(n).name for n in range(len(listed))]


def test_typing_finds_ignoring_case_and_accents_and_narrows_as_you_type():
    listed = roster()
    listed.show("b")
    listed.show("bjorn")
    assert names(listed) == ["Bjørn Berg", "Björn Borg"]
    listed.show("oystein")
    assert names(listed) == ["Øystein Ås"]
    listed.show("BJORN b")
    assert names(listed) == ["Bjørn Berg", "Björn Borg"]
    listed.show("")
    assert len(listed) == len(NAMES)


def test_sorting_by_name_follows_the_meetings_language():
    listed = roster("nb")
    listed.show(sorted_by="name")
    assert names(listed) == ["Bjørn Berg", "Björn Borg", "Zara Ali", "Ærling Ek", "Øystein Ås",
                             "Åse Dahl"]  # fmt: skip
    swedish = roster("sv")
    swedish.show(sorted_by="name", descending=True)
    assert names(swedish)[:3] == ["Øystein Ås", "Ærling Ek", "Åse Dahl"]


def test_a_status_filter_and_changes_laid_over_in_place():
    listed = roster()
    listed.show(statuses=[Status.CONFIRMED])
    assert names(listed) == ["Bjørn Berg", "Zara Ali", "Ærling Ek"]
    change = Transition(3, "k3", "Zara Ali", Status.CONFIRMED, Status.CANCELLED)
    removed = Transition(1, "k1", "Bjørn Berg", Status.CONFIRMED, None)

    listed.changed([change, removed])

    assert names(listed) == ["Ærling Ek"]
    assert listed.entry("k3").status == Status.CANCELLED
    listed.show(statuses=[])
    assert "Bjørn Berg" not in names(listed) and listed.place_of("k1") is None
    assert listed.counts()[Status.CANCELLED] == 1
