"""`rasad eval stories` and `rasad eval reuse`: the scorers on hand-made predictions, the mapping of
gold file names to article ids, the clear failure when the stage did not run, and the CI floors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rasad.cli import main
from rasad.eval import reuse, stories
from rasad.eval.corpus_gold import Dataset, MissingOutput, article_ids, dataset

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text("utf-8"))

# --- B-cubed on known cases -------------------------------------------------------------------------

GOLD = {"a": "x", "b": "x", "c": "y", "d": "z"}  # stories {a, b}, {c}, {d}


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        # perfect, whatever the labels are called
        ({"a": "1", "b": "1", "c": "2", "d": "3"}, (1.0, 1.0, 1.0)),
        # all in one story: precision (2/4 + 2/4 + 1/4 + 1/4) / 4 = 0.375, recall 1
        ({"a": "s", "b": "s", "c": "s", "d": "s"}, (0.375, 1.0, 0.5455)),
        # all singletons: precision 1, recall (1/2 + 1/2 + 1 + 1) / 4 = 0.75
        ({"a": "1", "b": "2", "c": "3", "d": "4"}, (1.0, 0.75, 0.8571)),
        # an item missing from the prediction is a story of its own
        ({"a": "1", "c": "2", "d": "3"}, (1.0, 0.75, 0.8571)),
        # c wrongly joins {a, b}: a, b, c each get precision 2/3 (c: 1/3), recall stays 1
        ({"a": "1", "b": "1", "c": "1", "d": "3"}, (0.6667, 1.0, 0.8)),
    ],
)
def test_bcubed_on_known_cases(predicted: dict[str, str], expected: tuple[float, float, float]) -> None:
    got = stories.bcubed(predicted, GOLD)
    assert (got["precision"], got["recall"], got["f1"]) == expected


def test_bcubed_ignores_items_outside_the_gold() -> None:
    predicted = {"a": "1", "b": "1", "c": "2", "d": "3", "extra": "1"}
    assert stories.bcubed(predicted, GOLD)["f1"] == 1.0


def test_bcubed_refuses_an_empty_gold() -> None:
    with pytest.raises(ValueError, match="at least one"):
        stories.bcubed({"a": "1"}, {})


# --- a hand-made output folder ----------------------------------------------------------------------

ARTICLES = [  # (id, file, record, duplicate_sources)
    ("id-sana", "corpus/01-ar-sana.txt", None, []),
    ("id-copy", "corpus/02-ar-watan-copy.txt", None, []),
    ("id-fa", "corpus/03-fa-irna.json", 1, []),
    ("id-crawl1", "corpus/04-en-crawl.jsonl", 1, []),
    ("id-crawl2", "corpus/04-en-crawl.jsonl", 2, [{"path": "corpus/05-en-same-text.txt", "sha256": "0"}]),
]
GOLD_STORIES = {"S1 bread": ["01-ar-sana.txt", "02-ar-watan-copy.txt", "03-fa-irna.json"],
                "S2 rockets": ["04-en-crawl.jsonl#1"],
                "S3 swap": ["04-en-crawl.jsonl#2", "05-en-same-text.txt"]}
GOLD_REUSE = [{"a": "01-ar-sana.txt", "b": "02-ar-watan-copy.txt", "kind": "near_duplicate", "first": "01-ar-sana.txt"},
              {"a": "01-ar-sana.txt", "b": "03-fa-irna.json", "kind": "translation", "first": None},
              {"a": "04-en-crawl.jsonl#2", "b": "05-en-same-text.txt", "kind": "duplicate", "first": None}]


def _write(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")


@pytest.fixture()
def data(tmp_path: Path) -> Dataset:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "gold").mkdir()
    _write(tmp_path / "gold" / "stories.json", GOLD_STORIES)
    _write(tmp_path / "gold" / "reuse.json", GOLD_REUSE)
    return Dataset("test", tmp_path / "corpus", tmp_path / "gold")


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    lines = []
    for article_id, path, record, duplicates in ARTICLES:
        source: dict[str, Any] = {"path": path, "sha256": "0", "format": "txt"}
        if record is not None:
            source["record"] = record
        rec: dict[str, Any] = {"id": article_id, "source": source}
        if duplicates:
            rec["duplicate_sources"] = duplicates
        lines.append(json.dumps(rec))
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "errors.jsonl").write_text("", encoding="utf-8")
    return folder


def test_gold_names_map_to_article_ids(out: Path) -> None:
    ids = article_ids(out)
    assert ids["01-ar-sana.txt"] == "id-sana"
    assert ids["03-fa-irna.json"] == ids["03-fa-irna.json#1"] == "id-fa"  # one record: both names
    assert (ids["04-en-crawl.jsonl#1"], ids["04-en-crawl.jsonl#2"]) == ("id-crawl1", "id-crawl2")
    assert "04-en-crawl.jsonl" not in ids  # two records: the bare name is ambiguous
    assert ids["05-en-same-text.txt"] == "id-crawl2"  # collapsed into the article with the same text


def test_stories_score_on_a_hand_made_analysis(data: Dataset, out: Path) -> None:
    _write(out / "stories.json", [{"id": "st-1", "articles": ["id-sana", "id-copy", "id-crawl1"]},
                                  {"id": "st-2", "articles": ["id-crawl2"]}])
    result = stories.score(data, out)
    # id-fa is in no story (its own), S2 is merged into S1's story
    assert result["unlisted_articles"] == ["03-fa-irna.json"]
    assert (result["stories_gold"], result["stories_predicted"], result["articles"]) == (3, 3, 6)
    assert result["details"]["merged"] == [["st-1", "S1 bread", "S2 rockets"]]
    assert result["details"]["split"] == [["S1 bread", "st-1", "unlisted:id-fa"]]
    expected = stories.bcubed({"01-ar-sana.txt": "1", "02-ar-watan-copy.txt": "1", "04-en-crawl.jsonl#1": "1",
                               "03-fa-irna.json": "2", "04-en-crawl.jsonl#2": "3", "05-en-same-text.txt": "3"},
                              {m: label for label, ms in GOLD_STORIES.items() for m in ms})
    assert {k: result[k] for k in ("precision", "recall", "f1")} == expected
    assert result["f1"] < 1.0


def test_reuse_score_on_a_hand_made_analysis(data: Dataset, out: Path) -> None:
    _write(out / "reuse.json", [
        {"a": "id-sana", "b": "id-copy", "kind": "near_duplicate", "similarity": 0.93, "passages": []},
        {"a": "id-crawl1", "b": "id-copy", "kind": "partial", "similarity": 0.4, "passages": []},
        {"a": "id-sana", "b": "id-not-in-gold", "kind": "duplicate", "similarity": 1.0, "passages": []},
    ])
    result = reuse.score(data, out)
    # found: the near-duplicate and the collapsed duplicate; missed: the translation; extra: the partial
    assert (result["pairs_gold"], result["pairs_predicted"], result["collapsed_pairs"]) == (3, 3, 1)
    assert (result["precision"], result["recall"]) == (0.6667, 0.6667)
    assert result["per_kind"]["translation"] == {"recall": 0.0, "precision": None, "gold": 1, "predicted": 0}
    assert result["per_kind"]["partial"]["precision"] == 0.0
    assert result["without_translation"]["recall"] == 1.0
    assert result["first"] == {"correct": 1, "known": 1}
    assert result["details"]["missed"] == ["01-ar-sana.txt ~ 03-fa-irna.json (translation)"]


def test_reuse_first_comes_from_the_first_field_when_given() -> None:
    gold = [reuse.Pair(frozenset({"a", "b"}), "duplicate", "b")]
    names = {"id-a": ["a"], "id-b": ["b"]}
    said_first = reuse.predicted_pairs([{"a": "id-a", "b": "id-b", "kind": "duplicate", "first": "id-b"}], names)
    by_order = reuse.predicted_pairs([{"a": "id-b", "b": "id-a", "kind": "duplicate"}], names)
    cannot_tell = reuse.predicted_pairs([{"a": "id-b", "b": "id-a", "kind": "duplicate", "first": None}], names)
    assert reuse.score_pairs(said_first, gold)["first"] == {"correct": 1, "known": 1}
    assert reuse.score_pairs(by_order, gold)["first"] == {"correct": 1, "known": 1}
    assert reuse.score_pairs(cannot_tell, gold)["first"] == {"correct": 0, "known": 1}


def test_a_pair_reported_twice_counts_once() -> None:
    pair = reuse.Pair(frozenset({"a", "b"}), "duplicate")
    flipped = reuse.Pair(frozenset({"b", "a"}), "duplicate")
    assert reuse.score_pairs([pair, flipped], [pair])["precision"] == 1.0


@pytest.mark.parametrize(("module", "file_name", "stage"),
                         [(stories, "stories.json", "stories"), (reuse, "reuse.json", "reuse")])
def test_missing_output_says_which_stage_did_not_run(data: Dataset, out: Path, module: Any, file_name: str,
                                                     stage: str) -> None:
    with pytest.raises(MissingOutput, match=f"{file_name} does not exist: the '{stage}' corpus stage did not run"):
        module.score(data, out)
    failure = {"source": "<corpus>", "stage": stage, "error": "stage failed", "detail": "KeyError: 'x'"}
    (out / "errors.jsonl").write_text(json.dumps(failure) + "\n", encoding="utf-8")
    with pytest.raises(MissingOutput, match="corpus stage failed: stage failed: KeyError"):
        module.score(data, out)


@pytest.mark.parametrize("task", ["stories", "reuse"])
def test_cli_fails_clearly_without_the_output(task: str, out: Path, data: Dataset,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    args = ["eval", task, "--out", str(out), "--corpus", str(data.corpus), "--gold", str(data.gold), "--json"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert f"{task}.json does not exist" in err and err.count("\n") == 1


def test_cli_prints_one_json_line(out: Path, data: Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    _write(out / "stories.json", [{"id": "s1", "articles": ["id-sana", "id-copy", "id-fa"]},
                                  {"id": "s2", "articles": ["id-crawl1"]}, {"id": "s3", "articles": ["id-crawl2"]}])
    args = ["eval", "stories", "--out", str(out), "--corpus", str(data.corpus), "--gold", str(data.gold), "--json"]
    assert main(args) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1
    result = json.loads(printed[0])
    assert (result["f1"], result["stories_gold"], result["stories_predicted"]) == (1.0, 3, 3)
    assert "details" not in result  # only with --show


def test_unknown_dataset_and_missing_corpus_are_clean_errors(tmp_path: Path) -> None:
    from rasad.eval.common import GoldError

    with pytest.raises(GoldError, match="unknown dataset"):
        dataset("nope")
    with pytest.raises(GoldError, match="not found"):
        dataset("dev", corpus=tmp_path / "absent")


# --- the pinned floors (set by the integrator once the stories and reuse stages land) ----------------


def test_stories_and_reuse_floors_are_pinned() -> None:
    for task in ("stories", "reuse"):
        assert {name for name, _, _ in _floor_cases(task)} == {"dev", "blind"}, task


def _floor_cases(task: str) -> list[tuple[str, str, float]]:
    return [(name, metric, value) for name, metrics in FLOORS.get(task, {}).items()
            for metric, value in metrics.items()]


@pytest.fixture(scope="module")
def scored() -> dict[tuple[str, str], dict[str, Any]]:
    return {}


def _score(cache: dict[tuple[str, str], dict[str, Any]], task: str, name: str,
           tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from rasad.analyze import analyze
    from rasad.settings import Settings

    data = dataset(name)
    out = tmp_path_factory.getbasetemp() / f"eval-{name}"
    if not (out / "articles.jsonl").exists():
        analyze([data.corpus], out, Settings(workers=1, progress=False, report=False))
    if (task, name) not in cache:
        cache[(task, name)] = (stories if task == "stories" else reuse).score(data, out)
    return cache[(task, name)]


@pytest.mark.parametrize(("name", "metric", "floor"), _floor_cases("stories"))
def test_stories_meet_floors(name: str, metric: str, floor: float, scored: dict[tuple[str, str], dict[str, Any]],
                             tmp_path_factory: pytest.TempPathFactory) -> None:
    result = _score(scored, "stories", name, tmp_path_factory)
    assert result[metric] >= floor, (name, metric, result[metric], result.get("details"))


@pytest.mark.parametrize(("name", "metric", "floor"), _floor_cases("reuse"))
def test_reuse_meets_floors(name: str, metric: str, floor: float, scored: dict[tuple[str, str], dict[str, Any]],
                            tmp_path_factory: pytest.TempPathFactory) -> None:
    result = _score(scored, "reuse", name, tmp_path_factory)
    value = result
    for part in metric.split("."):  # e.g. "per_kind.partial.recall" or "without_translation.precision"
        value = value[part]
    assert value >= floor, (name, metric, value, result.get("details"))
