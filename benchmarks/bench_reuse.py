"""Near-duplicate detection on all SaudiNewsNet articles: rasad's vectorised one-permutation
MinHash/LSH (`rasad.corpus.reuse`) beside a plain `datasketch` MinHash(num_perm=128) +
MinHashLSH(threshold=0.7), in one process, over word 5-shingles of the same folded words.

Both run on the articles' `content` as published in the corpus (no per-article analysis).
First, the whole `reuse` corpus stage (`find_reuse`: candidates, alignment, kinds) runs on the
same texts as articles (lang `ar`, outlet and date from the corpus record), timed with its peak
memory (the store's reading of the articles is not included).
rasad's time starts from the raw texts (folding and tokenizing included; this path reads only the
word hashes, `word_hashes_many`, while the stage also keeps each word's span); datasketch is given the
folded word lists ready-made (their preparation is timed apart), so the comparison favours it.
Truth: the pairs whose exact Jaccard similarity of 5-shingle sets (Python sets of word strings) is
>= 0.7, computed on the union of both methods' candidate pairs. Recall of each method against
that truth; rasad's pairs are verified exactly, so their precision is reported too.

    .venv/bin/python benchmarks/bench_reuse.py [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from rasad.article import Article, Source
from rasad.corpus.reuse.lsh import candidate_pairs, estimated_jaccard, exact_jaccard, signatures
from rasad.corpus.reuse.shingles import _tables, concat_shingle_hashes, word_hashes_many
from rasad.corpus.reuse.stage import find_reuse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from saudinewsnet import read_records

K, THRESHOLD, BANDS, ROWS, BATCH = 5, 0.7, 25, 5, 4000


def load_records(limit: int | None) -> list[dict[str, str]]:
    records = read_records()
    return records[:limit] if limit else records


def run_stage(records: list[dict[str, str]]) -> dict[str, object]:
    """The reuse stage on the records as articles: seconds, pairs by kind, peak RSS after it."""

    def articles() -> Iterator[Article]:
        for n, record in enumerate(records):
            yield Article(source=Source(sha256=str(n), format="json"), text=record.get("content") or "",
                          id=f"snn{n:05d}", lang="ar", published=(record.get("date_extracted") or "")[:10] or None,
                          outlet=record.get("source"))

    start = time.perf_counter()
    found = find_reuse(articles())
    seconds = time.perf_counter() - start
    return {"stage_seconds": round(seconds, 2), "stage_pairs": dict(Counter(r["kind"] for r in found)),
            "stage_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def rasad_pairs(texts: list[str]) -> tuple[set[tuple[int, int]], int]:
    """rasad's near-duplicate pairs (exact Jaccard >= THRESHOLD) and its number of LSH candidates."""
    shingle_parts, bound_parts, offset = [], [np.zeros(1, dtype=np.int64)], 0
    for lo in range(0, len(texts), BATCH):
        words, word_bounds = word_hashes_many(texts[lo:lo + BATCH])
        hashes, bounds = concat_shingle_hashes(words, word_bounds, K)
        shingle_parts.append(hashes)
        bound_parts.append(bounds[1:] + offset)
        offset += len(hashes)
    shingles, bounds = np.concatenate(shingle_parts), np.concatenate(bound_parts)
    sig = signatures(shingles, bounds)
    candidates = candidate_pairs(sig, BANDS, ROWS)
    likely = candidates[estimated_jaccard(sig, candidates) >= THRESHOLD - 0.15]
    found = likely[exact_jaccard(shingles, bounds, likely) >= THRESHOLD]
    return {(int(a), int(b)) for a, b in found}, len(candidates)


def folded_words(texts: list[str]) -> list[list[str]]:
    """Each text's folded words as strings (the same folding and word boundaries as rasad's)."""
    classes, folded = _tables()
    out: list[list[str]] = []
    for lo in range(0, len(texts), BATCH):
        points = np.frombuffer("\x1e".join(texts[lo:lo + BATCH]).encode("utf-32-le"), dtype=np.uint32)
        bmp = np.where(points < 0x10000, points, 0)
        fold = np.where(classes[bmp] == 0, 32, folded[bmp])
        fold = np.where(points == 0x1E, 0x1E, fold)
        joined = fold[fold != 0].astype(np.uint32).tobytes().decode("utf-32-le")
        out += [part.split() for part in joined.split("\x1e")]
    return out


def shingle_set(words: list[str]) -> set[str]:
    return {" ".join(words[i:i + K]) for i in range(len(words) - K + 1)}


def datasketch_pairs(words: list[list[str]]) -> set[tuple[int, int]]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=128)
    sketches = {}
    for i, text_words in enumerate(words):
        shingles = shingle_set(text_words)
        if not shingles:
            continue
        sketch = MinHash(num_perm=128)
        sketch.update_batch([s.encode("utf-8") for s in shingles])
        lsh.insert(i, sketch)
        sketches[i] = sketch
    pairs: set[tuple[int, int]] = set()
    for i, sketch in sketches.items():
        pairs.update((min(i, j), max(i, j)) for j in lsh.query(sketch) if j != i)
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    records = load_records(args.limit)
    texts = [record.get("content") or "" for record in records]
    stage = run_stage(records)
    start = time.perf_counter()
    ours, n_candidates = rasad_pairs(texts)
    rasad_seconds = time.perf_counter() - start
    start = time.perf_counter()
    words = folded_words(texts)
    prep_seconds = time.perf_counter() - start
    start = time.perf_counter()
    theirs = datasketch_pairs(words)
    datasketch_seconds = time.perf_counter() - start
    union = ours | theirs
    sets: dict[int, set[str]] = {}
    truth: set[tuple[int, int]] = set()
    for a, b in union:
        sa = sets.setdefault(a, shingle_set(words[a]))
        sb = sets.setdefault(b, shingle_set(words[b]))
        if len(sa & sb) / len(sa | sb) >= THRESHOLD:
            truth.add((a, b))
    result = {
        "articles": len(texts),
        **stage,
        "rasad_seconds": round(rasad_seconds, 2),
        "datasketch_seconds": round(datasketch_seconds, 2),
        "datasketch_word_prep_seconds": round(prep_seconds, 2),
        "speedup": round(datasketch_seconds / rasad_seconds, 1),
        "speedup_with_prep": round((datasketch_seconds + prep_seconds) / rasad_seconds, 1),
        "true_pairs": len(truth),
        "rasad_pairs": len(ours),
        "rasad_lsh_candidates": n_candidates,
        "rasad_recall": round(len(ours & truth) / len(truth), 4) if truth else None,
        "rasad_precision": round(len(ours & truth) / len(ours), 4) if ours else None,
        "datasketch_candidates": len(theirs),
        "datasketch_recall": round(len(theirs & truth) / len(truth), 4) if truth else None,
        "datasketch_precision": round(len(theirs & truth) / len(theirs), 4) if theirs else None,
        "peak_rss_mb_with_datasketch": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "params": {"shingle_words": K, "threshold": THRESHOLD, "bins": 128, "bands": BANDS, "rows": ROWS},
    }
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
    else:
        for key, value in result.items():
            print(f"{key:>30}: {value}")


if __name__ == "__main__":
    main()
