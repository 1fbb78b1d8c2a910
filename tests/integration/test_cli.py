"""The command line as a secretariat uses it, through Typer's runner."""

from __future__ import annotations

import json
import textwrap

import pytest

from planner.cli import app
from planner.meeting_files import read_meeting_file
from planner.resources import sample_meeting_files
from tests.integration.command_line import planner, succeeded

SAMPLES = sample_meeting_files()
KS = next(p for p in SAMPLES if p.stem.startswith("ks-"))


def failed(result) -> str:
    """A user mistake: non-zero exit, one message, no traceback."""
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.stderr


def test_demo_builds_a_workspace_with_the_sample_meetings(runner, workspace):
    out = succeeded(planner(runner, workspace, "demo"))
    assert f"Demo workspace ready: {workspace}" in out
    listed = succeeded(planner(runner, workspace, "list"))
    for sample in SAMPLES:
        assert read_meeting_file(sample).slug in listed


def test_demo_refreshes_rather_than_duplicates(runner, workspace):
    succeeded(planner(runner, workspace, "demo"))
    succeeded(planner(runner, workspace, "demo"))
    listed = succeeded(planner(runner, workspace, "list")).splitlines()
    assert len([line for line in listed if line.startswith("ks-")]) == 1


def test_demo_without_a_workspace_uses_its_own_file_not_the_real_workspace(runner, tmp_path):
    out = succeeded(runner.invoke(app, ["demo"]))
    assert (tmp_path / "userdata" / "demo.sqlite").exists()
    assert not (tmp_path / "userdata" / "workspace.sqlite").exists()
    assert "Open it with: planner --workspace" in out


def test_show_prints_the_ks_meeting_with_computed_times(runner, workspace):
    succeeded(planner(runner, workspace, "import", str(KS)))
    out = succeeded(planner(runner, workspace, "show", read_meeting_file(KS).slug))
    assert "Tid: fredag 26. august 2016 kl. 12.30–16.00" in out
    assert "1   12.30–12.40" in out
    assert "Jan Tore Sanner" in out
    assert "Ingen advarsler" in out


def test_show_reads_a_file_and_reports_schedule_warnings(runner, workspace, tmp_path):
    text = KS.read_text(encoding="utf-8")
    broken = tmp_path / "overlap.yaml"
    broken.write_text(text.replace("end: 2016-08-26 16:00", "end: 2016-08-26 15:30"), "utf-8")
    out = succeeded(planner(runner, workspace, "show", str(broken)))
    assert "! overskridelse: programmet slutter 16.00, 30 min etter at møtet slutter (15.30)" in out
    english = succeeded(planner(runner, workspace, "show", str(broken), "--lang", "en"))
    assert "! overrun: the agenda ends at 16:00, 30 min after the meeting ends (15:30)" in english


def test_show_in_another_language_uses_its_date_and_clock(runner, workspace):
    sample = next(p for p in SAMPLES if "nordisk" in p.stem)
    out = succeeded(planner(runner, workspace, "show", str(sample), "--lang", "en"))
    assert "Tuesday 20 November 2018" in out
    out = succeeded(planner(runner, workspace, "show", str(sample)))
    assert "tisdag 20 november 2018" in out


def test_show_an_unknown_meeting(runner, workspace):
    succeeded(planner(runner, workspace, "init"))
    message = failed(planner(runner, workspace, "show", "no-such-meeting"))
    assert "no-such-meeting" in message


def test_import_refuses_a_slug_that_is_taken_unless_replacing(runner, workspace, tmp_path):
    succeeded(planner(runner, workspace, "import", str(KS)))
    message = failed(planner(runner, workspace, "import", str(KS)))
    assert "--replace" in message
    out = succeeded(planner(runner, workspace, "import", "--replace", str(KS)))
    assert "unchanged (version 1)" in out
    changed = tmp_path / "changed.yaml"
    changed.write_text(
        KS.read_text(encoding="utf-8").replace("status: published", "status: cancelled"), "utf-8"
    )
    out = succeeded(planner(runner, workspace, "import", "--replace", str(changed)))
    assert "replaced (version 1 → 2)" in out


def test_import_with_one_bad_file_writes_nothing(runner, workspace, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        KS.read_text(encoding="utf-8").replace("timezone: Europe/Oslo", "timezone: Oslo"),
        encoding="utf-8",
    )
    message = failed(planner(runner, workspace, "import", *map(str, SAMPLES), str(bad)))
    line = next(n for n, text in enumerate(bad.read_text().splitlines(), 1) if "timezone" in text)
    assert f"{bad}:{line}: timezone: unknown time zone 'Oslo'" in message
    assert not workspace.exists()


def test_export_then_import_gives_the_same_meeting_for_every_sample(runner, workspace, tmp_path):
    succeeded(planner(runner, workspace, "import", *map(str, SAMPLES)))
    for sample in SAMPLES:
        original = read_meeting_file(sample)
        exported = tmp_path / f"exported-{sample.name}"
        succeeded(planner(runner, workspace, "export", original.slug, "-o", str(exported)))
        again = read_meeting_file(exported)
        assert again.to_meeting() == original.to_meeting()
        assert [r.model_copy(update={"key": None}) for r in again.registrations] == (
            original.registrations
        )
        other = tmp_path / f"again-{sample.stem}.sqlite"
        succeeded(planner(runner, other, "import", str(exported)))
        out = succeeded(planner(runner, other, "export", original.slug))
        assert _without_stamp(out) == _without_stamp(exported.read_text(encoding="utf-8"))


def _without_stamp(text: str) -> str:
    return text.split("\nexported:\n")[0]


def test_check_passes_the_sample_files(runner, workspace):
    out = succeeded(planner(runner, workspace, "check", *map(str, SAMPLES)))
    assert out.count(": OK") == len(SAMPLES)


def test_check_fails_on_an_invalid_file_and_strict_fails_on_warnings(runner, workspace, tmp_path):
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text(
        KS.read_text(encoding="utf-8").replace("duration: 10", "duration: -10"), "utf-8"
    )
    assert "must be 0 minutes or more" in failed(planner(runner, workspace, "check", str(invalid)))

    late = tmp_path / "late.yaml"
    late.write_text(
        KS.read_text(encoding="utf-8").replace("end: 2016-08-26 16:00", "end: 2016-08-26 15:50"),
        encoding="utf-8",
    )
    assert "overrun" in succeeded(planner(runner, workspace, "check", str(late)))
    result = planner(runner, workspace, "check", "--strict", str(late))
    assert "1 of 1 meeting has warnings" in failed(result)
    assert result.exit_code == 1


def test_check_without_arguments_checks_the_workspace(runner, workspace):
    succeeded(planner(runner, workspace, "demo"))
    out = succeeded(planner(runner, workspace, "check"))
    assert out.count(": OK") == len(SAMPLES)


def test_schema_is_json_schema(runner, workspace):
    schema = json.loads(succeeded(planner(runner, workspace, "schema")))
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "agenda" in schema["properties"]


def test_the_workspace_can_come_from_the_environment(runner, monkeypatch, tmp_path):
    place = tmp_path / "from-env.sqlite"
    monkeypatch.setenv("PLANNER_WORKSPACE", str(place))
    succeeded(runner.invoke(app, ["import", str(KS)]))
    assert place.exists()


def test_the_audit_log_names_who_changed_what(runner, workspace):
    succeeded(planner(runner, workspace, "import", str(KS)))
    out = succeeded(planner(runner, workspace, "log"))
    assert "Test Sekretær" in out
    assert read_meeting_file(KS).slug in out


def test_a_workspace_in_a_missing_folder(runner, tmp_path):
    message = failed(runner.invoke(app, ["--workspace", str(tmp_path / "no" / "w.sqlite"), "list"]))
    assert str(tmp_path / "no") in message


def test_a_file_that_is_not_a_workspace(runner, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\n" * 100, encoding="utf-8")
    message = failed(runner.invoke(app, ["--workspace", str(notes), "list"]))
    assert str(notes) in message


def test_an_unknown_language(runner, workspace):
    assert "use one of nb, nn, sv, da, fi, is, se, fo, kl, en" in failed(
        planner(runner, workspace, "show", str(KS), "--lang", "de")
    )


def test_no_command_opens_the_planner(runner, workspace, monkeypatch):
    opened = []
    monkeypatch.setattr(
        "planner.tui.app.run", lambda opened_workspace: opened.append(opened_workspace.location)
    )
    succeeded(planner(runner, workspace, "init"))
    succeeded(planner(runner, workspace))
    assert opened == [str(workspace)]


def test_no_command_on_a_missing_workspace_says_so_and_creates_nothing(runner, workspace):
    assert "there is no workspace at" in failed(planner(runner, workspace))
    assert not workspace.exists()


def test_hostile_names_are_printed_as_text(runner, workspace, tmp_path):
    text = textwrap.dedent(
        """\
        slug: fiendtlig
        kind: seminar
        title: "[bold red]{{ 7*7 }}[/] <script>alert(1)</script>"
        timezone: Europe/Oslo
        start: 2026-01-10 10:00
        end: 2026-01-10 11:00
        venue: {name: "=cmd|' /C calc'!A0"}
        organiser: {name: Sekretariatet, email: post@example.no}
        agenda:
          - title: "[link=http://evil]klikk[/link]"
            duration: 60
        """
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    out = succeeded(planner(runner, workspace, "show", str(path)))
    assert "[bold red]{{ 7*7 }}[/] <script>alert(1)</script>" in out
    assert "[link=http://evil]klikk[/link]" in out
    assert "=cmd|' /C calc'!A0" in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["export", "no-such-meeting"], "no meeting 'no-such-meeting'"),
        (["import", "missing.yaml"], "missing.yaml: no such file"),
        (["check", "missing.yaml"], "missing.yaml: no such file"),
        (["show", "ks-toppmote"], "no meeting 'ks-toppmote'"),
    ],
)
def test_mistakes_end_in_one_message(runner, workspace, args, expected):
    succeeded(planner(runner, workspace, "init"))
    assert expected in failed(planner(runner, workspace, *args))


def test_export_into_a_missing_folder(runner, workspace, tmp_path):
    succeeded(planner(runner, workspace, "import", str(KS)))
    slug = read_meeting_file(KS).slug
    message = failed(planner(runner, workspace, "export", slug, "-o", str(tmp_path / "no/x.yaml")))
    assert f"the folder {tmp_path / 'no'} does not exist" in message


def test_an_unknown_option_is_a_usage_error(runner, workspace):
    result = planner(runner, workspace, "list", "--colour")
    assert result.exit_code == 2
    assert "--colour" in result.output


# -- the demo never touches real meetings ------------------------------------------------------


def real_workspace(runner, workspace, tmp_path) -> str:
    own = tmp_path / "own.yaml"
    own.write_text(
        KS.read_text(encoding="utf-8").replace(
            "slug: ks-toppmote-integrering-2016", "slug: var-egen-konferanse"
        ),
        encoding="utf-8",
    )
    succeeded(planner(runner, workspace, "import", str(own)))
    return _without_stamp(succeeded(planner(runner, workspace, "export", "var-egen-konferanse")))


def test_demo_refuses_a_workspace_with_meetings_of_its_own(runner, workspace, tmp_path):
    before = real_workspace(runner, workspace, tmp_path)

    result = planner(runner, workspace, "demo")

    assert "is not a demo workspace" in failed(result)
    assert result.exit_code == 5
    listed = succeeded(planner(runner, workspace, "list"))
    assert "var-egen-konferanse" in listed and "nordisk" not in listed
    after = succeeded(planner(runner, workspace, "export", "var-egen-konferanse"))
    assert _without_stamp(after) == before  # the stamp says when it was exported: it differs


def test_demo_refuses_the_workspace_named_by_the_environment_too(
    runner, workspace, tmp_path, monkeypatch
):
    real_workspace(runner, workspace, tmp_path)
    monkeypatch.setenv("PLANNER_WORKSPACE", str(workspace))

    assert "is not a demo workspace" in failed(runner.invoke(app, ["demo"]))
    assert "nordisk" not in succeeded(planner(runner, workspace, "list"))


def test_demo_refuses_a_workspace_holding_a_sample_someone_imported_for_real(runner, workspace):
    succeeded(planner(runner, workspace, "import", str(KS)))

    assert "is not a demo workspace" in failed(planner(runner, workspace, "demo"))


def test_demo_resets_its_own_workspace_on_refresh(runner, workspace, tmp_path):
    succeeded(planner(runner, workspace, "demo"))
    changed = tmp_path / "changed.yaml"
    exported = succeeded(planner(runner, workspace, "export", read_meeting_file(KS).slug))
    changed.write_text(exported.replace("status: published", "status: cancelled"), "utf-8")
    succeeded(planner(runner, workspace, "import", "--replace", str(changed)))

    succeeded(planner(runner, workspace, "demo"))

    assert "cancelled" not in succeeded(planner(runner, workspace, "list"))


# -- reading never creates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["list"], ["show", "x"], ["log"], ["export", "x"], ["check"], []],
    ids=["list", "show", "log", "export", "check", "app"],
)
def test_reading_a_missing_workspace_says_so_and_creates_nothing(runner, tmp_path, args):
    typo = tmp_path / "workspce.sqlite"

    result = runner.invoke(app, ["--workspace", str(typo), *args])

    assert f"there is no workspace at {typo}" in failed(result)
    assert result.exit_code == 4
    assert list(tmp_path.iterdir()) == []


# -- what check and log tell ---------------------------------------------------------------------


def test_check_warns_about_registrations_and_a_title_cut_short(runner, workspace, tmp_path):
    text = KS.read_text(encoding="utf-8").replace(
        "nb: Politisk toppmøte om integrering av flyktninger",
        "nb: Politisk toppmøte #1 om integrering",
    )
    text += textwrap.dedent(
        """\
        registrations:
          - person: {name: Kari Nordmann, email: kari@example.no}
            status: confirmed
            submitted_at: 2016-08-01 10:00
            checked_in_at: 2016-08-25 12:00
          - person: {name: Kari N., email: KARI@example.no}
            submitted_at: 2016-08-02 10:00
        """
    )
    path = tmp_path / "warned.yaml"
    path.write_text(text, encoding="utf-8")

    out = succeeded(planner(runner, workspace, "check", str(path)))

    assert "title.nb: text after ' #' was read as a comment" in out
    assert "registrations[0].checked_in_at" in out
    assert "registrations[1]" in out and "kari@example.no" in out.lower()
    result = planner(runner, workspace, "check", "--strict", str(path))
    assert result.exit_code == 1


def test_check_flags_a_chair_given_twice_and_a_hybrid_meeting_without_a_link(
    runner, workspace, tmp_path
):
    text = KS.read_text(encoding="utf-8").replace(
        "\nchairs: [sanner, helgesen]", "\nchairs: [sanner, helgesen, sanner]\nmode: hybrid"
    )
    path = tmp_path / "flagged.yaml"
    path.write_text(text, encoding="utf-8")

    out = succeeded(planner(runner, workspace, "check", str(path)))
    shown = succeeded(planner(runner, workspace, "show", str(path), "--lang", "en"))

    assert "no link: the meeting is hybrid, but gives no link to join it online" in out
    assert "listed twice: Jan Tore Sanner" in out and "is listed twice in “Chairs”" in out
    chairs = shown.split("\nChairs: ")[1].split("\n\n")[0]
    assert chairs.count("Jan Tore Sanner") == 1 and "Helgesen" in chairs


def test_the_log_says_what_each_change_did(runner, workspace, tmp_path):
    succeeded(planner(runner, workspace, "import", str(KS)))
    changed = tmp_path / "changed.yaml"
    changed.write_text(
        KS.read_text(encoding="utf-8").replace("status: published", "status: cancelled"), "utf-8"
    )
    succeeded(planner(runner, workspace, "import", "--replace", str(changed)))

    out = succeeded(planner(runner, workspace, "log", read_meeting_file(KS).slug))

    first, second = out.splitlines()
    assert "meeting.replaced" in first and "fields: status" in first
    assert f"from {changed}" in first
    assert "meeting.added" in second
