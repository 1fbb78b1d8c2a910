"""`planner show` prints each sample meeting exactly as its golden file says.

Each sample in agendas/ is printed in its own language and in English (the Nordic
conference, written in Swedish, also in Norwegian bokmål) by running
`planner show FILE --lang X` and compared, character for character, with
`tests/golden/<slug>.<lang>.txt`. A golden file is what a secretariat would hand out: read it
when you change it.

When the printout is meant to change, rewrite the golden files and review the difference:

    PLANNER_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/unit/test_golden_show.py
    git diff tests/golden/

With PLANNER_UPDATE_GOLDEN=1 each test writes its golden file and then fails with
"rewrote …; review and commit", so a rewrite never passes unnoticed; run the tests again
without it to see them pass. A new sample needs its golden files written the same way.

The printout is made the same on every machine: the console is 100 columns wide (COLUMNS,
which is what rich reads when output is not a terminal), colour is off, and a secretariat's
own labels.yaml in the user's config folder is kept out of the way.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import app
from planner.resources import sample_meeting_files
from tests.golden_files import compare_with_golden

GOLDEN = Path(__file__).parents[1] / "golden"
WIDTH = "100"

LANGUAGES = {
    "ks-toppmote-integrering-2016": ("nb", "en"),
    "nordisk-integrasjonskonferanse-2018": ("sv", "en", "nb"),
    "innspillsmote-integreringsmelding-2023": ("nb", "en"),
    "formannskapet-fjordvik-2015-11": ("nb", "en"),
}
"""The languages each sample is printed in: its own first, then English (and more)."""

SAMPLES = {path.stem: path for path in sample_meeting_files()}
CASES = [(slug, language) for slug, languages in LANGUAGES.items() for language in languages]

STABLE_ENVIRONMENT: dict[str, str | None] = {
    "COLUMNS": WIDTH,
    "LINES": None,
    "JUPYTER_COLUMNS": None,
    "NO_COLOR": "1",
    "FORCE_COLOR": None,
    "TTY_COMPATIBLE": None,
    "TTY_INTERACTIVE": None,
}
"""What `planner show` may read from the environment to decide its width and colours."""


def golden_file(slug: str, language: str) -> Path:
    return GOLDEN / f"{slug}.{language}.txt"


@pytest.fixture
def show(monkeypatch):
    """`planner show FILE --lang X` as a user runs it, on a 100-column console; stdout."""
    monkeypatch.setattr("planner.i18n.own_labels_file", lambda: None)
    runner = CliRunner()

    def run(path: Path, language: str) -> str:
        result = runner.invoke(app, ["show", str(path), "--lang", language], env=STABLE_ENVIRONMENT)
        assert result.exit_code == 0, result.output
        assert result.stderr == "", result.stderr
        return result.stdout

    return run


@pytest.mark.parametrize(("slug", "language"), CASES, ids=[f"{s}.{lang}" for s, lang in CASES])
def test_show_prints_the_sample_as_its_golden_file(show, slug, language):
    printed = show(SAMPLES[slug], language)
    made_by = f"planner show {SAMPLES[slug].name} --lang {language}"
    compare_with_golden(printed, golden_file(slug, language), made_by)


def test_every_sample_is_printed_in_its_own_language_and_in_english():
    assert set(LANGUAGES) == set(SAMPLES)
    from planner.meeting_files import read_meeting_file

    for slug, languages in LANGUAGES.items():
        own = read_meeting_file(SAMPLES[slug]).language
        assert languages[0] == own and "en" in languages, slug


def test_no_golden_file_is_left_over_from_a_sample_or_language_no_longer_printed():
    expected = {golden_file(slug, language).name for slug, language in CASES}
    assert {path.name for path in GOLDEN.glob("*.txt")} <= expected


def test_the_width_is_fixed_so_a_long_line_wraps_at_100_columns(show):
    printed = show(SAMPLES["innspillsmote-integreringsmelding-2023"], "nb")
    programme = printed.split("\n\n", 1)[1]
    assert max(len(line) for line in programme.splitlines() if "://" not in line) <= 100
