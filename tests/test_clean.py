"""Boilerplate and repeated paragraphs."""

from __future__ import annotations

import pytest

from rasad.text.clean import clean_text, match_boilerplate, remove_boilerplate, remove_repeated_paragraphs

BODY_AR = "قالت مصادر محلية إن القوات نقلت المعتقلين.\nوأضافت المصادر أن العملية استمرت ساعات."
BODY_FA = "منابع محلی گفتند که نیروها زندانیان را منتقل کردند.\nاین عملیات چند ساعت طول کشید."
BODY_EN = "Local sources said the detainees were moved.\nThe operation lasted several hours."


@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("آخر الأخبار", "ticker"),
        ("الأكثر قراءة:", "ticker"),
        ("الاكثر مشاهدة", "ticker"),
        ("آخرین اخبار", "ticker"),
        ("پربازدیدترین", "ticker"),
        ("Latest News", "ticker"),
        ("Most viewed", "ticker"),
        ("اقرأ أيضاً: عنوان خبر آخر", "related"),
        ("بیشتر بخوانید: عنوان دیگر", "related"),
        ("Read also: another headline", "related"),
        ("Related: another headline", "related"),
        ("جميع الحقوق محفوظة © 2023", "footer"),
        ("© موقع الخبر 2022", "footer"),
        ("کلیه حقوق این سایت محفوظ است", "footer"),
        ("All rights reserved.", "footer"),
        ("انتهای پیام/ ۱۲۳", "footer"),
        ("شارك هذا المقال", "share"),
        ("تابعونا على تلغرام", "share"),
        ("Share this article", "share"),
        ("Subscribe to our newsletter", "share"),
    ],
)
def test_boilerplate_lines(line: str, category: str) -> None:
    rule = match_boilerplate(line)
    assert rule is not None and rule.category == category


@pytest.mark.parametrize(
    "line",
    [
        "شاركت القوات في العملية العسكرية",  # a verb, not a share button
        "المصدر / وكالة الأنباء",  # agency credit stays
        "الثورة:",  # dateline/outlet stays
        "به گزارش خبرگزاری محلی، نیروها عقب نشستند.",  # Persian credit stays
        "قالت المصادر إن آخر الأخبار من المنطقة مقلقة.",  # phrase inside a sentence
    ],
)
def test_not_boilerplate(line: str) -> None:
    assert match_boilerplate(line) is None


@pytest.mark.parametrize(
    ("body", "header"),
    [(BODY_AR, "آخر الأخبار"), (BODY_FA, "آخرین اخبار"), (BODY_EN, "Most viewed"), (BODY_AR, "اقرأ أيضا")],
)
def test_ticker_near_end_cuts_everything_after(body: str, header: str) -> None:
    text = f"{body}\n\n{header}\nعنوان أول  عنوان ثان  عنوان ثالث\nعنوان رابع"
    cleaned, removed = remove_boilerplate(text)
    assert cleaned == body
    assert len(removed) == 1 and removed[0].kind == "boilerplate"
    assert removed[0].text.startswith(header) and removed[0].text.endswith("عنوان رابع")


def test_ticker_header_at_start_removes_only_the_header() -> None:
    text = f"آخر الأخبار\n{BODY_AR}\nفقرة ثالثة من الخبر."
    cleaned, removed = remove_boilerplate(text)
    assert cleaned == f"{BODY_AR}\nفقرة ثالثة من الخبر."
    assert [r.text for r in removed] == ["آخر الأخبار"]


def test_footer_and_share_lines_are_removed_in_place() -> None:
    text = f"{BODY_FA}\nبه اشتراک بگذارید\nانتهای پیام/ ۴۵"
    cleaned, removed = remove_boilerplate(text)
    assert cleaned == BODY_FA
    assert [r.rule for r in removed] == ["share:به اشتراک بگذارید", "footer:انتهای پیام"]


def test_repeated_paragraph_kept_once() -> None:
    para = "وأضاف المتحدث أن المفاوضات ستستمر حتى نهاية الشهر."
    text = f"{para}\nفقرة أخرى مختلفة.\n{para.replace('أن', 'ان')}"
    cleaned, removed = remove_repeated_paragraphs(text)
    assert cleaned == f"{para}\nفقرة أخرى مختلفة."
    assert [(r.kind, r.text) for r in removed] == [("repeated_paragraph", para.replace("أن", "ان"))]


def test_short_repeated_lines_stay() -> None:
    text = "***\nفقرة.\n***"
    assert remove_repeated_paragraphs(text) == (text, [])


def test_clean_text_combines_both() -> None:
    para = "وأضاف المتحدث أن المفاوضات ستستمر حتى نهاية الشهر."
    text, removed = clean_text(f"{para}\n{para}\n{BODY_AR}\nجميع الحقوق محفوظة")
    assert text == f"{para}\n{BODY_AR}"
    assert sorted(r.kind for r in removed) == ["boilerplate", "repeated_paragraph"]
