"""Named-entity recognition for Arabic and Persian with shipped CRF models.

>>> [(e.text, e.type) for e in predict("قال الرئيس السوري بشار الأسد في دمشق", "ar")]
[('بشار الأسد', 'PER'), ('دمشق', 'LOC')]
"""

from __future__ import annotations

from rasad.article import Entity
from rasad.extract.ner.model import PRODUCT_MODELS, NerModel, load_model
from rasad.extract.ner.spans import bio_spans
from rasad.extract.ner.tokenize import Token, sentence_spans, tokenize

# Types the product reports; PEYMA's dates, money, percentages and times belong to other stages.
PRODUCT_TYPES = frozenset({"PER", "ORG", "LOC", "GPE", "FAC", "EVENT", "MISC"})

__all__ = ["PRODUCT_TYPES", "Token", "predict", "span_score", "tokenize"]


def span_score(model: NerModel, tags: list[str], start: int, end: int, sentence: int = 0) -> float:
    """The lowest marginal probability of the span's tags (tokens `start..end`) in the sentence the
    model tagged last (of its `sentence`-th, after `tag_many`), rounded to 4 places: how sure the CRF
    is of every token of the span."""
    return round(min(model.marginal(tags[k], k, sentence) for k in range(start, end)), 4)


def predict(text: str, lang: str) -> list[Entity]:
    """Named entities in `text` (PER, ORG, LOC, FAC, EVENT, MISC) with offsets into `text`.

    Languages other than "ar" and "fa" give an empty list.

    >>> [e.type for e in predict("سافر علی به تهران.", "fa")]
    ['PER', 'LOC']
    """
    name = PRODUCT_MODELS.get(lang)
    if name is None or not text.strip():
        return []
    model = load_model(name)
    entities: list[Entity] = []
    rule = f"ner:crf-{name}"
    sentences = sentence_spans(text)
    tagged = model.tag_many([words for _, _, words in sentences])
    for k, ((starts, ends, _), tags) in enumerate(zip(sentences, tagged, strict=True)):
        for start, end, kind in bio_spans(tags):
            if kind not in PRODUCT_TYPES:
                continue
            s, e = starts[start], ends[end - 1]
            score = span_score(model, tags, start, end, k)
            entities.append(Entity(start=s, end=e, text=text[s:e], type=kind, source="model", rule=rule, score=score))
    return entities
