"""The Spark engine: `--engine spark` writes the same output files as the local engine, and the
stories' blocking on Spark proposes the same candidate pairs. One small local Spark session
(`local[2]`, a small driver heap) serves the whole module: starting one takes about 20 s."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rasad.analyze import analyze
from rasad.corpus.stories_keys import StoryKeys
from rasad.corpus.stories_link import candidate_pairs as local_pairs
from rasad.settings import Settings

# Every file a run writes, compared byte for byte (report.html names its output folder: compared without it).
COMPARED = ("articles.jsonl", "errors.jsonl", "entities.json", "stories.json", "reuse.json", "claim_clusters.json",
            "contradictions.json", "articles.parquet")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("rasad-tests")
               .config("spark.driver.memory", "512m").config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def both_engines(spark: Any, examples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """examples/corpus and two bad inputs analysed by the local engine (2 processes) and by Spark."""
    bad = tmp_path_factory.mktemp("bad")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "records.jsonl").write_text('{"title": "بلا نص"}\nnot json\n', encoding="utf-8")
    inputs = [examples_dir, bad / "empty.txt", bad / "records.jsonl"]
    local, on_spark = tmp_path_factory.mktemp("local"), tmp_path_factory.mktemp("spark")
    analyze(inputs, local, Settings(workers=2, progress=False, parquet=True))
    analyze(inputs, on_spark, Settings(workers=2, progress=False, engine="spark"))
    return local, on_spark


@pytest.mark.parametrize("name", COMPARED)
def test_spark_writes_the_same_files_as_the_local_engine(both_engines: tuple[Path, Path], name: str) -> None:
    local, on_spark = both_engines
    assert (local / name).stat().st_size > 0
    assert (on_spark / name).read_bytes() == (local / name).read_bytes()


def test_spark_report_differs_only_in_its_folder(both_engines: tuple[Path, Path]) -> None:
    """The report's data (compressed inside report.html) are the same but for the folder's path."""
    from rasad.report.data import build_payload

    local, on_spark = both_engines
    assert (local / "report.html").stat().st_size and (on_spark / "report.html").stat().st_size
    payloads = [build_payload(folder) for folder in (local, on_spark)]
    index = [json.dumps(p.index, sort_keys=True).replace(str(f), "OUT")
             for p, f in zip(payloads, (local, on_spark), strict=True)]
    assert index[0] == index[1]
    assert list(payloads[0].chunks) == list(payloads[1].chunks)


def test_spark_executor_keeps_input_order_and_reports_the_failing_item(spark: Any) -> None:
    from rasad.spark.executor import SparkExecutor

    items = [str(n) for n in range(7)] + ["سبعة"] + [str(n) for n in range(8, 12)]
    with SparkExecutor(batch_size=5) as executor:  # three batches, the second with the bad item
        results = list(executor.map(int, items, on_crash=lambda item, error: -1))
    assert results == [*range(7), -1, *range(8, 12)]


def _keys(i: int, day: int | None, *keys: str) -> StoryKeys:
    return StoryKeys(f"a{i}", "ar", None, None, day, None, dict.fromkeys(keys, "GPE"))


# (articles, expected pairs): rare shared keys pair articles within the 7-day window, common keys do not.
BLOCKING_CASES = [
    ([_keys(0, 738000, "e:gpe:hasakah", "n:750"), _keys(1, 738002, "e:gpe:hasakah"), _keys(2, 738030, "e:gpe:hasakah")],
     {(0, 1)}),
    ([_keys(0, None, "t:sbh:صبحه"), _keys(1, 738000, "t:sbh:صبحه", "d:2022-01-20"), _keys(2, 738001, "d:2022-01-20")],
     {(0, 1), (1, 2)}),
    ([_keys(i, 738000, "c:Sputnik", f"n:{i}") for i in range(70)], set()),  # one key in 70 articles: no block
    ([_keys(i, 738000 + i % 3, "e:fac:ghwayran-prison", "c:Sputnik") for i in range(12)], None),
]


@pytest.mark.parametrize(("articles", "expected"), BLOCKING_CASES)
def test_spark_blocking_proposes_the_local_pairs(spark: Any, articles: list[StoryKeys],
                                                 expected: set[tuple[int, int]] | None) -> None:
    from rasad.spark.blocking import candidate_pairs

    pairs = candidate_pairs(articles)
    assert pairs == local_pairs(articles)
    if expected is not None:
        assert pairs == expected
    else:
        assert len(pairs) == 12 * 11 // 2


GROUP_CASES = [
    ([5, 7, 5, 5], [3, 1, 0, 3], 10),  # a member twice under one key
    ([1, 1, 2, 2, 2, 3], [0, 1, 0, 1, 2, 4], 10),  # (0, 1) share two keys
    ([9] * 12 + [4, 4], [*range(12), 2, 3], 5),  # a group over max_group is skipped
    ([8, 9], [0, 1], 10),  # no key shared: no pairs
    ([2**64 - 1, 2**64 - 1, 2**63 + 5], [4, 2, 2], 10),  # keys above 2**63 (numpy uint64)
]


@pytest.mark.parametrize(("keys", "members", "max_group"), GROUP_CASES)
def test_spark_groups_the_local_lsh_and_anchor_pairs(spark: Any, keys: list[int], members: list[int],
                                                     max_group: int) -> None:
    import numpy as np

    from rasad.corpus.reuse.lsh import group_pairs as local_group
    from rasad.spark.blocking import group_pairs

    key_array, member_array = np.array(keys, dtype=np.uint64), np.array(members, dtype=np.int64)
    pairs, shared = group_pairs(key_array, member_array, max_group)
    local_pairs_, local_shared = local_group(key_array, member_array, max_group)
    assert pairs.tolist() == local_pairs_.tolist()
    assert shared.tolist() == local_shared.tolist()


def test_without_pyspark_the_spark_engine_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str],
                                                                   tmp_path: Path) -> None:
    from rasad.cli import main

    monkeypatch.setitem(sys.modules, "pyspark", None)  # `import pyspark` raises ImportError
    (tmp_path / "a.txt").write_text("خبر قصير عن فيضان في مدينة القامشلي يوم الأحد.", encoding="utf-8")
    assert main(["analyze", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--engine", "spark"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "pip install 'rasad[spark]'" in err[0]
