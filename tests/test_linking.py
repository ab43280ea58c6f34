"""Linking mentions to canonical ids in Arabic, Persian and English; stable ids; the stage's spans."""

from __future__ import annotations

import pytest

from rasad.article import Article, Entity, Source
from rasad.corpus.entities import build_entities_json
from rasad.extract.entities import entities_stage, find_entities, merge
from rasad.kb.gazetteer import find_aliases
from rasad.kb.link import LinkContext, describe, link, resolve, stable_id
from rasad.settings import Settings

SYRIA = LinkContext(countries=frozenset({"SY"}))


@pytest.mark.parametrize(
    ("mention", "lang"),
    [
        ("الحسكة", "ar"),
        ("حسکه", "fa"),
        ("الحسكه", "ar"),
        ("بالحسكة", "ar"),
        ("مدينة الحسكة", "ar"),
        ("شهر الحسکه", "fa"),
        ("Hasakah", "en"),
        ("Hasaka", "en"),
        ("al-Hasakah", "en"),
        ("Al Hasakeh", "en"),
    ],
)
def test_hasakah_has_one_id_and_coordinates(mention: str, lang: str) -> None:
    entity_id = link(mention, "GPE", lang, SYRIA)
    assert entity_id == "gpe:hasakah"
    info = describe(entity_id)
    assert info is not None and info.lat is not None and info.lon is not None
    assert abs(info.lat - 36.5) < 0.1 and abs(info.lon - 40.75) < 0.1


@pytest.mark.parametrize(
    ("mention", "lang", "expected"),
    [
        ("داعش", "ar", "org:isis"),
        ("تنظيم الدولة", "ar", "org:isis"),
        ("الدواعش", "ar", "org:isis"),
        ("داعش", "fa", "org:isis"),
        ("داعشی", "fa", "org:isis"),
        ("Daesh", "en", "org:isis"),
        ("Islamic State", "en", "org:isis"),
        ("ISIS", "en", "org:isis"),
        ("قسد", "ar", "org:sdf"),
        ("قوات سوريا الديمقراطية", "ar", "org:sdf"),
        ("نیروهای دموکراتیک سوریه", "fa", "org:sdf"),
        ("SDF", "en", "org:sdf"),
        ("Syrian Democratic Forces", "en", "org:sdf"),
        ("سجن الصناعة", "ar", "fac:ghwayran-prison"),
        ("سجن غويران", "ar", "fac:ghwayran-prison"),
        ("سجن الثانوية الصناعية", "ar", "fac:ghwayran-prison"),
        ("زندان الصناعه", "fa", "fac:ghwayran-prison"),
        ("Ghwayran prison", "en", "fac:ghwayran-prison"),
        ("دير الزور", "ar", "gpe:deir-ez-zor"),
        ("دیرالزور", "fa", "gpe:deir-ez-zor"),
        ("Deir ez-Zor", "en", "gpe:deir-ez-zor"),
        ("Deir al-Zour", "en", "gpe:deir-ez-zor"),
        ("Deir Ezzor", "en", "gpe:deir-ez-zor"),
        ("التحالف الدولي", "ar", "org:global-coalition"),
        ("ائتلاف آمریکا", "fa", "org:global-coalition"),
        ("US-led coalition", "en", "org:global-coalition"),
        ("قوات الاحتلال الأمريكي", "ar", "org:us-forces"),
        ("نیروهای آمریکایی", "fa", "org:us-forces"),
        ("الحشد الشعبي", "ar", "org:pmf"),
        ("حشد شعبی", "fa", "org:pmf"),
        ("PMF", "en", "org:pmf"),
        ("سپاه پاسداران", "fa", "org:irgc"),
        ("بشار اسد", "fa", "per:bashar-al-assad"),
        ("هيلاري كلنتون", "ar", "per:hillary-clinton"),
        ("آمریکاست", "fa", "gpe:usa"),
        ("واشنطن", "ar", "gpe:washington"),
    ],
)
def test_aliases_in_three_languages_link_to_one_id(mention: str, lang: str, expected: str) -> None:
    assert link(mention, None, lang, SYRIA) == expected


@pytest.mark.parametrize(
    ("mention", "lang"),
    [("السورية", "ar"), ("الأسبوع", "ar"), ("Meanwhile", "en")],
)
def test_common_words_do_not_link(mention: str, lang: str) -> None:
    assert link(mention, None, lang, SYRIA) is None


def test_homonymous_place_follows_the_article_countries() -> None:
    lebanon = link("طرابلس", "GPE", "ar", LinkContext(countries=frozenset({"LB"})))
    libya = link("طرابلس", "GPE", "ar", LinkContext(countries=frozenset({"LY"})))
    assert lebanon != libya
    assert lebanon is not None and lebanon.startswith("geo:")
    info = describe(lebanon)
    assert info is not None and info.lat is not None and 34 < info.lat < 35


@pytest.mark.parametrize(
    ("a", "lang_a", "b", "lang_b"),
    [
        ("مصعب الحلبي", "ar", "مصعب الحلبی", "fa"),
        ("كمال الأحمد", "ar", "كمال الاحمد", "ar"),
        ("Musab al-Halabi", "en", "Musab Al Halabi", "en"),
    ],
)
def test_stable_ids_for_unknown_names(a: str, lang_a: str, b: str, lang_b: str) -> None:
    assert stable_id(a, "PER", lang_a) == stable_id(b, "PER", lang_b)
    assert stable_id(a, "PER", lang_a).startswith("x:per:")
    assert resolve(a, "PER", lang_a, SYRIA) == stable_id(a, "PER", lang_a)


def test_different_unknown_names_get_different_ids() -> None:
    assert stable_id("كمال الأحمد", "PER", "ar") != stable_id("كمال الأسعد", "PER", "ar")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("وصلت الشحنة إلى والحسكة", "ar", [("الحسكة", "gpe:hasakah")]),
        ("قال مسؤول للتحالف الدولي", "ar", [("تحالف الدولي", "org:global-coalition")]),
        ("مقاتلو تنظيم “داعش” في البادية", "ar", [("داعش", "org:isis"), ("البادية", "loc:badia")]),
        ("این سخن آمریکاست", "fa", [("آمریکا", "gpe:usa")]),
        ("اعضای قسد در زندان الصناعه", "fa", [("قسد", "org:sdf"), ("زندان الصناعه", "fac:ghwayran-prison")]),
        ("الصحف السورية اليوم", "ar", []),
    ],
)
def test_gazetteer_spans_leave_clitics_out(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    found = find_aliases(text, lang)
    assert [(e.text, e.entity_id) for e in found] == expected
    assert all(text[e.start : e.end] == e.text for e in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kurdish-led SDF fighters guard al-Hasakah.", [("SDF", "org:sdf"), ("al-Hasakah", "gpe:hasakah")]),
        (
            "The U.S. military flew Daesh members out.",
            [("U.S. military", "org:us-forces"), ("Daesh", "org:isis")],
        ),
        (
            "President Lena Marsh visited Tripoli, Lebanon.",
            [("Lena Marsh", None), ("Tripoli", None), ("Lebanon", "gpe:lebanon")],
        ),
        (
            "Omar Kassab said the Ministry of Water had no comment.",
            [("Omar Kassab", None), ("Ministry of Water", None)],
        ),
        ("It is what it is.", []),
        # a clock time's AM is not Amman (a Press TV-style dateline)
        ("Press TV - Monday, 05 February 2024 11:32 AM [ Last Update: 11:40 AM ]", [("Press TV", None)]),
    ],
)
def test_english_entities(text: str, expected: list[tuple[str, str | None]]) -> None:
    found = find_entities(text, "en")
    assert [e.text for e in found] == [t for t, _ in expected]
    for entity, (_, entity_id) in zip(found, expected, strict=True):
        assert entity.entity_id
        if entity_id:
            assert entity.entity_id == entity_id
        assert text[entity.start : entity.end] == entity.text


def test_english_person_and_org_types() -> None:
    found = {e.text: e for e in find_entities("Omar Kassab said the Ministry of Water had no comment.", "en")}
    assert found["Omar Kassab"].type == "PER"
    assert (found["Omar Kassab"].entity_id or "").startswith("x:per:")
    assert found["Ministry of Water"].type == "ORG"


def test_tripoli_in_lebanon_context_is_the_lebanese_city() -> None:
    found = find_entities("Clashes in Tripoli, Lebanon, and in Beirut.", "en")
    tripoli = next(e for e in found if e.text == "Tripoli")
    info = describe(tripoli.entity_id or "")
    assert info is not None and info.lat is not None and 34 < info.lat < 35


def test_merge_prefers_linked_then_longer() -> None:
    linked = Entity(5, 11, "الحسكة", "GPE", "gpe:hasakah", "gazetteer")
    longer = Entity(0, 11, "مدينة الحسكة", "LOC", "x:loc:0123456789", "model")
    other = Entity(12, 16, "اليوم", "MISC", "x:misc:0123456789", "model")
    assert merge([longer, linked, other]) == [linked, other]


def test_stage_sets_ids_on_every_entity() -> None:
    text = "قال كمال الأحمد إن قوات سوريا الديمقراطية نقلت عناصر من داعش إلى الشدادي"
    article = Article(source=Source(sha256="0", format="txt"), text=text, lang="ar")
    article = entities_stage(article, Settings(workers=1))
    assert article.entities
    assert all(e.entity_id for e in article.entities)
    assert all(text[e.start : e.end] == e.text for e in article.entities)
    ids = {e.entity_id for e in article.entities}
    assert {"org:sdf", "org:isis", "gpe:shaddadi"} <= ids


def test_stage_ignores_other_languages() -> None:
    article = Article(source=Source(sha256="0", format="txt"), text="Bonjour à Paris", lang="fr")
    assert entities_stage(article, Settings(workers=1)).entities == []


def test_entities_json_merges_languages() -> None:
    def article(aid: str, text: str, lang: str) -> Article:
        a = Article(source=Source(sha256=aid, format="txt"), text=text, lang=lang, id=aid)
        a.entities = find_entities(text, lang)
        return a

    records = build_entities_json(
        [
            article("a1", "نقلت قسد عناصر داعش من الحسكة", "ar"),
            article("a2", "نیروهای دموکراتیک سوریه و داعش در الحسکه", "fa"),
            article("a3", "The SDF said ISIS cells remain near Hasakah.", "en"),
            article("a4", "وقال مصعب الحلبي إن الوضع هادئ", "ar"),
        ]
    )
    by_id = {r["id"]: r for r in records}
    hasakah = by_id["gpe:hasakah"]
    assert hasakah["articles"] == ["a1", "a2", "a3"] and hasakah["mentions"] == 3
    assert abs(hasakah["lat"] - 36.5) < 0.1 and abs(hasakah["lon"] - 40.75) < 0.1
    assert "الحسکه" in hasakah["names"]["fa"] and "Hasakah" in hasakah["names"]["en"]
    assert by_id["org:sdf"]["lat"] is None and by_id["org:sdf"]["articles"] == ["a1", "a2", "a3"]
    assert set(by_id["org:isis"]["articles"]) == {"a1", "a2", "a3"}
    for record in records:
        assert set(record) == {"id", "type", "name_en", "names", "lat", "lon", "articles", "mentions", "same_as"}
        assert record["name_en"]


@pytest.mark.parametrize(
    ("arabic", "arabic_type", "latin", "latin_type", "same"),
    [
        ("ماريا كوستا", "FAC", "Maria Costa", "FAC", True),  # a ship outside the knowledge base
        ("قاسم العبيدي", "PER", "Kassem al-Obeidi", "PER", True),
        ("قرية الصبحة", "LOC", "al-Subha", "GPE", True),  # place types count as one
        ("حسين الأحمد", "PER", "Hassan al-Ahmad", "PER", False),  # the same consonants, another name
        ("ماريا كوستا", "FAC", "Maria Costa", "PER", False),  # another type
    ],
)
def test_unknown_names_point_to_their_other_spellings(arabic: str, arabic_type: str, latin: str, latin_type: str,
                                                      same: bool) -> None:
    def article(aid: str, lang: str, name: str, kind: str) -> Article:
        a = Article(source=Source(sha256=aid, format="txt"), text=name, id=aid, lang=lang)
        a.entities = [Entity(0, len(name), name, kind, stable_id(name, kind, lang))]
        return a

    records = build_entities_json([article("a1", "ar", arabic, arabic_type), article("a2", "en", latin, latin_type)])
    assert len(records) == 2
    by_script = {("en" if r["names"]["en"] else "ar"): r for r in records}
    ar, en = by_script["ar"], by_script["en"]
    assert (ar["same_as"] == [en["id"]]) is same and (en["same_as"] == [ar["id"]]) is same
    assert (ar["name_en"] == latin) is same


@pytest.mark.parametrize(
    ("names", "expected_same"),
    [
        (["عمر رحمون", "رحمون"], True),
        (["مصعب الحلبی", "الحلبی"], True),
        (["Haval Omar Saleh", "Saleh"], True),
        (["عمر رحمون", "سامي رحمون", "رحمون"], False),  # two full names end with it: ambiguous
    ],
)
def test_surname_mentions_take_the_full_names_id(names: list[str], expected_same: bool) -> None:
    from rasad.article import Entity
    from rasad.extract.entities import link_short_names

    entities, pos = [], 0
    for i, name in enumerate(names):
        entities.append(Entity(pos, pos + len(name), name, "PER", f"x:per:{i:03d}"))
        pos += len(name) + 5
    linked = link_short_names(entities, "ar")
    assert (linked[-1].entity_id == linked[0].entity_id) is expected_same
