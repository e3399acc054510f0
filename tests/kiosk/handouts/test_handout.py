from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kiosk.catalog import Catalog, load_catalog
from kiosk.handouts.document import HandoutError, handout_languages, make_handout
from kiosk.handouts.tracking import tracked_url
from tests.catalog_builder import CatalogBuilder
from tests.conftest import TODAY
from tests.kiosk.handouts.pdf import read_pdf

PAPERS = ("a4", "a5", "receipt80")
PRINTED = date(2026, 11, 27)


@pytest.fixture(scope="module")
def demo(demo_dir: Path) -> Catalog:
    return load_catalog(demo_dir, today=TODAY)


def handout(catalog: Catalog, service_id: str, **options: object):  # type: ignore[no-untyped-def]
    return make_handout(
        catalog, service_id, site="library", desk="desk-2", today=PRINTED, **options
    )


@pytest.mark.parametrize("paper", PAPERS)
def test_every_qr_code_scans_to_exactly_the_tracked_address(demo: Catalog, paper: str) -> None:
    for service in demo.services.values():
        made = handout(demo, service.id, paper=paper)
        _, scans = read_pdf(made.pdf)
        expected = tracked_url(service.url, demo.council.tracking, "library", "desk-2")
        assert [s.text for s in scans] == [expected], service.id
        assert made.qr_data == expected
        assert scans[0].ec_level == ("Q" if paper == "receipt80" else "M")
        assert scans[0].width_mm >= (30 if paper == "receipt80" else 35), service.id


def test_the_address_is_printed_in_full_with_how_to_check_it(demo: Catalog) -> None:
    texts, _ = read_pdf(handout(demo, "pay-council-tax").pdf)
    page = " ".join(" ".join(texts).split())
    assert "https://www.example.org/council-tax/pay " in page  # the clean address, no tags
    assert "utm_" not in page
    assert "Check the address starts with https://www.example.org/ before you enter" in page
    assert "QR code" in page
    assert "What you will need" in page
    assert "1. Open the payment page." in page
    assert "Phone 01632 960000" in page
    assert "Printed 27 November 2026 at library, desk-2. Catalog " + demo.version in page


def test_a4_handouts_fit_one_page_in_clear_print_sizes(demo: Catalog) -> None:
    made = {s: handout(demo, s, paper="a4") for s in demo.services}
    assert all(m.body_size >= 12 for m in made.values())
    assert [s for s, m in made.items() if m.pages > 1] == []
    assert any(m.body_size == 14 for m in made.values())


def test_receipts_are_one_strip_at_14_point(demo: Catalog) -> None:
    for service_id in demo.services:
        made = handout(demo, service_id, paper="receipt80")
        assert (made.pages, made.body_size) == (1, 14), service_id


def test_welsh_handout_is_all_welsh(demo: Catalog) -> None:
    made = handout(demo, "pay-council-tax", language="cy")
    texts, _ = read_pdf(made.pdf)
    page = " ".join(" ".join(texts).split())
    assert made.languages == ("cy",)
    assert "Talu eich treth gyngor" in page
    assert "Gwiriwch fod y cyfeiriad yn dechrau gyda https://www.example.org/" in page
    assert "Argraffwyd 27 Tachwedd 2026" in page
    assert "What you will need" not in page


def test_a_language_the_service_lacks_gives_english(demo: Catalog) -> None:
    untranslated = next(s for s in demo.services.values() if "cy" not in s.translations)
    assert handout(demo, untranslated.id, language="cy").languages == ("en",)
    assert handout(demo, "pay-council-tax", language="pl").languages == ("en",)


def test_bilingual_council_prints_welsh_first(builder: CatalogBuilder) -> None:
    builder.council["handout"] = {"policy": "bilingual", "bilingual": ["cy", "en"]}
    catalog = load_catalog(builder.write(), today=TODAY)
    assert handout_languages(catalog, "bin-day", "en") == ("cy", "en")
    texts, scans = read_pdf(handout(catalog, "bin-day").pdf)
    page = " ".join(" ".join(texts).split())
    assert page.index("Gwirio diwrnod casglu biniau") < page.index("Check your bin collection day")
    assert "Cod QR / QR code" in page
    assert len(scans) == 1
    assert handout_languages(catalog, "missed-bin", "cy") == ("en",)  # no Welsh text to print


def test_no_handout_for_an_unknown_service_or_an_unsafe_link(demo: Catalog) -> None:
    with pytest.raises(HandoutError, match="'nope' is not a service in the catalog"):
        handout(demo, "nope")
    tampered = dict(demo.services)
    tampered["pay-council-tax"] = replace(
        demo.service("pay-council-tax"), url="https://www.example.org@evil.example/pay"
    )
    bad = Catalog(demo.root, demo.council, demo.categories, tampered, demo.version)
    with pytest.raises(HandoutError, match="link is unsafe"):
        handout(bad, "pay-council-tax")
