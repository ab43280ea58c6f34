"""`analyze()`: the main job, in five steps:

1. ingest: read the inputs into raw documents (bad ones go to errors.jsonl);
2. article stages: analyse each document on an executor (serial or a process pool), writing each
   result to `articles.jsonl.partial` as it arrives (flushed: a crash loses nothing already analysed);
   the final `articles.jsonl` is swapped in atomically when the stages end;
3. upsert the articles into the DuckDB store (`rasad.duckdb`; a temporary one with `--no-store`);
4. corpus stages: read the articles back from the store, streamed, and write their tables and files
   (entities.json, …);
5. outputs: the errors table, report.html.

File names and readers live in `rasad.outputs`, which the report reads through.

Example::

    summary = analyze(["examples/corpus"], Path("out"))
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasad import heap
from rasad.article import Article, RawDocument
from rasad.corpus.name_ids import RewriteContext, RewriteJob, UnknownNames, rewrite_line
from rasad.corpus.runner import CorpusStage, resolve_corpus, run_corpus_stages
from rasad.errors import ErrorRecord
from rasad.executors import spawn_executor
from rasad.outputs import (
    ARTICLES,
    ARTICLES_PARQUET,
    ERRORS,
    PARTIAL,
    REPORT,
    STORE,
    JsonlWriter,
    read_errors,
    write_lines_atomic,
)
from rasad.pipeline import Outcome, resolve, run_articles
from rasad.progress import progress_bar
from rasad.settings import Settings
from rasad.store.duck import Store
from rasad.timings import StepTimer

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


@dataclass
class _Written:
    """What step 2 wrote: article ids in output order, and the other inputs with the same text."""

    order: list[str] = field(default_factory=list)
    duplicate_sources: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    unknown_names: UnknownNames = field(default_factory=UnknownNames)  # one id per name across scripts
    langs: dict[str, str] = field(default_factory=dict)  # Arabic and Persian articles' languages


def analyze(
    inputs: Sequence[str | Path],
    out_dir: Path,
    settings: Settings | None = None,
    on_error: ErrorCallback | None = None,
) -> RunSummary:
    """Analyse files/folders `inputs` and write the contract's output files into `out_dir`.

    `on_error(record)` is called for each bad input (the CLI prints it to stderr).
    """
    settings = settings or Settings()
    resolve(settings.stages)  # fail fast on a bad stage list, before any work starts
    corpus_stages = resolve_corpus(settings.corpus_stages)
    out_dir.mkdir(parents=True, exist_ok=True)
    if settings.store:  # an unusable store file is refused (an older one migrated) before any work
        Store(out_dir / STORE).close()
    summary = RunSummary(out_dir=out_dir)
    errors = report_error = ErrorSink(out_dir / ERRORS, on_error)
    timer = StepTimer.from_env()  # off unless RASAD_TIMINGS names a file
    try:
        with timer.step("article stages"):
            written = _run_article_stages(inputs, settings, out_dir, report_error, summary)
        with timer.step("articles.jsonl"):
            _write_articles(out_dir, written, settings.workers if settings.engine == "local" else 1)
            heap.release()  # the place tables and name memos of the rewrite
        summary.articles = len(written.order)
        summary.files = {"articles": out_dir / ARTICLES, "errors": out_dir / ERRORS}
        with _open_store(out_dir, settings) as store:
            with timer.step("store"):
                store.upsert_jsonl(out_dir / ARTICLES)
                store.set_collection(written.order)
            written = _Written()  # the order and names are in the store now: not held through the corpus stages
            heap.release()
            if settings.parquet or settings.engine == "spark":
                summary.files["parquet"] = store.export_parquet(out_dir / ARTICLES_PARQUET)
            summary.files.update(run_corpus_phase(store, out_dir, settings, corpus_stages, report_error,
                                                  timer=timer))
            errors.close()
            store.replace_errors(read_errors(out_dir))
    finally:
        errors.close()
    summary.errors = errors.count
    if settings.store:
        summary.files["store"] = out_dir / STORE
    if settings.report:
        from rasad.report.html import write_report

        with timer.step("report"):
            summary.files["report"] = write_report(out_dir)
    return summary


class ErrorSink:
    """Where a run's errors go: `errors.jsonl` (one line each, flushed), counted, and `on_error`.

    >>> # report_error = ErrorSink(out / "errors.jsonl", print); report_error(record); report_error.close()
    """

    def __init__(self, path: Path, on_error: ErrorCallback | None = None) -> None:
        self._writer = JsonlWriter(path)
        self._on_error = on_error
        self.count = 0

    def __call__(self, record: ErrorRecord) -> None:
        self.count += 1
        self._writer.write(record.as_dict())
        if self._on_error:
            self._on_error(record)

    def close(self) -> None:
        self._writer.close()


class _Ingest:
    """The raw documents of `inputs`, read lazily while the article stages pull them (never all held
    at once); each bad input is reported as it is read. With `accept`, only the documents it accepts
    (an incremental run: those whose content the store does not hold yet)."""

    def __init__(self, inputs: Sequence[str | Path], settings: Settings, report_error: ErrorCallback,
                 accept: Callable[[RawDocument], bool] | None = None) -> None:
        self.inputs, self.settings, self.report_error = inputs, settings, report_error
        self.accept = accept
        self.done = False

    def __iter__(self) -> Iterator[RawDocument]:
        from rasad.ingest import read_inputs

        for item in read_inputs(self.inputs, self.settings):
            if isinstance(item, ErrorRecord):
                self.report_error(item)
            elif self.accept is None or self.accept(item):
                yield item
        self.done = True


def analysed(inputs: Sequence[str | Path], settings: Settings, report_error: ErrorCallback,
             accept: Callable[[RawDocument], bool] | None = None) -> Generator[Article | None, None, None]:
    """Step 2's loop, shared by `analyze` and `rasad ingest`: read the inputs (only the documents
    `accept` accepts) and run the article stages on them; yields each document's article, or None
    when its analysis failed, in input order. Errors keep the order they had when all inputs were read
    first: the inputs' own errors, then the analysis errors (held back until ingest has read
    everything)."""
    held: list[ErrorRecord] = []
    raws = _Ingest(inputs, settings, report_error, accept)
    with progress_bar("Analysing", None, settings.progress) as advance:

        def done(outcome: Outcome) -> None:
            advance(1)

        for outcome in run_articles(raws, settings, on_done=done):
            if outcome.error is not None:
                held.append(outcome.error)
            if raws.done:
                _release(held, report_error)
            yield outcome.article if outcome.error is None else None
        _release(held, report_error)


def _run_article_stages(
    inputs: Sequence[str | Path], settings: Settings, out_dir: Path, report_error: ErrorCallback,
    summary: RunSummary
) -> _Written:
    """Analyse every raw document as ingest reads it (`analysed`); append each new article to the
    partial file as it arrives."""
    written = _Written()
    seen: set[str] = set()
    partial = JsonlWriter(out_dir / PARTIAL)
    try:
        with closing(analysed(inputs, settings, report_error)) as articles:  # closed at once on an error
            for article in articles:
                if article is None:
                    continue
                record = article.as_dict()
                if article.id in seen:  # same cleaned text from another input: keep one record
                    written.duplicate_sources.setdefault(article.id, []).append(record["source"])
                    summary.duplicates += 1
                    continue
                seen.add(article.id)
                written.order.append(article.id)
                written.unknown_names.add(article.id, article.lang,
                                          ((e.entity_id, e.type, e.text) for e in article.entities))
                if article.lang in ("ar", "fa"):
                    written.langs[article.id] = article.lang
                partial.write(record)
    finally:
        partial.close()
    return written


def _release(held: list[ErrorRecord], report_error: ErrorCallback) -> None:
    for record in held:
        report_error(record)
    held.clear()


def _write_articles(out_dir: Path, written: _Written, workers: int = 1) -> None:
    """Swap in `articles.jsonl`: the partial file's lines, with `duplicate_sources` added where any
    and the ids of names outside the knowledge base made one across scripts (`corpus.name_ids`).
    Each line is rewritten on its own (`name_ids.rewrite_line`), by `workers` processes."""
    partial = out_dir / PARTIAL
    same_names = written.unknown_names.canonical()
    known_places = {lang: written.unknown_names.known_places(lang) for lang in ("ar", "fa")}

    def jobs(fh: Iterable[str]) -> Iterator[RewriteJob]:
        for article_id, line in zip(written.order, fh, strict=True):
            yield (line, written.unknown_names.needs_rewrite(article_id, same_names),
                   written.langs.get(article_id, ""), written.duplicate_sources.get(article_id))

    context = RewriteContext(same_names, known_places)
    executor = spawn_executor(workers, context, len(written.order))
    try:
        with partial.open(encoding="utf-8") as fh:
            write_lines_atomic(out_dir / ARTICLES, executor.map(rewrite_line, jobs(fh)))
    finally:
        executor.close()
    partial.unlink()


@contextmanager
def _open_store(out_dir: Path, settings: Settings) -> Iterator[Store]:
    """The output folder's store, or (with `--no-store`) a temporary one the corpus stages read from."""
    if settings.store:
        with Store(out_dir / STORE) as store:
            yield store
        return
    with tempfile.TemporaryDirectory(prefix="rasad-") as tmp, Store(Path(tmp) / STORE) as store:
        yield store


def run_corpus_phase(
    store: Store, out_dir: Path, settings: Settings, stages: list[CorpusStage], report_error: ErrorCallback,
    added: frozenset[str] | None = None, after_stage: Callable[[CorpusStage], None] | None = None,
    timer: StepTimer | None = None,
) -> dict[str, Path]:
    """Step 4, shared by `analyze` and `rasad ingest` (which passes the ids it `added`): run the corpus
    stages in order with a progress bar; `after_stage(stage)` is called after each (`timer` times each)."""
    timer = timer or StepTimer(None)
    with progress_bar("Corpus stages", len(stages), settings.progress) as advance:
        files: dict[str, Path] = {}
        for stage in stages:
            with timer.step(f"corpus stage {stage.name}"):
                files.update(run_corpus_stages(store, out_dir, settings, [stage], on_error=report_error,
                                               added=added))
                heap.release()  # what the stage held, before the next one allocates its own
            if after_stage:
                after_stage(stage)
            advance(1)
    return files


__all__ = ["ARTICLES", "ERRORS", "REPORT", "STORE", "ErrorSink", "RunSummary", "analysed", "analyze",
           "run_corpus_phase"]
