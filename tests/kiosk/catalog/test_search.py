from pathlib import Path

import pytest

from kiosk.catalog import Catalog, load_catalog
from kiosk.catalog.search import SearchIndex, normalise
from tests.catalog_builder import CatalogBuilder, service
from tests.conftest import TODAY


@pytest.fixture
def index(builder: CatalogBuilder) -> SearchIndex:
    builder.services["recycling-boxes"] = service(
        "recycling-boxes",
        title="Order recycling boxes",
        summary="Ask for a new box for glass, cans and paper.",
        keywords=["green box"],
    )
    return SearchIndex(load_catalog(builder.write(), today=TODAY))


def ids(index: SearchIndex, query: str, language: str = "en") -> list[str]:
    return [s.id for s in index.search(query, language)]


def test_word_prefix_finds_the_service(index: SearchIndex) -> None:
    assert ids(index, "park")[0] == "parking-permit"


def test_case_and_accents_are_ignored(index: SearchIndex) -> None:
    assert ids(index, "PÂRKING")[0] == "parking-permit"
    assert normalise("Ŵyn a Ŷd") == "wyn a yd"


def test_one_typo_is_forgiven_in_longer_words(index: SearchIndex) -> None:
    assert ids(index, "recyling")[0] == "recycling-boxes"
    assert ids(index, "permt") == ["parking-permit"]


def test_short_words_must_be_spelt_right(index: SearchIndex) -> None:
    assert ids(index, "bim") == []


def test_keywords_work_as_synonyms(index: SearchIndex) -> None:
    assert ids(index, "dustbin")[0] == "bin-day"
    assert ids(index, "car")[0] == "parking-permit"


def test_title_match_ranks_first(index: SearchIndex) -> None:
    found = ids(index, "missed bin")
    assert found[0] == "missed-bin"
    assert "bin-day" in found


def test_question_words_do_not_stop_a_match(index: SearchIndex) -> None:
    assert ids(index, "how do I get a parking permit")[0] == "parking-permit"


def test_nothing_found_for_nonsense(index: SearchIndex) -> None:
    assert ids(index, "zzzz qqqq") == []
    assert ids(index, "   ") == []


def test_welsh_searches_welsh_then_english(index: SearchIndex) -> None:
    assert ids(index, "sbwriel", "cy")[0] == "bin-day"
    assert ids(index, "casglu", "cy")[0] == "bin-day"
    assert ids(index, "parking", "cy")[0] == "parking-permit"  # no Welsh text: English
    assert ids(index, "sbwriel", "en") == []


def test_category_title_is_searched(builder: CatalogBuilder) -> None:
    catalog: Catalog = load_catalog(builder.write(), today=TODAY)
    assert set(ids(SearchIndex(catalog), "roads")) == {"parking-permit"}


def test_demo_catalog_answers_residents_words(demo_dir: Path) -> None:
    index = SearchIndex(load_catalog(demo_dir, today=TODAY))
    assert ids(index, "how do i pay my council tax")[0] == "pay-council-tax"
    assert ids(index, "treth", "cy")[0] == "pay-council-tax"
    assert ids(index, "bin day")[0] == "bin-collection-day"
    assert "bin-collection-day" in ids(index, "rubbish")[:2]
    assert ids(index, "pothole")[0] == "report-pothole"
    assert ids(index, "vote")[0] == "register-to-vote"
