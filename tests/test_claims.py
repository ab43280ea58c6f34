"""The claims stage: frames with roles from the clause, certainty, English; the seeds' transfers;
the eval command and its floors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rasad.article import Article, RawDocument, Source
from rasad.cli import main
from rasad.extract.claims_english import render_claim, set_translator
from rasad.pipeline import analyze_document, resolve
from rasad.settings import Settings

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text("utf-8"))
SETTINGS = Settings(workers=1, progress=False)


def analyse(text: str, name: str = "t.txt") -> Article:
    raw = RawDocument(Source(sha256=f"{abs(hash(text)):064x}"[:64], format="txt", path=name), text)
    return analyze_document(raw, SETTINGS, resolve(SETTINGS.stages))


def roles(claim: dict[str, Any]) -> dict[str, str]:
    return {r: claim[r]["text"] for r in ("actor", "patient", "quantity", "origin", "destination", "location")
            if claim.get(r)}


@pytest.mark.parametrize(
    ("text", "action", "expected"),
    [
        ("نقلت القوات التركية 15 معتقلاً من سجن عفرين إلى مدينة أعزاز.", "transfer",
         {"actor": "القوات التركية", "patient": "معتقلاً", "quantity": "15", "origin": "سجن عفرين",
          "destination": "مدينة أعزاز"}),
        ("ارتش عراق ۲۰ خانواده را از اردوگاه الهول به شهر موصل منتقل کرد.", "transfer",
         {"actor": "ارتش عراق", "patient": "خانواده", "quantity": "۲۰", "origin": "اردوگاه الهول",
          "destination": "شهر موصل"}),
        ("Iraqi police arrested 12 smugglers in the town of Rutba.", "arrest",
         {"actor": "Iraqi police", "patient": "smugglers", "quantity": "12", "location": "the town of Rutba"}),
    ],
)
def test_frames_in_three_languages(text: str, action: str, expected: dict[str, str]) -> None:
    claims = analyse(text).claims
    assert [c["action"] for c in claims] == [action]
    assert roles(claims[0]) == expected


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("قال مسؤول إن القوات نقلت 30 سجيناً من سجن الرقة.", "attributed"),
        ("زعمت الصحيفة أن القوات نقلت 30 سجيناً من سجن الرقة.", "alleged"),
        ("The army denied that it moved 30 prisoners from the prison in Raqqa.", "denied"),
        ("قد تكون القوات نقلت 30 سجيناً من سجن الرقة.", "hedged"),
        ("نقلت القوات 30 سجيناً من سجن الرقة.", "asserted"),
    ],
)
def test_certainty(text: str, certainty: str) -> None:
    claims = analyse(text).claims
    assert claims and claims[0]["certainty"] == certainty


def test_a_relay_verb_is_no_transfer() -> None:
    assert analyse("نقلت وكالة رويترز عن مصادر مطلعة أن المفاوضات توقفت.").claims == []


def test_of_is_no_origin() -> None:
    claims = analyse("نقلت القوات 40 من إرهابيي التنظيم إلى قاعدة الشدادي.").claims
    assert claims and claims[0]["origin"] is None and claims[0]["destination"]["text"] == "قاعدة الشدادي"


def test_english_rendering_names_the_source_and_the_outlet() -> None:
    article = analyse("منابع محلی به خبرگزاری اسپوتنیک گفتند که نیروهای آمریکایی "
                      "۷۵۰ زندانی را از زندان الصناعه خارج کردند.")
    assert article.claims
    english = article.claims[0]["english"]
    assert "transferred 750" in english and "(anonymous)" in english and "via Sputnik" in english
    assert article.title_en and article.summary_en and english.startswith(article.title_en)


def test_a_translation_backend_can_name_unknown_phrases() -> None:
    claim = {"actor": {"text": "قوة مجهولة", "entity_id": None}, "action": "attack",
             "patient": {"text": "مستودعاً", "entity_id": None}, "quantity": None, "origin": None,
             "destination": None, "location": None, "time": None, "certainty": "asserted", "attribution": None}
    set_translator(lambda text, lang: {"قوة مجهولة": "an unknown force", "مستودعاً": "a depot"}.get(text))
    try:
        assert render_claim(claim, None) == "An unknown force attacked a depot."
    finally:
        set_translator(None)


def test_claim_spans_and_roles_point_into_the_text() -> None:
    article = analyse("نقلت القوات 40 سجيناً من سجن الحسكة إلى قاعدة الشدادي أمس.\n"
                      "Moved 20 detainees to a base in Iraq, US forces said.")
    assert article.claims
    for claim in article.claims:
        assert article.text[claim["start"]:claim["end"]] in claim["sentence"]
        for role in ("actor", "patient", "quantity", "origin", "destination", "location", "time"):
            if claim.get(role):
                assert article.text[claim[role]["start"]:claim[role]["end"]] == claim[role]["text"]


# --- the seeds -----------------------------------------------------------------------------------


def seed(seeds_dir: Path, prefix: str) -> Article:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    return analyse(path.read_text("utf-8"), path.name)


def test_seed_000_transfers_40_then_about_60_to_the_oil_field(seeds_dir: Path) -> None:
    claims = seed(seeds_dir, "000").claims
    values = {(c["quantity"] or {}).get("value") for c in claims if c["action"] == "transfer"}
    assert {40, 60} <= values
    forty = next(c for c in claims if (c["quantity"] or {}).get("value") == 40)
    assert forty["actor"] and forty["actor"]["entity_id"] and forty["destination"]
    sixty = next(c for c in claims if (c["quantity"] or {}).get("value") == 60 and c["destination"])
    assert sixty["attribution"]["source_kind"] == "anonymous"


def test_seed_004_750_taken_out_on_anonymous_sources_via_sputnik(seeds_dir: Path) -> None:
    claims = seed(seeds_dir, "004").claims
    claim = next(c for c in claims if (c["quantity"] or {}).get("value") == 750)
    assert claim["action"] == "transfer" and claim["certainty"] == "attributed"
    assert claim["attribution"]["source_kind"] == "anonymous" and claim["attribution"]["cited_outlet"] == "Sputnik"
    assert "via Sputnik, reported by Defa Press" in claim["english"]


def test_seed_003_transfer_to_iraq(seeds_dir: Path) -> None:
    claims = seed(seeds_dir, "003").claims
    assert any(c["action"] == "transfer" and c["destination"] and c["destination"]["entity_id"] == "gpe:iraq"
               for c in claims)


# --- eval ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("dataset", ["dev", "dev-fa-en", "dev3", "blind"])
def test_eval_claims_meets_its_floors(dataset: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "claims", "--dataset", dataset, "--json"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["gold_claims"] > 0 and result["matched_claims"] > 0
    for metric, floor in FLOORS["claims"][dataset].items():
        assert result[metric] >= floor, f"{dataset} {metric} {result[metric]} fell below the floor {floor}"


def test_dev3_gold_roles_lie_in_one_line_of_their_article() -> None:
    from rasad.eval.claims import DATASETS, ROLES

    items = json.loads(DATASETS["dev3"].read_text("utf-8"))
    assert len(items) >= 24 and sum(len(i["claims"]) for i in items) >= 70
    for item in items:
        for claim in item["claims"]:
            texts = [claim[r] for r in ROLES if claim.get(r)]
            assert texts and any(all(t in line for t in texts) for line in item["text"].splitlines()), claim


def test_eval_pairs_two_claims_of_one_action_in_one_sentence_by_their_roles(tmp_path: Path) -> None:
    from rasad.eval.claims import score

    text = "Rebels released 20 soldiers and the army released 15 fighters in Idlib on Monday."
    gold = [{"action": "release", "actor": "the army", "patient": "fighters", "quantity": "15"},
            {"action": "release", "actor": "Rebels", "patient": "soldiers", "quantity": "20"}]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([{"id": "en-pair", "lang": "en", "text": text, "claims": gold}]), "utf-8")
    result = score(path)
    assert result["matched_claims"] == 2
    assert result["roles"]["actor"]["correct"] == 2 and result["roles"]["quantity"]["correct"] == 2


def test_a_counted_label_that_names_the_event_is_not_repeated() -> None:
    claim = {"actor": None, "action": "kill", "patient": None, "origin": None, "destination": None,
             "location": None, "time": None, "certainty": "asserted", "attribution": None,
             "quantity": {"text": "6", "value": 6, "counted": "people killed"}}
    assert render_claim(claim, None) == "6 people killed."


def test_a_counted_label_that_names_the_event_after_an_actor() -> None:
    claim = {"actor": {"text": "PKK", "entity_id": None}, "action": "kill", "patient": None, "origin": None,
             "destination": None, "location": None, "time": None, "certainty": "asserted", "attribution": None,
             "quantity": {"text": "3", "value": 3, "counted": "soldiers killed"}}
    assert render_claim(claim, None) == "PKK killed 3 soldiers."


def test_a_text_without_punctuation_keeps_claims_bounded() -> None:
    from rasad.extract.claims import MAX_CLAUSE_WORDS, MAX_SENTENCE_CHARS

    article = analyse(" ".join(["وقال مسؤول إن القوات نقلت سجناء من سجن الحسكة"] * 300))
    assert len(article.claims) == 300 and len(article.attributions) == 300
    for claim in article.claims:  # one 14,000-character sentence: each claim keeps only its clause
        assert len(claim["sentence"]) <= MAX_SENTENCE_CHARS
        assert len(article.text[claim["start"]:claim["end"]].split()) <= 2 * MAX_CLAUSE_WORDS + 1


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("وعندما نقلت سيارات الإسعاف 12 جريحاً إلى مستشفى المدينة، امتلأت الأقسام.", "transfer"),
        ("هذه السيارات نقلت 30 مريضاً من مستشفى الرازي إلى مستشفى النور.", "transfer"),
        ("وفي بلدة الكرامة شرق النهر، قتل سبعة مسلحين في اشتباكات ليلية.", "kill"),
        ("This season we moved 18 players from the academy to the first team.", "transfer"),
    ],
)
def test_a_phrase_that_cannot_act_is_no_actor(text: str, action: str) -> None:
    """The actor must contain a named entity or an agent noun (قوات، الجيش، troops): a pronoun, a
    conjunction or a fronted place phrase before the verb is no actor."""
    claims = [c for c in analyse(text).claims if c["action"] == action]
    assert claims, text
    assert claims[0]["actor"] is None, claims[0]["actor"]


def test_an_agent_noun_keeps_its_actor_and_drops_the_verb_before_it() -> None:
    claims = analyse("وشنت طائرات التحالف غارات جوية استهدفت 14 موقعاً للمسلحين في ريف المدينة.").claims
    actors = [c["actor"]["text"] for c in claims if c["actor"]]
    assert actors and all(a.startswith("طائرات التحالف") for a in actors), actors


def test_a_quoting_transfer_verb_is_no_transfer() -> None:
    """نقل فلان عن فلان: he quoted someone; عن طريق keeps the transfer."""
    quoted = analyse("ونقل المحامي سامر الحداد عن قضاة المحكمة قولهم إن 5 متهمين سيحالون إلى النيابة.")
    assert not [c for c in quoted.claims if c["action"] == "transfer"]
    via = analyse("نقلت القوات 25 معتقلاً عن طريق معبر الوادي إلى قاعدة الجبل.")
    assert [c for c in via.claims if c["action"] == "transfer"]


def test_a_duration_is_not_the_claims_quantity() -> None:
    claims = analyse("انسحبت القوات الحكومية بعد 6 أسابيع من مدينة حلب.").claims
    assert claims
    assert all(c["quantity"] is None for c in claims), [c["quantity"] for c in claims]


def test_an_outlet_source_is_named_by_the_outlet_not_romanised() -> None:
    from rasad.extract.claims_english import render_claim

    claim = {"actor": {"text": "US forces", "entity_id": None}, "action": "transfer",
             "patient": {"text": "prisoners", "entity_id": None}, "quantity": None, "origin": None,
             "destination": None, "location": None, "time": None,
             "attribution": {"text": "گروه بین‌الملل خبرگزاری فارس", "source_kind": "outlet",
                             "cited_outlet": "Fars News"}}
    english = render_claim(claim, None)
    assert "according to Fars News (outlet)" in english, english
    assert "via Fars News" not in english


@pytest.mark.parametrize(
    ("text", "action", "expected"),
    [
        ("اعترضت الدفاعات الجوية السعودية صاروخاً باليستياً أطلق نحو مدينة نجران.", "intercept",
         {"actor": "الدفاعات الجوية السعودية"}),
        ("وتم اعتقال 6 مطلوبين في مدينة الموصل فجر اليوم.", "arrest", {"quantity": "6", "location": "مدينة الموصل"}),
        ("ألقت الشرطة العراقية القبض على 4 مهربين في محافظة البصرة.", "arrest",
         {"actor": "الشرطة العراقية", "quantity": "4"}),
        ("وقامت الأمم المتحدة بإيصال 30 شاحنة مساعدات إلى مدينة حلب.", "bring in",
         {"actor": "الأمم المتحدة", "destination": "مدينة حلب"}),
        ("أطلقت السلطات الليبية سراح 20 صياداً تونسياً في مدينة زوارة.", "release", {"actor": "السلطات الليبية"}),
        ("أعادت السلطات اللبنانية 90 نازحاً سورياً إلى بلداتهم في ريف حمص.", "repatriate",
         {"actor": "السلطات اللبنانية", "quantity": "90"}),
        ("The Egyptian Red Crescent delivered 50 trucks of aid into Gaza on Monday.", "bring in",
         {"quantity": "50", "destination": "Gaza"}),
        ("A French frigate shot down two drones over the Red Sea on Tuesday.", "intercept",
         {"actor": "A French frigate", "quantity": "two", "location": "the Red Sea"}),
        ("ارتش ترکیه ۱۲ زندانی را در مرز باب الهوی به دولت سوریه تحویل داد.", "transfer",
         {"actor": "ارتش ترکیه", "quantity": "۱۲"}),
        ("أجلت فرق الإنقاذ مساء أمس في مدينة درنة 300 عائلة إلى مراكز الإيواء.", "evacuate",
         {"quantity": "300"}),
        ("وفي بحر العرب، احتجزت البحرية الهندية سفينة صيد تقل 12 بحاراً.", "seize",
         {"actor": "البحرية الهندية", "location": "بحر العرب"}),
        ("قصفت المدفعية الإسرائيلية منزلاً بمحافظة القنيطرة وقتلت 3 أشخاص.", "attack",
         {"actor": "المدفعية الإسرائيلية", "location": "بمحافظة القنيطرة"}),
        ("وقال الجيش إن دورية للشرطة ضبطت 40 قطعة سلاح وقتلت مسلحين اثنين في ريف درعا.", "kill",
         {"actor": "دورية للشرطة"}),
        ("۴۵ زندانی از زندان‌های ترکیه آزاد و به کشور بازگردانده شدند.", "release", {"quantity": "۴۵"}),
        ("در این درگیری‌ها هفت نظامی کشته و ۲۰ نفر دیگر زخمی شدند.", "kill", {"quantity": "هفت"}),
        ("پلیس یک کامیون را در مرز توقیف کرد و ۳ سرنشین آن را بازداشت نمود.", "arrest", {"quantity": "۳"}),
        ("The tanker was later escorted to the port of Jask by Iranian navy boats.", "transfer",
         {"patient": "The tanker", "destination": "the port of Jask"}),
        ("Police said three protesters were detained in the city of Basra on Sunday.", "arrest",
         {"quantity": "three"}),
        ("أجلت فرق الهلال الأحمر مساء أمس الأحد 150 عائلة من مخيم الركبان إلى مدينة الضمير.", "evacuate",
         {"quantity": "150"}),
        ("التقى الأمير فيصل بن خالد في أبها أمس سفير اليابان لدى المملكة.", "meet",
         {"actor": "الأمير فيصل بن خالد"}),
        ("The ship was escorted to the Yemeni port of Aden.", "transfer", {"destination": "port of Aden"}),
        ("وقصفت المدفعية منزلاً في قرية المشرفة شرقي المدينة.", "attack", {"actor": "المدفعية", "patient": "منزلاً"}),
        ("وتم اعتقال قيادي في التنظيم في قضاء سنجار.", "arrest", {"location": "قضاء سنجار"}),
    ],
)
def test_news_wire_forms_give_their_event(text: str, action: str, expected: dict[str, str]) -> None:
    """Interceptions, light verbs and nouns (تم اعتقال، ألقت … القبض، قامت بإيصال، أطلقت … سراح),
    aid deliveries, repatriations, shooting down, handing over; a sense word counted further on; a fronted
    or attached location (وفي …، بمحافظة); a verb after و shares the first verb's subject; Persian heads
    joined by و share one light verb; a Persian count in its own clause; an English passive's count
    before it."""
    claims = [c for c in analyse(text).claims if c["action"] == action]
    assert claims, text
    got = roles(claims[0])
    for role, value in expected.items():
        assert value in got.get(role, ""), (role, got)


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("وشاركت القوات الإماراتية في عملية إعادة الأمل في اليمن منذ عامين.", "repatriate"),
        ("وحققت المبادرة نقلة نوعية للطلاب في مدينة الرياض العام الماضي.", "transfer"),
        ("وتراجع سهم الشركة 5 في المائة في دبي، بحسب ما نقلته وكالة رويترز أمس.", "transfer"),
        ("وقرر القضاء توقيف خدماتهما في دبي ومنعهما من السفر.", "arrest"),
        ("واحتجز جهاز الأمن السوداني القس فلان في الخرطوم في ديسمبر.", "seize"),
    ],
)
def test_a_word_in_another_sense_on_real_news_is_no_claim(text: str, action: str) -> None:
    """Words that real news uses in other senses: an operation's name, a qualitative leap, a relay,
    suspended services, a detained person (an arrest, not a seizure)."""
    article = analyse(text)
    assert article.sentences, text
    assert not [c for c in article.claims if c["action"] == action], article.claims
