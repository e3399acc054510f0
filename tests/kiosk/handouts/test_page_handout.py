"""A handout for a page of the council's site (the live view's "Print this page's address"):
the service's handout with that page's address, held to the same link rule."""

from datetime import date
from pathlib import Path

import pytest

from kiosk.catalog import Catalog, load_catalog
from kiosk.handouts.document import HandoutError, make_handout
from kiosk.handouts.tracking import tracked_url
from tests.conftest import TODAY
from tests.kiosk.handouts.pdf import read_pdf

PAGE = "https://www.example.org/council-tax/discounts?band=c"


@pytest.fixture(scope="module")
def demo(demo_dir: Path) -> Catalog:
    return load_catalog(demo_dir, today=TODAY)


def page_handout(catalog: Catalog, page_url: str, paper: str = "a4"):  # type: ignore[no-untyped-def]
    return make_handout(
        catalog, "pay-council-tax", site="library", desk="desk-2", today=date(2026, 11, 27),
        paper=paper, page_url=page_url,  # type: ignore[arg-type]
    )  # fmt: skip


@pytest.mark.parametrize("paper", ["a4", "receipt80"])
def test_the_page_is_the_address_and_the_qr_code(demo: Catalog, paper: str) -> None:
    made = page_handout(demo, PAGE, paper)
    texts, scans = read_pdf(made.pdf)
    page = " ".join(" ".join(texts).split())
    expected = tracked_url(PAGE, demo.council.tracking, "library", "desk-2")
    assert [scan.text for scan in scans] == [expected]
    assert "utm_content=library-desk-2" in expected
    assert PAGE in page.replace(" ", "")  # whole, however the line breaks it
    assert "https://www.example.org/council-tax/pay " not in page
    assert "What you will need" in page  # the service's own words stay


@pytest.mark.parametrize(
    "page_url",
    [
        "https://elsewhere.example.net/council-tax",
        "http://www.example.org/council-tax/discounts",
        "https://someone@www.example.org/",
        "https://www.example.org:8443/",
        "https://127.0.0.1/",
        "javascript:alert(1)",
        "https://www.example.org/" + "a" * 600,
    ],
)
def test_a_page_off_the_link_rule_gets_no_handout(demo: Catalog, page_url: str) -> None:
    with pytest.raises(HandoutError, match="its link is unsafe"):
        page_handout(demo, page_url)
