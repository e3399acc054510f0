"""Make a handout PDF for one service: on one page wherever the content allows."""

import io
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from kiosk.catalog.links import link_problem
from kiosk.catalog.model import ENGLISH, Catalog
from kiosk.errors import HandoutError
from kiosk.handouts.fit import Fitted, fit
from kiosk.handouts.fonts import REGULAR
from kiosk.handouts.qr import qr_matrix
from kiosk.handouts.story import Content, Layout
from kiosk.handouts.tracking import tracked_url

PaperName = Literal["a4", "a5", "receipt80"]


@dataclass(frozen=True)
class Paper:
    width: float
    height: float | None  # None: a roll, cut to the length of the content
    margin: float
    qr_size: float
    side_by_side: bool
    robust_qr: bool  # error correction Q: receipts crease and thermal prints fade

    @property
    def layout(self) -> Layout:
        return Layout(self.width - 2 * self.margin, self.qr_size, self.side_by_side)

    @property
    def text_height(self) -> float | None:
        """The height a one-page story may take (None on a roll)."""
        return self.height - 2 * self.margin if self.height else None


PAPERS: dict[str, Paper] = {
    "a4": Paper(A4[0], A4[1], 12 * mm, 38 * mm, side_by_side=True, robust_qr=False),
    "a5": Paper(A5[0], A5[1], 10 * mm, 36 * mm, side_by_side=True, robust_qr=False),
    "receipt80": Paper(80 * mm, None, 4 * mm, 32 * mm, side_by_side=False, robust_qr=True),
}


@dataclass(frozen=True)
class Handout:
    pdf: bytes
    pages: int
    body_size: float
    qr_data: str  # exactly what the QR code encodes
    languages: tuple[str, ...]


def make_handout(
    catalog: Catalog,
    service_id: str,
    *,
    language: str = ENGLISH,
    paper: PaperName = "a4",
    site: str,
    desk: str,
    today: date | None = None,
    page_url: str | None = None,
) -> Handout:
    """The handout for ``service_id`` in the resident's ``language`` (English where missing);
    ``page_url``: a page of the council's site (the live view's) as its address instead."""
    content = handout_content(
        catalog, service_id, language=language, paper=paper, site=site, desk=desk, today=today,
        page_url=page_url,
    )  # fmt: skip
    key = _memory_key(content, PAPERS[paper])
    made = _MADE.get(key)
    if made is None:
        made = _render(content, PAPERS[paper])
        if len(_MADE) >= _MADE_SIZE:
            _MADE.clear()
        _MADE[key] = made
    return made


def handout_content(
    catalog: Catalog,
    service_id: str,
    *,
    language: str,
    paper: PaperName,
    site: str,
    desk: str,
    today: date | None,
    page_url: str | None = None,
) -> Content:
    """What the handout will say, once its link has been checked again."""
    if service_id not in catalog.services:
        raise HandoutError(f"'{service_id}' is not a service in the catalog")
    service = catalog.service(service_id)
    url = page_url or service.url
    reason = link_problem(url, frozenset(catalog.council.allowed_hosts))
    if reason:
        raise HandoutError(f"no handout for '{service_id}': its link is unsafe ({reason})")
    languages = handout_languages(catalog, service_id, language)
    qr_data = tracked_url(url, catalog.council.tracking, site, desk)
    return Content(
        catalog=catalog,
        texts=[replace(catalog.text(service, lang), url=url) for lang in languages],
        qr_data=qr_data,
        qr_matrix=qr_matrix(qr_data, robust=PAPERS[paper].robust_qr),
        site=site,
        desk=desk,
        printed=today or date.today(),
    )


def handout_languages(catalog: Catalog, service_id: str, language: str) -> tuple[str, ...]:
    """The resident's language where the service has it; both for a bilingual council."""
    translated = {ENGLISH, *catalog.service(service_id).translations}
    handout = catalog.council.handout
    if handout.policy == "bilingual" and all(lang in translated for lang in handout.bilingual):
        return tuple(handout.bilingual)
    return (language,) if language in translated else (ENGLISH,)


def _render(content: Content, paper: Paper) -> Handout:
    fitted = fit(content, paper.layout, paper.text_height)
    pdf, pages = build_pdf(content, paper, fitted)
    languages = tuple(text.language for text in content.texts)
    return Handout(pdf, pages, fitted.styles.body_size, content.qr_data, languages)


def build_pdf(content: Content, paper: Paper, fitted: Fitted) -> tuple[bytes, int]:
    """The PDF of a fitted story, and its number of pages."""
    height = paper.height or fitted.height + 2 * paper.margin + 1
    output = io.BytesIO()
    document = BaseDocTemplate(
        output,
        pagesize=(paper.width, height),
        leftMargin=paper.margin,
        rightMargin=paper.margin,
        topMargin=paper.margin,
        bottomMargin=paper.margin,
        title=content.texts[0].title,
        author=content.catalog.council.name,
        creator="assisted-digital-kiosk",
        initialFontName=REGULAR,  # reportlab's default, Helvetica, would be listed unembedded
    )
    frame = Frame(
        paper.margin, paper.margin, paper.layout.width, height - 2 * paper.margin,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )  # fmt: skip
    document.addPageTemplates([PageTemplate(id="handout", frames=[frame])])
    document.build(fitted.story)
    return output.getvalue(), document.page


# A desk prints the same few services all day: a handout made again for the same words, desk
# and day is the one already made. The key holds everything printed (the council's words too:
# a catalog put together in code may keep its version).
_MADE: dict[object, Handout] = {}
_MADE_SIZE = 64


def _memory_key(content: Content, paper: Paper) -> object:
    catalog = content.catalog
    return (tuple(content.texts), repr(catalog.council), catalog.version, content.qr_data,
            content.site, content.desk, content.printed, paper)  # fmt: skip


def forget_remembered() -> None:
    """Drop the remembered QR codes and handouts (benchmarks measure a first handout)."""
    qr_matrix.cache_clear()
    _MADE.clear()
