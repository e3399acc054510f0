"""Paragraphs that one handout parses and breaks into lines once, however often it is measured."""

from collections import Counter
from collections.abc import Callable

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

MakeParagraph = Callable[[str, ParagraphStyle], Flowable]
_Key = tuple[str, str, float]


class MeasuredParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph that keeps its line breaks for the last width it was given.

    Fitting measures a story, and the PDF is then built from that same story: without this,
    reportlab breaks every line again. Spacing never changes the line breaks, only size does.
    """

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        kept = self.__dict__.get("_kept")
        if kept is not None and kept[0] == available_width:
            _, self.blPara, self.width, self.height = kept
        else:
            super().wrap(available_width, available_height)
            self._kept = (available_width, self.blPara, self.width, self.height)
        return self.width, self.height


class ParagraphPool:
    """The paragraphs of one handout, made once per text, style and size.

    The fit steps at one body size differ only in spacing, so every story built at that size
    reuses the same parsed and measured paragraphs and just hands them the step's style.
    """

    def __init__(self) -> None:
        self._made: dict[_Key, list[MeasuredParagraph]] = {}

    def for_story(self) -> "StoryParagraphs":
        return StoryParagraphs(self._made)


class StoryParagraphs:
    """Makes the paragraphs of one story from the pool: a text printed twice gets two."""

    def __init__(self, made: dict[_Key, list[MeasuredParagraph]]) -> None:
        self._made = made
        self._taken: Counter[_Key] = Counter()
        self._given: list[tuple[MeasuredParagraph, ParagraphStyle]] = []

    def __call__(self, text: str, style: ParagraphStyle) -> Flowable:
        key = (text, style.name, float(style.fontSize))
        made = self._made.setdefault(key, [])
        if self._taken[key] == len(made):
            made.append(MeasuredParagraph(text, style))
        found = made[self._taken[key]]
        self._taken[key] += 1
        found.style = style  # the same font, size and leading: only the spacing differs
        self._given.append((found, style))
        return found

    def restore(self) -> None:
        """Hand this story's paragraphs its styles again, after a later story gave them others."""
        for paragraph, style in self._given:
            paragraph.style = style
