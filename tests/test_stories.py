"""The stories stage: reports of one event group across languages; near-misses stay apart; the seeds'
acceptance case; incremental runs keep story ids."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from rasad.article import Article, Entity, Quantity, Source, TimeExpression
from rasad.cli import main
from rasad.corpus.stories import build_stories
from rasad.corpus.stories_keys import StoryKeys
from rasad.corpus.stories_link import candidate_pairs


def article(aid: str, lang: str, published: str | None, entities: list[tuple[str, str, str | None]],
            numbers: list[tuple[float, str]] = (), cited: list[str] = (), title: str = "",
            days: list[str] = ()) -> Article:
    """A toy analysed article: entities as (text, type, id), numbers as (value, counted)."""
    return Article(
        source=Source(sha256=aid, format="txt"), text="", id=aid, lang=lang, title=title, published=published,
        entities=[Entity(0, len(text), text, kind, eid) for text, kind, eid in entities],
        quantities=[Quantity(0, 1, f"{v:g}", v, counted=c) for v, c in numbers],
        times=[TimeExpression(0, 1, d, d, granularity="day") for d in days],
        cited_outlets=list(cited))


def groups(stories: list[dict]) -> set[frozenset[str]]:
    assert stories, "no stories"
    return {frozenset(s["articles"]) for s in stories}


BREAD = [("دير الزور", "GPE", "gpe:deir-ez-zor"), ("المؤسسة السورية للمخابز", "ORG", None),
         ("عماد الحسين", "PER", None)]
TRANSFER = [("دير الزور", "GPE", "gpe:deir-ez-zor"), ("سجن الصناعة", "FAC", "fac:ghwayran-prison"),
            ("قسد", "ORG", "org:sdf"), ("داعش", "ORG", "org:isis")]


def test_one_event_in_three_languages_is_one_story() -> None:
    arts = [
        article("a1", "ar", "2024-03-05", [("الصبحة", "LOC", None), ("دير الزور", "GPE", "gpe:deir-ez-zor"),
                                           ("الميادين", "GPE", "gpe:mayadin")], [(4, "children killed")]),
        article("b2", "fa", "2024-03-05", [("روستای صبحه", "LOC", None), ("دیر الزور", "GPE", "gpe:deir-ez-zor"),
                                           ("المیادین", "GPE", "gpe:mayadin")], [(4, "children")]),
        article("c3", "en", "2024-03-06", [("al-Subha village", "LOC", None), ("Deir ez-Zor", "GPE",
                                           "gpe:deir-ez-zor"), ("Mayadin", "GPE", "gpe:mayadin")],
                [(4, "children killed")]),
    ]
    stories = build_stories(arts)
    assert groups(stories) == {frozenset({"a1", "b2", "c3"})}
    evidence = {item["article"]: item for item in stories[0]["evidence"]}
    assert {"names", "numbers"} <= set(evidence["b2"]), "the village's transliteration key and the number tie it"
    assert stories[0]["languages"] == ["ar", "en", "fa"]


def test_same_place_different_events_stay_apart() -> None:
    arts = [article("bread1", "ar", "2024-02-11", BREAD, [(400, "Syrian pounds")]),
            article("bread2", "en", "2024-02-11", BREAD, [(400, "Syrian pounds")]),
            article("jail1", "ar", "2024-02-12", TRANSFER, [(60, "ISIS members")]),
            article("jail2", "fa", "2024-02-12", TRANSFER, [(60, "ISIS members")])]
    assert groups(build_stories(arts)) == {frozenset({"bread1", "bread2"}), frozenset({"jail1", "jail2"})}


def test_same_kind_of_event_a_month_apart_stays_apart() -> None:
    erbil = [("أربيل", "GPE", "gpe:erbil"), ("مطار أربيل", "FAC", "fac:erbil-airport"),
             ("التحالف الدولي", "ORG", "org:global-coalition")]
    arts = [article("jan1", "ar", "2024-01-16", erbil, [(3, "rockets")]),
            article("jan2", "en", "2024-01-16", erbil, [(3, "rockets")]),
            article("feb1", "ar", "2024-02-19", erbil, [(3, "rockets")])]
    assert groups(build_stories(arts)) == {frozenset({"jan1", "jan2"}), frozenset({"feb1"})}


def test_a_day_without_its_year_keeps_a_story_apart() -> None:
    arts = [article("p1", "ar", "2022-01-25", TRANSFER, cited=["Sputnik"]),
            article("p2", "fa", None, TRANSFER, cited=["Sputnik"]),
            article("p3", "ar", None, TRANSFER, cited=["Sputnik"])]
    arts[2].times = [TimeExpression(0, 1, "13 نيسان", "--04-13", granularity="day")]
    found = groups(build_stories(arts))
    assert frozenset({"p1", "p2"}) in found and frozenset({"p3"}) in found


def test_the_same_number_alone_does_not_merge() -> None:
    arts = [article("x1", "ar", "2024-05-01", [("جدة", "GPE", "gpe:jeddah")], [(150, "people")]),
            article("x2", "ar", "2024-05-01", [("طهران", "GPE", "gpe:tehran")], [(150, "people")])]
    assert groups(build_stories(arts)) == {frozenset({"x1"}), frozenset({"x2"})}


def test_previous_stories_keep_their_ids_and_members() -> None:
    first = [article("m1", "ar", "2024-03-05", BREAD, [(400, "Syrian pounds")]),
             article("m9", "en", "2024-03-05", [("Hama", "GPE", "gpe:hama")])]
    before = build_stories(first)
    newcomer = article("m0", "fa", "2024-03-05", BREAD, [(400, "Syrian pounds")])  # sorts before m1
    after = build_stories([*first, newcomer], previous=before)
    by_id = {s["id"]: set(s["articles"]) for s in after}
    assert by_id == {"story:m1": {"m0", "m1"}, "story:m9": {"m9"}}
    assert sorted(a for s in after for a in s["articles"]) == ["m0", "m1", "m9"]


@pytest.fixture(scope="module")
def seed_stories(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> tuple[list[dict], dict[str, str]]:
    out = tmp_path_factory.mktemp("seed-stories")
    assert main(["analyze", str(seeds_dir), "--out", str(out), "--no-progress", "--no-report"]) == 0
    records = [json.loads(x) for x in (out / "articles.jsonl").read_text("utf-8").splitlines()]
    seed_of = {r["id"]: Path(r["source"]["path"]).name[:3] for r in records}
    return json.loads((out / "stories.json").read_text("utf-8")), seed_of


def test_seeds_002_and_004_one_story_without_001_and_003(seed_stories: tuple[list[dict], dict[str, str]]) -> None:
    stories, seed_of = seed_stories
    story_of = {seed_of[a]: s["id"] for s in stories for a in s["articles"]}
    assert sorted(story_of) == ["000", "001", "002", "003", "004"], "every article in exactly one story"
    assert sum(len(s["articles"]) for s in stories) == 5
    assert story_of["002"] == story_of["004"]
    assert story_of["001"] != story_of["002"] and story_of["003"] != story_of["002"]
    story = next(s for s in stories if s["id"] == story_of["002"])
    assert story["languages"] == ["ar", "fa"] and story["first_published"] == "2022-01-25"
    tie = next(e for e in story["evidence"] if "linked_to" in e)
    assert "fac:ghwayran-prison" in {item["key"].removeprefix("e:") for item in tie["entities"]}
    assert "Ghwayran" in story["title_en"]


def test_incremental_run_keeps_story_ids(tmp_path: Path, seeds_dir: Path) -> None:
    seeds = sorted(seeds_dir.glob("*.txt"))
    out = tmp_path / "out"
    assert main(["analyze", str(seeds[2]), str(seeds[1]), "--out", str(out), "--no-progress", "--no-report"]) == 0
    before = {s["id"]: s["articles"] for s in json.loads((out / "stories.json").read_text("utf-8"))}
    assert main(["analyze", str(seeds[4]), str(seeds[3]), "--out", str(out), "--no-progress", "--no-report"]) == 0
    after = {s["id"]: s["articles"] for s in json.loads((out / "stories.json").read_text("utf-8"))}
    assert sum(len(a) for a in after.values()) == 4, "earlier articles stay in the stories"
    for story_id, members in before.items():
        assert set(members) <= set(after[story_id])
    assert any(len(after[story_id]) == 2 for story_id in before), "004 joins the story of 002"


def test_an_earlier_lone_article_joins_a_story_later() -> None:
    """Two reports analysed in separate runs: the second run ties them, the first's id is kept."""
    first = [article("k1", "ar", "2024-03-05", BREAD, [(400, "Syrian pounds")])]
    before = build_stories(first)
    after = build_stories([*first, article("k2", "en", "2024-03-05", BREAD, [(400, "Syrian pounds")])],
                          previous=before)
    assert [(s["id"], s["articles"]) for s in after] == [("story:k1", ["k1", "k2"])]


def test_two_earlier_stories_are_never_merged() -> None:
    old = [article("o1", "ar", "2024-03-05", BREAD, [(400, "Syrian pounds")]),
           article("o2", "fa", "2024-03-05", BREAD, [(400, "Syrian pounds")]),
           article("o3", "ar", "2024-03-06", BREAD, [(400, "Syrian pounds")]),
           article("o4", "en", "2024-03-06", BREAD, [(400, "Syrian pounds")])]
    before = [{"id": "story:o1", "articles": ["o1", "o2"], "evidence": []},
              {"id": "story:o3", "articles": ["o3", "o4"], "evidence": []}]
    after = build_stories([*old, article("n5", "en", "2024-03-05", BREAD, [(400, "Syrian pounds")])],
                          previous=before)
    by_id = {s["id"]: set(s["articles"]) for s in after}
    assert set(by_id) == {"story:o1", "story:o3"}
    assert {"o1", "o2"} <= by_id["story:o1"] and {"o3", "o4"} <= by_id["story:o3"]
    assert "n5" in by_id["story:o1"] | by_id["story:o3"]


def test_a_rocket_attack_in_erbil_and_detainees_in_syria_stay_apart() -> None:
    coalition = ("التحالف الدولي", "ORG", "org:global-coalition")
    rockets = [("أربيل", "GPE", "gpe:erbil"), ("مطار أربيل", "FAC", "fac:erbil-airport"), coalition,
               ("إقليم كردستان", "GPE", "gpe:kurdistan-region")]
    detainees = [("الحسكة", "GPE", "gpe:hasakah"), ("سجن غويران", "FAC", "fac:ghwayran-prison"), coalition,
                 ("داعش", "ORG", "org:isis")]
    arts = [article("r1", "ar", "2024-01-16", rockets, [(3, "rockets")]),
            article("r2", "en", "2024-01-16", rockets, [(3, "rockets")]),
            article("d1", "ar", "2024-01-17", detainees, [(3, "ISIS members")], cited=["SANA"]),
            article("d2", "fa", "2024-01-17", detainees, [(3, "ISIS members")], cited=["SANA"])]
    assert groups(build_stories(arts)) == {frozenset({"r1", "r2"}), frozenset({"d1", "d2"})}


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        (("ar", "قاسم العبيدي"), ("en", "Kassem al-Obeidi"), True),  # one name across scripts
        (("fa", "روستای صبحه"), ("en", "al-Subha village"), True),
        (("ar", "ماريا كوستا"), ("fa", "ماریا کوستا"), True),
        (("ar", "حسين العلي"), ("en", "Hassan al-Ali"), False),  # the same consonants, another name
        (("ar", "الصبحة"), ("ar", "السبخة"), False),  # one language, other consonants
    ],
)
def test_names_meet_across_scripts(one: tuple[str, str], other: tuple[str, str], same: bool) -> None:
    from rasad.corpus.stories_keys import article_keys, unify_names

    keys = [article_keys(article(aid, lang, "2024-03-05", [(name, "PER", None)]))
            for aid, (lang, name) in (("a", one), ("b", other))]
    unify_names(keys)
    names = [{k for k in k.keys if k.startswith("t:")} for k in keys]
    assert all(len(n) == 1 for n in names)
    assert (names[0] == names[1]) is same


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_candidate_pairs_of_new_articles_are_those_a_full_run_finds(seed: int) -> None:
    """An incremental run weighs only the pairs with a new article: the same pairs as the full
    blocking, restricted to them (rarest keys by the whole collection's frequencies)."""
    rng = random.Random(seed)
    vocabulary = [f"e:per:name-{n}" for n in range(40)] + [f"nc:{n}:killed" for n in range(30)]
    articles = [StoryKeys(f"a{n:03}", "ar", None, None, rng.choice([None, 738000 + rng.randrange(30)]), None,
                          {key: "PER" for key in rng.sample(vocabulary, rng.randrange(2, 12))})
                for n in range(150)]
    new = sorted(rng.sample(range(len(articles)), 20))
    full = candidate_pairs(articles)
    expected = {pair for pair in full if pair[0] in new or pair[1] in new}
    assert expected
    assert candidate_pairs(articles, involving=new) == expected
