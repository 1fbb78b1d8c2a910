"""Which column of a form export fills which field of a registration.

A mapping is found for a file's headers from, in this order: a saved mapping (by the
secretariat, by name), the preset of the tool that made the file (named, or the one that
knows most of the headers), and the usual words of a form's own questions
(`fields.guess_target`); any other column is kept as an answer to its question. Every column
can be set by hand afterwards (`Mapping.with_target`).

A mapping that finds no name or no e-mail column cannot import anything: it is refused with
the columns found and the preset closest to them (`UnknownColumns`).
"""

from __future__ import annotations

from collections.abc import Mapping as Map
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from planner.errors import BadInput, Refused
from planner.model import RegistrationStatus as Status
from planner.registrations.intake.fields import SINGLE, Target, guess_target, header_key
from planner.registrations.intake.presets import PRESETS, Preset, closest_preset, similar_preset
from planner.registrations.status import ADDED_AS, status_word
from planner.words import Listed, Words, say


class Origin(StrEnum):
    """Why a column goes where it goes (the import wizard shows it)."""

    SAVED = "saved"
    PRESET = "preset"
    GUESSED = "guessed"
    CHOSEN = "chosen"
    KEPT = "kept"
    """Nothing knew it: kept as an answer to its question."""


@dataclass(frozen=True, slots=True)
class Column:
    index: int
    header: str
    target: Target
    origin: Origin


@dataclass(frozen=True, slots=True)
class Mapping:
    columns: tuple[Column, ...]
    preset: str | None = None
    saved_as: str | None = None
    status: Status = Status.PENDING
    """What new registrations are imported as: pending (the form's registrations wait for
    the secretariat), or invited, confirmed or waitlisted (see `check_status`)."""

    def with_status(self, status: Status | str) -> Mapping:
        return replace(self, status=check_status(Status(status)))

    def with_target(self, index: int, target: Target | str) -> Mapping:
        """The mapping with column `index` set to `target` by hand; a field only one column
        can fill is taken from the column that had it (that one is kept as an answer)."""
        target = Target(target)
        columns = []
        for column in self.columns:
            if column.index == index:
                column = replace(column, target=target, origin=Origin.CHOSEN)
            elif target in SINGLE and column.target == target:
                column = replace(column, target=Target.ANSWER, origin=Origin.CHOSEN)
            columns.append(column)
        return replace(self, columns=tuple(columns))

    def of(self, target: Target) -> list[Column]:
        return [column for column in self.columns if column.target == target]

    def missing(self) -> list[Target]:
        """The fields an import cannot go without that no column fills."""
        targets = {column.target for column in self.columns}
        missing = []
        if not targets & {Target.NAME, Target.GIVEN_NAME, Target.FAMILY_NAME}:
            missing.append(Target.NAME)
        if Target.EMAIL not in targets:
            missing.append(Target.EMAIL)
        return missing

    def saved_form(self) -> dict[str, str]:
        """{header: target} as a mapping is saved in the workspace."""
        return {column.header: column.target.value for column in self.columns}


class UnknownColumns(BadInput):
    """A file whose columns no preset or saved mapping can import."""

    def __init__(self, source: str, headers: Sequence[str], missing: Sequence[Target]):
        self.source = source
        self.headers = list(headers)
        self.missing = list(missing)
        preset, hits = closest_preset(headers)
        self.closest = preset if hits else similar_preset(headers)
        super().__init__(
            Words(
                "intake_mapping.unknown_columns",
                source=source,
                missing=", ".join(say(f"intake_target.{t.value}") for t in self.missing),
                columns=" | ".join(self.headers[:40]) + (" | …" if len(self.headers) > 40 else ""),
                closest=self.closest.title if self.closest else "—",
            )
        )


class UnknownPreset(BadInput):
    def __init__(self, name: str):
        super().__init__(
            Words("intake_mapping.unknown_preset", name=name, known=", ".join(sorted(PRESETS)))
        )


def check_status(status: Status) -> Status:
    """A status registrations may be added as; Refused otherwise, saying which may."""
    if status not in ADDED_AS:
        raise Refused(
            Words(
                "registrations_refused.add_as",
                status=status_word(status),
                possible=Listed((status_word(s) for s in ADDED_AS), style="or"),
            )
        )
    return status


def find_preset(name: str) -> Preset:
    try:
        return PRESETS[name.strip().casefold()]
    except KeyError:
        raise UnknownPreset(name) from None


def map_columns(
    headers: Sequence[str],
    *,
    preset: str | None = None,
    saved: Map[str, str] | None = None,
    saved_as: str | None = None,
    status: Status | str = Status.PENDING,
) -> Mapping:
    """The mapping for a file with `headers` (see the module's docstring for the order);
    new registrations imported as `status`."""
    chosen = find_preset(preset) if preset else None
    if chosen is None and saved is None:
        found, hits = closest_preset(headers)
        chosen = found if hits else None
    saved_keys = {header_key(header): target for header, target in (saved or {}).items()}
    columns: list[Column] = []
    for index, header in enumerate(headers):
        columns.append(_column(index, header, chosen, saved_keys))
    preset_name = chosen.name if chosen else None
    return Mapping(_one_each(columns), preset_name, saved_as, check_status(Status(status)))


def check_mapping(mapping: Mapping, source: str) -> Mapping:
    """The mapping, if it can import: UnknownColumns otherwise."""
    missing = mapping.missing()
    if missing:
        raise UnknownColumns(source, [column.header for column in mapping.columns], missing)
    return mapping


def _column(index: int, header: str, preset: Preset | None, saved: dict[str, str]) -> Column:
    key = header_key(header)
    if key in saved:
        try:
            return Column(index, header, Target(saved[key]), Origin.SAVED)
        except ValueError:
            pass  # a target this version no longer has: found again below
    if preset is not None and (target := preset.target(header)) is not None:
        return Column(index, header, target, Origin.PRESET)
    if (target := guess_target(header)) is not None:
        return Column(index, header, target, Origin.GUESSED)
    return Column(index, header, Target.ANSWER, Origin.KEPT)


_RANK = {Origin.CHOSEN: 0, Origin.SAVED: 1, Origin.GUESSED: 2, Origin.PRESET: 3, Origin.KEPT: 4}


def _one_each(columns: list[Column]) -> tuple[Column, ...]:
    """A field only one column can fill goes to the best placed: one set by hand or saved,
    then the form's own question (Microsoft Forms' "Name" column holds "anonymous" for a
    public form, while the form asks "Navn" itself), then the tool's column; among equals
    the first. The others are ignored (the tool's) or kept as answers (the form's)."""
    best: dict[Target, Column] = {}
    for column in columns:
        if column.target in SINGLE:
            held = best.get(column.target)
            if held is None or _RANK[column.origin] < _RANK[held.origin]:
                best[column.target] = column
    result = []
    for column in columns:
        if column.target in SINGLE and best[column.target] is not column:
            demoted = Target.IGNORE if column.origin == Origin.PRESET else Target.ANSWER
            column = replace(column, target=demoted)
        result.append(column)
    return tuple(result)
