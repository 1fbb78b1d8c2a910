"""Meeting files: round trips, and errors that name the file, the line and the field."""

from __future__ import annotations

import datetime as dt
import textwrap

import jsonschema
import pytest
import yaml

from planner.errors import InvalidInput, NotFound
from planner.meeting_files import (
    _StrictLoader,
    dump_meeting_yaml,
    meeting_json_schema,
    parse_meeting_yaml,
    read_meeting_file,
    read_meeting_files,
    write_meeting_file,
)
from planner.model import MeetingFile
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
    text = MEETING_YAML.replace("duration: 200", "duration: 0")
    assert problems_of(text) == [
        "møte.yaml:17: agenda[1].duration: must be more than 0 minutes (got 0)"
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
        raise OSError("disk full")

    monkeypatch.setattr("planner.meeting_files.os.replace", fail)
    with pytest.raises(OSError):
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
    data = yaml.load(sample_file.read_text(encoding="utf-8"), Loader=_StrictLoader)
    jsonschema.validate(_as_editor_sees_it(data), schema)


def test_the_json_schema_catches_a_misspelt_field():
    schema = meeting_json_schema()
    data = yaml.load(MEETING_YAML, Loader=_StrictLoader)
    data["agenda"][0]["duratoin"] = 10
    with pytest.raises(jsonschema.ValidationError, match="duratoin"):
        jsonschema.validate(_as_editor_sees_it(data), schema)
