"""The numpy decoder (`rasad.extract.ner.decode`) tags as pycrfsuite does, with the same marginals."""

from __future__ import annotations

import numpy as np
import pytest

from rasad.extract.ner.decode import word_scores
from rasad.extract.ner.features import OFFSETS, _token_pairs, sentence_items
from rasad.extract.ner.model import load_model
from rasad.extract.ner.tokenize import sentence_spans

TEXTS = [
    ("ar", "وصل وزير الخارجية الأردني أيمن الصفدي إلى بغداد.\nوقال مصدر إن الزيارة تستمر يومين."),
    ("ar", "أعلنت شركة أرامكو السعودية عن أرباحها في الرياض، بحسب وكالة الأنباء."),
    ("ar", "دمشق"),
    ("fa", "علی‌رضا احمدی، سخنگوی وزارت نیرو، در تهران گفت که سد کرج پر شده است."),
    ("fa", "هیئت ایرانی روز سه‌شنبه برای گفتگو با مقامات عراقی وارد نجف شد."),
]


@pytest.mark.parametrize(("lang", "text"), TEXTS)
def test_numpy_decoder_matches_crfsuite(lang: str, text: str) -> None:
    model = load_model(lang)
    assert model.crf is not None
    sentences = [words for _, _, words in sentence_spans(text)]
    assert sentences
    tagged = model.tag_many(sentences)
    marker = ("dom=" + model.meta["product_domain"],) if model.meta.get("domains") else ()
    for k, (words, tags) in enumerate(zip(sentences, tagged, strict=True)):
        expected = model.tagger.tag(sentence_items(words, lang, model.resources, model.attributes, marker))
        assert tags == expected
        for i, tag in enumerate(expected):
            assert model.marginal(tag, i, k) == pytest.approx(model.tagger.marginal(tag, i), abs=1e-12)


WORDS = [
    ("ar", "والرئيس"), ("ar", "بغداد"), ("ar", "أرامكو"), ("ar", "2024"), ("ar", "٣٫٥"), ("ar", "Reuters"),
    ("ar", "،"), ("ar", "مستشفىات"), ("fa", "می‌شود"), ("fa", "کتاب‌ها"), ("fa", "تهران"), ("fa", "آمریکاست"),
]


@pytest.mark.parametrize(("lang", "word"), WORDS)
def test_word_scores_sum_the_rows_of_the_word_strings(lang: str, word: str) -> None:
    """`word_scores` (the word's own strings, then its tables' cached rows) adds exactly the rows of
    `features._token_pairs`, in the same order: the same floats to the last bit."""
    model = load_model(lang)
    assert model.crf is not None
    rows = model.crf.pair_rows(model.attributes)
    normalized, own, neighbour = _token_pairs(word, lang, model.resources)
    ids: list[int] = []
    cuts: list[int] = []
    for pairs in (own, *(neighbour[off] for off in OFFSETS)):
        cuts.append(len(ids))
        ids += [model.crf.zero_row, *(rows[p] for p in pairs if p in rows)]
    found, scores = word_scores(word, lang, model.resources, model.attributes, model.crf)
    assert found == normalized
    assert np.array_equal(scores, np.add.reduceat(model.crf.state[ids], cuts, axis=0))
