"""Paragraph and sentence offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.text.segment import split_paragraphs, split_sentences


def sentences(text: str, lang: str = "ar") -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, split_paragraphs(text), lang)]


def test_paragraphs_skip_blank_lines_and_round_trip() -> None:
    text = "العنوان\n\nالفقرة الأولى.\n   \nالفقرة الثانية. "
    paragraphs = split_paragraphs(text)
    assert [text[p.start : p.end] for p in paragraphs] == ["العنوان", "الفقرة الأولى.", "الفقرة الثانية."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وصل الوفد. وبدأ الاجتماع.", ["وصل الوفد.", "وبدأ الاجتماع."]),
        ("هل وصل الوفد؟ نعم وصل!", ["هل وصل الوفد؟", "نعم وصل!"]),
        ("قال الوزير؛ ثم غادر", ["قال الوزير؛", "ثم غادر"]),
        ("سطر أول بلا نقطة\nسطر ثان", ["سطر أول بلا نقطة", "سطر ثان"]),
        # numbers and dates are not split
        ("المدينة / الأحد 12 . 03 . 2021 —— قال المصدر", ["المدينة / الأحد 12 . 03 . 2021 —— قال المصدر"]),
        ("ارتفع المؤشر 3.5 بالمئة أمس.", ["ارتفع المؤشر 3.5 بالمئة أمس."]),
        # abbreviations
        ("التقى د. سامي بالوفد. ثم عاد", ["التقى د. سامي بالوفد.", "ثم عاد"]),
        ("Dr. Smith met the U.S. envoy. Talks ended.", ["Dr. Smith met the U.S. envoy.", "Talks ended."]),
        # a stop inside a short quotation that closes in the paragraph
        ("وأضاف: «انتهى الأمر. لا عودة». ثم غادر", ["وأضاف: «انتهى الأمر. لا عودة».", "ثم غادر"]),
        ("قال “وصلنا. بدأنا” وسكت.", ["قال “وصلنا. بدأنا” وسكت."]),
        ("نيويورك.. واشنطن.. لندن", ["نيويورك..", "واشنطن..", "لندن"]),
        ("گفت: «آنها رفتند.» سپس برگشت.", ["گفت: «آنها رفتند.»", "سپس برگشت."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentence_paragraph_index() -> None:
    text = "أولى. ثانية.\n\nثالثة."
    found = split_sentences(text, split_paragraphs(text))
    assert [s.paragraph for s in found] == [0, 0, 1]


_TEXT = st.lists(st.sampled_from(list("ابت سقل. ؟!؛\n«»“”\"12.,")), max_size=80).map("".join)


@given(_TEXT)
def test_offsets_round_trip(text: str) -> None:
    paragraphs = split_paragraphs(text)
    for p in paragraphs:
        chunk = text[p.start : p.end]
        assert chunk == chunk.strip() and chunk and "\n" not in chunk
    found = split_sentences(text, paragraphs)
    for s in found:
        p = paragraphs[s.paragraph]
        assert p.start <= s.start < s.end <= p.end
        assert text[s.start : s.end].strip() == text[s.start : s.end]
    # sentences cover every non-space character of every paragraph, in order
    covered = "".join(text[s.start : s.end] for s in found).replace(" ", "")
    assert covered == "".join(text[p.start : p.end] for p in paragraphs).replace(" ", "")


@pytest.mark.parametrize(
    ("repeated", "lang", "pieces"),
    [
        ('قال د. أحمد إن "الوضع هادئ." ثم غادر. ', "ar", ['قال د. أحمد إن "الوضع هادئ."', "ثم غادر."]),
        ("Dr. Smith said the U.S. team won 3.5 points. ", "en", ["Dr. Smith said the U.S. team won 3.5 points."]),
    ],
)
def test_one_very_long_line(repeated: str, lang: str, pieces: list[str]) -> None:
    # Thousands of sentences on one line (a JSON text without line breaks): each stop is judged from
    # the characters next to it, so this stays linear (it took minutes when each stop re-read the line).
    text = repeated * 5000
    sentences = [text[s.start : s.end] for s in split_sentences(text, split_paragraphs(text), lang)]
    assert sentences == pieces * 5000
