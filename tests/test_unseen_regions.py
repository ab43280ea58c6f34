"""Places and organisations of regions the knowledge base was not curated for, linked across scripts:
countries and seas, provinces of Afghanistan, Iran and Sudan, whole multi-word town names, names joined
by a ZWNJ, towns of the Sahel, and repeated mentions of a place within one article."""

from __future__ import annotations

import pytest

from rasad.extract.entities import find_entities
from rasad.extract.entity_repeats import repeat_places
from rasad.kb.link import LinkContext, link


def _ids(text: str, lang: str) -> list[tuple[str, str | None]]:
    return [(e.text, e.entity_id) for e in find_entities(text, lang)]


@pytest.mark.parametrize(
    ("mention", "lang", "expected"),
    [
        ("النيجر", "ar", "gpe:niger"),
        ("نیجر", "fa", "gpe:niger"),
        ("Burkina Faso", "en", "gpe:burkina-faso"),
        ("اتیوپی", "fa", "gpe:ethiopia"),
        ("مضيق هرمز", "ar", "loc:strait-of-hormuz"),
        ("تنگه هرمز", "fa", "loc:strait-of-hormuz"),
        ("منظمة الصحة العالمية", "ar", "org:who"),
        ("سازمان جهانی بهداشت", "fa", "org:who"),
        ("World Health Organization", "en", "org:who"),
    ],
)
def test_countries_seas_and_agencies_have_one_id(mention: str, lang: str, expected: str) -> None:
    assert link(mention, None, lang, LinkContext()) == expected


@pytest.mark.parametrize(
    ("mention", "lang"),
    [("ولاية هلمند", "ar"), ("ولایت هلمند", "fa"), ("Helmand province", "en"), ("هلمند", "fa")],
)
def test_afghan_provinces_are_places(mention: str, lang: str) -> None:
    found = link(mention, "LOC", lang, LinkContext(countries=frozenset({"AF"})))
    assert found is not None and found == link("Helmand", "LOC", "en", LinkContext(countries=frozenset({"AF"})))


@pytest.mark.parametrize(
    ("mention", "lang", "countries"),
    [("استان سیستان و بلوچستان", "fa", {"IR"}), ("ولاية القضارف", "ar", {"SD"}), ("Gedaref state", "en", {"SD"})],
)
def test_iranian_provinces_and_sudanese_states_are_places(mention: str, lang: str, countries: set[str]) -> None:
    found = link(mention, "LOC", lang, LinkContext(countries=frozenset(countries)))
    assert found is not None and found.startswith(("adm1:", "geo:")), found


@pytest.mark.parametrize(
    ("mention", "type", "lang", "expected"),
    [
        ("Port Sudan", "GPE", "en", "geo:377039"),  # not Sudan
        ("بندر عباس", "PER", "ar", "geo:141681"),  # a town of 350,000, whatever the tagger says
        ("ام\u200cالقصر", "LOC", "fa", "geo:89824"),  # the parts of a name joined by a ZWNJ
        ("ذی\u200cقار", "LOC", "fa", "adm1:IQ-DQ"),
        ("عبد الله", "PER", "ar", None),  # a person's name is no town
    ],
)
def test_whole_names_and_zwnj(mention: str, type: str, lang: str, expected: str | None) -> None:
    assert link(mention, type, lang, LinkContext()) == expected


@pytest.mark.parametrize(
    ("text", "lang", "name", "linked"),
    [
        ("قتل جنود في مالي أمس", "ar", "مالي", True),
        ("قدمت الحكومة دعم مالي للمزارعين", "ar", "مالي", False),  # "financial"
        ("در مالی حمله شد", "fa", "مالی", True),
        ("کمک مالی به کشاورزان", "fa", "مالی", False),
    ],
)
def test_mali_is_a_country_only_after_a_preposition(text: str, lang: str, name: str, linked: bool) -> None:
    assert ((name, "gpe:mali") in _ids(text, lang)) == linked


def test_a_sahel_town_is_found_in_an_article_about_its_country() -> None:
    text = "وقع الهجوم في مالي أمس. وكانت القافلة متجهة إلى موبتي عندما تعرضت لكمين."
    assert ("موبتي", "geo:2453348") in _ids(text, "ar")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the headline's وبعلبك and the bare بعلبك take the id of the one found after مدينة
        ("سيول تضرب عكار وبعلبك. غمرت الأمطار منازل في مدينة بعلبك وقال سكان بعلبك إن الأضرار كبيرة",
         "ar", 3),
        ("سیل عکار و بعلبک را فرا گرفت. باران خانه‌هایی را در شهر بعلبک زیر آب برد", "fa", 2),
    ],
)
def test_a_place_linked_once_is_linked_wherever_it_recurs(text: str, lang: str, expected: int) -> None:
    found = [e for e in find_entities(text, lang) if e.entity_id == "geo:277130"]
    assert len(found) == expected, [(e.text, e.start, e.rule) for e in found]


def test_a_common_word_is_not_repeated() -> None:
    from rasad.article import Entity

    text = "في محافظة الأنبار وقرب انبار الوقود وفي انبار"
    anbar = Entity(24, 29, "انبار", "GPE", "geo:1", link_rule="geonames")
    assert repeat_places(text, [anbar], "fa") == [anbar]
