"""The numpy decoder (`rasad.extract.ner.decode`) tags as pycrfsuite does, with the same marginals."""

from __future__ import annotations

import pytest

from rasad.extract.ner.features import sentence_items
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
