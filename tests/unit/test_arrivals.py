"""The check-in desk's search: what the desk types finds the right people at once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from planner.registrations.arrivals import Arrival, ArrivalIndex

PEOPLE = [
    Arrival("a", "Øystein Løvås", "Fjordvik kommune", "oystein@fjordvik.no"),
    Arrival("b", "Bjørn Dæhlie", "KS", "bjorn@ks.no"),
    Arrival("c", "Björn Borg", "Sveriges Kommuner och Regioner", "bjorn.borg@skr.se"),
    Arrival("d", "Glover Andersen", "Fjordvik kommune", "glover@fjordvik.no"),
    Arrival("e", "Þóra Sigurðardóttir", "Reykjavíkurborg", "thora@reykjavik.is"),
    Arrival("f", "Æsa Ærø", "KL", "aesa@kl.dk"),
]


def _names(index: ArrivalIndex, query: str) -> list[str]:
    return [person.name for person in index.search(query)]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("lovas", ["Øystein Løvås"]),
        ("LØVÅS", ["Øystein Løvås"]),
        ("oystein lovas", ["Øystein Løvås"]),
        ("bjorn", ["Bjørn Dæhlie", "Björn Borg"]),
        ("björn borg", ["Björn Borg"]),
        ("thora", ["Þóra Sigurðardóttir"]),
        ("sigurdar", ["Þóra Sigurðardóttir"]),
        ("aesa", ["Æsa Ærø"]),
        ("loevaas", ["Øystein Løvås"]),
        ("bjoern", ["Bjørn Dæhlie", "Björn Borg"]),
        ("fjordvik", ["Øystein Løvås", "Glover Andersen"]),
        ("kommuner och", ["Björn Borg"]),
        ("zzz", []),
    ],
)
def test_typing_finds_people_ignoring_case_and_accents_also_by_organisation(query, found):
    assert _names(ArrivalIndex(PEOPLE), query) == found


def test_names_with_a_word_starting_with_the_query_come_first():
    assert _names(ArrivalIndex(PEOPLE), "lov") == ["Øystein Løvås", "Glover Andersen"]


def test_each_keystroke_narrows_and_a_deleted_letter_widens_again():
    index = ArrivalIndex(PEOPLE)
    typed = ["b", "bj", "bjo", "bjor", "bjorn", "bjorn b", "bjorn", "bjo", ""]
    found = [len(index.search(query)) for query in typed]
    assert found == [3, 2, 2, 2, 2, 2, 2, 2, 6]  # "b": Bjørn, Björn and Reykjavíkurborg


def test_an_empty_query_lists_everyone_in_order():
    assert [p.key for p in ArrivalIndex(PEOPLE).search("  ")] == list("abcdef")


def test_checking_in_and_walk_ins_show_in_the_counts_by_organisation():
    index = ArrivalIndex(PEOPLE)
    at = datetime(2026, 3, 10, 8, 55, tzinfo=UTC)
    index.mark("a", at)
    index.add(Arrival("w", "Walk In", "Fjordvik kommune", "walk@in.no", at))
    counts = index.counts()
    assert (counts.arrived, counts.expected) == (2, 7)
    assert counts.by_organisation[0] == ("Fjordvik kommune", 2, 3)
    assert _names(index, "walk") == ["Walk In"]
    assert index.get("a").checked_in_at == at


def test_attendance_marked_after_the_meeting_is_recorded_at_its_start():
    from planner.model import Meeting
    from planner.registrations.checkin import arrival_time
    from tests.factories import conference_data

    meeting = Meeting.model_validate(conference_data())  # 2026-03-10 09:00-16:00, Oslo
    during = datetime(2026, 3, 10, 9, 5, tzinfo=UTC)
    assert arrival_time(meeting, during) == during
    afterwards = datetime(2026, 3, 12, 11, 0, tzinfo=UTC)
    assert arrival_time(meeting, afterwards) == meeting.begins
