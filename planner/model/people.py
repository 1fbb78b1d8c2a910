"""People and organisations: who hosts, chairs, speaks and takes part."""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, EmailStr

from planner.model.limits import MAX_PHONE
from planner.model.text import Key, Language, Line, MultilingualLine, Name, _require_str
from planner.words import Words

_PHONE = re.compile(r"\+?[0-9][0-9 ()\-./]*")


def check_phone(value: str) -> str:
    value = " ".join(value.split())
    if len(value) > MAX_PHONE:
        raise ValueError(Words("model_people.phone_too_long", most=MAX_PHONE))
    digits = sum(ch.isdigit() for ch in value)
    if not _PHONE.fullmatch(value) or not 5 <= digits <= 15:
        raise ValueError(Words("model_people.not_phone", value=repr(value)))
    return value


@cache
def _territories() -> frozenset[str]:
    from babel import Locale

    return frozenset(code for code in Locale("en").territories if code.isalpha())


def check_country(value: str) -> str:
    code = value.strip().upper()
    if code not in _territories():
        raise ValueError(Words("model_people.not_country", value=repr(value)))
    return code


Phone = Annotated[str, BeforeValidator(_require_str), AfterValidator(check_phone)]
Country = Annotated[str, BeforeValidator(_require_str), AfterValidator(check_country)]


class OrganisationKind(StrEnum):
    MINISTRY = "ministry"
    DIRECTORATE = "directorate"
    MUNICIPALITY = "municipality"
    COUNTY = "county"
    ASSOCIATION = "association"
    INTERGOVERNMENTAL = "intergovernmental"
    VOLUNTARY = "voluntary"
    RESEARCH = "research"
    BUSINESS = "business"
    OTHER = "other"


class Organisation(BaseModel):
    """A ministry, a municipality, KS, the Nordic Council of Ministers, a voluntary group."""

    model_config = ConfigDict(extra="forbid")

    id: Key
    name: MultilingualLine
    short_name: Line | None = None
    kind: OrganisationKind = OrganisationKind.OTHER
    country: Country | None = None


class Person(BaseModel):
    """Someone who speaks, chairs or registers. `id` is needed only when others refer to them.

    `organisation` is the key of one of the meeting's organisations (`lin`), printed as its
    short name ("Rabia Musavi, daglig leder, LIN"), or the organisation's name as text.
    """

    model_config = ConfigDict(extra="forbid")

    id: Key | None = None
    name: Name
    title: MultilingualLine | None = None
    organisation: Line | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    delegation: Line | None = None
    language: Language | None = None


class Contact(BaseModel):
    """Someone to reach: to report absence to, to ask about the meeting."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    email: EmailStr | None = None
    phone: Phone | None = None


class Organiser(BaseModel):
    """Who issues the meeting's papers (the notice is theirs) and answers questions about it.

    Published programmes seldom give an address, so `email` is optional; e-mail is sent from
    the invitations' own sender address, or this one when given.
    """

    model_config = ConfigDict(extra="forbid")

    name: Name
    email: EmailStr | None = None
    phone: Phone | None = None
