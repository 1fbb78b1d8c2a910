"""`planner render`: a document of a meeting file or of a meeting in the workspace, written
through the one safe writer; every mistake one message and its exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import ExitCode
from planner.resources import sample_meeting_files
from tests.integration.command_line import planner, succeeded

SAMPLES = {path.stem: path for path in sample_meeting_files()}
NORDIC = SAMPLES["nordisk-integrasjonskonferanse-2018"]
COUNCIL = SAMPLES["formannskapet-fjordvik-2015-11"]


def test_a_text_document_goes_to_standard_output(runner, workspace):
    result = planner(runner, workspace, "render", str(COUNCIL), "--doc", "notice", "-f", "txt",
                     "-o", "-")  # fmt: skip

    assert succeeded(result).startswith("Fjordvik kommune, politisk sekretariat\n")


def test_a_document_is_written_beside_you_named_after_the_meeting(runner, workspace, tmp_path,
                                                                  monkeypatch):  # fmt: skip
    monkeypatch.chdir(tmp_path)

    result = planner(runner, workspace, "render", str(COUNCIL), "--doc", "notice", "-f", "md",
                     "--lang", "en")  # fmt: skip

    written = tmp_path / "formannskapet-fjordvik-2015-11-notice-en.md"
    assert str(written.name) in succeeded(result)
    assert written.read_text(encoding="utf-8").startswith("Fjordvik kommune")


def test_a_document_written_into_a_folder_takes_its_own_name(runner, workspace, tmp_path):
    result = planner(runner, workspace, "render", str(COUNCIL), "--doc", "runsheet", "-f",
                     "html", "-o", str(tmp_path))  # fmt: skip

    succeeded(result)
    assert (tmp_path / "formannskapet-fjordvik-2015-11-runsheet-nb.html").is_file()


def test_all_documents_of_a_meeting_go_into_a_folder(runner, workspace, tmp_path):
    result = planner(runner, workspace, "render", str(COUNCIL), "--all", "-f", "txt",
                     "-o", str(tmp_path))  # fmt: skip

    assert "3 files written" in succeeded(result)
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "formannskapet-fjordvik-2015-11-minutes-nb.txt",
        "formannskapet-fjordvik-2015-11-notice-nb.txt",
        "formannskapet-fjordvik-2015-11-runsheet-nb.txt",
    ]


def test_a_meeting_in_the_workspace_lists_the_workspaces_registrations(runner, workspace):
    succeeded(planner(runner, workspace, "import", str(NORDIC)))

    result = planner(runner, workspace, "render", "nordisk-integrasjonskonferanse-2018", "--doc",
                     "participants", "-f", "txt", "--lang", "en", "-o", "-")  # fmt: skip

    listed = succeeded(result)
    assert "Kari Nordmann, rådgiver" in listed
    assert "Åsa Ek" not in listed  # not confirmed, and did not consent either
    assert "4 participants in all." in listed


def test_meeting_names_the_workspaces_meeting_even_when_a_file_here_has_its_name(
    runner, workspace, tmp_path, monkeypatch
):
    succeeded(planner(runner, workspace, "import", str(COUNCIL)))
    monkeypatch.chdir(tmp_path)
    (tmp_path / COUNCIL.stem).write_text("notes for the meeting\n", encoding="utf-8")

    by_name = planner(runner, workspace, "render", COUNCIL.stem, "--doc", "notice", "-o", "-",
                      "-f", "txt")  # fmt: skip
    as_meeting = planner(runner, workspace, "render", "--meeting", COUNCIL.stem, "--doc",
                         "notice", "-o", "-", "-f", "txt")  # fmt: skip

    assert by_name.exit_code == ExitCode.BAD_INPUT
    assert f"use --meeting {COUNCIL.stem}" in by_name.stderr
    assert succeeded(as_meeting).startswith("Fjordvik kommune, politisk sekretariat\n")


def test_the_secretariats_own_template_folder_is_used(runner, workspace, tmp_path):
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "notice.txt").write_text("OUR OWN {{ meeting.body }}\n")

    result = planner(runner, workspace, "render", str(COUNCIL), "--doc", "notice", "-f", "txt",
                     "--templates", str(tmp_path), "-o", "-")  # fmt: skip

    assert succeeded(result) == "OUR OWN Formannskapet\n"


def test_the_template_folder_can_be_set_in_config_toml(runner, workspace, tmp_path, monkeypatch):
    (tmp_path / "mine" / "documents").mkdir(parents=True)
    (tmp_path / "mine" / "documents" / "notice.txt").write_text("FROM CONFIG\n")
    (tmp_path / "config.toml").write_text('[documents]\ntemplates = "mine"\n')
    monkeypatch.setattr("planner.config.config_file", lambda: tmp_path / "config.toml")

    result = planner(runner, workspace, "render", str(COUNCIL), "--doc", "notice", "-f", "txt",
                     "-o", "-")  # fmt: skip

    assert succeeded(result) == "FROM CONFIG\n"


@pytest.mark.parametrize(
    ("arguments", "code", "said"),
    [
        (["--doc", "minutez"], ExitCode.BAD_INPUT, "no document minutez"),
        (["--doc", "notice", "-f", "odt"], ExitCode.BAD_INPUT, "does not write odt"),
        (["--doc", "badges", "-f", "txt"], ExitCode.BAD_INPUT, "badges is not made as txt"),
        (["--doc", "notice", "--lang", "xx"], ExitCode.BAD_INPUT, "the language xx"),
        (["--doc", "notice", "-f", "pdf", "-o", "-"], ExitCode.BAD_INPUT, "standard output"),
        (["--all"], ExitCode.BAD_INPUT, "give a folder"),
        ([], ExitCode.BAD_INPUT, "Say which document"),
        (["--doc", "notice", "--templates", "/no/such/folder"], ExitCode.NOT_FOUND, "/no/such"),
        (["--doc", "notice", "-o", "/dev/null"], ExitCode.CANNOT_WRITE, "device"),
    ],
)
def test_a_mistake_is_one_message_and_its_exit_code(runner, workspace, arguments, code, said):
    result = planner(runner, workspace, "render", str(COUNCIL), *arguments)

    assert result.exit_code == code, result.output
    assert said in result.stderr
    assert "Traceback" not in result.output


def test_a_broken_template_names_its_file_and_line_and_writes_nothing(runner, workspace,
                                                                     tmp_path):  # fmt: skip
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "notice.txt").write_text("ok\n{{ meeting.nothing }}\n")
    target = tmp_path / "out.txt"
    target.write_text("the old notice")

    result = planner(runner, workspace, "render", str(COUNCIL), "--doc", "notice", "-f", "txt",
                     "--templates", str(tmp_path), "-o", str(target))  # fmt: skip

    assert result.exit_code == ExitCode.BAD_INPUT
    assert f"{tmp_path}/documents/notice.txt, line 2" in result.stderr
    assert target.read_text() == "the old notice"


def test_a_meeting_that_is_not_there_is_said_so(runner, workspace):
    succeeded(planner(runner, workspace, "import", str(COUNCIL)))

    result = planner(runner, workspace, "render", "no-such-meeting", "--doc", "notice")

    assert result.exit_code == ExitCode.NOT_FOUND
    assert "no-such-meeting" in result.stderr


def test_render_all_writes_every_format_of_every_document_it_calls_for(runner, workspace,
                                                                     tmp_path: Path):  # fmt: skip
    result = planner(runner, workspace, "render", str(COUNCIL), "--all", "-o", str(tmp_path))

    assert "14 files written" in succeeded(result)  # notice and minutes in 5 formats, runsheet 4
    assert (tmp_path / "formannskapet-fjordvik-2015-11-notice-nb.pdf").read_bytes()[:5] == b"%PDF-"
