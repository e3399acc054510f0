"""A handout is printed at the roomiest step that fits, found as if every step were tried."""

from pathlib import Path

import pytest

from kiosk.catalog import Catalog, load_catalog
from kiosk.handouts.document import (
    PAPERS,
    Handout,
    forget_remembered,
    handout_content,
    make_handout,
)
from kiosk.handouts.fit import Stories, fit
from kiosk.handouts.styles import FIT_STEPS
from tests.conftest import TODAY
from tests.kiosk.handouts.pdf import pixels


@pytest.fixture(scope="module")
def demo(demo_dir: Path) -> Catalog:
    return load_catalog(demo_dir, today=TODAY)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "cy"])  # Welsh runs longer: some need two pages
def test_the_roomiest_step_that_fits_is_chosen(demo: Catalog, language: str) -> None:
    sheet = PAPERS["a4"]
    assert sheet.text_height is not None
    chosen_steps = set()
    for service_id in demo.services:
        content = handout_content(
            demo, service_id, language=language, paper="a4", site="library", desk="desk-2",
            today=TODAY,
        )  # fmt: skip
        # each step on its own story, sharing nothing: the slow way, but plainly right
        heights = [Stories(content, sheet.layout)(step).height for step in range(len(FIT_STEPS))]
        fits = [step for step, height in enumerate(heights) if height <= sheet.text_height]
        expected = fits[0] if fits else len(FIT_STEPS) - 1
        fitted = fit(content, sheet.layout, sheet.text_height, key=object())
        assert (fitted.height, fitted.styles.body_size) == (
            heights[expected],
            FIT_STEPS[expected][0],
        ), service_id
        assert fitted.styles.body.spaceAfter == pytest.approx(
            FIT_STEPS[expected][0] * 0.35 * FIT_STEPS[expected][1]
        ), service_id
        chosen_steps.add(expected)
    assert len(chosen_steps) >= 5  # the demo catalog has short and long services


def test_a_first_handout_looks_the_same_as_one_laid_out_from_memory(demo: Catalog) -> None:
    for service_id in demo.services:
        forget_remembered()
        first = handout(demo, service_id)  # steps tried in turn, sharing their paragraphs
        again = handout(demo, service_id)  # the step remembered: one story, nothing shared
        assert pixels(first.pdf) == pixels(again.pdf), service_id


def handout(catalog: Catalog, service_id: str) -> Handout:
    return make_handout(catalog, service_id, site="library", desk="desk-2", today=TODAY)
