"""Claims on real news: a trigger in another sense is no event (lang/<iso>/claim_senses.tsv), and an
actor is given only when the phrase can act and stands where a subject stands (precision first)."""

from __future__ import annotations

import pytest

from rasad.article import Article, RawDocument, Source
from rasad.pipeline import analyze_document, resolve
from rasad.settings import Settings

SETTINGS = Settings(workers=1, progress=False)


def analyse(text: str) -> Article:
    raw = RawDocument(Source(sha256=f"senses-{hash(text)}", format="txt", path="t.txt"), text)
    return analyze_document(raw, SETTINGS, resolve(SETTINGS.stages))


def actions(text: str) -> list[str]:
    return [c["action"] for c in analyse(text).claims]


@pytest.mark.parametrize(
    "text",
    [
        "وتمكن مهندسو الشركة في دبي من نقل البيانات إلى 300 جهاز دون أسلاك.",  # data
        "وانفجر أنبوب نقل الغاز بين البلدين في منطقة الأنبار قرب 3 قرى.",  # a pipeline
        "ونقلت صحيفة الحياة قول وزير النفط العراقي إن الإنتاج سيرتفع 5 في المئة.",  # a quotation
        "وتستهدف الحملة الوطنية 5000 شاب في مدينة جدة خلال الصيف.",  # a campaign's audience
        "وبدأت وزارة التجارة في الرياض حملة لضبط الأسعار في 400 متجر.",  # curbing prices
        "والتقى المنتخب السعودي نظيره الياباني في ملعب الدوحة أمام 40 ألف متفرج.",  # a match
        "وأدخلت الاحتفالات البهجة على 2000 طفل في مدينة أبها.",  # brought joy
    ],
)
def test_a_trigger_in_another_sense_is_no_claim(text: str) -> None:
    assert analyse(text).claims == [], [c["english"] for c in analyse(text).claims]


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("ونقلت القوات العراقية 35 معتقلاً من سجن الناصرية إلى بغداد.", "transfer"),
        ("واستهدفت طائرات حربية مواقع للمسلحين في ريف إدلب وقتلت 12 منهم.", "attack"),
        ("وضبطت دوريات حرس الحدود 80 كيلوغراماً من الحشيش قرب جازان.", "seize"),
    ],
)
def test_a_trigger_in_its_sense_stays_a_claim(text: str, action: str) -> None:
    assert action in actions(text)


def _claim(text: str, action: str) -> dict:
    claims = [c for c in analyse(text).claims if c["action"] == action]
    assert claims, text
    return claims[0]


def test_after_a_relative_pronoun_the_antecedent_that_cannot_act_is_no_actor() -> None:
    claim = _claim("وأدان الوزير التفجير الذي استهدف مسجد قوات الأمن في مدينة الموصل وقتل 9 مصلين.", "attack")
    assert claim["actor"] is None  # not قوات الأمن, whose mosque was the target
    assert claim["patient"] and claim["patient"]["text"].startswith("مسجد")


def test_a_transitive_verb_before_a_preposition_reads_as_a_passive() -> None:
    claim = _claim("وكان المعتقل فهد العتيبي نقل إلى سجن الحائر بعد محاكمته.", "transfer")
    assert claim["actor"] is None and claim["patient"]["text"] == "المعتقل فهد العتيبي"


def test_a_weekday_after_the_actor_is_no_patient() -> None:
    claim = _claim("واتهمت اليابان اليوم الخميس الصين بخرق مجالها الجوي 3 مرات.", "accuse")
    assert claim["actor"] and claim["actor"]["entity_id"]
    assert claim["patient"] is None or "الخميس" not in claim["patient"]["text"]


def test_a_count_of_another_event_is_not_the_claims_number() -> None:
    claim = _claim("وأعلنت الشرطة مقتل حارس وإصابة خمسة آخرين في مدينة الموصل يوم الجمعة.", "kill")
    assert claim["quantity"] is None or claim["quantity"]["value"] != 5


def test_a_single_phrase_after_a_transitive_verb_is_its_object() -> None:
    claim = _claim("والرصاصة الثانية قتلت الجندي خالد العنزي يوم الأحد.", "kill")
    assert claim["actor"] is None and claim["patient"]["text"] == "الجندي خالد العنزي"


def test_a_coordinated_verbal_noun_is_no_patient() -> None:
    claim = _claim("وقالت المنظمة إن القوات الحكومية قتلت وشردت سكان قرية الهول في الحسكة.", "kill")
    assert claim["patient"] is None


def test_a_place_role_opens_with_a_place_and_ends_with_its_name() -> None:
    claim = _claim("ونقلت فرق الإسعاف 14 مصاباً إلى مستشفى مدينة الطائف وقد وصلوا مساء.", "transfer")
    assert claim["destination"]["text"] == "مستشفى مدينة الطائف"


def test_a_counted_label_that_says_the_action_in_other_words_is_not_repeated() -> None:
    from rasad.extract.claims_english import render_claim

    claim = {"actor": {"text": "Turkish police", "entity_id": None}, "action": "arrest", "patient": None,
             "origin": None, "destination": None, "location": None, "time": None, "certainty": "asserted",
             "attribution": None, "quantity": {"text": "40", "value": 40, "counted": "people detained"}}
    assert render_claim(claim, None) == "Turkish police arrested 40 people."


def test_a_phrase_after_a_preposition_is_no_subject() -> None:
    claim = _claim("وتتحرك القافلة من مدينة بريدة وتنقل 40 مريضاً إلى مستشفى عنيزة.", "transfer")
    assert claim["actor"] is None or "بريدة" not in claim["actor"]["text"]


def test_a_fronted_place_phrase_is_no_subject() -> None:
    claim = _claim("وفي حلب سيطرت الفصائل المسلحة على حي الشيخ مقصود يوم الأحد.", "seize")
    assert claim["actor"] is None or "حلب" not in claim["actor"]["text"]


@pytest.mark.parametrize(
    ("text", "action", "actor"),
    [
        ("وأصيب 4 جنود في هجوم شنته جماعة مسلحة على حاجز للجيش في سيناء.", "attack", "جماعة مسلحة"),  # launch verb
        ("وذكر شهود أن مروحيات روسية قامت بنقل 25 جريحاً من مدينة تدمر إلى مطار حميميم.", "transfer",
         "مروحيات روسية"),  # light verb
        ("وطالب المجلس بوقف هجوم القوات الحكومية على مدينة الرمادي غرب بغداد.", "attack", "القوات الحكومية"),
        ("كما اعتقلت قوات الأمن فجر أمس ثلاثة شبان في مدينة الخليل.", "arrest", "قوات الأمن"),  # كما is no subject
    ],
)
def test_the_actor_is_found(text: str, action: str, actor: str) -> None:
    claim = _claim(text, action)
    assert claim["actor"] and claim["actor"]["text"].startswith(actor), claim["actor"]


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("ويعتقد المحققون أن الرجل كان مسؤولاً عن قتل 14 شخصاً في ولاية تكساس.", "kill"),  # responsible for
        ("واستنكر الوزير خالد الفهد التفجير الإرهابي الذي استهدف مسجداً في مدينة جازان أمس.", "attack"),
        ("وقال المحامي سالم العمري الذي اعتقل أكثر من سنتين في سجن الحائر إن القضية لم تنته.", "arrest"),
        ("وكان والد الطالب قد اتهم جامعة الملك سعود بإهمال ابنه في الرياض.", "accuse"),  # a subject that cannot act
    ],
)
def test_no_actor_rather_than_a_wrong_one(text: str, action: str) -> None:
    assert _claim(text, action)["actor"] is None
