"""Full-text search over an analysis folder's articles (tantivy), spelling-blind in Arabic and Persian.

Text is folded with the search folding the report's page uses too (`rasad.text.fold.SEARCH`: alef and
hamza forms, ta marbuta, Persian yeh, keheh and heh, diacritics, ZWNJ, digits, case) at index and at
query time, and each word is also indexed without its article (`search_stem`: `ال`, `وال`, `بال`,
`لل`, ...) and without a conjunction or preposition (`search_bare`: وطهران, بدمشق).
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
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasad.text.fold import SEARCH, fold, search_bare, search_stem, search_words
from rasad.text.tokens import pattern

INDEX_VERSION = 3  # bump when what is indexed changes, so old indexes are rebuilt
SIGNATURE = "signature.json"
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


def query_keys(query: str) -> frozenset[str]:
    """The folded words of `query` and their stems: what a word of the text must fold to, to match.

    >>> sorted(query_keys("الحسكة"))
    ['الحسكه', 'حسكه']
    """
    terms = search_words(query)
    return frozenset(terms) | {search_stem(t) for t in terms}


def word_hits(text: str, keys: frozenset[str]) -> list[tuple[int, int]]:
    """The spans of the words of `text` (as written, with their marks) that fold to one of `keys`.

    >>> word_hits("اجتماعٌ في الحسكة وحسکه", query_keys("حسكه"))
    [(11, 17), (18, 23)]
    """
    spans = []
    for m in pattern("name").finditer(text):
        key = _word_key(m.group())
        if key in keys or search_stem(key) in keys or search_bare(key) in keys:
            spans.append((m.start(), m.end()))
    return spans


@lru_cache(maxsize=1 << 18)  # the words of the texts shown come back in every search
def _word_key(word: str) -> str:
    return fold(word, SEARCH)


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
            terms = search_words(article.text)
            entity_terms: set[str] = set()
            for entity_id in article.entity_ids:
                if entity_id not in name_terms:
                    found = {t for name in names.get(entity_id, ()) for t in search_words(name)}
                    name_terms[entity_id] = sorted(found | {search_stem(t) for t in found})
                entity_terms.update(name_terms[entity_id])
            writer.add_document(tantivy.Document(
                position=article.position,
                title=" ".join(search_words(article.title)),
                words=" ".join(terms),
                stems=" ".join(search_stem(t) for t in terms),
                bare=" ".join(b for t in terms if (b := search_bare(t)) != search_stem(t)),
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

        terms = search_words(query)
        if not terms:
            return []
        schema = self.index.schema
        must = []
        for term in dict.fromkeys(terms):
            stem = search_stem(term)
            variants = {"title": {term}, "words": {term}, "stems": {stem}, "bare": {stem}, "names": {term, stem}}
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
