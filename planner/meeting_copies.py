"""Next year's meeting: a copy with every date moved a year on, each day to the same weekday.

Secretariats plan the same conference every year on the same weekday: the Nordic integration
conference on Tuesday 20 November 2018 becomes Tuesday 19 November 2019.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from planner.model import Meeting, MeetingStatus, clock
from planner.model.limits import MAX_KEY
from planner.model.problems import invalid_input
from planner.words import Words

SHIFTS = (364, 371)
"""52 and 53 weeks: the moves that keep every day on its weekday."""


def next_years(meeting: Meeting, slug: str | None = None) -> Meeting:
    """A copy of `meeting` for next year, as a draft that is not archived.

    Every date moves by the same number of days, 364 or 371 (52 or 53 weeks, so each day
    keeps its weekday), whichever puts the first day nearest the same calendar date next
    year. 364 days lands one day earlier (two when a 29 February comes between) and 371
    five or six days later, so in practice it is always 52 weeks:

    - Tuesday 20 November 2018 → Tuesday 19 November 2019;
    - Wednesday 1 March 2023 → Wednesday 28 February 2024 (2024 has a 29 February);
    - Tuesday 1 January 2019 → Tuesday 31 December 2019, in the same year.

    Times of day are kept as the clock on the wall shows them in the meeting's zone, across
    clock changes (09:00 stays 09:00 when the copy falls in summer time and the original did
    not). A time the clocks skip on the new date (02:30 on the night they go forward) moves
    on by the skipped hour, to 03:30, the same time after midnight; agenda items' fixed
    starts alike. The meeting's start and end, registration opening and closing, and the
    events outside the programme all move; the agenda (days and clock times) is kept.

    The slug: given, or the original's with its year (a 4-digit year equal to the meeting's
    year: `nordisk-integrasjonskonferanse-2018`) made the copy's year, else with `-<year>`
    appended; when that is the original slug (a copy in the same year), `-2` is appended. The
    title's year, in every language it is given in, becomes the copy's year too.

    Registrations are not copied (a `MeetingFile`'s are left out). InvalidInput if the copy
    breaks a rule of the model, e.g. a slug that is not a key.
    """
    days = year_shift(meeting.start_date)
    old_year = meeting.start_date.year
    new_start_date = meeting.start_date + timedelta(days=days)
    new_year = new_start_date.year
    tz = meeting.zone
    data = meeting.model_dump(exclude={"registrations", "exported"})
    data["start"] = (
        _moved(meeting.start, days, tz)
        if isinstance(meeting.start, datetime)
        else meeting.start + timedelta(days=days)
    )
    for field in ("end", "registration_opens", "registration_closes"):
        if data[field] is not None:
            data[field] = _moved(data[field], days, tz)
    for event in data["events"]:
        event["start"] = _moved(event["start"], days, tz)
        if event["end"] is not None:
            event["end"] = _moved(event["end"], days, tz)
    _keep_starts_existing(data["agenda"], new_start_date, tz)
    data["status"] = MeetingStatus.DRAFT
    data["archived"] = False
    data["slug"] = slug if slug is not None else next_slug(meeting.slug, old_year, new_year)
    data["title"] = _with_year(data["title"], old_year, new_year)
    try:
        return Meeting.model_validate(data)
    except ValidationError as error:
        source = Words("agenda_copy.next_year", slug=repr(meeting.slug))
        raise invalid_input(error, data, source) from None


def year_shift(day: date) -> int:
    """364 or 371: the days that move `day` to its weekday nearest its date next year."""
    target = _same_date_next_year(day)
    return min(SHIFTS, key=lambda days: abs((day + timedelta(days=days) - target).days))


def next_slug(slug: str, old_year: int, new_year: int) -> str:
    """`slug` with `old_year` made `new_year`, or `-<new_year>` appended; never `slug`."""
    year = _year(old_year)
    if year.search(slug):
        renamed = year.sub(str(new_year), slug)
    else:
        renamed = _appended(slug, f"-{new_year}")
    return renamed if renamed != slug else _appended(slug, "-2")


def _appended(slug: str, suffix: str) -> str:
    return slug[: MAX_KEY - len(suffix)] + suffix


def _year(year: int) -> re.Pattern[str]:
    return re.compile(rf"(?<![0-9]){year}(?![0-9])")


def _with_year(title: str | dict[str, str], old_year: int, new_year: int) -> Any:
    year = _year(old_year)
    if isinstance(title, str):
        return year.sub(str(new_year), title)
    return {language: year.sub(str(new_year), text) for language, text in title.items()}


def _same_date_next_year(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return date(day.year + 1, 2, 28)


def _moved(moment: datetime, days: int, tz: ZoneInfo) -> datetime:
    """The same wall-clock time `days` later in `tz`; a time the clocks skip then moves on
    by the skipped hour (02:30 → 03:30)."""
    local = moment.astimezone(tz)
    wall = local.replace(tzinfo=None) + timedelta(days=days)
    shifted = wall.replace(tzinfo=tz, fold=local.fold)
    return shifted if clock.exists(shifted) else _after_gap(shifted, tz)


def _after_gap(moment: datetime, tz: ZoneInfo) -> datetime:
    """A skipped wall-clock time read with the offset before the change, as the clocks show
    it after: 02:30 (UTC+1) is 03:30 summer time."""
    return moment.replace(fold=0).astimezone(UTC).astimezone(tz)


def _keep_starts_existing(agenda: list[dict[str, Any]], first_day: date, tz: ZoneInfo) -> None:
    """Fixed starts (in a dumped agenda) that the clocks skip on their new date move on by
    the skipped hour. Items run on the day of the last `day` given before them."""
    day = 1
    for item in agenda:
        day = max(day, item["day"] or 1)
        on = first_day + timedelta(days=day - 1)
        pending = [item]
        while pending:
            entry = pending.pop()
            pending.extend(entry["items"])
            if entry["start"] is not None:
                entry["start"] = _existing_time(on, entry["start"], tz)


def _existing_time(on: date, start: time, tz: ZoneInfo) -> time:
    moment = clock.at(on, start, tz)
    if clock.exists(moment):
        return start
    return _after_gap(moment, tz).time().replace(tzinfo=None)
