"""The metadata stage and its parts: datelines, credits, publisher, published date, title."""

from __future__ import annotations

import datetime as dt
import sys
from email.utils import format_datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.article import Article, RawDocument, Source
from rasad.extract.dateline import find_date_line, find_dateline, parse_date, parse_numeric_date
from rasad.extract.metadata import metadata_stage
from rasad.extract.outlets_cited import find_credits, opens_body
from rasad.extract.published import date_from_url, parse_published
from rasad.extract.title import headline_title
from rasad.pipeline import REGISTRY
from rasad.settings import Settings
from rasad.text.stages import clean_stage, langid_stage, letters_stage, normalize_stage

SETTINGS = Settings(workers=1)


def run(text: str, lang: str = "ar", **raw_fields: str | None) -> Article:
    raw = RawDocument(source=Source(path="t.txt", sha256="0", format="txt"), text=text, **raw_fields)
    article = Article.from_raw(raw)
    article.lang = lang
    return metadata_stage(article, SETTINGS)


# --- datelines -------------------------------------------------------------------------------------

DATELINES = [
    # (text, dateline text, place, outlet, weekday, date)
    ("الجمل / بيروت / الخميس 03 . 03 . 2022 ——- أعلن المجلس", "الجمل / بيروت / الخميس 03 . 03 . 2022 ——-",
     "بيروت", "الجمل", "الخميس", "2022-03-03"),
    ("السيمر / بغداد / السبت 12 . 11 . 2022 ——- قال النائب", "السيمر / بغداد / السبت 12 . 11 . 2022 ——-",
     "بغداد", "Al-Sumer", "السبت", "2022-11-12"),
    ("السيمر / بغداد / الاحد ٠٦ / ١١ / ٢٠٢٢ -- قال النائب", "السيمر / بغداد / الاحد ٠٦ / ١١ / ٢٠٢٢ --",
     "بغداد", "Al-Sumer", "الاحد", "2022-11-06"),
    ("دمشق - سانا\nأكد وزير الخارجية أن", "دمشق - سانا", "دمشق", "SANA", None, None),
    ("دمشق-سانا\nأكد وزير الخارجية أن", "دمشق-سانا", "دمشق", "SANA", None, None),
    ("ريف دمشق-سانا\nافتتحت المحافظة", "ريف دمشق-سانا", "ريف دمشق", "SANA", None, None),
    ("الحسكة – (سانا)\nأفاد مراسل", "الحسكة – (سانا)", "الحسكة", "SANA", None, None),
    ("الثورة:\nاستقبل الوزير وفدا", "الثورة:", None, "Al-Thawra", None, None),
    ("عنوان قصير للخبر\n\nالثورة:\n\nاستقبل الوزير وفدا", "الثورة:", None, "Al-Thawra", None, None),
    ("طهران - إرنا - أعلن المتحدث", "طهران - إرنا -", "طهران", "IRNA", None, None),
    ("تهران - ایرنا - سخنگوی وزارت", "تهران - ایرنا -", "تهران", "IRNA", None, None),
    ("تهران- ایرنا- سخنگوی وزارت", "تهران- ایرنا-", "تهران", "IRNA", None, None),
    ("WASHINGTON (Reuters) - The talks ended.", "WASHINGTON (Reuters) -", "WASHINGTON", "Reuters", None,
     None),
    ("NEW YORK (AP) — Officials said", "NEW YORK (AP) —", "NEW YORK", "Associated Press", None, None),
    ("BEIRUT, May 3 (Reuters) - Lebanese officials", "BEIRUT, May 3 (Reuters) -", "BEIRUT", "Reuters", None,
     None),
    # place, country, date: a day and month without a year is no date
    ("IDLIB, Syria, March 9 (Reuters) - Aid trucks", "IDLIB, Syria, March 9 (Reuters) -", "IDLIB", "Reuters",
     None, None),
    ("IDLIB, Syria, March 9, 2023 (AFP) - Aid trucks", "IDLIB, Syria, March 9, 2023 (AFP) -", "IDLIB", "AFP",
     None, "2023-03-09"),
    ("GENEVA, Switzerland (AP) — Envoys met", "GENEVA, Switzerland (AP) —", "GENEVA", "Associated Press", None,
     None),
    ("Title of the wire story\nDEIR EZZOR, Syria, July 2 (Reuters) - Oil", "DEIR EZZOR, Syria, July 2 (Reuters) -",
     "DEIR EZZOR", "Reuters", None, None),
    ("إدلب، سوريا، 9 آذار (رويترز) - قال مسؤولون", "إدلب، سوريا، 9 آذار (رويترز) -", "إدلب", "Reuters", None,
     None),
    ("بيروت (رويترز) - قال مسؤولون", "بيروت (رويترز) -", "بيروت", "Reuters", None, None),
    ("حلب / الأربعاء 2023-03-15 - وصلت قافلة", "حلب / الأربعاء 2023-03-15 -", "حلب", None, "الأربعاء",
     "2023-03-15"),
    ("تهران / سه‌شنبه ۱۴۰۱/۱۲/۲۳ - نشست", "تهران / سه‌شنبه ۱۴۰۱/۱۲/۲۳ -", "تهران", None, "سه‌شنبه",
     "2023-03-14"),
    # Levantine and Egyptian month names side by side
    ("حمص - سانا - الأربعاء 7 شباط/فبراير 2024\nوصلت قافلة", "حمص - سانا - الأربعاء 7 شباط/فبراير 2024", "حمص",
     "SANA", "الأربعاء", "2024-02-07"),
    ("صيدا - الخميس 3 آب (أغسطس) 2023\nأعلنت البلدية", "صيدا - الخميس 3 آب (أغسطس) 2023", "صيدا", None,
     "الخميس", "2023-08-03"),
]


@pytest.mark.parametrize(("text", "span_text", "place", "outlet", "weekday", "date"), DATELINES)
def test_dateline(text: str, span_text: str, place: str | None, outlet: str | None, weekday: str | None,
                  date: str | None) -> None:
    lang = "fa" if "تهران" in text else "en" if text.isascii() else "ar"
    d = find_dateline(text, lang)
    assert d is not None
    assert (d.text, d.place, d.outlet, d.weekday, d.date) == (span_text, place, outlet, weekday, date)
    assert text[d.start:d.end] == d.text


@pytest.mark.parametrize(
    "text",
    [
        "أعلنت الحكومة اليوم عن خطة جديدة للنقل.",
        "به گزارش خبرگزاری تسنیم از دمشق، وزیر خارجه گفت",  # a lead credit, not a dateline
        "الرئيس يلتقي الوفد - العالم يترقب النتائج",  # ambiguous outlet word, not terminated
        "الرئيس يلتقي الوفد - والعالم يترقب النتائج",
        "الرئيس الأسد (سانا) يستقبل الوفد",  # a parenthesis inside a sentence
        "قال الوزير في مؤتمر صحفي عقده اليوم في العاصمة إن المفاوضات مستمرة.\nدمشق - سانا",  # not at the top
        "",
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text, "ar") is None


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("25 . 01 . 2022", None, ("2022-01-25", "gregorian")),
        ("25/01/2022", None, ("2022-01-25", "gregorian")),
        ("25-01-2022", None, ("2022-01-25", "gregorian")),
        ("2022-01-25", None, ("2022-01-25", "gregorian")),
        ("2022/1/5", None, ("2022-01-05", "gregorian")),
        ("٢٥/٠١/٢٠٢٢", "ar", ("2022-01-25", "gregorian")),
        ("۲۵.۰۱.۲۰۲۲", "fa", ("2022-01-25", "gregorian")),
        ("01/25/2022", "en", ("2022-01-25", "gregorian")),  # day-first impossible: month-first
        ("۱۴۰۱/۱۲/۲۴", "fa", ("2023-03-15", "solar_hijri")),
        ("1401-01-01", "fa", ("2022-03-21", "solar_hijri")),
        ("1443/06/22", "ar", None),  # a lunar Hijri year is left to the time-expression parser
        ("31/02/2022", None, None),
        ("25/01/22", None, None),
        ("25 . 01", None, None),
    ],
)
def test_parse_numeric_date(text: str, lang: str | None, expected: tuple[str, str] | None) -> None:
    assert parse_numeric_date(text, lang) == expected
    assert parse_date(text, lang) == expected


def test_parse_date_falls_back_to_numeric_without_timex(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rasad.extract.timex", None)  # any import of it now fails
    assert parse_date("25 . 01 . 2022") == ("2022-01-25", "gregorian")
    assert parse_date("25 كانون الثاني 2022") is None
    assert parse_published("14 May 2023") == "2023-05-14"
    assert parse_published("۲۴ اسفند ۱۴۰۱") is None


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)),
       st.sampled_from([" . ", "/", "-", "."]), st.sampled_from(["0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹"]))
def test_numeric_dates_round_trip(day: dt.date, sep: str, digits: str) -> None:
    ascii_written = f"{day.day:02d}{sep}{day.month:02d}{sep}{day.year}"
    written = ascii_written.translate(str.maketrans("0123456789", digits))
    assert parse_numeric_date(written) == (day.isoformat(), "gregorian")


# --- credits ---------------------------------------------------------------------------------------

CREDITS = [
    ("وقال المحلل في حديث لـ “سبوتنيك” إن الوضع هادئ.", ["Sputnik"]),
    ("وقال المحلل في تصريح خاص لسبوتنيك إن الوضع هادئ.", ["Sputnik"]),
    ("وذكر مصدر في المحافظة لـ سانا أن الطريق مفتوح.", ["SANA"]),
    ("وأفاد مراسل لسانا بوصول القافلة.", ["SANA"]),
    ("ونقلت وكالة سانا عن مصادر أهلية أن القافلة وصلت.", ["SANA"]),
    ("وكالة “سانا” الرسمية، نقلت عن مصادر محلية أن القافلة وصلت.", ["SANA"]),
    ("وذكرت قناة الميادين أن الاشتباكات توقفت.", ["Al Mayadeen"]),
    ("وبحسب المرصد السوري لحقوق الإنسان فإن عشرة قتلوا.", ["Syrian Observatory for Human Rights"]),
    ("وقالت مصادر نقلاً عن رويترز إن الاتفاق قريب.", ["Reuters"]),
    ("نص الخبر هنا.\nالمصدر / سبوتنيك", ["Sputnik"]),
    ("نص الخبر هنا.\nالمصدر: الجزيرة", ["Al Jazeera"]),
    ("وحسب الأناضول فإن الوفد وصل.", ["Anadolu Agency"]),
    ("وقال إن قادة الثورة في العالم العربي يرفضون ذلك.", []),  # ambiguous words without a cue
    ("زار الوزير منطقة الجزيرة السورية.", []),
    ("این منابع به خبرگزاری اسپوتنیک گفتند که نیروها عقب نشینی کردند.", ["Sputnik"]),
    ("به نقل از ایرنا، وزیر گفت که مذاکرات ادامه دارد.", ["IRNA"]),
    ("بنابر گزارش تسنیم، نشست برگزار شد.", ["Tasnim"]),
    ("وی در گفت‌وگو با شبکه المیادین افزود", ["Al Mayadeen"]),
    ("رویترز گزارش داد که مذاکرات متوقف شد.", ["Reuters"]),
    ("The talks failed, according to Reuters.", ["Reuters"]),
    ("A commander told AFP that the road was open.", ["AFP"]),
    ("Al-Manar reported that the convoy arrived, quoting SANA.", ["Al-Manar", "SANA"]),
    ("He said in an interview with Sputnik that it was over.", ["Sputnik"]),
    ("The map app failed, ap said.", []),
]


@pytest.mark.parametrize(("text", "expected"), CREDITS)
def test_cited_outlets(text: str, expected: list[str]) -> None:
    assert [c.outlet for c in find_credits(text) if c.kind == "credit"] == expected
    assert run(text).cited_outlets == expected


def test_credit_evidence_spans_point_into_the_text() -> None:
    text = "وأضاف الخبير في حديث لـ “سبوتنيك” أن الوضع هادئ."
    (credit,) = find_credits(text)
    assert text[credit.start:credit.end] == credit.text == "في حديث لـ “سبوتنيك”"
    assert credit.rule == "ar:interview"


# --- publisher -------------------------------------------------------------------------------------


def test_publisher_from_site_name_beats_everything() -> None:
    a = run("دمشق - سانا\nأعلنت الوزارة اليوم أن الطريق مفتوح أمام المسافرين.", site_name="Al Mayadeen",
            url="https://www.sana.sy/?p=1")
    assert a.outlet == "Al Mayadeen"
    assert a.cited_outlets == ["SANA"]  # the dateline credits SANA for the content
    rules = [(e.outlet, e.role, e.rule) for e in a.outlet_evidence]
    assert ("Al Mayadeen", "publisher", "html:site_name") in rules
    assert ("SANA", "cited", "dateline") in rules
    site = next(e for e in a.outlet_evidence if e.rule == "html:site_name")
    assert (site.start, site.end, site.text) == (0, 0, "Al Mayadeen")


def test_publisher_from_url_domain() -> None:
    a = run("أعلنت الوزارة اليوم أن الطريق مفتوح أمام المسافرين والشاحنات.",
            url="https://arabic.sputniknews.com/20220125/x.html")
    assert a.outlet == "Sputnik"
    assert [(e.rule, e.text) for e in a.outlet_evidence] == [
        ("url:domain", "https://arabic.sputniknews.com/20220125/x.html")]


def test_publisher_from_dateline_and_lead() -> None:
    assert run("WASHINGTON (Reuters) - The talks ended without a deal on Monday.", "en").outlet == "Reuters"
    a = run("به گزارش گروه سیاسی دفاع‌پرس، به نقل از ایرنا، نشست برگزار شد.", "fa")
    assert a.outlet == "Defa Press"
    assert a.cited_outlets == ["IRNA"]


LEADS = [
    # (text, publisher, cited): a lead credit opening the body names the publisher, even under a headline
    ("به گزارش گروه سیاسی دفاع‌پرس، نشست امروز برگزار شد.", "Defa Press", []),
    ("دیدار وزیران در دمشق\n\nبه گزارش گروه بین‌الملل خبرگزاری تسنیم، وزیران امروز دیدار کردند.", "Tasnim",
     []),
    ("دیدار وزیران\nبه گزارش گروه بینالملل دفاعپرس به نقل از شبکه المیادین، نشست برگزار شد.", "Defa Press",
     ["Al Mayadeen"]),  # ZWNJs stripped; به نقل از X is a citation
    ("دیدار وزیران\nبه گزارش گروه بین‌الملل دفاع‌پرس به نقل از شبکه المیادین، نشست برگزار شد.", "Defa Press",
     ["Al Mayadeen"]),
    ("به گزارش گروه بین‌الملل دفاع‌پرس، منابع محلی به خبرگزاری اسپوتنیک گفتند که جاده باز است.", "Defa Press",
     ["Sputnik"]),
    ("دیدار وزیران\n۲۴ اردیبهشت ۱۴۰۲\nبه گزارش خبرگزاری فارس، وزیران امروز دیدار کردند.", "Fars News", []),
    # not the opening line of the body: the credit names a cited outlet
    ("وزیران امروز در دمشق دیدار کردند و درباره راه‌ها گفتگو کردند.\nبه گزارش خبرگزاری تسنیم، نشست ادامه دارد.",
     None, ["Tasnim"]),
    ("یک\nدو\nسه\nچهار\nبه گزارش خبرگزاری تسنیم، نشست برگزار شد.", None, ["Tasnim"]),
]


@pytest.mark.parametrize(("text", "publisher", "cited"), LEADS)
def test_lead_credit_opening_the_body(text: str, publisher: str | None, cited: list[str]) -> None:
    a = run(text, "fa")
    assert (a.outlet, a.cited_outlets) == (publisher, cited)
    if publisher:
        lead = next(e for e in a.outlet_evidence if e.rule == "fa:lead")
        assert (lead.outlet, lead.role) == (publisher, "publisher")
        assert text[lead.start:lead.end] == lead.text and lead.text.startswith("به گزارش")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("به گزارش ...", True),
        ("عنوان\n14 أيار 2023\nدمشق - سانا\nبه گزارش", True),
        ("جملة كاملة انتهت.\nبه گزارش", False),
        ("أ\nب\nت\nث\nبه گزارش", False),  # four lines before it
        ("عنوان\n" + "كلمة " * 70 + "\nبه گزارش", False),  # after a paragraph
        ("\n".join(["كلمات " * 20] * 3) + "\nبه گزارش", False),  # more than 300 characters down
    ],
)
def test_opens_body(text: str, expected: bool) -> None:
    assert opens_body(text, text.index("به گزارش")) is expected


def test_lead_credit_is_cited_when_metadata_names_another_publisher() -> None:
    a = run("به گزارش خبرگزاری تسنیم، نشست امروز برگزار شد و وزیران گفتگو کردند.", "fa",
            site_name="مشرق نیوز")
    assert a.outlet == "Mashregh News"
    assert a.cited_outlets == ["Tasnim"]


def test_unregistered_site_name_is_kept_as_written() -> None:
    a = run("أعلنت الوزارة اليوم أن الطريق مفتوح أمام المسافرين والشاحنات.", site_name="Daily Nowhere")
    assert a.outlet == "Daily Nowhere"
    assert a.outlet_evidence[0].rule == "html:site_name:unregistered"


def test_publisher_is_not_also_cited() -> None:
    a = run("دمشق-سانا\nوقال المحافظ لسانا إن العمل مستمر في المشروع منذ أشهر.")
    assert a.outlet == "SANA"
    assert a.cited_outlets == []
    assert {e.role for e in a.outlet_evidence} == {"publisher"}


def test_no_outlet_evidence_no_outlet() -> None:
    a = run("أعلنت الوزارة اليوم أن الطريق مفتوح أمام المسافرين والشاحنات.")
    assert (a.outlet, a.cited_outlets, a.outlet_evidence) == (None, [], [])


# --- published -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-05-14", "2023-05-14"),
        ("2023-05-14T23:30:00+03:00", "2023-05-14"),
        ("2023-05-14T20:30:00Z", "2023-05-14"),
        ("2023-05-14 08:00:00", "2023-05-14"),
        ("2023/05/14", "2023-05-14"),
        ("2023.05.14", "2023-05-14"),
        ("20230514", "2023-05-14"),
        ("14/05/2023", "2023-05-14"),
        ("14-05-2023 10:22", "2023-05-14"),
        ("۲۰۲۳-۰۵-۱۴", "2023-05-14"),
        ("Sun, 14 May 2023 08:30:00 GMT", "2023-05-14"),
        ("Sun, 14 May 2023 08:30:00 +0300", "2023-05-14"),
        ("May 14, 2023", "2023-05-14"),
        ("May 14, 2023 10:00 AM", "2023-05-14"),
        ("14 May 2023", "2023-05-14"),
        ("Sunday, May 14, 2023", "2023-05-14"),
        ("2023-05", None),
        ("May 2023", None),
        ("2023", None),
        ("2023-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_published(value: str | None, expected: str | None) -> None:
    assert parse_published(value) == expected


@given(st.datetimes(min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2090, 12, 31)),
       st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=3, minutes=30))]))
def test_published_round_trips(moment: dt.datetime, zone: dt.tzinfo) -> None:
    aware = moment.replace(tzinfo=zone)
    day = aware.date().isoformat()
    assert parse_published(aware.isoformat()) == day
    assert parse_published(format_datetime(aware)) == day


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/news/2023/05/14/story/", "2023-05-14"),
        ("https://example.org/2023/5/4/story", "2023-05-04"),
        ("https://example.org/2023-05-14-story.html", "2023-05-14"),
        ("https://example.org/news/2023/05/", None),
        ("https://example.org/news/20230514", None),
        ("https://example.org/2023/13/40/x", None),
        ("", None),
        (None, None),
    ],
)
def test_date_from_url(url: str | None, expected: str | None) -> None:
    assert date_from_url(url) == expected


BODY = "\nأعلنت الوزارة اليوم أن الطريق مفتوح أمام المسافرين والشاحنات منذ الصباح."


@pytest.mark.parametrize(
    ("text", "fields", "expected", "source"),
    [
        ("حلب / الأحد 12/03/2023 - وصلت القافلة" + BODY, {"published": "2023-03-14T10:00:00Z"}, "2023-03-14",
         "metadata"),
        ("حلب / الأحد 12/03/2023 - وصلت القافلة" + BODY, {"published": "March 2023"}, "2023-03-12",
         "dateline"),
        ("حلب / الأحد 12/03/2023 - وصلت القافلة" + BODY, {"url": "https://x.org/2023/03/10/a"}, "2023-03-12",
         "dateline"),
        ("وصلت القافلة" + BODY, {"url": "https://x.org/2023/03/10/a"}, "2023-03-10", "url"),
        ("وصلت القافلة" + BODY, {}, None, None),
    ],
)
def test_published_order(text: str, fields: dict[str, str], expected: str | None, source: str | None) -> None:
    a = run(text, **fields)
    assert (a.published, a.published_source) == (expected, source)


DATE_LINES = [
    # (text, the date line, its date)
    ("عنوان الخبر هنا\n14 أيار 2023\n\nحلب - سانا\nوصلت القافلة اليوم.", "14 أيار 2023", "2023-05-14"),
    ("عنوان الخبر هنا\nالأحد 14 أيار/مايو 2023 ——\nوصلت القافلة اليوم.", "الأحد 14 أيار/مايو 2023 ——",
     "2023-05-14"),
    ("عنوان الخبر هنا\n١٤ . ٠٥ . ٢٠٢٣\nوصلت القافلة اليوم.", "١٤ . ٠٥ . ٢٠٢٣", "2023-05-14"),
    ("  ۲۴ اردیبهشت ۱۴۰۲\nنشست سران در تهران\nرئیسان امروز دیدار کردند.", "۲۴ اردیبهشت ۱۴۰۲", "2023-05-14"),
    ("Talks end in Geneva\nSunday, May 14, 2023\nThe talks ended.", "Sunday, May 14, 2023", "2023-05-14"),
    ("عنوان الخبر هنا\n14 أيار\nوصلت القافلة اليوم.", None, None),  # no year: not a publication date
    ("عنوان الخبر هنا\nأيار 2023\nوصلت القافلة اليوم.", None, None),  # no day
    ("عنوان الخبر هنا\nوصلت القافلة في 14 أيار 2023 إلى المدينة.", None, None),  # a date inside a sentence
    ("وصلت القافلة اليوم إلى المدينة.\n14 أيار 2023", None, None),  # below the first paragraph
    ("أ\nب\nت\n14 أيار 2023\nنص", None, None),  # not on one of the first three lines
]


@pytest.mark.parametrize(("text", "line", "date"), DATE_LINES)
def test_find_date_line(text: str, line: str | None, date: str | None) -> None:
    found = find_date_line(text)
    if line is None:
        assert found is None
        return
    assert found is not None
    assert (found.text, found.date) == (line, date)
    assert text[found.start:found.end] == line


@pytest.mark.parametrize(
    ("text", "fields", "expected", "source"),
    [
        ("عنوان الخبر هنا\n14 أيار 2023\nحلب - سانا\nوصلت القافلة اليوم إلى المدينة.", {}, "2023-05-14", "text"),
        ("عنوان الخبر هنا\n14 أيار 2023\nحلب - سانا\nوصلت القافلة اليوم إلى المدينة.",
         {"url": "https://x.org/2023/05/15/a"}, "2023-05-14", "text"),
        ("عنوان الخبر هنا\n14 أيار 2023\nحلب - سانا\nوصلت القافلة اليوم إلى المدينة.",
         {"published": "2023-05-15T09:00:00Z"}, "2023-05-15", "metadata"),
        ("عنوان الخبر هنا\n14 أيار 2023\nحلب / الاثنين 15 . 05 . 2023 - وصلت القافلة اليوم.", {}, "2023-05-15",
         "dateline"),
        ("عنوان الخبر هنا\n14 أيار\nحلب - سانا\nوصلت القافلة اليوم إلى المدينة.", {}, None, None),
    ],
)
def test_published_from_a_date_line(text: str, fields: dict[str, str], expected: str | None,
                                    source: str | None) -> None:
    a = run(text, **fields)
    assert (a.published, a.published_source) == (expected, source)
    assert a.dateline is not None


def test_wire_dateline_without_year_gives_no_published_date() -> None:
    a = run("Farmers wait for buyers\nIDLIB, Syria, March 9 (Reuters) - Farmers waited for days.", "en")
    assert a.outlet == "Reuters"
    assert a.dateline is not None and a.dateline.place == "IDLIB"
    assert (a.published, a.published_source) == (None, None)


# --- the bundled example corpus --------------------------------------------------------------------

EXAMPLES = [
    # (file, lang, publisher, cited, published, published_source, dateline place)
    ("01-ar-sana-detainee-transfer.txt", "ar", "SANA", [], "2023-05-14", "text", "الحسكة"),
    # Persian leads state the day with its weekday ("روز یکشنبه ۲۴ اردیبهشت ۱۴۰۲"): published from the lead
    ("03-fa-tasnim-detainee-transfer.txt", "fa", "Tasnim", [], "2023-05-14", "lead", None),
    ("08-fa-defapress-tanf-drone.txt", "fa", "Defa Press", ["Al Mayadeen"], "2023-06-04", "lead", None),
    ("13-en-reuters-hasakah-wheat.txt", "en", "Reuters", [], None, None, "HASAKAH"),
]


@pytest.mark.parametrize(("name", "lang", "publisher", "cited", "published", "source", "place"), EXAMPLES)
def test_example_corpus(examples_dir: Path, name: str, lang: str, publisher: str, cited: list[str],
                        published: str | None, source: str | None, place: str | None) -> None:
    path = examples_dir / name
    raw = RawDocument(source=Source(path=str(path), sha256="example", format="txt"),
                      text=path.read_bytes().decode("utf-8"))
    article = Article.from_raw(raw)
    for stage in (normalize_stage, clean_stage, langid_stage, letters_stage):
        article = stage(article, SETTINGS)
    assert article.lang == lang
    a = metadata_stage(article, SETTINGS)
    assert (a.outlet, a.cited_outlets) == (publisher, cited)
    assert (a.published, a.published_source) == (published, source)
    assert (a.dateline.place if a.dateline else None) == place
    for item in a.outlet_evidence:
        assert a.text[item.start:item.end] == item.text


# --- title -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("انفجار في ريف حمص\nقالت مصادر محلية إن انفجارا وقع صباح اليوم في ريف حمص الشرقي.",
         "انفجار في ريف حمص"),
        ("\n  نشست سران در تهران\n\nرئیسان جمهور امروز در تهران دیدار کردند و درباره سوریه گفتگو کردند.",
         "نشست سران در تهران"),
        ("Talks collapse in Geneva\nThe talks collapsed on Monday after three days of meetings.",
         "Talks collapse in Geneva"),
        ("قالت مصادر محلية إن انفجارا وقع صباح اليوم.\nوأضافت المصادر أن فرق الإسعاف وصلت.", None),
        ("الثورة:\nاستقبل الوزير وفدا من رجال الأعمال في مكتبه.", None),
        ("عنوان وحيد بلا نص", None),
        ("خبر\nنص قصير", None),
    ],
)
def test_headline_title(text: str, expected: str | None) -> None:
    assert headline_title(text) == expected


def test_title_from_metadata_is_kept() -> None:
    text = "انفجار في ريف حمص\nقالت مصادر محلية إن انفجارا وقع صباح اليوم في ريف حمص الشرقي."
    assert run(text, title="عنوان من الصفحة").title == "عنوان من الصفحة"
    a = run(text)
    assert a.title == "انفجار في ريف حمص"
    assert a.text == text  # the headline stays in the text


# --- the stage -------------------------------------------------------------------------------------


def test_stage_is_registered() -> None:
    stage = REGISTRY["metadata"]
    assert stage.requires == ("text", "lang", "source", "input_meta", "removed")
    assert set(stage.assigns) == {
        "title", "dateline", "published", "published_source", "outlet", "country", "state_affiliation",
        "cited_outlets", "outlet_evidence"}


def test_stage_does_not_change_its_input() -> None:
    raw = RawDocument(source=Source(path="t.txt", sha256="0", format="txt"),
                      text="دمشق - سانا\nوقال المحافظ في حديث لسبوتنيك إن العمل مستمر.")
    article = Article.from_raw(raw)
    article.lang = "ar"
    before = article.as_dict()
    result = metadata_stage(article, SETTINGS)
    assert article.as_dict() == before
    assert result.outlet == "SANA" and result.cited_outlets == ["Sputnik"]
    assert result.as_dict()["dateline"]["place"] == "دمشق"
    assert Article.from_dict(result.as_dict()).outlet_evidence == result.outlet_evidence


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("القامشلي - سانا\nأعلنت المحافظة اليوم الثلاثاء 11 نيسان 2023 وصول قافلة مساعدات.", "ar", "2023-04-11"),
        ("منابع محلی امروز سه‌شنبه ۲۲ فروردین ۱۴۰۲ از وقوع سیل خبر دادند.", "fa", "2023-04-11"),
        ("Officials said today, April 11, 2023, that the convoy had arrived.", "en", "2023-04-11"),
        ("وصلت القافلة في 11 نيسان 2023 إلى المدينة بعد تأخير طويل.", "ar", None),  # not stated as today
        ("TODAY, April 11, 2023: the convoy arrived at the border crossing.", "en", "2023-04-11"),  # any case
        ("The Today show said on April 11, 2023 that the convoy had arrived.", "en", None),  # not before the date
    ],
)
def test_published_from_a_date_stated_as_today(text: str, lang: str, expected: str | None) -> None:
    from rasad.settings import Settings

    article = Article.from_raw(RawDocument(source=Source(sha256="0", format="txt"), text=text))
    article.lang = lang
    result = metadata_stage(article, Settings())
    assert result.published == expected
    assert result.published_source == ("text" if expected else None)


@pytest.mark.parametrize(
    ("footer", "publisher", "cited"),
    [
        # the agency's own copyright line: it is the publisher, and its "المصدر /" line credits itself
        ("جميع الحقوق محفوظة لوكالة سبوتنيك 2024", "Sputnik", []),
        # no copyright line: the source line is a citation, the publisher unknown
        ("تابعونا على وسائل التواصل", None, ["Sputnik"]),
    ],
)
def test_copyright_footer_names_the_publisher(footer: str, publisher: str | None, cited: list[str]) -> None:
    text = ("انفجار لغم في قرية شرق حلب\nقال مصدر محلي إن لغماً من مخلفات الحرب انفجر صباح الأحد قرب مدرسة القرية "
            "ولم يسفر عن إصابات، وإن فرق الهندسة طوّقت المكان.\nالمصدر / سبوتنيك\n" + footer)
    article = Article.from_raw(RawDocument(source=Source(sha256="0", format="txt"), text=text))
    for stage in (normalize_stage, clean_stage, langid_stage, letters_stage, metadata_stage):
        article = stage(article, SETTINGS)
    assert (article.outlet, article.cited_outlets) == (publisher, cited)
    if publisher:
        assert any(e.rule == "footer:copyright" and e.text == footer for e in article.outlet_evidence)
