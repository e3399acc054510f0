"""Every font a handout names is in the PDF: a printer or viewer never substitutes one."""

import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.catalog import Catalog, load_catalog
from kiosk.handouts.document import PaperName, make_handout
from tests.catalog_builder import CatalogBuilder
from tests.conftest import TODAY

PAPERS = ("a4", "a5", "receipt80")
DEJAVU = {"DejaVuSans", "DejaVuSans-Bold"}


def pdf_fonts(pdf: bytes, folder: Path) -> list[tuple[str, str]]:
    """(name, embedded yes/no) of every font the PDF refers to, as poppler's pdffonts lists."""
    assert shutil.which("pdffonts"), "pdffonts is missing: apt-get install poppler-utils"
    path = folder / "handout.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = [line.split() for line in listing.stdout.splitlines()[2:]]  # after the heading
    return [(row[0], row[-5]) for row in rows]  # the last five: emb sub uni object generation


def assert_only_embedded_dejavu(pdf: bytes, folder: Path) -> None:
    fonts = pdf_fonts(pdf, folder)
    assert [name for name, embedded in fonts if embedded != "yes"] == []
    assert {name.split("+")[-1] for name, _ in fonts} == DEJAVU  # subset tags: ABCDEF+Name


@pytest.fixture(scope="module")
def demo(demo_dir: Path) -> Catalog:
    return load_catalog(demo_dir, today=TODAY)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_font_is_embedded(
    demo: Catalog, paper: PaperName, language: str, tmp_path: Path
) -> None:
    made = make_handout(
        demo, "pay-council-tax", language=language, paper=paper, site="library", desk="desk-2"
    )
    assert made.languages == (language,)
    assert_only_embedded_dejavu(made.pdf, tmp_path)


@pytest.mark.parametrize("paper", PAPERS)
def test_every_font_of_a_bilingual_handout_is_embedded(
    builder: CatalogBuilder, paper: PaperName, tmp_path: Path
) -> None:
    builder.council["handout"] = {"policy": "bilingual", "bilingual": ["cy", "en"]}
    catalog = load_catalog(builder.write(), today=TODAY)
    made = make_handout(catalog, "bin-day", paper=paper, site="library", desk="desk-2")
    assert made.languages == ("cy", "en")
    assert_only_embedded_dejavu(made.pdf, tmp_path)
