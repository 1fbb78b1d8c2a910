"""Cells as form tools write them, read as values: e-mail addresses, names, submission
times, yes and no, lists of choices.

Form tools write dates the way their user's locale does: "05.03.2024 14:03:22" (Norwegian
Google Forms), "2024-03-05 14:03:22" (Swedish), "3/5/2024 2:03:22 PM" (American Microsoft
Forms), "5.3.2024 klo 14.03.22" (Finnish). Whether "03/05/2024" is the 3rd of May or the 5th
of March is decided once per column (`day_first`), from the cells that can only be read one
way, never guessed row by row.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone

from planner.search import folded


def email_key(email: str) -> str:
    """An e-mail address as duplicates are found by: trimmed, NFC, case-folded.

    >>> email_key("  Kari.Nordmann@KS.no ")
    'kari.nordmann@ks.no'
    """
    return unicodedata.normalize("NFC", email.strip()).casefold()


def name_key(name: str) -> str:
    """A name as likely duplicates are compared: folded, its words sorted ("Løvås, Øystein"
    and "Øystein Løvås" are one name)."""
    return " ".join(sorted(folded(name.replace(",", " ")).split()))


def organisation_key(organisation: str | None) -> str:
    return " ".join(folded(organisation or "").split())


ANONYMOUS = frozenset({"anonymous", "anonym", "anonyymi", "nafnlaus", "nafnlaust"})
"""What Microsoft Forms writes for the name and e-mail of someone not signed in."""


def cell_value(cell: str) -> str:
    """A cell's text without its outer space; a form tool's 'anonymous' is no value."""
    value = cell.strip()
    return "" if value.casefold() in ANONYMOUS else value


def full_name(given: str, family: str) -> str:
    return " ".join(part for part in (given.strip(), family.strip()) if part)


NO_ANSWER = frozenset(
    folded(word)
    for word in (
        "-",
        "--",
        "nei",
        "nej",
        "no",
        "none",
        "ingen",
        "inga",
        "ei",
        "ei ole",
        "engin",
        "nei takk",
        "nej tack",
        "nej tak",
        "n/a",
        "na",
        "ikke relevant",
        "inte aktuellt",
        "ikkje relevant",
        "ingen allergier",
        "ingen behov",
        "inga behov",
        "ingen særlige behov",
        "ei mitään",
        "ekkert",
    )
)
"""What people write in a diet or accessibility field when they have nothing to say."""


# -- yes and no --------------------------------------------------------------------------------

_YES = {
    "ja", "j", "yes", "y", "true", "sant", "x", "1", "kylla", "joo", "k", "ok", "jepp",
    "samtykker", "jeg samtykker", "eg samtykkjer", "jag samtycker", "jeg giver samtykke",
    "hyvaksyn", "eg samthykki", "i agree", "agree", "checked",
}  # fmt: skip
_NO = {"nei", "n", "nej", "no", "false", "usant", "0", "ei", "-", "unchecked"}


def yes_or_no(cell: str) -> bool | None:
    """True for yes in any of the languages ("Ja", "Kyllä", "Já", "x"), False for no, None
    for anything else (the row says what it could not read).

    >>> yes_or_no("Kyllä"), yes_or_no("Nej"), yes_or_no("kanskje")
    (True, False, None)
    """
    key = folded(cell.strip()).rstrip(".!")
    if not key or key in _NO:
        return False
    if key in _YES or key.startswith(("ja,", "ja ", "yes,", "yes ", "kylla,", "kylla ")):
        return True
    return None


def choices(cell: str) -> list[str]:
    """The choices in a cell of a multiple-choice question: Google Forms and Nettskjema
    separate them with ', ' or ';', Microsoft Forms with ';'."""
    parts = re.split(r";|\n|,(?=\s)", cell) if cell.strip() else []
    return [part.strip() for part in parts if part.strip()]


# -- submission times --------------------------------------------------------------------------

_ISO = re.compile(
    r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"(?:[T ,]+(?:klo\.?\s*|kl\.?\s*)?(?P<time>[^+Z]*?))?\s*"
    r"(?P<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
)
_LOCAL = re.compile(
    r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{2}|\d{4})\.?"
    r"(?:[T ,]+(?:klo\.?\s*|kl\.?\s*)?(?P<time>.*?))?\s*"
    r"(?P<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
)
_ZONE_NAME = re.compile(r"\s+(?!AM$|PM$)(?:CET|CEST|EET|EEST|WET|WEST|[ECMP][SD]T)$")
"""A zone's abbreviation after the time (Google Forms: "2:03:22 PM CET"): the meeting's zone
is the one meant, and the abbreviation says nothing an offset would not."""
_TIME = re.compile(
    r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2})(?:[.,]\d+)?)?\s*"
    r"(?P<half>am|pm|a\.m\.|p\.m\.|fm|em|f\.m\.|e\.m\.)?",
    re.IGNORECASE,
)


def slash_order(cells: Iterable[str]) -> bool:
    """Whether a column's dates like 03/05/2024 put the day first: yes when one of them
    can only be read that way (13/05/2024) or the column writes dots (05.03.2024); no when
    one can only be read month first (05/13/2024) or the column writes AM/PM."""
    day_first_votes = month_first_votes = 0
    for cell in cells:
        match = _LOCAL.fullmatch(cell.strip())
        if not match:
            continue
        a, b = int(match["a"]), int(match["b"])
        if match["sep"] == "." or a > 12:
            day_first_votes += 1
        elif b > 12 or re.search(r"[ap]\.?m\.?", cell, re.IGNORECASE):
            month_first_votes += 1
    return day_first_votes >= month_first_votes


def parse_submitted(cell: str, *, day_first: bool = True) -> datetime | None:
    """A form tool's submission time: naive (wall-clock in the meeting's zone) unless the
    cell gives its offset. None when the cell cannot be read as a time.

    >>> parse_submitted("05.03.2024 14:03:22")
    datetime.datetime(2024, 3, 5, 14, 3, 22)
    >>> parse_submitted("3/5/2024 2:03:22 PM", day_first=False)
    datetime.datetime(2024, 3, 5, 14, 3, 22)
    """
    text = _ZONE_NAME.sub("", " ".join(cell.split()))
    if not text or len(text) > 60:
        return None
    if (match := _ISO.fullmatch(text)) is not None:
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    elif (match := _LOCAL.fullmatch(text)) is not None:
        a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
        year += 2000 if year < 100 else 0
        day, month = (a, b) if day_first or match["sep"] == "." else (b, a)
    else:
        return None
    clock = _clock(match["time"] or "")
    if clock is None:
        return None
    try:
        moment = datetime(year, month, day, *clock)
    except ValueError:
        return None
    zone = _zone(match["zone"])
    return moment.replace(tzinfo=zone) if zone else moment


def combine(date_cell: str, time_cell: str) -> str:
    """pretix gives the order's date and time in two columns."""
    return f"{date_cell.strip()} {time_cell.strip()}".strip()


def _clock(text: str) -> tuple[int, int, int] | None:
    text = text.strip()
    if not text:
        return (0, 0, 0)
    match = _TIME.fullmatch(text)
    if match is None:
        return None
    hour, minute, second = int(match["h"]), int(match["mi"]), int(match["s"] or 0)
    half = (match["half"] or "").lower().replace(".", "")
    if half in ("pm", "em") and hour < 12:
        hour += 12
    elif half in ("am", "fm") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _zone(text: str | None) -> timezone | None:
    if not text:
        return None
    if text in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    if offset > timedelta(hours=14):
        return None
    return timezone(sign * offset)
