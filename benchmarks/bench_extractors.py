"""Speed of the time and quantity extractors: ms per article over the seeds and the bundled examples.

    .venv/bin/python benchmarks/bench_extractors.py [--shared ../shared] [--repeat 3]

Reads `<shared>/corpus/seeds/*.txt` and `examples/corpus/*.txt` (cp1256 files are decoded as such),
guesses each text's language the way the quantity evaluator does, runs one warm-up pass (so cached
lexicons and indexes are built), then times `find_times` and `find_quantities` and prints the best
of --repeat passes in ms/article.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rasad.eval.quantities import guess_lang
from rasad.extract.quantities import find_quantities
from rasad.extract.timex import find_times

ROOT = Path(__file__).resolve().parents[1]


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1256")


def load_corpus(shared: Path) -> list[tuple[str, str]]:
    """(text, lang) of every seed and bundled example; fails loudly when the seeds are missing."""
    seeds = shared / "corpus" / "seeds"
    if not seeds.is_dir():
        raise FileNotFoundError(f"seed folder {seeds} is missing")
    paths = sorted(seeds.glob("*.txt")) + sorted((ROOT / "examples" / "corpus").glob("*.txt"))
    texts = [read_text(p) for p in paths]
    return [(text, guess_lang(text)) for text in texts]


def ms_per_article(run: Callable[[str, str], object], corpus: list[tuple[str, str]], repeat: int) -> float:
    """Best-of-`repeat` wall time of one pass over the corpus, in ms per article."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text, lang in corpus:
            run(text, lang)
        best = min(best, time.perf_counter() - started)
    return best * 1000 / len(corpus)


def main() -> int:
    parser = argparse.ArgumentParser(description="ms/article of find_times and find_quantities")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    try:
        corpus = load_corpus(args.shared)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    runs: dict[str, Callable[[str, str], object]] = {
        "find_times": lambda text, lang: find_times(text, lang, None),
        "find_quantities": lambda text, lang: find_quantities(text, lang),
    }
    chars = sum(len(text) for text, _ in corpus)
    print(f"{len(corpus)} articles, {chars / len(corpus):,.0f} characters on average")
    for name, run in runs.items():
        for text, lang in corpus:  # warm up: build cached lexicons and indexes
            run(text, lang)
        print(f"{name}: {ms_per_article(run, corpus, args.repeat):.2f} ms/article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
