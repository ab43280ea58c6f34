"""Framing: loaded labels from the lexicons (`lang/<iso>/loaded_terms.tsv`) and the `framing` stage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rasad.article import Article, Paragraph, Source
from rasad.framing.lexicon import LANGS, find_loaded_terms, lexicon
from rasad.framing.persuasion import load_model
from rasad.framing.stage import framing_stage
from rasad.settings import Settings
from rasad.text.data import read_tsv

DOCS = Path(__file__).resolve().parents[1] / "docs" / "OUTPUT.md"

# Own sentences: (lang, text, [(span text, neutral, category)]).
CASES = [
    ("ar", "أكد المتحدث أن الاحتلال الأمريكي ما زال ينقل الشاحنات", [("الاحتلال الأمريكي", "US forces", "occupation")]),
    ("ar", "وقصفت المدفعية مواقع ميليشيا قسد شرق النهر", [("ميليشيا قسد", "SDF", "militia-label")]),
    ("ar", "قتل ثلاثة إرهابيين في الاشتباك", [("إرهابيين", "militants / fighters", "terror-label")]),
    ("ar", "تدين الوزارة الوجود الأمريكي اللاشرعي في المنطقة",
     [("الوجود الأمريكي اللاشرعي", "US military presence", "occupation")]),
    # proclitics cut from the first word and left out of the span
    ("ar", "ونددت بالاحتلال الأميركي للجزيرة", [("الاحتلال الأميركي", "US forces", "occupation")]),
    ("ar", "وتصدت لميليشيات الحوثي في الساحل", [("ميليشيات الحوثي", "the Houthis (Ansar Allah)", "militia-label")]),
    ("ar", "والاحتلال التركي يواصل قصفه", [("الاحتلال التركي", "Turkish forces", "occupation")]),
    # spelling variants: diacritics, hamza, alef maqsura, ta marbuta
    ("ar", "إن الاحْتِلالَ الأمْريكيّ باقٍ", [("الاحْتِلالَ الأمْريكيّ", "US forces", "occupation")]),
    ("ar", "اتهمت الكيان الصهيونى بالتصعيد", [("الكيان الصهيونى", "Israel", "delegitimising")]),
    # the longest entry wins
    ("ar", "أعلنت ميليشيا الحوثي الإرهابية مسؤوليتها",
     [("ميليشيا الحوثي الإرهابية", "the Houthis (Ansar Allah)", "terror-label")]),
    # a quoted name inside a label
    ("ar", "تحتجز ميليشيا “قسد” مئات الأشخاص", [("ميليشيا “قسد”", "SDF", "militia-label")]),
    ("ar", "تسيطر عليها ميليشيات \"قسد\".", [("ميليشيات \"قسد\"", "SDF", "militia-label")]),
    # punctuation or a line break ends a label
    ("ar", "تحدث عن الاحتلال، الأمريكي منه والتركي", [("الاحتلال", "Israel / Israeli forces (context decides)",
                                                    "occupation")]),
    ("ar", "عناصر من ميليشيا\nقسد", [("ميليشيا", "armed group", "militia-label")]),
    # not labels: "editor-in-chief", "Champions League", "blood group", "clients"
    ("ar", "قال رئيس التحرير إن دوري الأبطال يبدأ غدا", []),
    ("ar", "تحليل زمرة الدم متاح للعملاء مجانا", []),
    # a one-word entry written with the article needs the article: "resisting obesity" is no label
    ("ar", "نصائح لمقاومة السمنة في الشتاء", []),
    ("ar", "وقال قائد المقاومة إن الهجوم فشل", [("المقاومة", "armed group (Hezbollah, Hamas ...)", "glorifying")]),
    ("ar", "ودعا للمقاومة حتى النصر", [("مقاومة", "armed group (Hezbollah, Hamas ...)", "glorifying")]),
    # one written without it matches both
    ("ar", "سقط شهداء وجرحى", [("شهداء", "those killed", "glorifying")]),
    ("fa", "تروریست‌های آمریکایی در شرق سوریه مستقرند", [("تروریست‌های آمریکایی", "US forces", "terror-label")]),
    ("fa", "تروریستهای آمریکایی پایگاه را ترک کردند", [("تروریستهای آمریکایی", "US forces", "terror-label")]),
    ("fa", "سخنگو گفت رژیم صهیونیستی مسئول است", [("رژیم صهیونیستی", "Israel", "delegitimising")]),
    ("fa", "او رژیم غذایی سالمی دارد", []),
    ("en", "Officials said the U.S. occupation forces left the base", [("U.S. occupation forces", "US forces",
                                                                          "occupation")]),
    ("en", "The ZIONIST ENTITY was blamed", [("ZIONIST ENTITY", "Israel", "delegitimising")]),
    ("en", "A spokesman for the Kiev regime said", [("Kiev regime", "Ukrainian government", "delegitimising")]),
    ("en", "The sanctions regime was extended by the council", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_loaded_terms(lang: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    found = find_loaded_terms(text, lang)
    assert [(t.text, t.neutral, t.category) for t in found] == expected
    assert all(text[t.start:t.end] == t.text and t.rule == f"framing:lexicon-{lang}" for t in found)


def test_a_range_is_searched_with_offsets_into_the_whole_text() -> None:
    text = "ميليشيا قسد في الفقرة الأولى\nوفي الثانية ميليشيا قسد أيضا"
    second = text.index("\n") + 1
    found = find_loaded_terms(text, "ar", second, len(text))
    assert [(t.start, t.text) for t in found] == [(text.rindex("ميليشيا"), "ميليشيا قسد")]


def documented_categories() -> set[str]:
    row = next(line for line in DOCS.read_text(encoding="utf-8").splitlines() if line.startswith("| `loaded_terms`"))
    part = row[row.index("`category` one of"):row.index(". A label")]
    return set(re.findall(r"`([a-z-]+)`", part))


@pytest.mark.parametrize("lang", LANGS)
def test_lexicon_rows_are_complete_and_categories_documented(lang: str) -> None:
    rows = read_tsv(lang, "loaded_terms.tsv")
    assert len(rows) >= 150
    categories = documented_categories()
    assert "occupation" in categories
    for row in rows:
        assert len(row) >= 3 and all(cell.strip() for cell in row[:3]), row
        assert row[2] in categories, row
    keys = lexicon(lang).entries
    assert len(keys) >= 0.9 * len(rows)  # rows fold together only as a word with and without ال


def test_the_stage_finds_labels_per_paragraph_language_and_persuasion_in_arabic() -> None:
    arabic = ("وقال البيان إن الاحتلال الأمريكي الغاشم وعصاباته المجرمة يسرقون خيرات الشعب ويحاصرونه ظلما وعدوانا، "
              "ولن يسكت الأحرار على هذه الجرائم البشعة.")
    english = "A spokesman said Iranian proxies fired the rockets."
    text = f"{arabic}\n{english}"
    article = Article(Source(sha256="0", format="txt"), text, lang="ar")
    article.paragraphs = [Paragraph(0, len(arabic), "ar"), Paragraph(len(arabic) + 1, len(text), "en")]
    out = framing_stage(article, Settings())
    assert [(t.text, t.rule) for t in out.loaded_terms] == [("الاحتلال الأمريكي", "framing:lexicon-ar"),
                                                            ("Iranian proxies", "framing:lexicon-en")]
    assert [p.start for p in out.persuasion] == [0]  # the Arabic paragraph only
    techniques = out.persuasion[0].techniques
    assert techniques and {t["name"] for t in techniques} <= set(load_model().techniques)
    assert out.persuasion[0].rule == "framing:persuasion-ar"
    again = Article.from_dict(out.as_dict())
    assert again.loaded_terms == out.loaded_terms and again.persuasion == out.persuasion


def test_short_arabic_paragraphs_get_no_persuasion() -> None:
    article = Article(Source(sha256="0", format="txt"), "عاجل: الاحتلال يقصف", lang="ar")
    article.paragraphs = [Paragraph(0, len(article.text), "ar")]
    out = framing_stage(article, Settings())
    assert [t.text for t in out.loaded_terms] == ["الاحتلال"]
    assert out.persuasion == []
