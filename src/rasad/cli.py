"""The `rasad` command. Thin: each subcommand parses its arguments and calls one library function."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from rasad import __version__
from rasad.errors import ErrorRecord, RasadError, UsageError
from rasad.settings import Settings

MAIN_EPILOG = """\
examples:
  rasad analyze examples/corpus --out out/            analyse a folder, write out/report.html
  rasad analyze news.jsonl feeds/*.html --out out/    mix files and formats
  rasad analyze data.csv --csv-text body --out out/   CSV with a 'body' text column
  rasad report out/                                   rebuild out/report.html from out/
  rasad stages                                        list the article and corpus stages
  rasad ingest inbox/ crawl.warc.gz --store store/    add only what is new to a store, write alerts
  rasad watch inbox/ --store store/ --every 600       poll a folder (and feeds, URLs) and ingest
  rasad narratives suggest out/ -c mine.json          a catalogue stub from out/'s candidate narratives
  rasad eval ner --dataset anercorp --data ../shared/data --json
  rasad train ner --lang ar --data ../shared/data
  rasad serve out/                                    browse, search and annotate out/ at http://127.0.0.1:8765/

Output files are described in docs/OUTPUT.md (articles.jsonl, errors.jsonl, entities.json,
rasad.duckdb, report.html).
"""

ANALYZE_EPILOG = """\
examples:
  rasad analyze examples/corpus --out out/
  rasad analyze a.txt b.html c.json --out out/ --workers 1
  rasad analyze export.csv --csv-text body --csv-date published_at --out out/
  rasad analyze news.parquet --out out/ --engine spark

Inputs: .txt .html .htm .json .jsonl .csv .tsv files, .warc/.warc.gz web archives, .rss/.atom/.xml
feeds, .urls lists of URLs, .parquet files, http(s) URLs, or folders (searched recursively).
Bad inputs (binary, empty, undecodable, unparseable rows) are reported on stderr and in
OUT/errors.jsonl; every other input is still analysed. Exit code 0 when the run completed,
1 when nothing could be analysed, 2 on a usage error.
"""

SERVE_EPILOG = """\
examples:
  rasad serve out/                          http://127.0.0.1:8765/ (this machine only)
  rasad serve out/ --port 9000
  rasad serve out/ --host 0.0.0.0           on the network: prints a generated access token
  rasad serve out/ --host 0.0.0.0 --token "$RASAD_TOKEN"

Search finds spelling variants across scripts (الحسكه, حسکه and Hasakah find the same articles).
The JSON API is described at /openapi.json (GET /api/search?q=..., /api/articles/ID, /api/stories,
/api/claims, /api/narratives, /api/annotations). Annotations are kept in DIR/rasad.duckdb and
exported to DIR/annotations.jsonl. Plain HTTP: beyond this machine, use it on a trusted network
or behind a TLS proxy. Needs the serve extra: pip install 'rasad[serve]'.
"""

# `rasad eval TASK` and `rasad train TASK` delegate to these modules' `main(argv)`.
EVAL_TASKS = {
    "ner": "rasad.eval.ner",
    "timex": "rasad.eval.timex",
    "quantities": "rasad.eval.quantities",
    "stories": "rasad.eval.stories",
    "reuse": "rasad.eval.reuse",
    "attributions": "rasad.eval.attributions",
    "claims": "rasad.eval.claims",
    "links": "rasad.eval.links",
    "translit": "rasad.eval.translit",
    "stance": "rasad.eval.stance",
    "persuasion": "rasad.eval.persuasion",
}
TRAIN_TASKS = {"ner": "rasad.extract.ner.train", "stance": "rasad.claims.stance.train",
               "persuasion": "rasad.framing.persuasion_train"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rasad",
        description="rasad (رصد): follow how outlets spread a narrative across Arabic, Persian and English "
        "news, offline, with the evidence for every answer.",
        epilog=MAIN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"rasad {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    an = sub.add_parser(
        "analyze",
        help="analyse files/folders and write the output folder",
        description="Analyse articles and write articles.jsonl, errors.jsonl, entities.json, "
        "rasad.duckdb and report.html into OUT.",
        epilog=ANALYZE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    an.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders to analyse")
    an.add_argument("--out", "-o", required=True, metavar="DIR", help="output folder")
    an.add_argument("--workers", type=int, default=None, help="processes to use, 1 or more (default: up to 2)")
    an.add_argument("--max-article-chars", type=int, default=None, metavar="N",
                    help=f"refuse longer articles (default: {Settings.max_article_chars:,})")
    an.add_argument("--max-article-seconds", type=float, default=None, metavar="S",
                    help=f"give up an article after S CPU-seconds (or 10 times that in wall time), 0 for no limit "
                    f"(default: {Settings.max_article_seconds:g})")
    an.add_argument("--max-file-mb", type=int, default=None, metavar="MB",
                    help=f"refuse larger files (default: {Settings.max_file_bytes // 2**20} MB for one-article "
                    f"files, {Settings.max_records_file_bytes // 2**20:,} MB for .jsonl/.csv/.tsv)")
    an.add_argument("--no-progress", action="store_true", help="no progress bar")
    an.add_argument("--no-report", action="store_true", help="do not write report.html")
    an.add_argument("--no-store", action="store_true", help="do not write the DuckDB store")
    an.add_argument("--stages", help="comma-separated stage names to run instead of the default pipeline")
    an.add_argument("--engine", choices=("local", "spark"), default="local",
                    help="where the article stages run: local processes (default) or Apache Spark "
                    "(pip install 'rasad[spark]'; the master comes from spark-submit or RASAD_SPARK_MASTER, "
                    "else local[WORKERS]); implies --parquet")
    an.add_argument("--parquet", action="store_true", help="also write articles.parquet beside articles.jsonl")
    for fld in ("text", "title", "date", "url", "source", "language"):
        an.add_argument(f"--csv-{fld}", metavar="COLUMN", help=f"CSV column holding the {fld}")
    an.add_argument("--narratives", action="append", default=[], metavar="FILE",
                    help="a narrative catalogue (JSON) added to the bundled one; may be repeated "
                    "(docs/OUTPUT.md, narratives.json; 'rasad narratives suggest' writes a stub)")

    rep = sub.add_parser("report", help="rebuild report.html from an output folder",
                         epilog="example:\n  rasad report out/", formatter_class=argparse.RawDescriptionHelpFormatter)
    rep.add_argument("out", type=Path, metavar="DIR")

    nar = sub.add_parser("narratives", help="narrative catalogues: write a stub from an analysis's candidates",
                         epilog="examples:\n  rasad narratives suggest out/ --catalogue mine.json\n"
                         "  rasad analyze examples/corpus --narratives mine.json --out out2/",
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    nar_sub = nar.add_subparsers(dest="narratives_command", metavar="ACTION", required=True)
    sug = nar_sub.add_parser("suggest", help="write a catalogue stub from the candidate narratives of DIR")
    sug.add_argument("out", type=Path, metavar="DIR", help="an output folder of 'rasad analyze'")
    sug.add_argument("--catalogue", "-c", type=Path, metavar="FILE",
                     help="where to write the stub (default: print it)")
    sug.add_argument("--top", type=int, default=10, metavar="N", help="at most N candidates (default: 10)")

    srv = sub.add_parser("serve", help="browse, search and annotate an output folder in a local web UI",
                         description="Serve an output folder as a web page and a JSON API.",
                         epilog=SERVE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    srv.add_argument("out", type=Path, metavar="DIR", help="an output folder of 'rasad analyze'")
    srv.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1); any other "
                     "address requires an access token")
    srv.add_argument("--port", type=int, default=8765, help="port (default: 8765)")
    srv.add_argument("--token", default=os.environ.get("RASAD_TOKEN"),
                     help="access token (default: $RASAD_TOKEN; generated when listening beyond 127.0.0.1)")
    srv.add_argument("--index-dir", type=Path, default=None, metavar="DIR",
                     help="where to keep the search index (default: DIR/search-index)")

    sub.add_parser("stages", help="list the article and corpus stages, what each reads and writes",
                   epilog="example:\n  rasad stages", formatter_class=argparse.RawDescriptionHelpFormatter)

    from rasad.monitor.cli import add_monitor_commands

    add_monitor_commands(sub)  # rasad ingest, rasad watch

    for name, tasks, what in (("eval", EVAL_TASKS, "evaluate a shipped model or extractor"),
                              ("train", TRAIN_TASKS, "train a model from ../shared/data")):
        p = sub.add_parser(name, help=what,
                           description=f"{what}. Tasks: {', '.join(tasks)}. "
                           f"Run 'rasad {name} TASK --help' for the task's options.")
        p.add_argument("task", choices=sorted(tasks), help="what to " + name)
        p.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return parser


class ErrorPrinter:
    """Prints each bad input on stderr, one line each, up to `limit`; the rest are only counted
    (all of them are in errors.jsonl), so a file of 100,000 bad records does not flood the terminal."""

    def __init__(self, errors_file: Path, limit: int = 50) -> None:
        self.errors_file = errors_file
        self.limit = limit
        self.count = 0

    def __call__(self, record: ErrorRecord) -> None:
        self.count += 1
        if self.count <= self.limit:
            detail = f" — {record.detail}" if record.detail else ""
            print(f"rasad: skipped {record.source}: {record.error}{detail}", file=sys.stderr)
        elif self.count == self.limit + 1:
            print(f"rasad: more inputs with errors; all are listed in {self.errors_file}", file=sys.stderr)


def analyze_settings(args: argparse.Namespace) -> Settings:
    """The Settings for `rasad analyze`'s arguments; raises `UsageError` with a one-line message.

    >>> analyze_settings(build_parser().parse_args(["analyze", "a.txt", "--out", "o", "--workers", "0"]))
    Traceback (most recent call last):
    rasad.errors.UsageError: --workers must be 1 or more (got 0); use --workers 1 to run in one process
    """
    from rasad.settings import CsvColumns

    csv_defaults = CsvColumns()
    csv = CsvColumns(**{f: getattr(args, f"csv_{f}") or getattr(csv_defaults, f)
                        for f in ("text", "title", "date", "url", "source", "language")})
    options: dict[str, object] = {"csv": csv, "progress": not args.no_progress,
                                  "report": not args.no_report, "store": not args.no_store}
    if args.workers is not None:
        if args.workers < 1:
            raise UsageError(f"--workers must be 1 or more (got {args.workers}); "
                             "use --workers 1 to run in one process")
        options["workers"] = args.workers
    if args.max_article_chars is not None:
        if args.max_article_chars < 1:
            raise UsageError(f"--max-article-chars must be 1 or more (got {args.max_article_chars})")
        options["max_article_chars"] = args.max_article_chars
    if args.max_file_mb is not None:
        if args.max_file_mb < 1:
            raise UsageError(f"--max-file-mb must be 1 or more (got {args.max_file_mb})")
        options["max_file_bytes"] = options["max_records_file_bytes"] = args.max_file_mb * 2**20
    if args.max_article_seconds is not None:
        if not args.max_article_seconds >= 0:  # also refuses nan
            raise UsageError(f"--max-article-seconds must be 0 (no limit) or more (got {args.max_article_seconds})")
        options["max_article_seconds"] = args.max_article_seconds
    if args.stages is not None:
        names = tuple(s.strip() for s in args.stages.split(",") if s.strip())
        if not names:
            raise UsageError(f"--stages {args.stages!r} names no stage; run 'rasad stages' to list them")
        options["stages"] = names
    if args.narratives:
        from rasad.narratives.catalogue import load_catalogue

        for path in args.narratives:
            load_catalogue(path)  # a bad catalogue is refused before any work, in one line
        options["narratives"] = tuple(args.narratives)
    if args.engine == "spark":
        from rasad.spark import require_pyspark

        require_pyspark()  # without PySpark: one line saying how to install it, before any work
        options["engine"] = "spark"
    options["parquet"] = args.parquet or args.engine == "spark"
    return Settings(**options)  # type: ignore[arg-type]


def check_paths(inputs: Sequence[str], out_arg: str) -> Path:
    """The output folder, created; refuses empty paths and a folder that cannot be written, before
    any work starts."""
    if any(not given.strip() for given in inputs):
        raise UsageError("an input path is empty (''); name the files or folders to analyse")
    if not out_arg.strip():
        raise UsageError("--out is empty (''); name the folder to write, e.g. --out out/")
    out = Path(out_arg)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder; choose a folder name")
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".rasad-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as err:
        raise UsageError(f"cannot write to --out {out}: {err.strerror or err}; choose a folder you can write") from None
    return out


def cmd_analyze(args: argparse.Namespace) -> int:
    from rasad.analyze import analyze

    settings = analyze_settings(args)
    args.out = check_paths(args.inputs, args.out)
    try:
        summary = analyze(args.inputs, args.out, settings, on_error=ErrorPrinter(args.out / "errors.jsonl"))
    except OSError as err:  # the output folder became unwritable (disk full, removed, ...)
        where = f" {err.filename}" if err.filename else ""
        print(f"rasad: error: cannot write{where}: {err.strerror or err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"rasad: interrupted; articles finished so far are in {args.out / 'articles.jsonl.partial'} "
              f"and bad inputs in {args.out / 'errors.jsonl'}", file=sys.stderr)
        return 130
    dup = f", {summary.duplicates} duplicate inputs merged" if summary.duplicates else ""
    print(f"rasad: analysed {summary.articles} articles, {summary.errors} inputs with errors{dup}.")
    for name, path in summary.files.items():
        print(f"  {name:9} {path}")
    if not summary.ok:
        print("rasad: nothing could be analysed; see the errors above and in "
              f"{summary.out_dir / 'errors.jsonl'}", file=sys.stderr)
        return 1
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from rasad.report.html import write_report

    if not (args.out / "articles.jsonl").exists():
        raise RasadError(f"{args.out} has no articles.jsonl; run 'rasad analyze INPUT --out {args.out}' first")
    print(write_report(args.out))
    return 0


def cmd_stages(args: argparse.Namespace) -> int:
    from rasad.corpus.runner import CORPUS_REGISTRY, resolve_corpus
    from rasad.pipeline import REGISTRY, resolve

    print("article stages (in order; each takes one article):")
    for stage in resolve(None):
        doc = stage.doc.splitlines()[0] if stage.doc else ""
        print(f"  {stage.name:12} requires {','.join(stage.requires) or '-':24} "
              f"assigns {','.join(stage.assigns) or '-':40} {doc}")
    print("corpus stages (in order, after the article stages; each reads the whole collection):")
    for corpus_stage in resolve_corpus(None):
        doc = corpus_stage.doc.splitlines()[0] if corpus_stage.doc else ""
        writes = [t.name for t in corpus_stage.tables] + list(corpus_stage.outputs)
        print(f"  {corpus_stage.name:12} reads {','.join(corpus_stage.reads) or '-':27} "
              f"writes {','.join(writes) or '-':41} {doc}")
    extra = sorted(set(REGISTRY) - {s.name for s in resolve(None)})
    extra += sorted(set(CORPUS_REGISTRY) - {s.name for s in resolve_corpus(None)})
    if extra:
        print("other registered stages:", ", ".join(extra))
    return 0


def cmd_narratives(args: argparse.Namespace) -> int:
    from rasad.narratives.suggest import suggest

    text = suggest(args.out, args.catalogue, args.top)
    if args.catalogue is None:
        print(text, end="")
    else:
        print(f"rasad: wrote a catalogue stub to {args.catalogue}; name and edit its narratives, then "
              f"run 'rasad analyze ... --narratives {args.catalogue}'")
    return 0


def cmd_delegate(tasks: dict[str, str], args: argparse.Namespace) -> int:
    module = importlib.import_module(tasks[args.task])
    result: int = module.main(list(args.rest))
    return result


def cmd_serve(args: argparse.Namespace) -> int:
    from rasad.serve import serve

    serve(args.out, host=args.host, port=args.port, token=args.token, index_dir=args.index_dir)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "analyze":
            return cmd_analyze(args)
        if args.command == "report":
            return cmd_report(args)
        if args.command == "stages":
            return cmd_stages(args)
        if args.command in ("ingest", "watch"):
            from rasad.monitor import cli as monitor_cli

            return monitor_cli.cmd_ingest(args) if args.command == "ingest" else monitor_cli.cmd_watch(args)
        if args.command == "narratives":
            return cmd_narratives(args)
        if args.command == "eval":
            return cmd_delegate(EVAL_TASKS, args)
        if args.command == "train":
            return cmd_delegate(TRAIN_TASKS, args)
        if args.command == "serve":
            return cmd_serve(args)
    except RasadError as exc:
        print(f"rasad: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("rasad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `rasad ... | head`: the reader stopped; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
