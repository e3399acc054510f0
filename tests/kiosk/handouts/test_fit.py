"""A handout is printed at the roomiest step that fits, found as if every step were tried."""

from pathlib import Path

import pytest

from kiosk.catalog import Catalog, load_catalog
from kiosk.handouts.document import PAPERS, build_pdf, handout_content
from kiosk.handouts.fit import Stories, fit
from kiosk.handouts.styles import FIT_STEPS
from tests.conftest import TODAY
from tests.kiosk.handouts.pdf import pixels


@pytest.fixture(scope="module")
def demo(demo_dir: Path) -> Catalog:
    return load_catalog(demo_dir, today=TODAY)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "cy"])  # Welsh runs longer: some need two pages
def test_the_roomiest_step_that_fits_is_chosen_and_printed(demo: Catalog, language: str) -> None:
    sheet = PAPERS["a4"]
    assert sheet.text_height is not None
    chosen_steps = set()
    for service_id in demo.services:
        content = handout_content(
            demo, service_id, language=language, paper="a4", site="library", desk="desk-2",
            today=TODAY,
        )  # fmt: skip
        # each step a story of its own, sharing nothing: the slow way, but plainly right
        alone = [Stories(content, sheet.layout)(step) for step in range(len(FIT_STEPS))]
        fits = [step for step, s in enumerate(alone) if s.height <= sheet.text_height]
        expected = fits[0] if fits else len(FIT_STEPS) - 1
        fitted = fit(content, sheet.layout, sheet.text_height)
        assert (fitted.height, fitted.styles.body_size) == (
            alone[expected].height,
            FIT_STEPS[expected][0],
        ), service_id
        assert fitted.styles.body.spaceAfter == pytest.approx(
            FIT_STEPS[expected][0] * 0.35 * FIT_STEPS[expected][1]
        ), service_id
        printed, pages = build_pdf(content, sheet, fitted)
        assert pixels(printed) == pixels(build_pdf(content, sheet, alone[expected])[0]), service_id
        assert pages == (1 if fits else 2), service_id
        chosen_steps.add(expected)
    assert len(chosen_steps) >= 5  # the demo catalog has short and long services
