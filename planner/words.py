"""Every sentence Planner says, in the language the user chose: one catalogue for the model's,
the store's, the app's and the command line's words.

A text is asked for by its key, "group.name", from the label files in `templates/labels/`
(see `planner.i18n`), with its {placeholders} filled:

    say("ui.saved", "nb", version=3)          -> 'Lagret (versjon 3)'
    say("cli_check.registrations", "sv", count=2)   -> '2 anmälningar'

An entry whose text is a mapping of plural categories picks the form for `count` by the
language's CLDR rules (Babel): `{en: {one: "{count} person", other: "{count} people"}}`.

Code below the app does not know the user's language when it raises: it raises with a `Words`
(the key and its values), and the text is made where the user reads it, in the language
chosen there (`str(words)` is the text in the current language):

    raise NotFound(Words("store_conflict.no_registration", id=7, location=location))

The current language is set once by the command line or the app (`set_language`); a block
can speak another (`with speaking("sv"): ...`).

A value is said in the same language as the sentence around it when it can be (anything
`Sayable`): `Words`, an error (`PlannerError.in_language`), a list (`Listed(["a", "b", "c"])`:
"a, b and c", "a, b og c"), texts one after the other (`Joined(parts, "; ")`), a label inside
a sentence (`Lowered(Words("part.panellist"))`: "panellist") and a large number
(`Number(1000000)`: "1,000,000", "1 000 000").

A rule below pydantic raises `ValueError(Words(...))`; whoever catches it and words a sentence
of their own around it takes the words back unsaid with `unsaid(error)`.

A label missing in the chosen language falls back to the languages given (a Sámi meeting
names Norwegian), then English. With $PLANNER_STRICT_WORDS set (the tests set it), a label
missing from the catalogue, or missing in the language and every fallback given, is shown as
`⟦key:language⟧` instead of English, so no test can pass on a silent fallback.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any, Protocol, runtime_checkable

STRICT_ENV = "PLANNER_STRICT_WORDS"
DEFAULT_LANGUAGE = "en"

_language = DEFAULT_LANGUAGE
_speaking: ContextVar[str | None] = ContextVar("speaking", default=None)


def current_language() -> str:
    """The language the user reads now: a `speaking` block's, else the one set."""
    return _speaking.get() or _language


def set_language(language: str) -> None:
    """The language of everything said from now on (the command line and the app set it)."""
    global _language
    _language = language or DEFAULT_LANGUAGE


@contextmanager
def speaking(language: str | None) -> Iterator[None]:
    """Say everything in `language` inside the block (None: no change)."""
    token = _speaking.set(language or _speaking.get())
    try:
        yield
    finally:
        _speaking.reset(token)


def say(
    key: str, language: str | None = None, /, *, fallbacks: Iterable[str] = (), **values: Any
) -> str:
    """The text of `key` ("group.name") in `language` (default: the current language), with
    each {name} filled from `values`; `count` also picks the plural form."""
    language = language or current_language()
    group, _, name = key.partition(".")
    entry = _entry(group, name)
    if entry is None:
        return _missing(key, language) if _strict() else key
    text = _text(entry, language, tuple(fallbacks))
    if text is None:
        return _missing(key, language)
    if isinstance(text, Mapping):
        text = _plural(text, language, values.get("count", 0))
    from planner import i18n

    return i18n.fill(text, {k: _shown(v, language) for k, v in values.items()})


@runtime_checkable
class Sayable(Protocol):
    """Anything said in a language when it is shown: Words, an error, a list, a number."""

    def in_language(self, language: str | None = None) -> str: ...


class Words:
    """A sentence not yet said: its key and values. `str()` says it in the current
    language, `in_language()` in a given one. Values that are `Words` are said in the same
    language."""

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values: Any) -> None:
        self.key = key
        self.values = values

    def in_language(self, language: str | None = None) -> str:
        return say(self.key, language, **self.values)

    def __str__(self) -> str:
        return self.in_language()

    def __repr__(self) -> str:
        return f"Words({self.key!r}, **{self.values!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Words) and (self.key, self.values) == (other.key, other.values)

    def __hash__(self) -> int:
        return hash(self.key)


class _Said:
    """What the values said in a sentence share: equal when of one kind with equal parts."""

    __slots__: tuple[str, ...] = ()

    def _parts(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._parts() == other._parts()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(type(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}{self._parts()!r}"

    def __str__(self) -> str:
        return self.in_language()  # type: ignore[attr-defined]


class Listed(_Said):
    """Items said as a list in the reader's language: "a, b and c" (en), "a, b og c" (nb);
    with `style="or"`, "a, b or c". Items may be Words too."""

    __slots__ = ("items", "style")

    def __init__(self, items: Iterable[Any], style: str = "and") -> None:
        self.items = list(items)
        self.style = style

    def in_language(self, language: str | None = None) -> str:
        from babel.lists import format_list

        from planner import i18n

        language = language or current_language()
        shown = [_shown(item, language) for item in self.items]
        style = "standard" if self.style == "and" else self.style
        return format_list(shown, style=style, locale=i18n.babel_locale(language))


class Joined(_Said):
    """Texts said one after the other with `separator` between: sentences on lines of their
    own ("\n"), parts of a description ("; ")."""

    __slots__ = ("items", "separator")

    def __init__(self, items: Iterable[Any], separator: str) -> None:
        self.items = list(items)
        self.separator = separator

    def in_language(self, language: str | None = None) -> str:
        language = language or current_language()
        return self.separator.join(_shown(item, language) for item in self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


class Lowered(_Said):
    """A label said in lower case inside a sentence: 'panellist' of 'Panellist'."""

    __slots__ = ("text",)

    def __init__(self, text: Any) -> None:
        self.text = text

    def in_language(self, language: str | None = None) -> str:
        return _shown(self.text, language or current_language()).lower()


class Number(_Said):
    """A number written the reader's way: 1,000,000 (en), 1 000 000 (nb), 1.000.000 (da)."""

    __slots__ = ("value",)

    def __init__(self, value: int | float) -> None:
        self.value = value

    def in_language(self, language: str | None = None) -> str:
        from babel.numbers import format_decimal

        from planner import i18n

        language = language or current_language()
        return format_decimal(self.value, locale=i18n.babel_locale(language))


def said(text: Any, language: str | None = None) -> str:
    """A text that may or may not still need saying, in `language`."""
    return _shown(text, language or current_language())


def unsaid(error: BaseException) -> str | Words:
    """What an exception says, not yet said when it is Words: to pass on into a sentence of
    its own (`ValueError(Words(...))` raised by a rule, reworded where it is caught)."""
    if len(error.args) == 1 and isinstance(error.args[0], Words):
        return error.args[0]
    return str(error)


def known(key: str) -> bool:
    """Whether the catalogue has `key` ("group.name")."""
    group, _, name = key.partition(".")
    return _entry(group, name) is not None


def strict() -> bool:
    """Whether a missing label shows as ⟦key:language⟧ (in tests) rather than falling back."""
    return _strict()


def _shown(value: Any, language: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Sayable):
        return value.in_language(language)
    return str(value)


def _entry(group: str, name: str) -> Mapping[str, Any] | None:
    from planner import i18n
    from planner.errors import PlannerError

    try:
        catalogue = i18n.catalogue()
    except PlannerError:
        # A secretariat's labels.yaml that cannot be read is reported where labels are
        # looked up; meanwhile every sentence, that report included, is said in Planner's own.
        catalogue = i18n.built_in_labels()
    return catalogue.get(group, {}).get(name)


def _text(entry: Mapping[str, Any], language: str, fallbacks: tuple[str, ...]) -> Any:
    for choice in (language, *fallbacks):
        if choice in entry:
            return entry[choice]
    if _strict():
        return None
    if DEFAULT_LANGUAGE in entry:
        return entry[DEFAULT_LANGUAGE]
    return next(iter(entry.values()), None)


def _plural(forms: Mapping[str, str], language: str, count: Any) -> str:
    category = _plural_rule(language)(abs(count) if isinstance(count, int | float) else 0)
    return forms.get(category) or forms.get("other") or next(iter(forms.values()))


@cache
def _plural_rule(language: str):
    from babel import Locale

    from planner import i18n

    try:
        return Locale.parse(i18n.babel_locale(language)).plural_form
    except (ValueError, LookupError):
        return Locale.parse("en").plural_form


def _missing(key: str, language: str) -> str:
    return f"⟦{key}:{language}⟧"


def _strict() -> bool:
    return bool(os.environ.get(STRICT_ENV))
