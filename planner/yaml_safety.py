"""Reading untrusted YAML without hanging, exhausting memory or running code.

A meeting file may come from anyone, so reading one is bounded at every step: the file is
opened without blocking and must be a regular file of at most MAX_FILE_BYTES; the YAML is
walked once as a stream of events, before anything is built, and refused when it nests
deeper than MAX_DEPTH, expands to more than MAX_NODES through aliases, refers to itself, or
carries a tag other than the core ones. Values follow YAML 1.2's core schema, narrowed:
only plain decimals are numbers, so the postal code `0161` stays text. Every refusal is an
InvalidInput naming the file and the line.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

import yaml
from yaml.constructor import ConstructorError

from planner.errors import InvalidInput, NotFound, Problem
from planner.files import os_reason
from planner.words import Number, Words

MAX_FILE_BYTES = 64 * 1024 * 1024
"""The largest meeting file read: 64 MiB, room for some 150,000 registrations. A larger file
is refused before it is read."""

MAX_DEPTH = 64
"""The deepest nesting of mappings and lists in a meeting file: 64, counting what an alias
brings in. The sample meetings nest 8 deep; each level of agenda sub-items adds 2."""

MAX_NODES = 5_000_000
"""The most values (keys, texts, numbers, lists and mappings) a meeting file may hold once
every alias is replaced by what it stands for: 5,000,000. 100,000 registrations like the
samples' take about 3,300,000; ten levels of ten aliases (a "billion laughs") would take
ten billion."""


@dataclass(frozen=True)
class Limits:
    """How much of one kind of file is read, and how messages name that kind. Limits left
    as None are a meeting file's (MAX_FILE_BYTES, MAX_DEPTH, MAX_NODES)."""

    kind: str = "meeting"
    bytes: int | None = None
    depth: int | None = None
    values: int | None = None

    @property
    def most_bytes(self) -> int:
        return MAX_FILE_BYTES if self.bytes is None else self.bytes

    @property
    def most_depth(self) -> int:
        return MAX_DEPTH if self.depth is None else self.depth

    @property
    def most_values(self) -> int:
        return MAX_NODES if self.values is None else self.values

    def words(self, key: str, /, **values: Any) -> Words:
        """A refusal that names this kind of file: `files_read.too_large` for a meeting file,
        `files_read.too_large_settings` for a settings file (each language inflects the name
        of the file its own way, so each kind has its own sentence)."""
        return Words(key if self.kind == "meeting" else f"{key}_{self.kind}", **values)

    def too_deep(self) -> Words:
        return self.words("files_yaml.too_deep", most=self.most_depth)


MEETING_FILE = Limits()
SETTINGS_FILE = Limits("settings", bytes=1024 * 1024, depth=16, values=200_000)
"""config.toml and labels.yaml: 1 MiB is some hundred times the largest one in use."""

_CORE = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT = (
    _CORE + name for name in ("str", "null", "bool", "int", "float")
)
_ALLOWED_TAGS = {_STR, _NULL, _BOOL, _INT, _FLOAT, _CORE + "map", _CORE + "seq"}

_IMPLICIT_TYPES = [
    (_NULL, r"~|null|Null|NULL", "~nN"),
    (_BOOL, r"true|True|TRUE|false|False|FALSE", "tTfF"),
    (_INT, r"[-+]?(?:0|[1-9][0-9]*)", "-+0123456789"),
    (_FLOAT, r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", "-+0123456789."),
]
"""How an unquoted value gets its type; anything else is text. Unlike YAML 1.1 (and
PyYAML's SafeLoader): `NO` and `yes` are text, `10:15` is not 615, `0161` is not 113,
`2018-11-20` is not a date (the model reads dates), and `<<` merges nothing."""


_TYPE_NAMES = {_INT: "whole_number", _FLOAT: "number", _BOOL: "true_or_false"}


def _implicit_resolvers() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    empty_is_null = (_NULL, re.compile("^$"))
    resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {"": [empty_is_null]}
    for tag, pattern, first_characters in _IMPLICIT_TYPES:
        compiled = re.compile(f"^(?:{pattern})$")
        for character in first_characters:
            resolvers.setdefault(character, []).append((tag, compiled))
    return resolvers


class _ReadsScalarsStrictly:
    """A value its tag cannot be read as (`!!int abc`, an integer of 5,000 digits) becomes a
    YAML error on its line, rather than escaping as a bare ValueError."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, KeyError, OverflowError):
            if not isinstance(node, yaml.ScalarNode):
                raise
            shown = node.value if len(node.value) <= 40 else node.value[:40] + "…"
            kind = _TYPE_NAMES.get(node.tag)
            problem = Words(
                "files_yaml.unreadable_value",
                value=repr(shown),
                kind=Words(f"files_yaml.{kind}") if kind else node.tag.removeprefix(_CORE),
            )
            raise ConstructorError(None, None, problem, node.start_mark) from None  # type: ignore[arg-type]


class StrictLoader(_ReadsScalarsStrictly, yaml.SafeLoader):
    """PyYAML's SafeLoader, in pure Python, with the types of _IMPLICIT_TYPES only."""


StrictLoader.yaml_implicit_resolvers = _implicit_resolvers()

LOADER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = StrictLoader
"""The loader load_yaml uses: the one built on libyaml (C) when PyYAML has it, several
times faster and giving the same results."""

if yaml.__with_libyaml__:

    class CStrictLoader(_ReadsScalarsStrictly, yaml.CSafeLoader):
        """StrictLoader's rules on libyaml's parser."""

    CStrictLoader.yaml_implicit_resolvers = _implicit_resolvers()
    LOADER = CStrictLoader


# Files


def read_text_file(path: Path, limits: Limits = MEETING_FILE) -> str:
    """The text of a file of at most MAX_FILE_BYTES (or `limits`), read without ever
    waiting: a pipe, a device such as /dev/zero, a socket or a folder is refused before
    anything is read."""
    raw = _read_bytes(path, limits)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = Words("files_read.not_utf8", byte=f"0x{raw[error.start]:02x}")
        raise InvalidInput([Problem(str(path), message, line)]) from None


def _read_bytes(path: Path, limits: Limits) -> bytes:
    try:
        # Non-blocking, so that opening a pipe nobody writes to returns at once.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise NotFound(Words("files_read.no_such_file", path=str(path))) from None
    except OSError as error:
        raise _unreadable(path, error, limits) from None
    except ValueError:
        raise _refused(path, Words("files_read.nul_in_name")) from None
    try:
        kind = os.fstat(fd)
        if not stat.S_ISREG(kind.st_mode):
            raise _refused(
                path, limits.words("files_read.not_a_file", what=_describe(kind.st_mode))
            )
        if kind.st_size > limits.most_bytes:
            raise _too_large(path, limits)
        # Read one byte past the limit: files in /proc say they are empty, and may not be.
        raw = _read_at_most(fd, limits.most_bytes + 1)
    except OSError as error:
        raise _unreadable(path, error, limits) from None
    finally:
        os.close(fd)
    if len(raw) > limits.most_bytes:
        raise _too_large(path, limits)
    return raw


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    while limit > 0 and (chunk := os.read(fd, min(limit, 1 << 20))):
        chunks.append(chunk)
        limit -= len(chunk)
    return b"".join(chunks)


def _describe(mode: int) -> Words:
    if stat.S_ISDIR(mode):
        return Words("files_read.folder")
    if stat.S_ISFIFO(mode):
        return Words("files_read.pipe")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Words("files_read.device")
    if stat.S_ISSOCK(mode):
        return Words("files_read.socket")
    return Words("files_read.not_regular")


def _unreadable(path: Path, error: OSError, limits: Limits) -> InvalidInput:
    """Why a file cannot be opened or read, e.g. a socket (which open() calls 'no such
    device') or 'permission denied'."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        mode = stat.S_IFREG
    if not stat.S_ISREG(mode):
        return _refused(path, limits.words("files_read.not_a_file", what=_describe(mode)))
    reason = os_reason(error)
    reason = reason.lower() if isinstance(reason, str) else reason
    return _refused(path, Words("files_read.cannot_read", reason=reason))


def _too_large(path: Path, limits: Limits) -> InvalidInput:
    mib, most = 1024 * 1024, limits.most_bytes
    limit = (
        f"{most // mib} MiB" if most % mib == 0 else Words("files_read.bytes", count=Number(most))
    )
    return _refused(path, limits.words("files_read.too_large", limit=limit))


def _refused(path: Path, message: Words) -> InvalidInput:
    return InvalidInput([Problem(str(path), message)])


# YAML


class YamlDocument(NamedTuple):
    """A YAML document read strictly: its nodes (with lines and styles) and its data."""

    node: yaml.Node | None
    data: Any


def load_yaml(
    text: str, source: str, loader: type | None = None, limits: Limits = MEETING_FILE
) -> YamlDocument:
    """The single YAML document in `text`; every problem, from a control character to a
    billion laughs, is an InvalidInput naming `source` and the line."""
    loader = loader or LOADER
    _check_characters(text, source)
    with collector_paused():
        return _load_checked(text, source, loader, limits)


def _load_checked(text: str, source: str, loader: type, limits: Limits) -> YamlDocument:
    try:
        _check_events(yaml.parse(text, Loader=loader), source, limits)
        reader = loader(text)
        try:
            node = reader.get_single_node()
            data = None if node is None else reader.construct_document(node)
        finally:
            reader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if isinstance(error.problem, str) and "nesting depth" in error.problem:
            # libyaml (PyYAML >= 6.0.2) scans far ahead and may meet its own limit before our
            # event count reaches MAX_DEPTH: it is the same refusal, said the same way.
            line = mark.line + 1 if mark else None
            raise InvalidInput([Problem(source, limits.too_deep(), line)]) from None
        problem = yaml_problem(error.problem, error.context)
        message = (
            Words("files_yaml.invalid_at", problem=problem, column=mark.column + 1)
            if mark
            else Words("files_yaml.invalid", problem=problem)
        )
        raise InvalidInput([Problem(source, message, mark.line + 1 if mark else None)]) from None
    except yaml.YAMLError as error:
        message = Words("files_yaml.invalid", problem=yaml_problem(str(error), None))
        raise InvalidInput([Problem(source, message)]) from None
    return YamlDocument(node, data)


_YAML_PROBLEMS = [
    (r"mapping values are not allowed .*", "colon_in_value"),
    (r"found character '\\t' that cannot start any token", "tab"),
    (r"found character (?P<character>'.') that cannot start any token", "cannot_start"),
    (r"found character that cannot start any token", "reserved_start"),
    (r"(?:did not find expected|expected) ',' or '\]'.*", "unclosed_list"),
    (r"(?:did not find expected|expected) ',' or '\}'.*", "unclosed_mapping"),
    (r"found unexpected end of stream", "unclosed_quote"),
    (r"expected <block end>, but found .*", "indentation"),
    (r"did not find expected (?:key|'-' indicator)", "indentation"),
    (r"but found another document", "another_document"),
    (
        r"(?:did not find expected <document start>|expected '<document start>', but .*)",
        "after_the_end",
    ),
    (r"found unknown escape character.*", "escape"),
    (r"second occurrence", "anchor_twice"),
]
"""What PyYAML and libyaml say, as a person writing a meeting file would put it right; the
two readers word some problems differently, and are said the same way here."""


def yaml_problem(problem: object, context: object) -> str | Words:
    """The YAML reader's problem in words; one not listed as the reader words it."""
    if not isinstance(problem, str):
        return problem  # type: ignore[return-value]  # already Words (a value's type)
    for pattern, key in _YAML_PROBLEMS:
        found = re.fullmatch(pattern, problem)
        if found and not (key == "unclosed_quote" and "quoted" not in str(context)):
            return Words(f"files_yaml_problem.{key}", **found.groupdict())
    return problem or str(context or "")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector would scan the nodes and values built so far again and
    again, which makes reading a large file twice as slow; they form no cycles (an alias
    inside its own anchor is refused), so there is nothing for it to find."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_NOT_IN_YAML = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _check_characters(text: str, source: str) -> None:
    """YAML allows no control characters but tab and line breaks: a NUL byte is refused
    here, with its line, the same way whichever parser reads the text."""
    found = _NOT_IN_YAML.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        message = Words("files_yaml.character", code=f"U+{ord(found.group()):04X}")
        raise InvalidInput([Problem(source, message, line)])


@dataclass
class _OpenNode:
    """A mapping or list whose end the event stream has not reached yet."""

    anchor: str | None
    values_before: int
    height: int = 0
    """Levels of mappings and lists inside it so far, aliased ones included."""


def _check_events(events: Iterable[yaml.Event], source: str, limits: Limits) -> None:
    """Refuse, in one pass over the parser's events and before any node is built: nesting
    deeper than MAX_DEPTH, more than MAX_NODES values with aliases expanded, an alias inside
    its own anchor (`a: &x [*x]`), and tags other than the core ones (`!!python/object`)."""
    budget = _Budget(source, limits)
    for event in events:
        budget.take(event)


class _Budget:
    """What the document would build, counted as it streams by.

    An alias counts as its anchor's whole node, so after `a: &a [1, 2]` the list
    `b: [*a, *a]` is 7 values and 2 levels deep; ten levels of ten such lists are refused at
    the level that passes MAX_NODES, long before anything would be expanded.
    """

    def __init__(self, source: str, limits: Limits):
        self.source = source
        self.limits = limits
        self.open: list[_OpenNode] = []
        self.anchored: dict[str, tuple[int, int]] = {}  # anchor: (values, height) of its node
        self.values = 0

    def take(self, event: yaml.Event) -> None:
        line = event.start_mark.line + 1
        if isinstance(event, yaml.ScalarEvent):
            _check_tag(event.tag, self.source, line, self.limits)
            self._add(1, 0, line)
            if event.anchor is not None:
                self.anchored[event.anchor] = (1, 0)
        elif isinstance(event, yaml.CollectionStartEvent):
            _check_tag(event.tag, self.source, line, self.limits)
            self._add(1, 1, line)
            self.open.append(_OpenNode(event.anchor, self.values - 1))
        elif isinstance(event, yaml.CollectionEndEvent):
            node = self.open.pop()
            self._contains(node.height + 1)
            if node.anchor is not None:
                self.anchored[node.anchor] = (self.values - node.values_before, node.height + 1)
        elif isinstance(event, yaml.AliasEvent):
            self._add(*self._aliased(event.anchor, line), line)

    def _add(self, values: int, height: int, line: int) -> None:
        self.values += values
        most = self.limits.most_values
        if self.values > most:
            self._refuse(self.limits.words("files_yaml.too_many_values", most=Number(most)), line)
        if len(self.open) + height > self.limits.most_depth:
            self._refuse(self.limits.too_deep(), line)
        self._contains(height)

    def _contains(self, height: int) -> None:
        if self.open:
            self.open[-1].height = max(self.open[-1].height, height)

    def _aliased(self, anchor: str, line: int) -> tuple[int, int]:
        if any(node.anchor == anchor for node in self.open):
            self._refuse(Words("files_yaml.alias_in_itself", anchor=anchor), line)
        if anchor not in self.anchored:
            self._refuse(Words("files_yaml.alias_without_anchor", anchor=anchor), line)
        return self.anchored[anchor]

    def _refuse(self, message: Words, line: int) -> NoReturn:
        raise InvalidInput([Problem(self.source, message, line)])


def _check_tag(tag: str | None, source: str, line: int, limits: Limits) -> None:
    if tag is not None and tag not in _ALLOWED_TAGS:
        shown = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag
        message = limits.words("files_yaml.tag", tag=repr(shown))
        raise InvalidInput([Problem(source, message, line)])
