"""report.html: self-contained, strict CSP, every value carried as data (never as markup), search keys
folded the way the page folds a query, and every section's data built from the output folder."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.report.data import CHUNK_ARTICLES, article_detail, chain_names, search_key
from rasad.report.html import direction, write_report
from rasad.report.textcode import unpack, unpack_chunk
from rasad.text.fold import SEARCH, fold, search_rules

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)><a href="javascript:alert(2)">x</a>'


def _write_out(tmp_path: Path, records: list[dict], errors: list[dict] | None = None, **files: Any) -> Path:
    with (tmp_path / "articles.jsonl").open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    (tmp_path / "errors.jsonl").write_text(
        "".join(json.dumps(e) + "\n" for e in errors or []), encoding="utf-8")
    for name, value in files.items():
        (tmp_path / f"{name}.json").write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def _record(**overrides: object) -> dict:
    rec: dict = {"id": "a1", "source": {"path": "x.txt", "sha256": "0", "format": "txt"}, "lang": "ar",
                 "title": "عنوان", "outlet": "SANA", "country": "SY", "state_affiliation": "Syrian state news agency",
                 "cited_outlets": ["Sputnik"], "published": "2024-03-05",
                 "text": "قال مسؤول في الحسكة إن 40 شخصاً وصلوا.", "removed": [], "entities": [], "times": [],
                 "quantities": [], "attributions": [], "claims": []}
    rec.update(overrides)
    return rec


def _payload(html: str) -> tuple[dict, list[list[dict]]]:
    index = re.search(r'<script type="application/octet-stream" id="rasad-index">([^<]*)</script>', html)
    assert index, "the report carries its index"
    chunks = re.findall(r'<script type="application/octet-stream" id="chunk-\d+">([^<]*)</script>', html)
    return unpack(index.group(1)), [unpack_chunk(c) for c in chunks]


@pytest.mark.parametrize(("lang", "expected"), [("ar", "rtl"), ("fa", "rtl"), ("en", "ltr"), ("und", "auto")])
def test_direction(lang: str, expected: str) -> None:
    assert direction(lang) == expected


def test_hostile_values_are_data_never_markup(tmp_path: Path) -> None:
    rec = _record(title=EVIL, text=EVIL + " نص عربي طويل بما يكفي", outlet=EVIL,
                  removed=[{"kind": "boilerplate", "text": EVIL}])
    errors = [{"source": EVIL, "error": EVIL, "detail": EVIL}]
    html = write_report(_write_out(tmp_path, [rec], errors)).read_text("latin-1")
    for fragment in ("<script>alert", "<img src=x", "onerror=", "javascript:"):
        assert fragment not in html
    index, chunks = _payload(html)
    assert index["articles"]["title"] == [EVIL]  # kept raw: the page puts it in as text
    assert chunks[0][0]["removed"] == [{"kind": "boilerplate", "text": EVIL}]


def test_strict_csp_allows_only_the_reports_own_script(tmp_path: Path) -> None:
    html = write_report(_write_out(tmp_path, [_record()])).read_text("latin-1")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp
    policy = dict(part.strip().split(" ", 1) for part in csp.group(1).split(";"))
    assert policy["default-src"] == "'none'"
    assert re.fullmatch(r"'sha256-[A-Za-z0-9+/=]+'", policy["script-src"])  # no 'unsafe-inline' scripts
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    assert len(scripts) == 1


def test_report_is_self_contained(tmp_path: Path) -> None:
    html = write_report(_write_out(tmp_path, [_record()])).read_text("latin-1")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "report must not load anything remote"
    assert "@import" not in html and "url(" not in html
    index, _ = _payload(html)
    outlet = index["outlets"][0]
    assert (outlet["name"], outlet["country"], outlet["state"]) == ("SANA", "SY", "Syrian state news agency")
    assert outlet["cites"] == [["Sputnik", 1]]


@given(st.text(alphabet=st.sampled_from(list("الأإآحسكةهیيكکى ـًّ٠١۲۳Hasakah\u200c\u200f\u00a0\u0621 ")), max_size=30))
def test_the_page_folds_a_query_like_python(text: str) -> None:
    """The page folds with the exported table, then lower-cases and squashes spaces: the same keys."""
    table = search_rules()["table"]
    page_side = " ".join("".join(table.get(ch, ch) for ch in text).lower().split())
    assert page_side == fold(text, SEARCH)


@pytest.mark.parametrize("query", ["الحسكه", "حسکه", "Hasakah", "الحسكة", "hasakah"])
def test_spelling_variants_find_the_entity_key(query: str) -> None:
    key = search_key("gpe:hasakah", "Hasakah", "الحسكة", "حسكة", "حسکه")
    assert fold(query, SEARCH) in key


def test_articles_find_their_entities_and_stories(tmp_path: Path) -> None:
    ents = [{"start": 12, "end": 18, "text": "الحسكة", "type": "GPE", "entity_id": "gpe:hasakah",
             "rule": "gazetteer:kb"}]
    records = [_record(entities=ents), _record(id="b2", lang="fa", title="حسکه", entities=[]),
               _record(id="c3", lang="en", title="Hasakah", text="In Hasakah.", entities=[])]
    entities = [{"id": "gpe:hasakah", "type": "GPE", "name_en": "Hasakah", "names": {"ar": ["الحسكة"], "fa": ["حسکه"]},
                 "lat": 36.5, "lon": 40.7, "articles": ["a1"], "mentions": 1}]
    stories = [{"id": "s1", "title_en": "Hasakah", "articles": ["a1", "c3"], "languages": ["ar", "en"],
                "first_published": "2024-03-05", "evidence": [{"article": "c3", "linked_to": "a1", "score": 2.0}]}]
    out = _write_out(tmp_path, records, entities=entities, stories=stories)
    index, _ = _payload(write_report(out).read_text("latin-1"))
    arts = index["articles"]
    assert arts["ents"] == [[0], [], []]
    assert arts["story"] == [0, -1, 0]
    assert index["stories"][0]["evidence"] == [[2, [["linked to", ["عنوان"]], ["score", ["2"]]]]]
    assert index["entities"]["lat"] == [36.5]
    assert index["entities"]["names"] == [{"ar": ["الحسكة"], "fa": ["حسکه"]}]  # every name, for the search key


def test_article_texts_are_chunked(tmp_path: Path) -> None:
    records = [_record(id=f"a{i}", title=f"t{i}") for i in range(CHUNK_ARTICLES + 5)]
    index, chunks = _payload(write_report(_write_out(tmp_path, records)).read_text("latin-1"))
    assert len(chunks) == 2 and len(chunks[1]) == 5
    assert index["meta"]["chunk"] == CHUNK_ARTICLES


@pytest.mark.parametrize(
    ("quantity", "label"),
    [
        ({"value": None, "low": 20, "high": 99, "approximate": True, "counted": "trucks", "kind": "count"},
         "20–99 trucks"),
        ({"value": 2, "counted": "batches", "kind": "ordinal"}, "2nd (ordinal) batches"),
        ({"value": 40, "counted": "prisoners", "kind": "count"}, "40 prisoners"),
        ({"value": 11.4, "counted": None, "kind": "time"}, "11:24 (time of day)"),  # a clock time, not 11.4
        ({"value": 9 + 5 / 60, "counted": None, "kind": "time"}, "9:05 (time of day)"),
    ],
)
def test_quantity_values_are_readable(quantity: dict, label: str) -> None:
    text = "وصلت عشرات الشاحنات"
    detail = article_detail({"text": text, "quantities": [{"start": 5, "end": 10, "text": "عشرات", **quantity}]}, {})
    assert detail["qty"] == [[5, 10, label, ""]]


def test_a_clock_time_expression_says_it_is_a_time_of_day() -> None:
    text = "The blast came at 2 a.m. on 5 May."
    times = [{"start": 18, "end": 24, "text": "2 a.m.", "value": None, "granularity": "time", "rule": "timex:clock"},
             {"start": 28, "end": 33, "text": "5 May", "value": "--05-05", "granularity": "day", "rule": "t"}]
    detail = article_detail({"text": text, "times": times}, {})
    assert [t[2] for t in detail["time"]] == ["time of day", "--05-05"]


def test_spans_with_bad_offsets_are_left_out() -> None:
    rec = {"text": "abcdef", "entities": [{"start": 0, "end": 4, "type": "ORG"}, {"start": 4, "end": 99, "type": "LOC"},
                                          {"start": 3, "end": 3, "type": "LOC"}, {"start": "x", "end": 2}]}
    assert [e[:3] for e in article_detail(rec, {})["ent"]] == [[0, 4, "ORG"]]


def test_sources_show_their_chain() -> None:
    attribution = {"start": 0, "end": 12, "text": "قال مصادر", "source": "مصادر", "source_kind": "anonymous",
                   "cited_outlet": "Sputnik", "chain": [{"role": "outlet", "name": "SANA"},
                                                        {"role": "cited_outlet", "name": "Sputnik"},
                                                        {"role": "source", "name": "مصادر", "kind": "anonymous"}]}
    assert chain_names(attribution, "SANA") == ["SANA", "Sputnik", "مصادر (anonymous)"]
    no_chain = {k: v for k, v in attribution.items() if k != "chain"}
    assert chain_names(no_chain, "SANA") == ["SANA", "Sputnik", "مصادر (anonymous)"]


def test_contradictions_and_repeated_claims(tmp_path: Path) -> None:
    claim = {"id": "c1", "start": 0, "end": 10, "sentence": "نقل 40 معتقلاً", "english": "40 detainees moved",
             "certainty": "asserted", "action": "transfer", "attribution": None}
    out = _write_out(tmp_path, [_record(claims=[claim]), _record(id="b2", outlet="IRNA", claims=[claim])],
                     contradictions=[{"story": "s", "slot": "number of detainees", "values": [
                         {"value": 40, "article": "a1", "text": "40", "source": "مصادر", "source_kind": "anonymous"},
                         {"value": 750, "article": "b2", "text": "750", "outlet": "IRNA"}]}],
                     claim_clusters=[{"id": "cc", "english": "40 detainees moved", "action": "transfer",
                                      "claims": ["a1#c1", "b2#c1"], "articles": ["a1", "b2"],
                                      "first": {"article": "a1", "outlet": "SANA"},
                                      "repeated_by": [{"article": "b2", "outlet": "IRNA"}]}])
    index, _ = _payload(write_report(out).read_text("latin-1"))
    values = index["contradictions"][0]["values"]
    assert [(v["value"], v["article"], v["chain"]) for v in values] == [(40, 0, ["مصادر (anonymous)"]),
                                                                        (750, 1, ["IRNA"])]
    assert [c[6] for c in index["claims"]] == [0, 0]  # both claims belong to cluster 0
    assert index["clusters"][0]["first"]["article"] == 0 and index["clusters"][0]["repeated"][0]["article"] == 1


def test_narratives_and_loaded_terms_when_present(tmp_path: Path) -> None:
    loaded = [{"start": 0, "end": 3, "text": "قال", "neutral": "said", "category": "verb", "rule": "lexicon"}]
    records = [_record(loaded_terms=loaded), _record(id="b2")]
    narratives = [{"id": "n1", "name": "Occupation", "description": "d", "kind": "catalogue", "articles": ["a1", "zz"],
                   "claims": ["a1#c1"], "outlets": ["SANA"], "languages": ["ar"], "first_seen": "2024-03-05",
                   "last_seen": "2024-03-05", "timeline": [{"date": "2024-03-05", "count": 1}], "bucket": "day",
                   "outlet_first": [{"outlet": "SANA", "first_seen": "2024-03-05", "last_seen": "2024-03-05",
                                     "articles": 1, "languages": ["ar"]}],
                   "graph": [{"from": "SANA", "to": "IRNA", "kind": "reuse", "count": 2}],
                   "loaded_terms": [{"outlet": "SANA", "total": 1,
                                     "terms": [{"text": "قال", "neutral": "said", "category": "verb", "count": 1}]}]}]
    index, chunks = _payload(write_report(_write_out(tmp_path, records, narratives=narratives)).read_text("latin-1"))
    assert index["narratives"][0]["articles"] == [0]  # unknown article ids are left out
    narrative = index["narratives"][0]
    assert narrative["timeline"] == [["2024-03-05", 1]]
    assert narrative["outlet_first"] == [["SANA", "2024-03-05", "2024-03-05", 1, ["ar"]]]
    assert narrative["graph"] == [["SANA", "IRNA", "reuse", 2]]
    assert narrative["loaded"] == [["SANA", [["قال", "said", 1]]]]
    assert index["outlets"][0]["loaded"] == [["قال", "said", 1]]
    assert chunks[0][0]["loaded"] == [[0, 3, "said", "verb"]]
    assert index["meta"]["present"]["narratives.json"] is True


def test_a_folder_without_corpus_outputs_still_has_a_report(tmp_path: Path) -> None:
    index, chunks = _payload(write_report(_write_out(tmp_path, [_record()])).read_text("latin-1"))
    assert index["stories"] == [] and index["narratives"] == [] and index["reuse"] == []
    assert not any(index["meta"]["present"].values())
    assert chunks[0][0]["text"].startswith("قال")


def test_the_report_and_serve_import_no_extractor() -> None:
    """The report and the served UI read an output folder; they share labels through `rasad.render`,
    never the extractors (which load language data and models)."""
    import subprocess
    import sys

    code = ("import sys, rasad.report.html, rasad.serve.records; "
            "print(sorted(m for m in sys.modules if m.startswith('rasad.extract')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
