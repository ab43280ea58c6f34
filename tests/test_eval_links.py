"""`rasad eval links`: the pair counting on hand-made mentions, the mapping of gold mentions to entity
spans, the blind set's integrity, the whole evaluation end to end and its pinned floors."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from rasad.cli import main
from rasad.eval import links
from rasad.eval.common import GoldError

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text("utf-8"))
BLIND = links.DATASETS["blind"]


def _mention(entity: str, lang: str, start: int = 0, article: str = "a1", text: str = "x") -> links.Mention:
    return links.Mention(entity, entity.split(":")[0], article, lang, "R", start, start + len(text), text)


# --- counting pairs -------------------------------------------------------------------------------

# the town of Zarqa in three languages, one more mention in English, and a person in two languages
TOWN = [_mention("place:zarqa", "en", 0), _mention("place:zarqa", "en", 10), _mention("place:zarqa", "ar", 20),
        _mention("place:zarqa", "fa", 30)]
PERSON = [_mention("person:omar", "en", 40), _mention("person:omar", "ar", 50)]


@pytest.mark.parametrize(
    ("ids", "linked", "same", "correct"),
    [
        # everything right: 5 town pairs (en-ar twice, en-fa twice, ar-fa) and 1 person pair
        (["g1", "g1", "g1", "g1", "p1", "p1"], 6, 6, 6),
        # the Persian town mention is unlinked (None): the 3 pairs with it fail
        (["g1", "g1", "g1", None, "p1", "p1"], 3, 3, 3),
        # one English town mention and the Arabic person share an id: 1 false pair (en-ar)
        (["g1", "p1", "g1", "g1", "p2", "p1"], 3, 4, 3),
        # nothing linked across languages
        (["a", "b", "c", "d", "e", "f"], 0, 0, 0),
    ],
)
def test_pair_counts_on_known_cases(ids: list[str | None], linked: int, same: int, correct: int) -> None:
    mentions = TOWN + PERSON
    counts = links.pair_counts(mentions, dict(zip(mentions, ids, strict=True)))
    assert counts["gold"]["all"] == 6
    assert (counts["linked"]["all"], counts["same"]["all"], counts["correct"]["all"]) == (linked, same, correct)


def test_pair_counts_break_down_by_language_pair_and_type() -> None:
    mentions = TOWN + PERSON
    counts = links.pair_counts(mentions, dict(zip(mentions, ["g", "g", "g", "x", "p", "q"], strict=True)))
    assert (counts["gold"]["langs:ar-en"], counts["linked"]["langs:ar-en"]) == (3, 2)
    assert (counts["gold"]["langs:en-fa"], counts["linked"]["langs:en-fa"]) == (2, 0)
    assert (counts["gold"]["type:person"], counts["linked"]["type:person"]) == (1, 0)
    assert counts["gold"]["region:R"] == 6


# --- mapping gold mentions to spans ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("abc", "abc", [0, 1, 2, 3]),
        ("abc\n", "abc", [0, 1, 2, 3, 3]),  # a dropped trailing newline
        ("ab\u200cc", "abc", [0, 1, 2, 2, 3]),  # a dropped ZWNJ
        ("a  b", "a b", [0, 1, 2, 2, 3]),  # two spaces folded into one
    ],
)
def test_offset_map(source: str, target: str, expected: list[int]) -> None:
    assert links.offset_map(source, target) == expected


def test_predict_takes_the_span_covering_the_mention() -> None:
    text = "Fighting near Marib and the Port of Aden Authority said"
    marib = _mention("place:marib", "en", text.index("Marib"), text="Marib")
    authority = _mention("org:paa", "en", text.index("Port of"), text="Port of Aden Authority")
    said = _mention("person:nobody", "en", text.index("said"), text="said")
    spans = [{"start": 14, "end": 19, "text": "Marib", "entity_id": "geo:1"},
             {"start": 36, "end": 40, "text": "Aden", "entity_id": "geo:2"},  # a place inside the org's name
             {"start": 0, "end": 8, "text": "Fighting", "entity_id": None}]
    article = {"id": "a1", "file": "articles/a1.txt", "text": text}
    ids, why, outside = links.predict([marib, authority, said], [article], {"a1.txt": {"text": text,
                                                                                     "entities": spans}})
    assert ids == {marib: "geo:1"}
    assert why == {authority: "partial span", said: "no span"}
    assert [o["text"] for o in outside] == ["Fighting"]


def test_predict_reports_a_missing_article() -> None:
    mention = _mention("place:marib", "en", text="x")
    _, why, _ = links.predict([mention], [{"id": "a1", "file": "articles/a1.txt", "text": "x"}], {})
    assert why == {mention: "no article"}


def test_read_gold_rejects_a_mention_at_the_wrong_place(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a1.txt").write_text("Rain in Zarqa today", encoding="utf-8")
    gold = {"articles": [{"id": "a1", "lang": "en", "region": "R", "file": "articles/a1.txt"}],
            "entities": [{"id": "place:zarqa", "type": "place",
                          "mentions": [{"article": "a1", "start": 0, "end": 5, "text": "Zarqa"}]}]}
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(GoldError, match="not at 0:5"):
        links.read_gold(tmp_path)


# --- the blind set ----------------------------------------------------------------------------------


def _gold() -> dict[str, Any]:
    return json.loads((BLIND / "gold.json").read_text(encoding="utf-8"))


def _gold_cross_pairs(gold: dict[str, Any]) -> int:
    lang = {a["id"]: a["lang"] for a in gold["articles"]}
    return sum(1 for e in gold["entities"] for a, b in itertools.combinations(e["mentions"], 2)
               if lang[a["article"]] != lang[b["article"]])


def test_blind_set_is_balanced_and_consistent() -> None:
    gold = _gold()
    articles, mentions = links.read_gold(BLIND)  # checks every mention's text at its offsets
    assert articles and mentions
    per_region_lang: dict[tuple[str, str], int] = {}
    for a in articles:
        per_region_lang[a["region"], a["lang"]] = per_region_lang.get((a["region"], a["lang"]), 0) + 1
    assert len({region for region, _ in per_region_lang}) >= 4
    assert all(2 <= n <= 3 for n in per_region_lang.values()), per_region_lang
    assert {lang for _, lang in per_region_lang} == {"ar", "fa", "en"}
    assert len(mentions) == sum(len(e["mentions"]) for e in gold["entities"])
    assert {e["type"] for e in gold["entities"]} <= set(gold["types"])


@pytest.mark.parametrize("name", ["dev", "dev2", "dev3"])
def test_dev_set_is_consistent_and_up_to_date(name: str) -> None:
    articles, mentions = links.read_gold(links.DATASETS[name])  # checks every mention's text at its offsets
    assert articles and mentions
    assert {a["lang"] for a in articles} == {"ar", "fa", "en"}
    assert len({a["region"] for a in articles}) >= 6
    build = _build_script()
    assert all((links.DATASETS[name] / rel).read_text(encoding="utf-8") == content
               for rel, content in build.build(name).items())


def _build_script() -> Any:
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "scripts" / "build_blind_links.py"
    spec = importlib.util.spec_from_file_location("build_links", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- end to end -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def blind_result(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from rasad.analyze import analyze
    from rasad.settings import Settings

    out = tmp_path_factory.mktemp("eval-links")
    analyze([BLIND / "articles"], out, Settings(workers=1, progress=False, report=False))
    return {"out": out, "result": links.score(BLIND, out)}


def test_eval_links_end_to_end(blind_result: dict[str, Any]) -> None:
    result, gold = blind_result["result"], _gold()
    for key in ("link_rate", "precision"):
        assert 0.0 <= result[key] <= 1.0, key
    assert result["articles"] == len(gold["articles"]) and result["missing_articles"] == []
    assert result["entities"] == len(gold["entities"])
    assert result["mentions"] == sum(len(e["mentions"]) for e in gold["entities"])
    assert result["pairs"] == _gold_cross_pairs(gold)
    assert sum(v["pairs"] for v in result["by_language_pair"].values()) == result["pairs"]
    assert sum(v["linked"] for v in result["by_type"].values()) == result["linked"]
    assert result["mentions_no_span"] + result["mentions_partial_span"] + result["mentions_no_id"] <= result["mentions"]
    for part in ("by_language_pair", "by_type"):
        for name, value in result[part].items():
            assert value["link_rate"] is None or 0.0 <= value["link_rate"] <= 1.0, (part, name)
            assert value["precision"] is None or 0.0 <= value["precision"] <= 1.0, (part, name)


def test_eval_links_cli_prints_the_same_json(blind_result: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "links", "--out", str(blind_result["out"]), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    expected = {k: v for k, v in blind_result["result"].items() if k != "details"}
    assert printed == expected


def test_eval_links_cli_fails_clearly_without_an_analysis(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "links", "--out", str(tmp_path), "--json"]) == 1
    assert "articles.jsonl" in capsys.readouterr().err


@pytest.mark.parametrize(("metric", "floor"), sorted(FLOORS["links"]["blind"].items()))
def test_eval_links_meets_floors(metric: str, floor: float, blind_result: dict[str, Any]) -> None:
    result = blind_result["result"]
    assert result[metric] >= floor, (metric, result[metric])


@pytest.fixture(scope="module", params=["dev", "dev2", "dev3"])
def dev_result(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    from rasad.analyze import analyze
    from rasad.settings import Settings

    name = request.param
    gold = links.DATASETS[name]
    out = tmp_path_factory.mktemp(f"eval-links-{name}")
    analyze([gold / "articles"], out, Settings(workers=1, progress=False, report=False))
    return name, links.score(gold, out, name)


def test_eval_links_meets_dev_floors(dev_result: tuple[str, dict[str, Any]]) -> None:
    name, result = dev_result
    floors = FLOORS["links"][name]
    assert floors
    for metric, floor in sorted(floors.items()):
        assert result[metric] >= floor, (name, metric, result[metric])
