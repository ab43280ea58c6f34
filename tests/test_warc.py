"""WARC ingest: CC-NEWS-style `.warc.gz` files built here, with broken and truncated records inside."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.article import RawDocument
from rasad.cli import main
from rasad.errors import ErrorRecord
from rasad.ingest import read_inputs
from rasad.settings import Settings
from warc_builder import Page, page_html, write_warc

PAGES = [
    Page("https://news.example/ar/1", page_html("نقل محتجزين", [
        "أعلنت قوات محلية اليوم نقل أربعين محتجزا من سجن في مدينة الحسكة إلى موقع آخر شمال البلاد.",
        "وقال مسؤول محلي إن عملية النقل جرت تحت حراسة مشددة وانتهت مساء الثلاثاء دون حوادث."])),
    Page("https://news.example/ar/2", page_html("أمطار غزيرة", [
        "هطلت أمطار غزيرة على مدينة جدة صباح الأربعاء وأغلقت السلطات عددا من الطرق الرئيسية.",
        "ودعت الجهات المختصة السكان إلى البقاء في منازلهم حتى تتحسن الأحوال الجوية في المنطقة."])),
    Page("https://news.example/en/3", page_html("Port reopens", [
        "The port of Aden reopened on Thursday after a week of closure, officials said in a statement.",
        "Shipping agents expect the first cargo vessels to dock over the weekend as queues shrink."], "en"),
         date="2024-03-06T08:30:00Z"),
    Page("https://news.example/fa/4", page_html("بازگشایی مدرسه‌ها", [
        "مدرسه‌های استان فارس پس از دو هفته تعطیلی روز شنبه دوباره بازگشایی شدند.",
        "مسئولان آموزش و پرورش گفتند کلاس‌ها طبق برنامه عادی برگزار خواهد شد."], "fa")),
]


def _read(path: Path) -> list[RawDocument | ErrorRecord]:
    return list(read_inputs([path], Settings(workers=1)))


def test_every_record_read_with_its_provenance(tmp_path: Path) -> None:
    items = _read(write_warc(tmp_path / "crawl.warc.gz", PAGES))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert len(docs) == len(items) == 4
    first = docs[0].source
    assert (first.format, first.path, first.url, first.record) == ("warc", str(tmp_path / "crawl.warc.gz"),
                                                                  "https://news.example/ar/1", 1)
    assert first.record_id == PAGES[0].record_id
    assert first.captured == "2024-03-05T10:00:00Z" and first.http_status == 200 and first.offset == 0
    assert docs[2].source.captured == "2024-03-06T08:30:00Z"
    assert "أربعين محتجزا" in docs[0].text and docs[0].title == "نقل محتجزين"
    assert [d.source.offset for d in docs] == sorted({d.source.offset for d in docs})


@pytest.mark.parametrize("damage", ["truncate", "garbage", 0.1, 0.3, 0.6, 0.8, 0.95])
def test_a_broken_record_is_reported_and_the_next_ones_read(tmp_path: Path, damage: str | float) -> None:
    items = _read(write_warc(tmp_path / "crawl.warc.gz", PAGES, broken={1: damage}))
    errors = [i for i in items if isinstance(i, ErrorRecord)]
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [e.error for e in errors] in (["broken WARC record"], ["truncated WARC record"])
    assert errors[0].source.endswith("crawl.warc.gz#2") and "the records after it are still read" in errors[0].detail
    assert [d.source.url for d in docs] == [PAGES[i].uri for i in (0, 2, 3)]


def test_a_record_cut_off_at_the_end_of_the_file(tmp_path: Path) -> None:
    items = _read(write_warc(tmp_path / "crawl.warc.gz", PAGES, broken={3: "truncate"}))
    assert [type(i).__name__ for i in items] == ["RawDocument"] * 3 + ["ErrorRecord"]
    assert isinstance(items[3], ErrorRecord) and "WARC record" in items[3].error


@pytest.mark.parametrize(("page", "error"), [
    (Page("https://news.example/gone", "<p>not here</p>", status=404), "HTTP status 404"),
    (Page("https://news.example/logo.png", "PNG", content_type="image/png"), "not an HTML page"),
])
def test_responses_that_are_not_articles(tmp_path: Path, page: Page, error: str) -> None:
    items = _read(write_warc(tmp_path / "crawl.warc.gz", [page, PAGES[0]]))
    assert isinstance(items[0], ErrorRecord) and items[0].error == error and page.uri in items[0].detail
    assert isinstance(items[1], RawDocument)


@pytest.mark.parametrize(("data", "error"), [
    (b"", "empty file"),
    (b"not a web archive at all", "not a WARC file"),
    (b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n", "no WARC response records"),
])
def test_files_that_are_not_web_archives(tmp_path: Path, data: bytes, error: str) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(data)
    assert [(i.source, i.error) for i in _read(path) if isinstance(i, ErrorRecord)] == [(str(path), error)]


def test_analyze_a_warc_file_end_to_end(tmp_path: Path) -> None:
    """Acceptance: a CC-NEWS-style WARC file with a broken record inside is analysed end to end."""
    warc = write_warc(tmp_path / "CC-NEWS-20240305.warc.gz", PAGES, broken={1: "truncate"})
    out = tmp_path / "out"
    assert main(["analyze", str(warc), "--out", str(out), "--no-progress", "--workers", "1"]) == 0
    articles = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [a["source"]["url"] for a in articles] == [PAGES[i].uri for i in (0, 2, 3)]
    assert {a["lang"] for a in articles} == {"ar", "en", "fa"}
    assert all(a["source"]["format"] == "warc" and a["source"]["record_id"] for a in articles)
    assert [(e["source"], e["error"]) for e in errors] == [(f"{warc}#2", "broken WARC record")]
    assert (out / "report.html").exists() and (out / "stories.json").exists()
