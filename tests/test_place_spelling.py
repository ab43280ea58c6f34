"""Places and names outside the knowledge base found in Arabic and Persian text because another
language's article of the run names them (rasad.kb.place_spelling, rasad.corpus.name_ids); own strings."""

from __future__ import annotations

import pytest

from rasad.article import Entity
from rasad.corpus.name_ids import KnownPlaces, UnknownNames, add_places_named_elsewhere
from rasad.kb.place_spelling import spelled_places

SPELLINGS = {"geo:1": ("Quetta",), "geo:2": ("Gwadar",), "x:per:1": ("Sevare",)}


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("وصل القطار إلى كويتا مساء", "ar", [("كويتا", "geo:1")]),
    ("قطار به کویته رسید", "fa", [("کویته", "geo:1")]),
    ("وفي جوادر احتجاجات", "ar", [("جوادر", "geo:2")]),
    ("وبجوادر احتجاجات", "ar", [("جوادر", "geo:2")]),  # a proclitic is left out
    ("قال إن الأمر في يده", "ar", []),  # function words and short words are no names
])
def test_a_place_spelled_in_another_language_is_found(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.entity_id) for e in spelled_places(text, lang, [], SPELLINGS)] == expected


def test_a_linked_span_is_left_alone_and_an_unlinked_one_of_the_same_extent_replaced() -> None:
    text = "بين كويتا وجوادر"
    linked = Entity(4, 9, "كويتا", "GPE", "geo:9")
    unlinked = Entity(11, 16, "جوادر", "PER", "x:per:9")
    found = spelled_places(text, "ar", [linked, unlinked], SPELLINGS, {"geo:2": "GPE"})
    assert [(e.text, e.entity_id, e.type) for e in found] == [("جوادر", "geo:2", "GPE")]


def test_unknown_names_of_other_languages_are_sought_only_in_articles_about_their_countries() -> None:
    names = UnknownNames()
    names.add("en1", "en", [("x:per:1", "PER", "Sevare"), ("gpe:mali", "GPE", "Mali")])
    names.add("ar1", "ar", [("gpe:mali", "GPE", "مالي")])
    names.canonical()
    known = names.known_places("ar")
    assert isinstance(known, KnownPlaces) and known.spelled["x:per:1"].countries == {"ML"}
    about_mali = {"lang": "ar", "text": "في مالي قرب سيفاري", "entities": [
        {"start": 3, "end": 7, "text": "مالي", "type": "GPE", "entity_id": "gpe:mali"}]}
    about_iraq = {"lang": "ar", "text": "في العراق قرب سيفاري", "entities": [
        {"start": 3, "end": 9, "text": "العراق", "type": "GPE", "entity_id": "gpe:iraq"}]}
    found = add_places_named_elsewhere(about_mali, known)["entities"]
    assert [(e["text"], e["entity_id"]) for e in found] == [("مالي", "gpe:mali"), ("سيفاري", "x:per:1")]
    assert add_places_named_elsewhere(about_iraq, known)["entities"] == about_iraq["entities"]


def test_a_homonym_takes_the_id_of_the_place_the_other_languages_name() -> None:
    known = KnownPlaces({"AF": frozenset({"geo:1138336"})})  # Kandahar, Afghanistan, in the English article
    record = {"lang": "fa", "text": "در قندهار", "entities": [
        {"start": 3, "end": 9, "text": "قندهار", "type": "GPE", "entity_id": "geo:17760"}]}  # a village in Iran
    assert [e["entity_id"] for e in add_places_named_elsewhere(record, known)["entities"]] == ["geo:1138336"]
    unrelated = KnownPlaces({"AF": frozenset({"geo:1138957"})})
    assert add_places_named_elsewhere(record, unrelated) == record
