"""Self-training gazetteer: tag unlabeled Arabic news with a trained model and keep the words that the
model tags mostly as one entity type (run once; the table feeds the next training run).

    PYTHONPATH=src .venv/bin/python scripts/build_auto_gazetteer.py --model-dir /tmp/exp --name ar \\
        --data ../shared/data --out src/rasad/models/auto-gazetteer-ar.tsv.gz

A word seen at least `--min-count` times as part of entities of type T, in at least `--min-share`
of its occurrences, gets the label `aT`. The text is SaudiNewsNet (never an evaluation split).
"""

from __future__ import annotations

import argparse
import itertools
from collections import Counter
from pathlib import Path

from build_clusters import arabic_text

from rasad.extract.ner.features import norm
from rasad.extract.ner.model import open_model, write_table
from rasad.extract.ner.spans import bio_spans
from rasad.extract.ner.tokenize import MAX_SENTENCE_TOKENS, SENTENCE_END


def sentences_of(paragraph: list[str]) -> list[list[str]]:
    out: list[list[str]] = []
    current: list[str] = []
    for w in paragraph:
        current.append(w)
        if w in SENTENCE_END or len(current) >= MAX_SENTENCE_TOKENS:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model-dir", type=Path, required=True)
    parser.add_argument("--name", default="ar")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--tokens", type=int, default=2_000_000, help="how many tokens of news to tag")
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--min-share", type=float, default=0.6)
    args = parser.parse_args(argv)
    model = open_model(args.model_dir, args.name)
    total: Counter[str] = Counter()
    typed: Counter[tuple[str, str]] = Counter()
    n = 0
    # Every 5th paragraph, to spread the sample over outlets and days.
    for paragraph in itertools.islice(arabic_text(args.data), 0, None, 5):
        for words in sentences_of(paragraph):
            tags = model.tag(words)
            folded = [norm(w, "ar") for w in words]
            total.update(folded)
            for start, end, kind in bio_spans(tags):
                for w in folded[start:end]:
                    typed[(w, kind)] += 1
            n += len(words)
        if n >= args.tokens:
            break
    table: dict[str, frozenset[str]] = {}
    for (w, kind), c in typed.items():
        if c >= args.min_count and c / total[w] >= args.min_share and len(w) > 1:
            table[w] = table.get(w, frozenset()) | {"a" + kind}
    write_table(args.out, table)
    print(f"tagged {n} tokens; {len(table)} words → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
