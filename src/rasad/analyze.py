"""`analyze()`: the main job. Read inputs, run the per-article stages, run the corpus stages, write
the output folder (articles.jsonl, errors.jsonl, entities.json, the DuckDB store, report.html).

Results are written as they arrive (and flushed), so a crash loses nothing already analysed; the
final `articles.jsonl` is swapped in atomically when the run ends.

Example::

    summary = analyze(["examples/corpus"], Path("out"))
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from rasad.article import Article, RawDocument
from rasad.errors import ErrorRecord
from rasad.pipeline import Outcome, run_articles
from rasad.progress import progress_bar
from rasad.settings import Settings

ARTICLES = "articles.jsonl"
ERRORS = "errors.jsonl"
ENTITIES = "entities.json"
STORE = "rasad.duckdb"
REPORT = "report.html"

ErrorCallback = Callable[[ErrorRecord], None]


@dataclass
class RunSummary:
    out_dir: Path
    articles: int = 0
    errors: int = 0
    duplicates: int = 0
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """False only when nothing could be analysed."""
        return self.articles > 0


class _JsonlWriter:
    """Appends one JSON object per line and flushes, so a crash keeps every finished line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: TextIO = path.open("w", encoding="utf-8")

    def write(self, record: dict[str, Any]) -> None:
        self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()


def _report_error(record: ErrorRecord, errors: _JsonlWriter, on_error: ErrorCallback | None) -> None:
    errors.write(record.as_dict())
    if on_error:
        on_error(record)


def analyze(
    inputs: Sequence[str | Path],
    out_dir: Path,
    settings: Settings | None = None,
    on_error: ErrorCallback | None = None,
) -> RunSummary:
    """Analyse files/folders `inputs` and write the contract's output files into `out_dir`.

    `on_error(record)` is called for each bad input (the CLI prints it to stderr).
    """
    from rasad.ingest import read_inputs

    settings = settings or Settings()
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = RunSummary(out_dir=out_dir)
    errors = _JsonlWriter(out_dir / ERRORS)
    partial = _JsonlWriter(out_dir / (ARTICLES + ".partial"))
    articles: list[Article] = []
    seen: dict[str, dict[str, Any]] = {}
    try:
        raws: list[RawDocument] = []
        with progress_bar("Reading", None, settings.progress) as advance:
            for item in read_inputs(inputs, settings):
                if isinstance(item, ErrorRecord):
                    summary.errors += 1
                    _report_error(item, errors, on_error)
                else:
                    raws.append(item)
                advance(1)

        with progress_bar("Analysing", len(raws), settings.progress) as advance:

            def done(outcome: Outcome) -> None:
                advance(1)

            for outcome in run_articles(raws, settings, on_done=done):
                if outcome.error is not None:
                    summary.errors += 1
                    _report_error(outcome.error, errors, on_error)
                    continue
                article = outcome.article
                assert article is not None
                record = article.as_dict()
                if article.id in seen:  # same cleaned text from another input: keep one record
                    seen[article.id].setdefault("duplicate_sources", []).append(record["source"])
                    summary.duplicates += 1
                    continue
                seen[article.id] = record
                articles.append(article)
                partial.write(record)
    finally:
        errors.close()
        partial.close()

    _write_jsonl_atomic(out_dir / ARTICLES, seen.values())
    (out_dir / (ARTICLES + ".partial")).unlink(missing_ok=True)
    summary.articles = len(articles)
    summary.files = {"articles": out_dir / ARTICLES, "errors": out_dir / ERRORS}

    _write_corpus_outputs(articles, out_dir, summary)
    if settings.store:
        from rasad.store.duck import Store

        with Store(out_dir / STORE) as store:
            store.upsert_articles(list(seen.values()))
            store.replace_errors(_read_jsonl(out_dir / ERRORS))
        summary.files["store"] = out_dir / STORE
    if settings.report:
        from rasad.report.html import write_report

        write_report(out_dir)
        summary.files["report"] = out_dir / REPORT
    return summary


def _write_corpus_outputs(articles: list[Article], out_dir: Path, summary: RunSummary) -> None:
    """Corpus-level stages: they take the whole collection."""
    from rasad.corpus.entities import build_entities_json

    _write_json_atomic(out_dir / ENTITIES, build_entities_json(articles))
    summary.files["entities"] = out_dir / ENTITIES


def _write_jsonl_atomic(path: Path, records: Iterable[dict[str, Any]]) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def _write_json_atomic(path: Path, value: Any) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_articles(out_dir: Path) -> list[dict[str, Any]]:
    """The records of `out_dir/articles.jsonl` (for the report, the store and user scripts)."""
    return _read_jsonl(out_dir / ARTICLES)


def read_errors(out_dir: Path) -> list[dict[str, Any]]:
    return _read_jsonl(out_dir / ERRORS)
