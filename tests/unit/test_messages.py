"""Messages from below the app said in the reader's language: the model's own rules,
pydantic's errors by their type, refusals of edits, and the times they name."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import get_args

import pytest
from pydantic import ValidationError

from planner.agenda import editing
from planner.agenda.registers import _MEETING_FIELDS, KeyKind
from planner.errors import InvalidInput, PlannerError
from planner.files import _REASONS
from planner.i18n import LABELLED, built_in_labels
from planner.meeting_files import parse_meeting_yaml
from planner.model import Meeting, MeetingFile, MeetingMode
from planner.model.clock import named_time, zone
from planner.model.meeting import Kind
from planner.model.problems import _EMAIL_PROBLEMS, _URL_PROBLEMS, PYDANTIC_SAID, said
from planner.progress import Stage
from planner.store.audit import _COUNTED
from planner.tui.widgets.form_data import place_problems
from planner.tui.work import describe_failure
from planner.words import STRICT_ENV, Words, speaking
from planner.yaml_safety import _TYPE_NAMES, SETTINGS_FILE
from tests.factories import meeting_data

# Every way of getting a meeting file wrong that pydantic, rather than a rule of Planner's,
# reports: one of each kind of error the model can produce.
BAD_FIELDS = [
    {"kind": "party"},
    {"language": "xx"},
    {"archived": "maybe"},
    {"archived": 3},
    {"slug": 5},
    {"venue": "KS-huset"},
    {"people": "everyone"},
    {"people": [5]},
    {"organiser": {"email": "kari@example.no"}},
    {"organiser": {"name": "Kari", "email": "nope"}},
    {"organiser": {"name": "Kari", "email": "a@b"}},
    {"organiser": {"name": "Kari", "email": "a..b@example.no"}},
    {"organiser": {"name": "Kari", "email": "kari nordmann@example.no"}},
    {"online_url": "ftp://example.no"},
    {"online_url": "not a url"},
    {"online_url": "http://"},
    {"online_url": "http://example.no:99999"},
    {"online_url": 5},
    {"online_url": "http://" + "a" * 3000 + ".no"},
    {"capacity": "many"},
    {"unknown_field": 1},
    {"absence": {"to": ["x"]}},
    {
        "exported": {
            "workspace": "w",
            "meeting": "m",
            "version": 0,
            "revision": "x",
            "at": "2016-08-26 12:00",
            "by": "a",
        }
    },
    {
        "exported": {
            "workspace": "w",
            "meeting": "m",
            "version": 1.5,
            "revision": 1,
            "at": "2016-08-26 12:00",
            "by": "a",
        }
    },
    {"events": [{"title": "Middag", "start": "2016-08-26 19:00", "kind": "picnic"}]},
    {"agenda": [{"parallel": "yes", "questions": [{"text": "Hvorfor?", "bogus": 1}]}]},
    {"registrations": [{"person": {"name": "Ola"}, "submitted_at": "x", "status": "x"}]},
    {"registrations": "all"},
]


def errors_of(changes: dict) -> list[dict]:
    data = meeting_data()
    data.update(copy.deepcopy(changes))
    with pytest.raises(ValidationError) as raised:
        MeetingFile.model_validate(data)
    return raised.value.errors()


ALL_ERRORS = [details for changes in BAD_FIELDS for details in errors_of(changes)]


def test_every_kind_of_pydantic_error_the_model_produces_is_said_by_planner():
    produced = {details["type"] for details in ALL_ERRORS}
    assert produced - {"planner_rule", "value_error"} <= set(PYDANTIC_SAID)
    assert len(produced) >= 15, produced


@pytest.mark.parametrize("language", ["sv", "fi"])
def test_each_of_them_is_said_in_the_readers_language(language):
    for details in ALL_ERRORS:
        text = Words("model_pydantic.got", message=said(details), value="x").in_language(language)
        assert "⟦" not in text, (details, text)
        assert "should be" not in text and "Input" not in text, (details, text)
        assert "email address" not in text and "@-sign" not in text, (details, text)


def test_the_covered_kinds_have_their_words_in_every_language():
    labels = built_in_labels()["model_pydantic"]
    for kind in PYDANTIC_SAID:
        assert kind in labels, kind
        assert not [lang for lang in LABELLED if lang not in labels[kind]], kind


def test_a_kind_planner_does_not_know_shows_in_tests_and_reads_as_pydantic_says_it_outside(
    monkeypatch,
):
    details = {"type": "frozen_field", "msg": "Input should be left alone", "input": [1, 2]}
    assert str(Words("x.y")) == "⟦x.y:en⟧"
    assert said(details).in_language("sv") == "⟦model_pydantic.frozen_field:sv⟧"

    monkeypatch.delenv(STRICT_ENV)
    assert said(details) == "should be left alone"


def test_a_value_is_named_the_way_the_language_writes_it():
    [details] = errors_of({"kind": "party"})
    assert str(said(details)) == (
        "should be 'dialogue_meeting', 'top_level_meeting', 'conference', 'seminar', "
        "'workshop' or 'council_meeting' (got 'party')"
    )
    assert (
        said(details)
        .in_language("nb")
        .endswith("'workshop' eller 'council_meeting' (oppgitt: 'party')")
    )


def test_a_meeting_files_problems_are_said_in_the_language_they_are_read_in():
    text = "slug: x\nkind: party\ntitle: ''\ntimezone: Mars/Olympus\nstart: 2016-08-26 09:00\n"
    with pytest.raises(InvalidInput) as raised:
        parse_meeting_yaml(text, "møte.yaml")
    error = raised.value

    swedish = error.in_language("sv")
    assert swedish.startswith("4 problem:\n  møte.yaml:2: kind: ska vara 'dialogue_meeting'")
    assert "møte.yaml:3: title: måste fyllas i" in swedish
    assert "møte.yaml:4: timezone: okänd tidszon 'Mars/Olympus'" in swedish
    assert "organiser: saknas, men måste finnas" in swedish
    assert "møte.yaml:3: title: must not be empty" in str(error)


def test_an_edit_refused_is_said_in_the_language_of_the_screen():
    meeting = Meeting.model_validate(meeting_data())
    with pytest.raises(editing.EditRefused) as raised:
        editing.move_up(meeting, (0,))
    assert raised.value.in_language("sv") == "den första punkten kan inte flyttas upp"
    with pytest.raises(editing.EditRefused) as raised:
        editing.free_start(meeting, (1,))
    assert raised.value.in_language("da") == (
        "punkt 2 »Rundebordsdialog« har intet fast starttidspunkt at fjerne"
    )
    assert describe_failure(raised.value, "is") == (
        "liður 2 „Rundebordsdialog“ hefur engan fastan upphafstíma til að fjarlægja"
    )
    assert (
        describe_failure(KeyError("x"), "nb") == "Planner klarte ikke å gjøre det (KeyError: 'x')"
    )


def test_a_plain_error_is_still_said_as_it_was_raised():
    assert describe_failure(PlannerError("as written"), "fi") == "as written"


@pytest.mark.parametrize(
    ("moment", "tz", "said_as"),
    [
        (
            datetime(2026, 12, 4, 9, 15, tzinfo=UTC),
            zone("Europe/Oslo"),
            "2026-12-04 10:15 Europe/Oslo",
        ),
        (datetime(2026, 12, 4, 9, 15, tzinfo=UTC), None, "2026-12-04 09:15 UTC"),
        (
            datetime(2024, 10, 27, 1, 30, tzinfo=UTC),
            zone("Europe/Oslo"),
            "2024-10-27 02:30 Europe/Oslo (UTC+01:00)",
        ),
    ],
)
def test_a_time_the_user_reads_is_in_one_zone_and_names_it(moment, tz, said_as):
    assert named_time(moment, tz) == said_as


FAMILIES = [
    *((f"agenda_edit.no_{kind}", f"agenda_edit.no_{kind}_number") for kind in get_args(KeyKind)),
    *(
        (f"agenda_edit.{kind}_in_use", f"agenda_edit.{kind}_needs_key")
        for kind in get_args(KeyKind)
    ),
    tuple(f"model_meeting.unknown_{kind}" for kind in get_args(Kind)),
    tuple(f"model_meeting.no_venue_{m.value}" for m in MeetingMode if m != MeetingMode.ONLINE),
    tuple(f"model_url.{key}" for key in _URL_PROBLEMS.values()),
    tuple(f"model_email.{key}" for _, key in _EMAIL_PROBLEMS if key != "too_long"),
    ("model_email.too_long_before", "model_email.too_long_after"),
    tuple(f"files_os.{key}" for key in _REASONS.values()),
    tuple(f"files_yaml.{key}" for key in _TYPE_NAMES.values()),
    tuple(
        f"{key}_{SETTINGS_FILE.kind}"
        for key in (
            "files_read.not_a_file",
            "files_read.too_large",
            "files_yaml.too_deep",
            "files_yaml.too_many_values",
            "files_yaml.tag",
        )
    ),
    tuple(f"safety_progress.{stage}" for stage in Stage),
    tuple(f"store_audit.registrations_{what}" for what in _COUNTED),
    tuple(f"agenda_uses.{field}" for field, _ in _MEETING_FIELDS),
    tuple(f"cli_import.meeting_{action}" for action in ("added", "replaced", "unchanged")),
    tuple(f"cli_import.meetings_{action}" for action in ("added", "replaced", "unchanged")),
]


@pytest.mark.parametrize("keys", FAMILIES, ids=lambda keys: keys[0])
def test_every_label_of_a_family_the_code_names_by_pattern_is_there(keys):
    catalogue = built_in_labels()
    for key in keys:
        group, _, name = key.partition(".")
        assert name in catalogue[group], key


@pytest.mark.parametrize(
    ("text", "said_as"),
    [
        ("title: Møte: del 2\n", "”: ” inuti ett värde inleder ett nytt fält"),
        ("agenda: [velkommen, lunsj\n", "en lista inom […] är inte stängd med ]"),
        ("title: 'Møte\n", "det avslutande citattecknet saknas"),
        ("title:\n  nb: Møte\n en: Meeting\n", "indraget stämmer inte med raderna ovanför"),
    ],
)
def test_what_the_yaml_reader_finds_is_said_for_a_person_by_either_reader(
    text, said_as, monkeypatch
):
    from planner import yaml_safety

    said_by = []
    for loader in {yaml_safety.StrictLoader, yaml_safety.LOADER}:
        monkeypatch.setattr(yaml_safety, "LOADER", loader)
        with pytest.raises(InvalidInput) as raised:
            parse_meeting_yaml(text, "møte.yaml")
        said_by.append(raised.value.in_language("sv"))
    assert all(said_as in message for message in said_by), said_by


def test_a_forms_problems_are_said_in_the_language_of_the_app():
    data = meeting_data(online_url="ftp://example.no", capacity="many")
    with pytest.raises(ValidationError) as raised:
        Meeting.model_validate(data)

    with speaking("sv"):
        placed = place_problems(raised.value, data, ["online_url", "capacity"], "saknas")

    assert placed.at_fields == {
        "online_url": [
            "webbadressen ska börja med 'http' eller 'https' (angivet: 'ftp://example.no')"
        ],
        "capacity": ["ange ett heltal, t.ex. 2 (angivet: 'many')"],
    }
