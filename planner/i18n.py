"""Labels, dates and clock times in the languages Planner writes.

Labels (the words Planner prints around the secretariat's own text: kinds, statuses, parts,
headings, warnings, the app's own words) come from the files in `templates/labels/`, which
cover every label in the languages of `LABELLED`; a test proves it. A secretariat may add its
own `labels.yaml` beside `config.toml` (`~/.config/planner/` on Linux) to reword a label or
add a language such as Northern Sámi, without touching the code. A label missing in a
language falls back to the languages the meeting names (its own language first), then to
English.

Weekdays are never typed, always computed (20 November 2018 was a Tuesday). Norwegian,
Danish, Finnish, Icelandic, Faroese and Greenlandic write clock times 10.00; Swedish and
English 10:00.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel.dates import format_date

from planner.resources import data_dir

LABELLED = ("nb", "nn", "sv", "da", "fi", "is", "en")
"""The languages every built-in label is given in."""
_BABEL_LOCALE = {
    "nb": "nb_NO",
    "nn": "nn_NO",
    "sv": "sv_SE",
    "da": "da_DK",
    "fi": "fi_FI",
    "is": "is_IS",
    "se": "se_NO",
    "fo": "fo_FO",
    "kl": "kl_GL",
    "en": "en_GB",
}
_COLON = {"sv", "en"}
EN_DASH = "–"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
"""Planner's own label files hold only text: read as text (no `no` read as false), by libyaml
where PyYAML has it, ten times faster than the pure-Python safe loader."""

Catalogue = dict[str, dict[str, dict[str, Any]]]
"""{group: {key: {language: text}}}; a text may be a map of plural forms (see planner.words)."""


@cache
def built_in_labels() -> Catalogue:
    """Every file in templates/labels/, each holding its own groups (a group in two files
    is a mistake, refused here so it cannot silently shadow)."""
    catalogue: Catalogue = {}
    for path in sorted((data_dir("templates") / "labels").glob("*.yaml")):
        with open(path, encoding="utf-8") as handle:
            groups = yaml.load(handle, Loader=_LOADER) or {}
        for group, entries in groups.items():
            if group in catalogue:
                raise RuntimeError(f"label group {group!r} is in two files (again in {path})")
            catalogue[group] = entries
    return catalogue


@lru_cache(maxsize=4)
def _catalogue(own: Path | None, stamp: object = None) -> Catalogue:
    """The built-in labels with the secretariat's own (if any) laid over them; `stamp` tells
    one version of the secretariat's file from another (see `catalogue`)."""
    merged = {
        group: {key: dict(entry) for key, entry in entries.items()}
        for group, entries in built_in_labels().items()
    }
    for group, entries in _own_labels(own).items():
        for key, entry in entries.items():
            merged.setdefault(group, {}).setdefault(key, {}).update(entry)
    return merged


_reading_own_labels = False
"""True while a secretariat's labels.yaml is read: what is said about it meanwhile (its
problems) is said with the built-in labels."""


def catalogue() -> Catalogue:
    """Every label: the built-in ones with the secretariat's own laid over them."""
    if _reading_own_labels:
        return built_in_labels()
    own = own_labels_file()
    return _catalogue(own, _stamp(own))


def _stamp(path: Path | None) -> tuple[int, int, int] | None:
    """Which version of a file this is: a labels.yaml written, changed or removed after
    Planner read it (while the app runs) is read again."""
    try:
        found = path.stat() if path is not None else None
    except (OSError, ValueError):
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns) if found else None


def babel_locale(language: str) -> str:
    """Babel's locale for a content language: 'nb_NO' for 'nb'."""
    return _BABEL_LOCALE.get(language, language)


def _own_labels(path: Path | None) -> Catalogue:
    """A secretariat's labels.yaml: {group: {key: {language: text}}}; anything else is
    refused with a message naming the file."""
    from planner.errors import BadInput
    from planner.settings_files import read_labels
    from planner.words import Words

    global _reading_own_labels
    if path is None:
        return {}
    _reading_own_labels = True
    try:
        data = read_labels(path) or {}
        if not _is_catalogue(data):
            # Said now, with the built-in labels: said later, the file would be read again.
            raise BadInput(str(Words("config_file.labels_shape", path=str(path))))
    finally:
        _reading_own_labels = False
    return data


PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})
"""CLDR's plural categories: a label's text may be a map of these to text (planner.words)."""


def _is_catalogue(data: Any) -> bool:
    return isinstance(data, dict) and all(
        isinstance(entries, dict)
        and all(
            isinstance(entry, dict)
            and all(isinstance(k, str) and _is_text(v) for k, v in entry.items())
            for entry in entries.values()
        )
        for entries in data.values()
    )


def _is_text(value: Any) -> bool:
    """A text, or its plural forms: {one: "{count} sak", other: "{count} saker"}."""
    if isinstance(value, dict):
        return bool(value) and all(
            form in PLURAL_CATEGORIES and isinstance(text, str) for form, text in value.items()
        )
    return isinstance(value, str)


def own_labels_file() -> Path | None:
    from planner import config

    return config.config_file().parent / "labels.yaml"


def label(group: str, key: str, language: str, fallbacks: Iterable[str] = ()) -> str:
    """A word from the labels, e.g. label('item_kind', 'break', 'nb') -> 'Pause'.

    A language the labels lack falls back to `fallbacks` in order (the languages the meeting
    names), then to English.
    """
    entry = catalogue()[group][key]
    for choice in (language, *fallbacks, "en"):
        if choice in entry:
            return entry[choice]
    return next(iter(entry.values()))


def fill(template: str, values: Mapping[str, str]) -> str:
    """`template` with each {name} replaced by its value. Only plain names are filled: a
    label from a secretariat's file can never reach into the values."""
    return _PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), template)


def language_name(language: str, in_language: str) -> str:
    """'norsk bokmål' for ('nb', 'nb'); 'Finnish' for ('fi', 'en')."""
    from babel import Locale

    name = Locale.parse(language).get_display_name(_BABEL_LOCALE.get(in_language, in_language))
    return name or language


def format_clock(moment: time | datetime, language: str) -> str:
    separator = ":" if language in _COLON else "."
    return f"{moment.hour:02d}{separator}{moment.minute:02d}"


def format_span(start: time | datetime, end: time | datetime | None, language: str) -> str:
    """'10.00–10.15' (nb) or '10:00–10:15' (sv); '17.00' for a milestone or an open end."""
    if end is None or end == start:
        return format_clock(start, language)
    return f"{format_clock(start, language)}{EN_DASH}{format_clock(end, language)}"


def format_day(day: date | datetime, language: str) -> str:
    """'tirsdag 20. november 2018' (nb), 'tisdag 20 november 2018' (sv), 'Tuesday 20 November
    2018' (en)."""
    if isinstance(day, datetime):
        day = day.date()
    text = format_date(day, format="full", locale=_BABEL_LOCALE.get(language, language))
    return text.replace(",", "") if language == "en" else text


def format_date_short(day: date | datetime, language: str) -> str:
    """'20.11.2018' (nb), '2018-11-20' (sv), '20/11/2018' (en)."""
    if isinstance(day, datetime):
        day = day.date()
    return format_date(day, format="short", locale=_BABEL_LOCALE.get(language, language))


def format_minutes(minutes: int, language: str) -> str:
    """95 -> '1 t 35 min' (nb) or '1 h 35 min' (en); 45 -> '45 min'."""
    hours, rest = divmod(minutes, 60)
    hour = label("word", "hour_short", language)
    minute = label("word", "minute_short", language)
    if not hours:
        return f"{rest} {minute}"
    return f"{hours} {hour} {rest} {minute}" if rest else f"{hours} {hour}"


def format_date_long(day: date | datetime, language: str) -> str:
    """'30. oktober 2014' (nb), '30 oktober 2014' (sv), '30 October 2014' (en): a date
    written out without its weekday, as a notice is dated."""
    if isinstance(day, datetime):
        day = day.date()
    return format_date(day, format="long", locale=_BABEL_LOCALE.get(language, language))
