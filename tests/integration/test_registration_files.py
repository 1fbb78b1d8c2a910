"""A large meeting's registrations travel beside its meeting file, in a JSON Lines file that
the meeting file names with its checksum: `planner export` writes the pair, `planner import`
reads it with the same rules, stamps and merging as a meeting file of its own, and a pair
that does not belong together is refused naming the file and the line. Export writes stored
registrations without reading them into the model, and still finds a damaged one."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import app
from planner.errors import CannotWrite, ExitCode
from planner.files import write_outputs
from planner.model import Registration
from planner.store.rows import StoredRegistrationShape
from tests.integration import test_hostile_input
from tests.integration.test_hostile_input import (
    NORDIC_SLUG,
    Place,
    assert_refused,
    import_stopped_while_writing,
    snapshot,
    tamper,
    ws,
)

place = test_hostile_input.place
"""The fixture: a workspace holding the samples, in a folder of its own."""

FILE = "n.yaml"
BESIDE = "n.registrations.jsonl"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def exported(place: Place, *more: str) -> tuple[Path, Path]:
    """The Nordic conference exported with its registrations beside the file."""
    meeting = place.tmp / FILE
    result = run(*ws(place, "export", NORDIC_SLUG, "-o", str(meeting), *more))
    assert result.exit_code == 0, result.output
    return meeting, place.tmp / BESIDE


def rewritten(meeting: Path, registrations: Path, lines: list[str]) -> None:
    """The registrations file changed and the count and checksum in the meeting file made to
    match, as a script that edits the pair would."""
    content = "".join(line + "\n" for line in lines).encode()
    registrations.write_bytes(content)
    text = meeting.read_text(encoding="utf-8")
    text = re.sub(r"count: \d+", f"count: {len(lines)}", text)
    text = re.sub(r"sha256: \w+", f"sha256: {hashlib.sha256(content).hexdigest()}", text)
    meeting.write_text(text, encoding="utf-8")


def test_a_large_meetings_registrations_travel_beside_it_and_come_back_merged_by_key(
    place: Place, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("planner.registration_files.APART_ABOVE", 5)  # the sample has 8
    meeting, beside = exported(place)  # --registrations auto
    text = meeting.read_text(encoding="utf-8")
    lines = beside.read_text(encoding="utf-8").splitlines()
    digest = hashlib.sha256(beside.read_bytes()).hexdigest()
    assert f"registrations_file:\n  file: {BESIDE}\n  count: 8\n  sha256: {digest}\n" in text
    assert "\nregistrations:" not in text and len(lines) == 8

    copy = place.tmp / "copy.sqlite"
    into_copy = run("-w", str(copy), "import", str(meeting))
    assert into_copy.exit_code == 0, into_copy.output
    assert "8 added" in into_copy.stdout
    again = run("-w", str(copy), "export", NORDIC_SLUG, "--registrations", "yaml")
    assert again.stdout.count("submitted_at:") == 8

    rewritten(meeting, beside, [lines[0].replace("Kari Nordmann", "Kari Nordmann-Berg")])
    replaced = run(*ws(place, "import", "--replace", str(meeting)))
    assert replaced.exit_code == 0, replaced.output
    assert "1 updated, 0 unchanged, 7 kept (not in the file)" in replaced.stdout
    names = run(*ws(place, "registrations", "list", NORDIC_SLUG)).stdout
    assert "Kari Nordmann-Berg" in names and "Øystein Ås" in names


def test_replacing_from_a_pair_is_refused_over_a_colleagues_change(place: Place):
    meeting, _ = exported(place, "--registrations", "jsonl")
    email = "kari.nordmann@example.no"
    changed = run(*ws(place, "registrations", "set-status", NORDIC_SLUG, email, "cancelled"))
    assert changed.exit_code == 0, changed.output
    before = snapshot(place.workspace)

    refused = run(*ws(place, "import", "--replace", str(meeting)))

    assert_refused(refused, ExitCode.CONFLICT, "was changed in the workspace after this file")
    assert snapshot(place.workspace) == before


def _missing(meeting: Path, beside: Path) -> None:
    beside.unlink()


def _a_folder(meeting: Path, beside: Path) -> None:
    beside.unlink()
    beside.mkdir()


def _last_line_cut(meeting: Path, beside: Path) -> None:
    beside.write_bytes(beside.read_bytes()[:-40])


def _lines_missing(meeting: Path, beside: Path) -> None:
    beside.write_bytes(b"".join(beside.read_bytes().splitlines(keepends=True)[:5]))


def _a_line_too_many(meeting: Path, beside: Path) -> None:
    beside.write_bytes(beside.read_bytes() + beside.read_bytes().splitlines(keepends=True)[0])


def _changed_since(meeting: Path, beside: Path) -> None:
    beside.write_bytes(beside.read_bytes().replace(b"Kari", b"Karin"))


def _not_json(meeting: Path, beside: Path) -> None:
    lines = beside.read_text(encoding="utf-8").splitlines()
    rewritten(meeting, beside, [*lines[:2], "{not json", *lines[3:]])


def _not_a_registration(meeting: Path, beside: Path) -> None:
    lines = beside.read_text(encoding="utf-8").splitlines()
    bad = re.sub(r'"email":"[^"]*"', '"email":"ikke-en-adresse"', lines[2])
    rewritten(meeting, beside, [*lines[:2], bad, *lines[3:]])


def _a_key_twice(meeting: Path, beside: Path) -> None:
    lines = beside.read_text(encoding="utf-8").splitlines()
    first = re.search(r'"key":"(\w+)"', lines[0]).group(1)
    rewritten(meeting, beside, [lines[0], re.sub(r'"key":"\w+"', f'"key":"{first}"', lines[1])])


def _outside_the_folder(meeting: Path, beside: Path) -> None:
    text = meeting.read_text(encoding="utf-8").replace(f"file: {BESIDE}", "file: ../etc.jsonl")
    meeting.write_text(text, encoding="utf-8")


HOSTILE = [
    ("missing", _missing, ExitCode.NOT_FOUND, f"{FILE}:LINE: registrations_file.file: "),
    ("a folder", _a_folder, ExitCode.BAD_INPUT, "is a folder, not a registrations file"),
    ("last line cut", _last_line_cut, ExitCode.BAD_INPUT, f"{BESIDE}:8: the last line is cut"),
    ("lines missing", _lines_missing, ExitCode.BAD_INPUT, f"{BESIDE}:6: the file ends after"),
    ("a line too many", _a_line_too_many, ExitCode.BAD_INPUT, f"{BESIDE}:9: the file holds"),
    ("changed", _changed_since, ExitCode.BAD_INPUT, "registrations_file.sha256: "),
    ("not JSON", _not_json, ExitCode.BAD_INPUT, f"{BESIDE}:3: not a registration in JSON"),
    ("not valid", _not_a_registration, ExitCode.BAD_INPUT, f"{BESIDE}:3: person.email: "),
    ("a key twice", _a_key_twice, ExitCode.BAD_INPUT, f"{BESIDE}:2: key: the key "),
    ("outside", _outside_the_folder, ExitCode.BAD_INPUT, "file: '../etc.jsonl' is not a file"),
]


@pytest.mark.parametrize(
    ("damage", "code", "says"), [case[1:] for case in HOSTILE], ids=[case[0] for case in HOSTILE]
)
def test_a_registrations_file_that_does_not_belong_is_refused_naming_file_and_line(
    place: Place, damage, code: ExitCode, says: str
):
    meeting, beside = exported(place, "--registrations", "jsonl")
    line = meeting.read_text(encoding="utf-8").splitlines().index(f"  file: {BESIDE}") + 1
    damage(meeting, beside)
    copy = place.tmp / "copy.sqlite"
    run("-w", str(copy), "init")
    before = snapshot(copy)

    refused = run("-w", str(copy), "import", str(meeting))

    os.chdir(place.tmp)  # messages name the files as given
    assert_refused(refused, code, says.replace("LINE", str(line)).replace(f"{FILE}", str(meeting)))
    assert refused.stderr.count("\n") == 1, refused.stderr  # one message
    assert snapshot(copy) == before


def test_export_to_standard_output_keeps_the_registrations_in_the_file(
    place: Place, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("planner.registration_files.APART_ABOVE", 5)
    to_stdout = run(*ws(place, "export", NORDIC_SLUG))
    asked_apart = run(*ws(place, "export", NORDIC_SLUG, "--registrations", "jsonl"))

    assert to_stdout.exit_code == 0 and to_stdout.stdout.count("submitted_at:") == 8
    assert_refused(asked_apart, ExitCode.USAGE, "give it with -o FILE")


def test_a_stored_registration_that_is_not_a_registration_is_found_without_the_model(
    place: Place, monkeypatch: pytest.MonkeyPatch
):
    tamper(
        place.workspace,
        "UPDATE registrations SET document = json_set(document, '$.status', 'party') WHERE id = 3",
        "UPDATE registrations SET document = json_remove(document, '$.person') WHERE id = 5",
    )
    monkeypatch.setattr(Registration, "model_validate_json", lambda *a, **k: pytest.fail("read"))

    refused = run(*ws(place, "export", NORDIC_SLUG))
    skipped = run(*ws(place, "export", NORDIC_SLUG, "--skip-damaged", "-o", str(place.output)))

    assert_refused(refused, ExitCode.WORKSPACE_UNAVAILABLE, "registration 3 in the workspace")
    assert "is damaged: status: " in refused.stderr and "add --skip-damaged" in refused.stderr
    assert skipped.exit_code == 0, skipped.output
    assert "left out of the file: registration 3" in skipped.stderr
    assert "left out of the file: registration 5 in the workspace" in skipped.stderr
    assert "is damaged: person: " in skipped.stderr
    assert place.output.read_text(encoding="utf-8").count("submitted_at:") == 6


def test_the_shape_checked_on_export_has_the_fields_of_a_registration():
    assert StoredRegistrationShape.__annotations__.keys() == Registration.model_fields.keys()


def test_files_written_together_are_all_written_or_none(tmp_path: Path):
    first, folder = tmp_path / "n.registrations.jsonl", tmp_path / "n.yaml"
    first.write_text("old\n", encoding="utf-8")
    folder.mkdir()

    with pytest.raises(CannotWrite, match="it is a folder"):
        write_outputs([(first, b"new\n"), (folder, "meeting")])

    assert first.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [first.name, folder.name]


def test_reading_a_large_pair_shows_progress_and_ctrl_c_leaves_the_workspace_as_it_was(
    place: Place,
):
    from tests.factories import large_meeting_pair

    big = large_meeting_pair(place.tmp, 6_000)
    before = snapshot(place.workspace)

    code, said, printed = import_stopped_while_writing(place, str(big))

    beside = big.with_name("stor-konferanse.registrations.jsonl")
    assert f"Reading {beside} …" in said, said
    assert f"Checking {beside} (6,000 registrations) …" in said, said
    assert code == ExitCode.INTERRUPTED, said
    assert said.split("\r\x1b[K")[-1] == (
        "error: interrupted: nothing was imported, the workspace is as it was\r\n"
    ), said
    assert printed == b""
    assert snapshot(place.workspace) == before
