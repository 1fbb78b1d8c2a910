"""Installability: what a fresh `pip install .` gets, and what importing the core costs."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "textual",
    "weasyprint",
    "docxtpl",
    "docx",
    "docxcompose",
    "openpyxl",
    "rapidfuzz",
    "icu",
    "pydyf",
    "fontTools",
    "icalendar",
    "keyring",
    "aiosmtpd",
)


def test_core_modules_import_without_the_heavy_libraries():
    code = (
        "import sys, json\n"
        "import planner.model, planner.store, planner.agenda.schedule\n"
        "import planner.meeting_files, planner.cli, planner.registrations\n"
        "import planner.documents.render, planner.documents.view, planner.collation\n"
        "import planner.editing.session, planner.editing.meetings, planner.editing.drafts\n"
        "import planner.editing.leaving, planner.agenda.merging\n"
        "import planner.minutes, planner.documents.formats\n"
        "import planner.invitations.outbox, planner.invitations.sending\n"
        "import planner.invitations.answers\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(result.stdout) == []


def test_the_wheel_carries_agendas_and_templates_and_finds_them_installed(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("planner-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    samples = sorted(p.name for p in (ROOT / "agendas").glob("*.yaml"))
    assert samples, "agendas/ has no sample meetings"
    for name in samples:
        assert f"planner/_data/agendas/{name}" in names
    assert "planner/_data/templates/labels/meeting.yaml" in names

    # Run the installed copy from elsewhere: it must not lean on the source checkout.
    workspace = tmp_path / "demo.sqlite"
    result = subprocess.run(
        [sys.executable, "-m", "planner", "--workspace", str(workspace), "demo"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    for name in samples:
        assert Path(name).stem in result.stdout
    located = subprocess.run(
        [sys.executable, "-c", "import planner.resources as r; print(r.data_dir('agendas'))"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site")},
        check=True,
    )
    assert located.stdout.strip() == str(tmp_path / "site" / "planner" / "_data" / "agendas")
