"""The secretariat's own settings files, read with the care meeting files get.

`config.toml` and `labels.yaml` (beside it, in the user config folder) are read through the
limits of `planner.yaml_safety` (`SETTINGS_FILE`): at most 1 MiB, a regular file only (a
pipe or a device is refused at once instead of blocking every command), UTF-8, nested at
most 16 deep, and every problem is one line that names the file and the line. Labels are
plain text: a label holding a terminal control character (an escape sequence that would
retitle or recolour the terminal) or a bidirectional control is refused.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from planner.errors import InvalidInput, NotFound, Problem
from planner.words import Words
from planner.yaml_safety import SETTINGS_FILE, load_yaml, read_text_file

_TOML_WHERE = re.compile(r" \(at line (\d+), column (\d+)\)$")
_TOML_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*(?:"""|\Z)'  # multi-line basic string
    r"|'''.*?(?:'''|\Z)"  # multi-line literal string
    r'|"(?:[^"\\\n]|\\.)*"?'  # basic string
    r"|'[^'\n]*'?"  # literal string
    r"|#[^\n]*"  # comment
    r"|[\[\]{}]",  # what nests
    re.DOTALL,
)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Characters a label may not hold: C0 and C1 controls (ESC starts every terminal escape
sequence) and the bidirectional controls."""


def read_toml(path: Path) -> dict[str, Any]:
    """The TOML file at `path` as a table; {} when there is none."""
    try:
        text = read_text_file(path, SETTINGS_FILE)
    except NotFound:
        return {}
    source = str(path)
    _check_toml_nesting(text, source)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = _TOML_WHERE.search(message)
        if where:
            message = message[: where.start()]
            words = Words("config_file.toml_invalid_at", problem=message, column=int(where[2]))
        else:
            words = Words("config_file.toml_invalid", problem=message)
        line = int(where[1]) if where else None
        raise InvalidInput([Problem(source, words, line)]) from None
    except RecursionError:  # the scan above should have refused it first
        raise InvalidInput([Problem(source, SETTINGS_FILE.too_deep())]) from None


def _check_toml_nesting(text: str, source: str) -> None:
    """Refuse arrays and inline tables nested deeper than the limit, with the line, before
    Python's TOML reader recurses into them (it gives up at some 500 levels, with a
    RecursionError)."""
    depth = 0
    for token in _TOML_TOKENS.finditer(text):
        found = token.group()
        if found in "[{":
            depth += 1
            if depth > SETTINGS_FILE.most_depth:
                line = text.count("\n", 0, token.start()) + 1
                raise InvalidInput([Problem(source, SETTINGS_FILE.too_deep(), line)])
        elif found in "]}":
            depth = max(depth - 1, 0)


def read_labels(path: Path) -> Any:
    """The data of a secretariat's labels.yaml, read within the limits; None when there is
    none. Every text in it must be free of control characters.

    Its problems are said as they are found, with the built-in labels (`planner.i18n` reads
    this file with them): said later, saying them would read the broken file again."""
    try:
        text = read_text_file(path, SETTINGS_FILE)
        source = str(path)
        node, data = load_yaml(text, source, limits=SETTINGS_FILE)
    except NotFound:
        return None
    except InvalidInput as error:
        raise InvalidInput([_said_now(problem) for problem in error.problems]) from None
    problems = [
        _said_now(Problem(source, _control(found), line, field))
        for field, line, found in _controls(node, ())
    ]
    if problems:
        raise InvalidInput(problems)
    return data


def _control(character: str) -> Words:
    return Words("safety_settings.control", code=f"U+{ord(character):04X}")


def _said_now(problem: Problem) -> Problem:
    return Problem(problem.source, problem.message, problem.line, problem.field)


def _controls(node: yaml.Node | None, where: tuple[str, ...]) -> Iterator[tuple[str, int, str]]:
    """(field, line, character) for each text that holds a control character."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _controls(key, where)
            yield from _controls(value, (*where, str(key.value)))
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            yield from _controls(value, (*where, str(index)))
    elif isinstance(node, yaml.ScalarNode):
        found = _CONTROL.search(node.value)
        if found:
            yield ".".join(where), node.start_mark.line + 1, found.group()
