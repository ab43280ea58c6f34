"""NER: tokenizer offsets, offline model loading, and entities found in our own and the seed texts."""

from __future__ import annotations

import itertools
import socket
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.article import Entity
from rasad.extract.ner import predict, tokenize
from rasad.extract.ner.datasets import Sentence, normalize_tag, project_tags, retokenize
from rasad.extract.ner.model import load_model
from rasad.extract.ner.spans import bio_spans
from rasad.extract.ner.tokenize import sentences

TOKENIZE_CASES = [
    ("ar", "وصل الوزير إلى بغداد، ثم غادر.", ["وصل", "الوزير", "إلى", "بغداد", "،", "ثم", "غادر", "."]),
    ("ar", "قالت «الوكالة» (رسمياً): نعم؟", ["قالت", "«", "الوكالة", "»", "(", "رسمياً", ")", ":", "نعم", "؟"]),
    (
        "ar",
        "ارتفع بنسبة 3.5% في “العام” الماضي",
        ["ارتفع", "بنسبة", "3.5", "%", "في", "“", "العام", "”", "الماضي"],
    ),
    ("ar", "مُحَمَّدٌ كتبَ؛ ثمّ نامَ", ["مُحَمَّدٌ", "كتبَ", "؛", "ثمّ", "نامَ"]),
    ("fa", "کتاب‌های او را می‌خوانند.", ["کتاب‌های", "او", "را", "می‌خوانند", "."]),
    ("fa", "قیمت ۱۲٫۵ درصد بالا رفت؛ چرا؟", ["قیمت", "۱۲٫۵", "درصد", "بالا", "رفت", "؛", "چرا", "؟"]),
    ("fa", "خبرگزاری «ایرنا» گزارش داد", ["خبرگزاری", "«", "ایرنا", "»", "گزارش", "داد"]),
    ("fa", "نیم‌فاصله‌ ‌در لبه", ["نیم‌فاصله", "\u200c", "\u200c", "در", "لبه"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), TOKENIZE_CASES)
def test_tokenize_splits_punctuation_and_keeps_zwnj(lang: str, text: str, expected: list[str]) -> None:
    tokens = tokenize(text, lang)
    assert [t.text for t in tokens] == expected
    assert all(text[t.start : t.end] == t.text for t in tokens)


ALPHABET = list("ابپتثجچدرزسشکگلمنوهیي ،؛؟«»()“”.!\u200c\u064e0123۴۵\n")


@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=80))
def test_tokenize_offsets_round_trip(text: str) -> None:
    tokens = tokenize(text, "fa")
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert all(a.end <= b.start for a, b in itertools.pairwise(tokens))
    covered = {i for t in tokens for i in range(t.start, t.end)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_sentences_split_at_punctuation_and_line_breaks() -> None:
    text = "جاء زيد. ذهب عمرو\nعاد خالد؟ نعم"
    groups = sentences(tokenize(text, "ar"), text)
    assert [[t.text for t in s] for s in groups] == [
        ["جاء", "زيد", "."],
        ["ذهب", "عمرو"],
        ["عاد", "خالد", "؟"],
        ["نعم"],
    ]


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("B_ORG", "B-ORG"),
        ("I-pers", "I-PER"),
        ("B-PERS", "B-PER"),
        ("B-pro", "B-MISC"),
        ("I_DAT", "I-DAT"),
        ("O", "O"),
        ("", "O"),
    ],
)
def test_normalize_tag(tag: str, expected: str) -> None:
    assert normalize_tag(tag) == expected


def test_retokenize_and_project_back() -> None:
    sent = Sentence(["(رويترز", "قال", "أحمد)"], ["B-ORG", "O", "B-PER"])
    pieces, owner = retokenize(sent)
    assert pieces.words == ["(", "رويترز", "قال", "أحمد", ")"]
    assert pieces.tags == ["O", "B-ORG", "O", "B-PER", "O"]
    assert project_tags(pieces.tags, owner, 3) == sent.tags


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["B-PER", "I-PER", "O"], [(0, 2, "PER")]),
        (["I-LOC", "I-LOC"], [(0, 2, "LOC")]),
        (["B-ORG", "I-LOC"], [(0, 1, "ORG"), (1, 2, "LOC")]),
        (["B-PER", "B-PER"], [(0, 1, "PER"), (1, 2, "PER")]),
    ],
)
def test_bio_spans(tags: list[str], expected: list[tuple[int, int, str]]) -> None:
    assert bio_spans(tags) == expected


def test_models_load_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> socket.socket:
        raise OSError("network access during NER model loading")

    monkeypatch.setattr(socket, "socket", refuse)
    load_model.cache_clear()
    assert predict("التقى الرئيس بالوزير في عمان.", "ar") is not None
    assert predict("رئیس‌جمهور در تهران سخنرانی کرد.", "fa") is not None
    assert len(load_model("fa").tag(["او", "در", "شیراز", "بود"])) == 4
    assert load_model("fa").resources.vectors, "the Persian e5 cluster table did not load"


def _found(entities: list[Entity], text: str, kind: str) -> bool:
    return any(e.type == kind and text in e.text for e in entities)


@pytest.mark.parametrize(
    ("lang", "text", "person", "place"),
    [
        ("ar", "قال الرئيس السوري بشار الأسد في دمشق", "بشار الأسد", "دمشق"),
        ("ar", "وصل وزير الخارجية محمد جواد ظريف إلى القاهرة أمس.", "محمد جواد ظريف", "القاهرة"),
        ("fa", "حسن روحانی دیروز به مشهد سفر کرد.", "حسن روحانی", "مشهد"),
        ("fa", "آقای علی لاریجانی در شهر اصفهان سخنرانی کرد.", "علی لاریجانی", "اصفهان"),
    ],
)
def test_predict_finds_person_and_place(lang: str, text: str, person: str, place: str) -> None:
    entities = predict(text, lang)
    assert _found(entities, person, "PER"), entities
    assert _found(entities, place, "LOC"), entities
    for e in entities:
        assert text[e.start : e.end] == e.text
        assert e.source == "model" and e.entity_id is None


@pytest.mark.parametrize("lang", ["en", "und", "ku"])
def test_predict_other_languages_is_empty(lang: str) -> None:
    assert predict("President Smith visited Paris.", lang) == []


def test_predict_drops_dates_and_money_types() -> None:
    entities = predict("در تاریخ ۱۲ مهر ۱۴۰۰ مبلغ ۵ میلیون تومان به سازمان ملل پرداخت شد.", "fa")
    assert all(e.type in {"PER", "ORG", "LOC", "GPE", "FAC", "EVENT", "MISC"} for e in entities)


SEED_PEOPLE = [
    (0, "منصور حمود العرمط"),
    (0, "مروان زياد دياب"),
    (0, "محسن عبار الجاسم"),
    (2, "عمر رحمون"),
    (4, "مصعب الحلبی"),
]


@pytest.mark.parametrize(("seed", "name"), SEED_PEOPLE)
def test_seed_people_found_as_persons(seed_files: list[Path], seed: int, name: str) -> None:
    path = seed_files[seed]
    lang = "fa" if seed == 4 else "ar"
    text = path.read_text(encoding="utf-8")
    assert name in text, f"{name} not in {path.name}"
    people = [e.text for e in predict(text, lang) if e.type == "PER"]
    assert any(name in p or (p in name and len(p) >= len(name) - 2) for p in people), people


@pytest.mark.parametrize(("lang", "word", "label"), [("ar", "وزارة", "orgcue"), ("fa", "سازمان", "orgcue")])
def test_cue_words_come_from_language_data(lang: str, word: str, label: str) -> None:
    from rasad.extract.ner.train import cue_gazetteer

    assert label in cue_gazetteer(lang)[word]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "أعلن وزير الخارجية الأردني أيمن الصفدي في عمّان أن الوفد سيزور القاهرة غداً."),
        ("ar", "وقالت شركة أرامكو السعودية إن أرباحها ارتفعت ٣٫٥ في المئة"),
        ("fa", "رئیس‌جمهور ایران حسن روحانی روز شنبه به مشهد سفر کرد."),
        ("fa", "خبرگزاری ایسنا گزارش داد که بانک مرکزی نرخ‌ها را تغییر داد"),
    ],
)
def test_tagging_with_known_features_only_gives_the_same_tags_and_scores(lang: str, text: str) -> None:
    """The tagger is given only the feature strings its CRF knows; the full list must tag the same."""
    import dataclasses

    model = load_model(lang)
    assert model.attributes, "the model's attribute dictionary was not read"
    full = dataclasses.replace(model, attributes=frozenset())  # the slow path: every feature string
    sents = [[t.text for t in s] for s in sentences(tokenize(text, lang), text)]
    assert sents
    for words in sents:
        tags = model.tag(words)
        scores = [model.marginal(tag, k) for k, tag in enumerate(tags)]
        assert full.tag(words) == tags
        # the numpy decoder sums the weights in another order: equal to the last bits of a float
        assert [full.tagger.marginal(tag, k) for k, tag in enumerate(tags)] == pytest.approx(scores, abs=1e-12)


@pytest.mark.parametrize(
    "text",
    [
        "قال الوزير: «سنبدأ غداً». وأضاف أن الخطة جاهزة!\nسطر جديد بلا نقطة\n\nفقرة ثالثة؟ نعم",
        "رئیس‌جمهور گفت: می‌شود. ۳٫۵ درصد",
        "",
        "كلمة " * 320,
    ],
)
def test_sentence_spans_match_sentences_of_tokens(text: str) -> None:
    from rasad.extract.ner.tokenize import sentence_spans

    groups = sentences(tokenize(text, "ar"), text)
    expected = [([t.start for t in s], [t.end for t in s], [t.text for t in s]) for s in groups]
    assert sentence_spans(text) == expected


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("ar", ["قال", "الوزير", "|", "إن", "الوفد", "وصل", "إلى", "عمّان", "."]),
        ("ar", ["|", "|", "أ"]),
        ("fa", ["رئیس‌جمهور", "به", "مشهد", "|", "سفر", "کرد"]),
        ("fa", ["تنها"]),
    ],
)
def test_sentence_items_are_the_known_feature_strings_in_order(lang: str, words: list[str]) -> None:
    """`sentence_items` (the tagger's fast path) keeps exactly the strings of `sentence_features`
    that the model knows, in the same order; a "|" token does not confuse the bigram features."""
    from rasad.extract.ner.features import sentence_features, sentence_items

    resources = load_model(lang).resources
    full = sentence_features(words, lang, resources)
    everything = frozenset(s for f in full for s in f)
    assert sentence_items(words, lang, resources, everything) == [[s.encode() for s in f] for f in full]
    some = frozenset(s for s in everything if len(s) % 3)  # a model that knows only some of them
    assert sentence_items(words, lang, resources, some) == [[s.encode() for s in f if s in some] for f in full]


SILVER_ROWS = [
    ({"words": ["زار", "الوزير", "مدينة", "صلالة"], "tags": ["O", "O", "B-LOC", "I_LOC"], "confidence": 0.91}, True),
    ({"words": ["رفت", "به", "کرمان"], "tags": ["O", "O", "B-LOC"]}, True),  # no confidence: kept
    ({"words": ["قال", "ناصر"], "tags": ["O", "B-PERS"], "confidence": 0.2}, False),  # below the floor
    ({"words": [], "tags": []}, False),  # empty sentence
]


def test_silver_sentences_are_read_normalized_and_filtered_by_confidence(tmp_path: Path) -> None:
    import json

    from rasad.extract.ner.train import read_silver

    path = tmp_path / "silver.jsonl"
    path.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row, _ in SILVER_ROWS) + "\n", encoding="utf-8")
    got = read_silver(path, min_confidence=0.5)
    assert [s.words for s in got] == [row["words"] for row, kept in SILVER_ROWS if kept]
    assert got[0].tags == ["O", "O", "B-LOC", "I-LOC"]
    assert [s.words for s in read_silver(path)] == [row["words"] for row, _ in SILVER_ROWS if row["words"]]


def test_a_silver_sentence_with_more_words_than_tags_is_an_error(tmp_path: Path) -> None:
    from rasad.extract.ner.train import read_silver

    path = tmp_path / "silver.jsonl"
    path.write_text('{"words": ["أ", "ب"], "tags": ["O"]}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="2 words but 1 tags"):
        read_silver(path)
