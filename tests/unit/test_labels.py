"""The label catalogue: every word Planner prints is there in every language it promises, and
a secretariat can add its own without touching the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from planner.agenda.schedule import WarningForm, WarningKind, build_schedule
from planner.agenda.sheet import sheet_text
from planner.agenda.wording import Wording
from planner.errors import BadInput
from planner.i18n import LABELLED, built_in_labels
from planner.model import (
    Contribution,
    EventKind,
    ItemKind,
    Meeting,
    MeetingKind,
    MeetingMode,
    MeetingStatus,
    Part,
    RegistrationStatus,
)
from planner.registrations.checks import CheckForm
from tests.factories import meeting_data

PLANNER = Path(__file__).parents[2] / "planner"
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
LABEL_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

VOCABULARIES = [
    ("meeting_kind", MeetingKind),
    ("meeting_status", MeetingStatus),
    ("registration_status", RegistrationStatus),
    ("mode", MeetingMode),
    ("item_kind", ItemKind),
    ("event_kind", EventKind),
    ("part", Part),
    ("parts", Part),
    ("warning_kind", WarningKind),
    ("warning", WarningForm),
    ("check", CheckForm),
    ("documents_contribution", Contribution),
]


@pytest.fixture(autouse=True)
def own_labels_folder(tmp_path, monkeypatch) -> Path:
    """Each test's own config folder, so a secretariat's labels.yaml is the test's."""
    monkeypatch.setattr("planner.config.config_file", lambda: tmp_path / "config.toml")
    return tmp_path


@pytest.mark.parametrize(("group", "vocabulary"), VOCABULARIES, ids=[g for g, _ in VOCABULARIES])
def test_every_kind_status_part_and_warning_has_a_label_in_every_language(group, vocabulary):
    labels = built_in_labels()[group]
    for value in vocabulary:
        assert value.value in labels, f"{group}.{value.value} has no label"
        missing = [lang for lang in LABELLED if not labels[value.value].get(lang)]
        assert not missing, f"{group}.{value.value} lacks {missing}"


# How the code asks for a label: say("group.name", …), Words("group.name", …) (and the command
# line's `words` for say, moments' `_said`), and the app's and Wording's word/label("group",
# "name"). A key written as an f-string ("agenda_edit.no_{kind}") stands for every label of
# its group it can be.
_ASKED_BY_KEY = re.compile(
    r"\b(?:Words|say|words|_said)\(\s*(f?)\"([a-z_]+)\.([a-z_{}.\[\]'\w]+)\""
)
_ASKED_BY_GROUP = re.compile(r"\b(?:word|label)\(\s*\"([a-z_]+)\",\s*(f?)\"([a-z_{}.\[\]'\w]+)\"")
_IN_BRACES = re.compile(r"\{[^}]*\}")


def labels_asked_for() -> set[tuple[str, str]]:
    """(group, key) of every label the code asks for; a key with {…} is a pattern."""
    asked = set()
    for source in PLANNER.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        asked |= {(group, key) for _, group, key in _ASKED_BY_KEY.findall(text)}
        asked |= {(group, key) for group, _, key in _ASKED_BY_GROUP.findall(text)}
    # The app's columns, asked in a loop over these names.
    asked |= {("word", name) for name in ("number", "time", "minutes", "programme")}
    return asked


def test_every_label_the_code_asks_for_is_in_the_catalogue_in_every_language():
    catalogue = built_in_labels()
    asked = labels_asked_for()
    assert len(asked) > 300, "the patterns above no longer find what the code asks for"
    for group, key in sorted(asked):
        assert group in catalogue, f"{group}.{key} is asked for, but there is no group {group}"
        pattern = re.compile(_IN_BRACES.sub("[a-z0-9_.]+", re.escape(key).replace("\\{", "{")))
        found = [name for name in catalogue[group] if pattern.fullmatch(name)]
        assert found, f"{group}.{key} is asked for but not in the catalogue"
        for name in found:
            missing = [lang for lang in LABELLED if lang not in catalogue[group][name]]
            assert not missing, f"{group}.{name} lacks {missing}"


def test_no_group_is_defined_in_two_label_files():
    seen: dict[str, str] = {}
    for path in sorted((PLANNER.parent / "templates" / "labels").glob("*.yaml")):
        groups = yaml.load(path.read_text(encoding="utf-8"), Loader=LABEL_LOADER) or {}
        for group in groups:
            assert group not in seen, f"{group} is in {seen[group]} and in {path.name}"
            seen[group] = path.name


def test_every_language_fills_in_the_same_blanks():
    for group, entries in built_in_labels().items():
        for key, entry in entries.items():
            blanks = {
                f"{lang}.{form}": set(PLACEHOLDER.findall(text))
                for lang, forms in entry.items()
                for form, text in (forms.items() if isinstance(forms, dict) else [("", forms)])
            }
            assert len({frozenset(b) for b in blanks.values()}) == 1, (group, key, blanks)


def meeting_in(language: str, title: dict[str, str]) -> Meeting:
    return Meeting.model_validate(
        meeting_data(
            language=language,
            title=title,
            agenda=[{"kind": "welcome", "duration": 10}, {"kind": "dialogue", "duration": 200}],
        )
    )


def printed(meeting: Meeting, language: str | None = None) -> str:
    return sheet_text(build_schedule(meeting), Wording(meeting, language))


def test_a_sami_meeting_falls_back_to_the_language_it_names_next():
    meeting = meeting_in("se", {"se": "Ráđđádallančoahkkin", "nb": "Dialogmøte"})

    text = printed(meeting)

    assert text.startswith("Ráđđádallančoahkkin\n")
    assert "\nTid: " in text and "Sted: " in text and "Velkommen" in text
    assert "Time:" not in text and "Welcome" not in text


def test_a_faroese_meeting_naming_danish_falls_back_to_danish():
    meeting = meeting_in("fo", {"fo": "Samráðsfundur", "da": "Dialogmøde"})

    text = printed(meeting)

    assert "Velkomst" in text and "Sted: " in text
    assert "Velkommen" not in text


def test_a_secretariat_can_add_a_language_and_reword_a_label(own_labels_folder):
    (own_labels_folder / "labels.yaml").write_text(
        "item_kind:\n  welcome: {se: Bures boahtin}\nword:\n  time: {nb: Klokkeslett}\n",
        encoding="utf-8",
    )
    sami = meeting_in("se", {"se": "Ráđđádallančoahkkin", "nb": "Dialogmøte"})
    norwegian = meeting_in("nb", {"nb": "Dialogmøte"})

    assert "Bures boahtin" in printed(sami)
    assert "\nKlokkeslett: " in printed(norwegian)


def test_a_secretariats_label_cannot_reach_into_the_values(own_labels_folder):
    (own_labels_folder / "labels.yaml").write_text(
        'word:\n  warning_count: {en: "{count.__class__} {count!r} {__import__}"}\n',
        encoding="utf-8",
    )
    meeting = Meeting.model_validate(meeting_data(end="2016-08-26 13:00"))

    text = printed(meeting, "en")

    assert "{count.__class__} {count!r} {__import__}" in text


def test_a_labels_file_of_the_wrong_shape_is_one_message_naming_it(own_labels_folder):
    path = own_labels_folder / "labels.yaml"
    path.write_text("word: [time, venue]\n", encoding="utf-8")

    with pytest.raises(BadInput, match=f"{path}: labels are a map of group"):
        printed(meeting_in("nb", {"nb": "Dialogmøte"}))


def test_every_label_of_every_file_is_in_every_language():
    missing = [
        f"{group}.{key}: {[lang for lang in LABELLED if lang not in entry]}"
        for group, entries in built_in_labels().items()
        for key, entry in entries.items()
        if any(lang not in entry for lang in LABELLED)
    ]
    assert missing == []
