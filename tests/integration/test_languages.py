"""The command line speaks the reader's language: `--lang`, else `language` under [user] in
config.toml; warnings, problems, refusals and summaries alike, with plural forms and times in
one named zone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.resources import sample_meeting_files
from tests.integration.command_line import planner, succeeded

KS = next(p for p in sample_meeting_files() if p.stem.startswith("ks-"))


@pytest.fixture
def config_folder(tmp_path, monkeypatch) -> Path:
    """The user's config folder, empty: each test writes the config.toml it needs."""
    folder = tmp_path / "config"
    folder.mkdir()
    monkeypatch.setattr("planner.config.config_file", lambda: folder / "config.toml")
    return folder


def failed(result) -> str:
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    return result.stderr


def ks_with(tmp_path: Path, old: str, new: str) -> Path:
    changed = tmp_path / "changed.yaml"
    changed.write_text(KS.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return changed


def test_check_in_swedish_says_its_warnings_and_problems_in_swedish(
    runner, workspace, tmp_path, config_folder
):
    late = ks_with(tmp_path, "end: 2016-08-26 16:00", "end: 2016-08-26 15:50")
    out = succeeded(planner(runner, workspace, "check", "--lang", "sv", str(late)))
    assert f"{late}: 1 varning\n" in out
    assert "  ! tidsöverskridning: " in out
    assert "warning" not in out

    result = planner(runner, workspace, "check", "--lang", "sv", "--strict", str(late))
    assert failed(result) == "fel: 1 av 1 möte har varningar\n"

    invalid = ks_with(tmp_path, "duration: 10", "duration: -10")
    message = failed(planner(runner, workspace, "check", "--lang", "sv", str(invalid)))
    assert message.startswith("fel: ")
    assert "duration: måste vara 0 minuter eller mer (angivet: -10)" in message
    assert "must" not in message


def test_check_speaks_the_language_of_the_config_unless_told_otherwise(
    runner, workspace, tmp_path, config_folder
):
    (config_folder / "config.toml").write_text('[user]\nlanguage = "fi"\n', encoding="utf-8")
    out = succeeded(planner(runner, workspace, "check", str(KS)))
    assert re.search(r": OK \(\d+ ohjelmakohtaa\)\n", out), out

    out = succeeded(planner(runner, workspace, "check", "--lang", "en", str(KS)))
    assert re.search(r": OK \(\d+ agenda items\)\n", out), out

    message = failed(planner(runner, workspace, "check", "no-such-meeting"))
    assert message.startswith("virhe: polussa ")


def test_a_count_is_said_in_its_plural_form(runner, workspace, tmp_path, config_folder):
    (config_folder / "config.toml").write_text('[user]\nlanguage = "nb"\n', encoding="utf-8")
    succeeded(planner(runner, workspace, "import", str(KS)))
    out = succeeded(planner(runner, workspace, "init"))
    assert out.endswith("(det har 1 møte)\n")

    late = ks_with(tmp_path, "end: 2016-08-26 16:00", "end: 2016-08-26 15:50")
    assert ": 1 advarsel\n" in succeeded(planner(runner, workspace, "check", str(late)))
    gaps = ks_with(tmp_path, "end: 2016-08-26 16:00", "end: 2016-08-26 15:40")
    gaps.write_text(
        gaps.read_text(encoding="utf-8").replace("duration: 10", "duration: 5", 1), "utf-8"
    )
    assert ": 2 advarsler\n" in succeeded(planner(runner, workspace, "check", str(gaps)))


def test_the_log_names_the_zone_of_its_times(runner, workspace, config_folder):
    succeeded(planner(runner, workspace, "import", str(KS)))
    slug = "ks-toppmote-integrering-2016"

    one_meeting = succeeded(planner(runner, workspace, "log", slug))
    every_meeting = succeeded(planner(runner, workspace, "log"))

    stamp = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"
    assert re.match(rf"{stamp} Europe/Oslo  Test Sekretær +meeting\.added", one_meeting)
    assert re.match(rf"{stamp} UTC  Test Sekretær +meeting\.added", every_meeting)


def test_a_secretariat_rewords_a_message_and_its_plural_forms(
    runner, workspace, tmp_path, config_folder
):
    (config_folder / "labels.yaml").write_text(
        "cli_check:\n"
        "  warnings:\n"
        '    en: {one: "{name}: one thing to look at", other: "{name}: {count} things"}\n'
        "model_agenda:\n"
        '  minutes_negative: {en: "cannot be negative ({value})"}\n',
        encoding="utf-8",
    )
    late = ks_with(tmp_path, "end: 2016-08-26 16:00", "end: 2016-08-26 15:50")
    assert ": one thing to look at\n" in succeeded(planner(runner, workspace, "check", str(late)))

    invalid = ks_with(tmp_path, "duration: 10", "duration: -10")
    message = failed(planner(runner, workspace, "check", str(invalid)))
    assert "duration: cannot be negative (-10)" in message


def test_a_broken_labels_file_is_said_in_planners_own_words(runner, workspace, config_folder):
    (config_folder / "config.toml").write_text('[user]\nlanguage = "da"\n', encoding="utf-8")
    (config_folder / "labels.yaml").write_text("cli_check: [warnings]\n", encoding="utf-8")

    message = failed(planner(runner, workspace, "check", str(KS)))

    assert message.startswith(f"fejl: {config_folder / 'labels.yaml'}: etiketter er en samling")
