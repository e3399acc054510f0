"""Builds small, valid catalogs on disk that a test can then break in one precise way."""

import copy
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import tomli_w

COUNCIL: dict[str, Any] = {
    "name": "Test Borough Council",
    "short_name": "Test Borough",
    "allowed_hosts": ["www.example.org"],
    "phone": "01632 960123",
    "opening_hours": "Monday to Friday, 9am to 5pm",
    "languages": ["en", "cy"],
    "review_period_days": 365,
}

CATEGORIES: list[dict[str, Any]] = [
    {
        "id": "bins-recycling",
        "title": "Bins and recycling",
        "icon": "bins",
        "order": 2,
        "translations": {"cy": {"title": "Biniau ac ailgylchu"}},
    },
    {
        "id": "roads-parking",
        "title": "Roads and parking",
        "icon": "parking",
        "order": 1,
        "translations": {"cy": {"title": "Ffyrdd a pharcio"}},
    },
]


def service(service_id: str, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": service_id,
        "lgsl": 524,
        "title": f"Service {service_id}",
        "summary": "A short summary.",
        "category": "bins-recycling",
        "url": f"https://www.example.org/{service_id}",
        "keywords": [],
        "you_will_need": ["Your postcode"],
        "time_needed": "About 2 minutes",
        "offline": "Phone 01632 960123.",
        "reviewed": date(2026, 9, 1),
        "owner": "Test team",
        "steps": [
            {"title": "Open the page", "text": "Scan the QR code."},
            {"title": "Enter your postcode", "text": "Type it in the box."},
            {"title": "See the answer", "text": "The page shows it."},
        ],
    }
    data.update(changes)
    return data


def welsh(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Gwirio diwrnod casglu biniau",
        "summary": "Darganfod pa ddiwrnod y caiff eich biniau eu casglu.",
        "keywords": ["biniau", "sbwriel"],
        "you_will_need": ["Eich cod post"],
        "time_needed": "Tua 2 funud",
        "offline": "Ffoniwch 01632 960123.",
        "steps": [
            {"title": "Agor y dudalen", "text": "Sganiwch y cod QR."},
            {"title": "Rhoi eich cod post", "text": "Teipiwch ef yn y blwch."},
            {"title": "Gweld yr ateb", "text": "Mae'r dudalen yn ei ddangos."},
        ],
    }
    data.update(changes)
    return data


def default_services() -> dict[str, dict[str, Any]]:
    return {
        "bin-day": service(
            "bin-day",
            title="Check your bin collection day",
            summary="Find out which day your rubbish and recycling are collected.",
            keywords=["bins", "rubbish", "dustbin"],
            translations={"cy": welsh()},
        ),
        "missed-bin": service(
            "missed-bin",
            lgsl=524,
            title="Report a missed bin",
            summary="Tell us if we did not empty your bin on collection day.",
            keywords=["missed collection"],
        ),
        "parking-permit": service(
            "parking-permit",
            lgsl=474,
            category="roads-parking",
            title="Apply for a resident parking permit",
            summary="Get a permit to park in your street's permit zone.",
            keywords=["car", "permit"],
        ),
    }


@dataclass
class CatalogBuilder:
    root: Path
    council: dict[str, Any] = field(default_factory=lambda: copy.deepcopy(COUNCIL))
    categories: list[dict[str, Any]] = field(default_factory=lambda: copy.deepcopy(CATEGORIES))
    services: dict[str, dict[str, Any]] = field(default_factory=default_services)

    def write(self) -> Path:
        (self.root / "services").mkdir(parents=True, exist_ok=True)
        _dump(self.root / "council.toml", self.council)
        _dump(self.root / "categories.toml", {"category": self.categories})
        for old in (self.root / "services").glob("*.toml"):
            old.unlink()
        for name, data in self.services.items():
            _dump(self.root / "services" / f"{name}.toml", data)
        return self.root


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
