"""A loaded, validated catalog, and the text of a service in one language."""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.catalog.schema import Category, Council, Service, Step

__all__ = ["Catalog", "Category", "Council", "Service", "ServiceText", "Step", "StepView"]

ENGLISH = "en"


@dataclass(frozen=True)
class StepView:
    title: str
    text: str
    image: Path | None


@dataclass(frozen=True)
class ServiceText:
    """Everything a resident reads about a service, in one language."""

    service_id: str
    language: str
    title: str
    summary: str
    you_will_need: tuple[str, ...]
    time_needed: str
    offline: str
    steps: tuple[StepView, ...]
    url: str


@dataclass(frozen=True)
class Catalog:
    root: Path
    council: Council
    categories: tuple[Category, ...]
    services: Mapping[str, Service]
    version: str

    def service(self, service_id: str) -> Service:
        return self.services[service_id]

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)

    def in_category(self, category_id: str) -> list[Service]:
        return sorted(
            (s for s in self.services.values() if s.category == category_id),
            key=lambda s: s.title.casefold(),
        )

    def image_path(self, name: str) -> Path:
        return self.root / "images" / name

    def text(self, service: Service, language: str) -> ServiceText:
        """The service in ``language`` where it is translated, otherwise in English."""
        found = service.translations.get(language)
        images = [self.image_path(s.image) if s.image else None for s in service.steps]
        source = found or service
        steps = tuple(
            StepView(step.title, step.text, image)
            for step, image in zip(source.steps, images, strict=True)
        )
        return ServiceText(
            service_id=service.id,
            language=language if found else ENGLISH,
            title=source.title,
            summary=source.summary,
            you_will_need=tuple(source.you_will_need),
            time_needed=source.time_needed,
            offline=source.offline,
            steps=steps,
            url=service.url,
        )

    def category_title(self, category: Category, language: str) -> str:
        found = category.translations.get(language)
        return found.title if found else category.title

    def council_name(self, language: str) -> str:
        found = self.council.translations.get(language)
        return found.name if found else self.council.name
