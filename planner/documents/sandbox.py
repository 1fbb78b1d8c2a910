"""The limits a template runs within: time, size and what it may touch.

Templates may come from the secretariat's own folder, so a template is treated as code we do
not trust, and the meeting data it prints as data that is never code:

- Jinja's `ImmutableSandboxedEnvironment` refuses private attributes (`__class__`,
  `_secret`), calls to anything marked unsafe, and changes to lists, dicts and sets.
- **Time.** A render runs in a thread of its own; after `TIME_LIMIT` seconds it is stopped
  where it is by an exception raised in that thread (CPython delivers it between bytecodes,
  so a Python loop of any kind stops; the size limits below keep any single C-level step
  short).
- **Size.** A string, list or number a template builds is limited before it is built:
  `"x" * 10**9`, `2 ** 10**9`, `"%999999999s" % x`, `"{:>999999999}".format(x)` and
  `x|center(10**9)` are refused; so is a value reached through an attribute, an item or a
  call (a string doubled in a namespace or a macro stops at the next step), and the
  document as a whole (`MAX_OUTPUT`). `range()` counts every number it gives out in one
  render (`MAX_RANGE_TOTAL`), so nested loops over ranges end early and cheaply.

Whatever stops a render is a `TemplateLimit`, which `environment` turns into one message
naming the template and the line.
"""

from __future__ import annotations

import contextvars
import ctypes
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, TypeVar

from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment

from planner.words import Joined, Number

TIME_LIMIT = 5.0
"""Seconds one render may take. A 3,000-person participant list renders in well under one."""
MAX_VALUE = 1_000_000
"""Characters (or items) in any one value a template builds or reaches."""
MAX_OUTPUT = 40_000_000
"""Characters in a whole document (a 3,000-person HTML list is about 2 million)."""
MAX_RANGE_TOTAL = 2_000_000
"""Numbers `range()` may give out in one render, over all its calls."""
MAX_EXPONENT = 256
_BIG_NUMBER = re.compile(r"[0-9]{6,}")
"""A width or precision of a million or more in a format string (`%999999s`, `{:>999999}`)."""


class TemplateLimit(Exception):
    """A template went past a limit: `reason` is the key of its wording, `values` its facts."""

    def __init__(self, reason: str, **values: Any):
        super().__init__(reason)
        self.reason = reason
        self.values = values


@dataclass
class _Budget:
    deadline: float
    range_left: int = MAX_RANGE_TOTAL
    output: int = 0
    checks: int = field(default=0)


T = TypeVar("T")
_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "template_budget", default=None
)


def check_time() -> None:
    budget = _budget.get()
    if budget is not None and time.monotonic() > budget.deadline:
        raise TemplateLimit("too_slow", seconds=_seconds(TIME_LIMIT))


def check_size(value: Any) -> Any:
    """`value` itself, if it is not too large."""
    if isinstance(value, str | list | tuple | dict | set | frozenset | bytes):
        if len(value) > MAX_VALUE:
            raise TemplateLimit("too_large", size=Number(len(value)), most=Number(MAX_VALUE))
    elif isinstance(value, int) and value.bit_length() > 64 * MAX_EXPONENT:
        raise TemplateLimit("too_large", size="2^" + str(value.bit_length()), most="2^16384")
    return value


def counted_range(*args: int) -> range:
    """Jinja's own `range` (at most 100,000 numbers), counted against the render's budget."""
    numbers = range(*args)
    budget = _budget.get()
    if len(numbers) > MAX_RANGE:
        raise TemplateLimit("too_large", size=Number(len(numbers)), most=Number(MAX_RANGE))
    if budget is not None:
        budget.range_left -= len(numbers)
        if budget.range_left < 0:
            raise TemplateLimit("too_many_steps", most=Number(MAX_RANGE_TOTAL))
        check_time()
    return numbers


def _expected_size(operator: str, left: Any, right: Any) -> int:
    """How many characters or items `left <operator> right` would make, before making it."""
    sized = (str, list, tuple, bytes)
    if operator == "*":
        if isinstance(left, sized) and isinstance(right, int):
            return len(left) * max(right, 0)
        if isinstance(right, sized) and isinstance(left, int):
            return len(right) * max(left, 0)
    if operator == "+" and isinstance(left, sized) and isinstance(right, sized):
        return len(left) + len(right)
    return 0


class GuardedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with the limits above on every step a template takes."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = counted_range
        self.filters = {name: _guarded(f) for name, f in self.filters.items()}

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        size = _expected_size(operator, left, right)
        if size > MAX_VALUE:
            raise TemplateLimit("too_large", size=Number(size), most=Number(MAX_VALUE))
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
            raise TemplateLimit("too_large", size=f"… ** {right}", most=f"** {MAX_EXPONENT}")
        if operator == "%" and isinstance(left, str):
            _check_format(left, right)
        return check_size(super().call_binop(context, operator, left, right))

    def getattr(self, obj: Any, attribute: str) -> Any:
        return check_size(super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        return check_size(super().getitem(obj, argument))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        for value in (*args, *kwargs.values()):
            check_size(value)
        return check_size(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        pattern = value.__self__

        @wraps(wrapper)
        def checked(*args: Any, **kwargs: Any) -> str:
            _check_format(pattern, (*args, *kwargs.values()))
            return check_size(wrapper(*args, **kwargs))

        return checked


def _check_format(pattern: str, values: Any) -> None:
    """Refuse a format string or its values that ask for a width of a million or more."""
    numbers = values if isinstance(values, tuple | list) else (values,)
    if _BIG_NUMBER.search(pattern) or any(
        isinstance(n, int) and not isinstance(n, bool) and abs(n) >= MAX_VALUE for n in numbers
    ):
        raise TemplateLimit(
            "too_large", size=Joined([">", Number(MAX_VALUE)], " "), most=Number(MAX_VALUE)
        )


def _guarded(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses a width of a million or more (`center`, `indent`, `wordwrap`,
    `truncate`, `batch`…) and a result that is too large."""

    @wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= MAX_VALUE:
                raise TemplateLimit("too_large", size=Number(value), most=Number(MAX_VALUE))
        return check_size(function(*args, **kwargs))

    return guarded


def limited_output(chunks: Iterator[str]) -> Iterator[str]:
    """The template's output as it is made, stopped when it grows past MAX_OUTPUT."""
    budget = _budget.get()
    for chunk in chunks:
        if budget is not None:
            budget.output += len(chunk)
            if budget.output > MAX_OUTPUT:
                raise TemplateLimit(
                    "too_large",
                    size=Joined([">", Number(MAX_OUTPUT)], " "),
                    most=Number(MAX_OUTPUT),
                )
            budget.checks += 1
            if budget.checks % 256 == 0:
                check_time()
        yield chunk


def run_limited(function: Callable[[], T], seconds: float | None = None) -> T:
    """`function()` run with a fresh budget, stopped with TemplateLimit after `seconds`.

    It runs in a thread of its own, so the exception the watchdog raises there can only ever
    land in the render: never in the caller's code, whatever the timing.
    """
    seconds = seconds or TIME_LIMIT
    context = contextvars.copy_context()
    outcome: dict[str, Any] = {}

    def work() -> None:
        _budget.set(_Budget(time.monotonic() + seconds))
        try:
            outcome["value"] = function()
        except BaseException as error:  # handed to the caller below
            outcome["error"] = error

    thread = threading.Thread(target=context.run, args=(work,), name="template", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        where = _template_line(thread.ident or 0)
        _raise_in(thread.ident or 0, _TimeUp)
        thread.join(1.0)  # it stops at its next step; a stuck thread is left to die alone
        raise TemplateLimit("too_slow", seconds=_seconds(seconds), where=where)
    error = outcome.get("error")
    if isinstance(error, _TimeUp):
        raise TemplateLimit("too_slow", seconds=_seconds(seconds))
    if error is not None:
        raise error
    return outcome["value"]


def _template_line(thread_id: int) -> tuple[str, int] | None:
    """The template file and line the thread is running now, innermost first."""
    frame = sys._current_frames().get(thread_id)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return template.filename or template.name, template.get_corresponding_lineno(
                frame.f_lineno
            )
        frame = frame.f_back
    return None


class _TimeUp(BaseException):
    """Raised in the rendering thread by the watchdog. A BaseException, so that no
    `except Exception` in a filter or a library on the way swallows it."""


def _raise_in(thread_id: int, exception: type[BaseException]) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception)
    )


def _seconds(value: float) -> str:
    return f"{value:g}"
