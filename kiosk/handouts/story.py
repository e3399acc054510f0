"""What a handout says, as reportlab flowables, in one or two languages."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    ListFlowable,
    ListItem,
    Spacer,
    Table,
    TableStyle,
)

from kiosk import __version__
from kiosk.catalog.model import Catalog, ServiceText
from kiosk.handouts.labels import Labels, labels_for
from kiosk.handouts.paragraphs import MakeParagraph
from kiosk.handouts.qr import QrCode
from kiosk.handouts.styles import INK, Styles


@dataclass(frozen=True)
class Layout:
    width: float  # of the text frame
    qr_size: float  # of the symbol, without its quiet zone
    side_by_side: bool  # QR beside the address (sheets) or above it (receipts)


@dataclass(frozen=True)
class Content:
    catalog: Catalog
    texts: Sequence[ServiceText]  # one per language, the first printed first
    qr_data: str
    qr_matrix: list[list[bool]]
    site: str
    desk: str
    printed: date


def build_story(
    content: Content, layout: Layout, styles: Styles, para: MakeParagraph
) -> list[Flowable]:
    """The handout's flowables; ``para`` makes each paragraph (a fit step reuses them)."""
    first, *others = content.texts
    story = _opening(content, first, styles, para)
    story.append(_qr_block(content, layout, styles, para))
    story += _body(content, first, styles, para)
    for text in others:
        story.append(HRFlowable(width="100%", thickness=1.5, color=INK, spaceBefore=8))
        story += _opening(content, text, styles, para)[1:] + _body(content, text, styles, para)
    labels = labels_for(first.language)
    footer = labels.printed.format(
        date=labels.day(content.printed),
        site=content.site,
        desk=content.desk,
        catalog=content.catalog.version,
        version=__version__,
    )
    story.append(para(escape(footer), styles.small))
    return story


def _opening(
    content: Content, text: ServiceText, styles: Styles, para: MakeParagraph
) -> list[Flowable]:
    return [
        para(escape(content.catalog.council_name(text.language)), styles.council),
        para(escape(text.title), styles.title),
        para(escape(text.summary), styles.body),
    ]


def _qr_block(content: Content, layout: Layout, styles: Styles, para: MakeParagraph) -> Flowable:
    labels = [labels_for(t.language) for t in content.texts]
    code = QrCode(content.qr_matrix, layout.qr_size)
    caption = para(escape(" / ".join(dict.fromkeys(lb.qr_code for lb in labels))), styles.strong)
    address = _address(content.texts[0].url, labels, styles, para)
    if layout.side_by_side:  # the label heads the text beside the code: a line saved
        cells = [[code, [caption, *address]]]
        widths = [code.size + 4 * mm, layout.width - code.size - 4 * mm]
    else:
        cells = [[code], [caption], [address]]
        widths = [layout.width]
    table = Table(cells, colWidths=widths, hAlign="LEFT")
    if not layout.side_by_side:
        table.setStyle(TableStyle([("ALIGN", (0, 0), (0, 0), "CENTER")]))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *_no_padding()]))
    # a cell's own font is set even when it holds only flowables; reportlab's is Helvetica,
    # which would then be listed in the PDF without being embedded
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.body.fontName)]))
    return table


def _address(
    url: str, labels: list[Labels], styles: Styles, para: MakeParagraph
) -> list[Flowable]:
    prefix = f"https://{urlsplit(url).netloc}/"
    found: list[Flowable] = [para(escape(lb.scan), styles.body) for lb in _unique(labels)]
    found.append(para(escape(url), styles.strong))
    found += [para(escape(lb.check.format(prefix=prefix)), styles.body) for lb in _unique(labels)]
    return found


def _body(
    content: Content, text: ServiceText, styles: Styles, para: MakeParagraph
) -> list[Flowable]:
    labels = labels_for(text.language)
    council = content.catalog.council
    hours = council.translations.get(text.language)
    return [
        para(escape(labels.you_will_need), styles.heading),
        _bullets(text.you_will_need, styles, para),
        para(escape(labels.steps), styles.heading),
        _numbered(
            [f"<b>{escape(s.title)}.</b> {escape(s.text)}" for s in text.steps],
            styles,
            para,
        ),
        Spacer(1, styles.body_size * 0.3),
        para(escape(labels.time_needed.format(time=text.time_needed)), styles.strong),
        para(escape(labels.no_internet), styles.heading),
        para(escape(text.offline), styles.body),
        para(
            escape(labels.phone.format(phone=council.phone))
            + ". "
            + escape(labels.opening_hours.format(hours=(hours or council).opening_hours)),
            styles.body,
        ),
    ]


def _bullets(items: Sequence[str], styles: Styles, para: MakeParagraph) -> Flowable:
    return ListFlowable(
        [ListItem(para(escape(i), styles.body), leftIndent=14) for i in items],
        bulletType="bullet",
        bulletFontName=styles.body.fontName,
        bulletFontSize=styles.body_size,
        leftIndent=14,
    )


def _numbered(items: Sequence[str], styles: Styles, para: MakeParagraph) -> Flowable:
    return ListFlowable(
        [ListItem(para(i, styles.body), leftIndent=22) for i in items],
        bulletType="1",
        bulletFormat="%s.",
        bulletFontName=styles.strong.fontName,
        bulletFontSize=styles.body_size,
        leftIndent=22,
    )


def _unique(labels: list[Labels]) -> list[Labels]:
    return list(dict.fromkeys(labels))


def _no_padding() -> list[tuple[object, ...]]:
    return [
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
