"""The shape of the catalog's TOML files, as pydantic models: used only while checking.

The limits here are the ones content staff read in ``docs/catalog.md``: keep the two in step.
Checks that need the whole catalog (known category, allowed hosts, images) are in ``rules``.
A catalog that passes is handed on as the plain dataclasses of ``schema`` (same names).
"""

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"


TRIMMED_PATTERN = r"(?s)^\S(?:.*\S)?$"  # not blank, and no spaces at either end
NotBlank = StringConstraints(pattern=TRIMMED_PATTERN)


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=60)]
Language = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=70), NotBlank]
Summary = Annotated[str, StringConstraints(min_length=1, max_length=200), NotBlank]
StepTitle = Annotated[str, StringConstraints(min_length=1, max_length=60), NotBlank]
StepBody = Annotated[str, StringConstraints(min_length=1, max_length=300), NotBlank]
Keyword = Annotated[str, StringConstraints(min_length=1, max_length=40), NotBlank]
NeedItem = Annotated[str, StringConstraints(min_length=1, max_length=150), NotBlank]
TimeNeeded = Annotated[str, StringConstraints(min_length=1, max_length=40), NotBlank]
Offline = Annotated[str, StringConstraints(min_length=1, max_length=300), NotBlank]
Label = Annotated[str, StringConstraints(min_length=1, max_length=40), NotBlank]
Name = Annotated[str, StringConstraints(min_length=1, max_length=80), NotBlank]
Hours = Annotated[str, StringConstraints(min_length=1, max_length=120), NotBlank]
Owner = Annotated[str, StringConstraints(min_length=1, max_length=60), NotBlank]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class StepText(_Strict):
    title: StepTitle
    text: StepBody


class Step(StepText):
    image: Annotated[str, StringConstraints(pattern=r"^[\w.-]+\.(png|jpg|jpeg|svg)$")] | None = (
        None
    )


class ServiceTranslation(_Strict):
    title: Title
    summary: Summary
    keywords: Annotated[list[Keyword], Field(max_length=20)] = []
    you_will_need: Annotated[list[NeedItem], Field(min_length=1, max_length=6)]
    time_needed: TimeNeeded
    offline: Offline
    steps: Annotated[list[StepText], Field(min_length=3, max_length=10)]


class Service(_Strict):
    id: Slug
    lgsl: Annotated[int, Field(gt=0)]
    title: Title
    summary: Summary
    category: Slug
    url: Annotated[str, StringConstraints(min_length=1)]
    keywords: Annotated[list[Keyword], Field(max_length=20)] = []
    you_will_need: Annotated[list[NeedItem], Field(min_length=1, max_length=6)]
    time_needed: TimeNeeded
    steps: Annotated[list[Step], Field(min_length=3, max_length=10)]
    offline: Offline
    reviewed: date
    owner: Owner
    translations: dict[Language, ServiceTranslation] = {}


class CategoryTranslation(_Strict):
    title: Label


class Category(_Strict):
    id: Slug
    title: Label
    icon: Slug
    order: int
    translations: dict[Language, CategoryTranslation] = {}


class CategoriesFile(_Strict):
    category: Annotated[list[Category], Field(min_length=1)]


class Handout(_Strict):
    policy: Literal["resident", "bilingual"] = "resident"
    bilingual: Annotated[list[Language], Field(min_length=2, max_length=2)] = ["cy", "en"]


class Tracking(_Strict):
    enabled: bool = True
    source: Slug = "kiosk"
    medium: Slug = "qr"
    campaign: Slug = "assisted-digital"


class CouncilTranslation(_Strict):
    name: Name
    short_name: Label
    opening_hours: Hours


HOST_PATTERN = re.compile(r"^(?=.{1,253}\Z)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\Z")


def _host(value: str) -> str:
    if not HOST_PATTERN.match(value):
        raise ValueError(
            f"'{value}' is not a host name: write it in lower case, like www.example.org, "
            "with no https://, path, port or trailing dot"
        )
    return value


class Council(_Strict):
    name: Name
    short_name: Label
    allowed_hosts: Annotated[list[Annotated[str, AfterValidator(_host)]], Field(min_length=1)]
    phone: Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ]{6,20}$")]
    opening_hours: Hours
    languages: Annotated[list[Language], Field(min_length=1)]
    review_period_days: Annotated[int, Field(gt=0, le=3650)] = 365
    handout: Handout = Handout()
    tracking: Tracking = Tracking()
    translations: dict[Language, CouncilTranslation] = {}
