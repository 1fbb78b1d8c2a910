"""Text types shared by the model: single lines, paragraphs, keys and multilingual text."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import AfterValidator, BeforeValidator, RootModel, model_validator

Language = Literal["nb", "nn", "sv", "da", "en"]
LANGUAGES: tuple[str, ...] = get_args(Language)

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def clean_line(value: str) -> str:
    """NFC-normalise and fold any line breaks or control characters into single spaces.

    A name or title that arrives with CR/LF from a form export stays one line: it can never
    add a header to an e-mail or a line to a calendar file.
    """
    value = unicodedata.normalize("NFC", value)
    value = " ".join(_CONTROL.sub(" ", value).split())
    if not value:
        raise ValueError("must not be empty")
    return value


def clean_paragraphs(value: str) -> str:
    """NFC-normalise, unify line endings, drop other control characters and outer blank space."""
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    value = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", value).strip()
    if not value:
        raise ValueError("must not be empty")
    return value


def _require_str(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError("must be text")
    return value


def check_key(value: str) -> str:
    if not _KEY.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a usable key: use lower-case letters a-z, digits, '-' or '_' "
            "(at most 64), starting with a letter or digit, e.g. 'jan-tore-sanner'"
        )
    return value


Line = Annotated[str, BeforeValidator(_require_str), AfterValidator(clean_line)]
"""One line of text: a name, a title, a room."""

Paragraphs = Annotated[str, BeforeValidator(_require_str), AfterValidator(clean_paragraphs)]
"""Free text that may span lines: a description, notes."""

Key = Annotated[str, BeforeValidator(_require_str), AfterValidator(check_key)]
"""An identifier other parts of the meeting refer to: a slug, a person's key, a topic's key."""


class _Multilingual(RootModel[str | dict[Language, str]]):
    """Text in one language, or a map from language (nb, nn, sv, da, en) to text.

    A plain string is in the meeting's language. Which text a reader gets is decided by
    `in_language`: the one asked for, else the meeting's language, else the first given.
    """

    single_line: ClassVar[bool] = False

    @classmethod
    def _clean(cls, text: str) -> str:
        return clean_line(text) if cls.single_line else clean_paragraphs(text)

    @model_validator(mode="before")
    @classmethod
    def _check_shape(cls, value: Any) -> Any:
        if isinstance(value, cls):
            return value.root
        if isinstance(value, str):
            return cls._clean(value)
        if not isinstance(value, dict) or not value:
            raise ValueError(
                "give the text, or a map from language (nb, nn, sv, da, en) to the text"
            )
        cleaned = {}
        for language, text in value.items():
            if language not in LANGUAGES:
                raise ValueError(f"unknown language {language!r}: use {', '.join(LANGUAGES)}")
            if not isinstance(text, str):
                raise ValueError(f"the {language} text must be text")
            try:
                cleaned[language] = cls._clean(text)
            except ValueError as error:
                raise ValueError(f"the {language} text {error}") from None
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
    """Multilingual free text that may span lines (descriptions)."""


class MultilingualLine(_Multilingual):
    """A multilingual single line (titles, names)."""

    single_line: ClassVar[bool] = True
