"""`ingest()`: add new content to a store folder, incrementally (`rasad ingest INPUT… --store DIR`).

1. Read the inputs; a document whose text the store already holds (by content hash, kept in the
   `ingest_log` table) is skipped before any analysis.
2. Analyse only the new documents (the article stages, on an executor, through the loop `rasad analyze`
   runs: `rasad.analyze.analysed`, with its error sink and corpus phase); an article whose content id
   is already in the store is not added again. New articles are appended to `DIR/articles.jsonl`
   and upserted into `DIR/rasad.duckdb`.
3. Run the registered corpus stages over the whole store, telling them which articles are new
   (`Corpus.added()`): incremental stages recompute only what the new articles touch (stories keep
   their ids; claims and contradictions are recomputed only in stories that changed), the others run
   over the store as in `rasad analyze`.
4. Compare the outputs before and after and write the alerts (`rasad.monitor.alerts`) to
   `DIR/alerts.jsonl` (and POST them to a webhook).

Example::

    summary = ingest(["inbox/"], Path("store"))
    print(summary.added, summary.skipped, [a["kind"] for a in summary.alerts])
"""

from __future__ import annotations

import tempfile
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rasad.analyze import ErrorSink, analysed, run_corpus_phase
from rasad.article import RawDocument, content_id
from rasad.corpus.runner import CorpusStage, resolve_corpus
from rasad.errors import ErrorRecord
from rasad.monitor.alerts import AlertOptions, Snapshot, find_alerts, write_alerts
from rasad.outputs import ARTICLES, ERRORS, dumps_line, read_errors
from rasad.pipeline import resolve
from rasad.settings import Settings
from rasad.store.duck import Store
from rasad.store.schema import COLLECTION, Table

INGEST_LOG = Table(
    "ingest_log",
    {"raw_key": "VARCHAR", "article_id": "VARCHAR", "source": "VARCHAR", "ingested": "VARCHAR"},
    doc="documents `rasad ingest` has read: the content hash of their text as read, and their article",
)
ALERTS = "alerts.jsonl"


@dataclass
class IngestSummary:
    """What one `ingest()` run did."""

    store_dir: Path
    added: int = 0  # new articles
    skipped: int = 0  # documents whose content the store already held
    errors: int = 0
    total: int = 0  # articles in the store afterwards
    alerts: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    added_ids: list[str] = field(default_factory=list)
    webhook_failures: list[str] = field(default_factory=list)
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # CPU time of this process per step


def ingest(
    inputs: Sequence[str | Path],
    store_dir: Path,
    settings: Settings | None = None,
    alert_options: AlertOptions | None = None,
    on_error: Callable[[ErrorRecord], None] | None = None,
) -> IngestSummary:
    """Add the new content of `inputs` to the store folder `store_dir`; returns what was done.

    `on_error(record)` is called for each bad input. Running it twice on the same inputs adds nothing.
    """
    settings = (settings or Settings()).with_options(store=True)
    resolve(settings.stages)  # fail fast on a bad stage list
    corpus_stages = resolve_corpus(settings.corpus_stages)
    store_dir.mkdir(parents=True, exist_ok=True)
    summary = IngestSummary(store_dir)
    errors = report_error = ErrorSink(store_dir / ERRORS, on_error)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        with Store(store_dir / "rasad.duckdb") as store, tempfile.TemporaryDirectory(prefix="rasad-ingest-") as tmp:
            clock = time.process_time()
            before = Snapshot.read(store_dir, store)
            _tick(summary, "alerts (outputs before the run)", clock)
            _ensure(store, INGEST_LOG)
            new_file = Path(tmp) / ARTICLES
            clock = time.process_time()
            log = _analyse_new(inputs, settings, store, new_file, store_dir / ARTICLES, report_error, summary, now)
            clock = _tick(summary, "read and article stages", clock)
            if summary.added:
                store.upsert_jsonl(new_file)
            store.append_rows(INGEST_LOG, log)
            _extend_collection(store, summary.added_ids)
            summary.total = store.count()
            clock = _tick(summary, "store", clock)
            ticks = [clock]

            def tick(stage: CorpusStage) -> None:
                ticks.append(_tick(summary, f"corpus stage {stage.name}", ticks[-1]))

            summary.files.update(run_corpus_phase(store, store_dir, settings, corpus_stages, report_error,
                                                  frozenset(summary.added_ids), tick))
            errors.close()
            store.replace_errors(read_errors(store_dir))
    finally:
        errors.close()
    summary.errors = errors.count
    clock = time.process_time()
    with Store(store_dir / "rasad.duckdb") as store:
        after = Snapshot.read(store_dir, store)
    summary.alerts = find_alerts(before, after, _new_articles(store_dir, summary.added_ids), alert_options, now)
    _tick(summary, "alerts (after the run)", clock)
    summary.webhook_failures = write_alerts(store_dir / ALERTS, summary.alerts, alert_options)
    summary.files.update({"articles": store_dir / ARTICLES, "errors": store_dir / ERRORS,
                          "store": store_dir / "rasad.duckdb", "alerts": store_dir / ALERTS})
    if settings.report:
        from rasad.report.html import write_report

        summary.files["report"] = write_report(store_dir)
    return summary


def _analyse_new(inputs: Sequence[str | Path], settings: Settings, store: Store, new_file: Path, all_file: Path,
                 report_error: Callable[[ErrorRecord], None], summary: IngestSummary,
                 now: str) -> list[dict[str, Any]]:
    """Run the article stages on the documents whose content is new (`rasad.analyze.analysed`, the
    loop `analyze` runs); append the new articles to `new_file` and `all_file`; return the
    `ingest_log` rows of this run."""
    known_raw = {r[0] for r in store.con.execute(f"SELECT raw_key FROM {INGEST_LOG.name}").fetchall()}
    known_ids = set(store.ids())
    pending: deque[tuple[str, str]] = deque()  # (raw key, source name) of each document sent to analysis

    def is_new(item: RawDocument) -> bool:
        key = content_id(item.text)
        if key in known_raw:
            summary.skipped += 1
            return False
        known_raw.add(key)
        pending.append((key, item.source.name))
        return True

    log: list[dict[str, Any]] = []
    with new_file.open("w", encoding="utf-8") as new_out, all_file.open("a", encoding="utf-8") as all_out:
        for article in analysed(inputs, settings, report_error, accept=is_new):
            key, source = pending.popleft()
            if article is None:
                continue
            log.append({"raw_key": key, "article_id": article.id, "source": source, "ingested": now})
            if article.id in known_ids:  # the same cleaned text came before from another input
                summary.skipped += 1
                continue
            known_ids.add(article.id)
            line = dumps_line(article.as_dict())
            new_out.write(line)
            all_out.write(line)
            all_out.flush()
            summary.added_ids.append(article.id)
    summary.added = len(summary.added_ids)
    return log


def _tick(summary: IngestSummary, step: str, since: float) -> float:
    now = time.process_time()
    summary.cpu_seconds[step] = round(now - since, 3)
    return now


def _ensure(store: Store, table: Table) -> None:
    if not store.has_table(table.name):
        store.con.execute(table.ddl())


def _extend_collection(store: Store, added: list[str]) -> None:
    """The collection (what the corpus stages read) becomes every article in the store: the earlier
    collection's order, then any other stored article by id, then this run's new articles (appended
    when they are the only stored articles it lacks, as after every ingest)."""
    listed_new = store.positions(added)
    unlisted = [i for i in added if i not in listed_new]
    lacking, end = store.con.execute(
        f"SELECT (SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM {COLLECTION.name})), "
        f"(SELECT coalesce(max(position) + 1, 0) FROM {COLLECTION.name})").fetchone() or (None, 0)
    if lacking == len(unlisted):
        store.append_rows(COLLECTION, ({"position": end + n, "article_id": i} for n, i in enumerate(unlisted)))
        return
    ordered = [r[0] for r in store.con.execute(
        f"SELECT article_id FROM {COLLECTION.name} ORDER BY position").fetchall()]
    listed = set(ordered)
    fresh = set(added)
    ordered += [i for i in store.ids() if i not in listed and i not in fresh]
    ordered += [i for i in added if i not in listed]
    store.set_collection(ordered)


def _new_articles(store_dir: Path, ids: list[str]) -> dict[str, dict[str, Any]]:
    """id → {outlet, lang, published, title} of this run's new articles (for the alerts)."""
    if not ids:
        return {}
    with Store(store_dir / "rasad.duckdb") as store:
        return {r["id"]: {k: r.get(k) for k in ("outlet", "lang", "published", "title")}
                for r in store.iter_records(fields=("outlet", "lang", "published", "title"), only=set(ids))}
