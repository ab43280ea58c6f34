"""Regressions (issue 7): agency datelines with a weekday and date give `published`, so relative
dates resolve; a Persian lead sentence with its weekday and date gives `published` ("lead")."""

from __future__ import annotations

import pytest

from rasad.eval.datelines import analyze_text
from rasad.extract.dateline import find_dateline

DATELINES = [
    # (text, outlet, date)
    ("حمص - سانا - الأربعاء 8 آذار 2023\nوصلت القافلة.", "SANA", "2023-03-08"),
    ("طرطوس-الثورة-الجمعة 1 أيلول 2023\nافتتح المعرض.", "Al-Thawra", "2023-09-01"),
    ("السويداء - تشرين - السبت 4 تشرين الثاني 2023\nبدأ الموسم.", "Tishreen", "2023-11-04"),
    ("صيدا (الميادين) - الاثنين 16 تشرين الأول 2023\nقال مراسلنا.", "Al Mayadeen", "2023-10-16"),
    ("القاهرة - أ ش أ - 07/03/2023\nافتتح الوزير.", "MENA", "2023-03-07"),
    ("الكويت - كونا - الخميس، 9 مارس 2023\nأعلنت الوزارة.", "KUNA", "2023-03-09"),
    ("جدة 20 رمضان 1444 هـ الموافق 11 أبريل 2023 م واس\nأعلنت الهيئة.", "Saudi Press Agency", "2023-04-11"),
    ("اللاذقية - الأحد 19 شباط 2023\nافتتحت المحافظة.", None, "2023-02-19"),
    ("حماة - 21/02/2023\nافتتحت المحافظة.", None, "2023-02-21"),
    ("المنامة في 8 مارس /بنا/ أكد الوزير", "Bahrain News Agency", None),
    ("الكويت - 9 - 3 (كونا) -- أعلنت الوزارة", "KUNA", None),
    ("إربد 12 آب (بترا) - افتتح المحافظ", "Petra", None),
    ("BEIRUT, June 5, 2023 (AFP) - Two drones hit the base", "AFP", "2023-06-05"),
    ("Press TV - Monday, 05 February 2024 11:32 AM [ Last Update: Monday ]\nTehran said", "Press TV", "2024-02-05"),
]


@pytest.mark.parametrize(
    ("text", "place", "outlet"),
    [
        ("سامي العتيبي- سبق- حائل: افتتح المحافظ المعرض", "حائل", "Sabq"),
        ("سامي العتيبي – عين اليوم\nافتتح المحافظ المعرض", None, "Ain Alyoum"),
        ("حلب - سانا\nافتتح المحافظ المعرض", "حلب", "SANA"),
    ],
)
def test_byline_is_not_a_place(text: str, place: str | None, outlet: str) -> None:
    found = find_dateline(text, "ar")
    assert found is not None
    assert (found.place, found.outlet) == (place, outlet)


@pytest.mark.parametrize(("text", "outlet", "date"), DATELINES)
def test_agency_dateline(text: str, outlet: str | None, date: str | None) -> None:
    found = find_dateline(text, "ar")
    assert found is not None
    assert (found.outlet, found.date) == (outlet, date)


@pytest.mark.parametrize(
    ("text", "lang", "published", "source", "yesterday"),
    [
        ("عنوان\nحلب - سانا - الثلاثاء 7 آذار 2023\nأعلنت المديرية أمس افتتاح المدرسة.", "ar", "2023-03-07",
         "dateline", "2023-03-06"),
        ("عنوان\nبيروت - المنار - الخميس 2 شباط 2023\nقال الوزير أمس الأول إن الجلسة تأجلت.", "ar",
         "2023-02-02", "dateline", "2023-01-31"),
        ("به گزارش ایرنا، وزیر نیرو روز یکشنبه ۷ خرداد ۱۴۰۲ از افتتاح نیروگاه خبر داد. دیروز نیز جلسه برگزار شد.",
         "fa", "2023-05-28", "lead", "2023-05-27"),
        ("بازگشایی نمایشگاه کتاب در تهران\n\nبه گزارش خبرگزاری تسنیم، مسئولان روز دوشنبه ۲۵ اردیبهشت ۱۴۰۲ اعلام کردند"
         " که دیروز ناشران وارد شدند.", "fa", "2023-05-15", "lead", "2023-05-14"),
    ],
)
def test_published_resolves_relative_dates(text: str, lang: str, published: str, source: str,
                                           yesterday: str) -> None:
    article = analyze_text(text, lang)
    assert (article.published, article.published_source) == (published, source)
    relative = [t.value for t in article.times if t.relative]
    assert relative and relative[0] == yesterday


@pytest.mark.parametrize(
    "text",
    [
        "به گزارش ایرنا، مراسم سالگرد حادثه‌ای که در ۱۳ دی ۱۳۹۸ رخ داد برگزار شد.",  # no weekday: past event
        "به گزارش ایرنا، مراسم برگزار شد. وزیر روز یکشنبه ۷ خرداد ۱۴۰۲ سخنرانی کرد.",  # not the lead sentence
    ],
)
def test_persian_dates_that_are_not_the_publication_day(text: str) -> None:
    assert analyze_text(text, "fa").published is None
