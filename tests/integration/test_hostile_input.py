"""Hostile and malformed input, and faults, through the command line as a user meets them.

Every case asserts the kind of message (one line that says where), the exit code of its
kind, no traceback, and that the workspace and any output file it pointed at are exactly as
they were before.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from subprocess import PIPE

import pytest
from typer.testing import CliRunner

from planner.cli import app
from planner.errors import ExitCode
from planner.resources import sample_meeting_files
from tests.mounts import fill, make_read_only, tmpfs

KS = next(p for p in sample_meeting_files() if p.stem.startswith("ks-"))
KS_SLUG = "ks-toppmote-integrering-2016"
NORDIC_SLUG = "nordisk-integrasjonskonferanse-2018"
OLD_OUTPUT = "the old file\n"

MEETING = textwrap.dedent(
    """\
    slug: fiendtlig
    kind: seminar
    title: Seminar
    timezone: Europe/Oslo
    start: 2026-01-10 10:00
    end: 2026-01-10 12:00
    venue: {name: Rådhuset}
    organiser: {name: Sekretariatet, email: post@example.no}
    agenda:
      - {title: Velkommen, duration: 10}
    """
)


def with_registration(fields: str) -> str:
    """MEETING with one registration that has `fields` besides its person and time."""
    person = "person: {name: Kari}, submitted_at: 2025-12-01 10:00"
    return MEETING + f"registrations:\n  - {{{person}, {fields}}}\n"


@dataclass
class Place:
    """The scene of one case: a workspace holding the samples, an output file, a folder."""

    tmp: Path
    workspace: Path
    output: Path

    def file(self, text: str | bytes, name: str = "meeting.yaml") -> str:
        path = self.tmp / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return str(path)

    def meeting(self, **changes: object) -> str:
        """MEETING with top-level fields replaced (values written as YAML)."""
        lines = [
            line
            for line in MEETING.splitlines()
            if line.split(":")[0] not in changes or line.startswith(" ")
        ]
        for field, value in changes.items():
            lines.append(f"{field}: {value}")
        return self.file("\n".join(lines) + "\n")


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Place:
    monkeypatch.setenv("PLANNER_USER", "Test Sekretær")
    monkeypatch.delenv("PLANNER_WORKSPACE", raising=False)
    monkeypatch.setattr("planner.config.data_folder", lambda: tmp_path / "userdata")
    monkeypatch.setattr("planner.config.config_file", lambda: tmp_path / "config.toml")
    workspace = tmp_path / "workspace.sqlite"
    result = CliRunner().invoke(
        app, ["-w", str(workspace), "import", *map(str, sample_meeting_files())]
    )
    assert result.exit_code == 0, result.output
    output = tmp_path / "out.yaml"
    output.write_text(OLD_OUTPUT, encoding="utf-8")
    return Place(tmp_path, workspace, output)


def snapshot(path: Path) -> tuple[str, ...] | None:
    """Everything in a SQLite workspace, as SQL; None when there is no file."""
    if not path.exists():
        return None
    for options in ("mode=ro", "mode=ro&immutable=1"):  # immutable: when the disk is full
        connection = sqlite3.connect(f"file:{path}?{options}", uri=True)
        try:
            return tuple(connection.iterdump())
        except sqlite3.OperationalError:
            continue
        finally:
            connection.close()
    raise AssertionError(f"cannot read {path}")


@dataclass(frozen=True)
class Case:
    name: str
    args: Callable[[Place], list[str]]
    code: ExitCode
    says: str

    def __str__(self) -> str:
        return self.name


def ws(place: Place, *args: str) -> list[str]:
    return ["-w", str(place.workspace), *args]


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(9)
)
NESTED_AGENDA = (
    "agenda:\n"
    + "".join(
        "  " * (2 * depth + 1) + "- duration: 10\n" + "  " * (2 * depth + 2) + "items:\n"
        for depth in range(300)
    )
    + "  " * 602
    + "- {duration: 10}\n"
)

FILE_CASES = [
    Case(
        "billion laughs",
        lambda p: ws(p, "import", p.file(MEETING + BILLION_LAUGHS)),
        ExitCode.BAD_INPUT,
        "meeting.yaml:",
    ),
    Case(
        "a self-referential anchor",
        lambda p: ws(p, "check", p.file(MEETING + "loop: &x [*x]\n")),
        ExitCode.BAD_INPUT,
        "meeting.yaml:",
    ),
    Case(
        "5,000 nested lists",
        lambda p: ws(p, "check", p.file("a: " + "[" * 5000 + "]" * 5000 + "\n")),
        ExitCode.BAD_INPUT,
        "meeting.yaml:",
    ),
    Case(
        "300 nested agenda levels",
        lambda p: ws(p, "import", p.file(MEETING.split("agenda:")[0] + NESTED_AGENDA)),
        ExitCode.BAD_INPUT,
        "meeting.yaml:",
    ),
    Case(
        "a python tag",
        lambda p: ws(
            p, "import", p.file(MEETING + "x: !!python/object/apply:os.system ['touch pwned']\n")
        ),
        ExitCode.BAD_INPUT,
        "tag",
    ),
    Case(
        "a local tag",
        lambda p: ws(p, "check", p.file(MEETING.replace("title: Seminar", "title: !foo Seminar"))),
        ExitCode.BAD_INPUT,
        "tag",
    ),
    Case(
        "a binary tag",
        lambda p: ws(p, "check", p.file(MEETING.replace("title: Seminar", "title: !!binary aGVp"))),
        ExitCode.BAD_INPUT,
        "tag",
    ),
    Case(
        "the year 0001",
        lambda p: ws(p, "import", p.meeting(start="0001-01-10 10:00", end="0001-01-10 12:00")),
        ExitCode.BAD_INPUT,
        "start",
    ),
    Case(
        "the year 9999 past New Year",
        lambda p: ws(p, "import", p.meeting(start="9999-12-31 23:00", end="9999-12-31 23:30")),
        ExitCode.BAD_INPUT,
        "start",
    ),
    Case(
        "a bare integer as a date",
        lambda p: ws(p, "import", p.meeting(start="2024")),
        ExitCode.BAD_INPUT,
        "start",
    ),
    Case(
        "Unix seconds as a date",
        lambda p: ws(p, "import", p.meeting(start='"1700000000"')),
        ExitCode.BAD_INPUT,
        "start",
    ),
    Case(
        "a date without a time",
        lambda p: ws(p, "import", p.meeting(start="2026-01-10")),
        ExitCode.BAD_INPUT,
        "give a time too",
    ),
    Case(
        "a start the clocks skip",
        lambda p: ws(p, "import", p.meeting(start="2026-03-29 02:30", end="2026-03-29 05:00")),
        ExitCode.BAD_INPUT,
        "does not exist",
    ),
    Case(
        "a submission time the clocks skip",
        lambda p: ws(
            p,
            "import",
            p.file(
                MEETING
                + "registrations:\n  - person: {name: Kari}\n    submitted_at: 2025-03-30 02:15\n"
            ),
        ),
        ExitCode.BAD_INPUT,
        "registrations[0].submitted_at",
    ),
    Case(
        "a key given twice",
        lambda p: ws(p, "check", p.file(MEETING + "title: Igjen\n")),
        ExitCode.BAD_INPUT,
        "given twice",
    ),
    Case(
        "a misspelt field",
        lambda p: ws(p, "check", p.file(MEETING + "titel: Seminar\n")),
        ExitCode.BAD_INPUT,
        "titel: not a field here",
    ),
    Case(
        "a title of zero-width spaces",
        lambda p: ws(p, "import", p.meeting(title='"\u200b\u200b\u200b"')),
        ExitCode.BAD_INPUT,
        "title",
    ),
    Case(
        "a title of 10,000 characters",
        lambda p: ws(p, "import", p.meeting(title="x" * 10_000)),
        ExitCode.BAD_INPUT,
        "at most 300 characters",
    ),
    Case(
        "bytes that are not UTF-8",
        lambda p: ws(p, "import", p.file(MEETING.encode() + b"notes: \xff\xfe\n")),
        ExitCode.BAD_INPUT,
        "not UTF-8",
    ),
    Case("an empty file", lambda p: ws(p, "import", p.file("")), ExitCode.BAD_INPUT, "empty"),
    Case(
        "a list instead of a meeting",
        lambda p: ws(p, "check", p.file("- a\n- b\n")),
        ExitCode.BAD_INPUT,
        "meeting.yaml",
    ),
    Case(
        "/dev/zero as a meeting file",
        lambda p: ws(p, "check", "/dev/zero"),
        ExitCode.BAD_INPUT,
        "/dev/zero",
    ),
    Case(
        "a folder as a meeting file",
        lambda p: ws(p, "import", str(p.tmp)),
        ExitCode.BAD_INPUT,
        "folder",
    ),
    Case(
        "a missing meeting file",
        lambda p: ws(p, "import", str(p.tmp / "missing.yaml")),
        ExitCode.NOT_FOUND,
        "missing.yaml",
    ),
    Case(
        "a negative duration",
        lambda p: ws(p, "import", p.file(MEETING.replace("duration: 10", "duration: -10"))),
        ExitCode.BAD_INPUT,
        "agenda[0].duration",
    ),
    Case(
        "an enormous duration",
        lambda p: ws(
            p, "import", p.file(MEETING.replace("duration: 10", "duration: 99999999999999999999"))
        ),
        ExitCode.BAD_INPUT,
        "agenda[0].duration",
    ),
    Case(
        "an enormous day",
        lambda p: ws(
            p,
            "import",
            p.file(
                MEETING.replace("duration: 10}", "duration: 10, day: 99999999999, start: '10:00'}")
            ),
        ),
        ExitCode.BAD_INPUT,
        "agenda[0].day",
    ),
    Case(
        "a capacity that is not a number",
        lambda p: ws(p, "import", p.meeting(capacity="lots")),
        ExitCode.BAD_INPUT,
        "capacity",
    ),
    Case(
        "an unknown time zone",
        lambda p: ws(p, "import", p.meeting(timezone="Mars/Olympus")),
        ExitCode.BAD_INPUT,
        "timezone",
    ),
    Case(
        "a clock time past midnight",
        lambda p: ws(
            p, "import", p.file(MEETING.replace("duration: 10}", "duration: 10, start: '25:00'}"))
        ),
        ExitCode.BAD_INPUT,
        "agenda[0].start",
    ),
    Case(
        "two registrations with one key",
        lambda p: ws(
            p,
            "import",
            p.file(
                MEETING
                + "registrations:\n"
                + "  - {key: r1, person: {name: A}, submitted_at: 2025-12-01 10:00}\n" * 2
            ),
        ),
        ExitCode.BAD_INPUT,
        "registrations[1].key",
    ),
    Case(
        "a workshop that does not exist",
        lambda p: ws(
            p,
            "import",
            p.file(with_registration("answers: {workshops: [nowhere]}")),
        ),
        ExitCode.BAD_INPUT,
        "unknown agenda item or event 'nowhere'",
    ),
    Case(
        "a check-in before confirmation",
        lambda p: ws(
            p,
            "import",
            p.file(with_registration("checked_in_at: 2026-01-10 09:50")),
        ),
        ExitCode.BAD_INPUT,
        "only a confirmed registration",
    ),
    Case(
        "the same slug twice in one import",
        lambda p: ws(p, "import", p.file(MEETING, "a.yaml"), p.file(MEETING, "b.yaml")),
        ExitCode.BAD_INPUT,
        "duplicate slug",
    ),
    Case(
        "a person and an organisation with one key",
        lambda p: ws(
            p,
            "import",
            p.file(
                MEETING
                + "organisations: [{id: ks, name: KS}]\npeople: [{id: ks, name: Kari Stene}]\n"
                + "chairs: [ks]\n"
            ),
        ),
        ExitCode.BAD_INPUT,
        "people[0].id: ks is also the key of an organisation (organisations[0].id)",
    ),
    Case(
        "a name with an escape sequence is cleaned, but too long still refused",
        lambda p: ws(
            p,
            "import",
            p.file(MEETING.replace("name: Sekretariatet", 'name: "\\e[2J' + "x" * 300 + '"')),
        ),
        ExitCode.BAD_INPUT,
        "organiser.name",
    ),
]

COMMAND_CASES = [
    Case(
        "a log limit beyond any integer",
        lambda p: ws(p, "log", "-n", "99999999999999999999"),
        ExitCode.USAGE,
        "--limit",
    ),
    Case("a log limit of zero", lambda p: ws(p, "log", "-n", "0"), ExitCode.USAGE, "--limit"),
    Case(
        "an unknown language",
        lambda p: ws(p, "show", KS_SLUG, "--lang", "de"),
        ExitCode.BAD_INPUT,
        "--lang 'de'",
    ),
    Case("an unknown command", lambda p: ws(p, "frobnicate"), ExitCode.USAGE, "frobnicate"),
    Case(
        "show with a meeting and a file at once",
        lambda p: ws(p, "show", str(KS), "--meeting", KS_SLUG),
        ExitCode.USAGE,
        "give one meeting",
    ),
    Case("export without a slug", lambda p: ws(p, "export"), ExitCode.USAGE, "Missing argument"),
    Case(
        "the log of an unknown meeting",
        lambda p: ws(p, "log", "no-such-meeting"),
        ExitCode.NOT_FOUND,
        "no meeting 'no-such-meeting'",
    ),
    Case(
        "showing an unknown meeting",
        lambda p: ws(p, "show", "ks-toppmote"),
        ExitCode.NOT_FOUND,
        "did you mean 'ks-toppmote-integrering-2016'",
    ),
    Case(
        "exporting an unknown meeting",
        lambda p: ws(p, "export", "nowhere", "-o", str(p.output)),
        ExitCode.NOT_FOUND,
        "no meeting 'nowhere'",
    ),
    Case(
        "importing a meeting that is there",
        lambda p: ws(p, "import", str(KS)),
        ExitCode.CONFLICT,
        "use --replace",
    ),
]

WORKSPACE_CASES = [
    Case(
        "an empty workspace option",
        lambda p: ["-w", "", "list"],
        ExitCode.BAD_INPUT,
        "--workspace is empty",
    ),
    Case(
        "a mistyped workspace path",
        lambda p: ["-w", str(p.tmp / "workspce.sqlite"), "list"],
        ExitCode.NOT_FOUND,
        "there is no workspace at",
    ),
    Case(
        "a folder as the workspace",
        lambda p: ["-w", str(p.tmp), "list"],
        ExitCode.BAD_INPUT,
        "is a folder",
    ),
    Case(
        "a text file as the workspace",
        lambda p: ["-w", p.file("shopping list\n" * 100, "notes.txt"), "list"],
        ExitCode.WORKSPACE_UNAVAILABLE,
        "is not a Planner workspace",
    ),
    Case(
        "a workspace in a missing folder",
        lambda p: ["-w", str(p.tmp / "no" / "w.sqlite"), "import", str(KS)],
        ExitCode.NOT_FOUND,
        "does not exist",
    ),
    Case(
        "a 300-character file name",
        lambda p: ["-w", str(p.tmp / ("w" * 300)), "import", str(KS)],
        ExitCode.WORKSPACE_UNAVAILABLE,
        "too long",
    ),
    Case(
        "a malformed PostgreSQL URL",
        lambda p: ["-w", "postgresql://planner@db:notaport/planner", "list"],
        ExitCode.BAD_INPUT,
        "is not a usable database URL",
    ),
    Case(
        "a database Planner does not use",
        lambda p: ["-w", "mysql://planner:secret@db/planner", "list"],
        ExitCode.BAD_INPUT,
        "not mysql",
    ),
    Case(
        "an in-memory database for an import",
        lambda p: ["-w", "sqlite://", "import", str(KS)],
        ExitCode.BAD_INPUT,
        "in-memory",
    ),
    Case(
        "a server nobody runs",
        lambda p: ["-w", "postgresql://planner@127.0.0.1:9/planner", "list"],
        ExitCode.WORKSPACE_UNAVAILABLE,
        "cannot reach the workspace",
    ),
    Case(
        "/dev/null as the workspace",
        lambda p: ["-w", "/dev/null", "import", str(KS)],
        ExitCode.BAD_INPUT,
        "not a regular file",
    ),
]

OUTPUT_CASES = [
    Case(
        "export onto a folder",
        lambda p: ws(p, "export", KS_SLUG, "-o", str(p.tmp)),
        ExitCode.CANNOT_WRITE,
        "is a folder",
    ),
    Case(
        "export onto /dev/null",
        lambda p: ws(p, "export", KS_SLUG, "-o", "/dev/null"),
        ExitCode.CANNOT_WRITE,
        "device or special file",
    ),
    Case(
        "export into a missing folder",
        lambda p: ws(p, "export", KS_SLUG, "-o", str(p.tmp / "no" / "x.yaml")),
        ExitCode.CANNOT_WRITE,
        "does not exist",
    ),
    Case(
        "export onto /proc/version",
        lambda p: ws(p, "export", KS_SLUG, "-o", "/proc/version"),
        ExitCode.CANNOT_WRITE,
        "/proc/version",
    ),
    Case(
        "schema onto a folder",
        lambda p: ["schema", "-o", str(p.tmp)],
        ExitCode.CANNOT_WRITE,
        "is a folder",
    ),
    Case(
        "schema into a missing folder",
        lambda p: ["schema", "-o", str(p.tmp / "no" / "s.json")],
        ExitCode.CANNOT_WRITE,
        "does not exist",
    ),
]

CONFIG_CASES = [
    Case(
        "user is text, not a table",
        lambda p: _config(p, 'user = "x"\n') + ws(p, "import", "--replace", str(KS)),
        ExitCode.BAD_INPUT,
        "user: should be a table",
    ),
    Case(
        "config.toml is not TOML",
        lambda p: _config(p, "user = [\n") + ws(p, "import", "--replace", str(KS)),
        ExitCode.BAD_INPUT,
        "not valid TOML",
    ),
    Case(
        "a name that is a number",
        lambda p: _config(p, "[user]\nname = 5\n") + ws(p, "import", "--replace", str(KS)),
        ExitCode.BAD_INPUT,
        "user.name: should be text",
    ),
    Case(
        "config.toml is a folder",
        lambda p: _config_folder(p) + ws(p, "import", "--replace", str(KS)),
        ExitCode.BAD_INPUT,
        "config.toml: is a folder, not a settings file",
    ),
]

NESTED_TOML = "a = " + "[" * 5000 + "]" * 5000 + "\n"
NESTED_YAML = "a: " + "[" * 5000 + "]" * 5000 + "\n"
TWO_MIB = 2 * 1024 * 1024

SETTINGS_CASES = [
    Case(
        "config.toml nested 5,000 deep",
        lambda p: _config(p, NESTED_TOML) + ws(p, "list"),
        ExitCode.BAD_INPUT,
        "config.toml:1: nested more than 16 levels deep, the most a settings file may be",
    ),
    Case(
        "config.toml of 2 MiB",
        lambda p: _config(p, "# " + "x" * TWO_MIB + "\n") + ws(p, "list"),
        ExitCode.BAD_INPUT,
        "config.toml: is larger than 1 MiB, the most a settings file may be",
    ),
    Case(
        "config.toml that is a pipe nobody writes to",
        lambda p: _fifo(p, "config.toml") + ws(p, "list"),
        ExitCode.BAD_INPUT,
        "config.toml: is a pipe (FIFO), not a settings file",
    ),
    Case(
        "config.toml with a syntax error on its second line",
        lambda p: _config(p, '[user]\nname = = "Kari"\n') + ws(p, "list"),
        ExitCode.BAD_INPUT,
        "config.toml:2: not valid TOML: Invalid value (column 8)",
    ),
    Case(
        "labels.yaml nested 5,000 deep",
        lambda p: _labels(p, NESTED_YAML) + ws(p, "show", KS_SLUG),
        ExitCode.BAD_INPUT,
        "labels.yaml:1: nested more than 16 levels deep",
    ),
    Case(
        "labels.yaml of 2 MiB",
        lambda p: (
            _labels(p, "part: {host: {se: " + "x" * TWO_MIB + "}}\n") + ws(p, "show", KS_SLUG)
        ),
        ExitCode.BAD_INPUT,
        "labels.yaml: is larger than 1 MiB",
    ),
    Case(
        "labels.yaml with a python tag",
        lambda p: (
            _labels(p, "x: !!python/object/apply:os.system ['touch pwned']\n")
            + ws(p, "show", KS_SLUG)
        ),
        ExitCode.BAD_INPUT,
        "labels.yaml:1: YAML tags such as '!!python/object/apply:os.system' are not allowed",
    ),
    Case(
        "labels.yaml with a syntax error",
        lambda p: _labels(p, "part:\n  host: {se: [\n") + ws(p, "show", KS_SLUG),
        ExitCode.BAD_INPUT,
        "labels.yaml:3: not valid YAML",
    ),
    Case(
        "labels.yaml that retitles the terminal",
        lambda p: (
            _labels(p, 'part:\n  host: {nb: "\\e]0;owned\\a Vert"}\n') + ws(p, "show", KS_SLUG)
        ),
        ExitCode.BAD_INPUT,
        "labels.yaml:2: part.host.nb: contains the control character U+001B",
    ),
    Case(
        "labels.yaml that is a pipe",
        lambda p: _fifo(p, "labels.yaml") + ws(p, "show", KS_SLUG),
        ExitCode.BAD_INPUT,
        "labels.yaml: is a pipe (FIFO), not a settings file",
    ),
]


def _config(place: Place, text: str) -> list[str]:
    (place.tmp / "config.toml").write_text(text, encoding="utf-8")
    os.environ.pop("PLANNER_USER", None)
    return []


def _labels(place: Place, text: str) -> list[str]:
    (place.tmp / "labels.yaml").write_text(text, encoding="utf-8")
    return []


def _fifo(place: Place, name: str) -> list[str]:
    os.mkfifo(place.tmp / name)
    os.environ.pop("PLANNER_USER", None)
    return []


def _config_folder(place: Place) -> list[str]:
    (place.tmp / "config.toml").mkdir()
    os.environ.pop("PLANNER_USER", None)
    return []


ALL_CASES = FILE_CASES + COMMAND_CASES + WORKSPACE_CASES + OUTPUT_CASES + CONFIG_CASES


def test_there_are_at_least_sixty_cases():
    assert len(ALL_CASES) + len(SETTINGS_CASES) + len(FAULTS) >= 80


@pytest.mark.parametrize("case", ALL_CASES, ids=str)
def test_hostile_input_gets_one_message_its_exit_code_and_changes_nothing(place: Place, case: Case):
    os.environ["PLANNER_USER"] = "Test Sekretær"
    before = snapshot(place.workspace)
    args = case.args(place)

    result = CliRunner().invoke(app, args)

    assert_refused(result, case.code, case.says)
    assert snapshot(place.workspace) == before
    assert place.output.read_text(encoding="utf-8") == OLD_OUTPUT
    assert not (place.tmp / "pwned").exists() and not Path("pwned").exists()


@pytest.mark.parametrize("case", SETTINGS_CASES, ids=str)
def test_a_hostile_settings_file_gets_one_line_its_exit_code_and_changes_nothing(
    place: Place, case: Case
):
    os.environ["PLANNER_USER"] = "Test Sekretær"
    before = snapshot(place.workspace)
    args = case.args(place)

    result = CliRunner().invoke(app, args)

    assert_refused(result, case.code, case.says)
    assert result.stderr.count("\n") == 1, result.stderr
    assert "\x1b" not in result.output
    assert snapshot(place.workspace) == before
    assert not (place.tmp / "pwned").exists() and not Path("pwned").exists()


def assert_refused(result, code: ExitCode, says: str) -> None:
    assert result.exit_code == code, (result.exit_code, result.output)
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert says in result.output, result.output
    if code != ExitCode.USAGE:
        assert result.stderr.startswith("error: "), result.stderr
        assert result.stdout == ""


# -- faults that need more than a command line --------------------------------------------


def _non_utf8_user(place: Place) -> list[str]:
    os.environ["PLANNER_USER"] = "Kari \udcff"  # how Python shows the byte 0xff from the system
    return ws(place, "import", "--replace", str(KS))


def _other_programs_database(place: Place) -> list[str]:
    path = place.tmp / "other.sqlite"
    tamper(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    place.output = path  # compared byte for byte below
    return ["-w", str(path), "import", str(KS)]


def _newer_workspace(place: Place) -> list[str]:
    tamper(place.workspace, "UPDATE alembic_version SET version_num = '0042_from_the_future'")
    return ws(place, "list")


def tamper(path: Path, *statements: str) -> None:
    """Change a workspace behind Planner's back, as another program could."""
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


def _audit_unprotected(place: Place) -> list[str]:
    tamper(place.workspace, "DROP TRIGGER audit_log_no_delete")
    return ws(place, "import", "--replace", str(KS))


def _damaged_document(place: Place) -> list[str]:
    tamper(place.workspace, f"UPDATE meetings SET document = '{{not json' WHERE slug = '{KS_SLUG}'")
    return ws(place, "show", KS_SLUG)


def _unknown_zone_stored(place: Place) -> list[str]:
    tamper(
        place.workspace,
        "UPDATE meetings SET document = json_set(document, '$.timezone', 'Mars/Olympus'), "
        f"timezone = 'Mars/Olympus' WHERE slug = '{KS_SLUG}'",
    )
    return ws(place, "show", KS_SLUG)


def _unknown_kind_stored(place: Place) -> list[str]:
    tamper(
        place.workspace,
        "UPDATE meetings SET document = json_set(document, '$.kind', 'party'), "
        f"kind = 'party' WHERE slug = '{KS_SLUG}'",
    )
    return ws(place, "export", KS_SLUG)


def _damaged_document_exported(place: Place) -> list[str]:
    _damaged_document(place)
    return ws(place, "export", KS_SLUG, "-o", str(place.output))


def _damaged_document_replaced(place: Place) -> list[str]:
    _damaged_document(place)
    changed = KS.read_text(encoding="utf-8").replace("status: published", "status: cancelled")
    return ws(place, "import", "--replace", place.file(changed))


def _damaged_registration_exported(place: Place) -> list[str]:
    tamper(place.workspace, "UPDATE registrations SET document = '{not json' WHERE id = 3")
    return ws(place, "export", NORDIC_SLUG, "-o", str(place.output))


def _unknown_revision(place: Place) -> list[str]:
    tamper(place.workspace, "UPDATE alembic_version SET version_num = 'f00dcafe'")
    return ws(place, "list")


FAULTS = [
    Case(
        "a non-UTF-8 byte in PLANNER_USER",
        _non_utf8_user,
        ExitCode.BAD_INPUT,
        "$PLANNER_USER is not valid UTF-8",
    ),
    Case(
        "another program's database",
        _other_programs_database,
        ExitCode.WORKSPACE_UNAVAILABLE,
        "it has the tables notes",
    ),
    Case(
        "a workspace from a newer Planner",
        _newer_workspace,
        ExitCode.WORKSPACE_UNAVAILABLE,
        "newer version of Planner",
    ),
    Case(
        "an audit log without its triggers",
        _audit_unprotected,
        ExitCode.WORKSPACE_UNAVAILABLE,
        "audit_log_no_delete",
    ),
    Case(
        "a stored meeting whose JSON is damaged",
        _damaged_document,
        ExitCode.WORKSPACE_UNAVAILABLE,
        "is damaged",
    ),
    Case(
        "exporting a stored meeting whose JSON is damaged",
        _damaged_document_exported,
        ExitCode.WORKSPACE_UNAVAILABLE,
        f"meeting '{KS_SLUG}' in the workspace",
    ),
    Case(
        "replacing a stored meeting whose JSON is damaged",
        _damaged_document_replaced,
        ExitCode.WORKSPACE_UNAVAILABLE,
        "is damaged: Invalid JSON",
    ),
    Case(
        "exporting a meeting with a damaged registration",
        _damaged_registration_exported,
        ExitCode.WORKSPACE_UNAVAILABLE,
        "registration 3 in the workspace",
    ),
    Case(
        "a schema revision no Planner writes",
        _unknown_revision,
        ExitCode.WORKSPACE_UNAVAILABLE,
        "revision f00dcafe, which no version of Planner writes",
    ),
    Case(
        "a stored meeting in an unknown zone",
        _unknown_zone_stored,
        ExitCode.WORKSPACE_UNAVAILABLE,
        "unknown time zone 'Mars/Olympus'",
    ),
    Case(
        "a stored meeting of an unknown kind",
        _unknown_kind_stored,
        ExitCode.WORKSPACE_UNAVAILABLE,
        "kind",
    ),
]


@pytest.mark.parametrize("case", FAULTS, ids=str)
def test_a_fault_gets_one_message_its_exit_code_and_changes_nothing_more(place: Place, case: Case):
    os.environ["PLANNER_USER"] = "Test Sekretær"
    args = case.args(place)
    before = snapshot(place.workspace)
    output_before = place.output.read_bytes()

    result = CliRunner().invoke(app, args)

    assert_refused(result, case.code, case.says)
    assert snapshot(place.workspace) == before
    assert place.output.read_bytes() == output_before
    assert not Path(f"{place.output}-wal").exists()


def test_a_read_only_workspace_can_be_read_but_not_changed(place: Place):
    with tmpfs(place.tmp / "cd", size="4m") as media:
        copy = media / "workspace.sqlite"
        copy.write_bytes(place.workspace.read_bytes())
        make_read_only(media)
        before = copy.read_bytes()

        listed = CliRunner().invoke(app, ["-w", str(copy), "list"])
        changed = KS.read_text(encoding="utf-8").replace("status: published", "status: cancelled")
        refused = CliRunner().invoke(
            app, ["-w", str(copy), "import", "--replace", place.file(changed)]
        )

        assert listed.exit_code == 0, listed.output
        assert KS_SLUG in listed.stdout
        assert_refused(refused, ExitCode.WORKSPACE_UNAVAILABLE, "read-only")
        assert copy.read_bytes() == before


def test_an_export_onto_a_full_disk_leaves_the_old_file_as_it_was(place: Place):
    with tmpfs(place.tmp / "small", size="64k") as disk:
        output = disk / "out.yaml"
        output.write_text(OLD_OUTPUT)
        fill(disk)

        exported = CliRunner().invoke(app, ws(place, "export", KS_SLUG, "-o", str(output)))

        assert_refused(exported, ExitCode.CANNOT_WRITE, "the disk is full")
        assert output.read_text() == OLD_OUTPUT
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "out.yaml"]


def test_a_workspace_on_a_full_disk_says_so_and_stays_as_it_was(place: Place):
    changed = place.file(
        KS.read_text(encoding="utf-8").replace("status: published", "status: cancelled")
    )
    with tmpfs(place.tmp / "small", size="1m") as disk:
        workspace = disk / "workspace.sqlite"
        output = disk / "out.yaml"
        first = CliRunner().invoke(app, ["-w", str(workspace), "import", str(KS)])
        assert first.exit_code == 0, first.output
        output.write_text(OLD_OUTPUT)
        fill(disk)
        before = snapshot(workspace)

        exported = CliRunner().invoke(
            app, ["-w", str(workspace), "export", KS_SLUG, "-o", str(output)]
        )
        imported = CliRunner().invoke(app, ["-w", str(workspace), "import", "--replace", changed])

        assert_refused(exported, ExitCode.WORKSPACE_UNAVAILABLE, "the disk is full")
        assert_refused(imported, ExitCode.WORKSPACE_UNAVAILABLE, "the disk is full")
        assert output.read_text() == OLD_OUTPUT
        assert snapshot(workspace) == before


def test_a_path_with_url_characters_names_exactly_that_file(place: Place):
    for name in ("a?b.sqlite", "50%20off.sqlite", "file:x.sqlite", "#1.sqlite"):
        path = place.tmp / name
        result = CliRunner().invoke(app, ["-w", str(path), "import", str(KS)])
        assert result.exit_code == 0, result.output
        assert path.is_file()
    assert sorted(p.name for p in place.tmp.glob("*.sqlite")) == sorted(
        ["#1.sqlite", "50%20off.sqlite", "a?b.sqlite", "file:x.sqlite", "workspace.sqlite"]
    )


def test_the_actor_name_is_cleaned_and_the_log_prints_no_escape_sequences(place: Place):
    os.environ["PLANNER_USER"] = "Kari\x1b[2J\u202e Nordmann"
    changed = KS.read_text(encoding="utf-8").replace("status: published", "status: cancelled")
    CliRunner().invoke(app, ws(place, "import", "--replace", place.file(changed)))
    tamper(
        place.workspace,
        "DROP TRIGGER audit_log_no_update",
        "UPDATE audit_log SET actor = 'Mallory\x1b]0;owned\x07' WHERE id = 1",
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    )

    result = CliRunner().invoke(app, ws(place, "log", "-n", "100"))

    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Mallory" in result.stdout
    assert "Kari Nordmann" in result.stdout


# -- old and damaged workspaces ------------------------------------------------------------

WRITTEN_BY_0_1 = Path(__file__).parents[1] / "data" / "workspace-0001.sqlite"
"""Planner 0.1's workspace: the samples of its day, with registrations 1-8 for the Nordic
conference and 9-10 for the KS summit."""


def old_workspace(place: Place, *damage: str) -> Path:
    path = place.tmp / "old.sqlite"
    path.write_bytes(WRITTEN_BY_0_1.read_bytes())
    tamper(path, *damage)
    return path


def test_an_old_workspace_with_a_damaged_registration_is_upgraded_and_the_rest_still_reads(
    place: Place,
):
    old = old_workspace(place, "UPDATE registrations SET document = '{not json' WHERE id = 3")
    before = snapshot(old)

    listed = CliRunner().invoke(app, ["-w", str(old), "list"])
    refused = CliRunner().invoke(app, ["-w", str(old), "export", NORDIC_SLUG])
    exported = CliRunner().invoke(
        app, ["-w", str(old), "export", NORDIC_SLUG, "--skip-damaged", "-o", str(place.output)]
    )
    checked = CliRunner().invoke(app, ["-w", str(old), "check"])

    assert listed.exit_code == 0, listed.output
    assert NORDIC_SLUG in listed.stdout and KS_SLUG in listed.stdout
    assert "upgraded from schema 0001_initial" in listed.stderr
    assert f"registration 3 ('{NORDIC_SLUG}')" in listed.stderr
    assert snapshot(place.tmp / "old.schema-0001_initial.sqlite") == before
    assert_refused(refused, ExitCode.WORKSPACE_UNAVAILABLE, "add --skip-damaged")
    assert exported.exit_code == 0, exported.output
    assert "left out of the file: registration 3 in the workspace" in exported.stderr
    assert place.output.read_text(encoding="utf-8").count("submitted_at:") == 7
    assert checked.exit_code == ExitCode.WORKSPACE_UNAVAILABLE, checked.output
    assert "registration 3 in the workspace" in checked.stdout
    assert f"{KS_SLUG}: OK" in checked.stdout
    assert checked.stderr.startswith("error: 1 of 3 meetings")


def test_an_old_workspace_whose_meeting_is_not_json_is_upgraded_naming_it(place: Place):
    old = old_workspace(place, f"UPDATE meetings SET document = '[1]' WHERE slug = '{KS_SLUG}'")

    listed = CliRunner().invoke(app, ["-w", str(old), "list"])
    shown = CliRunner().invoke(app, ["-w", str(old), "show", KS_SLUG])

    assert listed.exit_code == 0, listed.output
    assert f"meeting '{KS_SLUG}'" in listed.stderr
    assert_refused(shown, ExitCode.WORKSPACE_UNAVAILABLE, "is damaged")


def test_an_upgrade_is_said_once_and_the_copy_is_never_overwritten(place: Place):
    old = old_workspace(place)
    before = snapshot(old)
    earlier_copy = place.tmp / "old.schema-0001_initial.sqlite"
    earlier_copy.write_text("someone's own file", encoding="utf-8")

    first = CliRunner().invoke(app, ["-w", str(old), "log"])
    second = CliRunner().invoke(app, ["-w", str(old), "log"])

    assert first.exit_code == 0 and second.exit_code == 0, (first.output, second.output)
    assert "The old file is kept as" in first.stderr and second.stderr == ""
    assert earlier_copy.read_text(encoding="utf-8") == "someone's own file"
    assert snapshot(place.tmp / "old.schema-0001_initial-2.sqlite") == before


def test_an_upgrade_that_fails_leaves_the_workspace_and_no_copy(place: Place):
    old = old_workspace(place, "UPDATE registrations SET meeting_id = 99 WHERE id = 4")
    before = snapshot(old)

    listed = CliRunner().invoke(app, ["-w", str(old), "list"])

    assert_refused(listed, ExitCode.WORKSPACE_UNAVAILABLE, "would break 1 reference between tables")
    assert snapshot(old) == before
    assert not list(place.tmp.glob("*.schema-*"))


def test_an_old_workspace_is_not_upgraded_when_no_copy_can_be_kept(place: Place):
    with tmpfs(place.tmp / "small", size="400k") as disk:
        old = disk / "old.sqlite"
        old.write_bytes(WRITTEN_BY_0_1.read_bytes())
        (disk / "reserve").write_bytes(b"\0" * 64 * 1024)
        fill(disk)
        (disk / "reserve").unlink()  # room for SQLite's own files, none for the copy
        before = snapshot(old)

        listed = CliRunner().invoke(app, ["-w", str(old), "list"])

        assert_refused(listed, ExitCode.WORKSPACE_UNAVAILABLE, "cannot keep a copy")
        assert "the disk is full; nothing was changed" in listed.stderr
        assert snapshot(old) == before
        assert not [p.name for p in disk.iterdir() if ".schema-" in p.name]


def test_creating_a_workspace_on_a_full_disk_leaves_no_empty_file(place: Place):
    with tmpfs(place.tmp / "small", size="64k") as disk:
        fill(disk)

        created = CliRunner().invoke(app, ["-w", str(disk / "new.sqlite"), "import", str(KS)])

        assert_refused(created, ExitCode.WORKSPACE_UNAVAILABLE, "the disk is full")
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]


def test_several_imports_of_one_new_meeting_at_once_leave_one_winner(
    postgres_url: str, place: Place
):
    environment = {**os.environ, "XDG_CONFIG_HOME": str(place.tmp / "config")}
    command = [sys.executable, "-m", "planner", "-w", postgres_url, "import", str(KS)]
    running = [
        subprocess.Popen(command, env=environment, stdout=PIPE, stderr=PIPE, text=True)
        for _ in range(4)
    ]
    finished = [(p.wait(timeout=60), *p.communicate()) for p in running]

    assert sorted(code for code, _, _ in finished) == [0, 5, 5, 5], finished
    for code, stdout, stderr in finished:
        if code:
            assert stdout == "" and stderr.count("\n") == 1, stderr
            assert stderr.startswith(f"error: meeting '{KS_SLUG}' is already in the workspace")


def test_a_shared_workspace_is_upgraded_only_by_planner_init(postgres_url: str, place: Place):
    from alembic import command
    from sqlalchemy import create_engine

    from planner.store.migrate import alembic_config

    engine = create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0001_initial")
    finally:
        engine.dispose()

    listed = CliRunner().invoke(app, ["-w", postgres_url, "list"])
    initialised = CliRunner().invoke(app, ["-w", postgres_url, "init"])

    assert_refused(listed, ExitCode.WORKSPACE_UNAVAILABLE, "run `planner init` as the database")
    assert "written by an older Planner (schema 0001_initial" in listed.stderr
    assert initialised.exit_code == 0, initialised.output
    assert "upgraded from schema 0001_initial" in initialised.stderr


# -- a name that is a file here and a meeting in the workspace ------------------------------


def test_a_file_named_like_a_meeting_is_read_as_the_file_and_says_how_to_name_the_meeting(
    place: Place, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(place.tmp)
    (place.tmp / KS_SLUG).write_text("notes for the summit\n", encoding="utf-8")
    before = snapshot(place.workspace)

    by_name = CliRunner().invoke(app, ws(place, "show", KS_SLUG))
    as_meeting = CliRunner().invoke(app, ws(place, "show", "--meeting", KS_SLUG))
    as_file = CliRunner().invoke(app, ws(place, "show", f"./{KS_SLUG}"))
    (place.tmp / KS_SLUG).write_text(MEETING, encoding="utf-8")
    a_meeting_file = CliRunner().invoke(app, ws(place, "show", KS_SLUG))

    assert_refused(by_name, ExitCode.BAD_INPUT, f"was read as the file ./{KS_SLUG} in this folder")
    assert f"use --meeting {KS_SLUG}" in by_name.stderr and by_name.stderr.count("\n") == 1
    assert as_meeting.exit_code == 0, as_meeting.output
    assert "Politisk toppmøte om integrering av flyktninger" in as_meeting.stdout
    assert_refused(as_file, ExitCode.BAD_INPUT, "a meeting file holds one meeting")
    assert "--meeting" not in as_file.stderr
    assert a_meeting_file.exit_code == 0, a_meeting_file.output
    assert a_meeting_file.stdout.startswith("Seminar\n")
    assert a_meeting_file.stderr == (
        f"read the file ./{KS_SLUG} in this folder; to show the meeting {KS_SLUG} of the "
        f"workspace instead, use --meeting {KS_SLUG}\n"
    )
    assert snapshot(place.workspace) == before


# -- a large import, watched and stopped -----------------------------------------------------


def test_a_large_import_shows_progress_and_ctrl_c_leaves_the_workspace_as_it_was(place: Place):
    from tests.factories import large_meeting_yaml

    big = place.file(large_meeting_yaml(6_000), "stor.yaml")
    before = snapshot(place.workspace)
    terminal, stderr_side = pty.openpty()
    importing = subprocess.Popen(
        [sys.executable, "-m", "planner", *ws(place, "import", big)],
        stdout=PIPE,
        stderr=stderr_side,
        env={**os.environ, "XDG_CONFIG_HOME": str(place.tmp / "config")},
    )
    os.close(stderr_side)
    seen = _read_until(terminal, b"Writing registrations")
    importing.send_signal(signal.SIGINT)
    code = importing.wait(timeout=60)
    seen += _read_until(terminal, None)
    os.close(terminal)

    said = seen.decode()
    assert "Reading " in said and "Preparing registrations: 500 of 6,000" in said
    assert code == ExitCode.INTERRUPTED, said
    after_progress = said.split("\r\x1b[K")[-1]
    assert after_progress == (
        "error: interrupted: nothing was imported, the workspace is as it was\r\n"
    ), said
    assert importing.stdout is not None and importing.stdout.read() == b""
    assert snapshot(place.workspace) == before


def _read_until(terminal: int, wanted: bytes | None, most: float = 60.0) -> bytes:
    """What the program wrote to its terminal, until `wanted` shows (or, for None, until it
    closes its end)."""
    seen, deadline = b"", time.monotonic() + most
    while time.monotonic() < deadline and (wanted is None or wanted not in seen):
        ready, _, _ = select.select([terminal], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # the program has gone and its side of the terminal with it
            break
        if not chunk:
            break
        seen += chunk
    assert wanted is None or wanted in seen, seen
    return seen
