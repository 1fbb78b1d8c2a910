"""Text types shared by the model: single lines, paragraphs, keys and multilingual text.

Every text is cleaned the same way before it is kept, so what is stored is what a reader sees:

- terminal escape sequences (`\\x1b[31m`) are removed whole;
- bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which can
  make "txt.exe" display as "exe.txt", are removed;
- control characters (U+0000–U+001F, U+007F–U+009F) are removed; line breaks and tabs fold
  into one space in a line, and line breaks stay `\\n` in paragraphs;
- invisible characters (zero-width space U+200B, word joiner U+2060, BOM U+FEFF, U+180E, soft
  hyphen U+00AD, invisible operators) are removed; the joiners U+200C/U+200D stay only between
  two visible characters, where Persian names and emoji need them;
- the text is NFC-normalised, so "å" typed two ways is one name.

A text with nothing visible left is empty, and refused: a title of zero-width spaces is not a
title. Each kind of text has a length limit (see `planner.model.limits`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import (
    AfterValidator,
    BeforeValidator,
    RootModel,
    WithJsonSchema,
    model_validator,
)

from planner.model.limits import MAX_KEY, MAX_LINE, MAX_NAME, MAX_PARAGRAPHS
from planner.model.patterns import anchored
from planner.words import Number, Words, unsaid

Language = Literal["nb", "nn", "sv", "da", "fi", "is", "se", "fo", "kl", "en"]
"""The languages of the Nordic region Planner writes: Norwegian (Bokmål, Nynorsk), Swedish,
Danish, Finnish, Icelandic, Northern Sámi, Faroese, Greenlandic, and English."""
LANGUAGES: tuple[str, ...] = get_args(Language)

_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor movement (ESC [ 31 m)
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the same, as one C1 character
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS…
    r"|\x1b[ -/]*[0-~]?"  # the short forms (ESC c, ESC ( B) and a lone ESC
)
_BREAKS = "\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u00ad\u180e\u200b\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"
_DROPPED = re.compile(
    f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI}{_INVISIBLE}\ud800-\udfff\ufffe\uffff]+"
)  # once every break is a space or \n: the other controls, bidi, invisible, lone surrogates
_LINE_BREAKS = re.compile(f"\r\n|[{_BREAKS}]")
_LOOSE_JOINER = re.compile(
    r"(?:(?<=[\s\u200c\u200d])|^)[\u200c\u200d]|[\u200c\u200d](?=[\s\u200c\u200d]|\Z)"
)  # a joiner (ZWNJ, ZWJ) not between two visible characters
_BLANK = frozenset("\u034f\u115f\u1160\u2800\u3164\uffa0")
"""Characters that show as nothing but are not spaces to Unicode (Hangul fillers, blank Braille)."""
_KEY = re.compile(f"[a-z0-9][a-z0-9_-]{{0,{MAX_KEY - 1}}}")


def _strip_invisible(value: str, line_break: str) -> str:
    """Remove escapes, controls, bidi and invisible characters; breaks become `line_break`."""
    value = _ESCAPE_SEQUENCE.sub("", value)
    value = _LINE_BREAKS.sub(line_break, value).replace("\t", " ")
    value = _DROPPED.sub("", value)
    value = _LOOSE_JOINER.sub("", value)
    return unicodedata.normalize("NFC", value)


def _is_visible(value: str) -> bool:
    return any(
        not ch.isspace()
        and ch not in _BLANK
        and unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Mn", "Me", "Zs", "Zl", "Zp")
        for ch in value
    )


def _checked(value: str, limit: int) -> str:
    if not _is_visible(value):
        raise ValueError(Words("model_text.empty"))
    if len(value) > limit:
        raise ValueError(
            Words("model_text.too_long", limit=Number(limit), length=Number(len(value)))
        )
    return value


def clean_line(value: str, limit: int | None = None) -> str:
    """One line of text as it is kept; ValueError if nothing visible is left (or over `limit`).

    A name that arrives as "Kari\\r\\nNordmann\\u202e\\x1b[31m" from a form export is kept as
    "Kari Nordmann": one line that can never add a header to an e-mail or a line to a
    calendar file, nor reverse or colour the text around it.
    """
    value = " ".join(_strip_invisible(value, " ").split())
    return _checked(value, len(value) if limit is None else limit)


def clean_paragraphs(value: str, limit: int = MAX_PARAGRAPHS) -> str:
    """Free text as it is kept: line breaks unified to `\\n`, tabs as spaces, outer space gone."""
    return _checked(_strip_invisible(value, "\n").strip(), limit)


def printable(value: str) -> str:
    """`value` safe to print on a terminal, on one line; never raises.

    The same characters as `clean_line` are removed, terminal escape sequences included, and
    line breaks fold into spaces: printable("Kari\\x1b[2J\\nNordmann\\u202e") is
    "Kari Nordmann". For text read back from a workspace or a file, and the actor's name.
    """
    if not isinstance(value, str):
        value = str(value)
    return " ".join(_strip_invisible(value, " ").split())


def paragraphs(text: str | None) -> list[str]:
    """A text's paragraphs, each on one line: split at blank lines, and at lines that start
    a point of a list ('1. …', '- …'); the other line breaks of the source are only where
    the writer's editor wrapped."""
    if not text:
        return []
    found: list[str] = []
    for block in re.split(r"\n\s*\n", str(text)):
        lines: list[str] = []
        for line in block.split("\n"):
            if lines and not re.match(r"\s*(\d+[.)]|[-–•*])\s", line):
                lines[-1] += " " + line.strip()
            elif line.strip():
                lines.append(line.strip())
        found += [" ".join(line.split()) for line in lines]
    return found


def _require_str(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(Words("model_text.must_be_text"))
    return value


def check_key(value: str) -> str:
    if not _KEY.fullmatch(value):
        raise ValueError(Words("model_text.bad_key", value=_shown(value), limit=MAX_KEY))
    return value


def _shown(value: str, limit: int = 40) -> str:
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")


def _line_type(limit: int) -> Any:
    return Annotated[
        str,
        BeforeValidator(_require_str),
        AfterValidator(lambda value: clean_line(value, limit)),
        WithJsonSchema({"type": "string", "minLength": 1, "maxLength": limit}),
    ]


Line = _line_type(MAX_LINE)
"""One line of text: a title, a room, an address; at most MAX_LINE (300) characters."""

Name = _line_type(MAX_NAME)
"""A person's name: one line of at most MAX_NAME (200) characters."""

Paragraphs = Annotated[
    str,
    BeforeValidator(_require_str),
    AfterValidator(clean_paragraphs),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_PARAGRAPHS}),
]
"""Free text that may span lines: a description, notes; at most MAX_PARAGRAPHS (20,000)."""

Key = Annotated[
    str,
    BeforeValidator(_require_str),
    AfterValidator(check_key),
    WithJsonSchema({"type": "string", "pattern": anchored(_KEY.pattern)}),
]
"""An identifier other parts of the meeting refer to: a slug, a person's key, a topic's key."""


class _Multilingual(RootModel[str | dict[Language, str]]):
    """Text in one language, or a map from language (one of LANGUAGES) to text.

    A plain string is in the meeting's language. Which text a reader gets is decided by
    `in_language`: the one asked for, else the meeting's language, else the first given.
    """

    single_line: ClassVar[bool] = False

    @classmethod
    def _clean(cls, text: str) -> str:
        return clean_line(text, MAX_LINE) if cls.single_line else clean_paragraphs(text)

    @model_validator(mode="before")
    @classmethod
    def _check_shape(cls, value: Any) -> Any:
        if isinstance(value, _Multilingual):
            value = value.root
        if isinstance(value, str):
            return cls._clean(value)
        if not isinstance(value, dict) or not value:
            raise ValueError(Words("model_text.text_or_map", languages=", ".join(LANGUAGES)))
        cleaned = {}
        for language, text in value.items():
            if language not in LANGUAGES:
                shown = _shown(language) if isinstance(language, str) else repr(language)
                raise ValueError(
                    Words(
                        "model_text.unknown_language", value=shown, languages=", ".join(LANGUAGES)
                    )
                )
            if not isinstance(text, str):
                raise ValueError(Words("model_text.language_not_text", language=language))
            try:
                cleaned[language] = cls._clean(text)
            except ValueError as error:
                problem = unsaid(error)
                raise ValueError(
                    Words("model_text.in_language", language=language, problem=problem)
                ) from None
        return cleaned

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this text is given in; () for a plain string."""
        return tuple(self.root) if isinstance(self.root, dict) else ()

    def in_language(self, language: str | None = None, fallback: str | None = None) -> str:
        if isinstance(self.root, str):
            return self.root
        for choice in (language, fallback):
            if choice in self.root:
                return self.root[choice]
        return next(iter(self.root.values()))

    def __str__(self) -> str:
        return self.in_language()


class MultilingualText(_Multilingual):
    """Multilingual free text that may span lines (descriptions); MAX_PARAGRAPHS per language."""


class MultilingualLine(_Multilingual):
    """A multilingual single line (titles, names); MAX_LINE (300) characters per language."""

    single_line: ClassVar[bool] = True
