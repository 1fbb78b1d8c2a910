"""Facts a secretariat would want flagged: warned about in `check` and beside the item in
the app, never printed as if nothing were wrong."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from planner.agenda.schedule import WarningForm, build_schedule
from planner.agenda.sheet import sheet_text
from planner.agenda.wording import Wording
from planner.model import Meeting
from tests.factories import meeting_data

COUNCIL_CASES = [
    {"kind": "case", "title": "Budsjett 2016", "case": {"number": "75/15"}},
    {"kind": "case", "title": "Skolebruksplan", "case": {"number": "76/15"}},
    {"kind": "case", "title": "Vegnavn", "case": {"number": "75 / 15"}},
]


def warnings_of(meeting: Meeting, language: str = "nb") -> list[tuple[str, tuple | None, str]]:
    schedule = build_schedule(meeting)
    wording = Wording(meeting, language)
    return [
        (str(w.form), w.path, wording.warning(schedule, w))
        for w in schedule.warnings
        if w.form not in (WarningForm.GAP_BEFORE_END, WarningForm.GAP_AFTER_START)
    ]


def test_two_cases_with_one_case_number_are_flagged_at_the_second():
    meeting = Meeting.model_validate(
        meeting_data(kind="council_meeting", agenda=COUNCIL_CASES, case_prefix="Sak")
    )

    assert warnings_of(meeting) == [
        (
            "same_case_number",
            (2,),
            "Sak 75 / 15 «Vegnavn» har samme saksnummer som Sak 75/15 «Budsjett 2016»",
        )
    ]


def test_someone_chairing_twice_is_warned_about_and_printed_once():
    meeting = Meeting.model_validate(
        meeting_data(
            chairs=["sanner", "sanner", "helgesen"],
            agenda=[{"title": "Velkommen", "duration": 10, "speakers": ["helgesen", "helgesen"]}],
        )
    )

    found = warnings_of(meeting, "en")
    printed = sheet_text(build_schedule(meeting), Wording(meeting, "nb"))

    assert found == [
        (
            "listed_twice",
            None,
            "Jan Tore Sanner, kommunal- og moderniseringsminister is listed twice in “Chairs”",
        ),
        (
            "listed_twice_in_item",
            (0,),
            "Gunn Marit Helgesen, leder i KS is listed twice in “Speakers” of item 1 “Velkommen”",
        ),
    ]
    assert "Møteledere: Jan Tore Sanner, kommunal- og moderniseringsminister; Gunn Marit " in (
        printed
    )
    assert "Innleder: Gunn Marit Helgesen, leder i KS\n" in printed


@pytest.mark.parametrize(
    ("mode", "venue", "says"),
    [
        ("online", None, "the meeting is online, but gives no link to join it (online_url)"),
        (
            "hybrid",
            {"name": "KS-huset"},
            "the meeting is hybrid, but gives no link to join it online (online_url)",
        ),
    ],
)
def test_an_online_or_hybrid_meeting_without_a_link_is_flagged(mode, venue, says):
    meeting = Meeting.model_validate(meeting_data(mode=mode, venue=venue))
    with_link = Meeting.model_validate(
        meeting_data(mode=mode, venue=venue, online_url="https://meet.example.no/ks")
    )

    assert [text for _, _, text in warnings_of(meeting, "en")] == [says]
    assert warnings_of(with_link, "en") == []


def test_a_person_and_an_organisation_may_not_share_a_key():
    data = meeting_data(
        organisations=[{"id": "ks", "name": "KS"}],
        people=[
            {"id": "ks", "name": "Kari Stene"},
            {"id": "helgesen", "name": "Gunn Marit Helgesen"},
        ],
        chairs=["ks"],
    )

    with pytest.raises(ValidationError) as refused:
        Meeting.model_validate(data)

    [error] = refused.value.errors()
    assert error["loc"] == ("people", 0, "id")
    assert "ks is also the key of an organisation (organisations[0].id)" in error["msg"]
