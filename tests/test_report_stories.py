"""report.html's Stories and Recycled text sections, from hand-made stories.json and reuse.json."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from rasad.report.corpus_views import MAX_PASSAGES, evidence_lines, reuse_rows, story_cards
from rasad.report.html import direction, write_report

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


@pytest.fixture()
def html(tmp_path: Path) -> str:
    return write_report(_out(tmp_path, STORIES, REUSE)).read_text("utf-8")


def _section(html: str, anchor: str) -> str:
    start = html.index(f'<h2 id="{anchor}">')
    end = html.find("<h2", start + 1)
    return html[start:end]


def test_sections_appear_only_when_the_files_exist(tmp_path: Path) -> None:
    plain = write_report(_out(tmp_path)).read_text("utf-8")
    assert 'id="stories"' not in plain and 'id="reuse"' not in plain
    empty = write_report(_out(tmp_path, [], [])).read_text("utf-8")
    assert '<h2 id="stories">' in empty and '<h2 id="reuse">' in empty


def test_hostile_strings_are_escaped_everywhere(html: str) -> None:
    for section in (_section(html, "stories"), _section(html, "reuse")):
        assert "&lt;script&gt;alert" in section
    assert "<script>alert" not in html
    assert "<img src=x" not in html


def test_story_card_lists_members_in_every_language_with_their_evidence(html: str) -> None:
    stories = _section(html, "stories")
    assert stories.count('<section class="story"') == 1  # the single-article story is only listed
    assert "1 single-article stories" in stories
    for title in ("أزمة خبز في دير الزور", "صف‌های طولانی نان در دیرالزور", "Bread queues return to Deir Ezzor"):
        assert title in stories
    # first published: SANA and AFP on 2024-02-11
    assert re.search(r"first published by <b>AFP, SANA</b>", stories)
    # evidence: linked article by title, scores, entity and number labels, each isolated in <bdi>
    assert "<b>linked to</b> <bdi" in stories
    assert '<bdi class="tag">12 فرناً (0.8)</bdi>' in stories
    assert '<bdi class="tag">Deir ez-Zor (0.59)</bdi>' in stories
    assert '<bdi class="tag">0.93</bdi>' in stories
    assert "seed of the story" in stories  # ar1 has no evidence record: it started the story


@pytest.mark.parametrize(("title", "lang", "expected"), [
    ("أزمة خبز في دير الزور", "ar", "rtl"),
    ("صف‌های طولانی نان در دیرالزور", "fa", "rtl"),
    ("Bread queues return to Deir Ezzor", "en", "ltr"),
])
def test_member_titles_carry_their_direction(html: str, title: str, lang: str, expected: str) -> None:
    stories = _section(html, "stories")
    assert re.search(rf'<td dir="{expected}" lang="{lang}" class="bidi"><a href="#a-\w+">{re.escape(title)}</a>',
                     stories)


def test_reuse_pair_shows_both_passages_right_to_left_and_who_was_first(html: str) -> None:
    reuse = _section(html, "reuse")
    assert reuse.count('<section class="pair"') == 2
    assert f'<div class="passage" dir="rtl" lang="ar">{AR_TEXT[A_START:]}</div>' in reuse
    assert f'<div class="passage" dir="rtl" lang="ar">{AR_COPY[B_START:]}</div>' in reuse
    assert "first: <b>SANA</b>" in reuse
    assert "2 more passage(s) not shown" in reuse  # the bad offsets are skipped, not a crash
    assert "who was first cannot be told" in reuse  # the pair with first = null
    assert "similarity <b>0.87</b>" in reuse and "similarity <b>—</b>" in reuse
    assert ".passage { white-space: pre-wrap; unicode-bidi: plaintext;" in html


def test_story_cards_put_larger_stories_first_and_keep_unknown_members() -> None:
    stories = [{"id": "s1", "articles": ["x", "y"]}, {"id": "s2", "articles": ["a", "b", "missing"]}]
    by_id = {k: {"id": k, "lang": "ar", "title": k, "published": None} for k in ("x", "y", "a", "b")}
    cards = story_cards(stories, by_id, direction)
    assert cards is not None
    assert [c["id"] for c in cards["cards"]] == ["s2", "s1"]
    assert {m["id"]: m["known"] for m in cards["cards"][0]["members"]} == {"a": True, "b": True, "missing": False}
    assert story_cards(None, by_id, direction) is None


def test_reuse_rows_cap_the_passages_shown() -> None:
    text = "word " * 50
    passages = [{"a_start": i, "a_end": i + 4, "b_start": i, "b_end": i + 4} for i in range(0, 50, 5)]
    rows = reuse_rows([{"a": "p", "b": "q", "kind": "duplicate", "passages": passages}],
                      {"p": {"text": text, "lang": "en"}, "q": {"text": text, "lang": "en"}}, direction)
    assert rows is not None
    row = rows["rows"][0]
    assert (len(row["passages"]), row["skipped"]) == (MAX_PASSAGES, len(passages) - MAX_PASSAGES)
    assert row["passages"][0] == ("word", "word")


def test_reuse_rows_read_only_the_texts_of_the_pairs_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    """The report never needs every article's text: only those of the pairs it shows."""
    import rasad.report.corpus_views as views

    monkeypatch.setattr(views, "MAX_PAIRS", 1)
    asked: list[set[str]] = []

    def texts(ids: set[str]) -> dict[str, str]:
        asked.append(set(ids))
        return {i: AR_TEXT for i in ids}

    by_id = {"p": {"id": "p", "published": "2024-02-01"}, "q": {"id": "q", "published": "2024-02-02"},
             "r": {"id": "r", "published": "2024-03-01"}, "s": {"id": "s", "published": "2024-03-02"}}
    pair = {"kind": "near_duplicate", "passages": [{"a_start": 0, "a_end": 9, "b_start": 0, "b_end": 9}]}
    rows = reuse_rows([{"a": "r", "b": "s", **pair}, {"a": "p", "b": "q", **pair}], by_id, direction, texts)
    assert rows is not None and rows["hidden"] == 1
    assert asked == [{"p", "q"}]
    assert rows["rows"][0]["passages"] == [(AR_TEXT[:9], AR_TEXT[:9])]


def test_the_report_is_written_in_pieces(tmp_path: Path) -> None:
    """The page is streamed to the file, never built as one string."""
    from rasad.report.html import render_report

    (tmp_path / "articles.jsonl").write_text(json.dumps({"id": "a1", "lang": "ar", "text": AR_TEXT,
                                                         "source": {"path": "a.txt"}}, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
    pieces = list(render_report(tmp_path))
    assert len(pieces) > 1
    assert "دير الزور" in "".join(pieces)


@pytest.mark.parametrize(("item", "expected"), [
    ({"article": "a", "cited": ["Sputnik"]}, [("cited", ["Sputnik"])]),
    ({"article": "a", "linked_to": "gone"}, [("linked to", ["gone"])]),  # unknown article: its id
    ({"article": "a", "title_words": [{"key": "w:ar:خبز"}], "empty": []}, [("title words", ["w:ar:خبز"])]),
])
def test_evidence_lines_show_any_evidence_field(item: dict, expected: list) -> None:
    assert evidence_lines(item, {}) == expected
