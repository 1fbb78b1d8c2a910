"""Meeting files: round trips, and errors that name the file, the line and the field."""

from __future__ import annotations

import datetime as dt
import errno
import os
import socket
import textwrap
import threading
from pathlib import Path

import jsonschema
import pytest
import yaml

from planner import yaml_safety
from planner.errors import CannotWrite, InvalidInput, NotFound
from planner.meeting_files import (
    LoadedMeetingFile,
    dump_meeting_yaml,
    load_meeting_file,
    load_meeting_files,
    meeting_json_schema,
    parse_meeting_yaml,
    parse_meeting_yaml_with_warnings,
    read_meeting_file,
    read_meeting_files,
    write_meeting_file,
)
from planner.model import MeetingFile
from planner.yaml_safety import MAX_DEPTH, StrictLoader
from tests.factories import meeting_data

MEETING_YAML = textwrap.dedent(
    """\
    slug: testmote
    kind: dialogue_meeting
    title: Testmøte
    timezone: Europe/Oslo
    start: 2016-08-26 12:30
    end: 2016-08-26 16:00
    venue:
      name: KS-huset
      postal_code: 0161
      country: NO
    organiser: {name: Sekretariatet, email: post@example.no}
    agenda:
      - title: Velkommen
        start: 12:30
        duration: 10
      - title: Dialog
        duration: 200
    """
)


def problems_of(text: str, source: str = "møte.yaml") -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        parse_meeting_yaml(text, source)
    return [str(problem) for problem in caught.value.problems]


def test_every_sample_file_round_trips_without_loss(sample_file, tmp_path):
    original = read_meeting_file(sample_file)
    copy = tmp_path / sample_file.name
    write_meeting_file(original, copy)
    again = read_meeting_file(copy)
    assert again == original
    assert dump_meeting_yaml(again) == copy.read_text(encoding="utf-8")


def test_yaml_1_1_traps_are_read_as_the_secretariat_meant():
    meeting = parse_meeting_yaml(MEETING_YAML)
    assert meeting.venue.country == "NO"
    assert meeting.venue.postal_code == "0161"
    assert meeting.agenda[0].start == dt.time(12, 30)


def test_written_files_are_safe_for_other_yaml_readers():
    text = dump_meeting_yaml(parse_meeting_yaml(MEETING_YAML))
    plain = yaml.safe_load(text)  # a YAML 1.1 reader, as many tools are
    assert plain["venue"]["country"] == "NO"
    assert plain["venue"]["postal_code"] == "0161"
    assert plain["agenda"][0]["start"] == "12:30"


def test_an_error_names_file_line_and_field():
    text = MEETING_YAML.replace("duration: 200", "duration: -5")
    assert problems_of(text) == [
        "møte.yaml:17: agenda[1].duration: must be 0 minutes or more (got -5)"
    ]


def test_a_rule_error_points_at_the_line_of_the_field_it_concerns():
    text = MEETING_YAML.replace("end: 2016-08-26 16:00", "end: 2016-08-26 10:00")
    assert problems_of(text) == [
        "møte.yaml:6: end: the meeting ends (2016-08-26 10:00) before it starts (2016-08-26 12:30)"
    ]


def test_a_missing_field_points_at_the_mapping_that_lacks_it():
    text = MEETING_YAML.replace("  name: KS-huset\n", "")
    assert problems_of(text) == ["møte.yaml:7: venue.name: required, but missing"]


def test_all_problems_are_listed_together():
    text = MEETING_YAML.replace("Europe/Oslo", "Europe/Olso").replace(
        "post@example.no", "post.example.no"
    )
    found = problems_of(text)
    assert len(found) == 2
    assert found[0].startswith("møte.yaml:4: timezone: unknown time zone 'Europe/Olso'")
    assert found[1].startswith("møte.yaml:11: organiser.email: value is not a valid email")


def test_a_key_given_twice_is_an_error_not_the_last_one_winning():
    text = MEETING_YAML.replace("title: Testmøte\n", "title: Testmøte\ntitle: Annet\n")
    assert problems_of(text) == ["møte.yaml:4: title: 'title' is given twice (first on line 3)"]


def test_broken_yaml_names_line_and_column():
    [problem] = problems_of(MEETING_YAML.replace("  name: KS-huset", "  name: [KS-huset"))
    assert problem.startswith("møte.yaml:9: not valid YAML")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "møte.yaml: the file is empty: it should describe a meeting"),
        ("- a\n- b\n", "møte.yaml:1: a meeting file holds one meeting: a mapping of fields"),
    ],
)
def test_files_that_are_not_a_meeting(text, expected):
    assert problems_of(text) == [expected]


def test_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(MEETING_YAML.replace("Testmøte", "Testm\xf8te").encode("latin-1"))
    with pytest.raises(InvalidInput) as caught:
        read_meeting_file(path)
    assert str(caught.value) == f"{path}:3: is not UTF-8 text (byte 0xf8)"


def test_a_missing_file(tmp_path):
    with pytest.raises(NotFound, match="no such file"):
        read_meeting_file(tmp_path / "nope.yaml")


def test_the_same_slug_in_two_files_is_refused(tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(MEETING_YAML, encoding="utf-8")
    second.write_text(MEETING_YAML, encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        read_meeting_files([first, second])
    assert (
        str(caught.value) == f"{second}: slug: duplicate slug 'testmote': {first} already uses it"
    )


def test_hostile_text_is_written_as_data(tmp_path):
    data = meeting_data(title="{{ 7*7 }} <script>x</script>")
    data["people"][0]["name"] = '=HYPERLINK("http://x")\nSanner'
    meeting = MeetingFile.model_validate(data)
    path = tmp_path / "m.yaml"
    write_meeting_file(meeting, path)
    again = read_meeting_file(path)
    assert again.text(again.title) == "{{ 7*7 }} <script>x</script>"
    assert again.people[0].name == '=HYPERLINK("http://x") Sanner'


def test_a_failed_write_leaves_the_old_file_in_place(tmp_path, monkeypatch):
    path = tmp_path / "m.yaml"
    path.write_text("old content", encoding="utf-8")
    meeting = MeetingFile.model_validate(meeting_data())

    def fail(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("planner.files.os.replace", fail)
    with pytest.raises(CannotWrite, match="the disk is full; the old file is unchanged"):
        write_meeting_file(meeting, path)
    assert path.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["m.yaml"]


def _as_editor_sees_it(value):
    if isinstance(value, dict):
        return {k: _as_editor_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees_it(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return value


def test_the_json_schema_accepts_every_sample_file(sample_file):
    schema = meeting_json_schema()
    data = yaml.load(sample_file.read_text(encoding="utf-8"), Loader=StrictLoader)
    jsonschema.validate(_as_editor_sees_it(data), schema)


def test_the_json_schema_catches_a_misspelt_field():
    schema = meeting_json_schema()
    data = yaml.load(MEETING_YAML, Loader=StrictLoader)
    data["agenda"][0]["duratoin"] = 10
    with pytest.raises(jsonschema.ValidationError, match="duratoin"):
        jsonschema.validate(_as_editor_sees_it(data), schema)


# Hostile input: every refusal is an InvalidInput naming the file and the line, at once.

READERS = [yaml_safety.StrictLoader]
if yaml.__with_libyaml__:
    READERS.append(yaml_safety.CStrictLoader)


@pytest.fixture(params=READERS, ids=lambda loader: loader.__name__)
def reader(request, monkeypatch):
    """Runs the test with the pure-Python reader and, where PyYAML has it, the C one."""
    monkeypatch.setattr(yaml_safety, "LOADER", request.param)
    return request.param


def finished_within(seconds: float, work) -> BaseException | None:
    """Run `work` in a thread; a hang shows as this assertion, not as a stuck test run."""
    outcome: list[BaseException | None] = [None]

    def run():
        try:
            work()
        except BaseException as error:
            outcome[0] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    return outcome[0]


def billion_laughs(levels: int = 10, width: int = 10) -> str:
    lines = ["slug: lol", "lol0: &lol0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        aliases = ", ".join([f"*lol{level - 1}"] * width)
        lines.append(f"lol{level}: &lol{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_is_refused_at_once_not_expanded(reader):
    error = finished_within(10, lambda: parse_meeting_yaml(billion_laughs(), "lol.yaml"))
    assert isinstance(error, InvalidInput)
    [problem] = error.problems
    assert problem.source == "lol.yaml" and problem.line == 8  # lol6: the first past the limit
    assert "values once its aliases (*name) are expanded" in problem.message


@pytest.mark.parametrize("text", ["a: &x [*x]\n", "a: &x {b: [1, {c: *x}]}\n"])
def test_an_alias_inside_its_own_anchor_is_refused(reader, text):
    assert problems_of(text) == [
        "møte.yaml:1: the alias *x is inside the value it stands for, so it never ends"
    ]


def test_an_alias_without_an_anchor_is_refused(reader):
    assert problems_of("a: *nowhere\n") == [
        "møte.yaml:1: the alias *nowhere has no anchor &nowhere before it"
    ]


@pytest.mark.parametrize(
    "nesting", ["[" * 5000 + "]" * 5000, "{a: " * 5000 + "1" + "}" * 5000], ids=["lists", "maps"]
)
def test_five_thousand_levels_of_nesting_are_refused_at_the_depth_limit(reader, nesting):
    error = finished_within(10, lambda: parse_meeting_yaml(f"slug: x\nnest: {nesting}\n", "n.yaml"))
    assert isinstance(error, InvalidInput)
    assert (
        str(error)
        == f"n.yaml:2: nested more than {MAX_DEPTH} levels deep, the most a meeting file may be"
    )


def test_three_hundred_levels_of_agenda_items_are_refused_cleanly(reader):
    lines = MEETING_YAML.split("agenda:")[0].splitlines() + ["agenda:"]
    for level in range(300):
        indent = "    " * level
        lines += [f"{indent}  - title: Nivå {level}", f"{indent}    duration: 10"]
        lines += [f"{indent}    items:"]
    lines += ["    " * 300 + "  - {title: Bunn, duration: 10}"]
    error = finished_within(10, lambda: parse_meeting_yaml("\n".join(lines), "dyp.yaml"))
    assert isinstance(error, InvalidInput)
    assert f"nested more than {MAX_DEPTH} levels deep" in str(error)
    assert str(error).startswith("dyp.yaml:")


def test_aliases_cannot_nest_deeper_than_the_limit_together(reader):
    deep = "[" * 40 + "]" * 40
    text = f"a: &a {deep}\nb: &b {'[' * 30}*a{']' * 30}\n"
    assert problems_of(text) == [
        f"møte.yaml:2: nested more than {MAX_DEPTH} levels deep, the most a meeting file may be"
    ]


def test_anchors_and_aliases_used_plainly_still_work(reader):
    text = MEETING_YAML.replace("duration: 10", "duration: &kort 10").replace(
        "duration: 200", "duration: *kort\n  - {title: Oppsummering, duration: 200}"
    )
    text = text.replace("organiser: {", "organiser: &sekretariatet {") + textwrap.dedent(
        """\
        registrations:
          - {person: *sekretariatet, submitted_at: 2016-08-20 10:00}
          - {person: *sekretariatet, submitted_at: 2016-08-21 10:00}
        """
    )
    meeting = parse_meeting_yaml(text)
    assert [item.duration for item in meeting.agenda] == [10, 10, 200]
    assert [entry.person.name for entry in meeting.registrations] == ["Sekretariatet"] * 2


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('!!python/object/apply:os.system ["echo owned"]', "!!python/object/apply:os.system"),
        ("!!python/name:os.system ''", "!!python/name:os.system"),
        ("!foo Testmøte", "!foo"),
        ("!!binary VGVzdG3DuHRl", "!!binary"),
        ("!!set {a, b}", "!!set"),
        ("!!timestamp 2016-08-26", "!!timestamp"),
        ("!!omap [{a: 1}]", "!!omap"),
        ("! Testmøte", "!"),
    ],
)
def test_yaml_tags_are_refused_with_their_line(reader, value, shown):
    text = MEETING_YAML.replace("title: Testmøte", f"title: {value}")
    assert problems_of(text) == [
        f"møte.yaml:3: YAML tags such as {shown!r} are not allowed in meeting files"
    ]


def test_a_core_tag_is_allowed_and_keeps_the_value_as_written(reader):
    text = MEETING_YAML.replace("start: 12:30", "start: !!str 12:30").replace(
        "duration: 200", "duration: !!int 200"
    )
    meeting = parse_meeting_yaml(text)
    assert meeting.agenda[0].start == dt.time(12, 30)
    assert meeting.agenda[1].duration == 200


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("!!int ti", "'ti' cannot be read as a whole number"),
        ("!!bool kanskje", "'kanskje' cannot be read as true or false"),
        ("1" * 5000, "'" + "1" * 40 + "…' cannot be read as a whole number"),
    ],
)
def test_a_value_its_type_cannot_hold_is_an_error_on_its_line(reader, value, expected):
    text = MEETING_YAML.replace("duration: 200", f"duration: {value}")
    [problem] = problems_of(text)
    assert problem.startswith(f"møte.yaml:17: not valid YAML: {expected}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("slug: a\x00b\n", "møte.yaml:1: contains the character U+0000, which YAML does not allow"),
        ("slug: x\n? [a, b]\n: 1\n", "møte.yaml:2: not valid YAML: found unhashable key"),
    ],
)
def test_text_yaml_cannot_hold_is_refused_with_its_line(reader, text, expected):
    [problem] = problems_of(text)
    assert problem.startswith(expected)


def test_dates_and_times_stay_text_for_the_model_to_read(reader):
    text = (
        "day: 2018-11-20\nat: 2018-11-20 09:00:00\nzoned: 2018-11-20T09:00:00+01:00\n<<: {a: 1}\n"
    )
    document = yaml_safety.load_yaml(text, "x.yaml")
    assert document.data == {
        "day": "2018-11-20",
        "at": "2018-11-20 09:00:00",
        "zoned": "2018-11-20T09:00:00+01:00",
        "<<": {"a": 1},
    }
    assert yaml.load("2018-11-20", Loader=StrictLoader) == "2018-11-20"


def test_a_date_without_a_time_is_refused_by_the_model_with_its_line(reader):
    text = MEETING_YAML.replace("start: 2016-08-26 12:30", "start: 2016-08-26")
    [problem] = problems_of(text)
    assert problem.startswith("møte.yaml:5: start: ")


# Files that are not meeting files are refused without being read.


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "møte.yaml"
    os.mkfifo(fifo)
    error = finished_within(10, lambda: read_meeting_file(fifo))
    assert isinstance(error, InvalidInput)
    assert str(error) == f"{fifo}: is a pipe (FIFO), not a meeting file"


def test_a_device_is_refused_rather_than_read_forever():
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    error = finished_within(10, lambda: read_meeting_file("/dev/zero"))
    assert isinstance(error, InvalidInput)
    assert str(error) == "/dev/zero: is a device, not a meeting file"


def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "s.yaml"
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(path))
        with pytest.raises(InvalidInput) as caught:
            read_meeting_file(path)
    assert str(caught.value) == f"{path}: is a socket, not a meeting file"


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(InvalidInput) as caught:
        read_meeting_file(tmp_path)
    assert str(caught.value) == f"{tmp_path}: is a folder, not a meeting file"


def test_a_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "stor.yaml"
    path.write_text(MEETING_YAML, encoding="utf-8")
    monkeypatch.setattr(yaml_safety, "MAX_FILE_BYTES", len(MEETING_YAML.encode()))
    assert read_meeting_file(path).slug == "testmote"
    monkeypatch.setattr(yaml_safety, "MAX_FILE_BYTES", len(MEETING_YAML.encode()) - 1)
    with pytest.raises(InvalidInput) as caught:
        read_meeting_file(path)
    limit = f"{len(MEETING_YAML.encode()) - 1:,} bytes"
    assert str(caught.value) == f"{path}: is larger than {limit}, the most a meeting file may be"


def test_a_file_that_says_it_is_empty_is_still_read_only_to_the_limit(monkeypatch):
    status = Path("/proc/self/status")
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("no /proc file that reports size 0 here")
    monkeypatch.setattr(yaml_safety, "MAX_FILE_BYTES", 64)
    with pytest.raises(InvalidInput, match="is larger than 64 bytes"):
        read_meeting_file(status)


def test_a_file_that_cannot_be_opened_is_named_in_one_message(tmp_path, monkeypatch):
    path = tmp_path / "låst.yaml"
    path.write_text(MEETING_YAML, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(yaml_safety.os, "open", refuse)
    with pytest.raises(InvalidInput) as caught:
        read_meeting_file(path)
    assert str(caught.value) == f"{path}: cannot be read: permission denied"


@pytest.mark.parametrize(
    ("name", "reason"),
    [("x" * 5000 + ".yaml", "cannot be read: file name too long"), ("a\x00.yaml", "NUL character")],
)
def test_a_name_no_file_can_have_is_one_clear_message(tmp_path, name, reason):
    with pytest.raises(InvalidInput) as caught:
        read_meeting_file(tmp_path / name)
    assert str(caught.value).startswith(str(tmp_path))
    assert reason in str(caught.value)


# A ' #' in unquoted text starts a comment: warn, since the text was probably cut short.


def test_a_title_cut_short_by_a_comment_is_a_warning_with_file_line_and_field(tmp_path):
    path = tmp_path / "møte.yaml"
    path.write_text(
        MEETING_YAML.replace("title: Dialog", "title: Integrering #1 i Norge"), encoding="utf-8"
    )
    [loaded] = load_meeting_files([path])
    assert loaded.meeting.text(loaded.meeting.agenda[1].title) == "Integrering"
    assert [str(warning) for warning in loaded.warnings] == [
        f"{path}:16: agenda[1].title: text after ' #' was read as a comment; put the value in "
        "quotes if '#1 i Norge' belongs to it"
    ]
    assert load_meeting_file(path) == loaded
    assert read_meeting_files([path]) == [loaded.meeting]


@pytest.mark.parametrize(
    "line",
    [
        "title: Dialog  # two spaces: meant as a comment",
        'title: "Integrering #1 i Norge"',
        "title: 'Integrering #1 i Norge'",
        "title: Integrering#1",
        "title: Dialog\n    # a comment on its own line",
    ],
)
def test_no_warning_for_a_comment_meant_as_one_or_a_quoted_value(reader, line):
    text = MEETING_YAML.replace("title: Dialog", line).replace("duration: 10", "duration: 10 # min")
    loaded = parse_meeting_yaml_with_warnings(text, "møte.yaml")
    assert loaded.warnings == []


def test_the_pure_python_and_c_readers_give_the_same_meeting(sample_file, monkeypatch):
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML without libyaml")
    text = sample_file.read_text(encoding="utf-8")
    results = []
    for loader in READERS:
        monkeypatch.setattr(yaml_safety, "LOADER", loader)
        results.append(parse_meeting_yaml_with_warnings(text, sample_file.name))
    assert results[0] == results[1]
    assert isinstance(results[0], LoadedMeetingFile)


TRICKY = {
    "comment cut": MEETING_YAML.replace("title: Dialog", "title: Dialog 😀 med 🇳🇴 #1 i Norge"),
    "windows lines": MEETING_YAML.replace("title: Dialog", "title: Dialog #2").replace(
        "\n", "\r\n"
    ),
    "aliases": MEETING_YAML.replace("duration: 10", "duration: &d 10").replace("200", "*d"),
    "yaml 1.1 words": MEETING_YAML.replace("title: Testmøte", "title: yes").replace(
        "KS-huset", "on"
    ),
    "duplicate key": MEETING_YAML.replace("title: Testmøte\n", "title: A\ntitle: B\n"),
    "bomb": billion_laughs(),
    "self": "a: &x [*x]\n",
    "deep": "a: " + "[" * 100 + "]" * 100,
    "tag": "a: !!python/object/apply:os.system [ls]\n",
    "bad int": "a: !!int x\n",
    "control": "a: \x07\n",
    "empty": "",
    "dates": "a: 2018-11-20\n",
    "list": "- a\n",
}


@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY.keys())
def test_the_pure_python_and_c_readers_agree_on_tricky_input(text, monkeypatch):
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML without libyaml")
    outcomes = []
    for loader in READERS:
        monkeypatch.setattr(yaml_safety, "LOADER", loader)
        try:
            outcomes.append(parse_meeting_yaml_with_warnings(text, "x.yaml"))
        except InvalidInput as error:
            outcomes.append(error.problems)
    assert outcomes[0] == outcomes[1]


def test_broken_yaml_is_an_error_with_its_line_from_either_reader(reader):
    [problem] = problems_of("slug: x\ntitle: [åpen\nkind: y\n")
    assert problem.startswith("møte.yaml:")
    assert "not valid YAML" in problem


def test_a_file_with_hundreds_of_problems_shows_the_first_twenty_and_counts_the_rest(tmp_path):
    path = tmp_path / "notes.yaml"
    path.write_text("".join(f"field{n}: x\n" for n in range(300)), encoding="utf-8")

    with pytest.raises(InvalidInput) as caught:
        read_meeting_file(path)

    message = str(caught.value)
    assert len(caught.value.problems) > 300
    assert message.count("\n") == 21
    assert message.endswith(f"… and {len(caught.value.problems) - 20} more")
