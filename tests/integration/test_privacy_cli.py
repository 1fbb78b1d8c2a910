"""`planner privacy purge`, `planner person export` and `planner person erase`."""

from __future__ import annotations

import json

from planner import registrations
from planner.model import MeetingFile
from planner.model import RegistrationStatus as Status
from planner.store import Workspace
from tests.factories import conference_data
from tests.integration.command_line import planner, succeeded

SLUG = "nordisk-integrasjon-2018"


def _registration(name: str, email: str, *, arrived: bool, **answers) -> dict:
    return {
        "person": {"name": name, "email": email, "phone": "+47 22 00 00 00", "organisation": "KS"},
        "status": "confirmed",
        "submitted_at": "2026-02-01 10:00",
        "checked_in_at": "2026-03-10 08:45" if arrived else None,
        "answers": answers,
    }


def _workspace(path, *, erase_after: str, archival: bool) -> None:
    data = conference_data(privacy={"erase_after": erase_after, "archival": archival})
    data["registrations"] = [
        _registration("Kari Aas", "kari@ks.no", arrived=True, dietary="Vegetar"),
        _registration("Ola Berg", "ola@ks.no", arrived=False, accessibility="Rullestol"),
    ]
    with Workspace.open(path, "ada") as workspace:
        workspace.import_meetings([MeetingFile.model_validate(data)])


def _people(path) -> dict:
    with Workspace.open(path, "ada") as workspace:
        return {
            s.registration.person.name: s.registration for s in workspace.list_registrations(SLUG)
        }


def test_a_purge_before_the_retention_date_erases_nothing(runner, workspace):
    _workspace(workspace, erase_after="2999-12-31", archival=False)
    result = planner(runner, workspace, "privacy", "purge", SLUG)
    assert result.exit_code == 3
    assert "kept until 2999-12-31; nothing was erased" in result.output
    assert _people(workspace)["Kari Aas"].answers.dietary == "Vegetar"


def test_a_purge_erases_needs_and_the_contact_details_of_those_absent(runner, workspace):
    _workspace(workspace, erase_after="2026-06-30", archival=False)
    dry = succeeded(planner(runner, workspace, "privacy", "purge", SLUG, "--dry-run"))
    assert "2 registrations would be cleared: 1 dietary needs, 1 accessibility, 1 e-mail" in dry
    assert _people(workspace)["Ola Berg"].person.email == "ola@ks.no"
    succeeded(planner(runner, workspace, "privacy", "purge", SLUG))
    people = _people(workspace)
    assert people["Kari Aas"].answers.dietary is None
    assert people["Kari Aas"].person.email == "kari@ks.no"
    assert (
        people["Ola Berg"].person.email is None and people["Ola Berg"].answers.accessibility is None
    )
    with Workspace.open(workspace, "ada") as opened:
        [entry, *_] = opened.audit_log(meeting_slug=SLUG)
    assert entry.action == "registrations.purged"
    assert "Vegetar" not in json.dumps(entry.detail) and "ola@ks.no" not in json.dumps(entry.detail)


def test_a_person_exports_everything_held_and_is_erased_but_for_the_archived_record(
    runner, workspace, tmp_path
):
    _workspace(workspace, erase_after="2999-12-31", archival=True)
    held = json.loads(succeeded(planner(runner, workspace, "person", "export", "KARI@ks.no")))
    [registration] = held["registrations"]
    assert registration["registration"]["answers"]["dietary"] == "Vegetar"

    succeeded(planner(runner, workspace, "person", "erase", "kari@ks.no"))
    succeeded(planner(runner, workspace, "person", "erase", "ola@ks.no"))
    people = _people(workspace)
    assert set(people) == {"Kari Aas"}  # she attended an archival meeting; he did not attend
    kari = people["Kari Aas"]
    assert kari.person.email is None and kari.answers.dietary is None
    assert kari.checked_in_at is not None
    with Workspace.open(workspace, "ada") as opened:
        log = json.dumps([(e.subject, e.detail) for e in opened.audit_log()], ensure_ascii=False)
    assert "kari" not in log.lower() and "ola" not in log.lower()
    missing = planner(runner, workspace, "person", "erase", "kari@ks.no")
    assert missing.exit_code == 4


def test_erasing_someone_with_a_place_passes_it_on_and_keeps_the_counts(runner, workspace):
    data = conference_data(capacity=1, registration_rules={"promotion": "automatic"})
    data["registrations"] = [
        _registration("Kari Aas", "kari@ks.no", arrived=False),
        {**_registration("Ola Berg", "ola@ks.no", arrived=False), "status": "waitlisted"},
    ]
    with Workspace.open(workspace, "ada") as opened:
        opened.import_meetings([MeetingFile.model_validate(data)])
    succeeded(planner(runner, workspace, "person", "erase", "kari@ks.no"))
    with Workspace.open(workspace, "ada") as opened:
        counts = registrations.places(opened, SLUG).counts
        [ola] = registrations.everyone(opened, SLUG)
    assert ola.status == Status.OFFERED
    assert {status: n for status, n in counts.items() if n} == {Status.OFFERED: 1}


def test_erasing_someone_deletes_the_invitations_kept_for_them_and_no_one_elses(runner, workspace):
    from planner.invitations import outbox

    _workspace(workspace, erase_after="2999-12-31", archival=True)
    with Workspace.open(workspace, "ada") as opened:
        outbox.queue(opened, SLUG)
        before = {message.recipient for message in outbox.messages(opened, SLUG)}
    assert {"kari@ks.no", "ola@ks.no"} <= before
    succeeded(planner(runner, workspace, "person", "erase", "KARI@ks.no"))
    with Workspace.open(workspace, "ada") as opened:
        after = {message.recipient for message in outbox.messages(opened, SLUG)}
        held = json.dumps(
            [
                outbox.message_bytes(opened, SLUG, m.id).decode("utf-8", "replace")
                for m in outbox.messages(opened, SLUG)
            ]
        )
    assert "kari@ks.no" not in after and "ola@ks.no" in after
    assert "Kari Aas" not in held and "kari@ks.no" not in held
