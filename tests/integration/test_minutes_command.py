"""The minutes in the workspace and from the command line: `planner minutes` records and
shows them, `planner render --doc minutes` prints them; every save is versioned and audited,
a stale one refused, and recording never changes the meeting itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import Conflict
from planner.meeting_files import read_meeting_file
from planner.minutes import record_attendance, record_item
from planner.model.minutes import Minutes
from planner.resources import sample_meeting_files
from planner.store import Workspace
from tests.integration.command_line import planner, runner, succeeded, workspace  # noqa: F401

[COUNCIL_FILE] = [p for p in sample_meeting_files() if p.stem.startswith("formannskapet")]
SLUG = COUNCIL_FILE.stem


@pytest.fixture
def council_in(runner, workspace) -> Path:  # noqa: F811
    succeeded(planner(runner, workspace, "import", str(COUNCIL_FILE)))
    return workspace


def test_a_secretary_records_the_minutes_from_a_script_and_prints_them(runner, council_in):  # noqa: F811
    attendance = planner(
        runner, council_in, "minutes", SLUG, "--present", "ordforer", "--present", "Per Hansen",
        "--absent", "Åse Vik",
    )  # fmt: skip
    decision = planner(
        runner, council_in, "minutes", SLUG, "--item", "PS 77/15", "--decision",
        "Fjordvik kommune bosetter 30 flyktninger i 2016.", "--disqualified", "Per Hansen",
    )  # fmt: skip
    shown = planner(runner, council_in, "minutes", SLUG)
    printed = planner(
        runner, council_in, "render", SLUG, "--doc", "minutes", "-f", "txt", "-o", "-"
    )

    assert "Recorded in the minutes of formannskapet-fjordvik-2015-11 (version 1)." in succeeded(
        attendance
    )
    assert "(version 2)" in succeeded(decision)
    assert "3 cases have no decision yet: PS 75/15, PS 76/15, PS 78/15" in decision.stdout
    listing = succeeded(shown)
    assert "Present: Ola Nordmann; Per Hansen" in listing
    assert "5  PS 77/15 Bosetting av flyktninger 2016  (decision recorded)" in listing
    assert "6  PS 78/15 Budsjett for introduksjonsprogrammet 2016  (no decision yet)" in listing
    minutes = succeeded(printed)
    assert "Til stede: Ola Nordmann, ordfører; Per Hansen" in minutes
    assert "Inhabil: Per Hansen" in minutes
    assert "Vedtak:\n  Fjordvik kommune bosetter 30 flyktninger i 2016." in minutes


def test_what_the_rules_refuse_is_said_once_and_nothing_is_saved(runner, council_in):  # noqa: F811
    refused = planner(
        runner, council_in, "minutes", SLUG, "--item", "77/15", "--disqualified", "Per Hansen"
    )
    no_item = planner(runner, council_in, "minutes", SLUG, "--decision", "Vedtatt.")
    unknown = planner(runner, council_in, "minutes", SLUG, "--item", "99/15", "--decision", "x")
    missing = planner(runner, council_in, "minutes", "no-such-meeting")

    assert refused.exit_code == 3
    assert "record who was present first" in refused.stderr
    assert no_item.exit_code == 3 and "name it with --item" in no_item.stderr
    assert unknown.exit_code == 3 and "no item or case 99/15" in unknown.stderr
    assert missing.exit_code == 4
    assert "(version 0)" in succeeded(planner(runner, council_in, "minutes", SLUG))


def test_saying_the_same_again_changes_nothing(runner, council_in):  # noqa: F811
    first = planner(runner, council_in, "minutes", SLUG, "--present", "Per Hansen")
    again = planner(runner, council_in, "minutes", SLUG, "--present", "Per  Hansen")

    assert "(version 1)" in succeeded(first)
    assert "Nothing changed" in succeeded(again)


def test_the_minutes_travel_in_the_meeting_file_and_come_back_as_recorded(
    runner,  # noqa: F811
    council_in,
    tmp_path,
):
    present = ("--present", "ordforer", "--present", "Per Hansen")
    succeeded(planner(runner, council_in, "minutes", SLUG, *present))
    decided = ("--item", "77/15", "--decision", "Vedtatt.", "--disqualified", "Per Hansen")
    succeeded(planner(runner, council_in, "minutes", SLUG, *decided))
    exported = tmp_path / "council.yaml"
    succeeded(planner(runner, council_in, "export", SLUG, "-o", str(exported)))
    text = exported.read_text(encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.sqlite"

    imported = planner(runner, elsewhere, "import", str(exported))
    again = planner(runner, council_in, "import", "--replace", str(exported))

    assert "minutes:" in text and text.index("minutes:") < text.index("exported:")
    succeeded(imported)
    with Workspace.open(elsewhere, "ada") as there, Workspace.open(council_in, "ada") as here:
        assert there.get_minutes(SLUG).minutes == here.get_minutes(SLUG).minutes
        assert there.get_minutes(SLUG).minutes.entry("ps-77-15").disqualified == ["Per Hansen"]
        assert here.get_minutes(SLUG).version == 2  # the same minutes again: nothing changed
    assert "unchanged" in succeeded(again).lower()


def test_a_meeting_file_whose_minutes_break_a_rule_is_refused_saying_where(
    runner,  # noqa: F811
    workspace,  # noqa: F811
    tmp_path,
):
    broken = tmp_path / "council.yaml"
    text = COUNCIL_FILE.read_text(encoding="utf-8")
    broken.write_text(text + "minutes:\n  present: [Per Hansen]\n  absent: [per hansen]\n")

    refused = planner(runner, workspace, "import", str(broken))

    assert refused.exit_code == 3
    assert "council.yaml" in refused.stderr and "minutes" in refused.stderr
    assert "Per Hansen cannot be both present and absent" in refused.stderr
    assert not workspace.exists() or "(version 0)" not in refused.stdout


# -- the workspace ----------------------------------------------------------------------------


def recorded() -> tuple[Minutes, Minutes]:
    meeting = read_meeting_file(COUNCIL_FILE)
    present = record_attendance(meeting, Minutes(), present=["ordforer", "Per Hansen"])
    return present, record_item(meeting, present, "75/15", decision="Godkjent.")


def keeps_its_promises(ada: Workspace, bob: Workspace) -> None:
    ada.import_meetings([read_meeting_file(COUNCIL_FILE)])
    meeting = ada.get_meeting(SLUG)
    opened = ada.get_minutes(SLUG)
    present, decided = recorded()

    assert (opened.version, opened.minutes) == (0, Minutes())
    saved = ada.save_minutes(opened.meeting_id, present, opened.version)
    with pytest.raises(Conflict, match="were changed by ada"):
        bob.save_minutes(opened.meeting_id, decided, opened.version)
    bob.save_minutes(saved.meeting_id, decided, saved.version)

    again = ada.get_minutes(SLUG)
    after = ada.get_meeting(SLUG)
    assert (again.version, again.minutes) == (2, decided)
    assert after.version == meeting.version  # the meeting itself did not change
    assert after.revision == meeting.revision + 2  # but its record did, twice
    [last, first] = [e for e in ada.audit_log(meeting_slug=SLUG) if e.subject == "minutes"]
    assert (last.actor, last.action, last.detail["items"]) == (
        "bob",
        "minutes.recorded",
        ["agenda[2]"],
    )
    assert first.detail["fields"] == ["present"]

    ada.delete_meeting(after.id, after.version, SLUG)
    ada.import_meetings([read_meeting_file(COUNCIL_FILE)])
    assert ada.get_minutes(SLUG).minutes == Minutes()  # they went with their meeting


def test_minutes_are_versioned_audited_and_go_with_their_meeting(tmp_path):
    path = tmp_path / "workspace.sqlite"
    with Workspace.open(path, "ada") as ada, Workspace.open(path, "bob") as bob:
        keeps_its_promises(ada, bob)


def test_a_postgresql_workspace_keeps_the_minutes_the_same_way(postgres_url: str):
    with Workspace.open(postgres_url, "ada") as ada, Workspace.open(postgres_url, "bob") as bob:
        keeps_its_promises(ada, bob)
