"""The programme and the meeting notice of each sample meeting, in Markdown and plain text, in
its own language and in English, exactly as their golden files say.

Each is made by `planner render FILE --doc D --format F --lang L -o -` as a user runs it and
compared, character for character, with `tests/golden/documents/<slug>.<doc>.<lang>.<format>`.
A golden file is what a secretariat would send: read it when you change it. When a document is
meant to change, rewrite the files and review the difference:

    PLANNER_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/unit/test_document_golden.py
    git diff tests/golden/documents/

With PLANNER_UPDATE_GOLDEN=1 each test writes its file and then fails ("rewrote …; review and
commit"), so a rewrite never passes unnoticed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import app
from planner.meeting_files import read_meeting_file
from planner.resources import sample_meeting_files
from tests.golden_files import compare_with_golden

GOLDEN = Path(__file__).parents[1] / "golden" / "documents"
SAMPLES = {path.stem: path for path in sample_meeting_files()}
CASES = [
    (slug, document, language, format)
    for slug, path in SAMPLES.items()
    for document in ("programme", "notice")
    for language in (read_meeting_file(path).language, "en")
    for format in ("md", "txt")
]


def golden_file(slug: str, document: str, language: str, format: str) -> Path:
    return GOLDEN / f"{slug}.{document}.{language}.{format}"


@pytest.fixture(scope="module")
def render():
    runner = CliRunner()

    def run(path: Path, document: str, language: str, format: str) -> str:
        arguments = ["render", str(path), "--doc", document, "--format", format]
        result = runner.invoke(app, [*arguments, "--lang", language, "-o", "-"])
        assert result.exit_code == 0, result.output
        return result.stdout

    return run


@pytest.fixture(autouse=True)
def built_in_words_only(monkeypatch):
    monkeypatch.setattr("planner.i18n.own_labels_file", lambda: None)


@pytest.mark.parametrize(
    ("slug", "document", "language", "format"), CASES, ids=[".".join(case) for case in CASES]
)
def test_each_sample_renders_as_its_golden_file(render, slug, document, language, format):
    printed = render(SAMPLES[slug], document, language, format)
    made_by = f"planner render {slug}.yaml --doc {document} -f {format} --lang {language}"
    compare_with_golden(printed, golden_file(slug, document, language, format), made_by)


def test_no_golden_document_is_left_over():
    expected = {golden_file(*case).name for case in CASES}
    assert {path.name for path in GOLDEN.iterdir()} <= expected


def test_no_line_of_a_text_document_is_longer_than_78_characters_but_a_link():
    for path in GOLDEN.glob("*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert len(line) <= 78 or "://" in line or "@" in line, (path.name, line)
