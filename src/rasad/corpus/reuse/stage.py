"""The `reuse` corpus stage: recycled text between articles of one language, and translations across
languages (`reuse.json` and the `reuse_pairs` table).

1. Shingles: every article's folded words and their spans (`shingles.tokenize_many`; the texts are
   read once and not kept), hashed in shingles of `SHINGLE_WORDS` words; how many times each
   shingle occurs in the collection. Each article's shingle hashes are kept in the `reuse_shingles`
   table: an incremental run (`rasad ingest`) reads and tokenizes only the new texts, and the texts of
   the earlier articles that turn out to be candidate partners (for their word spans); the candidates
   are computed over the whole collection's shingles, as a full run does.
2. Candidates, by blocking keys only (never all pairs): articles that share an LSH bucket of their
   one-permutation MinHash signatures (near-duplicates), or at least `MIN_ANCHORS` "anchor"
   shingles (a fixed 1/8 sample of shingle values), counting only anchors in at most `max_df`
   articles (partial copies). Boilerplate shingles (share lines, footers, sign-offs) occur in many
   articles, so they neither make a candidate nor seed a passage, unless the two texts are copies
   anyway (Jaccard >= `COPY_JACCARD`: a story syndicated to more than `max_df` articles).
3. Verification: the passages the two texts share (`align`), in code-point offsets of each text.
   `duplicate`: the same words, or the same body under another headline or dateline (one passage
   without an edit, to the end of both texts, with at most `HEAD_WORDS` words before it in each,
   covering `NEAR_COVERAGE` of both);
   `near_duplicate`: passages cover at least `NEAR_COVERAGE` of both
   texts; `partial`: a passage of at least `MIN_PASSAGE_WORDS` words (passages shorter than
   `MIN_LISTED_WORDS` are neither shown nor counted). A pair whose only passages sit
   at the start or end of two articles of one outlet is that outlet's boilerplate, not reuse.

4. Translations (`translation`): a second pass over the sentences and anchors of the articles in
   stories of several languages (the `stories` stage runs first), none in a collection of one
   language (`translation.find_translations`).

Pairs are ordered by published date: `a` is the earlier article, `first` names it when the dates
differ (null on the same day or without dates).
"""

from __future__ import annotations

import base64
import math
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from rasad.article import Article
from rasad.corpus.patched import PatchedRecords
from rasad.corpus.reuse.align import Span, align
from rasad.corpus.reuse.anchors import ANCHOR_FIELDS
from rasad.corpus.reuse.lsh import GroupPairs, candidate_pairs, exact_jaccard, group_pairs, signatures
from rasad.corpus.reuse.order import comes_before, first_published
from rasad.corpus.reuse.shingles import I64, U64, TokenBatch, concat_shingle_hashes, tokenize_many
from rasad.corpus.reuse.translation import find_translations, story_scope
from rasad.corpus.runner import Corpus, CorpusOutput, corpus_stage, pair_table
from rasad.corpus.stories import STORY_TABLE
from rasad.settings import Settings
from rasad.store.schema import StoreError, Table

REUSE_FILE = "reuse.json"
REUSE_TABLE = pair_table("reuse_pairs", similarity="DOUBLE", first="VARCHAR", passages="JSON", a_published="VARCHAR",
                         b_published="VARCHAR", a_outlet="VARCHAR", b_outlet="VARCHAR", lang="VARCHAR")
_RECORD_KEYS = ("a", "b", "kind", "similarity", "passages", "first", "a_published", "b_published", "a_outlet",
                "b_outlet", "lang", "rule", "evidence")

SHINGLE_WORDS = 5
BANDS, ROWS = 25, 5  # LSH: P(candidate) = 1 - (1 - J**5)**25: 0.99 at J = 0.7, 0.55 at 0.5
ANCHOR_MASK = np.uint64(7)  # a shingle is an anchor when its hash's low 3 bits are 0 (1 in 8)
MIN_ANCHORS = 2
COPY_JACCARD = 0.5  # texts this similar are copies: their common shingles seed passages too
MIN_DF, DF_SHARE = 20, 0.005  # max_df = max(MIN_DF, DF_SHARE * articles): more is boilerplate
MAX_GAP = 8  # words that may differ between two runs of one passage
MIN_PASSAGE_WORDS = 20  # a partial copy shares a passage of at least this many words (runs joined)
MIN_LISTED_WORDS = 10  # shorter passages are not shown (nor counted)
NEAR_COVERAGE = 0.8
EDGE_WORDS = 3  # a passage this close to a text's start or end is at its edge
HEAD_WORDS = 40  # a headline and dateline a duplicate may change
BATCH = 500  # texts tokenized at once: the temporary arrays of 2,000 took ~120 MB more at the peak


@dataclass
class _Doc:
    id: str
    lang: str
    published: str | None
    outlet: str | None


TEXT_FIELDS = ("lang", "text", "published", "outlet")


SHINGLES_VERSION = 1  # bump when the shingles change (tokenizer, folding, SHINGLE_WORDS)
SHINGLE_TABLE = Table(
    "reuse_shingles",
    {"id": "VARCHAR", "version": "INTEGER", "lang": "VARCHAR", "published": "VARCHAR", "outlet": "VARCHAR",
     "shingles": "VARCHAR"},
    key=("id",),
    doc="each article's shingle hashes (base64 of little-endian uint64) and metadata, so that an incremental "
        "run (`rasad ingest`) reads and tokenizes only the texts of new articles and of candidate partners",
)


@corpus_stage("reuse", reads=tuple(dict.fromkeys(TEXT_FIELDS + ANCHOR_FIELDS)), requires=(STORY_TABLE.name,),
              tables=(REUSE_TABLE, SHINGLE_TABLE), outputs=(REUSE_FILE,))
def reuse_stage(corpus: Corpus, settings: Settings) -> CorpusOutput:
    """Recycled text: duplicate, near-duplicate and partial copies between articles of one language,
    and translations across languages, with the matching passages and who published first."""
    added = corpus.added()
    kept: list[dict[str, Any]] = []  # what orders the kept pairs (their records stay in the store and the file)
    if added is not None and corpus.has_previous(REUSE_TABLE.name):  # only pairs with a new article are
        previous = list(corpus.previous(REUSE_TABLE.name, columns=_ORDER_FIELDS))  # looked for; the others
        if all(row.get("lang") is not None for row in previous):  # are kept (rows of an older rasad lack fields)
            kept = [row for row in previous if row["a"] not in added and row["b"] not in added]
        else:
            added = None
    else:
        added = None
    found = _Collection.read(corpus, added is not None and corpus.has_previous(SHINGLE_TABLE.name))
    records = found.reuse(involving=added, engine=settings.engine)
    collection = {d.id: d.lang for d in found.docs}
    try:
        stories = list(corpus.rows(STORY_TABLE.name, columns=("id", "articles")))
    except StoreError:  # no stories table (the stories stage failed): the copies are still reported
        stories = []
    if added is not None:  # translations only in the stories new articles joined
        stories = [row for row in stories if not added.isdisjoint(row["articles"] or [])]
    scope = story_scope(stories, collection)  # none in a collection of one language
    if scope:  # a second pass, over the sentences and anchors of those articles only
        translations = find_translations(corpus.articles(fields=ANCHOR_FIELDS, only=scope))
        if added is not None:
            translations = [t for t in translations if t["a"] in added or t["b"] in added]
        records = records + translations
    kept_all = len(kept)
    kept = [r for r in kept if r["a"] in collection and r["b"] in collection]
    fresh = records
    merged = sorted(kept + records, key=_order) if kept or scope else records

    def whole() -> list[dict[str, Any]]:
        """Every record: the kept ones read back from the store."""
        if not kept:
            return merged
        full = {_key(row): {key: row[key] for key in _RECORD_KEYS} for row in corpus.previous(REUSE_TABLE.name)}
        return [r if id(r) in fresh_at else full[_key(r)] for r in merged]

    fresh_at = {id(r) for r in fresh}
    appended = {SHINGLE_TABLE.name} if found.incremental else set()
    if added is not None and len(kept) == kept_all:  # every earlier pair stays: only the new ones are added
        appended.add(REUSE_TABLE.name)
    rows = [{**r, "score": r["similarity"]} for r in (fresh if REUSE_TABLE.name in appended else whole())]
    output: Any = merged if not kept else PatchedRecords([_key(r) for r in merged], {_key(r): r for r in fresh},
                                                        whole, key=_KEY)
    return CorpusOutput(tables={REUSE_TABLE.name: rows, SHINGLE_TABLE.name: found.cache_rows()},
                        files={REUSE_FILE: output}, appended=frozenset(appended))


_KEY = ("a", "b", "kind")  # a pair's key, its record's first fields
_ORDER_FIELDS = (*_KEY, "a_published", "b_published", "lang")  # what orders the kept pairs


def _key(record: dict[str, Any]) -> tuple[str, str, str]:
    return record["a"], record["b"], record["kind"]


def find_reuse(articles: Iterable[Article], batch_size: int = BATCH,
               involving: Collection[str] | None = None, engine: str = "local") -> list[dict[str, Any]]:
    """The `reuse.json` records of a collection, read once as a stream (each article's words and
    their spans are kept as arrays, not its text); with `involving` (ids), only the pairs with one of
    those articles. With `engine="spark"` the blocking (LSH buckets and shared anchors) is grouped on
    Spark: the same candidate pairs.

    >>> from rasad.article import Source
    >>> text = " ".join(f"w{i}" for i in range(30))
    >>> docs = [Article(source=Source(sha256=n, format="txt"), text=text, id=n, lang="en") for n in "xy"]
    >>> [(r["a"], r["b"], r["kind"]) for r in find_reuse(docs)]
    [('x', 'y', 'duplicate')]
    """
    docs, words, shingles = _read_all(articles, batch_size)
    return _Collection(docs, shingles, {i: _word_slice(words, i) for i in range(len(docs))}).reuse(involving, engine)


@dataclass
class _Collection:
    """Every article's metadata and shingle hashes (in collection order), and the words of those
    whose words are at hand (`words`, by index); `fresh`: the indices whose shingles this run computed.
    `incremental`: the earlier articles' shingles came from the `reuse_shingles` table."""

    docs: list[_Doc]
    shingles: _Shingles
    words: dict[int, _Words]
    fresh: list[int] | None = None
    incremental: bool = False
    corpus: Corpus | None = None

    @classmethod
    def read(cls, corpus: Corpus, incremental: bool) -> _Collection:
        """The collection of `corpus`: with `incremental`, only the texts the `reuse_shingles` table
        lacks are read (and tokenized); else every text, streamed."""
        if not incremental:
            all_docs, tokens, all_shingles = _read_all(corpus.articles(fields=TEXT_FIELDS), BATCH)
            return cls(all_docs, all_shingles, {i: _word_slice(tokens, i) for i in range(len(all_docs))},
                       list(range(len(all_docs))), False, corpus)
        order = corpus.ordered_ids()
        cached = {row["id"]: row for row in corpus.previous(SHINGLE_TABLE.name)
                  if row["version"] == SHINGLES_VERSION}
        missing = [i for i in order if i not in cached]
        new_docs, new_words, new_shingles = _read_all(corpus.articles(fields=TEXT_FIELDS, only=missing), BATCH)
        fresh_at = {d.id: n for n, d in enumerate(new_docs)}
        docs: list[_Doc] = []
        parts: list[U64] = []
        words: dict[int, _Words] = {}
        fresh: list[int] = []
        for article_id in order:
            n = fresh_at.get(article_id)
            if n is not None:
                docs.append(new_docs[n])
                parts.append(new_shingles.hashes[new_shingles.bounds[n]:new_shingles.bounds[n + 1]])
                words[len(docs) - 1] = _word_slice(new_words, n)
                fresh.append(len(docs) - 1)
            elif article_id in cached:
                row = cached[article_id]
                docs.append(_Doc(article_id, row["lang"], row["published"], row["outlet"]))
                parts.append(np.frombuffer(base64.b64decode(row["shingles"] or ""), dtype="<u8").astype(np.uint64))
        counts = np.array([len(part) for part in parts], dtype=np.int64)
        hashes = np.concatenate(parts) if parts else np.zeros(0, np.uint64)
        return cls(docs, _Shingles(hashes, np.concatenate(([0], np.cumsum(counts)))), words, fresh, True, corpus)

    def cache_rows(self) -> Iterator[dict[str, Any]]:
        """The `reuse_shingles` rows of the articles whose shingles this run computed."""
        for i in self.fresh or ():
            d = self.docs[i]
            part = self.shingles.hashes[self.shingles.bounds[i]:self.shingles.bounds[i + 1]]
            yield {"id": d.id, "version": SHINGLES_VERSION, "lang": d.lang, "published": d.published,
                   "outlet": d.outlet, "shingles": base64.b64encode(part.astype("<u8").tobytes()).decode("ascii")}

    def _read_words(self, indices: Iterable[int]) -> None:
        """Tokenize the texts of `indices` whose words are not at hand (earlier articles in a pair)."""
        wanted = {self.docs[i].id: i for i in indices if i not in self.words}
        if not wanted or self.corpus is None:
            return
        for batch in _batches(self.corpus.articles(fields=("text",), only=set(wanted)), BATCH):
            tokens = tokenize_many([a.text for a in batch])
            for n, article in enumerate(batch):
                self.words[wanted[article.id]] = _word_slice(tokens, n)

    def reuse(self, involving: Collection[str] | None = None, engine: str = "local") -> list[dict[str, Any]]:
        """The `reuse.json` records (with `involving`, only the pairs with one of those articles)."""
        docs, shingles = self.docs, self.shingles
        if len(docs) < 2:
            return []
        max_df = max(MIN_DF, math.ceil(DF_SHARE * len(docs)))
        common = _common_shingles(shingles.hashes, max_df)
        group = group_pairs
        if engine == "spark":
            from rasad.spark.blocking import group_pairs as group
        pairs = _candidates(docs, shingles.hashes, shingles.bounds, common, max_df, group)
        if involving is not None and len(pairs):
            new = np.array([d.id in involving for d in docs])
            pairs = pairs[new[pairs[:, 0]] | new[pairs[:, 1]]]
        if not len(pairs):
            return []
        jaccard = exact_jaccard(shingles.hashes, shingles.bounds, pairs)
        self._read_words(np.unique(pairs).tolist())
        cache: dict[int, _Spans] = {}
        records = []
        for (i, j), similarity in zip(pairs.tolist(), jaccard.tolist(), strict=True):
            sx = cache.get(i) or cache.setdefault(i, _spans(self.words[i], shingles, common, i))
            sy = cache.get(j) or cache.setdefault(j, _spans(self.words[j], shingles, common, j))
            record = _verify(docs[i], docs[j], sx, sy, similarity)
            if record:
                records.append(record)
        return sorted(records, key=_order)


def _order(record: dict[str, Any]) -> tuple[str, str, str, str]:
    return record["a_published"] or "9999", record["b_published"] or "9999", record["a"], record["b"]


def _read_all(articles: Iterable[Article], batch_size: int) -> tuple[list[_Doc], TokenBatch, _Shingles]:
    """Every article's metadata, words (hashes and spans) and shingle hashes, concatenated."""
    docs: list[_Doc] = []
    batches: list[TokenBatch] = []
    shingle_parts: list[U64] = []
    for batch in _batches(articles, batch_size):
        docs += [_Doc(a.id, a.lang, a.published, a.outlet) for a in batch]
        tokens = tokenize_many([a.text for a in batch])
        batches.append(tokens)
        shingle_parts.append(concat_shingle_hashes(tokens.hashes, tokens.bounds, SHINGLE_WORDS)[0])
    if not batches:
        return docs, tokenize_many([]), _Shingles(np.zeros(0, np.uint64), np.zeros(1, np.int64))
    word_bounds = _join_bounds([t.bounds for t in batches])
    words = TokenBatch(np.concatenate([t.hashes for t in batches]), np.concatenate([t.starts for t in batches]),
                       np.concatenate([t.ends for t in batches]), word_bounds)
    counts = np.maximum(np.diff(word_bounds) - SHINGLE_WORDS + 1, 0)
    return docs, words, _Shingles(np.concatenate(shingle_parts), np.concatenate(([0], np.cumsum(counts))))


def _join_bounds(parts: list[I64]) -> I64:
    out, offset = [np.zeros(1, dtype=np.int64)], 0
    for bounds in parts:
        out.append(bounds[1:] + offset)
        offset += int(bounds[-1])
    return np.concatenate(out)


@dataclass
class _Shingles:
    hashes: U64
    bounds: I64  # article i's shingles: hashes[bounds[i]:bounds[i+1]]


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _common_shingles(shingles: U64, max_df: int) -> U64:
    """The shingles that occur more than `max_df` times in the collection, sorted (boilerplate)."""
    ordered = np.sort(shingles)
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    counts = np.diff(np.concatenate((starts, [len(ordered)])))
    return ordered[starts[counts > max_df]]


def _is_common(common: U64, hashes: U64) -> npt.NDArray[np.bool_]:
    at = np.minimum(np.searchsorted(common, hashes), max(len(common) - 1, 0))
    return common[at] == hashes if len(common) else np.zeros(len(hashes), dtype=bool)


def _candidates(docs: list[_Doc], shingles: U64, bounds: I64, common: U64, max_df: int,
                group: GroupPairs = group_pairs) -> npt.NDArray[np.int64]:
    """Candidate pairs (i < j) of one language: LSH buckets or shared anchors (grouped by `group`)."""
    lsh = candidate_pairs(signatures(shingles, bounds), BANDS, ROWS, group=group)
    owner = np.repeat(np.arange(len(docs), dtype=np.int64), np.diff(bounds))
    anchor = (shingles & ANCHOR_MASK) == 0
    keys, members = shingles[anchor], owner[anchor]
    usable = ~_is_common(common, keys)
    keys, members = keys[usable], members[usable]
    unique = np.unique(np.stack([members.astype(np.uint64), keys], axis=1), axis=0)  # one per article
    anchor_pairs, shared = group(unique[:, 1], unique[:, 0].astype(np.int64), max_df)
    pairs = np.concatenate([lsh, anchor_pairs[shared >= MIN_ANCHORS]])
    if not len(pairs):
        return pairs
    pairs = np.unique(pairs, axis=0)
    langs = np.array([d.lang for d in docs])
    return pairs[langs[pairs[:, 0]] == langs[pairs[:, 1]]]


@dataclass
class _Spans:
    """An article's words (hashes and spans), its shingles and which of them are boilerplate."""

    words: U64
    starts: npt.NDArray[np.int32]
    ends: npt.NDArray[np.int32]
    shingles: U64
    common: npt.NDArray[np.bool_]


@dataclass(frozen=True)
class _Words:
    """One article's words: hashes and code-point spans."""

    hashes: U64
    starts: npt.NDArray[np.int32]
    ends: npt.NDArray[np.int32]


def _word_slice(words: TokenBatch, i: int) -> _Words:
    lo, hi = words.bounds[i], words.bounds[i + 1]
    return _Words(words.hashes[lo:hi], words.starts[lo:hi], words.ends[lo:hi])


def _spans(words: _Words, shingles: _Shingles, common: U64, i: int) -> _Spans:
    s_lo, s_hi = shingles.bounds[i], shingles.bounds[i + 1]
    hashes = shingles.hashes[s_lo:s_hi]
    return _Spans(words.hashes, words.starts, words.ends, hashes, _is_common(common, hashes))


def _verify(x: _Doc, y: _Doc, sx: _Spans, sy: _Spans, similarity: float) -> dict[str, Any] | None:
    """The record of a candidate pair, or None when the texts share no passage long enough."""
    k = SHINGLE_WORDS
    common = None if similarity >= COPY_JACCARD else sx.common
    spans = [s for s in align(sx.shingles, sy.shingles, k, MAX_GAP, common)
             if min(s[1] - s[0], s[3] - s[2]) >= MIN_LISTED_WORDS]
    words_x, words_y = sum(s[1] - s[0] for s in spans), sum(s[3] - s[2] for s in spans)
    cover_x, cover_y = words_x / max(len(sx.words), 1), words_y / max(len(sy.words), 1)
    identical = len(sx.words) == len(sy.words) and bool((sx.words == sy.words).all())
    if identical:
        kind, rule = "duplicate", "same folded words"
        spans = [(0, len(sx.words), 0, len(sy.words), 1)]
        cover_x = cover_y = 1.0
    elif min(cover_x, cover_y) >= NEAR_COVERAGE and _same_body(spans, len(sx.words), len(sy.words)):
        kind, rule = "duplicate", f"same body (at most {HEAD_WORDS} words of headline or dateline differ)"
    elif min(cover_x, cover_y) >= NEAR_COVERAGE:
        kind, rule = "near_duplicate", f"passages cover >= {NEAR_COVERAGE:.0%} of both texts"
    elif max((min(s[1] - s[0], s[3] - s[2]) for s in spans), default=0) >= MIN_PASSAGE_WORDS:
        if x.outlet and x.outlet == y.outlet and all(_at_edge(s, len(sx.words), len(sy.words)) for s in spans):
            return None  # one outlet's header or footer
        kind, rule = "partial", f"a shared passage of >= {MIN_PASSAGE_WORDS} words"
    else:
        return None
    if not spans:
        return None
    if not comes_before((x.published, x.id), (y.published, y.id)):  # a: the earlier article
        x, y, sx, sy, cover_x, cover_y = y, x, sy, sx, cover_y, cover_x
        spans = [(s[2], s[3], s[0], s[1], s[4]) for s in spans]
    first = first_published((x.published, x.id), (y.published, y.id))
    passages = [{"a_start": int(sx.starts[s[0]]), "a_end": int(sx.ends[s[1] - 1]),
                 "b_start": int(sy.starts[s[2]]), "b_end": int(sy.ends[s[3] - 1]), "words": s[1] - s[0]}
                for s in spans]
    return {
        "a": x.id, "b": y.id, "kind": kind, "similarity": round(similarity, 4), "passages": passages,
        "first": first, "a_published": x.published, "b_published": y.published,
        "a_outlet": x.outlet, "b_outlet": y.outlet, "lang": x.lang, "rule": rule,
        "evidence": {"jaccard": round(similarity, 4), "coverage_a": round(cover_x, 4),
                     "coverage_b": round(cover_y, 4), "shingle_words": k},
    }


def _same_body(spans: list[Span], len_x: int, len_y: int) -> bool:
    if len(spans) != 1:
        return False
    a0, a1, b0, b1, runs = spans[0]
    return runs == 1 and a1 == len_x and b1 == len_y and a0 <= HEAD_WORDS and b0 <= HEAD_WORDS


def _at_edge(span: Span, len_x: int, len_y: int) -> bool:
    def edge(start: int, end: int, length: int) -> bool:
        return start <= EDGE_WORDS or end >= length - EDGE_WORDS

    return edge(span[0], span[1], len_x) and edge(span[2], span[3], len_y)
