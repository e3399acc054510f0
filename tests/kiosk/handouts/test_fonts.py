from pathlib import Path

from kiosk.catalog import load_catalog
from kiosk.handouts.fonts import missing_characters
from kiosk.handouts.labels import LABELS
from tests.conftest import TODAY


def test_every_catalog_text_can_be_printed(demo_dir: Path) -> None:
    catalog = load_catalog(demo_dir, today=TODAY)
    texts = [catalog.council.name, catalog.council.opening_hours, catalog.council.phone]
    for service in catalog.services.values():
        for language in ("en", *service.translations):
            text = catalog.text(service, language)
            texts += [text.title, text.summary, text.time_needed, text.offline]
            texts += [*text.you_will_need, *(s.title + s.text for s in text.steps)]
    texts += [t.name + t.opening_hours for t in catalog.council.translations.values()]
    assert missing_characters("".join(texts)) == set()
    assert "ŵ" in "".join(texts) or "ŷ" in "".join(texts)


def test_every_handout_label_can_be_printed() -> None:
    for labels in LABELS.values():
        assert missing_characters("".join(str(v) for v in vars(labels).values())) == set()


def test_the_check_finds_characters_the_font_lacks() -> None:
    assert missing_characters("Bin day 漢 ok") == {"漢"}
