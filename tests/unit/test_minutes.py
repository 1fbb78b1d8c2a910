"""The minutes (møteprotokoll): recording who was present and what each case decided, the
rules a secretary could not sign otherwise, and the same template printing a skeleton before
the meeting and the minutes after it, in every text format and language."""

from __future__ import annotations

import pytest

from planner.documents.render import render_document
from planner.meeting_files import read_meeting_file
from planner.minutes import (
    MinutesRefused,
    find_item,
    minutes_items,
    placed,
    record_attendance,
    record_item,
    undecided_cases,
)
from planner.model import LANGUAGES, Meeting
from planner.model.minutes import Minutes
from planner.resources import sample_meeting_files
from planner.words import speaking
from tests.factories import meeting_data

[COUNCIL_FILE] = [p for p in sample_meeting_files() if p.stem.startswith("formannskapet")]


@pytest.fixture(scope="module")
def council() -> Meeting:
    return read_meeting_file(COUNCIL_FILE)


def attended(council: Meeting) -> Minutes:
    return record_attendance(
        council,
        Minutes(),
        present=["ordforer", "Per Hansen", "Lise Berg", "Nils Dahl"],
        absent=["Åse Vik"],
    )


# -- which items, and finding one ----------------------------------------------------------------


def test_the_minutes_list_the_briefings_and_every_case_but_no_breaks(council):
    items = minutes_items(council)

    assert [(i.position, i.shown) for i in items][2:] == [
        (3, "PS 75/15"),
        (4, "PS 76/15"),
        (5, "PS 77/15"),
        (6, "PS 78/15"),
    ]
    assert items[0].title.startswith("Orientering: bosetting")
    assert [i.is_case for i in items] == [False, False, True, True, True, True]
    programme = Meeting.model_validate(
        meeting_data(
            agenda=[
                {"title": "Innledning", "duration": 20},
                {"kind": "break", "duration": 15},
                {"title": "Dialog", "duration": 60},
            ]
        )
    )
    assert [(i.number, i.title) for i in minutes_items(programme)] == [
        ("1", "Innledning"),
        ("2", "Dialog"),
    ]


@pytest.mark.parametrize("typed", ["77/15", "PS 77/15", "ps  77/15", "ps-77-15", "agenda[4]", "5"])
def test_a_case_is_found_by_its_number_as_printed_its_key_or_its_place(council, typed):
    assert find_item(council, typed).shown == "PS 77/15"


def test_an_unknown_item_is_refused_naming_those_there_are(council):
    with pytest.raises(MinutesRefused) as refused:
        find_item(council, "79/15")

    message = str(refused.value)
    assert "79/15" in message
    assert "1, 2, PS 75/15, PS 76/15, PS 77/15, PS 78/15" in message


# -- recording and its rules ----------------------------------------------------------------


def case_decided(council: Meeting) -> Minutes:
    return record_item(
        council,
        attended(council),
        "77/15",
        decision="1. Fjordvik kommune bosetter 30 flyktninger i 2016.\n2. Familiegjenforente "
        "kommer i tillegg.",
        proceedings="Rådmannens innstilling ble enstemmig vedtatt.",
        disqualified=["Per Hansen"],
    )


def test_a_decision_proceedings_and_disqualification_are_recorded_for_the_case(council):
    minutes = case_decided(council)

    entry = minutes.entry("ps-77-15")
    assert entry is not None
    assert entry.title == "Bosetting av flyktninger 2016"
    assert entry.decision.startswith("1. Fjordvik kommune bosetter 30")
    assert entry.disqualified == ["Per Hansen"]
    assert [c.shown for c in undecided_cases(council, minutes)] == [
        "PS 75/15",
        "PS 76/15",
        "PS 78/15",
    ]


def test_recording_a_decision_again_replaces_it_and_an_empty_one_removes_it(council):
    first = record_item(council, attended(council), "75/15", decision="Godkjent.")
    again = record_item(council, first, "PS 75/15", decision="Godkjent med én merknad.")
    removed = record_item(council, again, "75/15", decision="")

    assert [e.decision for e in again.items] == ["Godkjent med én merknad."]
    assert removed.items == []
    assert "PS 75/15" in [c.shown for c in undecided_cases(council, removed)]


def test_no_one_is_both_present_and_absent(council):
    with pytest.raises(MinutesRefused, match="Per Hansen cannot be both present and absent"):
        record_attendance(council, Minutes(), present=["Per Hansen"], absent=["per  HANSEN"])
    with pytest.raises(MinutesRefused, match="both present and absent"):
        record_attendance(council, Minutes(), present=["ordforer"], absent=["Ola Nordmann"])
    with pytest.raises(MinutesRefused, match="both present and away for PS 78/15"):
        record_item(council, attended(council), "78/15", present=["Kari"], absent=["Kari"])


def test_only_someone_present_at_the_case_can_be_disqualified_from_it(council):
    with pytest.raises(MinutesRefused, match="record who was present first"):
        record_item(council, Minutes(), "77/15", disqualified=["Per Hansen"])
    with pytest.raises(MinutesRefused, match="Åse Vik was not present for PS 77/15"):
        record_item(council, attended(council), "77/15", disqualified=["Åse Vik"])
    away = record_item(council, attended(council), "77/15", absent=["Lise Berg"])
    with pytest.raises(MinutesRefused, match="Lise Berg was not present for PS 77/15"):
        record_item(council, away, "77/15", disqualified=["Lise Berg"])

    substitute = record_item(council, attended(council), "77/15", present=["Vara Varasen"])
    allowed = record_item(council, substitute, "77/15", disqualified=["Vara Varasen"])
    assert allowed.entry("ps-77-15").disqualified == ["Vara Varasen"]


def test_only_those_present_at_the_meeting_are_away_from_one_of_its_items(council):
    with pytest.raises(MinutesRefused, match="Åse Vik is not recorded as present"):
        record_item(council, attended(council), "76/15", absent=["Åse Vik"])
    with pytest.raises(MinutesRefused, match="Per Hansen is present for the whole meeting"):
        record_item(council, attended(council), "76/15", present=["Per Hansen"])


def test_attendance_cannot_be_changed_under_a_recorded_disqualification(council):
    minutes = record_item(council, attended(council), "77/15", disqualified=["Per Hansen"])

    with pytest.raises(MinutesRefused, match="Per Hansen was not present for PS 77/15"):
        record_attendance(council, minutes, present=["ordforer", "Lise Berg"])


def test_names_are_cleaned_kept_once_and_blanks_left_out(council):
    minutes = record_attendance(
        council, Minutes(), present=["Kari\u202e  Nordmann\n", "kari nordmann", " ", "\u200b"]
    )

    assert minutes.present == ["Kari Nordmann"]


def test_a_name_or_a_decision_past_its_limit_is_refused_saying_which(council):
    with pytest.raises(MinutesRefused, match=r"present\[0\]: is too long: at most 200"):
        record_attendance(council, Minutes(), present=["K" * 201])
    with pytest.raises(MinutesRefused, match=r"decision: is too long: at most 20,000"):
        record_item(council, Minutes(), "75/15", decision="x" * 20_001)


def test_an_entry_follows_its_case_when_the_agenda_is_reordered(council):
    minutes = record_item(council, attended(council), "76/15", decision="Tatt til orientering.")
    agenda = list(council.agenda)
    agenda[2], agenda[3] = agenda[3], agenda[2]  # PS 76/15 now where PS 75/15 was
    reordered = council.model_copy(update={"agenda": agenda})

    at, unplaced = placed(reordered, minutes)

    assert unplaced == []
    assert at[(2,)].decision == "Tatt til orientering."
    shortened = council.model_copy(update={"agenda": council.agenda[:3]})
    assert [e.title for e in placed(shortened, minutes)[1]] == ["Referatsaker"]


# -- the minutes as a document -----------------------------------------------------------------


def recorded(council: Meeting) -> Minutes:
    minutes = case_decided(council)
    return record_item(council, minutes, "1", decision="Orienteringen tas til orientering.")


def text(meeting: Meeting, minutes: Minutes | None, format: str = "txt", language=None) -> str:
    content = render_document(meeting, "minutes", format, language, minutes=minutes).content
    assert isinstance(content, str)
    return content


def test_before_the_meeting_the_minutes_are_a_skeleton_with_every_case_as_a_heading(council):
    skeleton = text(council, None)

    assert "Møteprotokoll – Formannskapet" in skeleton
    for heading in (
        "Orientering: bosetting og mottak av flyktninger – status november 2015",
        "PS 75/15 Godkjenning av protokoll fra møtet 29.10.2015",
        "PS 78/15 Budsjett for introduksjonsprogrammet 2016",
    ):
        assert heading in skeleton
    assert skeleton.count("Vedtak:") == 6
    assert "Rådmannens innstilling:" in skeleton  # what the case proposes, to decide on
    assert "Til stede:" in skeleton and "Forfall:" in skeleton
    assert "Vedtak er ennå ikke ført" not in skeleton  # nothing recorded: nothing missing yet


def test_after_the_meeting_the_same_template_prints_what_was_recorded(council):
    printed = text(council, recorded(council))

    assert "Til stede: Ola Nordmann, ordfører; Per Hansen; Lise Berg; Nils Dahl" in printed
    assert "Forfall: Åse Vik" in printed
    case = printed[printed.index("PS 77/15") : printed.index("PS 78/15")]
    assert "Inhabil: Per Hansen" in case
    assert "Behandling:\n  Rådmannens innstilling ble enstemmig vedtatt." in case
    assert "Vedtak:\n  1. Fjordvik kommune bosetter 30 flyktninger i 2016." in case
    assert "Vedtak er ennå ikke ført for PS 75/15, PS 76/15, PS 78/15." in printed


def test_the_minutes_print_in_markdown_and_html_too(council):
    minutes = recorded(council)

    markdown = text(council, minutes, "md")
    html = text(council, minutes, "html")

    assert "**Inhabil:** Per Hansen" in markdown
    assert "1\\. Fjordvik kommune bosetter" in markdown
    assert "<strong>Inhabil:</strong> Per Hansen" in html
    assert "<p>2. Familiegjenforente kommer i tillegg.</p>" in html
    # two lines to write on under each item with no decision yet: a briefing and three cases
    assert html.count('class="to-fill"') == 8


def test_what_was_recorded_for_an_item_no_longer_on_the_agenda_is_printed_last(council):
    minutes = record_item(council, attended(council), "78/15", decision="Vedtatt.")
    shortened = council.model_copy(update={"agenda": council.agenda[:5]})

    printed = text(shortened, minutes)

    assert printed.index("Ført for saker som ikke lenger står på sakslisten") < printed.index(
        "Budsjett for introduksjonsprogrammet 2016"
    )
    assert "Vedtatt." in printed


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_minutes_have_every_word_in_every_language(council, language):
    for format in ("txt", "md", "html"):
        printed = text(council, recorded(council), format, language)
        assert "⟦" not in printed, (format, printed[printed.index("⟦") - 40 :][:120])


def test_hostile_names_and_decisions_print_as_typed(council):
    hostile = "<script>alert(1)</script> & {{ 7*7 }} {% raw %} *Kari*"
    minutes = record_attendance(council, Minutes(), present=[hostile])
    minutes = record_item(council, minutes, "77/15", decision=hostile, disqualified=[hostile])

    html = text(council, minutes, "html")
    plain = text(council, minutes, "txt")

    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }} {% raw %} *Kari*" in html
    assert f"Inhabil: {hostile}" in plain
    assert "49" not in plain


# -- what a secretary types, below the app ------------------------------------------------------


def test_refused_text_is_kept_as_typed_and_taken_in_once_it_is_put_right(council):
    from planner.minutes.typed import MinutesSheet, Recording, Typed

    sheet = MinutesSheet(council)
    case = find_item(council, "77/15")
    recording = Recording(Minutes())
    assert sheet.first(recording) is not None and sheet.first(recording).shown == "PS 75/15"

    recording = sheet.take(
        recording, None, case, Typed(decision="Vedtatt.", disqualified="Per Hansen")
    )

    assert "record who was present first" in str(recording.problem)
    assert sheet.typed_for(recording, case).disqualified == "Per Hansen"  # nothing is lost
    assert sheet.marks(recording)[4] == "!"
    saved, why = recording.saved_part()
    assert saved.minutes == Minutes() and why is recording.problem  # nothing of it saved yet

    recording = sheet.take(recording, Typed(present="Per Hansen; Lise Berg"), None, None)

    assert recording.problem is None and not recording.refused  # the case taken in too
    assert sheet.marks(recording)[4] == "✓"
    assert recording.minutes.entry("ps-77-15").disqualified == ["Per Hansen"]
    assert sheet.attendance(recording).present == "Per Hansen; Lise Berg"


def test_two_secretaries_recording_different_cases_combine_and_the_same_case_clashes(council):
    from planner.editing.clashes import Choice
    from planner.minutes.merging import merge_minutes
    from planner.minutes.typed import Recording

    base = Recording(attended(council))
    mine = Recording(record_item(council, base.minutes, "77/15", decision="Vedtatt."))
    theirs = Recording(record_item(council, base.minutes, "78/15", decision="Utsatt."))

    combined = merge_minutes(council, base, mine, theirs).resolve({})

    assert combined.minutes.entry("ps-77-15").decision == "Vedtatt."
    assert combined.minutes.entry("ps-78-15").decision == "Utsatt."

    other = Recording(record_item(council, base.minutes, "77/15", decision="Sendt tilbake."))
    merged = merge_minutes(council, base, mine, other)
    [clash] = merged.clashes
    with speaking("en"):
        assert str(clash.what) == "the minutes of “Bosetting av flyktninger 2016”"
    assert (clash.mine["decision"], clash.theirs["decision"]) == ("Vedtatt.", "Sendt tilbake.")
    taken = merged.resolve({clash.key: Choice.TAKE_THEIRS})
    assert taken.minutes.entry("ps-77-15").decision == "Sendt tilbake."


def test_a_combination_the_rules_refuse_is_left_to_the_user_whole(council):
    from planner.minutes.merging import merge_minutes
    from planner.minutes.typed import Recording

    base = Recording(attended(council))
    mine = Recording(record_item(council, base.minutes, "77/15", disqualified=["Nils Dahl"]))
    theirs = Recording(record_attendance(council, base.minutes, present=["ordforer"]))

    [clash] = merge_minutes(council, base, mine, theirs).clashes  # each fine alone

    assert clash.key == "*"
