"""Where the shipped files are: agendas/ and templates/ at the top of a source checkout, or
planner/_data/ inside an installed wheel (see pyproject's force-include)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder `name` ('agendas' or 'templates') as installed, else as checked out."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Planner's {name}/ folder is missing from this installation")


def sample_meeting_files() -> list[Path]:
    return sorted(data_dir("agendas").glob("*.yaml"))
