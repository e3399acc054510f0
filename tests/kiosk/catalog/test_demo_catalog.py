"""The bundled demo catalog is what councils see first: it must be complete and clean."""

from pathlib import Path

from kiosk.catalog import check_catalog
from tests.conftest import TODAY


def test_demo_catalog_has_no_errors_and_enough_content(demo_dir: Path) -> None:
    result = check_catalog(demo_dir, today=TODAY)
    assert [str(p) for p in result.errors] == []
    catalog = result.catalog
    assert catalog is not None
    assert len(catalog.services) >= 25
    assert len({s.category for s in catalog.services.values()}) >= 8
    assert all(catalog.in_category(c.id) for c in catalog.categories)


def test_demo_catalog_is_on_a_reserved_example_domain(demo_dir: Path) -> None:
    catalog = check_catalog(demo_dir, today=TODAY).catalog
    assert catalog is not None
    assert catalog.council.allowed_hosts == ("www.example.org",)
    assert all(s.url.startswith("https://www.example.org/") for s in catalog.services.values())


def test_demo_catalog_speaks_welsh(demo_dir: Path) -> None:
    catalog = check_catalog(demo_dir, today=TODAY).catalog
    assert catalog is not None
    assert "cy" in catalog.council.languages
    assert all("cy" in c.translations for c in catalog.categories)
    welsh = [s for s in catalog.services.values() if "cy" in s.translations]
    assert len(welsh) >= 8
    all_welsh = " ".join(catalog.text(s, "cy").summary for s in welsh)
    assert any(letter in all_welsh for letter in "ŵŷâ")


def test_demo_catalog_shows_the_stale_content_warning(demo_dir: Path) -> None:
    result = check_catalog(demo_dir, today=TODAY)
    assert any(p.field == "reviewed" for p in result.warnings)
