"""Evidence on every span: the rule (and score) that produced each entity, time, quantity and dateline,
documented in docs/OUTPUT.md and shown on hover in the report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rasad.analyze import analyze
from rasad.article import Entity
from rasad.extract.dateline import find_dateline
from rasad.extract.entities import find_entities, link_short_names
from rasad.extract.quantities import find_quantities
from rasad.extract.times import find_times
from rasad.outputs import read_articles
from rasad.report.data import article_detail, evidence
from rasad.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs" / "OUTPUT.md"


@pytest.mark.parametrize(
    ("text", "lang", "span", "rule", "link_rule"),
    [
        ("وصل وزير الخارجية إلى دمشق صباح اليوم", "ar", "دمشق", "gazetteer:kb", "kb:alias"),
        ("التقى المحافظ سليم الحداد بوفد من الأهالي", "ar", "سليم الحداد", "ner:crf-ar", "stable-id"),
        ("سافر علی به تهران.", "fa", "علی", "ner:crf-fa", "stable-id"),
        ("Officials in Paris said the talks would resume.", "en", "Paris", "en:capitalized-place", "geonames"),
        ("President Nadia Farouk opened the new bridge.", "en", "Nadia Farouk", "en:title+name", "stable-id"),
        ("Talks stalled, Karim Haddad said on Monday.", "en", "Karim Haddad", "en:name+speech-verb", "stable-id"),
        ("The Ministry of Water Resources issued a warning.", "en", "Ministry of Water Resources",
         "en:org-head-word", "stable-id"),
    ],
)
def test_entities_record_rule_and_link_rule(text: str, lang: str, span: str, rule: str, link_rule: str) -> None:
    found = {e.text: e for e in find_entities(text, lang)}
    assert span in found, found
    assert (found[span].rule, found[span].link_rule) == (rule, link_rule)
    if rule.startswith("ner:"):
        score = found[span].score
        assert score is not None and 0.0 < score <= 1.0
    else:
        assert found[span].score is None


def test_surname_alone_records_the_short_name_link() -> None:
    full = Entity(0, 11, "سليم الحداد", "PER", "x:per:aaa", rule="ner:crf-ar", link_rule="stable-id")
    short = Entity(30, 36, "الحداد", "PER", "x:per:bbb", rule="ner:crf-ar", score=0.8, link_rule="stable-id")
    linked = link_short_names([full, short], "ar")
    assert [(e.entity_id, e.link_rule) for e in linked] == [("x:per:aaa", "stable-id"), ("x:per:aaa", "short-name")]
    assert (linked[1].rule, linked[1].score) == ("ner:crf-ar", 0.8)


@pytest.mark.parametrize(
    ("text", "lang", "span", "rule"),
    [
        ("وفي 13 نيسان الماضي قالت الوزارة", "ar", "13 نيسان الماضي", "timex:levantine-month"),
        ("وفي 13 أبريل الماضي قالت الوزارة", "ar", "13 أبريل الماضي", "timex:egyptian-month"),
        ("عقد الاجتماع في 25/01/2022 في المدينة", "ar", "25/01/2022", "timex:numeric-date"),
        ("وصل الوفد أمس إلى المدينة", "ar", "أمس", "timex:relative-word"),
        ("رئیس‌جمهور آبان ۱۳۹۸ گفت", "fa", "آبان ۱۳۹۸", "timex:solar-month"),
        ("The council met 3 days ago in the city", "en", "3 days ago", "timex:n-units-ago"),
        ("The bridge was built in 2016 by the state", "en", "2016", "timex:year"),
    ],
)
def test_times_record_their_pattern(text: str, lang: str, span: str, rule: str) -> None:
    found = {t.text: t.rule for t in find_times(text, lang, "2023-06-01")}
    assert found.get(span) == rule, found


@pytest.mark.parametrize(
    ("text", "lang", "span", "rule"),
    [
        ("نقل نحو 12 ألفاً من مسلحي داعش", "ar", "نحو 12 ألفاً", "quantity:digits+noun"),
        ("أصيب خمسة جنود في الهجوم", "ar", "خمسة", "quantity:number-words+noun"),
        ("أطلق صاروخين على القاعدة", "ar", "صاروخين", "quantity:dual+noun"),
        ("ارتفعت الأسعار 15% خلال الشهر", "ar", "15%", "quantity:digits+percent"),
        ("عقد الاجتماع في 3/4/2023 في المدينة", "ar", "3/4/2023", "quantity:numeric-date"),
        ("In 2016, 40 ISIS fighters left", "en", "2016", "quantity:digits+year"),
    ],
)
def test_quantities_record_how_they_were_read(text: str, lang: str, span: str, rule: str) -> None:
    found = {q.text: q.rule for q in find_quantities(text, lang)}
    assert found.get(span) == rule, found


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("دمشق - سانا\nأعلنت الوزارة اليوم أن الطريق مفتوح.", "dateline:dash"),
        ("WASHINGTON (Reuters) - The talks ended without a deal.", "dateline:wire"),
        ("الثورة:\nأعلنت الوزارة اليوم أن الطريق مفتوح.", "dateline:colon"),
    ],
)
def test_datelines_record_their_form(text: str, rule: str) -> None:
    found = find_dateline(text)
    assert found is not None
    assert found.rule == rule


def test_report_shows_rule_score_and_link() -> None:
    text = "زار الوزير دمشق أمس"
    record = {
        "text": text,
        "entities": [{"start": 11, "end": 15, "type": "GPE", "entity_id": "gpe:damascus",
                      "rule": 'ner:"<crf>"', "score": 0.91234, "link_rule": "kb:alias"}],
        "times": [{"start": 16, "end": 19, "value": None, "rule": "timex:relative-word"}],
    }
    detail = article_detail(record, {"gpe:damascus": 0})
    assert detail["ent"] == [[11, 15, "GPE", 0, 'ner:"<crf>"', 0.91, "kb:alias"]]
    assert detail["time"] == [[16, 19, None, "timex:relative-word"]]
    assert evidence({}) == []


def _documented_rule(rule: str, docs: str) -> bool:
    """A rule is documented when it appears in docs/OUTPUT.md, or its template parts do."""
    if f"`{rule}`" in docs:
        return True
    if m := re.fullmatch(r"timex:(.+)-month", rule):
        return "`timex:FAMILY-month`" in docs and f"`{m.group(1)}`" in docs
    if m := re.fullmatch(r"quantity:([a-z-]+)\+([a-z-]+)", rule):
        return "`quantity:FORM+LABEL`" in docs and f"`{m.group(1)}`" in docs and f"`{m.group(2)}`" in docs
    return False


def test_every_rule_on_the_examples_is_documented(tmp_path: Path, examples_dir: Path) -> None:
    analyze([examples_dir], tmp_path, Settings(workers=1, progress=False, report=False, store=False))
    records = read_articles(tmp_path)
    assert records
    rules: set[str] = set()
    for record in records:
        for field in ("entities", "times", "quantities"):
            for span in record[field]:
                assert span["rule"], (field, span)
                rules.add(span["rule"])
        for entity in record["entities"]:
            assert entity["link_rule"], entity
            rules.add(entity["link_rule"])
        if record["dateline"]:
            rules.add(record["dateline"]["rule"])
    docs = DOCS.read_text(encoding="utf-8")
    assert len(rules) >= 10
    assert sorted(r for r in rules if not _documented_rule(r, docs)) == []
