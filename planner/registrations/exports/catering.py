"""The caterer's roll-up: for every meal, how many eat and how many of them need what.

The meals are the programme's lunches and breaks (by day, at their time) and the dinners and
receptions outside it. Who eats at a meal: everyone expected, or, for a meal registrations
choose (an event or item with a key that someone chose), those who chose it.

Registrants write their needs in their own words; the usual ones are counted together in
the meeting's language ("Vegetar", "vegetarianer" and "vegetarisk" are one need), with a
registrant counted once per need; anything else is counted as the first registrant wrote it
("Ingen sennep" and "ingen sennep" are one line, shown as "Ingen sennep").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from planner.agenda.schedule import build_schedule
from planner.i18n import format_clock, format_date_short, label
from planner.model import Meeting, Registration
from planner.model.agenda import ItemKind
from planner.model.meeting import EventKind
from planner.registrations.exports.lists import Listed, is_expected
from planner.registrations.exports.sheets import Sheet
from planner.registrations.intake.normalise import NO_ANSWER
from planner.search import folded
from planner.words import say

_MEAL_ITEMS = (ItemKind.LUNCH, ItemKind.BREAK)
_MEAL_EVENTS = (EventKind.DINNER, EventKind.RECEPTION)

NEEDS: dict[str, tuple[str, ...]] = {
    "vegan": ("vegan", "veganer", "vegaani", "vegansk"),
    "vegetarian": ("vegetar", "vegetarisk", "vegetarian", "kasvis", "graenmet"),
    "gluten": ("gluten", "coliaki", "cøliaki", "celiaki", "keliaki", "keliakia", "glutein"),
    "lactose": ("laktose", "laktos", "laktoosi", "lactose", "melk", "mjolk", "maelk", "maito",
                "mjolkurofnaemi"),
    "nuts": ("nott", "notter", "notte", "peanott", "jordnott", "nodder", "nodde", "pahkina",
             "hnetu", "hnetur", "nut", "nuts", "peanut"),
    "shellfish": ("skalldyr", "skaldjur", "skaldyr", "ayriaiset", "skelfisk", "shellfish"),
    "fish": ("fisk", "kala", "fiskur", "fish"),
    "halal": ("halal",),
    "kosher": ("kosher", "koscher"),
    "pork": ("svin", "svinekjott", "flask", "fläsk", "sianliha", "svinakjot", "pork"),
}  # fmt: skip
_WORDS = {folded(word): need for need, words in NEEDS.items() for word in words}
_SPLIT = re.compile(r"[,;/+&\n]| og | och | ja | and ", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Meal:
    title: str
    day: int
    start: datetime | None
    key: str | None


def needs_of(dietary: str) -> list[str]:
    """The needs in what a registrant wrote: the usual ones by name, the rest as written.

    >>> needs_of("Vegetar, nøtteallergi, Ingen sennep")
    ['vegetarian', 'nuts', '=Ingen sennep']
    """
    found: list[str] = []
    for part in _SPLIT.split(dietary):
        written = " ".join(part.split()).strip(" .")
        key = folded(written)
        if not key or key in NO_ANSWER:
            continue
        need = next((_WORDS[word] for word in _WORDS if word in key), None) or f"={written}"
        if all(folded(need) != folded(other) for other in found):
            found.append(need)
    return found


def meals(meeting: Meeting) -> list[Meal]:
    """The meeting's meals in the order they are served."""
    language = meeting.language
    found: list[Meal] = []
    for scheduled in build_schedule(meeting).items:
        item = scheduled.item
        if item.kind in _MEAL_ITEMS:
            title = (
                meeting.text(item.title, language)
                if item.title
                else label("item_kind", item.kind.value, language)
            )
            found.append(Meal(title, scheduled.day, scheduled.start, item.id))
    first_day = meeting.begins.date()
    for event in meeting.events:
        if event.kind in _MEAL_EVENTS:
            day = (event.start.date() - first_day).days + 1
            found.append(Meal(meeting.text(event.title, language), day, event.start, event.id))
    return sorted(found, key=lambda meal: (meal.day, _clock(meal.start)))


def catering(meeting: Meeting, entries: Sequence[Listed]) -> Sheet:
    """Day, meal, time, need, count: a line with everyone eating at each meal, then one per
    need among them."""
    language = meeting.language
    expected = [entry.registration for entry in entries if is_expected(entry.registration)]
    chosen = {key for registration in expected for key in registration.answers.workshops}
    sheet = Sheet(
        say("intake_export.catering_title", language),
        [
            say(f"intake_column.{name}", language)
            for name in ("day", "meal", "time", "need", "count")
        ],
    )
    for meal in meals(meeting):
        eating = [
            registration
            for registration in expected
            if meal.key not in chosen or meal.key in registration.answers.workshops
        ]
        first = [
            _day(meeting, meal),
            meal.title,
            format_clock(meal.start, language) if meal.start else "",
        ]
        sheet.rows.append([*first, say("intake_export.everyone", language), len(eating)])
        for need, count in _counted(eating):
            sheet.rows.append([*first, _need_name(need, language), count])
    return sheet


def _counted(registrations: Sequence[Registration]) -> list[tuple[str, int]]:
    """Each need with how many have it; a need written in words of one's own is counted with
    the same words in another case or without accents, under the first spelling met."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for registration in registrations:
        if registration.answers.dietary:
            for need in needs_of(registration.answers.dietary):
                counts[spelling.setdefault(folded(need), need)] += 1
    return sorted(counts.items(), key=lambda pair: (-pair[1], folded(pair[0])))


def _need_name(need: str, language: str) -> str:
    if need.startswith("="):
        return need[1:]
    return say(f"intake_need.{need}", language)


def _clock(moment: datetime | None) -> tuple[int, int]:
    return (moment.hour, moment.minute) if moment else (99, 99)


def _day(meeting: Meeting, meal: Meal) -> str:
    if meal.start is not None:
        return format_date_short(meal.start, meeting.language)
    return str(meal.day)
