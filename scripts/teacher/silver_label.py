"""Silver NER labels from the e5 teacher (finetune.py), for distilling it into the shipped CRF.

Text is split into sentences and tokens exactly as `rasad analyze` does before tagging
(`rasad.extract.ner.tokenize.sentence_spans`), so the CRF trains on runtime tokenization.
Writes JSONL, one sentence a line: {"words": [...], "tags": [...], "source": ..., "confidence": p}
where `confidence` is the lowest probability the teacher gave its chosen tag on any word.

    # Arabic: SaudiNewsNet articles (field `content`), the first --limit of them
    nice -n 10 /tmp/teacher-venv/bin/python scripts/teacher/silver_label.py --lang ar \
        --jsonl /work/snn/sample4000.jsonl --limit 1500 --work /tmp/rasad-teacher \
        --out /tmp/rasad-teacher/silver-ar.jsonl
    # Persian: plain text files (one article or paragraph per blank-line block), and/or the
    # training sentences of another corpus relabelled in the product's (Arman) annotation style
    nice -n 10 /tmp/teacher-venv/bin/python scripts/teacher/silver_label.py --lang fa --head arman \
        --text my_persian.txt --relabel peyma --data ../shared/data --work /tmp/rasad-teacher \
        --out /tmp/rasad-teacher/silver-fa.jsonl

Feed the file to `rasad train ner --silver FILE` (only training splits and unlabelled text are read).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).parent))
from finetune import load_teacher, tag_sentences

from rasad.extract.ner.datasets import load_split
from rasad.extract.ner.tokenize import sentence_spans


def text_sentences(text: str) -> list[list[str]]:
    return [words for _, _, words in sentence_spans(text) if any(w.strip() for w in words)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Silver-label text with the e5 NER teacher.")
    parser.add_argument("--lang", required=True, choices=["ar", "fa"])
    parser.add_argument("--work", type=Path, required=True, help="folder holding teacher-LANG.pt")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--head", default=None, help="annotation style (default: anercorp | arman)")
    parser.add_argument("--jsonl", type=Path, action="append", default=[], help="articles, field `content`")
    parser.add_argument("--limit", type=int, default=None, help="articles read from each --jsonl")
    parser.add_argument("--text", type=Path, action="append", default=[], help="plain text, blank-line blocks")
    parser.add_argument("--relabel", action="append", default=[], help="a corpus's train split to relabel")
    parser.add_argument("--data", type=Path, default=None, help="shared data folder (for --relabel)")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    head = args.head or {"ar": "anercorp", "fa": "arman"}[args.lang]
    model, tok = load_teacher(args.work, args.lang)

    sources: list[tuple[str, list[str]]] = []
    for path in args.jsonl:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f):
                if args.limit is not None and n >= args.limit:
                    break
                article = json.loads(line)
                sources += [(article.get("url", f"{path.name}:{n}"), w) for w in text_sentences(article["content"])]
    for path in args.text:
        for n, block in enumerate(path.read_text(encoding="utf-8").split("\n\n")):
            sources += [(f"{path.name}:{n}", w) for w in text_sentences(block)]
    for dataset in args.relabel:
        sources += [(f"{dataset}/train:{n}", s.words) for n, s in enumerate(load_split(dataset, "train", args.data))]

    started = time.process_time()
    labelled = tag_sentences(model, tok, [w for _, w in sources], head)
    seconds = time.process_time() - started
    n_words = sum(len(w) for _, w in sources)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for (source, words), (tags, conf) in zip(sources, labelled, strict=True):
            row = {"words": words, "tags": tags, "source": source, "confidence": round(conf, 4)}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    entities = sum(t.startswith("B-") for tags, _ in labelled for t in tags)
    print(
        f"{len(sources)} sentences, {n_words} tokens, {entities} entities → {args.out} "
        f"({n_words / max(seconds, 1e-9):.0f} tokens per CPU second, head {head})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
