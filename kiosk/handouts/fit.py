"""Fit a handout on one page: the roomiest of ``FIT_STEPS`` at which its content fits.

Spacing shrinks first, then the body size, down to 12 pt; past that the handout runs on to a
second page rather than print smaller than Clear Print allows.
"""

import io
from dataclasses import dataclass
from itertools import groupby

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from kiosk.handouts.fonts import REGULAR, register_fonts
from kiosk.handouts.paragraphs import ParagraphPool, StoryParagraphs
from kiosk.handouts.story import Content, Layout, build_story
from kiosk.handouts.styles import FIT_STEPS, Styles, make_styles

_SCRATCH_HEIGHT = 10_000  # room enough for any handout: the story's own height is wanted


@dataclass(frozen=True)
class Fitted:
    styles: Styles
    story: list[Flowable]
    height: float  # of the story, spacing included
    paragraphs: StoryParagraphs

    def ready(self) -> "Fitted":
        """This story, to build now (other steps' stories share its paragraphs)."""
        self.paragraphs.restore()
        return self


def fit(content: Content, layout: Layout, available: float | None) -> Fitted:
    """The story at the roomiest step whose height is at most ``available`` (None: a roll,
    always the roomiest), measured and ready to build."""
    stories = Stories(content, layout)
    if available is None:
        return stories(0)
    return _roomiest_fitting(stories, available).ready()


def _roomiest_fitting(stories: "Stories", available: float) -> Fitted:
    """A size's tightest spacing is tried first, so a size that cannot fit costs one try.

    Within one size only the spacing changes, and the height grows with it: from the tightest
    that fits, the spacing opens up one step at a time until the next would not fit.
    """
    for _, group in groupby(range(len(FIT_STEPS)), key=lambda step: FIT_STEPS[step][0]):
        *roomier, tightest = group
        best = stories(tightest)
        if best.height > available:
            continue
        for step in reversed(roomier):
            fitted = stories(step)
            if fitted.height > available:
                break
            best = fitted
        return best
    return best  # too long even at 12 pt: it runs on to a second page


class Stories:
    """The handout's story at any fit step, measured."""

    def __init__(self, content: Content, layout: Layout) -> None:
        register_fonts()
        self._content, self._layout = content, layout
        self._pool = ParagraphPool()
        self._scratch = Canvas(io.BytesIO(), initialFontName=REGULAR)

    def __call__(self, step: int) -> Fitted:
        styles = make_styles(*FIT_STEPS[step])
        paragraphs = self._pool.for_story()
        story = build_story(self._content, self._layout, styles, paragraphs)
        return Fitted(styles, story, self._height(story), paragraphs)

    def _height(self, story: list[Flowable]) -> float:
        total = 0.0
        for flowable in story:
            _, height = flowable.wrapOn(self._scratch, self._layout.width, _SCRATCH_HEIGHT)
            total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        return total
