from datetime import date

import pytest

from kiosk.catalog import check_catalog, load_catalog
from kiosk.errors import CatalogError
from tests.catalog_builder import CatalogBuilder
from tests.conftest import TODAY


def messages(builder: CatalogBuilder) -> list[str]:
    return [str(p) for p in check_catalog(builder.write(), today=TODAY).problems]


def errors(builder: CatalogBuilder) -> list[str]:
    return [str(p) for p in check_catalog(builder.write(), today=TODAY).errors]


def test_a_valid_catalog_loads_with_categories_in_order(builder: CatalogBuilder) -> None:
    catalog = load_catalog(builder.write(), today=TODAY)
    assert [c.id for c in catalog.categories] == ["roads-parking", "bins-recycling"]
    assert [s.id for s in catalog.in_category("bins-recycling")] == ["bin-day", "missed-bin"]
    assert len(catalog.version) == 12


def test_unknown_field_is_an_error_naming_the_allowed_ones(builder: CatalogBuilder) -> None:
    builder.services["bin-day"]["colour"] = "green"
    builder.services["bin-day"]["steps"][1]["tilte"] = "typo"
    found = errors(builder)
    assert any(": colour: unknown field" in m and "summary" in m for m in found)
    assert any(": steps.2.tilte: unknown field" in m and "title, text, image" in m for m in found)


def test_every_problem_is_reported_in_one_run(builder: CatalogBuilder) -> None:
    builder.services["bin-day"]["title"] = "x" * 71
    builder.services["missed-bin"]["category"] = "nowhere"
    builder.services["parking-permit"]["lgsl"] = 99999
    found = errors(builder)
    assert len(found) == 3
    assert any(
        "bin-day.toml: title: is 71 characters long; at most 70 allowed" in m for m in found
    )
    assert any("missed-bin.toml: category: unknown category 'nowhere'" in m for m in found)
    assert any("parking-permit.toml: lgsl: 99999 is not a known LGSL code" in m for m in found)


def test_toml_syntax_error_gives_line_and_column(builder: CatalogBuilder) -> None:
    root = builder.write()
    (root / "services" / "bin-day.toml").write_text('id = "bin-day"\ntitle = "unclosed\n')
    found = [str(p) for p in check_catalog(root, today=TODAY).errors]
    assert len(found) == 1
    assert "bin-day.toml:2:" in found[0]
    assert "not valid TOML" in found[0]


@pytest.mark.parametrize(
    ("steps", "expected"),
    [(2, "has 2 item(s); needs at least 3"), (11, "has 11 item(s); at most 10 allowed")],
)
def test_step_count_is_checked(builder: CatalogBuilder, steps: int, expected: str) -> None:
    builder.services["missed-bin"]["steps"] = [{"title": "Step", "text": "Do it."}] * steps
    assert any(f"missed-bin.toml: steps: {expected}" in m for m in errors(builder))


def test_id_must_match_file_name_and_be_unique(builder: CatalogBuilder) -> None:
    builder.services["missed-bin"]["id"] = "bin-day"
    found = errors(builder)
    assert any("missed-bin.toml: id: id 'bin-day' must equal the file name" in m for m in found)
    assert any("id 'bin-day' is also used by" in m for m in found)


def test_missing_image_is_an_error(builder: CatalogBuilder) -> None:
    builder.services["bin-day"]["steps"][0]["image"] = "bin-day-1.png"
    assert any(
        "steps.1.image: image 'bin-day-1.png' is not in the images/ folder" in m
        for m in errors(builder)
    )
    (builder.root / "images").mkdir()
    (builder.root / "images" / "bin-day-1.png").write_bytes(b"\x89PNG")
    assert errors(builder) == []


def test_translation_must_have_every_step(builder: CatalogBuilder) -> None:
    steps = builder.services["bin-day"]["translations"]["cy"]["steps"]
    builder.services["bin-day"]["steps"].append({"title": "Done", "text": "All done."})
    found = errors(builder)
    assert len(steps) == 3
    assert any("translations.cy.steps: has 3 steps but the English has 4" in m for m in found)


def test_missing_offered_language_is_a_warning(builder: CatalogBuilder) -> None:
    result = check_catalog(builder.write(), today=TODAY)
    assert result.catalog is not None
    warned = [str(w) for w in result.warnings]
    assert any("missed-bin.toml: translations: warning: no 'cy' translation" in m for m in warned)
    assert not any("bin-day.toml: translations" in m for m in warned)


def test_stale_content_is_a_warning(builder: CatalogBuilder) -> None:
    builder.services["bin-day"]["reviewed"] = date(2025, 6, 1)
    result = check_catalog(builder.write(), today=TODAY)
    assert result.catalog is not None
    assert any(
        "bin-day.toml: reviewed: warning: last reviewed 2025-06-01" in str(w)
        for w in result.warnings
    )


def test_unknown_icon_and_wrong_types(builder: CatalogBuilder) -> None:
    builder.categories[0]["icon"] = "rocket"
    builder.services["bin-day"]["lgsl"] = "524"
    builder.services["bin-day"]["reviewed"] = "2026-09-01"
    found = errors(builder)
    assert any("category.1.icon: unknown icon 'rocket'" in m for m in found)
    assert any("lgsl: must be a whole number, got '524'" in m for m in found)
    assert any("reviewed: must be a date written like 2026-09-14" in m for m in found)


def test_unsafe_url_is_an_error(builder: CatalogBuilder) -> None:
    builder.services["bin-day"]["url"] = "https://www.example.org.evil.example/bins"
    assert any(
        "bin-day.toml: url: unsafe link: host 'www.example.org.evil.example' is not in "
        "allowed_hosts" in m
        for m in errors(builder)
    )


def test_allowed_hosts_must_be_plain_host_names(builder: CatalogBuilder) -> None:
    builder.council["allowed_hosts"] = ["https://www.example.org/"]
    assert any(
        "council.toml: allowed_hosts.1:" in m and "is not a host name" in m
        for m in errors(builder)
    )


def test_missing_folder_and_empty_services(builder: CatalogBuilder) -> None:
    assert "is not a folder" in str(check_catalog(builder.root / "nope").problems[0])
    builder.services = {}
    assert any("no services" in m for m in errors(builder))


def test_load_catalog_raises_with_every_error(builder: CatalogBuilder) -> None:
    builder.services["bin-day"]["title"] = ""
    builder.services["missed-bin"]["summary"] = "  padded"
    with pytest.raises(CatalogError, match=r"2 error\(s\)") as raised:
        load_catalog(builder.write(), today=TODAY)
    assert "bin-day.toml: title: must not be empty" in str(raised.value)
    assert "missed-bin.toml: summary: must not be blank or start or end with spaces" in str(
        raised.value
    )


def test_text_falls_back_to_english(builder: CatalogBuilder) -> None:
    catalog = load_catalog(builder.write(), today=TODAY)
    welsh = catalog.text(catalog.service("bin-day"), "cy")
    assert (welsh.language, welsh.title) == ("cy", "Gwirio diwrnod casglu biniau")
    english = catalog.text(catalog.service("missed-bin"), "cy")
    assert (english.language, english.title) == ("en", "Report a missed bin")
