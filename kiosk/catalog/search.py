"""Ranked search over the catalog, forgiving in the ways residents type.

Case and accents are ignored, a word may be typed in part ("park" finds parking), one slip
is forgiven in words of five letters or more ("recyling"), and keywords act as synonyms.
Searching in another language looks at that language's text first and English after it.
"""

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kiosk.catalog.model import ENGLISH, Catalog
from kiosk.catalog.schema import Service, ServiceTranslation

TITLE, KEYWORD, SUMMARY, CATEGORY, STEP = 10.0, 8.0, 3.0, 2.0, 2.0
EXACT, PREFIX, TYPO = 1.0, 0.8, 0.6
FALLBACK = 0.5  # English text when searching in another language
TYPO_MIN_LENGTH = 5
_ENGLISH_STOPWORDS = ("a", "an", "and", "the", "to", "of", "for", "in", "on", "my", "me", "i")
_MORE_STOPWORDS = ("how", "do", "can", "what", "is", "it", "with")
_WELSH_STOPWORDS = ("y", "yr", "ac", "o", "ar", "fy", "sut", "beth")
STOPWORDS = frozenset(_ENGLISH_STOPWORDS + _MORE_STOPWORDS + _WELSH_STOPWORDS)
_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Lower case without accents: 'Ŵyr Casglu' -> 'wyr casglu'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


@dataclass(frozen=True)
class _Index:
    postings: dict[str, dict[str, float]]  # word -> service id -> best field weight
    vocabulary: list[str]  # sorted, for prefix ranges
    titles: dict[str, str]  # service id -> normalised title, for phrase bonuses


class SearchIndex:
    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._indexes: dict[str, _Index] = {}

    def search(self, query: str, language: str = ENGLISH, limit: int = 20) -> list[Service]:
        terms = words(query)
        if not terms:
            return []
        index = self._index(language)
        per_term = [self._matches(index, term) for term in terms]
        ranked = _rank(terms, per_term, index, " ".join(terms))
        return [self._catalog.service(service_id) for service_id in ranked[:limit]]

    def prepare(self, languages: Iterable[str]) -> None:
        """Build each language's index now (say, on a thread), so the first letters typed
        do not wait for it."""
        for language in languages:
            self._index(language)

    def _index(self, language: str) -> _Index:
        if language not in self._indexes:
            self._indexes[language] = _build(self._catalog, language)
        return self._indexes[language]

    @staticmethod
    def _matches(index: _Index, term: str) -> dict[str, float]:
        """Service id -> how well ``term`` matches it (field weight x match quality)."""
        best: dict[str, float] = defaultdict(float)
        for word, quality in _similar_words(index, term):
            for service_id, weight in index.postings[word].items():
                best[service_id] = max(best[service_id], weight * quality)
        return best


def _similar_words(index: _Index, term: str) -> Iterator[tuple[str, float]]:
    if term in index.postings:
        yield term, EXACT
    if len(term) >= 2:
        start = bisect.bisect_left(index.vocabulary, term)
        for word in index.vocabulary[start:]:
            if not word.startswith(term):
                break
            if word != term:
                yield word, PREFIX
    if len(term) >= TYPO_MIN_LENGTH:
        from rapidfuzz import process  # on the first search that needs it, not at start
        from rapidfuzz.distance import OSA

        near = process.extract(
            term, index.vocabulary, scorer=OSA.distance, score_cutoff=1, limit=None
        )
        for word, distance, _ in near:
            if distance == 1:
                yield word, TYPO


def _rank(
    terms: list[str], per_term: list[dict[str, float]], index: _Index, phrase: str
) -> list[str]:
    """Services matching every meaningful term first; failing that, those matching most."""
    needed = [m for t, m in zip(terms, per_term, strict=True) if t not in STOPWORDS] or per_term
    scores: dict[str, float] = defaultdict(float)
    hits: dict[str, int] = defaultdict(int)
    for matches in needed:
        for service_id, score in matches.items():
            scores[service_id] += score
            hits[service_id] += 1
    for service_id in scores:
        title = index.titles[service_id]
        if phrase in title:
            scores[service_id] += TITLE / 2 + (TITLE / 2 if title.startswith(phrase) else 0)
    # ties go to the shorter title: the query says more of what that service is about
    return sorted(
        scores,
        key=lambda s: (-hits[s], -scores[s], len(index.titles[s].split()), index.titles[s]),
    )


def _build(catalog: Catalog, language: str) -> _Index:
    postings: dict[str, dict[str, float]] = defaultdict(dict)
    titles: dict[str, str] = {}
    for service in catalog.services.values():
        titles[service.id] = " ".join(words(catalog.text(service, language).title))
        for text, weight in _weighted_texts(catalog, service, language):
            for word in words(text):
                known = postings[word].get(service.id, 0.0)
                postings[word][service.id] = max(known, weight)
    return _Index(dict(postings), sorted(postings), titles)


def _weighted_texts(
    catalog: Catalog, service: Service, language: str
) -> Iterable[tuple[str, float]]:
    category = catalog.category(service.category)
    sources: list[tuple[Service | ServiceTranslation, str, float]] = [
        (service, ENGLISH, 1.0 if language == ENGLISH else FALLBACK)
    ]
    translation = service.translations.get(language)
    if translation is not None and language != ENGLISH:
        sources.insert(0, (translation, language, 1.0))
    for source, source_language, factor in sources:
        yield source.title, TITLE * factor
        yield from ((k, KEYWORD * factor) for k in source.keywords)
        yield source.summary, SUMMARY * factor
        yield from ((step.title, STEP * factor) for step in source.steps)
        yield catalog.category_title(category, source_language), CATEGORY * factor
