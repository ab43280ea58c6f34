"""The reuse corpus stage: folded shingles, LSH candidates, passage alignment and the pair kinds,
on our own Arabic, Persian and English texts (an edited copy, a partial copy, a shared footer)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rasad.analyze import analyze
from rasad.article import Article, Source
from rasad.corpus.reuse.lsh import candidate_pairs, exact_jaccard, signatures
from rasad.corpus.reuse.shingles import WORD, concat_shingle_hashes, tokenize_many, word_hashes_many
from rasad.corpus.reuse.stage import find_reuse
from rasad.settings import Settings
from rasad.store.duck import Store
from rasad.text.normalize import matching_key

AR_REPORT = (
    "أعلنت مديرية الزراعة في محافظة الحسكة اليوم أن موسم حصاد القمح بدأ في المناطق الجنوبية من المحافظة "
    "وسط توقعات بإنتاج يفوق مئتي ألف طن هذا العام.\n\n"
    "وقال مدير الزراعة في تصريح للصحفيين إن الأمطار الغزيرة التي هطلت في الربيع ساعدت على نمو السنابل، "
    "وإن الفلاحين بدأوا نقل المحصول إلى مراكز الاستلام في القامشلي والحسكة ورأس العين منذ صباح الأحد.\n\n"
    "وأضاف أن المؤسسة العامة للحبوب حددت سعر الكيلوغرام الواحد بألفي ليرة، وأن اللجان المختصة ستفحص "
    "الأكياس قبل وزنها للتأكد من خلوها من الشوائب والرطوبة الزائدة.\n\n"
    "وأشار إلى أن نقص المازوت ما زال يؤخر عمل الحصادات في بعض القرى البعيدة، داعيا الجهات المعنية إلى "
    "تأمين الكميات اللازمة قبل نهاية الشهر الجاري."
)
# The same report with two words changed ("الجنوبية" → "الشرقية", "الأحد" → "السبت").
AR_EDITED = AR_REPORT.replace("الجنوبية", "الشرقية").replace("الأحد", "السبت")

FA_OWN = (
    "به گزارش خبرنگار ما، نمایشگاه بین‌المللی کتاب تهران امسال با حضور ناشران داخلی و خارجی در مصلای "
    "امام خمینی برگزار می‌شود و تا دو هفته ادامه خواهد داشت.\n\n"
    "مدیر نمایشگاه گفت بخش کودک و نوجوان امسال بزرگ‌تر شده است و برای نخستین بار غرفه‌ای ویژه برای "
    "کتاب‌های صوتی در نظر گرفته شده است."
)
FA_COPIED = (
    "وزیر فرهنگ در مراسم افتتاحیه اعلام کرد که بیش از دو هزار ناشر در این دوره ثبت‌نام کرده‌اند و "
    "سهم ناشران شهرستانی نسبت به سال گذشته دو برابر شده است.\n\n"
    "او افزود که فروش اینترنتی کتاب نیز همزمان با نمایشگاه انجام می‌شود تا خوانندگانی که امکان سفر به "
    "تهران ندارند بتوانند با تخفیف ویژه کتاب بخرند و ارسال رایگان دریافت کنند."
)
FA_SOURCE = FA_OWN + "\n\n" + FA_COPIED
FA_OTHER = (
    "روزنامه محلی شیراز نوشت برگزاری جشنواره فیلم کوتاه در این شهر به تعویق افتاد و زمان تازه آن بعدا "
    "اعلام می‌شود.\n\n" + FA_COPIED + "\n\n"
    "به گفته برگزارکنندگان، برنامه‌های جانبی جشنواره شامل کارگاه فیلمنامه‌نویسی و نقد فیلم خواهد بود."
)

FOOTER = ("\n\nAll rights reserved. Follow the Harbour Gazette on social media and subscribe to our "
          "newsletter for more local news every morning.")
EN_UNRELATED = [
    "The city council voted on Tuesday to extend the opening hours of the central library until nine in "
    "the evening, after residents collected more than three thousand signatures asking for the change.",
    "Fishermen in the northern bay reported the largest sardine catch in a decade this week, and the "
    "cooperative said prices at the morning market fell by almost a third as a result.",
    "A new bus line linking the university campus with the railway station will start running next month, "
    "the transport office said, with a departure every twelve minutes during rush hours.",
]


def _article(id: str, text: str, lang: str, published: str | None = None, outlet: str | None = None) -> Article:
    return Article(source=Source(sha256=id, format="txt"), text=text, id=id, lang=lang, published=published,
                   outlet=outlet)


def _reuse(*articles: Article) -> list[dict[str, object]]:
    return find_reuse(iter(articles))


def _passage_texts(record: dict, texts: dict[str, str]) -> list[tuple[str, str]]:
    return [(texts[str(record["a"])][p["a_start"]:p["a_end"]], texts[str(record["b"])][p["b_start"]:p["b_end"]])
            for p in record["passages"]]


@pytest.mark.parametrize("text", [
    "قالَ الوزيرُ: إنّ الحكومة ستدعم المزارعين بـ ٢٠٠ مليون ليرة",
    "وزیر گفت: دولت از کشاورزان حمایت می‌کند و ۳۰ درصد یارانه می‌دهد",
    "The Minister's office said_it would pay 200 million (about $1.5m) in 2024.",
    "🙂 x_ _y ABC١٢ كتــاب",
])
def test_words_and_spans_follow_the_word_pattern_and_the_matching_key(text: str) -> None:
    batch = tokenize_many([text, text])
    spans = [(m.start(), m.end()) for m in WORD.finditer(text)]
    assert spans
    assert list(zip(batch.starts[:len(spans)].tolist(), batch.ends[:len(spans)].tolist(), strict=True)) == spans
    same_key: dict[str, set[int]] = {}
    for (start, end), h in zip(spans, batch.hashes.tolist(), strict=False):
        same_key.setdefault(matching_key(text[start:end]), set()).add(h)
    assert all(len(hashes) == 1 for hashes in same_key.values())
    fast, bounds = word_hashes_many([text, text])
    assert fast.tolist() == batch.hashes.tolist() and bounds.tolist() == batch.bounds.tolist()


def test_spellings_fold_to_the_same_words() -> None:
    a, b = word_hashes_many(["إلى المدرسة الأمريكية", "الي المدرسه الامريكيه"])[0].reshape(2, 3)
    assert a.tolist() == b.tolist()


def test_lsh_pairs_a_near_copy_and_exact_jaccard_counts_sets() -> None:
    texts = [AR_REPORT, AR_EDITED, FA_SOURCE, EN_UNRELATED[0]]
    words, bounds = word_hashes_many(texts)
    shingles, shingle_bounds = concat_shingle_hashes(words, bounds, 5)
    pairs = candidate_pairs(signatures(shingles, shingle_bounds), 25, 5)
    assert pairs.tolist() == [[0, 1]]
    jaccard = float(exact_jaccard(shingles, shingle_bounds, pairs)[0])
    assert 0.7 < jaccard < 1.0


def test_an_edited_copy_is_a_near_duplicate_and_the_earlier_article_is_first() -> None:
    texts = {"copy": AR_EDITED, "orig": AR_REPORT}
    records = _reuse(_article("copy", AR_EDITED, "ar", "2024-06-03", "Outlet B"),
                     _article("orig", AR_REPORT, "ar", "2024-06-02", "Outlet A"))
    assert [(r["a"], r["b"], r["kind"], r["first"]) for r in records] == [("orig", "copy", "near_duplicate", "orig")]
    (a_text, b_text), = _passage_texts(records[0], texts)
    assert a_text.startswith("أعلنت مديرية") and b_text.endswith("الشهر الجاري")


def test_a_partial_copy_of_two_paragraphs_shows_those_paragraphs() -> None:
    texts = {"src": FA_SOURCE, "other": FA_OTHER}
    records = _reuse(_article("src", FA_SOURCE, "fa", "2024-05-01"), _article("other", FA_OTHER, "fa", "2024-05-04"))
    assert [(r["a"], r["b"], r["kind"], r["first"]) for r in records] == [("src", "other", "partial", "src")]
    (a_text, b_text), = _passage_texts(records[0], texts)
    assert a_text == b_text
    assert a_text.startswith("وزیر فرهنگ") and a_text.endswith("دریافت کنند")


def test_a_verbatim_copy_is_a_duplicate_without_a_first_on_the_same_day() -> None:
    records = _reuse(_article("x", AR_REPORT, "ar", "2024-06-02"), _article("y", AR_REPORT, "ar", "2024-06-02"))
    assert [(r["kind"], r["first"], r["similarity"]) for r in records] == [("duplicate", None, 1.0)]


def test_a_shared_footer_does_not_pair_unrelated_articles() -> None:
    articles = [_article(f"en{i}", text + FOOTER, "en", f"2024-02-0{i + 1}", "Harbour Gazette")
                for i, text in enumerate(EN_UNRELATED)]
    assert _reuse(*articles) == []


def test_a_copy_in_another_language_is_not_a_within_language_pair() -> None:
    assert _reuse(_article("a", AR_REPORT, "ar"), _article("b", AR_REPORT, "fa")) == []


def test_reuse_end_to_end_through_analyze(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    rows = [{"url": "https://a.example/1", "date": "2024-06-02", "title": "حصاد القمح", "text": AR_REPORT},
            {"url": "https://b.example/2", "date": "2024-06-04", "title": "بدء الحصاد", "text": AR_EDITED},
            {"url": "https://c.example/3", "date": "2024-06-05", "title": "Library", "text": EN_UNRELATED[0]}]
    (corpus / "feed.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    out = tmp_path / "out"
    analyze([corpus], out, Settings(workers=1, progress=False, report=False))
    records = json.loads((out / "reuse.json").read_text("utf-8"))
    articles = {json.loads(line)["id"]: json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()}
    assert [(articles[r["a"]]["published"], articles[r["b"]]["published"], r["kind"]) for r in records] == [
        ("2024-06-02", "2024-06-04", "near_duplicate")]
    record = records[0]
    assert record["first"] == record["a"]
    for p in record["passages"]:
        a_words = matching_key(articles[record["a"]]["text"][p["a_start"]:p["a_end"]]).split()
        b_words = matching_key(articles[record["b"]]["text"][p["b_start"]:p["b_end"]]).split()
        assert len(a_words) > 20 and abs(len(a_words) - len(b_words)) <= 2
    with Store(out / "rasad.duckdb") as store:
        table = list(store.iter_rows("reuse_pairs"))
    assert [(r["a"], r["b"], r["kind"], r["first"]) for r in table] == [
        (record["a"], record["b"], "near_duplicate", record["first"])]
    assert table[0]["passages"] == record["passages"]


def test_signatures_are_the_same_in_every_run() -> None:
    words, bounds = word_hashes_many([AR_REPORT])
    shingles, shingle_bounds = concat_shingle_hashes(words, bounds, 5)
    assert int(signatures(shingles, shingle_bounds)[0].sum(dtype=np.uint64)) == int(
        signatures(shingles.copy(), shingle_bounds.copy())[0].sum(dtype=np.uint64))


LONG_FOOTER = (" Subscribe to the morning briefing, follow us on every social network, and read the full archive "
               "of our reporting on the website; all rights reserved by the publisher and its partners worldwide.")


def test_boilerplate_shared_by_many_articles_of_many_outlets_makes_no_pair() -> None:
    # 25 unrelated texts (distinct invented words) of 25 outlets, each with the same 33-word footer:
    # the footer's shingles occur in more than 20 articles, so they are boilerplate.
    articles = [_article(f"n{i:02d}", " ".join(f"w{i}t{j}" for j in range(60)) + "." + LONG_FOOTER, "en",
                         "2024-01-01", f"Outlet {i}") for i in range(25)]
    assert _reuse(*articles) == []
    # The same footer between two articles only is a shared passage like any other.
    assert [r["kind"] for r in _reuse(*articles[:2])] == ["partial"]


def test_an_undated_article_comes_second_and_nobody_is_first() -> None:
    records = _reuse(_article("undated", AR_EDITED, "ar", None), _article("dated", AR_REPORT, "ar", "2024-06-02"))
    assert [(r["a"], r["b"], r["first"]) for r in records] == [("dated", "undated", None)]


def test_a_story_copied_by_more_articles_than_the_boilerplate_limit_is_still_found() -> None:
    # 24 copies, each with one word of its own: every shared shingle occurs in more than 20 articles.
    words = AR_REPORT.split(" ")
    articles = [_article(f"c{i:02d}", " ".join([*words[:40], f"كلمة{i}", *words[41:]]), "ar", "2024-06-02")
                for i in range(24)]
    records = _reuse(*articles)
    assert len(records) == 24 * 23 // 2
    assert {r["kind"] for r in records} == {"near_duplicate"}
