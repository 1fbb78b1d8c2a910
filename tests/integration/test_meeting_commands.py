"""Adding, copying, archiving and deleting meetings from the command line."""

from __future__ import annotations

from pathlib import Path

from planner.errors import ExitCode
from planner.resources import sample_meeting_files
from planner.store import Workspace
from tests.integration.command_line import planner, succeeded

NORDIC = next(p for p in sample_meeting_files() if p.stem.startswith("nordisk"))
NEW = [
    "new",
    "dialogmote-2024",
    "--title",
    "Dialogmøte 2024",
    "--kind",
    "dialogue_meeting",
    "--start",
    "2024-03-12 10:00",
    "--end",
    "2024-03-12 14:00",
    "--venue",
    "KS-huset",
    "--organiser",
    "Sekretariatet",
    "--email",
    "post@example.no",
]


def failed(result, code: ExitCode) -> str:
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.stderr


def stored(workspace: Path, slug: str):
    with Workspace.open(workspace, actor="test", create=False) as opened:
        return opened.get_meeting(slug)


def test_new_adds_a_draft_meeting(runner, workspace):
    out = succeeded(planner(runner, workspace, *NEW))
    assert out == (
        f"Added dialogue meeting 'dialogmote-2024' (Tuesday 2024-03-12 10:00) to {workspace}\n"
    )
    meeting = stored(workspace, "dialogmote-2024").meeting
    assert meeting.title.root == "Dialogmøte 2024"
    assert meeting.venue.name.root == "KS-huset"
    assert meeting.mode == "in_person" and meeting.status == "draft"
    assert f"{meeting.end:%H:%M}" == "14:00"


def test_new_online_and_hybrid(runner, workspace):
    online = [a for a in NEW if a not in ("--venue", "KS-huset")]
    online[1] = "nettmote"
    succeeded(planner(runner, workspace, *online, "--online"))
    assert stored(workspace, "nettmote").meeting.mode == "online"
    succeeded(planner(runner, workspace, *NEW, "--online"))
    assert stored(workspace, "dialogmote-2024").meeting.mode == "hybrid"


def test_new_with_a_date_that_is_not_in_the_calendar(runner, workspace):
    args = [("2024-02-30 10:00" if a == "2024-03-12 10:00" else a) for a in NEW]
    message = failed(planner(runner, workspace, *args), ExitCode.BAD_INPUT)
    assert message == (
        "error: planner new: --start: '2024-02-30 10:00': there is no 2024-02-30 in the calendar\n"
    )
    assert not workspace.exists()


def test_new_names_every_bad_value_by_its_option(runner, workspace):
    args = [a for a in NEW if a not in ("--venue", "KS-huset")]
    args[args.index("post@example.no")] = "post"
    args[args.index("dialogue_meeting")] = "party"
    message = failed(planner(runner, workspace, *args), ExitCode.BAD_INPUT)
    assert "planner new: --kind: should be 'dialogue_meeting'" in message
    assert "planner new: --email: value is not a valid email address" in message
    venue = [a for a in NEW if a not in ("--venue", "KS-huset")]
    message = failed(planner(runner, workspace, *venue), ExitCode.BAD_INPUT)
    assert (
        "planner new: --venue: give the venue of a meeting held in person (or give --online)"
        in (message)
    )


def test_new_refuses_a_slug_that_is_taken(runner, workspace):
    succeeded(planner(runner, workspace, *NEW))
    message = failed(planner(runner, workspace, *NEW), ExitCode.CONFLICT)
    assert "'dialogmote-2024' is already in the workspace" in message


def test_duplicate_adds_next_years_meeting_on_the_same_weekday(runner, workspace):
    succeeded(planner(runner, workspace, "import", str(NORDIC)))
    out = succeeded(planner(runner, workspace, "duplicate", "nordisk-integrasjonskonferanse-2018"))
    assert out == (
        "Added 'nordisk-integrasjonskonferanse-2019', next year's copy of "
        "'nordisk-integrasjonskonferanse-2018': Tuesday 2019-11-19 08:30 (was Tuesday "
        "2018-11-20 08:30)\n"
    )
    with Workspace.open(workspace, actor="test", create=False) as opened:
        assert opened.list_registrations("nordisk-integrasjonskonferanse-2019") == []
        assert opened.get_meeting("nordisk-integrasjonskonferanse-2019").meeting.status == "draft"


def test_duplicate_with_a_slug_and_again_without_one(runner, workspace):
    succeeded(planner(runner, workspace, *NEW))
    out = succeeded(planner(runner, workspace, "duplicate", "dialogmote-2024", "--slug", "neste"))
    assert out.startswith("Added 'neste', next year's copy of 'dialogmote-2024'")
    succeeded(planner(runner, workspace, "duplicate", "dialogmote-2024"))
    message = failed(planner(runner, workspace, "duplicate", "dialogmote-2024"), ExitCode.CONFLICT)
    assert message.rstrip().endswith("give the copy another slug with --slug")


def test_duplicate_of_an_unknown_meeting(runner, workspace):
    succeeded(planner(runner, workspace, "init"))
    message = failed(planner(runner, workspace, "duplicate", "finnes-ikke"), ExitCode.NOT_FOUND)
    assert "finnes-ikke" in message


def test_archive_and_unarchive(runner, workspace):
    succeeded(planner(runner, workspace, *NEW))
    out = succeeded(planner(runner, workspace, "archive", "dialogmote-2024"))
    assert out == "Archived meeting 'dialogmote-2024' (version 2)\n"
    assert stored(workspace, "dialogmote-2024").meeting.archived
    again = succeeded(planner(runner, workspace, "archive", "dialogmote-2024"))
    assert again == "Meeting 'dialogmote-2024' is already archived; nothing changed\n"
    out = succeeded(planner(runner, workspace, "unarchive", "dialogmote-2024"))
    assert out == "Unarchived meeting 'dialogmote-2024' (version 3)\n"
    assert not stored(workspace, "dialogmote-2024").meeting.archived


def test_archive_an_unknown_meeting(runner, workspace):
    succeeded(planner(runner, workspace, "init"))
    failed(planner(runner, workspace, "archive", "finnes-ikke"), ExitCode.NOT_FOUND)


def test_delete_needs_yes(runner, workspace):
    succeeded(planner(runner, workspace, "import", str(NORDIC)))
    slug = "nordisk-integrasjonskonferanse-2018"
    message = failed(planner(runner, workspace, "delete", slug), ExitCode.USAGE)
    assert "add --yes to delete it" in message
    assert stored(workspace, slug).slug == slug
    out = succeeded(planner(runner, workspace, "delete", slug, "--yes"))
    assert out == f"Deleted meeting '{slug}' and its 8 registrations from {workspace}\n"
    failed(planner(runner, workspace, "show", slug), ExitCode.NOT_FOUND)


def test_delete_an_unknown_meeting(runner, workspace):
    succeeded(planner(runner, workspace, "init"))
    failed(planner(runner, workspace, "delete", "finnes-ikke", "--yes"), ExitCode.NOT_FOUND)
