"""Claims in Persian and English: compound and passive verbs, SOV subjects, agents of passives,
place phrases (from / to / near), reported speech and anaphoric nouns (issue 9, recall)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.test_claims import analyse, roles

from rasad.extract.claims import claim_lexicon
from rasad.extract.phrases import key


def claims_of(text: str, action: str) -> list[dict[str, Any]]:
    return [c for c in analyse(text).claims if c["action"] == action]


def assert_frame(text: str, action: str, expected: dict[str, str | None] | None) -> None:
    """The first `action` claim of `text` has the `expected` roles (None: no such role; `expected`
    None: no such claim, or one without an actor)."""
    found = claims_of(text, action)
    if expected is None:
        assert all(c["actor"] is None for c in found), found
        return
    assert found, f"no {action} claim in {text!r}"
    got = roles(found[0])
    assert {r: got.get(r) for r in expected} == expected


@pytest.mark.parametrize(
    ("text", "action", "expected"),
    [
        # a compound verb in each light-verb form, with or without ZWNJ
        ("پلیس ۹ قاچاقچی را در شهر خاش دستگیر کرده است.", "arrest",
         {"actor": "پلیس", "patient": "قاچاقچی", "quantity": "۹", "location": "شهر خاش"}),
        ("گارد ساحلی ۲ لنج باری را در بندر جاسک توقیف کردند.", "seize",
         {"patient": "لنج باری", "location": "بندر جاسک"}),
        ("نیروهای مرزبانی ۴ تبعه خارجی را از مرز میرجاوه به اردوگاه زاهدان منتقل میکنند.", "transfer",
         {"actor": "نیروهای مرزبانی", "patient": "تبعه", "quantity": "۴", "origin": "مرز میرجاوه",
          "destination": "اردوگاه زاهدان"}),
        # passives: the subject is the patient, the agent follows توسط or sits inside مورد حمله … قرار گرفت
        ("۱۱ زندانی توسط ارتش عراق از زندان بادوش به شهر موصل منتقل شدند.", "transfer",
         {"actor": "ارتش عراق", "patient": "زندانی", "quantity": "۱۱", "origin": "زندان بادوش",
          "destination": "شهر موصل"}),
        ("پایگاه عین الاسد دیشب مورد حمله پهپادی مقاومت عراق قرار گرفت.", "attack",
         {"actor": "پهپادی مقاومت عراق", "patient": "پایگاه عین الاسد"}),
        ("شش عضو گروهک تروریستی در استان ایلام به بازداشت درآمدند.", "arrest",
         {"patient": "عضو گروهک تروریستی", "quantity": "شش", "location": "استان ایلام"}),
        # the subject ends at a name, a demonstrative or the indefinite یک
        ("ارتش اسرائیل مدعی شد سه پهپاد را بر فراز حیفا رهگیری کرده است.", "intercept",
         {"actor": "ارتش اسرائیل", "patient": "پهپاد", "quantity": "سه"}),
        ("نیروهای حوثی یک کشتی باری را در خلیج عدن هدف قرار دادند.", "attack",
         {"actor": "نیروهای حوثی", "patient": "کشتی باری", "location": "خلیج عدن"}),
        # reported speech: the claim's clause starts after the attribution
        ("به گفته منابع محلی، نیروهای ترکیه روستای عین عیسی را بمباران کردند.", "attack",
         {"actor": "نیروهای ترکیه", "patient": "روستای عین عیسی"}),
        # a relative clause closed by a comma: its antecedent is the subject, بر فراز a location
        ("یک بالگرد که از پایگاه حمیمیم برخاسته بود، بر فراز ادلب رهگیری شد.", "intercept",
         {"patient": "بالگرد", "origin": None, "location": "ادلب"}),
        # a preposition opening the clause starts an adverbial, no subject
        ("در جریان درگیری‌های حلب، از دو پایگاه در حومه شهر عقب نشینی کردند.", "withdraw",
         {"actor": None}),
        # after a verb and و a clause of its own, sharing the first subject when it has none
        ("مقام‌های عراقی اعلام کرده و ارتش ترکیه ۵ روستا را در استان دهوک بمباران کرد.", "attack",
         {"actor": "ارتش ترکیه", "quantity": "۵", "location": "استان دهوک"}),
        ("ارتش عراق از ناامنی اردوگاه استفاده کرده و ۳۰ خانواده را از اردوگاه الهول خارج کرد.", "transfer",
         {"actor": "ارتش عراق", "quantity": "۳۰", "origin": "اردوگاه الهول"}),
        ("نیروهای قسد در شهر رقه از درگیری‌ها استفاده کرده و ۱۲ زندانی را به اردوگاه الهول منتقل کردند.", "transfer",
         {"actor": "نیروهای قسد", "location": "شهر رقه", "destination": "اردوگاه الهول"}),
        # برای (for) ends a phrase
        ("آنها برای بازجویی به بغداد منتقل شدند.", "transfer",
         {"patient": "آنها", "destination": "بغداد"}),
        # a noun trigger takes no actor from the verb around it
        ("آمریکا این گروه‌ها را برای حمله به ارتش سوریه به منطقه التنف می‌فرستد.", "attack", None),
        # a meeting's other party follows با
        ("رئیس جمهور ایران روز پنجشنبه در باکو با رئیس جمهور آذربایجان دیدار کرد.", "meet",
         {"actor": "رئیس جمهور ایران", "patient": "رئیس جمهور آذربایجان", "location": "باکو"}),
    ],
)
def test_persian_frames(text: str, action: str, expected: dict[str, str | None] | None) -> None:
    assert_frame(text, action, expected)


def test_a_demonstrative_noun_trigger_tells_no_new_event() -> None:
    text = "سه غیرنظامی در این حمله کشته شدند."
    assert [c["action"] for c in analyse(text).claims] == ["kill"]


def test_a_light_verb_class_spells_out_every_form() -> None:
    triggers = claim_lexicon("fa").triggers
    for form in ("منتقل کردند", "منتقل کرده", "منتقل می کنند", "منتقل میکنند", "منتقل شدند"):
        assert tuple(key(w) for w in form.split()) in triggers, form
    assert triggers[(key("منتقل"), key("شدند"))][1] == "passive"


@pytest.mark.parametrize(
    ("text", "action", "expected"),
    [
        # passives: the subject before the auxiliary is the patient, the agent follows "by"
        ("The wounded were transferred by Red Crescent teams to a hospital in Aleppo.", "transfer",
         {"actor": "Red Crescent teams", "patient": "The wounded", "destination": "a hospital in Aleppo"}),
        ("A fuel depot in Homs was struck by Israeli warplanes.", "attack",
         {"actor": "Israeli warplanes", "patient": "A fuel depot in Homs"}),
        # an auxiliary is no part of the subject
        ("The gang had smuggled 30 rifles from Jordan into Daraa province.", "smuggle",
         {"actor": "The gang", "patient": "rifles", "quantity": "30", "origin": "Jordan",
          "destination": "Daraa"}),
        # an origin or destination goes on through "in" / "near"; no location of its own inside it
        ("Kurdish forces moved 70 detainees from a prison in Qamishli to a camp near Hasakah.", "transfer",
         {"actor": "Kurdish forces", "patient": "detainees", "quantity": "70", "origin": "a prison in Qamishli",
          "destination": "a camp near Hasakah", "location": None}),
        # a verb followed by a place preposition has no patient
        ("Russian troops withdrew from a base near Qamishli.", "withdraw",
         {"actor": "Russian troops", "patient": None, "origin": "a base near Qamishli"}),
        # near and over introduce a location
        ("Iraqi air defences intercepted three drones over the city of Kirkuk.", "intercept",
         {"actor": "Iraqi air defences", "patient": "drones", "location": "the city of Kirkuk"}),
    ],
)
def test_english_frames(text: str, action: str, expected: dict[str, str | None]) -> None:
    assert_frame(text, action, expected)


def test_an_outlet_that_tells_a_claim_is_not_its_actor() -> None:
    text = "به گزارش خبرگزاری فارس، ۴۰ زندانی را از زندان حسکه به پایگاه الشدادی منتقل کردند."
    found = claims_of(text, "transfer")
    assert found
    assert found[0]["actor"] is None


@pytest.mark.parametrize("text", [
    "نیروهای مرزبانی بامداد دوشنبه ۱۲ مهر ۱۴۰۲ شماری از قاچاقچیان را از مرز به زاهدان منتقل کردند.",
    "نیروهای مرزبانی روز گذشته شماری از قاچاقچیان را از مرز به زاهدان منتقل کردند.",
])
def test_a_time_between_subject_and_object_is_in_neither(text: str) -> None:
    found = claims_of(text, "transfer")
    assert found, f"no transfer claim in {text!r}"
    got = roles(found[0])
    assert got.get("patient") == "شماری از قاچاقچیان"
    assert got.get("actor") in (None, "نیروهای مرزبانی")
