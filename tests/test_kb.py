"""The curated KB, the GeoNames place table and the name keys."""

from __future__ import annotations

import gzip
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.kb.entities import PLACE_TYPES, TYPES, kb_lookup, knowledge_base
from rasad.kb.names import arabic_key, latin_key, name_key, strip_accents
from rasad.kb.places import lookup_place, place_index


def test_kb_is_large_and_well_formed() -> None:
    kb = knowledge_base()
    assert len(kb.entities) >= 150
    for entity in kb.entities.values():
        assert entity.type in TYPES
        assert entity.id.split(":")[0] in {"org", "per", "gpe", "loc", "fac", "evt", "misc"}
        assert any(entity.aliases[lang] for lang in ("ar", "fa", "en")), entity.id
        if entity.type in {"GPE", "FAC"}:
            assert entity.lat is not None and entity.lon is not None, entity.id


def test_every_place_has_plausible_coordinates() -> None:
    for entity in knowledge_base().entities.values():
        if entity.type in PLACE_TYPES and entity.lat is not None and entity.lon is not None:
            assert -90 <= entity.lat <= 90 and -180 <= entity.lon <= 180


@pytest.mark.parametrize(
    ("a", "lang_a", "b", "lang_b"),
    [
        ("الحسكة", "ar", "حسکه", "fa"),
        ("الحسكة", "ar", "الحسكه", "ar"),
        ("مصعب الحلبي", "ar", "مصعب الحلبی", "fa"),
        ("الإدارة الأمريكية", "ar", "الادارة الامريكيه", "ar"),
        ("Hasakah", "en", "al-Hasakah", "en"),
        ("Hasaka", "en", "Al Hasakeh", "en"),
        ("Deir ez-Zor", "en", "Deir al-Zour", "en"),
        ("Deir ez-Zor", "en", "Deir Ezzor", "en"),
        ("Raqqa", "en", "ar-Raqqah", "en"),
        ("Qamishli", "en", "Kamishli", "en"),
    ],
)
def test_spellings_share_a_key(a: str, lang_a: str, b: str, lang_b: str) -> None:
    assert name_key(a, lang_a) == name_key(b, lang_b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("حمص", "حماة"), ("Homs", "Hamas"), ("سوريا", "العراق"), ("Iran", "Iraq")],
)
def test_different_names_differ(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz -'", max_size=30))
def test_latin_key_is_idempotent_on_case(name: str) -> None:
    assert latin_key(name) == latin_key(name.upper())


@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويةىئأإآ ", max_size=30))
def test_arabic_key_has_no_article_or_teh_marbuta(name: str) -> None:
    key = arabic_key(name)
    assert "ة" not in key and "أ" not in key
    assert all(not w.startswith("ال") or len(w) <= 3 for w in key.split())


def test_place_table_agrees_with_the_key_functions() -> None:
    """The keys were precomputed by scripts/build_places.py: rebuild it if this fails."""
    raw = (files("rasad") / "kb" / "data" / "places.tsv.gz").read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()[1::97]
    assert lines
    for line in lines:
        _, name, _, _, _, _, name_ar, _, keys = line.split("\t")
        stored = set(keys.split("|"))
        assert latin_key(strip_accents(name)) in stored, name
        if name_ar:
            assert arabic_key(name_ar) in stored, name_ar


def test_place_table_is_large() -> None:
    # How fast it loads is measured by benchmarks/bench_pipeline.py (cold start), not asserted here.
    assert len(place_index()) > 50_000


@pytest.mark.parametrize(
    ("name", "countries", "country"),
    [
        ("Tripoli", frozenset(), "LY"),
        ("Tripoli", frozenset({"LB"}), "LB"),
        ("طرابلس", frozenset({"LB"}), "LB"),
        ("Alexandria", frozenset(), "EG"),
        ("Alexandria", frozenset({"US"}), "US"),
        ("Homs", frozenset(), "SY"),
    ],
)
def test_homonyms_are_chosen_by_country_then_population(
    name: str, countries: frozenset[str], country: str
) -> None:
    place = lookup_place(name, countries=countries)
    assert place is not None and place.country == country


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [
        ("عمان", "ar", "gpe:amman"),
        ("عمان", "fa", "gpe:oman"),
        ("ISIL", "en", "org:isis"),
        ("حزب‌الله", "fa", "org:hezbollah"),
    ],
)
def test_kb_lookup_prefers_aliases_of_the_language(name: str, lang: str, expected: str) -> None:
    assert kb_lookup(name, lang)[0].id == expected
