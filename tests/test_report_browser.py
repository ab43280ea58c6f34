"""report.html in a real browser (Debian's Chromium through Playwright): every view draws without a
console error or a request off the machine, Arabic is laid out right to left, a planted XSS article
runs nothing, search finds one place written in three scripts, and the 5,000-article report stays
within 8 MB and works. Screenshots of the views go to artifacts/browser/ (timings: benchmarks/bench_report.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rasad.report.html import write_report
from report_browser import Watched, chromium, open_report, screenshot, show
from report_corpus import synthetic_folder

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: would flip the text after it if not isolated
XSS = ('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2; alert(2)">'
       '<a href="javascript:window.__pwned = 3">click</a>' + RLO + "flipped")
VIEWS = ("overview", "articles", "stories", "claims", "contradictions", "reuse", "narratives", "map", "entities",
         "article/0", "article/3")


def _article(aid: str, lang: str, title: str, text: str, outlet: str, **extra: Any) -> dict:
    return {"id": aid, "source": {"path": f"{aid}.txt"}, "lang": lang, "title": title, "outlet": outlet,
            "country": "SY", "state_affiliation": "Syrian state news agency", "cited_outlets": ["Sputnik"],
            "published": "2024-03-05", "text": text, "removed": [{"kind": "boilerplate", "text": "اقرأ أيضاً"}],
            "entities": [], "times": [], "quantities": [], "attributions": [], "claims": [], **extra}


def _place(text: str, name: str) -> list[dict]:
    start = text.index(name)
    return [{"start": start, "end": start + len(name), "text": name, "type": "GPE", "entity_id": "gpe:hasakah",
             "rule": "gazetteer:kb"}]


AR = "قال مسؤول في مدينة الحسكة إن 40 شاحنة وصلت أمس إلى المدينة."
FA = "مسئولان در حسکه گفتند ۴۰ کامیون دیروز به شهر رسید."
EN = "Officials in Hasakah said 40 trucks reached the city on Monday."


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser-report")
    claim = {"id": "c1", "start": 0, "end": len(AR), "sentence": AR, "english": "40 trucks arrived in Hasakah",
             "certainty": "asserted", "action": "transfer",
             "attribution": {"source": "مسؤول", "source_kind": "official",
                             "chain": [{"name": "SANA"}, {"name": "مسؤول", "kind": "official"}]}}
    records = [
        _article("ar1", "ar", "وصول شاحنات إلى الحسكة", AR, "SANA", entities=_place(AR, "الحسكة"), claims=[claim],
                 quantities=[{"start": AR.index("40"), "end": AR.index("40") + 2, "text": "40", "value": 40,
                              "counted": "trucks", "kind": "count", "rule": "quantity:digits+noun"}],
                 loaded_terms=[{"start": 0, "end": 3, "text": "قال", "neutral": "said", "category": "verb",
                                "rule": "test"}]),
        _article("fa1", "fa", "رسیدن کامیون‌ها به حسکه", FA, "IRNA", entities=_place(FA, "حسکه")),
        _article("en1", "en", "Trucks reach Hasakah", EN, "Reuters", entities=_place(EN, "Hasakah")),
        _article("x1", "en", XSS + " " + RLO + "evil title", XSS + " body " + RLO + "reversed?", XSS,
                 removed=[{"kind": "boilerplate", "text": XSS}]),
        _article("u1", "ar", "معرض الكتاب في دمشق", "افتتح معرض الكتاب في دمشق اليوم.", "SANA"),
        _article("d1", "en", "A date that is only a month", "No day.", "Reuters", published="2023-11"),
    ]
    with (out / "articles.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    files = {
        "entities.json": [{"id": "gpe:hasakah", "type": "GPE", "name_en": "Hasakah",
                           "names": {"ar": ["الحسكة"], "fa": ["حسکه"], "en": ["Hasakah"]}, "lat": 36.5, "lon": 40.75,
                           "articles": ["ar1", "fa1", "en1"], "mentions": 3},
                          {"id": "x:per:evil", "type": "PER", "name_en": XSS, "names": {"en": [XSS]},
                           "articles": ["x1"], "mentions": 1}],
        "stories.json": [{"id": "story:ar1", "title_en": "Trucks reach Hasakah " + XSS,
                          "articles": ["ar1", "fa1", "en1", "x1"], "languages": ["ar", "en", "fa"],
                          "first_published": "2024-03-05", "evidence": [{"article": "fa1", "linked_to": "ar1",
                                                                          "names": [{"label": XSS}]}]}],
        "reuse.json": [{"a": "ar1", "b": "u1", "kind": "partial", "similarity": 0.4, "first": "ar1",
                        "passages": [{"a_start": 0, "a_end": 9, "b_start": 0, "b_end": 5}]}],
        "claim_clusters.json": [{"id": "cc1", "english": "40 trucks arrived " + XSS, "action": "transfer",
                                 "claims": ["ar1#c1"], "articles": ["ar1", "x1"],
                                 "first": {"article": "ar1"}, "repeated_by": [{"article": "x1"}]}],
        "contradictions.json": [{"story": "story:ar1", "slot": "number of trucks", "values": [
            {"value": 40, "article": "ar1", "text": "40", "source": "مسؤول", "source_kind": "official"},
            {"value": 60, "article": "x1", "text": XSS, "outlet": XSS}]}],
        "narratives.json": [{"id": "n1", "name": "Aid convoys " + XSS, "description": XSS, "kind": "catalogue",
                             "articles": ["ar1", "fa1", "en1"], "claims": ["ar1#c1"], "outlets": ["SANA"],
                             "languages": ["ar", "fa", "en"], "first_seen": "2024-03-05", "last_seen": "2024-03-05",
                             "timeline": [{"date": "2024-03-05", "count": 3}], "bucket": "day",
                             "outlet_first": [{"outlet": XSS, "first_seen": "2024-03-05", "articles": ["ar1"],
                                               "languages": ["ar"]}],
                             "graph": [{"from": "SANA", "to": XSS, "kind": "reuse", "count": 1}],
                             "loaded_terms": [{"outlet": "SANA", "terms": [{"text": XSS, "neutral": "said",
                                                                           "count": 1}]}]}],
    }
    for name, value in files.items():
        (out / name).write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    (out / "errors.jsonl").write_text(json.dumps({"source": XSS, "error": "bad", "detail": XSS}) + "\n", "utf-8")
    return write_report(out)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture()
def watched(browser: Any, report: Path) -> Iterator[Watched]:
    w = open_report(browser, report)
    yield w
    w.page.close()


def test_every_view_draws_without_errors_or_network(watched: Watched) -> None:
    for view in VIEWS:
        show(watched, view)
        if view == "reuse":
            watched.page.click("details summary")
            watched.page.wait_for_selector("mark.reuse")
        if view == "narratives":
            for summary in watched.page.query_selector_all("details summary"):
                summary.click()
        heading = watched.page.text_content("#view h2")
        assert heading, f"view {view} drew nothing"
        screenshot(watched, f"fixture-{view.replace('/', '-')}")
    assert watched.problems() == []


@pytest.mark.parametrize(("view", "selector", "expected"), [
    ("article/0", "#article-text", "rtl"),
    ("article/1", "#article-text", "rtl"),
    ("article/2", "#article-text", "ltr"),
    ("articles", "a[href='#article/0']", "rtl"),  # dir=auto on an Arabic title
    ("articles", "a[href='#article/1']", "rtl"),
])
def test_direction_is_computed_from_the_text(watched: Watched, view: str, selector: str, expected: str) -> None:
    show(watched, view)
    assert watched.page.eval_on_selector(selector, "el => getComputedStyle(el).direction") == expected


def test_planted_xss_runs_nothing(watched: Watched) -> None:
    page = watched.page
    for view in VIEWS:
        show(watched, view)
        assert page.evaluate("window.__pwned") is None, view
        assert page.evaluate("document.querySelectorAll('img, [onerror], a[href^=\"javascript:\"]').length") == 0
    show(watched, "article/3")
    assert "<script>window.__pwned = 1</script>" in (page.text_content("#article-text") or "")
    assert watched.problems() == []


def test_bidi_controls_are_isolated(watched: Watched) -> None:
    """In every view, each element whose own text holds a right-to-left override is isolated from its
    neighbours: by CSS (<bdi>, dir=auto), or, where no element can be (an <option>, SVG text), by
    Unicode isolates (FSI … PDI) around the value."""
    page = watched.page
    leaks = {}
    for view in VIEWS:
        show(watched, view)
        if view in ("reuse", "narratives"):
            for summary in page.query_selector_all("details summary"):
                summary.click()
        found = page.evaluate("""rlo => [...document.querySelectorAll('#view *')]
            .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.data.includes(rlo)))
            .map(el => [el.tagName, getComputedStyle(el).unicodeBidi,
                        [...el.childNodes].filter(n => n.nodeType === 3 && n.data.includes(rlo))
                          .every(n => /\u2068[^\u2069]*\u202e[^\u2069]*\u2069/.test(n.data))])""", RLO)
        leaks[view] = [f for f in found if f[1] not in {"isolate", "plaintext", "isolate-override"} and not f[2]]
    assert any(leaks.values()) is False, leaks


@pytest.mark.parametrize("query", ["الحسكه", "حسکه", "Hasakah", "hasakah", "الحسكة"])
def test_search_finds_spelling_variants_across_scripts(watched: Watched, query: str) -> None:
    show(watched, "articles")
    watched.page.fill("#q", query)
    assert watched.page.get_attribute("#count", "data-count") == "3"
    assert watched.problems() == []


def test_facets_narrow_the_articles(watched: Watched) -> None:
    show(watched, "articles")
    watched.page.select_option("select[name=lang]", label="fa (1)")
    assert watched.page.get_attribute("#count", "data-count") == "1"


@pytest.mark.parametrize("name", ["Hasakah", "حسکه"])
def test_the_entity_facet_takes_any_name(watched: Watched, name: str) -> None:
    show(watched, "articles")
    watched.page.fill("input[name=entity]", name)
    watched.page.dispatch_event("input[name=entity]", "change")
    assert watched.page.get_attribute("#count", "data-count") == "3"
    assert watched.page.is_visible(".chip")


def test_the_5000_article_report_is_small_and_works(browser: Any, tmp_path: Path) -> None:
    out = synthetic_folder(tmp_path / "out", 5000)
    report = write_report(out)
    size = report.stat().st_size
    assert size <= 8 * 1024 * 1024, f"{size / 1e6:.1f} MB"
    watched = open_report(browser, report, "articles")
    watched.page.locator("#q").press_sequentially("Hasakah")
    assert watched.page.get_attribute("#count", "data-count") == str(len(range(0, 5000, 7)))
    show(watched, "article/4999")
    assert "4999" in (watched.page.text_content("#article-text") or "")
    screenshot(watched, "synthetic5000-article")
    assert watched.problems() == []
