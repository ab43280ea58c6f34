"""Translations across languages (`kind` `translation` in `reuse.json`): candidates by blocking keys,
then sentence alignment (`sentence_align`) of each candidate pair.

Candidates (never all pairs): articles of different languages, within `WINDOW_DAYS` of each other
when both are dated, that share at least `MIN_SHARED_KEYS` anchors (`anchors`: entity ids,
transliterated names, numbers, dates) held by at most `MAX_BLOCK_DF` articles, and whose anchors
overlap enough (weighted Dice >= `MIN_DOC_OVERLAP`) to be worth aligning. An anchor's weight is its
kind's weight times its rarity in the collection.

>>> import re
>>> from rasad.article import Quantity, Sentence, Source
>>> def art(lang, text, values):
...     qs, at = [], 0
...     for v in values:
...         at = text.index(str(v), at)
...         qs.append(Quantity(at, at + len(str(v)), str(v), float(v)))
...     sentences = [Sentence(m.start(), m.end()) for m in re.finditer(r"[^.]+\\.", text)]
...     return Article(source=Source(sha256=lang, format="txt"), text=text, id=lang, lang=lang,
...                    published="2024-03-05", sentences=sentences, quantities=qs)
>>> en = art("en", "Mines killed 4 of 12 boys. In 2017 the group left 300 mines. 41 were found.",
...          [4, 12, 2017, 300, 41])
>>> fr = art("xx", "Des mines ont tué 4 des 12 garçons. En 2017 le groupe a laissé 300 mines. On en a trouvé 41.",
...          [4, 12, 2017, 300, 41])
>>> [(r["a"], r["b"], r["kind"], len(r["passages"])) for r in find_translations([en, fr])]  # 3 sentence pairs
[('en', 'xx', 'translation', 3)]
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from rasad.article import Article
from rasad.corpus.reuse.anchors import Unit, sentence_anchors
from rasad.corpus.reuse.order import comes_before, first_published
from rasad.corpus.reuse.sentence_align import MIN_COVERAGE, TranslationCheck, check_translation, dice, key_weight
from rasad.corpus.stories_keys import StoryKeys
from rasad.corpus.stories_keys import unify_names as unify_story_names

WINDOW_DAYS = 7  # a translation is published within this many days of its original
MIN_SHARED_KEYS = 3  # rare anchors two articles share to be a candidate pair
MIN_DOC_OVERLAP = 0.3  # weighted Dice of the two articles' anchors, to be worth aligning
MAX_BLOCK_DF = 60  # anchors held by more articles do not propose pairs
IDF_PRIOR = 20  # articles added to the collection's size in the rarity, so a tiny collection is not all rare
EVIDENCE_ANCHORS = 12  # the heaviest shared anchors shown per pair
RULE = f"sentences in order with matching anchors cover >= {MIN_COVERAGE:.0%} of the shorter text"


@dataclass
class AnchorDoc:
    """What the translation check keeps of one article: its sentences with their anchors."""

    id: str
    lang: str
    published: str | None
    outlet: str | None
    units: list[Unit]
    keys: frozenset[str]
    labels: dict[str, str]  # key -> its first text in the article


def anchor_doc(article: Article) -> AnchorDoc:
    """An article's sentences and anchors (see `anchors.sentence_anchors`)."""
    labels: dict[str, str] = {}
    units = sentence_anchors(article, labels)
    keys = frozenset().union(*(u.keys for u in units)) if units else frozenset()
    return AnchorDoc(article.id, article.lang, article.published, article.outlet, units, keys, labels)


def unify_names(docs: Sequence[AnchorDoc]) -> int:
    """Give the spellings of one name outside the knowledge base (الصبحة, صبحه, al-Subha) one `t:`
    key across the articles, in place, as the stories do (`stories_keys.unify_names`: candidates
    through blocking keys, `same_name` across languages); returns the number of keys renamed."""
    probes = [StoryKeys(doc.id, doc.lang, None, None, None, None, {key: "name"}, {key: doc.labels.get(key, "")})
              for doc in docs for key in sorted(doc.keys) if key.startswith("t:")]
    before = [next(iter(probe.keys)) for probe in probes]
    if not unify_story_names(probes):
        return 0
    renamed = {(probe.id, old): next(iter(probe.keys)) for probe, old in zip(probes, before, strict=True)
               if next(iter(probe.keys)) != old}
    for doc in docs:
        mapping = {old: new for (article, old), new in renamed.items() if article == doc.id}
        if mapping:
            doc.units = [replace(u, keys=frozenset(mapping.get(k, k) for k in u.keys)) for u in doc.units]
            doc.keys = frozenset(mapping.get(k, k) for k in doc.keys)
            doc.labels = {mapping.get(k, k): label for k, label in doc.labels.items()}
    return len(renamed)


def _day(value: str | None) -> int | None:
    try:
        return date.fromisoformat(value).toordinal() if value and len(value) == 10 else None
    except ValueError:
        return None


def rarity_weights(docs: Sequence[AnchorDoc]) -> dict[str, float]:
    """Each anchor's rarity over the articles: log(1 + n/df) / log(1 + n), n counting `IDF_PRIOR` more."""
    df: dict[str, int] = defaultdict(int)
    for doc in docs:
        for key in doc.keys:
            df[key] += 1
    n = len(docs) + IDF_PRIOR
    scale = math.log(1 + n)
    return {key: math.log(1 + n / count) / scale for key, count in df.items()}


def candidate_pairs(docs: Sequence[AnchorDoc], weights: Mapping[str, float],
                    max_df: int = MAX_BLOCK_DF) -> list[tuple[int, int]]:
    """Pairs `(i, j)` (positions in `docs`, i < j) worth aligning (see the module doc)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for n, doc in enumerate(docs):
        for key in doc.keys:
            postings[key].append(n)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in postings.values():
        if not 2 <= len(members) <= max_df:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if docs[i].lang != docs[j].lang:
                    shared[i, j] += 1
    days = [_day(doc.published) for doc in docs]
    pairs = []
    for (i, j), count in sorted(shared.items()):
        di, dj = days[i], days[j]
        if count < MIN_SHARED_KEYS or (di is not None and dj is not None and abs(di - dj) > WINDOW_DAYS):
            continue
        if dice(docs[i].keys, docs[j].keys, weights) >= MIN_DOC_OVERLAP:
            pairs.append((i, j))
    return pairs


def story_scope(stories: Iterable[Mapping[str, Any]], collection: Mapping[str, str]) -> set[str]:
    """The articles of `collection` (id -> language) that can be in a translation pair: those in a
    story (rows of the `stories` table) whose members in `collection` are in two languages or more.
    A collection of one language has none, and costs nothing more.

    >>> rows = [{"articles": ["a", "b", "x"]}, {"articles": ["c"]}, {"articles": ["d", "e"]}]
    >>> sorted(story_scope(rows, {"a": "ar", "b": "fa", "c": "en", "d": "ar", "e": "ar", "x": "fa"}))
    ['a', 'b', 'x']
    """
    scope: set[str] = set()
    for story in stories:
        members = [m for m in story.get("articles") or [] if m in collection]
        if len({collection[m] for m in members} - {"und"}) > 1:
            scope.update(members)
    return scope


def find_translations(articles: Iterable[Article], max_df: int = MAX_BLOCK_DF) -> list[dict[str, Any]]:
    """The `reuse.json` records of the translations among `articles` (read once, as a stream), in
    the shape of the other kinds (see the module example)."""
    docs = [anchor_doc(a) for a in articles if a.lang and a.lang != "und"]
    docs = [d for d in docs if d.keys]
    if len({d.lang for d in docs}) < 2:
        return []
    unify_names(docs)
    weights = rarity_weights(docs)
    records = []
    for i, j in candidate_pairs(docs, weights, max_df):
        x, y = docs[i], docs[j]
        if not comes_before((x.published, x.id), (y.published, y.id)):
            x, y = y, x
        check = check_translation(x.units, y.units, weights)
        if check.is_translation:
            records.append(_record(x, y, check, weights))
    return records


def _record(x: AnchorDoc, y: AnchorDoc, check: TranslationCheck, weights: Mapping[str, float]) -> dict[str, Any]:
    similarity = round((check.coverage_a + check.coverage_b) / 2, 4)
    return {
        "a": x.id, "b": y.id, "kind": "translation", "similarity": similarity,
        "passages": _passages(check, x.units, y.units),
        "first": first_published((x.published, x.id), (y.published, y.id)),
        "a_published": x.published, "b_published": y.published, "a_outlet": x.outlet, "b_outlet": y.outlet,
        "lang": x.lang, "rule": RULE, "evidence": _evidence(check, x, y, weights),
    }


def _passages(check: TranslationCheck, ua: Sequence[Unit], ub: Sequence[Unit]) -> list[dict[str, int]]:
    """The matched beads (a sentence, or two, and its translation), as code-point spans in both
    texts and words of `a`."""
    return [{"a_start": ua[b.a0].start, "a_end": ua[b.a1 - 1].end, "b_start": ub[b.b0].start,
             "b_end": ub[b.b1 - 1].end, "words": sum(u.words for u in ua[b.a0:b.a1])}
            for b in check.beads if b.matched]


def _evidence(check: TranslationCheck, x: AnchorDoc, y: AnchorDoc, weights: Mapping[str, float]) -> dict[str, Any]:
    """Coverage, sentence counts, and the anchors the matched sentences share (heaviest first), with
    their text in each article."""
    shared: dict[str, float] = {}
    matched = [b for b in check.beads if b.matched]
    for bead in matched:
        ka = frozenset().union(*(u.keys for u in x.units[bead.a0:bead.a1]))
        kb = frozenset().union(*(u.keys for u in y.units[bead.b0:bead.b1]))
        shared.update((key, key_weight(key, weights)) for key in ka & kb)
    return {
        "languages": [x.lang, y.lang],
        "coverage_a": round(check.coverage_a, 4), "coverage_b": round(check.coverage_b, 4),
        "sentences_a": len(x.units), "sentences_b": len(y.units),
        "matched_sentences_a": sum(b.a1 - b.a0 for b in matched),
        "matched_sentences_b": sum(b.b1 - b.b0 for b in matched),
        "anchored_matches": check.anchored_matches, "anchor_agreement": round(check.mean_dice, 4),
        "anchors": [{"key": key, "a": x.labels.get(key), "b": y.labels.get(key)}
                    for key, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:EVIDENCE_ANCHORS]],
    }
