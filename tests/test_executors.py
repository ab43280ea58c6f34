"""Executors: results in input order, the pool fed a bounded window at a time."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from rasad.executors import ProcessExecutor, SerialExecutor, make_executor
from rasad.pipeline import run_articles
from rasad.settings import Settings


def _square(n: int) -> int:
    return n * n


@pytest.mark.parametrize("executor", [SerialExecutor(), ProcessExecutor(2, chunksize=3, window=2)],
                         ids=["serial", "process"])
def test_results_come_back_in_input_order(executor: SerialExecutor | ProcessExecutor) -> None:
    with executor:
        assert list(executor.map(_square, range(50))) == [n * n for n in range(50)]
        assert list(executor.map(_square, [])) == []


def test_process_pool_reads_its_input_lazily() -> None:
    pulled: list[int] = []

    def items() -> Iterator[int]:
        for n in range(1000):
            pulled.append(n)
            yield n

    with ProcessExecutor(2, chunksize=4, window=3) as executor:
        results = executor.map(_square, items())
        assert next(results) == 0
        assert len(pulled) <= 4 * 3 + 1, "at most `window` chunks are submitted ahead"
        assert sum(1 for _ in results) == 999


@pytest.mark.parametrize(("workers", "kind"), [(1, SerialExecutor), (2, ProcessExecutor)])
def test_make_executor(workers: int, kind: type) -> None:
    executor = make_executor(workers)
    assert isinstance(executor, kind)
    executor.close()


def test_bad_pool_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="workers"):
        ProcessExecutor(0)
    with pytest.raises(ValueError, match="chunksize"):
        ProcessExecutor(2, chunksize=0)
    with pytest.raises(ValueError, match="recycle_after"):
        ProcessExecutor(2, recycle_after=0)


def _square_or_die(n: int) -> int:
    if n == 13:
        os._exit(3)  # what a segfault in a native library or the OOM killer does to a worker
    return n * n


def test_a_worker_that_dies_costs_only_its_item() -> None:
    crashed: list[int] = []

    def on_crash(n: int, error: BaseException) -> int:
        crashed.append(n)
        return -1

    with ProcessExecutor(2, chunksize=3, window=4) as executor:
        results = list(executor.map(_square_or_die, range(40), on_crash=on_crash))
    assert crashed == [13]
    assert results == [-1 if n == 13 else n * n for n in range(40)]


def test_without_a_crash_handler_a_dead_worker_ends_the_map() -> None:
    from concurrent.futures.process import BrokenProcessPool

    with ProcessExecutor(2, chunksize=3) as executor, pytest.raises(BrokenProcessPool):
        list(executor.map(_square_or_die, range(20)))


def test_run_articles_reports_the_input_whose_worker_died(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasad import pipeline
    from rasad.article import RawDocument, Source

    real = pipeline.analyze_document

    def analyze_or_die(raw: RawDocument, settings: Settings, stages: list) -> object:
        if "CRASH" in raw.text:
            os._exit(9)
        return real(raw, settings, stages)

    monkeypatch.setattr(pipeline, "analyze_document", analyze_or_die)  # forked workers inherit it
    texts = [f"خبر رقم {n} عن اجتماع في دمشق حول المياه والكهرباء في الأحياء الشرقية" for n in range(6)]
    texts[2] = "CRASH " + texts[2]
    raws = [RawDocument(Source(sha256=f"{n:064x}", format="txt", path=f"doc{n}.txt"), t) for n, t in enumerate(texts)]
    outcomes = list(run_articles(raws, Settings(workers=2, stages=("normalize", "clean"), progress=False)))
    assert len(outcomes) == 6
    assert [o.error is not None for o in outcomes] == [False, False, True, False, False, False]
    assert outcomes[2].error is not None and outcomes[2].error.source == "doc2.txt"
    assert "worker process" in outcomes[2].error.error
def test_a_pool_loads_no_model_in_the_main_process(tmp_path: Path) -> None:
    """With workers, the models load in the workers only (each process's RSS counts its shared pages)."""
    from rasad.analyze import analyze
    from rasad.extract.ner.model import load_model
    from rasad.settings import Settings
    (tmp_path / "a.txt").write_text("التقى وزير الخارجية نظيره في دمشق يوم الاثنين لبحث ملف المساعدات.",
                                    encoding="utf-8")
    load_model.cache_clear()
    summary = analyze([tmp_path / "a.txt"], tmp_path / "out",
                      Settings(workers=2, progress=False, report=False, store=False))
    assert summary.articles == 1
    assert load_model.cache_info().currsize == 0


def _pid_of(n: int) -> tuple[int, int]:
    return n, os.getpid()


def test_a_recycled_pool_keeps_order_and_replaces_its_workers() -> None:
    with ProcessExecutor(2, chunksize=2, window=3, recycle_after=5) as executor:
        results = list(executor.map(_pid_of, range(60)))
    assert [n for n, _ in results] == list(range(60))
    assert len({pid for _, pid in results}) > 2, "fresh workers after every 10 items"
    assert os.getpid() not in {pid for _, pid in results}


def test_a_recycled_pool_still_reports_the_item_that_kills_its_worker() -> None:
    crashed: list[int] = []

    def on_crash(n: int, error: BaseException) -> int:
        crashed.append(n)
        return -1

    with ProcessExecutor(2, chunksize=3, window=2, recycle_after=4) as executor:
        results = list(executor.map(_square_or_die, range(40), on_crash=on_crash))
    assert crashed == [13]
    assert results == [-1 if n == 13 else n * n for n in range(40)]


def _lingua_in_worker(text: str) -> tuple[dict[str, float], bool]:
    from rasad.text import langid, lingua_shared

    return langid._lingua_scores(text), lingua_shared._remote is not None


def test_pool_workers_share_one_lingua_detector_with_the_same_scores() -> None:
    from rasad.text import lingua_shared
    from rasad.text.langid import _lingua_scores

    texts = ["عاجل: انقطاع الكهرباء", "Breaking: power cut downtown", "خبر فوری از تهران"]
    with make_executor(2) as executor:
        results = list(executor.map(_lingua_in_worker, texts))
    assert results and all(shared for _, shared in results), "the workers asked the shared server"
    assert lingua_shared._remote is None, "this process asks its own detector"
    # lingua's sums may differ in the last bits from one process to another (its hash maps' order),
    # far below the 4 places the output keeps
    for (shared_scores, _), text in zip(results, texts, strict=True):
        local = _lingua_scores(text)
        assert list(shared_scores) == list(local)
        assert shared_scores == pytest.approx(local, rel=1e-12)


def test_articles_lines_rewritten_in_a_pool_are_the_serial_lines() -> None:
    """`analyze` rewrites articles.jsonl's lines in spawned workers given the run's ids once each."""
    from rasad.corpus.name_ids import RewriteContext, rewrite_line
    from rasad.executors import spawn_executor
    from rasad.outputs import dumps_line

    context = RewriteContext({"x:per:1": "x:per:2"}, {})
    jobs = [(dumps_line({"id": f"a{i}", "lang": "en", "text": "Maria Costa spoke.",
                         "entities": [{"entity_id": "x:per:1", "link_rule": "stable-id"}]}),
             i % 2 == 0, "en", [{"path": "copy.txt"}] if i == 3 else None) for i in range(40)]
    serial = list(spawn_executor(1, context).map(rewrite_line, jobs))
    pool = spawn_executor(2, context)  # items not given: a pool however few
    try:
        pooled = list(pool.map(rewrite_line, jobs))
    finally:
        pool.close()
    assert len(serial) == len(jobs) and pooled == serial
    assert '"entity_id": "x:per:2", "link_rule": "same-name"' in serial[0]
    assert serial[1] == jobs[1][0]  # nothing to change: the line as it was
    assert '"duplicate_sources": [{"path": "copy.txt"}]' in serial[3]
