"""Full-text search over an analysis folder's articles (tantivy), spelling-blind in Arabic and Persian.

Text is folded with rasad's matching folding (`rasad.text.fold.MATCHING_KEY`: alef and hamza forms,
ta marbuta, Persian yeh and keheh, diacritics, ZWNJ, digits, case) at index and at query time, and
each word is also indexed without its article (`ال`, `وال`, `بال`, `لل`, ...: the `search` rows of
`lang/ar/proclitics.tsv`) and without a conjunction or preposition (وطهران, بدمشق: the `names` rows).
Every article also carries all the names, in every script, of the entities linked in it
(`entities.json`), so الحسكه, حسکه and Hasakah find the articles about `gpe:hasakah`.

The index lives in a folder (`search-index/` in the analysis folder) with a signature of the files it
was built from; it is rebuilt when `articles.jsonl` or `entities.json` change.

Example::

    index = SearchIndex.open(Path("out/search-index"), articles, entity_names)
    index.search("حسکه")  # [(position in articles.jsonl, score), ...]
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from rasad.text.normalize import matching_key
from rasad.text.tokens import pattern, proclitics, words

INDEX_VERSION = 2  # bump when what is indexed changes, so old indexes are rebuilt
SIGNATURE = "signature.json"
MIN_STEM = 2  # a word keeps its article when fewer letters would remain (الى stays الى)
MIN_BARE = 3  # and its conjunction or preposition when fewer than this would remain (وزن stays وزن)
FIELDS = ("title", "words", "stems", "bare", "names")
BOOSTS = {"title": 2.0, "words": 1.0, "stems": 0.7, "bare": 0.3, "names": 0.5}
WRITER_HEAP = 64 * 1024 * 1024


@dataclass(frozen=True)
class IndexedArticle:
    """What the index holds of one article: its position in articles.jsonl, title, text and entity ids."""

    position: int
    title: str
    text: str
    entity_ids: Sequence[str]


def search_terms(text: str) -> list[str]:
    """The folded words of `text`, as indexed and searched.

    >>> search_terms("الحسكة، حسکه و Hasakah")
    ['الحسكه', 'حسكه', 'و', 'hasakah']
    """
    return words(matching_key(text))


@lru_cache(maxsize=1 << 18)  # a corpus repeats a few hundred thousand words
def stem(word: str) -> str:
    """`word` without a leading article (with its conjunction or preposition), when enough remains.

    >>> stem("والحسكه"), stem("للحسكه"), stem("الى"), stem("حسكه")
    ('حسكه', 'حسكه', 'الى', 'حسكه')
    """
    for clitic in _article_prefixes():
        if word.startswith(clitic) and len(word) - len(clitic) >= MIN_STEM:
            return word[len(clitic):]
    return word


@lru_cache(maxsize=1 << 18)
def bare(word: str) -> str:
    """`word` without a leading conjunction or preposition (the `names` rows of `lang/ar/proclitics.tsv`:
    وطهران → طهران), when at least `MIN_BARE` letters remain, then without its article.

    >>> bare("وطهران"), bare("بدمشق"), bare("وزن"), bare("والحسكه")
    ('طهران', 'دمشق', 'وزن', 'حسكه')
    """
    for clitic in _name_prefixes():
        if word.startswith(clitic) and len(word) - len(clitic) >= MIN_BARE:
            return stem(word[len(clitic):])
    return stem(word)


@cache
def _article_prefixes() -> tuple[str, ...]:
    return tuple(p.prefix for p in proclitics("ar", "search"))


@cache
def _name_prefixes() -> tuple[str, ...]:
    return tuple(p.prefix for p in proclitics("ar", "names"))


def query_keys(query: str) -> frozenset[str]:
    """The folded words of `query` and their stems: what a word of the text must fold to, to match.

    >>> sorted(query_keys("الحسكة"))
    ['الحسكه', 'حسكه']
    """
    terms = search_terms(query)
    return frozenset(terms) | {stem(t) for t in terms}


def word_hits(text: str, keys: frozenset[str]) -> list[tuple[int, int]]:
    """The spans of the words of `text` (as written, with their marks) that fold to one of `keys`.

    >>> word_hits("اجتماعٌ في الحسكة وحسکه", query_keys("حسكه"))
    [(11, 17), (18, 23)]
    """
    spans = []
    for m in pattern("name").finditer(text):
        key = matching_key(m.group())
        if key in keys or stem(key) in keys or bare(key) in keys:
            spans.append((m.start(), m.end()))
    return spans


def file_signature(paths: Iterable[Path]) -> dict[str, Any]:
    """Size and modification time of each file (None when missing): what the index was built from."""
    signature: dict[str, Any] = {"version": INDEX_VERSION}
    for path in paths:
        stat = path.stat() if path.exists() else None
        signature[path.name] = [stat.st_size, stat.st_mtime_ns] if stat else None
    return signature


def _schema() -> Any:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("position", stored=True, fast=True, indexed=False)
    for name in FIELDS:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    return builder.build()


class SearchIndex:
    """A tantivy index of one folder's articles. Build with `build`, open (rebuilding when stale) with `open`."""

    def __init__(self, index: Any) -> None:
        self.index = index
        self.index.reload()
        self.searcher = index.searcher()

    @classmethod
    def open(cls, folder: Path, articles: Iterable[IndexedArticle], names: Mapping[str, Sequence[str]],
             signature: dict[str, Any]) -> SearchIndex:
        """The index in `folder` when its signature is `signature`, else a new one built from `articles`
        (read only in that case)."""
        import tantivy

        stored = folder / SIGNATURE
        try:
            if stored.exists() and json.loads(stored.read_text(encoding="utf-8")) == signature:
                return cls(tantivy.Index(_schema(), path=str(folder), reuse=True))
        except (OSError, ValueError):  # a damaged index (or signature): build it again
            pass
        return cls.build(folder, articles, names, signature)

    @classmethod
    def build(cls, folder: Path, articles: Iterable[IndexedArticle], names: Mapping[str, Sequence[str]],
              signature: dict[str, Any]) -> SearchIndex:
        """Index `articles` into a fresh `folder` (built beside it, then swapped in); `names` maps an
        entity id to all its names."""
        import tantivy

        building = folder.with_name(folder.name + ".building")
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir(parents=True)
        index = tantivy.Index(_schema(), path=str(building), reuse=False)
        writer = index.writer(heap_size=WRITER_HEAP, num_threads=1)
        name_terms: dict[str, list[str]] = {}
        for article in articles:
            terms = search_terms(article.text)
            entity_terms: set[str] = set()
            for entity_id in article.entity_ids:
                if entity_id not in name_terms:
                    found = {t for name in names.get(entity_id, ()) for t in search_terms(name)}
                    name_terms[entity_id] = sorted(found | {stem(t) for t in found})
                entity_terms.update(name_terms[entity_id])
            writer.add_document(tantivy.Document(
                position=article.position,
                title=" ".join(search_terms(article.title)),
                words=" ".join(terms),
                stems=" ".join(stem(t) for t in terms),
                bare=" ".join(b for t in terms if (b := bare(t)) != stem(t)),
                names=" ".join(sorted(entity_terms)),
            ))
        writer.commit()
        writer.wait_merging_threads()
        (building / SIGNATURE).write_text(json.dumps(signature), encoding="utf-8")
        _swap_in(building, folder)
        return cls(tantivy.Index(_schema(), path=str(folder), reuse=True))

    def search(self, query: str, limit: int | None = None) -> list[tuple[int, float]]:
        """The articles matching every word of `query` (each as written, without its article or
        proclitics, in the title, or among the names of a linked entity), best first: (position, score)
        pairs.

        >>> # index.search("الحسکة") == index.search("حسكه") on an article about al-Hasakah
        """
        import tantivy

        terms = search_terms(query)
        if not terms:
            return []
        schema = self.index.schema
        must = []
        for term in dict.fromkeys(terms):
            variants = {"title": {term}, "words": {term}, "stems": {stem(term)}, "bare": {stem(term)},
                        "names": {term, stem(term)}}
            should = [(tantivy.Occur.Should,
                       tantivy.Query.boost_query(tantivy.Query.term_query(schema, name, value), BOOSTS[name]))
                      for name, values in variants.items() for value in sorted(values)]
            must.append((tantivy.Occur.Must, tantivy.Query.boolean_query(should)))
        total = self.searcher.num_docs
        if not total:
            return []
        hits = self.searcher.search(tantivy.Query.boolean_query(must), limit=limit or total).hits
        positions = self.searcher.fast_field_values("position", [address for _, address in hits])
        return [(int(position), float(score)) for (score, _), position in zip(hits, positions, strict=True)]


def _swap_in(built: Path, folder: Path) -> None:
    """Replace `folder` (an earlier index, if any) with `built`."""
    old = folder.with_name(folder.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    built.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
