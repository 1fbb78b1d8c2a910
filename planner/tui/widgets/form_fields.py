"""What a form is made of: its fields, each named by its key path in the model's terms
(`venue.name`), with the kind of input it takes and the words it shows (its label from the
catalogue's `field` group by that path, a hint from `field_hint`), and headings between them.

A screen declares its fields once, as a tuple of these:

    MEETING_FIELDS = (Heading("when"), line("timezone"), moment("start", hint="start"), …)
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum, StrEnum

from planner.model.text import LANGUAGES


class Kind(Enum):
    LINE = "line"
    PARAGRAPHS = "paragraphs"
    CHOICE = "choice"
    NUMBER = "number"
    """A whole number, or text the model reads itself (a duration such as 1h30)."""
    MOMENT = "moment"
    """A date and time, a date, or a clock time, written as text."""
    FLAG = "flag"
    TEXT_LINE = "text_line"
    """A multilingual line: a title, a room."""
    TEXT_PARAGRAPHS = "text_paragraphs"
    """Multilingual free text: a description."""


MULTILINGUAL = frozenset({Kind.TEXT_LINE, Kind.TEXT_PARAGRAPHS})


class Field:
    """One field of a form: where its value goes, how it is entered, and its words."""

    def __init__(
        self,
        path: str,
        kind: Kind = Kind.LINE,
        *,
        label: str = "",
        hint: str = "",
        choices: Sequence[tuple[object, str]] = (),
        group: str = "",
        blank: bool = True,
    ) -> None:
        self.path = path
        self.kind = kind
        self.label = label or path
        """Its key in the catalogue's `field` group."""
        self.hint = hint
        """Its key in `field_hint`, shown in the empty input (how to write a date)."""
        self.choices = tuple(choices)
        """For a choice: (value, its key in `group`)."""
        self.group = group
        self.blank = blank
        """Whether a choice may be left empty."""

    @property
    def multilingual(self) -> bool:
        return self.kind in MULTILINGUAL

    @property
    def input_id(self) -> str:
        return "f-" + self.path.replace(".", "--")


class Heading:
    """A heading between groups of fields; its words are `form.<key>`."""

    def __init__(self, key: str) -> None:
        self.key = key


Entry = Field | Heading


def line(path: str, **words: str) -> Field:
    return Field(path, Kind.LINE, **words)


def paragraphs(path: str, **words: str) -> Field:
    return Field(path, Kind.PARAGRAPHS, **words)


def number(path: str, **words: str) -> Field:
    return Field(path, Kind.NUMBER, **words)


def moment(path: str, **words: str) -> Field:
    return Field(path, Kind.MOMENT, **words)


def flag(path: str, **words: str) -> Field:
    return Field(path, Kind.FLAG, **words)


def text_line(path: str, **words: str) -> Field:
    return Field(path, Kind.TEXT_LINE, **words)


def text_paragraphs(path: str, **words: str) -> Field:
    return Field(path, Kind.TEXT_PARAGRAPHS, **words)


def choice(path: str, values: type[StrEnum], group: str, *, blank: bool = True) -> Field:
    """A choice among an enumeration's values, shown with their labels in `group`."""
    return Field(
        path, Kind.CHOICE, choices=[(v.value, v.value) for v in values], group=group, blank=blank
    )


def picked(path: str, *, blank: bool = True, **words: str) -> Field:
    """A choice whose options the screen gives the form (the meeting's people)."""
    return Field(path, Kind.CHOICE, blank=blank, **words)


def yes_no(path: str) -> Field:
    """A yes or no that may also be left to Planner (`numbered`: None is automatic)."""
    return Field(path, Kind.CHOICE, choices=[(True, "yes"), (False, "no")], group="choice")


def language_options(language: str) -> list[tuple[object, str]]:
    """Every language Planner writes, as a choice: 'sv – svenska'."""
    from planner.i18n import language_name

    options: list[tuple[object, str]] = []
    for code in LANGUAGES:
        try:
            name = language_name(code, language)
        except Exception:  # babel may lack a name for a language in another: show the code
            name = code
        options.append((code, f"{code} – {name}"))
    return options
