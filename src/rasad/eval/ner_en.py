"""Score rasad's English entities on the shipped English news gold set (`eval/gold/en_news.json`).

    rasad eval ner --dataset en-news --json

The gold set `en-news` is 49 news paragraphs written for rasad (not taken from any corpus) with 350
entities: PER, ORG, LOC (countries, cities, villages, regions, seas and facilities) and MISC (named
ships); the English rules were tuned on it. `en-news-heldout` (17 paragraphs, 100 entities) was
written afterwards and is never tuned on.
Each paragraph runs through the product's `entities` stage as `rasad analyze` runs it (knowledge-base
aliases, GeoNames places, name patterns and the spaCy NER, merged and linked, minus noise); rasad's
GPE, LOC and FAC count as LOC, and EVENT (not annotated) is left out. A match is an exact character
span with the same type. `per_source` says how many predicted spans each source (`gazetteer`,
`pattern`, `model`) gave and how many were right.

>>> to_scored_type("GPE"), to_scored_type("EVENT")
('LOC', None)
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from rasad.eval.common import GOLD_DIR, GoldError, prf

EN_NEWS_GOLD = GOLD_DIR / "en_news.json"
# en-news: the set the English rules were tuned on; en-news-heldout: written later, never tuned on.
EN_SETS = {"en-news": EN_NEWS_GOLD, "en-news-heldout": GOLD_DIR / "en_news_heldout.json"}
SCORED_TYPES = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "MISC": "MISC"}

Span = tuple[str, int, int, str]  # document id, start, end, type


def to_scored_type(kind: str) -> str | None:
    """The gold type a product entity type is scored as (None: not scored)."""
    return SCORED_TYPES.get(kind)


def read_gold(path: Path = EN_NEWS_GOLD) -> list[dict[str, Any]]:
    """The gold documents: `{id, text, entities: [{start, end, type, text}]}`, each span checked."""
    if not path.is_file():
        raise GoldError(f"gold file {path} does not exist")
    docs: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["documents"]
    for doc in docs:
        for span in doc["entities"]:
            if doc["text"][span["start"] : span["end"]] != span["text"]:
                raise GoldError(f"{path}: {doc['id']}: span {span} does not match the text")
    return docs


def _scores(gold: set[Span], pred: set[Span]) -> dict[str, Any]:
    correct = gold & pred
    result: dict[str, Any] = prf(len(correct), len(pred), len(gold))
    result.update(gold=len(gold), predicted=len(pred), correct=len(correct))
    return result


def evaluate_en_news(dataset: str = "en-news") -> dict[str, Any]:
    """P/R/F1 (micro, exact span and type) of the product's English entities on `dataset` (a name in
    `EN_SETS`), per type and per source.

    Example: ``evaluate_en_news("en-news-heldout")["f1"]``.
    """
    from rasad.extract.entities import find_entities
    from rasad.extract.entity_noise import without_noise

    docs = read_gold(EN_SETS[dataset])
    find_entities(docs[0]["text"], "en")  # load the models and tables before the clock starts
    gold: set[Span] = {(d["id"], e["start"], e["end"], e["type"]) for d in docs for e in d["entities"]}
    pred: set[Span] = set()
    sources: dict[Span, str] = {}
    started = time.process_time()
    for doc in docs:
        for entity in without_noise(find_entities(doc["text"], "en"), "en"):
            kind = to_scored_type(entity.type)
            if kind is not None:
                span = (doc["id"], entity.start, entity.end, kind)
                pred.add(span)
                sources[span] = entity.source
    seconds = time.process_time() - started
    result = _scores(gold, pred)
    types = sorted({s[3] for s in gold | pred})
    result["per_type"] = {k: _scores({s for s in gold if s[3] == k}, {s for s in pred if s[3] == k}) for k in types}
    by_source = Counter(sources.values())
    right = Counter(sources[s] for s in pred & gold)
    result["per_source"] = {k: {"predicted": n, "correct": right[k]} for k, n in sorted(by_source.items())}
    words = sum(len(d["text"].split()) for d in docs)
    result.update(dataset=dataset, model="spacy-en_core_web_sm", types=types, documents=len(docs), words=words,
                  words_per_cpu_second=round(words / seconds) if seconds else None)
    return result
