"""English entities from the spaCy model: span trimming, retyping, acronyms and the merge with the
gazetteer and patterns (rasad.extract.entities_en_model, rasad.extract.ner.english)."""

from __future__ import annotations

import pytest

from rasad.article import Entity
from rasad.extract.entities import find_entities
from rasad.extract.entities_en_model import merge_english
from rasad.extract.ner.english import RULE, chunks, name_span, predict_english


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("the Kurdistan Workers' Party said", (0, 28), "Kurdistan Workers' Party"),
        ("The Houthis' spokesman", (0, 12), "Houthis"),
        ("Hezbollah's fighters", (0, 11), "Hezbollah"),
        ("Nabil Ghaleb said", (0, 12), "Nabil Ghaleb"),
        ("The Hague", (0, 9), "Hague"),
    ],
)
def test_name_span_drops_the_and_possessive(text: str, span: tuple[int, int], expected: str) -> None:
    start, end = name_span(text, *span)
    assert text[start:end] == expected


def test_chunks_cover_the_text_at_line_breaks() -> None:
    text = "Aden port reopened.\n" * 30
    pieces = list(chunks(text, limit=100))
    assert len(pieces) > 1
    assert "".join(p for _, p in pieces) == text
    assert all(text[offset : offset + len(p)] == p for offset, p in pieces)
    assert all(p.endswith("\n") for _, p in pieces[:-1])


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Grand Ayatollah Ali al-Sistani called for calm in Najaf.", "Ali al-Sistani", "PER"),
        ("Emir Tamim bin Hamad Al Thani received the envoy.", "Tamim bin Hamad Al Thani", "PER"),
        ("The governor of Shabwa province, Awad al-Wazir, spoke to reporters.", "Awad al-Wazir", "PER"),
        ("Fighters entered Misrata and Benghazi on Monday.", "Misrata", "GPE"),
        ("The Central Bank of Lebanon cleared the payment.", "Central Bank of Lebanon", "ORG"),
        ("Asaad al-Shaibani flew to Amman.", "Asaad al-Shaibani", "PER"),
        # ships: a name after a vessel word or with a ship prefix
        ("A cargo ship named Maria Costa was hit near Hodeidah.", "Maria Costa", "MISC"),
        ("The rescue ship Ocean Viking picked up 60 people.", "Ocean Viking", "MISC"),
        ("The destroyer USS Carney shot down four drones.", "USS Carney", "MISC"),
        # a comma alone is no apposition: the name after it is not the ship's
        ("Drones struck the ship, Yemen's Houthis said.", "Yemen", "GPE"),
    ],
)
def test_english_model_names(text: str, name: str, kind: str) -> None:
    found = {e.text: e for e in find_entities(text, "en")}
    assert name in found, found
    assert found[name].type == kind


def test_model_spans_record_rule_source_and_no_score() -> None:
    found = predict_english("Hans Grundberg met officials in Aden and Marib.")
    assert found
    assert all(e.rule == RULE and e.source == "model" and e.score is None for e in found)


@pytest.mark.parametrize("text", ["", "   \n ", "no names here at all."])
def test_no_names_no_model_entities(text: str) -> None:
    assert predict_english(text) == []


def test_an_acronym_alias_needs_its_case() -> None:
    # "Sanaa" (Yemen's capital) must not link to SANA, the Syrian news agency.
    found = find_entities("The delegation landed in Sanaa on Tuesday, SANA reported.", "en")
    ids = {e.text: e.entity_id for e in found}
    assert ids.get("SANA") == "org:sana"
    assert ids.get("Sanaa") != "org:sana"


def test_an_acronym_is_not_made_a_place() -> None:
    found = {e.text: e for e in find_entities("The state news agency KUNA reported the leak.", "en")}
    assert "KUNA" not in found or not str(found["KUNA"].entity_id).startswith("geo:")


def _e(start: int, end: int, kind: str, source: str, rule: str, entity_id: str) -> Entity:
    return Entity(start, end, "x" * (end - start), kind, entity_id, source=source, rule=rule)


@pytest.mark.parametrize(
    ("rule_based", "model", "kept"),
    [
        # a linked gazetteer span inside a longer model span gives way to it
        ([_e(0, 14, "ORG", "gazetteer", "gazetteer:kb", "org:un")],
         [_e(0, 39, "ORG", "model", RULE, "x:org:1")], [(0, 39)]),
        # the same span: the gazetteer (linked) wins
        ([_e(0, 7, "GPE", "gazetteer", "gazetteer:kb", "gpe:yemen")],
         [_e(0, 7, "GPE", "model", RULE, "x:gpe:1")], [(0, 7)]),
        # a speech-verb pattern with another type gives way; with the same span and type it stays
        ([_e(0, 20, "PER", "pattern", "en:name+speech-verb", "x:per:1")],
         [_e(0, 20, "ORG", "model", RULE, "x:org:1")], [(0, 20, "ORG")]),
        ([_e(0, 20, "PER", "pattern", "en:name+speech-verb", "x:per:1")],
         [_e(0, 20, "PER", "model", RULE, "x:per:2")], [(0, 20, "PER", "pattern")]),
        # a title+name pattern is not weak
        ([_e(10, 20, "PER", "pattern", "en:title+name", "x:per:1")],
         [_e(10, 20, "ORG", "model", RULE, "x:org:1")], [(10, 20, "PER")]),
        # no model spans: the rule-based entities as they were
        ([_e(0, 5, "GPE", "gazetteer", "gazetteer:kb", "gpe:aden")], [], [(0, 5)]),
    ],
)
def test_merge_english(rule_based: list[Entity], model: list[Entity], kept: list[tuple]) -> None:
    merged = merge_english(rule_based, model)
    assert merged
    got = [(e.start, e.end, e.type, e.source)[: len(k)] for e, k in zip(merged, kept, strict=True)]
    assert got == kept


@pytest.mark.parametrize(
    ("text", "name", "not_id"),
    [
        # GeoNames alternate names alone, outside the article's countries, are no evidence
        ("Water flooded homes in the Zanoud and Tai neighbourhoods.", "Tai", "geo:1793505"),  # Taizhou, China
        ("Syria: mothers from the Joura district of Deir ez-Zor queued for bread.", "Joura", "geo:5379513"),
        # a surname alone is not made a place
        ('Jiyan Hussein runs a shelter. "We need tents," Hussein told Reuters.', "Hussein", "geo:334609"),
    ],
)
def test_no_place_link_by_an_unlikely_alternate_name(text: str, name: str, not_id: str) -> None:
    found = {e.text: e for e in find_entities(text, "en")}
    assert name in found, found
    assert found[name].entity_id != not_id


def test_a_model_span_stops_at_a_line_break() -> None:
    text = "officials at the Pentagon\n\nBEIRUT, Jan 5 (AFP) - A drone struck a base."
    found = {e.text: e for e in find_entities(text, "en")}
    assert found, found
    assert all("\n" not in name for name in found)
    assert found["BEIRUT"].entity_id == "gpe:beirut"



@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        ("Iran-aligned armed groups in Iraq have claimed the attack.", "Iran"),  # a modifier
    ],
)
def test_not_names(text: str, not_a_name: str) -> None:
    found = {e.text for e in find_entities(text, "en")}
    assert not_a_name not in found, found


@pytest.mark.parametrize(
    ("text", "ministry"),
    [
        ("Officials said the foreign ministry would reply.", "foreign ministry"),
        ("Yemen's water ministry said the wells were dry.", "water ministry"),
        ("Libya's interior ministry said two were hurt.", "interior ministry"),
        ("The refugees ministry in Kabul said 300 families came.", "refugees ministry"),
    ],
)
def test_lowercase_ministries_are_organisations(text: str, ministry: str) -> None:
    found = {e.text: e for e in find_entities(text, "en")}
    assert ministry in found, found
    assert found[ministry].type == "ORG"
    assert found[ministry].rule == "en:ministry-lowercase"


@pytest.mark.parametrize("text", ["A new ministry opened.", "The ministry said so.", "its own ministry"])
def test_a_ministry_without_a_concept_is_no_name(text: str) -> None:
    assert not [e for e in find_entities(text, "en") if e.rule == "en:ministry-lowercase"]
