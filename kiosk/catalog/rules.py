"""Checks that need the whole catalog: the ones a single file's schema cannot make."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from kiosk.catalog.lgsl import lgsl_codes
from kiosk.catalog.links import link_problem
from kiosk.catalog.problems import Problem
from kiosk.catalog.toml_models import Category, Council, Service


@dataclass(frozen=True)
class Parts:
    """What parsed cleanly, with the file each service came from."""

    root: Path
    council: Council | None
    categories: tuple[Category, ...]
    categories_file: Path
    services: tuple[tuple[Path, Service], ...]
    complete: bool  # every file parsed: only then can "unused" be said of anything


def check_parts(parts: Parts, today: date, icons: frozenset[str]) -> Iterator[Problem]:
    yield from _check_categories(parts, icons)
    category_ids = {c.id for c in parts.categories}
    seen: dict[str, Path] = {}
    for file, service in parts.services:
        if service.id in seen:
            yield Problem(file, f"id '{service.id}' is also used by {seen[service.id]}", "id")
        seen.setdefault(service.id, file)
        yield from _check_service(file, service, parts, category_ids)
        if parts.council is not None:
            yield from _check_against_council(file, service, parts.council, today)
    used = {s.category for _, s in parts.services}
    for category in parts.categories if parts.complete else ():
        if category.id not in used:
            yield Problem(
                parts.categories_file,
                f"category '{category.id}' has no services; it will not be shown",
                severity="warning",
            )


def _check_categories(parts: Parts, icons: frozenset[str]) -> Iterator[Problem]:
    file, seen = parts.categories_file, set()
    for n, category in enumerate(parts.categories, start=1):
        if category.id in seen:
            yield Problem(file, f"id '{category.id}' is used twice", f"category.{n}.id")
        seen.add(category.id)
        if category.icon not in icons:
            known = ", ".join(sorted(icons))
            yield Problem(
                file, f"unknown icon '{category.icon}' (available: {known})", f"category.{n}.icon"
            )


def _check_service(
    file: Path, service: Service, parts: Parts, category_ids: set[str]
) -> Iterator[Problem]:
    if service.id != file.stem:
        yield Problem(file, f"id '{service.id}' must equal the file name '{file.stem}'", "id")
    if service.lgsl not in lgsl_codes():
        yield Problem(file, f"{service.lgsl} is not a known LGSL code", "lgsl")
    if category_ids and service.category not in category_ids:
        known = ", ".join(sorted(category_ids))
        yield Problem(file, f"unknown category '{service.category}' (known: {known})", "category")
    for n, step in enumerate(service.steps, start=1):
        if step.image and not (parts.root / "images" / step.image).is_file():
            yield Problem(
                file, f"image '{step.image}' is not in the images/ folder", f"steps.{n}.image"
            )
    for language, translation in service.translations.items():
        if len(translation.steps) != len(service.steps):
            yield Problem(
                file,
                f"has {len(translation.steps)} steps but the English has {len(service.steps)}; "
                "translate every step, in the same order",
                f"translations.{language}.steps",
            )
        if len(translation.you_will_need) != len(service.you_will_need):
            yield Problem(
                file,
                f"has {len(translation.you_will_need)} items but the English has "
                f"{len(service.you_will_need)}",
                f"translations.{language}.you_will_need",
            )


def _check_against_council(
    file: Path, service: Service, council: Council, today: date
) -> Iterator[Problem]:
    reason = link_problem(service.url, frozenset(council.allowed_hosts))
    if reason:
        yield Problem(file, f"unsafe link: {reason}", "url")
    for language in council.languages:
        if language != "en" and language not in service.translations:
            yield Problem(
                file,
                f"no '{language}' translation, although the council offers {language}; "
                "residents will see English",
                "translations",
                severity="warning",
            )
    for language in service.translations:
        if language not in council.languages:
            yield Problem(
                file,
                f"'{language}' is not in the council's languages, so it is never shown",
                f"translations.{language}",
                severity="warning",
            )
    due = service.reviewed + timedelta(days=council.review_period_days)
    if due < today:
        yield Problem(
            file,
            f"last reviewed {service.reviewed}, more than {council.review_period_days} days ago; "
            "check the content is still right and update 'reviewed'",
            "reviewed",
            severity="warning",
        )


def check_council(file: Path, council: Council) -> Iterator[Problem]:
    if council.handout.policy == "bilingual":
        for language in council.handout.bilingual:
            if language not in council.languages:
                yield Problem(
                    file,
                    f"'{language}' is not in languages {council.languages}",
                    "handout.bilingual",
                )
