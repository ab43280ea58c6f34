"""report.html: self-contained, escaped, right-to-left where it should be."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rasad.report.html import direction, highlight, write_report


def _write_out(tmp_path: Path, records: list[dict], errors: list[dict] | None = None) -> Path:
    with (tmp_path / "articles.jsonl").open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    (tmp_path / "errors.jsonl").write_text(
        "".join(json.dumps(e) + "\n" for e in errors or []), encoding="utf-8")
    return tmp_path


def _record(**overrides: object) -> dict:
    rec: dict = {"id": "a1", "source": {"path": "x.txt", "sha256": "0", "format": "txt"}, "lang": "ar",
                 "title": "عنوان", "outlet": "SANA", "cited_outlets": ["Sputnik"], "published": "2024-03-05",
                 "text": "قال مسؤول في دمشق إن 40 شخصاً وصلوا.", "removed": [], "entities": [], "times": [],
                 "quantities": [], "attributions": [], "claims": []}
    rec.update(overrides)
    return rec


@pytest.mark.parametrize(("lang", "expected"), [("ar", "rtl"), ("fa", "rtl"), ("en", "ltr"), ("und", "auto")])
def test_direction(lang: str, expected: str) -> None:
    assert direction(lang) == expected


def test_hostile_values_are_escaped(tmp_path: Path) -> None:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    rec = _record(title=evil, text=evil + " نص عربي طويل بما يكفي", outlet=evil,
                  removed=[{"kind": "boilerplate", "text": evil}])
    out = _write_out(tmp_path, [rec], [{"source": evil, "error": evil, "detail": evil}])
    html = write_report(out).read_text("utf-8")
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert" in html


def test_report_is_self_contained_and_rtl(tmp_path: Path) -> None:
    out = _write_out(tmp_path, [_record(), _record(id="b2", lang="en", title="Title", text="An English text.")])
    html = write_report(out).read_text("utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "report must not load anything remote"
    assert 'dir="rtl" lang="ar"' in html
    assert 'dir="ltr" lang="en"' in html
    assert "Sputnik" in html and "2024-03-05" in html


def test_highlight_marks_spans_and_escapes() -> None:
    text = "a <b> Damascus"
    rec = {"entities": [{"start": 6, "end": 14, "text": "Damascus", "type": "GPE", "entity_id": "gpe:x"}]}
    html = str(highlight(text, rec))
    assert html.startswith("a &lt;b&gt; ")
    assert '<mark class="ent" title="GPE gpe:x">Damascus</mark>' in html


def test_highlight_skips_overlaps_and_bad_offsets() -> None:
    text = "abcdef"
    rec = {"entities": [{"start": 0, "end": 4, "type": "ORG"}, {"start": 2, "end": 5, "type": "LOC"},
                        {"start": 4, "end": 99, "type": "LOC"}]}
    html = str(highlight(text, rec))
    assert html.count("<mark") == 1
    assert html.endswith("ef")


@pytest.mark.parametrize(
    ("quantity", "label"),
    [
        ({"value": None, "low": 20, "high": 99, "approximate": True, "counted": "trucks", "kind": "count"},
         "20–99 trucks"),
        ({"value": 2, "counted": "batches", "kind": "ordinal"}, "2nd (ordinal)"),
        ({"value": 40, "counted": "prisoners", "kind": "count"}, "40 prisoners"),
    ],
)
def test_quantity_hover_label_is_readable(quantity: dict, label: str) -> None:
    text = "وصلت عشرات الشاحنات"
    rec = {"quantities": [{"start": 5, "end": 10, "text": "عشرات", **quantity}]}
    html = str(highlight(text, rec))
    assert f'title="{label}' in html
    assert "None" not in html


def test_sources_show_kind_and_chain_escaped(tmp_path: Path) -> None:
    evil = '<b onmouseover="x">مصادر</b>'
    attribution = {"start": 0, "end": 12, "text": "قال " + evil, "source": evil, "source_kind": "anonymous",
                   "verb": "said", "cited_outlet": "Sputnik", "rule": "ar:verb-source",
                   "chain": [{"role": "outlet", "name": "SANA"}, {"role": "cited_outlet", "name": "Sputnik"},
                             {"role": "source", "name": evil, "kind": "anonymous"}]}
    html = write_report(_write_out(tmp_path, [_record(attributions=[attribution])])).read_text("utf-8")
    assert "sources (1): anonymous 1" in html
    assert "<bdi>SANA</bdi> → <bdi>Sputnik</bdi> → <bdi>anonymous</bdi>" in html
    assert '<b onmouseover' not in html and "&lt;b onmouseover=" in html


def test_contradictions_and_repeated_claims_are_shown_escaped(tmp_path: Path) -> None:
    evil = "<script>x</script>"
    out = _write_out(tmp_path, [_record(), _record(id="b2", outlet="IRNA")])
    value = {"value": 40, "article": "a1", "start": 0, "end": 3, "text": evil, "source": "مصادر",
             "source_kind": "anonymous", "cited_outlet": None}
    (out / "contradictions.json").write_text(json.dumps([{"story": "s", "slot": "number of detainees", "values": [
        value, {**value, "value": 750, "article": "b2"}]}]), "utf-8")
    (out / "claim_clusters.json").write_text(json.dumps([{"id": "cc", "story": "s", "action": "transfer",
        "english": "US forces transferred 40 detainees " + evil, "articles": ["a1", "b2"],
        "first": {"article": "a1"}, "repeated_by": [{"article": "b2"}]}]), "utf-8")
    html = write_report(out).read_text("utf-8")
    assert 'id="contradictions"' in html and "number of detainees" in html and "<b>750</b>" in html
    assert 'id="claim-clusters"' in html and "US forces transferred 40 detainees" in html
    assert "<script>x</script>" not in html
