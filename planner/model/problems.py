"""Problems at the field they concern: cross-field rules report them like pydantic's own
errors, and every ValidationError is told to the user the same way (`said`, `invalid_input`):
at its field in the data's own terms, in words without pydantic's type names."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from planner.words import Listed, Words, strict, unsaid

Loc = tuple[str | int, ...]


class Problems:
    """Collects (location, message) pairs and raises them together as one ValidationError."""

    def __init__(self, title: str):
        self.title = title
        self._found: list[InitErrorDetails] = []

    def add(self, loc: Sequence[str | int], message: str | Words, value: object = None) -> None:
        # The message goes in as context, so braces in user data are never format fields;
        # Words stay unsaid until the problem is shown (`said`).
        error = PydanticCustomError("planner_rule", "{message}", {"message": message})
        self._found.append(InitErrorDetails(type=error, loc=tuple(loc), input=value))

    def __bool__(self) -> bool:
        return bool(self._found)

    def raise_if_any(self) -> None:
        if self._found:
            raise ValidationError.from_exception_data(self.title, self._found)


def format_loc(loc: Sequence[str | int]) -> str:
    """('agenda', 2, 'items', 0, 'title') -> 'agenda[2].items[0].title'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


PYDANTIC_SAID: dict[str, tuple[str, ...]] = {
    "missing": (),
    "extra_forbidden": (),
    # pydantic names its own types here ("instance of AgendaItem"): say it in file terms.
    "model_type": (),
    "model_attributes_type": (),
    "dict_type": (),
    "list_type": (),
    "string_type": (),
    "bool_type": (),
    "bool_parsing": (),
    "int_type": (),
    "int_parsing": (),
    "int_from_float": (),
    "greater_than_equal": ("ge",),
    "enum": ("expected",),
    "literal_error": ("expected",),
    "url_type": (),
    "url_parsing": ("error",),
    "url_scheme": ("expected_schemes",),
    "url_too_long": ("max_length",),
    "json_invalid": ("error",),
}
"""The kinds of pydantic error Planner's model can produce, each said by the label
`model_pydantic.<kind>` with these values of its context. Any other kind is said in
pydantic's English, except in tests, where it shows as a missing label."""

_LISTS = ("expected", "expected_schemes")
"""Context values pydantic writes as an English list ("'a', 'b' or 'c'")."""

_QUIET = ("missing", "extra_forbidden", "planner_rule", "value_error")
"""Errors whose message says enough without the value that caused them."""


def said(details: Any) -> str | Words:
    """One error of a ValidationError, in words said in the reader's language: "should be a
    valid integer (got 'ten')"."""
    kind = details["type"]
    message = _message(kind, details.get("ctx") or {}, details["msg"])
    value = details.get("input")
    if kind not in _QUIET and _is_short_scalar(value):
        shown = repr(value)
        if shown not in details["msg"]:
            return Words("model_pydantic.got", message=message, value=shown)
    return message


def _message(kind: str, context: dict[str, Any], english: str) -> str | Words:
    if kind == "planner_rule":
        return context["message"]
    if kind == "value_error":
        if "error" in context:
            return unsaid(context["error"])
        if "reason" in context:  # EmailStr
            return email_problem(str(context["reason"]))
    if kind in PYDANTIC_SAID:
        values = {name: _context_value(name, context.get(name)) for name in PYDANTIC_SAID[kind]}
        if kind == "url_parsing":
            values["error"] = _url_problem(str(values["error"]))
        return Words(f"model_pydantic.{kind}", **values)
    if strict():
        return Words(f"model_pydantic.{kind}")
    return english.removeprefix("Value error, ").replace("Input should be", "should be")


def _context_value(name: str, value: Any) -> Any:
    if name in _LISTS and isinstance(value, str):
        return Listed(re.split(r", | or ", value), style="or")
    return value


_URL_PROBLEMS = {
    "relative URL without a base": "no_scheme",
    "empty host": "empty_host",
    "invalid port number": "port",
    "invalid IPv4 address": "ipv4",
    "invalid IPv6 address": "ipv6",
    "invalid international domain name": "domain",
    "invalid domain character": "domain_character",
    "input is empty": "empty",
}


def _url_problem(problem: str) -> str | Words:
    """What pydantic's URL parser found wrong, in words; one it has not said before as it
    says it."""
    key = _URL_PROBLEMS.get(problem)
    return Words(f"model_url.{key}") if key else problem


_EMAIL_PROBLEMS = [
    (r"An email address must have an @-sign\.", "no_at"),
    (r"There must be something before the @-sign\.", "nothing_before"),
    (r"There must be something after the @-sign\.", "nothing_after"),
    (r"The part after the @-sign is not valid\. It should have a period\.", "no_period"),
    (r"An email address cannot have two periods in a row\.", "two_periods"),
    (r"An email address cannot start with a (?P<mark>period|hyphen)\.", "starts_with"),
    (r"An email address cannot end with a (?P<mark>period|hyphen)\.", "ends_with"),
    (
        r"An email address cannot have a (?P<mark>period|hyphen) immediately before the @-sign\.",
        "before_at",
    ),
    (
        r"An email address cannot have a (?P<mark>period|hyphen) immediately after the @-sign\.",
        "after_at",
    ),
    (
        r"The email address contains invalid characters before the @-sign: (?P<characters>.*)\.",
        "invalid_before",
    ),
    (
        r"The part after the @-sign contains invalid characters: (?P<characters>.*)\.",
        "invalid_after",
    ),
    (
        r"The email address is too long (?P<where>before|after) the @-sign "
        r"\((?P<count>[0-9]+) characters? too many\)\.",
        "too_long",
    ),
    (
        r"The part after the @-sign is not valid\. It is not within a valid top-level domain\.",
        "top_level_domain",
    ),
    (
        r"The part after the @-sign is a special-use or reserved name that cannot be used with "
        r"email\.",
        "reserved",
    ),
]


def email_problem(reason: str) -> Words:
    """Why an e-mail address is refused, from email-validator's English `reason`, in words;
    a reason not listed here is given as email-validator words it."""
    for pattern, key in _EMAIL_PROBLEMS:
        found = re.fullmatch(pattern, reason)
        if found:
            values: dict[str, Any] = dict(found.groupdict())
            if "mark" in values:
                values["mark"] = Words(f"model_email.{values['mark']}")
            if "count" in values:
                values["count"] = int(values["count"])
                key = f"too_long_{values.pop('where')}"
            return Words("model_email.invalid", reason=Words(f"model_email.{key}", **values))
    return Words("model_email.invalid", reason=reason)


def _is_short_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool | date) and len(str(value)) <= 60


def data_loc(data: Any, loc: Sequence[str | int]) -> Loc:
    """An error's location in the data's own terms, without pydantic's union-member tags
    (`absence.to.str`): only the parts that lead into `data` are kept, and the last part."""
    kept: list[str | int] = []
    current = data
    for position, part in enumerate(loc):
        if _has(current, part):
            current = current[part]
        elif position < len(loc) - 1:
            continue
        else:
            current = None
        kept.append(part)
    return tuple(kept)


def _has(container: Any, part: str | int) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def invalid_input(
    error: ValidationError,
    data: Any,
    source: str | Words,
    field: Callable[[Loc], str] = format_loc,
) -> Any:
    """A ValidationError of `data` as InvalidInput: one Problem per error, each at its field
    (`field` may name it otherwise, e.g. as a command-line option)."""
    from planner.errors import InvalidInput, Problem

    return InvalidInput(
        [
            Problem(source, said(details), field=field(data_loc(data, details["loc"])))
            for details in error.errors()
        ]
    )
