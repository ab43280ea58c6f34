"""What the story and reuse evaluations share: the datasets, running `rasad analyze` on one, and
mapping the gold's file names to the article ids of an analysis.

A dataset is a corpus folder plus a gold folder holding `stories.json` (story label -> member file
names) and `reuse.json` (`[{a, b, kind, first}]` with file names). A file holding several records
(JSONL, CSV, a JSON array) names each record `file#N`, N being the 1-based `source.record`.

- `dev`: `examples/corpus` with `examples/gold` (a source checkout only; tune on it);
- `blind`: `src/rasad/eval/gold/blind_stories/` (ships with the package; never tune on it).

>>> gold_key("x.jsonl", 2), gold_key("x.txt", None)
('x.jsonl#2', 'x.txt')
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasad.eval.common import GOLD_DIR, REPO, GoldError
from rasad.outputs import iter_articles, read_errors, read_json

BLIND_DIR = GOLD_DIR / "blind_stories"
DATASETS: dict[str, tuple[Path, Path]] = {
    "dev": (REPO / "examples" / "corpus", REPO / "examples" / "gold"),
    "blind": (BLIND_DIR / "corpus", BLIND_DIR),
}


class MissingOutput(GoldError):
    """The analysis has no stories.json / reuse.json (the stage did not run or failed)."""


@dataclass(frozen=True)
class Dataset:
    """A corpus folder and the gold folder that describes it."""

    name: str
    corpus: Path
    gold: Path

    def read_gold(self, file_name: str) -> Any:
        path = self.gold / file_name
        if not path.is_file():
            raise GoldError(f"gold file {path} does not exist (dataset {self.name!r})")
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GoldError(f"{path}: not a JSON gold file ({exc})") from exc


def dataset(name: str, corpus: Path | None = None, gold: Path | None = None) -> Dataset:
    """The named dataset, with `corpus`/`gold` replacing its folders when given.

    >>> dataset("blind").corpus.name
    'corpus'
    """
    if name not in DATASETS:
        raise GoldError(f"unknown dataset {name!r}: choose one of {', '.join(DATASETS)}")
    default_corpus, default_gold = DATASETS[name]
    found = Dataset(name, corpus or default_corpus, gold or default_gold)
    if not found.corpus.is_dir():
        raise GoldError(f"corpus folder {found.corpus} not found (dataset {name!r}); the dev set exists only "
                        "in a source checkout: run from one, or pass --corpus and --gold")
    return found


def gold_key(file_name: str, record: int | None) -> str:
    """The gold's name for one article: the file name, plus `#N` for record N of a multi-record file."""
    return f"{file_name}#{record}" if record is not None else file_name


def article_ids(out_dir: Path) -> dict[str, str]:
    """{gold name: article id} for every article of an analysis (collapsed duplicates included).

    Both `file#N` and, for a file that gave one article, the bare `file` name are keys.
    """
    by_file: dict[str, dict[int | None, str]] = {}
    for record in iter_articles(out_dir):
        for source in [record.get("source") or {}, *record.get("duplicate_sources", [])]:
            path = source.get("path") or source.get("url")
            if path:
                by_file.setdefault(Path(path).name, {})[source.get("record")] = record["id"]
    ids: dict[str, str] = {}
    for name, records in by_file.items():
        for number, article_id in records.items():
            ids[gold_key(name, number)] = article_id
        if len(records) == 1:
            ids[name] = next(iter(records.values()))
    return ids


def resolve_members(names: list[str], ids: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """({gold name: article id}, [gold names the analysis does not hold])."""
    found = {n: ids[n] for n in names if n in ids}
    return found, [n for n in names if n not in ids]


def read_output(out_dir: Path, file_name: str, stage: str) -> list[dict[str, Any]]:
    """`out_dir/file_name` (a JSON list), or MissingOutput saying why it is not there."""
    value = read_json(out_dir, file_name)
    if value is None:
        failures = [e for e in read_errors(out_dir) if e.get("stage") == stage]
        why = (f"the {stage!r} corpus stage failed: {failures[0].get('error')}: {failures[0].get('detail')}"
               if failures else f"the {stage!r} corpus stage did not run (is it registered and in "
               "DEFAULT_CORPUS_STAGES?)")
        raise MissingOutput(f"{out_dir / file_name} does not exist: {why}")
    if not isinstance(value, list):
        raise GoldError(f"{out_dir / file_name}: expected a JSON list, got {type(value).__name__}")
    return value


@contextmanager
def analysed(data: Dataset, out: Path | None, workers: int = 1) -> Iterator[Path]:
    """The output folder of an analysis of `data`: `out` as it is when given, else a fresh
    `rasad analyze` of the corpus into a temporary folder (removed afterwards)."""
    if out is not None:
        if not (out / "articles.jsonl").is_file():
            raise GoldError(f"{out} holds no articles.jsonl: pass the --out folder of `rasad analyze`")
        yield out
        return
    from rasad.analyze import analyze
    from rasad.settings import Settings

    with tempfile.TemporaryDirectory(prefix=f"rasad-eval-{data.name}-") as tmp:
        analyze([data.corpus], Path(tmp), Settings(workers=workers, progress=False, report=False))
        yield Path(tmp)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options `rasad eval stories` and `rasad eval reuse` share."""
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="dev",
                        help="dev: examples/corpus (tune on it); blind: the shipped blind set (never tune on it)")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="score this existing analysis of the dataset instead of running `rasad analyze`")
    parser.add_argument("--corpus", type=Path, metavar="DIR", help="the dataset's corpus folder (override)")
    parser.add_argument("--gold", type=Path, metavar="DIR", help="the dataset's gold folder (override)")
    parser.add_argument("--workers", type=int, default=1, help="processes for the analysis (default 1)")
    parser.add_argument("--show", action="store_true", help="also list what was split, merged, missed or extra")
    parser.add_argument("--json", action="store_true", help="print one JSON object with the scores")


def run_main(argv: list[str] | None, description: str, epilog: str,
             score: Callable[[Dataset, Path], dict[str, Any]]) -> int:
    """Parse the shared options, analyse (or take `--out`), score and print; 1 on a missing output."""
    parser = argparse.ArgumentParser(description=description, epilog=epilog,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        data = dataset(args.dataset, args.corpus, args.gold)
        with analysed(data, args.out, args.workers) as out:
            result = score(data, out)
    except GoldError as exc:
        where = "" if args.out else f" (analysing {args.corpus or DATASETS[args.dataset][0]} into a temporary folder)"
        print(f"rasad eval: error: {exc}{where}", file=sys.stderr)
        return 1
    if not args.show:
        result.pop("details", None)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0
