"""The `rasad ingest` and `rasad watch` subcommands (thin: parse, call `ingest()` / `watch()`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rasad.errors import UsageError

INGEST_EPILOG = """\
examples:
  rasad ingest inbox/ --store store/                      add what is new in inbox/ to store/
  rasad ingest CC-NEWS-20240305-00001.warc.gz --store store/
  rasad ingest https://example.org/rss.xml today.urls --store store/ --webhook http://127.0.0.1:9000/hook

Only new content is analysed (a document whose text the store holds is skipped); stories keep their
ids. Alerts (a narrative back after --quiet-days, a story's new outlet or language, a new
contradiction, a text recycled by a new outlet) are appended to STORE/alerts.jsonl.
"""

WATCH_EPILOG = """\
examples:
  rasad watch inbox/ --store store/ --every 600           poll inbox/ every 10 minutes, forever
  rasad watch inbox/ https://example.org/rss.xml --store store/ --every 300 --max-iterations 12

Each poll ingests the files that are new or changed and re-reads the URLs; alerts go to
STORE/alerts.jsonl (and --webhook). Stop it with Ctrl-C.
"""


def add_monitor_commands(sub: Any) -> None:
    """Add `ingest` and `watch` to the `rasad` parser's subcommands."""
    ing = sub.add_parser("ingest", help="add new articles to a store folder, incrementally, and write alerts",
                         description="Analyse only the new content of INPUT (files, folders, WARC files, "
                         "feeds, URLs) and add it to the store folder STORE: stories, reuse, claims, "
                         "contradictions and narratives are updated, story ids kept.",
                         epilog=INGEST_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    wat = sub.add_parser("watch", help="poll folders, feeds and URLs and ingest what is new",
                         description="Poll INPUT on an interval and ingest what is new into STORE.",
                         epilog=WATCH_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    for p in (ing, wat):
        p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, feeds or URLs")
        p.add_argument("--store", required=True, metavar="DIR", help="the store folder (created if missing)")
        p.add_argument("--workers", type=int, default=None, help="processes to use, 1 or more (default: up to 2)")
        p.add_argument("--webhook", metavar="URL", help="POST each alert as JSON to this URL")
        p.add_argument("--quiet-days", type=int, default=30, metavar="N",
                       help="a narrative silent this many days that comes back is an alert (default: 30)")
        p.add_argument("--alert-min-score", type=float, default=0.5, metavar="S",
                       help="leave out alerts scoring under S, from 0 to 1 (default: 0.5; 0 keeps every alert)")
        p.add_argument("--fetch-interval", type=float, default=1.0, metavar="S",
                       help="seconds between two requests to one web host (default: 1)")
        p.add_argument("--report", action="store_true", help="also rebuild STORE/report.html")
        p.add_argument("--no-progress", action="store_true", help="no progress bar")
    wat.add_argument("--every", type=float, default=300.0, metavar="S", help="seconds between polls (default: 300)")
    wat.add_argument("--max-iterations", type=int, default=None, metavar="N", help="stop after N polls")


def _options(args: argparse.Namespace) -> tuple[Any, Any]:
    from rasad.monitor.alerts import AlertOptions
    from rasad.settings import Settings

    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers must be 1 or more (got {args.workers}); use --workers 1 to run in one process")
    if args.quiet_days < 0:
        raise UsageError(f"--quiet-days must be 0 or more (got {args.quiet_days})")
    if not 0 <= args.alert_min_score <= 1:
        raise UsageError(f"--alert-min-score must be from 0 to 1 (got {args.alert_min_score})")
    if not args.fetch_interval >= 0:
        raise UsageError(f"--fetch-interval must be 0 or more seconds (got {args.fetch_interval})")
    if args.webhook and not args.webhook.startswith(("http://", "https://")):
        raise UsageError(f"--webhook {args.webhook!r} is not an http(s) URL")
    options: dict[str, Any] = {"progress": not args.no_progress, "report": args.report,
                               "fetch_interval": args.fetch_interval}
    if args.workers is not None:
        options["workers"] = args.workers
    return Settings(**options), AlertOptions(quiet_days=args.quiet_days, webhook=args.webhook,
                                          min_score=args.alert_min_score)


def _store_dir(arg: str) -> Path:
    if not arg.strip():
        raise UsageError("--store is empty (''); name the store folder, e.g. --store store/")
    path = Path(arg)
    if path.exists() and not path.is_dir():
        raise UsageError(f"--store {path} is a file, not a folder; choose a folder name")
    return path


def _print_summary(summary: Any) -> None:
    print(f"rasad: {summary.added} new articles, {summary.skipped} already in the store, "
          f"{summary.errors} inputs with errors; {summary.total} articles in {summary.store_dir}; "
          f"{len(summary.alerts)} alerts.")
    for alert in summary.alerts:
        print(f"  alert {alert['severity']} {alert['kind']}: {alert['message']}")
    for failure in summary.webhook_failures:
        print(f"rasad: warning: {failure}", file=sys.stderr)


def cmd_ingest(args: argparse.Namespace) -> int:
    from rasad.cli import ErrorPrinter
    from rasad.monitor.ingest import ingest

    settings, alerts = _options(args)
    store = _store_dir(args.store)
    summary = ingest(args.inputs, store, settings, alerts, on_error=ErrorPrinter(store / "errors.jsonl"))
    _print_summary(summary)
    return 0 if summary.added or summary.skipped or not summary.errors else 1


def cmd_watch(args: argparse.Namespace) -> int:
    from rasad.cli import ErrorPrinter
    from rasad.monitor.watch import watch

    settings, alerts = _options(args)
    if not args.every >= 0:
        raise UsageError(f"--every must be 0 or more seconds (got {args.every})")
    if args.max_iterations is not None and args.max_iterations < 1:
        raise UsageError(f"--max-iterations must be 1 or more (got {args.max_iterations})")
    store = _store_dir(args.store)
    polls = watch(args.inputs, store, settings, alerts, every=args.every, max_iterations=args.max_iterations,
                  on_error=ErrorPrinter(store / "errors.jsonl"))
    for poll, summary in enumerate(polls, start=1):
        if summary is None:
            print(f"rasad: poll {poll}: nothing new")
        else:
            print(f"rasad: poll {poll}:", end=" ")
            _print_summary(summary)
        sys.stdout.flush()
    return 0
