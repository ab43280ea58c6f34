"""report.html's Stories and Recycled text sections, from hand-made stories.json and reuse.json."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from rasad.report.corpus_views import evidence_lines
from rasad.report.html import write_report
from rasad.report.textcode import unpack

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'
AR_TEXT = "دير الزور - سانا\nشهدت مدينة دير الزور ازدحاماً شديداً أمام الأفران بعد تأخر وصول الطحين."
AR_COPY = "دير الزور - الوطن\nشهدت مدينة دير الزور ازدحاماً كبيراً أمام الأفران بعد تأخر وصول الطحين."
FA_TEXT = "ساکنان شهر دیرالزور ساعت‌ها در صف نانوایی‌ها ماندند."
EN_TEXT = "Residents of Deir Ezzor queued for hours outside bakeries on Sunday."


def _article(article_id: str, lang: str, title: str, text: str, outlet: str | None, published: str | None) -> dict:
    return {"id": article_id, "source": {"path": f"{article_id}.txt", "sha256": "0", "format": "txt"},
            "lang": lang, "title": title, "outlet": outlet, "cited_outlets": [], "published": published,
            "text": text, "removed": [], "entities": [], "times": [], "quantities": [], "attributions": [],
            "claims": []}


ARTICLES = [
    _article("ar1", "ar", "أزمة خبز في دير الزور", AR_TEXT, "SANA", "2024-02-11"),
    _article("ar2", "ar", "طوابير أمام أفران دير الزور", AR_COPY, "Al-Watan (Syria)", "2024-02-12"),
    _article("fa1", "fa", "صف‌های طولانی نان در دیرالزور", FA_TEXT, "IRNA", "2024-02-12"),
    _article("en1", "en", "Bread queues return to Deir Ezzor", EN_TEXT, "AFP", "2024-02-11"),
    _article("en2", "en", EVIL, "An unrelated article about a book fair in Tehran.", EVIL, None),
]
STORIES = [
    {"id": "story:ar1", "title_en": "Deir ez-Zor: 12 bakeries " + EVIL, "articles": ["ar1", "ar2", "fa1", "en1"],
     "languages": ["ar", "en", "fa"], "outlets": ["AFP", "IRNA", "SANA", "Al-Watan (Syria)"],
     "first_published": "2024-02-11", "last_published": "2024-02-12",
     "evidence": [
         {"article": "ar2", "linked_to": "ar1", "score": 9.5, "similarity": 0.93,
          "entities": [{"key": "e:gpe:deir-ez-zor", "label": "Deir ez-Zor", "weight": 0.59}],
          "numbers": [{"key": "n:12", "label": "12 فرناً", "weight": 0.8}, {"label": EVIL}]},
         {"article": "fa1", "linked_to": "ar1", "score": 4.1, "names": [{"key": "t:dyrzwr", "label": "دیرالزور"}]},
         {"article": "en1", "linked_to": "ar1", "similarity": 0.41, "dates": [{"label": "2024-02-11"}]},
     ]},
    {"id": "story:en2", "title_en": "Tehran book fair", "articles": ["en2"], "languages": ["en"], "outlets": [],
     "first_published": None, "last_published": None, "evidence": []},
]
A_START = AR_TEXT.index("شهدت")
B_START = AR_COPY.index("شهدت")
REUSE = [
    {"a": "ar1", "b": "ar2", "kind": "near_duplicate", "similarity": 0.871, "first": "ar1", "rule": EVIL,
     "passages": [{"a_start": A_START, "a_end": len(AR_TEXT), "b_start": B_START, "b_end": len(AR_COPY)},
                  {"a_start": 5, "a_end": 10_000, "b_start": 0, "b_end": 3},  # offsets past the text: skipped
                  {"a_start": "x"}]},  # malformed: skipped
    {"a": "en1", "b": "en2", "kind": "partial", "similarity": None, "first": None,
     "passages": [{"a_start": 0, "a_end": 9, "b_start": 0, "b_end": 2}]},
]


def _out(tmp_path: Path, stories: Any = None, reuse: Any = None) -> Path:
    with (tmp_path / "articles.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES)
    (tmp_path / "errors.jsonl").write_text("", encoding="utf-8")
    for name, value in (("stories.json", stories), ("reuse.json", reuse)):
        if value is not None:
            (tmp_path / name).write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def _payload(html: str) -> dict:
    found = re.search(r'id="rasad-index">([^<]*)</script>', html)
    assert found
    return unpack(found.group(1))


@pytest.fixture()
def index(tmp_path: Path) -> dict:
    return _payload(write_report(_out(tmp_path, STORIES, REUSE)).read_text("latin-1"))


def test_sections_are_marked_present_only_when_the_files_exist(tmp_path: Path) -> None:
    plain = _payload(write_report(_out(tmp_path)).read_text("latin-1"))
    assert not plain["meta"]["present"]["stories.json"] and not plain["meta"]["present"]["reuse.json"]
    empty = _payload(write_report(_out(tmp_path, [], [])).read_text("latin-1"))
    assert empty["meta"]["present"]["stories.json"] and empty["meta"]["present"]["reuse.json"]


def test_hostile_strings_stay_out_of_the_markup(tmp_path: Path) -> None:
    html = write_report(_out(tmp_path, STORIES, REUSE)).read_text("latin-1")
    assert "<script>alert" not in html and "<img src=x" not in html


def test_story_card_lists_members_in_every_language_with_their_evidence(index: dict) -> None:
    assert len(index["stories"]) == 1  # the single-article story is no card
    story = index["stories"][0]
    titles = [index["articles"]["title"][m] for m in story["members"]]
    assert titles[:3] == ["أزمة خبز في دير الزور", "طوابير أمام أفران دير الزور", "صف‌های طولانی نان در دیرالزور"]
    evidence = dict((m, lines) for m, lines in story["evidence"])
    assert evidence[1] == [["linked to", ["أزمة خبز في دير الزور"]], ["score", ["9.5"]], ["similarity", ["0.93"]],
                           ["entities", ["Deir ez-Zor (0.59)"]], ["numbers", ["12 فرناً (0.8)", EVIL]]]
    assert 0 not in evidence  # ar1 has no evidence record: it started the story
    assert index["articles"]["story"] == [0, 0, 0, 0, -1]


def test_reuse_pair_keeps_valid_passages_and_who_was_first(index: dict) -> None:
    first, second = index["reuse"]
    assert first["passages"] == [[A_START, len(AR_TEXT), B_START, len(AR_COPY)], [5, 10_000, 0, 3]]
    assert (first["first"], second["first"]) == ("a", None)
    assert (first["a"], first["b"]) == (0, 1)


def test_the_report_is_written_in_pieces(tmp_path: Path) -> None:
    """The page is streamed to the file, never built as one string."""
    from rasad.report.html import render_report

    (tmp_path / "articles.jsonl").write_text(json.dumps({"id": "a1", "lang": "ar", "text": AR_TEXT,
                                                         "source": {"path": "a.txt"}}, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
    pieces = list(render_report(tmp_path))
    assert len(pieces) > 1


@pytest.mark.parametrize(("item", "expected"), [
    ({"article": "a", "cited": ["Sputnik"]}, [("cited", ["Sputnik"])]),
    ({"article": "a", "linked_to": "gone"}, [("linked to", ["gone"])]),  # unknown article: its id
    ({"article": "a", "title_words": [{"key": "w:ar:خبز"}], "empty": []}, [("title words", ["w:ar:خبز"])]),
])
def test_evidence_lines_show_any_evidence_field(item: dict, expected: list) -> None:
    assert evidence_lines(item, {}) == expected
