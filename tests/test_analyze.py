"""`analyze()`: results are flushed as they arrive, so a crash keeps what was finished."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import rasad.analyze as analyze_module
from rasad.analyze import analyze
from rasad.pipeline import Outcome
from rasad.settings import Settings


def test_crash_mid_run_keeps_finished_articles(tmp_path: Path, examples_dir: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    real_run = analyze_module.run_articles

    def crash_after_two(raws, settings, on_done=None) -> Iterator[Outcome]:  # type: ignore[no-untyped-def]
        for i, outcome in enumerate(real_run(raws, settings, on_done)):
            if i == 2:
                raise RuntimeError("power cut")
            yield outcome

    monkeypatch.setattr(analyze_module, "run_articles", crash_after_two)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="power cut"):
        analyze([examples_dir], out, Settings(workers=1, progress=False))
    partial = (out / "articles.jsonl.partial").read_text("utf-8").splitlines()
    assert len(partial) == 2
    assert all(json.loads(line)["id"] for line in partial)


def test_same_text_from_two_inputs_is_one_article(tmp_path: Path) -> None:
    text = "قالت مصادر محلية في مدينة الحسكة إن قافلة مساعدات وصلت صباح اليوم إلى المدينة.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text + "\n\n", encoding="utf-8")
    summary = analyze([tmp_path / "a.txt", tmp_path / "b.txt"], tmp_path / "out",
                      Settings(workers=1, progress=False, report=False))
    assert (summary.articles, summary.duplicates) == (1, 1)
    record = json.loads((tmp_path / "out" / "articles.jsonl").read_text("utf-8"))
    assert record["duplicate_sources"][0]["path"].endswith("b.txt")


def test_store_from_a_newer_rasad_stops_the_run_before_any_work(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    from rasad.cli import main
    from rasad.store.duck import Store

    out = tmp_path / "out"
    out.mkdir()
    with Store(out / "rasad.duckdb") as store:
        store.con.execute("UPDATE rasad_meta SET value = '99' WHERE key = 'schema_version'")
    (tmp_path / "a.txt").write_text("وصلت قافلة من عشرين شاحنة إلى مدينة الحسكة صباح اليوم.\n", encoding="utf-8")
    assert main(["analyze", str(tmp_path / "a.txt"), "--out", str(out), "--no-progress"]) == 2
    err = capsys.readouterr().err.strip()
    assert "newer rasad" in err and len(err.splitlines()) == 1
    assert not (out / "articles.jsonl").exists()


def test_inputs_are_read_while_articles_are_analysed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The main process never holds every raw document: the first article is analysed before the
    second input is read."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    import rasad.ingest
    import rasad.pipeline

    for name, text in (("a.txt", "وصلت قافلة مساعدات إلى مدينة الحسكة صباح اليوم بعد انتظار طويل."),
                       ("b.txt", "Aid trucks reached the city of Hasakah this morning after a long wait."),
                       ("c.txt", "کاروان کمک‌ها امروز صبح پس از انتظاری طولانی به شهر حسکه رسید.")):
        (inputs / name).write_text(text, encoding="utf-8")
    real_read, real_analyze = rasad.ingest.read_inputs, rasad.pipeline.analyze_document
    read: list[str] = []
    read_when_analysed: list[int] = []

    def reading(paths, settings):  # type: ignore[no-untyped-def]
        for item in real_read(paths, settings):
            read.append(str(item.source))
            yield item

    def analysing(raw, settings, stages):  # type: ignore[no-untyped-def]
        read_when_analysed.append(len(read))
        return real_analyze(raw, settings, stages)

    monkeypatch.setattr(rasad.ingest, "read_inputs", reading)
    monkeypatch.setattr(rasad.pipeline, "analyze_document", analysing)
    summary = analyze([inputs], tmp_path / "out", Settings(workers=1, progress=False, report=False, store=False))
    assert summary.articles == 3
    assert read_when_analysed == [1, 2, 3]


def test_errors_list_the_inputs_own_errors_before_the_analysis_errors(tmp_path: Path) -> None:
    """Reading while analysing keeps errors.jsonl in the order of reading everything first."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("قصير", encoding="utf-8")  # read fine, too short once analysed
    (inputs / "b.txt").write_text("وصلت قافلة مساعدات إلى مدينة الحسكة صباح اليوم بعد انتظار طويل.",
                                    encoding="utf-8")
    (inputs / "c.xyz").write_text("not an article format", encoding="utf-8")  # refused when read
    analyze([inputs], tmp_path / "out", Settings(workers=1, progress=False, report=False, store=False))
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text("utf-8").splitlines()]
    assert [Path(e["source"]).name for e in errors] == ["c.xyz", "a.txt"]
