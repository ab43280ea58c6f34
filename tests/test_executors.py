"""Executors: results in input order, the pool fed a bounded window at a time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rasad.executors import ProcessExecutor, SerialExecutor, make_executor


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
