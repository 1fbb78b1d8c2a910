"""planner invite / cancel / outbox / ics without a mail server: dry runs that change
nothing, an "add to calendar" file, and every mistake one message with its exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import ExitCode
from planner.resources import sample_meeting_files
from planner.store import Workspace
from tests.integration.command_line import planner, succeeded
from tests.invitation_checks import check_calendar, check_message

NORDIC = next(p for p in sample_meeting_files() if p.stem.startswith("nordisk"))
SLUG = NORDIC.stem


@pytest.fixture
def config(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setattr("planner.config.config_file", lambda: path)
    return path


@pytest.fixture
def imported(runner, workspace, config):
    succeeded(planner(runner, workspace, "import", str(NORDIC)))
    return workspace


def refused(result, code: ExitCode, *parts: str) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    for part in parts:
        assert part in result.stderr, result.stderr
    return result.stderr


def test_a_dry_run_writes_each_message_as_an_eml_file_and_changes_nothing(
    runner, imported, tmp_path
):
    folder = tmp_path / "ut"
    out = succeeded(planner(runner, imported, "invite", SLUG, "--dry-run", str(folder)))
    assert "Wrote 10 messages to" in out and "Dry run: nothing was sent" in out
    files = sorted(folder.glob("*.eml"))
    assert len(files) == 10
    invitations = [check_message(f.read_bytes(), sender="integration@norden.org") for f in files]
    assert {i.method for i in invitations} == {"REQUEST"}
    assert files[0].name == "00001-kari.nordmann@example.no.eml"
    again = succeeded(planner(runner, imported, "invite", SLUG, "--dry-run", str(tmp_path / "b")))
    assert "The meeting: 6 new invitations" in again, "a dry run records nothing"
    assert "queued: 0  sending: 0  sent: 0" in succeeded(planner(runner, imported, "outbox", SLUG))


def test_a_dry_run_never_writes_over_an_earlier_one(runner, imported, tmp_path):
    folder = tmp_path / "ut"
    succeeded(planner(runner, imported, "invite", SLUG, "--dry-run", str(folder)))
    before = {f: f.read_bytes() for f in folder.glob("*.eml")}
    result = planner(runner, imported, "invite", SLUG, "--dry-run", str(folder))
    refused(result, ExitCode.BAD_INPUT, "already holds .eml files")
    assert {f: f.read_bytes() for f in folder.glob("*.eml")} == before


def test_send_without_a_server_is_a_dry_run_that_says_so(runner, imported, config, tmp_path):
    config.write_text(f'[mail]\ndry_run_folder = "{tmp_path / "runs"}"\n')
    out = succeeded(planner(runner, imported, "invite", SLUG, "--send"))
    assert "No mail server is set up ([mail] host in config.toml)" in out
    [run] = (tmp_path / "runs").iterdir()
    assert run.name.startswith(SLUG) and len(list(run.glob("*.eml"))) == 10


def test_cancel_without_send_cancels_nothing(runner, imported, tmp_path, config):
    config.write_text(f'[mail]\ndry_run_folder = "{tmp_path / "runs"}"\n')
    out = succeeded(planner(runner, imported, "cancel", SLUG))
    assert "Nothing to send" in out, "nobody has been sent the meeting yet"
    assert "the meeting is not cancelled" in out
    with Workspace.open(imported, "test") as opened:
        assert opened.get_meeting(SLUG).meeting.status == "published"


def test_the_add_to_calendar_file_has_no_attendees(runner, imported, tmp_path):
    target = tmp_path / "konferanse.ics"
    succeeded(planner(runner, imported, "ics", SLUG, "--publish", "-o", str(target)))
    calendar = check_calendar(target.read_bytes(), "PUBLISH")
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Integration i Norden – vad kan vi lära av varandra?"
    english = succeeded(planner(runner, imported, "ics", SLUG, "--publish", "--lang", "en"))
    assert "SUMMARY:Integration in the Nordic Region" in english
    refused(planner(runner, imported, "ics", SLUG), ExitCode.BAD_INPUT, "--publish")


@pytest.mark.parametrize(
    ("arguments", "code", "says"),
    [
        (["--dry-run", "x", "--send"], ExitCode.BAD_INPUT, "not both"),
        (["--to", "nobody@example.no"], ExitCode.BAD_INPUT, "is not registered"),
        (["--to", "not-an-address"], ExitCode.BAD_INPUT, "not an e-mail address"),
    ],
)
def test_a_wrong_option_is_one_message(runner, imported, arguments, code, says):
    refused(planner(runner, imported, "invite", SLUG, *arguments), code, says)


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ('host = "smtp.example.no"\npassword = "hemmelig"', "does not belong in config.toml"),
        ('security = "tls"', "should be one of starttls, ssl, none"),
        ("rate = -1", "mail.rate: should be a number"),
        ('from = "ikke en adresse"', "mail.from"),
        (
            'host = "smtp.example.no"\nsecurity = "none"\nusername = "post@example.no"',
            "unencrypted",
        ),
    ],
)
def test_a_mistake_in_the_mail_settings_names_the_setting(runner, imported, config, table, says):
    config.write_text(f"[mail]\n{table}\n")
    refused(planner(runner, imported, "invite", SLUG, "--send"), ExitCode.BAD_INPUT, says)


def test_a_login_without_a_password_says_where_to_put_it(runner, imported, config, monkeypatch):
    monkeypatch.delenv("PLANNER_SMTP_PASSWORD", raising=False)
    monkeypatch.setattr("planner.invitations.settings._from_keyring", lambda settings: None)
    config.write_text('[mail]\nhost = "smtp.example.no"\nusername = "post@example.no"\n')
    refused(
        planner(runner, imported, "invite", SLUG, "--send"),
        ExitCode.BAD_INPUT,
        "PLANNER_SMTP_PASSWORD",
        "planner mail password",
    )
    assert "queued: 10" in succeeded(planner(runner, imported, "outbox", SLUG))


def test_an_unknown_meeting_or_message_is_not_found(runner, imported):
    refused(planner(runner, imported, "invite", "finnes-ikke"), ExitCode.NOT_FOUND)
    refused(planner(runner, imported, "outbox", SLUG, "--resend", "999"), ExitCode.NOT_FOUND)


def test_check_config_names_a_mistake_in_the_mail_settings(runner, workspace, config):
    config.write_text('[mail]\nsecurity = "tls"\n')
    result = planner(runner, workspace, "check-config")
    assert result.exit_code == ExitCode.BAD_INPUT, result.output
    assert "mail.security: should be one of starttls, ssl, none" in result.stdout
