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


ENGLISH_BODY = (
    "The foreign minister said on Monday that talks between the countries of the region should go on "
    "despite the recent tensions along the border.\n"
    "He told reporters in the capital that the government had received several proposals and would "
    "answer them in the coming days.\n"
    "Officials from both sides are expected to meet again later this month, according to the ministry."
)
ARABIC_BODY = (
    "قال وزير الخارجية يوم الاثنين إن المحادثات بين دول المنطقة يجب أن تستمر رغم التوتر الأخير على الحدود.\n"
    "وأضاف للصحفيين في العاصمة أن الحكومة تلقت عدة مقترحات وسترد عليها خلال الأيام المقبلة.\n"
    "ومن المتوقع أن يلتقي مسؤولون من الجانبين مرة أخرى في وقت لاحق من هذا الشهر بحسب الوزارة."
)
PERSIAN_BODY = (
    "وزیر امور خارجه روز دوشنبه گفت که گفت‌وگوها میان کشورهای منطقه باید با وجود تنش‌های اخیر ادامه یابد.\n"
    "او به خبرنگاران در پایتخت گفت که دولت چند پیشنهاد دریافت کرده است و در روزهای آینده به آن‌ها پاسخ می‌دهد."
)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # A Press TV-style article: title, a dateline line, English paragraphs (came out `es` when the
        # language was read from the first 80 characters only).
        ("Los ministros de la región vuelven a reunirse en Madrid\n"
         "Press TV - Monday, 05 February 2024 11:32 AM [ Last Update: Monday, 05 February 2024 11:40 AM ]\n"
         + ENGLISH_BODY, "en"),
        ("وزير الخارجية: المحادثات الإقليمية مستمرة رغم التوتر على الحدود\n" + ENGLISH_BODY, "en"),
        ("Les négociations régionales continueront malgré les tensions\n" + ENGLISH_BODY, "en"),
        ("Foreign minister says regional talks will go on despite border tensions\n" + ARABIC_BODY, "ar"),
        ("گفت‌وگوهای منطقه‌ای با وجود تنش‌ها ادامه می‌یابد\n" + ARABIC_BODY, "ar"),
        ("المحادثات الإقليمية مستمرة رغم التوتر\n" + PERSIAN_BODY, "fa"),
        ("Regional talks will go on, the minister says\n" + PERSIAN_BODY, "fa"),
    ],
)
def test_article_language_comes_from_the_body(text: str, lang: str) -> None:
    assert detect_language(text)[0] == lang


def test_body_language_scores_rank_the_body_language_first() -> None:
    lang, scores = detect_language("Los ministros vuelven a reunirse en Madrid\n" + ENGLISH_BODY)
    assert lang == "en"
    assert scores
    assert max(scores, key=lambda k: scores[k]) == "en"
    assert all(0.0 <= v <= 1.0 for v in scores.values())


def test_a_list_of_short_foreign_lines_keeps_the_language_of_the_text() -> None:
    # An Arabic article listing book titles: most lines are too short to vote, so the text is judged whole.
    text = "اختار النقاد عشرة كتب صدرت هذا العام وهذه قائمة بها مع أسماء مؤلفيها ودور النشر.\n" + "\n".join(
        f"{n}. {title}" for n, title in enumerate(
            ["Una casa en la playa | Marta Ruiz (Spain)", "The Long Road | Peter Hall (UK)",
             "El último tren | Juan Soto (Chile)", "Night Harbour | Anne Price (USA)"], start=1)
    )
    assert detect_language(text)[0] == "ar"
