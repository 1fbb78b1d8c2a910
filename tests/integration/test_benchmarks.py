"""The benchmarks stay runnable: `make bench` runs each workload and writes a table with its
budget, median, spread and reference. Times are never asserted here."""

from __future__ import annotations

from benchmarks import agenda_keys, invitation_build, invitation_send, run


def test_the_agenda_benchmark_runs_and_is_reported_against_its_floor(tmp_path):
    result = agenda_keys.run(tmp_path, times=4)

    assert len(result.measured.runs) == 4
    assert len(result.reference.runs) == 4
    table = run.report([result])
    assert "| Keystroke to frame in the agenda editor" in table
    assert "above the floor" in table


def test_the_invitation_benchmarks_run_on_a_few_messages(tmp_path):
    built = invitation_build.run(tmp_path, times=1, count=60)
    sent = invitation_send.run(tmp_path, times=1, count=20)
    table = run.report([built, sent])
    assert "| 60 invitation e-mails built" in table and "add_missing_timezones()" in table
    assert "| 20 invitations sent through the outbox" in table and "messages/s" in table


def test_the_documents_benchmarks_run_and_are_reported(tmp_path):
    from benchmarks import documents

    results = [
        documents.participants(tmp_path, times=1, people=20),
        documents.growth(tmp_path, times=1, small=10, large=20),
        documents.programme_docx(tmp_path, times=1),
    ]

    table = run.report(results)
    assert "| Participant list PDF, 20 people" in table
    assert "the same people in one HTML table" in table
    assert "progress reports a render" in table
    assert "| Programme DOCX, four pages (warm)" in table


def test_the_intake_benchmarks_run_on_small_files_and_are_reported(tmp_path):
    from benchmarks import checkin_search, intake

    result = intake.run_size(tmp_path, 10_000, times=1)
    search = checkin_search.run(tmp_path, rounds=1)
    table = run.report([result, search])
    assert "| Import of a form export, 10,000 rows" in table
    assert "| Check-in search, one keystroke, 10,000 people" in table
    assert len(search.measured.runs) == 2 * len(checkin_search.TYPED) - 1
