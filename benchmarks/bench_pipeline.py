"""Benchmark `rasad analyze` on real, distinct SaudiNewsNet articles: speed, cold start, peak memory.

Reads the SaudiNewsNet records (JSON arrays of {source, url, date_extracted, title, author, content})
straight from `<shared>/data/news/ar/saudinewsnet/*.zip`, takes N of them spread evenly over the
31,030 records (no synthetic repeats; `all` takes every record), writes them to a JSONL file with a
fixed path and runs `rasad analyze` on it in a fresh subprocess, as a user would. It reports:

- articles/s and characters/s, end to end (start-up, analysis, articles.jsonl, store and report), and
  "steady" rates that leave out the cold start: (N - 1) / (wall - cold start wall);
- CPU seconds (user + sys of the whole process tree; less noisy than wall time on a shared machine);
- cold start: one article, end to end, in a fresh `rasad analyze` subprocess;
- peak memory of the process tree (main + pool workers), sampled from /proc: the peak of the summed
  RSS (shared pages counted in each process) and of the summed PSS (shared pages split), and the main
  process's own peak RSS;
- each step of the run (article stages, articles.jsonl, store, each corpus stage, report): wall and
  CPU seconds and the main process's RSS at its end and peak during it (`rasad.timings`, through
  RASAD_TIMINGS).

`--baseline DIR` compares the articles.jsonl with an earlier run's (`--out DIR` keeps the output;
the corpus path is fixed, so the runs match article by article), using compare_outputs.py.
`--input FILE.jsonl` benchmarks an existing JSONL instead (e.g. /work/snn/sample1000.jsonl, to
compare with a baseline analysed from that file).

    python benchmarks/bench_pipeline.py --articles 1000 --workers 2
    python benchmarks/bench_pipeline.py --articles 4000 --workers 1 --json
    python benchmarks/bench_pipeline.py --articles 1000 --out /tmp/before      # keep the output
    python benchmarks/bench_pipeline.py --articles 1000 --baseline /tmp/before  # identical output?
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "news" / "ar" / "saudinewsnet"
FIELDS = ("source", "url", "date_extracted", "title", "author", "content")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare_outputs import compare  # noqa: E402
from saudinewsnet import read_records  # noqa: E402

from rasad.timings import step_table  # noqa: E402


def spread(records: list[dict[str, Any]], n: int | None) -> list[dict[str, Any]]:
    """N records spread evenly over all of them (every record when `n` is None or too large)."""
    if n is None or n >= len(records):
        return records
    return [records[i * len(records) // n] for i in range(n)]


def write_jsonl(records: list[dict[str, Any]], path: Path) -> int:
    """Write the records (the SaudiNewsNet fields only); return the number of content characters."""
    chars = 0
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            row = {k: record.get(k) for k in FIELDS}
            chars += len(row.get("content") or "")
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return chars


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                found.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return found


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo.extend(_children(current))
    return pids


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB, 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            values = dict(line.split(":", 1) for line in fh if ":" in line and not line[0].isdigit())
        return int(values["Rss"].split()[0]), int(values["Pss"].split()[0])
    except (OSError, KeyError, ValueError):
        return 0, 0


class TreeMemory(threading.Thread):
    """Samples the summed RSS and PSS of a process and all its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss_kb = self.peak_pss_kb = self.peak_processes = self.peak_main_rss_kb = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            pids = _tree(self.pid)
            sizes = [_memory_kb(p) for p in pids]
            self.peak_main_rss_kb = max(self.peak_main_rss_kb, sizes[0][0])
            self.peak_rss_kb = max(self.peak_rss_kb, sum(s[0] for s in sizes))
            self.peak_pss_kb = max(self.peak_pss_kb, sum(s[1] for s in sizes))
            self.peak_processes = max(self.peak_processes, len(pids))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return 0


class TreeCpu(threading.Thread):
    """The CPU time of a process tree: each process's last sampled user + system time, summed (a
    process that ends between two samples loses at most one interval)."""

    def __init__(self, pid: int, interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.ticks: dict[int, int] = {}
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            for pid in _tree(self.pid):
                self.ticks[pid] = max(self.ticks.get(pid, 0), _cpu_ticks(pid))
            self._stop_event.wait(self.interval)

    def stop(self) -> float:
        self._stop_event.set()
        self.join()
        return sum(self.ticks.values()) / TICKS


def run_analyze(corpus: Path, out: Path, workers: int, options: Sequence[str] = (),
                env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run `rasad analyze` in a fresh subprocess (with more `options`, in `env`); wall and CPU seconds,
    peak tree memory. `tree_cpu_s` is the CPU time of every process of the tree sampled from /proc, also
    those it does not wait for (Spark's JVM and its Python workers)."""
    rasad = Path(sys.executable).with_name("rasad")
    command = [str(rasad)] if rasad.exists() else [sys.executable, "-m", "rasad.cli"]
    command += ["analyze", str(corpus), "--out", str(out), "--workers", str(workers), "--no-progress", *options]
    timings = out.with_name(out.name + ".timings.jsonl")
    timings.unlink(missing_ok=True)
    env = {**(os.environ if env is None else env), "RASAD_TIMINGS": str(timings)}
    before = os.times()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    memory, cpu = TreeMemory(process.pid), TreeCpu(process.pid)
    memory.start()
    cpu.start()
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - start
    memory.stop()
    tree_cpu = cpu.stop()
    after = os.times()
    if process.returncode != 0:
        raise SystemExit(f"bench: rasad analyze failed ({process.returncode}):\n{stdout}\n{stderr}")
    errors = sum(1 for line in (out / "errors.jsonl").open(encoding="utf-8") if line.strip())
    articles = sum(1 for line in (out / "articles.jsonl").open(encoding="utf-8") if line.strip())
    steps = [json.loads(line) for line in timings.open(encoding="utf-8")] if timings.exists() else []
    timings.unlink(missing_ok=True)
    return {
        "wall_s": wall,
        "cpu_s": (after.children_user - before.children_user) + (after.children_system - before.children_system),
        "peak_rss_mb": memory.peak_rss_kb / 1024,
        "peak_pss_mb": memory.peak_pss_kb / 1024,
        "peak_main_rss_mb": memory.peak_main_rss_kb / 1024,
        "steps": steps,
        "processes": memory.peak_processes,
        "tree_cpu_s": tree_cpu,
        "articles_out": articles,
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", default="1000", help="how many records: a number, or 'all' (31,030)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of SaudiNewsNet *.zip")
    parser.add_argument("--input", type=Path, help="benchmark this JSONL file instead of the zips")
    parser.add_argument("--out", type=Path, help="keep the output in this folder (default: a temporary one)")
    parser.add_argument("--baseline", type=Path, help="an earlier output folder: the output must be identical")
    parser.add_argument("--no-cold", action="store_true", help="skip the one-article cold start run")
    parser.add_argument("--json", action="store_true", help="print one JSON object only")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="rasad-bench-"))
    try:
        if args.input:
            corpus = args.input
            lines = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
            n_records, chars = len(lines), sum(len(r.get("content") or r.get("text") or "") for r in lines)
            first = lines[:1]
        else:
            n = None if args.articles == "all" else int(args.articles)
            records = spread(read_records(args.data), n)
            # A fixed path (and fixed content) so that two runs can be compared article by article.
            corpus = Path(tempfile.gettempdir()) / f"rasad-bench-saudinewsnet-{len(records)}.jsonl"
            chars = write_jsonl(records, corpus)
            n_records, first = len(records), records[:1]
        result: dict[str, Any] = {"corpus": str(corpus), "records": n_records, "chars": chars,
                                  "workers": args.workers}
        if not args.no_cold:
            one = tmp / "one.jsonl"
            write_jsonl(first, one)
            cold = run_analyze(one, tmp / "cold", 1)
            result["cold_start_s"] = round(cold["wall_s"], 2)
        out = args.out or tmp / "out"
        if out.exists():
            shutil.rmtree(out)
        run = run_analyze(corpus, out, args.workers)
        result.update(
            articles=run["articles_out"],
            errors=run["errors"],
            wall_s=round(run["wall_s"], 2),
            cpu_s=round(run["cpu_s"], 2),
            articles_per_s=round(n_records / run["wall_s"], 1),
            chars_per_s=round(chars / run["wall_s"]),
            articles_per_cpu_s=round(n_records / run["cpu_s"], 1),
            peak_rss_mb=round(run["peak_rss_mb"]),
            peak_pss_mb=round(run["peak_pss_mb"]),
            peak_main_rss_mb=round(run["peak_main_rss_mb"]),
            processes=run["processes"],
            steps=run["steps"],
        )
        if "cold_start_s" in result and run["wall_s"] > result["cold_start_s"] and n_records > 1:
            steady = run["wall_s"] - result["cold_start_s"]
            result["steady_articles_per_s"] = round((n_records - 1) / steady, 1)
        if args.baseline:
            with contextlib.redirect_stdout(sys.stderr if args.json else sys.stdout):
                result["baseline_differ"] = compare(args.baseline, out, frozenset(), 5)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            if key != "steps":
                print(f"{key:22} {value}")
        print(step_table(result["steps"]))
    return 1 if result.get("baseline_differ") else 0


if __name__ == "__main__":
    sys.exit(main())
