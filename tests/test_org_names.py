"""Organisations named by translation across Arabic, Persian and English (rasad.kb.org_names) and found
in Arabic and Persian text by their words (rasad.extract.entity_orgs); strings written for these tests."""

from __future__ import annotations

import pytest

from rasad.article import Entity
from rasad.corpus.name_ids import UnknownNames
from rasad.extract.entity_orgs import find_org_names, with_org_names
from rasad.kb.org_names import org_key, same_org


@pytest.mark.parametrize(("one", "lang_one", "other", "lang_other"), [
    ("المجلس الانتقالي الجنوبي", "ar", "Southern Transitional Council", "en"),
    ("شورای انتقالی جنوب", "fa", "Southern Transitional Council", "en"),
    ("الحرس الوطني التونسي", "ar", "Tunisian National Guard", "en"),
    ("گارد ملی تونس", "fa", "الحرس الوطني التونسي", "ar"),
    ("اداره مبارزه با مواد مخدر", "fa", "Anti-Narcotics Department", "en"),
    ("جيش تحرير بلوشستان", "ar", "ارتش آزادی\u200cبخش بلوچستان", "fa"),
    ("بعثة الاتحاد الأفريقي للدعم والاستقرار", "ar", "African Union Support and Stabilization Mission", "en"),
    ("الهلال الأحمر الليبي", "ar", "Libyan Red Crescent", "en"),
    ("حركة الشباب", "ar", "al-Shabaab", "en"),
    ("وزارة شؤون اللاجئين والعودة", "ar", "Ministry of Refugees and Repatriation", "en"),
    ("وزارت امور مهاجرین و عودت\u200cکنندگان", "fa", "Ministry of Refugees and Repatriation", "en"),
    ("وزارت آب و محیط زیست", "fa", "Ministry of Water and Environment", "en"),
    ("جبهة تحرير بلوشستان", "ar", "Baloch Liberation Front", "en"),  # a people's name, its land's
    ("لجنة التضامن البلوشية", "ar", "کمیته همبستگی بلوچستان", "fa"),
    ("عملیات تجارت دریایی فرانسه", "fa", "French Maritime Trade Operations", "en"),
    ("وزارت امور پیشمرگه", "fa", "Ministry of Peshmerga Affairs", "en"),
])
def test_translated_names_are_one_organisation(one: str, lang_one: str, other: str, lang_other: str) -> None:
    assert same_org(org_key(one, lang_one), org_key(other, lang_other))


@pytest.mark.parametrize(("one", "lang_one", "other", "lang_other"), [
    ("وزارة الدفاع", "ar", "Ministry of Interior", "en"),  # another ministry
    ("الهلال الأحمر الليبي", "ar", "Sudanese Red Crescent", "en"),  # another country
    ("جيش تحرير بلوشستان", "ar", "Kurdistan Liberation Army", "en"),  # another proper name
    ("المجلس الانتقالي الجنوبي", "ar", "Transitional Council", "en"),  # a concept missing
    ("وزارت آب", "fa", "Ministry of Water and Environment", "en"),  # a concept missing
    ("وزارة شؤون اللاجئين", "ar", "Ministry of Refugees and Repatriation", "en"),
])
def test_different_organisations_are_not_one(one: str, lang_one: str, other: str, lang_other: str) -> None:
    assert not same_org(org_key(one, lang_one), org_key(other, lang_other))


@pytest.mark.parametrize(("name", "lang"), [("Syria", "en"), ("الحسكة", "ar"), ("Council", "en")])
def test_names_that_are_no_organisation_get_no_key(name: str, lang: str) -> None:
    assert org_key(name, lang) is None


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("وقالت وزارة الصناعة إن المصانع ستغلق", "ar", ["وزارة الصناعة"]),
    ("ودعا ومجلس القيادة الرئاسي إلى الهدوء", "ar", ["مجلس القيادة الرئاسي"]),
    ("وأعلن حزب جبهة العمل الإسلامي رفضه", "ar", ["جبهة العمل الإسلامي"]),
    ("انتشرت قوات الأمن والجيش الوطني الصومالي", "ar", ["الجيش الوطني الصومالي"]),  # قوات الأمن: a description
    ("نیروهای مسلح اردن اعلام کردند", "fa", ["نیروهای مسلح اردن"]),
    ("سخنگوی ارتش در مرکز مالی گفت", "fa", []),  # the army of Mali: a description
    ("the Ministry of Industry", "en", []),  # English organisations come from the English tagger
])
def test_organisation_names_in_text(text: str, lang: str, expected: list[str]) -> None:
    assert [e.text for e in find_org_names(text, lang, [])] == expected


def test_a_linked_name_after_an_organisation_is_another_entity() -> None:
    text = "بين قوات الأمن وداعش"
    start = text.index("وداعش") + 1
    isis = Entity(start, start + 4, "داعش", "ORG", "org:isis")
    assert [e.text for e in find_org_names(text, "ar", [isis])] == []


def test_an_organisation_name_gives_way_to_the_place_it_ends_with_and_to_a_person() -> None:
    text = "قال ارتش ملی سومالی و هلال احمر لیبی"
    at = text.index("سومالی")
    place = Entity(at, at + 6, "سومالی", "GPE", "gpe:somalia")
    at = text.index("احمر لیبی")
    person = Entity(at, at + 9, "احمر لیبی", "PER", "x:per:1")
    names = find_org_names(text, "fa", [place])
    kept = with_org_names([place, person], names)
    assert [e.text for e in kept] == ["ارتش ملی", "سومالی", "احمر لیبی"]


def test_a_generic_name_links_across_languages_only_in_articles_about_one_country() -> None:
    names = UnknownNames()
    names.add("a1", "ar", [("x:org:1", "ORG", "وزارة الدفاع"), ("gpe:tunisia", "GPE", "تونس")])
    names.add("a2", "en", [("x:org:2", "ORG", "Ministry of Defence"), ("gpe:tunisia", "GPE", "Tunisia")])
    names.add("a3", "fa", [("x:org:3", "ORG", "وزارت دفاع"), ("gpe:jordan", "GPE", "اردن")])
    assert names.canonical() == {"x:org:1": "x:org:2"}


@pytest.mark.parametrize(("text", "lang"), [
    ("قالت وزارة الصحة في الخرطوم إن الكوليرا انتشرت في السودان", "ar"),
    ("وزارت بهداشت سودان گفت وبا در خارطوم شیوع یافته است", "fa"),
    ("Sudan's health ministry said cholera had spread in Khartoum.", "en"),
])
def test_a_generic_organisation_gets_an_id_of_its_country(text: str, lang: str) -> None:
    from rasad.extract.entities import find_entities

    ministries = [e for e in find_entities(text, lang) if e.type == "ORG"]
    elsewhere = text.replace("الخرطوم", "بيروت").replace("السودان", "لبنان").replace("خارطوم", "بیروت")
    elsewhere = elsewhere.replace("سودان", "لبنان").replace("Sudan", "Lebanon").replace("Khartoum", "Beirut")
    others = [e for e in find_entities(elsewhere, lang) if e.type == "ORG"]
    assert len(ministries) == len(others) == 1, (ministries, others)
    assert ministries[0].entity_id != others[0].entity_id


@pytest.mark.parametrize(("named", "unnamed", "lang"), [
    ("قالت وزارة الصحة في الرياض إن الحملة بدأت في السعودية", "قالت وزارة الصحة إن الحملة بدأت اليوم", "ar"),
    ("The health ministry in Riyadh said the campaign began in Saudi Arabia.",
     "The health ministry said the campaign began today.", "en"),
])
def test_a_generic_organisation_takes_the_outlets_country_when_the_article_names_none(
        named: str, unnamed: str, lang: str) -> None:
    from rasad.extract.entities import find_entities

    def ministry(text: str, home: str | None) -> str:
        orgs = [e for e in find_entities(text, lang, home) if e.type == "ORG"]
        assert len(orgs) == 1, orgs
        return orgs[0].entity_id

    assert ministry(unnamed, "SA") == ministry(named, "SA") == ministry(named, None)
    assert ministry(unnamed, None) != ministry(named, None)  # without the outlet's country, no country to go by
