"""read_inputs: files and folders in, one RawDocument per article or one ErrorRecord per bad input out."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.article import RawDocument, sha256_bytes
from rasad.errors import ErrorRecord
from rasad.ingest import SUPPORTED_EXTENSIONS, read_inputs
from rasad.ingest import html as html_reader
from rasad.settings import CsvColumns, Settings

SETTINGS = Settings(workers=1)

# Our own example sentences.
AR_1 = "أعلنت وزارة الصحة افتتاح مستشفى جديد في المدينة الساحلية."
AR_2 = "وقال المتحدث إن المستشفى سيستقبل المرضى اعتباراً من الشهر المقبل."
FA_1 = "شهرداری تهران از ساخت یک پارک بزرگ در شمال شهر خبر داد."
EN_1 = "The ministry said the new bridge would open to traffic in the spring."


def read(paths: list[Any], settings: Settings = SETTINGS) -> list[RawDocument | ErrorRecord]:
    return list(read_inputs(paths, settings))


def docs_of(items: list[RawDocument | ErrorRecord]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def errors_of(items: list[RawDocument | ErrorRecord]) -> list[ErrorRecord]:
    return [item for item in items if isinstance(item, ErrorRecord)]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# ---------------------------------------------------------------- plain text


@pytest.mark.parametrize(
    ("text", "codec", "encoding"),
    [
        (AR_1 + "\r\n" + AR_2, "utf-8", "utf-8"),
        (FA_1 + "\r\n" + FA_1, "utf-8-sig", "utf-8-sig"),
        (AR_1 + "\r\n" + AR_2, "utf-16", "utf-16-le"),
        (AR_1 + "\r\n" + AR_2, "cp1256", "windows-1256"),
        (EN_1 + "\r" + EN_1, "ascii", "utf-8"),
    ],
)
def test_txt_file(tmp_path: Path, text: str, codec: str, encoding: str) -> None:
    data = text.encode(codec)
    path = write(tmp_path / "article.txt", data)
    [doc] = read([path])
    assert isinstance(doc, RawDocument)
    assert doc.text == text.replace("\r\n", "\n").replace("\r", "\n")
    assert doc.source.format == "txt"
    assert doc.source.encoding == encoding
    assert doc.source.sha256 == sha256_bytes(data)
    assert doc.source.path == str(path)
    assert doc.source.record is None


def test_text_is_not_otherwise_cleaned(tmp_path: Path) -> None:
    raw = "  سطر أول\u200c مع مسافات   \n\n\nسطر ثانٍ\t\n"
    [doc] = read([write(tmp_path / "raw.txt", raw)])
    assert isinstance(doc, RawDocument)
    assert doc.text == raw


# ---------------------------------------------------------------- HTML

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta charset="utf-8">
<title>افتتاح مستشفى جديد | صحيفة الساحل</title>
<meta property="og:title" content="افتتاح مستشفى جديد">
<meta property="og:site_name" content="صحيفة الساحل">
<meta property="article:published_time" content="2024-02-11T08:30:00+02:00">
<meta name="author" content="سارة خليل">
<link rel="canonical" href="https://news.example/health/hospital-opens">
<style>body { color: red } .evilstyle { content: "STYLEPAYLOAD" }</style>
<script>var secret = "SCRIPTPAYLOAD"; document.cookie;</script>
</head>
<body onload="alert('ONLOADPAYLOAD')">
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/sport">رياضة</a></li></ul></nav>
<article>
<h1>افتتاح مستشفى جديد</h1>
<p>{ar1}</p>
<p>{ar2} <script>fetch("https://tracker.example/?SCRIPTPAYLOAD2")</script></p>
<img src="x.png" onerror="alert('IMGPAYLOAD')">
<iframe src="https://ads.example">IFRAMEPAYLOAD</iframe>
</article>
<aside>الأكثر قراءة</aside>
<footer>جميع الحقوق محفوظة</footer>
</body></html>
""".replace("{ar1}", AR_1).replace("{ar2}", AR_2)

PAYLOADS = ("PAYLOAD", "alert", "cookie", "fetch", "tracker", "color: red")


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", ARTICLE_PAGE)
    [doc] = read([path])
    assert isinstance(doc, RawDocument)
    assert AR_1 in doc.text and AR_2 in doc.text
    assert doc.text.index(AR_1) < doc.text.index(AR_2)
    assert "\n" in doc.text  # paragraphs stay on separate lines
    assert not any(payload in doc.text for payload in PAYLOADS)
    assert "الرئيسية" not in doc.text and "جميع الحقوق" not in doc.text
    assert doc.title == "افتتاح مستشفى جديد"
    assert doc.site_name == "صحيفة الساحل"
    assert doc.published == "2024-02-11T08:30:00+02:00"  # raw, as found
    assert doc.url == "https://news.example/health/hospital-opens"
    assert doc.lang_hint == "ar"
    assert doc.author == "سارة خليل"
    assert doc.source.format == "html"
    assert doc.source.encoding == "utf-8"


def test_html_in_windows_1256_with_declared_charset(tmp_path: Path) -> None:
    page = ARTICLE_PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1256">')
    [doc] = read([write(tmp_path / "legacy.htm", page.encode("cp1256"))])
    assert isinstance(doc, RawDocument)
    assert doc.source.encoding == "windows-1256"
    assert AR_1 in doc.text
    assert doc.title == "افتتاح مستشفى جديد"


MALICIOUS = [
    "<p>Text before <script>PAYLOAD()</script> and after, in one paragraph.</p>",
    "<p>Text</p><script>unclosed PAYLOAD until the end of the page",
    "<p>Text</p><svg onload=PAYLOAD()><script>PAYLOAD()</script><title>PAYLOAD</title></svg>",
    "<p>Text</p><noscript>PAYLOAD</noscript><template><p>PAYLOAD</p></template>",
    "<p>Text</p><textarea>PAYLOAD</textarea><select><option>PAYLOAD</option></select>",
    "<p>Text</p><style>/* PAYLOAD */ body{}</style><div hidden>PAYLOAD</div>",
    "<p onclick=PAYLOAD()>Text <a href='javascript:PAYLOAD()'>link</a></p>",
    "<p>Text</p><iframe srcdoc='<script>PAYLOAD()</script>'>PAYLOAD</iframe>",
    "<p>Text</p>" + "<div><span><b>" * 3000 + "<script>PAYLOAD()</script>deep text" + "</b>" * 10,
    "<p>Text</p>" + "<svg>" * 2000 + "PAYLOAD",
    "<p>Text <!-- <script>PAYLOAD()</script> --> end</p>",
    "<p>Text</p><object data=x>PAYLOAD</object><math><mi>PAYLOAD</mi></math>",
    "<p>Text</p><img src=x onerror=PAYLOAD()><body onload=PAYLOAD()><input value=PAYLOAD>",
]


@pytest.mark.parametrize("page", MALICIOUS)
def test_malicious_html_never_yields_script_content(tmp_path: Path, page: str) -> None:
    [doc] = read([write(tmp_path / "evil.html", "<html><body>" + page)])
    assert isinstance(doc, RawDocument)
    assert "PAYLOAD" not in doc.text
    assert "Text" in doc.text


def test_broken_script_tag_is_plain_text_never_a_script(tmp_path: Path) -> None:
    # `<scr<script>ipt>` is a start tag named "scr<script"; what follows is ordinary page text
    # (a browser shows it too), so it is kept, but no real <script> tag is ever produced.
    [doc] = read([write(tmp_path / "evasion.html", "<p>Text</p><scr<script>ipt>x()</script>")])
    assert isinstance(doc, RawDocument)
    assert "<script" not in doc.text and "Text" in doc.text


def test_html_fallback_when_trafilatura_finds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", lambda *a, **k: None)
    page = (
        "<html><head><meta property='og:title' content='عنوان بديل'>"
        "<meta property='og:site_name' content='موقع الخبر'></head><body>"
        "<header>شريط علوي</header><div><p>" + AR_1 + "</p><p>" + AR_2 + "</p></div>"
        "<time datetime='2024-03-01'>١ آذار</time><footer>تذييل</footer></body></html>"
    )
    [doc] = read([write(tmp_path / "fallback.html", page)])
    assert isinstance(doc, RawDocument)
    assert doc.text == AR_1 + "\n" + AR_2
    assert doc.title == "عنوان بديل"
    assert doc.site_name == "موقع الخبر"
    assert doc.published == "2024-03-01"


def test_html_fallback_when_trafilatura_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RecursionError("too deep")

    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", broken)
    page = "<title>" + EN_1 + "</title><article><p>" + EN_1 + "</p></article><p>outside</p>"
    [doc] = read([write(tmp_path / "fails.html", page)])
    assert isinstance(doc, RawDocument)
    assert doc.text == EN_1  # <article> text is preferred over other paragraphs
    assert doc.title == EN_1


def test_html_extractor_output_with_script_text_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    leaked = {"text": "Real text\nwindow.stealEverything(document.cookie)", "title": None}
    monkeypatch.setattr(html_reader, "_trafilatura", lambda html: leaked)
    page = "<p>Real text</p><script>window.stealEverything(document.cookie)</script>"
    [doc] = read([write(tmp_path / "leak.html", page)])
    assert isinstance(doc, RawDocument)
    assert doc.text == "Real text"


def test_html_json_ld_metadata(tmp_path: Path) -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "ignored"},
            {
                "@type": "NewsArticle",
                "headline": "Bridge opens",
                "datePublished": "2023-09-14T12:00:00Z",
                "publisher": {"@type": "Organization", "name": "River Times"},
                "inLanguage": "en",
            },
        ],
    }
    page = f"<script type='application/ld+json'>{json.dumps(ld)}</script><p>{EN_1}</p>"
    [doc] = read([write(tmp_path / "ld.html", page)])
    assert isinstance(doc, RawDocument)
    assert doc.text == EN_1
    assert doc.published == "2023-09-14T12:00:00Z"
    assert doc.site_name == "River Times"
    assert doc.lang_hint == "en"
    assert "@context" not in doc.text


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    page = "<html><head><script>x()</script></head><body></body></html>"
    [err] = read([write(tmp_path / "empty.html", page)])
    assert isinstance(err, ErrorRecord)
    assert err.error == "no article text in HTML"


# ---------------------------------------------------------------- JSON and JSON Lines


def test_json_list_with_news_please_and_common_fields(tmp_path: Path) -> None:
    records = [
        {
            "title": "عنوان أول",
            "maintext": AR_1,
            "date_publish": "2024-01-05 10:00:00",
            "url": "https://a.example/1",
            "source_domain": "a.example",
            "language": "ar",
            "authors": ["كاتب أول", "كاتب ثان"],
        },
        {"Headline": "تیتر", "Content": FA_1, "pubDate": "Fri, 05 Jan 2024", "Link": "https://b.example/2",
         "source": {"id": "b", "name": "خبرگزاری نمونه"}, "lang": "fa"},
        {"headline": "no text here", "url": "https://c.example/3"},
        "not an object",
        {"text": "   "},
        {"article": ["پاراگراف اول.", "پاراگراف دوم."]},
    ]
    path = write(tmp_path / "articles.json", json.dumps(records, ensure_ascii=False))
    items = read([path])
    assert len(items) == 6
    first, second = items[0], items[1]
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.title, first.text, first.published, first.url, first.site_name, first.lang_hint) == (
        "عنوان أول", AR_1, "2024-01-05 10:00:00", "https://a.example/1", "a.example", "ar"
    )
    assert first.author == "كاتب أول, كاتب ثان"
    assert (second.title, second.text, second.published, second.site_name, second.lang_hint) == (
        "تیتر", FA_1, "Fri, 05 Jan 2024", "خبرگزاری نمونه", "fa"
    )
    assert [first.source.record, second.source.record] == [1, 2]
    assert first.source.format == "json" and first.source.sha256 == sha256_bytes(path.read_bytes())

    no_text, not_object, blank = items[2], items[3], items[4]
    assert isinstance(no_text, ErrorRecord) and no_text.source == f"{path}#3"
    assert no_text.error == "record has no text" and "maintext" in no_text.detail
    assert isinstance(not_object, ErrorRecord) and not_object.source == f"{path}#4"
    assert isinstance(blank, ErrorRecord) and blank.error == "empty text"
    last = items[5]
    assert isinstance(last, RawDocument) and last.text == "پاراگراف اول.\nپاراگراف دوم."


@pytest.mark.parametrize(
    "payload",
    [
        {"text": EN_1, "title": "One"},
        {"articles": [{"text": EN_1, "title": "One"}]},
        {"data": [{"body": EN_1, "headline": "One"}]},
    ],
)
def test_json_single_object_or_wrapped_list(tmp_path: Path, payload: dict[str, Any]) -> None:
    [doc] = read([write(tmp_path / "one.json", json.dumps(payload))])
    assert isinstance(doc, RawDocument)
    assert (doc.text, doc.title, doc.source.record) == (EN_1, "One", 1)


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ('[{"text": "a"}, ', "invalid JSON"),
        ("[]", "no records in file"),
        ('"just a string"', "JSON is not an object or a list of objects"),
        ("[" * 100_000 + "]" * 100_000, "invalid JSON"),
    ],
)
def test_bad_json_files(tmp_path: Path, content: str, error: str) -> None:
    path = write(tmp_path / "bad.json", content)
    [err] = read([path])
    assert isinstance(err, ErrorRecord)
    assert err.error == error
    assert err.source == str(path)


def test_json_file_holding_json_lines_is_read_line_by_line(tmp_path: Path) -> None:
    lines = [json.dumps({"text": AR_1}), json.dumps({"text": AR_2})]
    items = read([write(tmp_path / "lines.json", "\n".join(lines))])
    assert [d.text for d in docs_of(items)] == [AR_1, AR_2]


def test_jsonl_with_a_bad_line(tmp_path: Path) -> None:
    content = "\n".join(
        [
            json.dumps({"text": AR_1, "title": "أ"}, ensure_ascii=False),
            '{"text": "broken", ',
            "",
            json.dumps({"text": FA_1, "date": "1402/10/15"}, ensure_ascii=False),
            json.dumps({"title": "لا نص"}, ensure_ascii=False),
            "[1, 2]",
        ]
    )
    path = write(tmp_path / "feed.jsonl", content.replace("\n", "\r\n"))
    items = read([path])
    assert [type(i).__name__ for i in items] == ["RawDocument", "ErrorRecord", "RawDocument", "ErrorRecord",
                                                  "ErrorRecord"]
    first, bad_line, third, no_text, not_object = items
    assert isinstance(first, RawDocument) and first.text == AR_1 and first.source.record == 1
    assert isinstance(bad_line, ErrorRecord)
    assert bad_line.source == f"{path}#2" and bad_line.error == "invalid JSON line"
    assert "line 2" in bad_line.detail
    assert isinstance(third, RawDocument) and third.text == FA_1 and third.source.record == 4
    assert third.published == "1402/10/15"
    assert isinstance(no_text, ErrorRecord) and no_text.source == f"{path}#5"
    assert isinstance(not_object, ErrorRecord) and not_object.source == f"{path}#6"


def test_jsonl_keeps_unicode_line_separators_inside_strings(tmp_path: Path) -> None:
    record = '{"text": "سطر أول\u2028سطر ثان\\r\\nثالث"}'
    [doc] = read([write(tmp_path / "sep.jsonl", record + "\n")])
    assert isinstance(doc, RawDocument)
    assert doc.text == "سطر أول\nسطر ثان\nثالث"


# ---------------------------------------------------------------- CSV


def test_csv_with_column_mapping_and_bad_rows(tmp_path: Path) -> None:
    content = (
        "ID,Headline AR,Body,Published,Link,Outlet,Lang\r\n"
        f'1,عنوان,"{AR_1}\r\n{AR_2}",2024-05-01,https://x.example/1,الوكالة,ar\r\n'
        "2,too,many,fields,here,x,y,z\r\n"
        "\r\n"
        "3,بدون نص,,2024-05-02,,,\r\n"
        f'4,"سطر, بفاصلة","{FA_1}",,,,fa\r\n'
    )
    columns = CsvColumns(text="body", title="headline ar", date="published", url="link", source="outlet",
                         language="lang")
    path = write(tmp_path / "export.csv", content)
    items = read([path], SETTINGS.with_options(csv=columns))
    assert len(items) == 4
    first, too_many, empty, fourth = items
    assert isinstance(first, RawDocument)
    assert first.text == AR_1 + "\n" + AR_2
    assert (first.title, first.published, first.url, first.site_name, first.lang_hint) == (
        "عنوان", "2024-05-01", "https://x.example/1", "الوكالة", "ar"
    )
    assert first.source.format == "csv" and first.source.record == 1
    assert isinstance(too_many, ErrorRecord)
    assert too_many.source == f"{path}#2" and too_many.error == "bad CSV row"
    assert "row 2" in too_many.detail and "8 fields" in too_many.detail
    assert isinstance(empty, ErrorRecord) and empty.source == f"{path}#3" and empty.error == "empty text"
    assert isinstance(fourth, RawDocument)
    assert (fourth.text, fourth.title, fourth.source.record) == (FA_1, "سطر, بفاصلة", 4)


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [
        ("maintext,headline,pubDate", ","),
        ("MainText;Headline;PubDate", ";"),
        ("content\ttitle\tdate_publish", "\t"),
        ("article|HEADLINE|published_at", "|"),
    ],
)
def test_csv_synonyms_and_delimiters(tmp_path: Path, header: str, delimiter: str) -> None:
    row = delimiter.join([EN_1, "Bridge", "2024-06-01"])
    [doc] = read([write(tmp_path / "syn.csv", header + "\n" + row + "\n")])
    assert isinstance(doc, RawDocument)
    assert (doc.text, doc.title, doc.published) == (EN_1, "Bridge", "2024-06-01")


def test_tsv_and_huge_field(tmp_path: Path) -> None:
    huge = "كلمة " * 60_000  # 300,000 characters: above the csv module's default field limit
    big = SETTINGS.with_options(max_article_chars=len(huge))
    [doc] = read([write(tmp_path / "big.tsv", f"title\ttext\nكبير\t{huge}\n")], big)
    assert isinstance(doc, RawDocument)
    assert doc.text == huge


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("title,url\nT,https://x\n", "no text column"),
        ("title,text\n", "no records in file"),
    ],
)
def test_bad_csv_files(tmp_path: Path, content: str, error: str) -> None:
    [err] = read([write(tmp_path / "bad.csv", content)])
    assert isinstance(err, ErrorRecord)
    assert err.error == error


def test_csv_in_windows_1256(tmp_path: Path) -> None:
    content = f"title,text\nعنوان,{AR_1}\n".encode("cp1256")
    [doc] = read([write(tmp_path / "legacy.csv", content)])
    assert isinstance(doc, RawDocument)
    assert (doc.text, doc.source.encoding) == (AR_1, "windows-1256")


# ---------------------------------------------------------------- paths and folders


def test_folder_walk_with_good_and_bad_files(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "b_second.txt", AR_2)
    write(root / "a_first.txt", AR_1)
    write(root / "sub" / "c.jsonl", json.dumps({"text": FA_1}) + "\nnot json\n")
    write(root / "sub" / "deeper" / "d.html", f"<p>{EN_1}</p>")
    write(root / "sub" / "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(64))
    write(root / "sub" / "empty.txt", b"")
    write(root / "notes.xyz", "whatever")
    write(root / "NOEXT", "whatever")
    write(root / ".hidden.txt", "skipped")
    write(root / ".git" / "config.txt", "skipped")
    items = read([str(root)])
    sources = [i.source.path if isinstance(i, RawDocument) else i.source for i in items]
    assert sources == [
        os.path.join(str(root), "NOEXT"),
        os.path.join(str(root), "a_first.txt"),
        os.path.join(str(root), "b_second.txt"),
        os.path.join(str(root), "notes.xyz"),
        os.path.join(str(root), "sub", "c.jsonl"),
        os.path.join(str(root), "sub", "c.jsonl") + "#2",
        os.path.join(str(root), "sub", "deeper", "d.html"),
        os.path.join(str(root), "sub", "empty.txt"),
        os.path.join(str(root), "sub", "image.txt"),
    ]
    assert [d.text for d in docs_of(items)] == [AR_1, AR_2, FA_1, EN_1]
    errors = {e.source.rsplit(os.sep, 1)[-1]: e for e in errors_of(items)}
    assert errors["NOEXT"].error == "unsupported file type (no extension)"
    assert errors["notes.xyz"].error == "unsupported file type .xyz"
    assert all(ext in errors["notes.xyz"].detail for ext in SUPPORTED_EXTENSIONS)
    assert errors["c.jsonl#2"].error == "invalid JSON line"
    assert errors["empty.txt"].error == "empty file"
    assert errors["image.txt"].error == "binary file, not text"
    assert "PNG" in errors["image.txt"].detail


def test_oversize_file_is_refused_with_size_and_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "ا" * 3000)  # 6000 bytes
    small = write(tmp_path / "small.txt", "نعم")
    items = read([path, small], SETTINGS.with_options(max_file_bytes=2048))
    err, doc = items
    assert isinstance(err, ErrorRecord)
    assert err.error == "file too large"
    assert "6000 bytes" in err.detail and "2048 bytes" in err.detail
    assert isinstance(doc, RawDocument) and doc.text == "نعم"


def test_record_files_have_their_own_larger_limit(tmp_path: Path) -> None:
    # A JSONL export holds many articles: it is held to max_records_file_bytes, each record to
    # max_article_chars, so a 6 KB export passes where a 6 KB one-article file is refused.
    line = json.dumps({"title": "عنوان", "text": "ا" * 1000}, ensure_ascii=False) + "\n"
    path = write(tmp_path / "export.jsonl", line * 3)  # about 6 KB
    settings = SETTINGS.with_options(max_file_bytes=2048, max_records_file_bytes=10_000)
    items = read([path], settings)
    assert len(items) == 3 and all(isinstance(item, RawDocument) for item in items)
    err = read([path], settings.with_options(max_records_file_bytes=2048))[0]
    assert isinstance(err, ErrorRecord) and err.error == "file too large"
    assert "--max-file-mb" in err.detail


def test_missing_path_and_unsupported_type(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "gone.txt"
    odd = write(tmp_path / "slides.PPTX", b"PK\x03\x04")
    items = read([missing, odd, write(tmp_path / "ok.TXT", EN_1)])
    assert [type(i).__name__ for i in items] == ["ErrorRecord", "ErrorRecord", "RawDocument"]
    gone, unsupported = items[0], items[1]
    assert isinstance(gone, ErrorRecord) and gone.error == "file not found" and gone.source == str(missing)
    assert isinstance(unsupported, ErrorRecord) and unsupported.error == "unsupported file type .pptx"
    assert ".txt" in unsupported.detail and ".csv" in unsupported.detail


def test_empty_folder_and_duplicates(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    write(tmp_path / "empty" / ".only_hidden.txt", "x")
    one = write(tmp_path / "one.txt", EN_1)
    items = read([tmp_path / "empty", one, str(one)])
    assert isinstance(items[0], ErrorRecord) and items[0].error == "no input files in folder"
    assert len(docs_of(items)) == 1  # the same file named twice is read once


def test_explicit_hidden_file_is_read(tmp_path: Path) -> None:
    [doc] = read([write(tmp_path / ".draft.txt", EN_1)])
    assert isinstance(doc, RawDocument)


def test_read_inputs_is_lazy(tmp_path: Path) -> None:
    first = write(tmp_path / "1.txt", AR_1)
    later = tmp_path / "2.txt"
    stream = read_inputs([first, later], SETTINGS)
    assert isinstance(stream, Iterator)
    doc = next(stream)
    assert isinstance(doc, RawDocument) and doc.text == AR_1
    write(later, AR_2)  # created after the first document was handed out, still read
    doc2 = next(stream)
    assert isinstance(doc2, RawDocument) and doc2.text == AR_2


def test_a_single_path_string_is_not_split_into_characters(tmp_path: Path) -> None:
    path = write(tmp_path / "single.txt", FA_1)
    items = list(read_inputs(str(path), SETTINGS))  # a bare str is also a Sequence[str]
    assert len(items) == 1 and isinstance(items[0], RawDocument)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(SUPPORTED_EXTENSIONS))
def test_arbitrary_bytes_never_raise(data: bytes, extension: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{extension}"
        path.write_bytes(data)
        items = read([path])
    assert items
    assert all(isinstance(i, RawDocument | ErrorRecord) for i in items)
    for item in items:
        if isinstance(item, ErrorRecord):
            assert item.error != "could not read file", item.detail  # only expected errors
        else:
            assert item.text.strip()


def test_csv_with_a_stray_carriage_return_is_a_clear_error(tmp_path: Path) -> None:
    # Found by hypothesis: b"\r\x1a" made the delimiter sniffing raise csv.Error.
    path = tmp_path / "odd.csv"
    path.write_bytes(b"\r\x1a")
    items = read([path])
    assert items and all(isinstance(i, ErrorRecord) for i in items)
    assert all(i.error != "could not read file" for i in items if isinstance(i, ErrorRecord))


def test_a_records_file_is_hashed_once_not_per_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Hashing the whole file for each record made reading a 30,000-record export quadratic.
    import rasad.ingest.base as base

    calls: list[int] = []
    real = base.sha256_bytes
    monkeypatch.setattr(base, "sha256_bytes", lambda data: calls.append(len(data)) or real(data))
    line = json.dumps({"title": "عنوان", "text": "نص الخبر الكامل هنا"}, ensure_ascii=False) + "\n"
    items = read([write(tmp_path / "export.jsonl", line * 5)])
    assert len(items) == 5 and len({item.source.sha256 for item in items if isinstance(item, RawDocument)}) == 1
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("وزعت الوزارة &#8220;دليل المعلم&#8221; على المدارس", "وزعت الوزارة “دليل المعلم” على المدارس"),
        ("Trade &amp; energy talks resume", "Trade & energy talks resume"),
        ("R&D spending rises &#x2014; again", "R&D spending rises — again"),
        ("R&D spending rises", "R&D spending rises"),  # no reference: untouched
    ],
)
def test_a_records_title_has_its_html_character_references_resolved(tmp_path: Path, title: str,
                                                                     expected: str) -> None:
    """Exports of scraped news (JSON, CSV) carry titles with the references the scraper left."""
    record = json.dumps({"title": title, "text": "نص الخبر الكامل هنا. وفيه جملة ثانية أطول قليلا."})
    [doc] = read([write(tmp_path / "news.jsonl", record + "\n")])
    assert isinstance(doc, RawDocument)
    assert doc.title == expected
