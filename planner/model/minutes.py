"""The minutes of a meeting (møteprotokoll): who came, and what each item or case decided.

The minutes are kept apart from the meeting (recording a decision does not change the
meeting, its version or its invitations). They name the agenda's items by a reference that
survives small changes to the agenda: the item's key when it has one (`ps-77-15`), else its
place in the meeting file (`agenda[3]`), with the title it had when recorded, so an entry is
found again after the agenda was reordered.

    minutes = Minutes(present=["Ola Nordmann", "Kari Hansen"], absent=["Per Olsen"])
    minutes.entry("ps-77-15").decision   -> 'Fjordvik kommune vedtar å bosette 30 …'

A name in the lists is a person's name as typed, or the key of a person in the meeting file
(`ordforer`), printed as that person's name and title. The rules for what may be recorded
(an absent member is not also present, only a member present at a case can be disqualified
from it) are in `planner.minutes.recording`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from planner.model.text import Line, Name, Paragraphs


class ItemMinutes(BaseModel):
    """What was recorded for one item or case of the agenda."""

    model_config = ConfigDict(extra="forbid")

    item: Line = Field(
        description="the item's key (ps-77-15), else its place in the agenda (agenda[3])"
    )
    title: Line | None = Field(
        default=None, description="the item's title when this was recorded, to find it again"
    )
    proceedings: Paragraphs | None = Field(
        default=None, description="how it was dealt with (behandling): proposals and votes"
    )
    decision: Paragraphs | None = Field(default=None, description="what was decided (vedtak)")
    disqualified: list[Name] = Field(
        default_factory=list,
        description="who declared themselves disqualified (inhabil) and left for this item",
    )
    present: list[Name] = Field(
        default_factory=list,
        description="who was present for this item only (a substitute, someone who came late)",
    )
    absent: list[Name] = Field(
        default_factory=list, description="members of the meeting who were away for this item"
    )

    @property
    def is_empty(self) -> bool:
        return not (
            self.proceedings or self.decision or self.disqualified or self.present or self.absent
        )


class Minutes(BaseModel):
    """The minutes of one meeting: attendance, and an entry per item or case recorded."""

    model_config = ConfigDict(extra="forbid")

    present: list[Name] = Field(default_factory=list, description="the members present")
    absent: list[Name] = Field(
        default_factory=list, description="the members absent (forfall), named"
    )
    items: list[ItemMinutes] = Field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.present or self.absent or any(not i.is_empty for i in self.items))

    def entry(self, reference: str) -> ItemMinutes | None:
        return next((entry for entry in self.items if entry.item == reference), None)
