"""Text typed into a form but not yet saved, kept when the app stops and offered back.

A form holds text the workspace has not seen (a new meeting, the meeting's details, an item,
a topic, a person, an event, the person of a new registration). When the terminal closes, the system
stops the app, or the user quits with the form open, the text is kept in `unsaved/` as a
draft: which form, for which meeting and entry, and each field's value as typed (valid or
not). At the next start the app offers it back, to restore into the same form or to
discard.

    unsaved/ks-toppmote-2016-item-20260302T081502Z.draft.yaml
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from planner.editing import keeping
from planner.editing.keeping import DRAFT, KeepAsideFailed
from planner.editing.session import Outcome
from planner.errors import InvalidInput, PlannerError, Problem
from planner.yaml_safety import load_yaml, read_text_file


class FormKind(StrEnum):
    MEETING = "meeting"
    ITEM = "item"
    TOPIC = "topic"
    PERSON = "person"
    ORGANISATION = "organisation"
    EVENT = "event"
    """An event outside the programme (the dinner, a study visit)."""
    REGISTRATION = "registration"
    """The person of a new registration (the registrations screen's form)."""


class Draft(BaseModel):
    """What was typed into one form."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    form: FormKind
    meeting: str | None = None
    """The meeting's slug; None for a new meeting."""
    entry: list[int] | str | None = None
    """Which entry the form edited: an item's path, a topic's or organisation's key, a
    person's key (or place, '#3'); None for a new one."""
    after: list[int] | None = None
    """For a new item: the item it was to follow (or go inside)."""
    inside: bool = False
    heading: str = ""
    """The form's heading as the user saw it ("New item", "Edit: Velkommen")."""
    values: dict[str, Any]
    """Each field's value as typed, by its path (`venue.name`)."""

    @property
    def name(self) -> str:
        """How its file is named: the meeting and the form."""
        return f"{self.meeting}-{self.form.value}" if self.meeting else "new-meeting"


@dataclass(frozen=True)
class DraftPlace:
    """Which form a draft is of, and which entry it edits (see `Draft`)."""

    form: FormKind
    entry: list[int] | str | None = None
    after: list[int] | None = None
    inside: bool = False

    def draft(self, meeting: str | None, heading: str, values: dict[str, Any]) -> Draft:
        return Draft(
            form=self.form,
            meeting=meeting,
            entry=self.entry,
            after=self.after,
            inside=self.inside,
            heading=heading,
            values=values,
        )


def draft_text(draft: Draft) -> str:
    data = _plain(draft.model_dump(mode="json", exclude_defaults=True))
    data["values"] = _plain(draft.values)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def read_draft(path: Path) -> Draft:
    """A draft as kept; InvalidInput naming the file when it is not one."""
    data = load_yaml(read_text_file(path), str(path)).data
    try:
        return Draft.model_validate(data)
    except ValidationError as error:
        problems = [
            Problem(str(path), d["msg"], field=".".join(map(str, d["loc"]))) for d in error.errors()
        ]
        raise InvalidInput(problems) from None


class DraftKeeper:
    """A form's typed text as something to keep aside (see `planner.tui.settling.Keeper`)."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.problem: PlannerError | None = None
        self.kept: Path | None = None

    def leave(self) -> Outcome:
        try:
            self.keep_aside()
        except KeepAsideFailed as failure:
            self.problem = failure
            return Outcome.NOT_KEPT
        return Outcome.KEPT

    def keep_aside(self, folder: Path | None = None) -> Path:
        self.kept = keeping.keep(self.draft.name, self.text(), folder=folder, suffix=DRAFT)
        return self.kept

    def text(self) -> str:
        return draft_text(self.draft)
