"""Fit a handout on one page: the roomiest of ``FIT_STEPS`` at which its content fits.

Spacing shrinks first, then the body size, down to 12 pt; past that the handout runs on to a
second page rather than print smaller than Clear Print allows. A desk prints the same few
services all day, so the step found is remembered for the same content.
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
_MEMORY: dict[object, int] = {}
_MEMORY_SIZE = 512


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


def fit(content: Content, layout: Layout, available: float | None, key: object) -> Fitted:
    """The story at the roomiest step whose height is at most ``available`` (None: a roll,
    always the roomiest), measured. ``key`` names the content and paper, for the step
    remembered."""
    story_at = Stories(content, layout)
    if available is None:
        return story_at(0)
    if key in _MEMORY:
        return story_at(_MEMORY[key])
    if len(_MEMORY) >= _MEMORY_SIZE:
        _MEMORY.clear()
    step, fitted = _roomiest_fitting(story_at, available)
    _MEMORY[key] = step
    return fitted.ready()


def forget() -> None:
    """Drop the remembered steps (benchmarks measure a first handout)."""
    _MEMORY.clear()


def _roomiest_fitting(story_at: "Stories", available: float) -> tuple[int, Fitted]:
    """A size's tightest spacing is tried first, so a size that cannot fit costs one try.

    Within one size only the spacing changes, and the height grows with it: from the tightest
    that fits, the spacing opens up one step at a time until the next would not fit.
    """
    for _, group in groupby(range(len(FIT_STEPS)), key=lambda step: FIT_STEPS[step][0]):
        *roomier, step = group
        best = story_at(step)
        if best.height > available:
            continue
        for roomier_step in reversed(roomier):
            fitted = story_at(roomier_step)
            if fitted.height > available:
                break
            step, best = roomier_step, fitted
        return step, best
    return step, best  # too long even at 12 pt: it runs on to a second page


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
