"""Narratives: the catalogue format, phrase and claim matching, spread, discovery, the stage on the
seeds and the examples, `--narratives` and `rasad narratives suggest`."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from rasad.analyze import analyze
from rasad.article import Article, Entity, Source
from rasad.cli import main
from rasad.narratives.catalogue import CatalogueError, ClaimPattern, Narrative, load_catalogue, parse_catalogue
from rasad.narratives.discover import (
    ArticleSummary,
    UnmatchedClaim,
    candidates,
    catalogue_stub,
    pair_candidates,
    title_words,
)
from rasad.narratives.match import assign, claim_fits, phrase_hits, phrase_matchers
from rasad.narratives.spread import Carrier, outlets_first, repeat_graph, resurgences, timeline
from rasad.narratives.spread import loaded_terms_by_outlet as spread_loaded
from rasad.settings import Settings

US_ISIS = "us-isis-collusion"
OIL = "occupation-oil-theft"


def _narrative(**phrases: tuple[str, ...]) -> Narrative:
    return Narrative("t", "T", "test", phrases=dict(phrases))


# --- the catalogue format ------------------------------------------------------------------------

GOOD = {"id": "a", "name": "A", "description": "d", "phrases": {"en": ["x y"]}}


@pytest.mark.parametrize(("document", "problem"), [
    ([], 'must be an object {"narratives": [...]}'),
    ({"narratives": [{**GOOD, "id": ""}]}, "'id' must be a non-empty string"),
    ({"narratives": [{**GOOD, "id": "a b"}]}, "'id' may hold only"),
    ({"narratives": [{**GOOD, "colour": "red"}]}, "unknown key(s) ['colour']"),
    ({"narratives": [{**GOOD, "phrases": {"de": ["x"]}}]}, "'phrases' must be an object keyed by ar, fa, en"),
    ({"narratives": [{**GOOD, "phrases": {"en": ["x", ""]}}]}, "phrases.en: must be a list of non-empty strings"),
    ({"narratives": [{**GOOD, "claims": [{"verb": ["x"]}]}]}, "unknown key(s) ['verb']"),
    ({"narratives": [{**GOOD, "claims": [{}]}]}, "an empty claim pattern would match every claim"),
    ({"narratives": [{**GOOD, "min_score": 0}]}, "'min_score' must be a positive number"),
    ({"narratives": [{**GOOD, "phrases": {}, "entities": [["org:isis"]]}]}, "needs claim patterns or key phrases"),
    ({"narratives": [GOOD, GOOD]}, "the id is used twice"),
])
def test_bad_catalogue_is_refused_in_one_line_naming_file_and_problem(tmp_path: Path, document: Any,
                                                                      problem: str) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CatalogueError) as err:
        load_catalogue(path)
    message = str(err.value)
    assert "\n" not in message and str(path) in message and problem in message


def test_catalogue_that_is_not_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"narratives": [\n  {"id": "a",}\n]}', encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"broken.json: line 2 column \d+: not valid JSON"):
        load_catalogue(path)


def test_bundled_catalogue_round_trips_through_as_dict() -> None:
    from rasad.narratives.catalogue import bundled_catalogue

    narratives = bundled_catalogue()
    assert len(narratives) >= 6
    again = parse_catalogue({"narratives": [n.as_dict() for n in narratives]}, "again")
    assert [n.as_dict() for n in again] == [n.as_dict() for n in narratives]


# --- phrase and claim matching -------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "phrase", "text", "found"), [
    ("ar", "الاحتلال الأمريكي", "وأكد أن الإحتلال الامريكى يواصل", "الإحتلال الامريكى"),  # hamza, final yeh
    ("ar", "الاحتلال الأمريكي", "وبالاحتلال الأمريكي", "وبالاحتلال الأمريكي"),  # proclitics و + ب
    ("ar", "الاحتلال الأمريكي", "تصدى للاحتلال الأمريكي", "للاحتلال الأمريكي"),  # ل + ال written لل
    ("ar", "إعادة تدوير", "بهدف إعادةِ تدويرهم", "إعادةِ تدوير"),  # a kasra, a pronoun suffix
    ("ar", "سرقة النفط", "سرقـــة النفط", "سرقـــة النفط"),  # tatweel
    ("fa", "تروریست‌های آمریکایی", "نظامیان تروریستهای آمریکایی", "تروریستهای آمریکایی"),  # ZWNJ stripped
    ("fa", "تروریست‌های آمریکایی", "تروریست های آمریکایی", "تروریست های آمریکایی"),  # written apart
    ("fa", "اشغالگران آمریکایی", "اشغالگران آمريكايي", "اشغالگران آمريكايي"),  # Arabic kaf and yeh
    ("en", "recycl* ISIS", "accused of Recycling ISIS fighters", "Recycling ISIS"),
    ("en", "oil theft", "a case of oil theft.", "oil theft"),
])
def test_phrase_matches_spelling_variants(lang: str, phrase: str, text: str, found: str) -> None:
    matchers = phrase_matchers([_narrative(**{lang: (phrase,)})])["t"]
    hits = phrase_hits(text, lang, matchers)
    assert [h.text for h in hits] == [found]
    assert all(text[h.start:h.end] == h.text for h in hits)


@pytest.mark.parametrize(("lang", "phrase", "text"), [
    ("en", "oil theft", "the oil thefts ring"),  # whole words unless the phrase ends with *
    ("en", "US helicopters", "BUS helicopters"),
    ("ar", "سرقة النفط", "وسرقات نفطية"),
])
def test_phrase_does_not_match_inside_other_words(lang: str, phrase: str, text: str) -> None:
    assert phrase_hits(text, lang, phrase_matchers([_narrative(**{lang: (phrase,)})])["t"]) == []


def _claim(action: str, actor: tuple[str, str | None], patient: tuple[str, str | None], sentence: str,
           counted: str | None = None) -> dict[str, Any]:
    return {"id": "c1", "start": 0, "end": len(sentence), "sentence": sentence, "action": action,
            "actor": {"text": actor[0], "entity_id": actor[1]},
            "patient": {"text": patient[0], "entity_id": patient[1]},
            "quantity": {"counted": counted} if counted else None, "english": "…"}


PATTERN = ClaimPattern(actor=("org:us-forces",), action=("transfer",), mentions=("org:isis", "داعش", "ISIS"))


@pytest.mark.parametrize(("claim", "entities", "fits"), [
    (_claim("transfer", ("القوات الأمريكية", "org:us-forces"), ("عناصر", None), "نقلت القوات الأمريكية عناصر من داعش"),
     [], True),
    (_claim("transfer", ("نیروهای آمریکایی", "org:us-forces"), ("زندانیان", None),
            "نیروهای آمریکایی زندانیان را بردند"),
     ["org:isis"], True),  # ISIS named in the sentence by an entity
    (_claim("transfer", ("Iraqi forces", "org:iraqi-forces"), ("detainees", None), "Iraqi forces moved ISIS detainees"),
     [], False),  # another actor
    (_claim("attack", ("US forces", "org:us-forces"), ("ISIS", "org:isis"), "US forces attacked ISIS"),
     [], False),  # another action
    (_claim("transfer", ("US forces", "org:us-forces"), ("wheat", None), "US forces moved wheat"), [], False),
])
def test_claim_pattern(claim: dict[str, Any], entities: list[str], fits: bool) -> None:
    assert claim_fits(claim, PATTERN, entities) is fits


def test_patient_matches_what_the_quantity_counts() -> None:
    claim = _claim("transfer", ("they", None), ("40", None), "they moved 40", counted="ISIS members")
    assert claim_fits(claim, ClaimPattern(patient=("ISIS members",)), [])


def _article(text: str, lang: str = "ar", claims: list[dict[str, Any]] | None = None,
             entities: list[Entity] | None = None) -> Article:
    return Article(source=Source(path="x.txt", sha256="0", format="txt"), text=text, id="a1", lang=lang,
                   claims=claims or [], entities=entities or [])


def test_assignment_carries_score_and_evidence() -> None:
    from rasad.narratives.catalogue import bundled_catalogue

    narrative = next(n for n in bundled_catalogue() if n.id == US_ISIS)
    text = "نقلت القوات الأمريكية عناصر من داعش. وقال مسؤول إن الهدف إعادة تدوير الإرهابيين."
    claim = _claim("transfer", ("القوات الأمريكية", "org:us-forces"), ("عناصر", None), text[:36])
    entities = [Entity(5, 21, "القوات الأمريكية", "ORG", "org:us-forces"), Entity(31, 35, "داعش", "ORG", "org:isis")]
    found = assign(_article(text, claims=[claim], entities=entities), narrative,
                   phrase_matchers([narrative])[narrative.id])
    assert found is not None
    # one claim, one phrase (إعادة تدوير; تدوير الإرهابيين overlaps it and is not counted again), both entity groups
    assert found.score == 2.0 + 1.0 + 1.0
    evidence = found.evidence()
    assert [c["claim"] for c in evidence["claims"]] == ["c1"]
    assert [p["phrase"] for p in evidence["phrases"]] == ["إعادة تدوير"]
    assert all(p["snippet"] and p["text"] in p["snippet"] for p in evidence["phrases"])
    assert evidence["entities"]["ids"] == ["org:isis", "org:us-forces"]


def test_key_entities_alone_assign_nothing() -> None:
    from rasad.narratives.catalogue import bundled_catalogue

    narrative = next(n for n in bundled_catalogue() if n.id == US_ISIS)
    text = "زار وفد من القوات الأمريكية بغداد وبحث ملف داعش."
    entities = [Entity(11, 27, "القوات الأمريكية", "ORG", "org:us-forces"), Entity(42, 46, "داعش", "ORG", "org:isis")]
    assert assign(_article(text, entities=entities), narrative, phrase_matchers([narrative])[narrative.id]) is None


# --- spread ----------------------------------------------------------------------------------------

def _carriers() -> list[Carrier]:
    return [
        Carrier("a1", "SANA", "ar", "2023-05-14", ["c1", "c2"]),
        Carrier("a2", "Tasnim", "fa", "2023-05-15", ["c3"], cited_outlets=["SANA"]),
        Carrier("a3", "SANA", "ar", "2023-05-16", []),
        Carrier("a4", "Press TV", "en", "2023-06-30", ["c4"],
                loaded_terms=[{"text": "الاحتلال", "neutral": "US forces", "category": "occupation"}]),
        Carrier("a5", None, "en", None, []),
    ]


def test_timeline_by_day_with_article_and_claim_counts() -> None:
    size, buckets = timeline(_carriers())
    assert size == "day"
    assert buckets[0] == {"date": "2023-05-14", "count": 1, "articles": 1, "claims": 2}
    assert [b["date"] for b in buckets] == ["2023-05-14", "2023-05-15", "2023-05-16", "2023-06-30"]


def test_timeline_by_month_over_years() -> None:
    size, buckets = timeline([Carrier("a", "X", "ar", "2019-01-03"), Carrier("b", "X", "ar", "2022-02-01"),
                              Carrier("c", "Y", "ar", "2022-02-20")])
    assert size == "month"
    assert [(b["date"], b["count"]) for b in buckets] == [("2019-01", 1), ("2022-02", 2)]


def test_outlets_first_dates_and_resurgence() -> None:
    outlets = outlets_first(_carriers())
    assert [(o["outlet"], o["first_seen"], o["articles"]) for o in outlets] == [
        ("SANA", "2023-05-14", 2), ("Tasnim", "2023-05-15", 1), ("Press TV", "2023-06-30", 1),
        ("(unknown outlet)", None, 1)]
    [quiet] = resurgences(_carriers())
    assert (quiet["quiet_from"], quiet["quiet_to"], quiet["resumed"], quiet["outlets"]) == (
        "2023-05-16", "2023-06-29", "2023-06-30", ["Press TV"])


def test_who_repeated_whom_from_reuse_citations_and_claim_clusters() -> None:
    reuse = [{"a": "a3", "b": "a1", "first": "a1", "kind": "near_duplicate", "similarity": 0.9}]
    clusters = [{"id": "cc1", "first": {"article": "a1"}, "repeated_by": [{"article": "a4"}], "english": "…"}]
    edges = {(e["from"], e["to"], e["kind"]): e for e in repeat_graph(_carriers(), reuse, clusters)}
    assert set(edges) == {("SANA", "SANA", "reuse"), ("SANA", "Tasnim", "cited"), ("SANA", "Press TV", "claim_cluster")}
    assert edges["SANA", "SANA", "reuse"]["articles"] == [["a1", "a3"]]
    assert edges["SANA", "Press TV", "claim_cluster"]["evidence"] == [{"cluster": "cc1", "english": "…"}]


# --- discovery -------------------------------------------------------------------------------------

def _unmatched(article: str, story: str, action: str = "smuggle") -> UnmatchedClaim:
    return UnmatchedClaim(article, story, "c", action, "org:hezbollah", "weapons", ["org:hezbollah", "gpe:lebanon"],
                          "Hezbollah smuggled weapons.", "…", ["حزب الله", "أسلحة"])


def test_candidates_need_several_stories() -> None:
    one_story = [_unmatched(f"a{i}", "s1") for i in range(4)]
    assert candidates(one_story) == []
    found = candidates([*one_story, _unmatched("a9", "s2")])
    assert len(found) == 1
    candidate = found[0]
    assert candidate["kind"] == "candidate" and candidate["stories"] == ["s1", "s2"]
    assert candidate["top_entities"] == [{"id": "gpe:lebanon", "count": 5}, {"id": "org:hezbollah", "count": 5}]
    stub = catalogue_stub(candidate)
    [narrative] = parse_catalogue({"narratives": [stub]}, "stub")  # valid input for --narratives
    assert narrative.claims[0].actor == ("org:hezbollah",) and narrative.phrases["ar"] == ("أسلحة", "حزب الله")


def _summary(article: str, story: str, entities: list[str], title: str) -> ArticleSummary:
    return ArticleSummary(article, story, entities, title_words(title), [], [], {"x:per:aa11": "أبو سالم"})


def test_entity_pair_candidates_need_an_actor_and_several_stories() -> None:
    titles = ["الحوثيون يقصفون ميناء عدن", "قصف حوثي جديد على ميناء عدن", "الحوثيون يستهدفون ميناء عدن",
              "أبو سالم يزور الرياض", "مهرجان في الرياض"]
    summaries = [
        _summary("a1", "s1", ["org:houthis", "geo:415189"], titles[0]),
        _summary("a2", "s2", ["org:houthis", "geo:415189"], titles[1]),
        _summary("a3", "s3", ["geo:415189", "org:houthis", "gpe:yemen"], titles[2]),
        *(_summary(f"b{i}", f"t{i}", ["gpe:riyadh", "gpe:saudi-arabia"], titles[4]) for i in range(4)),  # places only
        *(_summary(f"c{i}", "u1", ["x:per:aa11", "gpe:riyadh"], titles[3]) for i in range(4)),  # one story
    ]
    df: Counter[str] = Counter(w for t in titles for w in set(title_words(t)))
    found = pair_candidates(summaries, df, 40)
    assert [c["signature"]["entities"] for c in found] == [["geo:415189", "org:houthis"]]
    assert found[0]["rule"] == "narrative:candidate-entities" and found[0]["stories"] == ["s1", "s2", "s3"]
    assert {t["text"] for t in found[0]["terms"]} >= {"ميناء", "عدن"}
    [narrative] = parse_catalogue({"narratives": [catalogue_stub(found[0])]}, "stub")
    assert narrative.entities == (("geo:415189",), ("org:houthis",)) and narrative.min_score == 3


# --- the stage on the seeds and the examples -----------------------------------------------------

def _records(out: Path) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in json.loads((out / "narratives.json").read_text("utf-8"))}


def _file_names(out: Path) -> dict[str, str]:
    names = {}
    for line in (out / "articles.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        names[record["id"]] = Path(record["source"]["path"]).name
    return names


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> Path:
    out = tmp_path_factory.mktemp("seeds")
    analyze(seed_files, out, Settings(workers=1, progress=False, report=False))
    return out


def test_every_seed_carries_the_us_isis_narrative_with_readable_evidence(seeds_out: Path) -> None:
    record = _records(seeds_out)[US_ISIS]
    names = _file_names(seeds_out)
    assert sorted(names[a] for a in record["articles"]) == sorted(names.values())
    assert len(record["assignments"]) == 5
    for assignment in record["assignments"]:
        evidence = assignment["evidence"]
        assert evidence["phrases"] or evidence["claims"]
        assert all(p["snippet"] for p in evidence["phrases"])
        assert all(c["english"] for c in evidence["claims"])


@pytest.fixture(scope="module")
def examples_out(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("examples")
    analyze([examples_dir], out, Settings(workers=1, progress=False, report=False))
    return out


def _stems(out: Path, ids: list[str]) -> list[str]:
    names = _file_names(out)
    return [names[i][:2] for i in ids]


def test_examples_us_isis_spread(examples_out: Path) -> None:
    record = _records(examples_out)[US_ISIS]
    assert record["kind"] == "catalogue"
    assert set(_stems(examples_out, record["articles"])) >= {"01", "02", "03", "37", "38", "39", "40"}
    assert not {"09", "10", "11", "27", "28"} & set(_stems(examples_out, record["articles"]))  # floods, Iraq
    assert record["first_seen"] == "2023-05-14" and record["last_seen"] == "2023-12-11"
    assert record["languages"] == ["ar", "en", "fa"]
    first = {o["outlet"]: o["first_seen"] for o in record["outlet_first"]}
    assert first["SANA"] == "2023-05-14" and first["Fars News"] == "2023-08-23"
    # Al Mayadeen's drone-attack article of 5 June also reports US forces moving ISIS members (its
    # transfer claim has US forces as actor since the claims stage reads the actor after a verbal noun)
    assert first["Al Mayadeen"] == "2023-06-05" and first["Press TV"] == "2023-12-11"
    assert record["bucket"] == "week"
    assert sum(b["count"] for b in record["timeline"]) == len(record["articles"]) - record["undated"]
    assert record["timeline"][0]["date"] == "2023-05-08"  # the Monday of 14 May 2023's week
    assert [r["resumed"] for r in record["resurgence"]] == ["2023-08-22", "2023-12-10"]
    kinds = {(e["from"], e["to"], e["kind"]) for e in record["graph"]}
    assert ("SANA", "Fars News", "reuse") in kinds and ("Al Mayadeen", "Press TV", "cited") in kinds


def test_examples_oil_theft_spread(examples_out: Path) -> None:
    record = _records(examples_out)[OIL]
    assert sorted(_stems(examples_out, record["articles"])) == ["01", "41", "42", "43", "44"]
    assert record["outlets"] == ["SANA", "Tasnim", "Al Mayadeen", "Press TV"]
    assert (record["first_seen"], record["last_seen"]) == ("2023-05-14", "2024-03-21")
    assert [(b["date"], b["count"]) for b in record["timeline"]] == [
        ("2023-05-08", 1), ("2023-09-18", 2), ("2024-03-18", 2)]
    assert [r["quiet_from"] for r in record["resurgence"]] == ["2023-05-14", "2023-09-18"]


def test_examples_store_tables(examples_out: Path) -> None:
    import duckdb

    con = duckdb.connect(str(examples_out / "rasad.duckdb"), read_only=True)
    try:
        rows = con.execute("SELECT narrative, count(*) FROM narrative_articles GROUP BY narrative").fetchall()
        first = con.execute("SELECT first_seen FROM narratives WHERE id = ?", [OIL]).fetchone()
    finally:
        con.close()
    assert dict(rows)[OIL] == 5
    assert first is not None and str(first[0]) == "2023-05-14"


# --- the command line ------------------------------------------------------------------------------

def test_bad_narratives_file_stops_analyze_before_any_work(tmp_path: Path, examples_dir: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"narratives": [{"id": "x", "name": "X", "description": "d"}]}', encoding="utf-8")
    code = main(["analyze", str(examples_dir / "07-en-afp-tanf-drone.txt"), "--out", str(tmp_path / "o"),
                 "--narratives", str(bad), "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2 and "bad.json" in err and "needs claim patterns or key phrases" in err
    assert not (tmp_path / "o" / "articles.jsonl").exists()


def test_user_catalogue_is_added_and_suggest_writes_a_valid_stub(tmp_path: Path, examples_dir: Path) -> None:
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps({"narratives": [{
        "id": "drones-at-tanf", "name": "Drones at al-Tanf", "description": "Attacks on the al-Tanf garrison.",
        "phrases": {"en": ["one-way attack drone*"]}, "min_score": 1}]}), encoding="utf-8")
    out = tmp_path / "o"
    assert main(["analyze", str(examples_dir / "07-en-afp-tanf-drone.txt"), "--out", str(out),
                 "--narratives", str(mine), "--no-progress", "--workers", "1", "--no-report"]) == 0
    records = _records(out)
    assert US_ISIS in records and len(records["drones-at-tanf"]["articles"]) == 1
    stub = tmp_path / "stub.json"
    assert main(["narratives", "suggest", str(out), "--catalogue", str(stub)]) == 0
    load_catalogue(stub)  # the stub is valid input for --narratives


def _rules(value: Any) -> set[str]:
    if isinstance(value, dict):
        own = {value["rule"]} if isinstance(value.get("rule"), str) else set()
        return own.union(*(_rules(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_rules(v) for v in value))
    return set()


def test_every_narrative_rule_on_the_examples_is_documented(examples_out: Path) -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "OUTPUT.md").read_text("utf-8")
    rules = _rules(json.loads((examples_out / "narratives.json").read_text("utf-8")))
    assert {"narrative:claim-pattern", "narrative:phrase", "narrative:resurgence"} <= rules
    assert [r for r in sorted(rules) if f"`{r}`" not in docs] == []


@pytest.mark.parametrize("as_dataclass", [False, True])
def test_loaded_terms_are_counted_per_outlet_from_dicts_or_spans(as_dataclass: bool) -> None:
    from dataclasses import make_dataclass

    from rasad.narratives.stage import _carrier

    span = {"start": 0, "end": 17, "text": "الاحتلال الأمريكي", "neutral": "US forces", "category": "occupation",
            "rule": "x"}
    if as_dataclass:
        span = make_dataclass("LoadedTerm", list(span))(**span)  # type: ignore[assignment]
    article = _article("الاحتلال الأمريكي ينقل")
    article.outlet = "SANA"
    object.__setattr__(article, "loaded_terms", [span, span])
    [row] = spread_loaded([_carrier(article, [])])
    assert row == {"outlet": "SANA", "total": 2, "terms": [
        {"text": "الاحتلال الأمريكي", "neutral": "US forces", "category": "occupation", "count": 2}]}


def test_bundled_catalogue_names_only_knowledge_base_entities() -> None:
    from rasad.kb.entities import knowledge_base
    from rasad.narratives.catalogue import bundled_catalogue

    known = set(knowledge_base().entities)
    named = {i for n in bundled_catalogue() for g in n.entities for i in g}
    named |= {t for n in bundled_catalogue() for p in n.claims for role in ("actor", "patient", "mentions")
              for t in getattr(p, role) if t.startswith(("org:", "gpe:", "fac:", "loc:", "per:", "evt:", "misc:"))}
    assert named and sorted(named - known) == []


def test_articles_matched_in_a_pool_see_what_one_process_sees() -> None:
    """A full run matches the articles against the catalogue in spawned workers: the same `_Seen`, in order."""
    from dataclasses import replace

    from rasad.executors import SPAWN_MIN_ITEMS
    from rasad.narratives.catalogue import bundled_catalogue
    from rasad.narratives.stage import _see_every

    text = "نقلت القوات الأمريكية عناصر من داعش. وقال مسؤول إن الهدف إعادة تدوير الإرهابيين."
    claim = _claim("transfer", ("القوات الأمريكية", "org:us-forces"), ("عناصر", None), text[:36])
    entities = [Entity(5, 21, "القوات الأمريكية", "ORG", "org:us-forces"), Entity(31, 35, "داعش", "ORG", "org:isis")]
    matched = _article(text, claims=[claim], entities=entities)
    other = _article("A quiet day at the harbour of the old town, the fishermen said.", lang="en")
    articles = [replace(a, id=f"a{i}") for i, a in enumerate([matched, other] * 4)]
    narratives = bundled_catalogue()
    serial = _see_every(articles, narratives, 1, len(articles))
    pooled = _see_every(articles, narratives, 2, SPAWN_MIN_ITEMS)
    assert [i for i, _ in serial] == [a.id for a in articles]
    assert serial[0][1].found and not serial[1][1].found
    assert pooled == serial
