"""The check-in desk typing "oystein lovas" over 10,000 people, letter by letter, then
deleting back: the time of each keystroke's search. Reference: a linear scan, folding every
person's name, organisation and e-mail at each keystroke (`planner.search.matches`)."""

from __future__ import annotations

import random
import time
from pathlib import Path

from benchmarks.measure import Result, Timing
from benchmarks.workloads import FAMILIES, NAMES
from planner.registrations.arrivals import Arrival, ArrivalIndex
from planner.search import folded, matches

BUDGET = 0.010
PEOPLE = 10_000
TYPED = "oystein lovas"


def people(count: int = PEOPLE) -> list[Arrival]:
    rng = random.Random(count)
    organisations = [f"Etat {n}" for n in range(300)] + ["Fjordvik kommune", "KS"]
    found = [
        Arrival(f"k{n}", f"{rng.choice(NAMES)} {rng.choice(FAMILIES)}",
                rng.choice(organisations), f"person{n}@example.no")
        for n in range(count)
    ]  # fmt: skip
    found[count // 2] = Arrival("lovas", "Øystein Løvås", "Fjordvik kommune", "o@fjordvik.no")
    return found


def keystrokes() -> list[str]:
    forward = [TYPED[: n + 1] for n in range(len(TYPED))]
    return forward + forward[-2::-1]


def _timed(search, queries: list[str]) -> list[float]:
    timings = []
    for query in queries:
        begun = time.perf_counter()
        search(query)
        timings.append(time.perf_counter() - begun)
    return timings


def run(folder: Path, rounds: int = 5) -> Result:
    everyone = people()
    queries = keystrokes()
    measured: list[float] = []
    reference: list[float] = []
    for _ in range(rounds):
        folded.cache_clear()
        index = ArrivalIndex(everyone)
        assert [p.key for p in index.search(TYPED)] == ["lovas"]
        measured += _timed(index.search, queries)
        folded.cache_clear()
        reference += _timed(
            lambda q: [p for p in everyone if matches(q, p.name, p.organisation, p.email)],
            queries,
        )
    timing = Timing(measured)
    return Result(
        workload=f"Check-in search, one keystroke, {PEOPLE:,} people",
        budget=f"≤ {BUDGET * 1000:.0f} ms",
        measured=timing,
        reference=Timing(reference),
        reference_name="a linear scan folding every person",
        within_budget=timing.median <= BUDGET and max(measured) <= 3 * BUDGET,
        note=f"slowest keystroke {max(measured) * 1000:.1f} ms",
    )
