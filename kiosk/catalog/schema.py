"""The parts of a checked catalog as the kiosk uses them: plain frozen dataclasses.

They carry the same names as the TOML fields (and as the pydantic models in ``toml_models``
that check those files), but need no pydantic: the touchscreen starts on a catalog read back
from the check cache without ever loading it. Lists are tuples; defaults are the documented
ones.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal


@dataclass(frozen=True, kw_only=True)
class StepText:
    title: str
    text: str


@dataclass(frozen=True, kw_only=True)
class Step(StepText):
    image: str | None = None


@dataclass(frozen=True, kw_only=True)
class ServiceTranslation:
    title: str
    summary: str
    keywords: tuple[str, ...] = ()
    you_will_need: tuple[str, ...]
    time_needed: str
    offline: str
    steps: tuple[StepText, ...]


@dataclass(frozen=True, kw_only=True)
class Service:
    id: str
    lgsl: int
    title: str
    summary: str
    category: str
    url: str
    keywords: tuple[str, ...] = ()
    you_will_need: tuple[str, ...]
    time_needed: str
    steps: tuple[Step, ...]
    offline: str
    reviewed: date
    owner: str
    translations: Mapping[str, ServiceTranslation] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class CategoryTranslation:
    title: str


@dataclass(frozen=True, kw_only=True)
class Category:
    id: str
    title: str
    icon: str
    order: int
    translations: Mapping[str, CategoryTranslation] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Handout:
    policy: Literal["resident", "bilingual"] = "resident"
    bilingual: tuple[str, ...] = ("cy", "en")


@dataclass(frozen=True, kw_only=True)
class Tracking:
    enabled: bool = True
    source: str = "kiosk"
    medium: str = "qr"
    campaign: str = "assisted-digital"


@dataclass(frozen=True, kw_only=True)
class CouncilTranslation:
    name: str
    short_name: str
    opening_hours: str


@dataclass(frozen=True, kw_only=True)
class Council:
    name: str
    short_name: str
    allowed_hosts: tuple[str, ...]
    phone: str
    opening_hours: str
    languages: tuple[str, ...]
    review_period_days: int = 365
    handout: Handout = field(default_factory=Handout)
    tracking: Tracking = field(default_factory=Tracking)
    translations: Mapping[str, CouncilTranslation] = field(default_factory=dict)


RECORDS: tuple[type, ...] = (
    StepText, Step, ServiceTranslation, Service, CategoryTranslation, Category, Handout,
    Tracking, CouncilTranslation, Council,
)  # fmt: skip
