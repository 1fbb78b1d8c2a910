"""`planner registrations …` as a script uses it: exit codes, stable JSON, one message."""

from __future__ import annotations

import json

from planner.meeting_files import write_meeting_file
from planner.model import MeetingFile
from tests.factories import conference_data
from tests.integration.command_line import planner, succeeded

SLUG = "toppmote"


def a_meeting(runner, workspace, tmp_path, **changes) -> None:
    people = [
        {"person": {"name": "Kari Nordmann", "email": "kari@example.no"}, "status": "confirmed",
         "submitted_at": "2026-02-01 10:00"},
        {"person": {"name": "Ola Nordmann", "email": "ola@example.no"}, "status": "waitlisted",
         "submitted_at": "2026-02-02 10:00"},
    ]  # fmt: skip
    data = conference_data(SLUG, capacity=1, registrations=people, **changes)
    path = tmp_path / "toppmote.yaml"
    write_meeting_file(MeetingFile.model_validate(data), path)
    succeeded(planner(runner, workspace, "import", str(path)))


def test_a_secretariat_adds_confirms_promotes_and_undoes_from_the_command_line(
    runner, workspace, tmp_path
):
    a_meeting(runner, workspace, tmp_path)

    added = succeeded(
        planner(runner, workspace, "registrations", "add", SLUG, "--name", "Per Hansen",
                "--email", "per@example.no", "--organisation", "Bergen kommune")
    )  # fmt: skip
    assert "Per Hansen (" in added and "added as pending" in added
    cancelled = succeeded(
        planner(runner, workspace, "registrations", "set-status", SLUG, "kari@example.no",
                "cancelled")
    )  # fmt: skip
    assert "Kari Nordmann (" in cancelled and "confirmed → cancelled" in cancelled
    preview = succeeded(planner(runner, workspace, "registrations", "promote", SLUG, "--dry-run"))
    assert "This would be done (nothing is changed yet):" in preview
    assert "Ola Nordmann" in preview and "waitlisted → offered a place, until" in preview
    listed = json.loads(
        succeeded(planner(runner, workspace, "registrations", "list", SLUG, "--json"))
    )
    assert [r["status"] for r in listed] == ["cancelled", "waitlisted", "pending"]

    promoted = succeeded(planner(runner, workspace, "registrations", "promote", SLUG))
    undone = succeeded(planner(runner, workspace, "registrations", "undo", SLUG))

    assert "waitlisted → offered a place" in promoted
    assert undone.startswith("Undone:\n") and "offered a place → waitlisted" in undone
    table = succeeded(planner(runner, workspace, "registrations", "list", SLUG))
    assert table.splitlines()[0].split() == ["Key", "Status", "Submitted", "Name,",
                                            "organisation", "and", "e-mail"]  # fmt: skip
    assert "Per Hansen, Bergen kommune <per@example.no>" in table
    assert table.rstrip().endswith("3 registrations")
    meetings = succeeded(planner(runner, workspace, "list"))
    assert "0/1 (+1)" in meetings


def test_the_json_of_a_list_has_stable_fields_and_filters_by_status_and_words(
    runner, workspace, tmp_path
):
    a_meeting(runner, workspace, tmp_path)

    found = json.loads(
        succeeded(
            planner(runner, workspace, "registrations", "list", SLUG, "--status", "waitlisted",
                    "--search", "OLA", "--json")
        )
    )  # fmt: skip

    assert len(found) == 1
    assert sorted(found[0]) == sorted(
        ["key", "id", "version", "status", "name", "email", "organisation", "delegation",
         "submitted_at", "priority", "offer_expires_at", "checked_in_at"]
    )  # fmt: skip
    assert (found[0]["name"], found[0]["submitted_at"]) == (
        "Ola Nordmann",
        "2026-02-02T10:00:00+01:00",
    )
    nobody = planner(runner, workspace, "registrations", "list", SLUG, "--search", "zz", "--json")
    assert json.loads(succeeded(nobody)) == []


def test_a_change_the_rules_refuse_ends_in_one_message_and_exit_code_5(runner, workspace, tmp_path):
    a_meeting(runner, workspace, tmp_path)

    refused = planner(runner, workspace, "registrations", "set-status", SLUG, "ola@example.no",
                      "confirmed")  # fmt: skip

    assert refused.exit_code == 5
    assert refused.stderr == (
        "error: Ola Nordmann: the status “waitlisted” cannot become “confirmed”; from "
        "“waitlisted” it can become offered a place or withdrawn\n"
    )
    assert refused.stdout == ""


def test_mistakes_say_what_is_wrong_with_their_exit_code(runner, workspace, tmp_path):
    a_meeting(runner, workspace, tmp_path)
    cases = [
        (("set-status", SLUG, "kari@example.no", "maybe"), 3, "unknown status “maybe”: use"),
        (("set-status", SLUG, "per@example.no", "confirmed"), 4, "no registration"),
        (("set-status", "nowhere", "kari@example.no", "confirmed"), 4, "no meeting 'nowhere'"),
        (("add", SLUG, "--name", "Per", "--email", "not-an-address"), 3, "--email"),
        (("add", SLUG, "--name", "Per", "--status", "attended"), 5, "cannot be added as"),
        (("undo", SLUG), 4, "nothing to undo"),
    ]
    for args, code, message in cases:
        result = planner(runner, workspace, "registrations", *args)
        assert (result.exit_code, message in result.stderr) == (code, True), result.output
        assert result.stderr.count("\n") == 1, result.stderr


def test_names_are_printed_as_text(runner, workspace, tmp_path):
    a_meeting(runner, workspace, tmp_path)
    name = "[bold]Kåre[/bold] {{ x }} =cmd() \u202e<script>"

    succeeded(planner(runner, workspace, "registrations", "add", SLUG, "--name", name))
    table = succeeded(planner(runner, workspace, "registrations", "list", SLUG))

    assert "[bold]Kåre[/bold] {{ x }} =cmd()" in table
    assert "\u202e" not in table


def test_places_are_counted_per_status_and_against_each_limit(runner, workspace, tmp_path):
    a_meeting(
        runner,
        workspace,
        tmp_path,
        agenda=[{"id": "spor-a", "title": "Spor A", "duration": 60, "capacity": 20}],
        registration_rules={"quotas": {"Bergen kommune": 2}},
    )

    shown = succeeded(planner(runner, workspace, "registrations", "places", SLUG))
    counted = json.loads(
        succeeded(planner(runner, workspace, "registrations", "places", SLUG, "--json"))
    )

    assert shown.splitlines()[:3] == [
        "1 of 1 places taken, 1 waiting",
        "  confirmed: 1",
        "  waitlisted: 1",
    ]
    assert "  “Spor A”: 0/20" in shown
    assert "  the delegation “bergen kommune”: 0/2" in shown
    assert counted["counts"]["confirmed"] == 1
    assert counted["limits"][0] == {
        "what": "meeting", "name": "", "title": "", "places": 1, "taken": 1
    }  # fmt: skip
