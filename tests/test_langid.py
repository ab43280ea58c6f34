"""Language identification: articles, short titles, mixed letters, stripped ZWNJ."""

from __future__ import annotations

import pytest

from rasad.text.langid import arabic_persian_votes, detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("قالت مصادر محلية إن القوات نقلت عددا من المعتقلين إلى قاعدة عسكرية في شرق البلاد.", "ar"),
        # Arabic typed on a Persian keyboard (ی ک ھ inside Arabic words)
        ("ولا یقتصر الدعم على الامور اللوجستیة، بل یتعدى ذلک في بعض الاحیان الى القصف، وھذا ما حصل.", "ar"),
        ("منابع محلی گفتند که نیروهای خارجی شماری از زندانیان را به پایگاه دیگری منتقل کردند.", "fa"),
        # Persian with stripped ZWNJ
        ("منابع میگویند درگیریهای شدید در اطراف زندان ادامه دارد و نیروها عقبنشینی کردهاند.", "fa"),
        ("Local sources said the forces moved dozens of detainees to a base in the east.", "en"),
        # short titles
        ("الهجوم على السجن", "ar"),
        ("آخر الأخبار", "ar"),
        ("آخرین اخبار", "fa"),
        ("نقل المعتقلين إلى العراق", "ar"),
        ("انتقال زندانیان به عراق", "fa"),
        ("Latest news", "en"),
        ("Prisoners moved to Iraq", "en"),
        ("Les forces américaines quittent la base", "fr"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text)[0] == lang


@pytest.mark.parametrize("text", ["", "   ", "2022 . 01 . 25", "— ! ?"])
def test_undecidable_is_und(text: str) -> None:
    assert detect_language(text) == ("und", {})


def test_scores_are_probabilities() -> None:
    lang, scores = detect_language("قالت وزارة الخارجية في بيان رسمي إن الاجتماع سيعقد في العاصمة غدا.")
    assert lang == "ar"
    assert all(0.0 <= v <= 1.0 for v in scores.values())
    assert max(scores, key=lambda k: scores[k]) == "ar"


def test_hint_breaks_ties_only() -> None:
    assert detect_language("", hint="fa")[0] == "fa"
    text = "قالت وزارة الخارجية في بيان رسمي إن الاجتماع سيعقد في العاصمة غدا."
    assert detect_language(text, hint="fa")[0] == "ar"


@pytest.mark.parametrize(
    ("text", "side"),
    [("التي في على الذي", "ar"), ("پرچم گروه چند ژانویه", "fa"), ("است که را این", "fa")],
)
def test_arabic_persian_votes(text: str, side: str) -> None:
    ar, fa = arabic_persian_votes(text)
    assert (ar > fa) == (side == "ar")
