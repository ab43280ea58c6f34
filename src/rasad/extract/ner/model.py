"""Loading the shipped CRF models and tagging with them.

A model `NAME` is three files in `rasad/models/`: `ner-NAME.crfsuite` (the CRF), `ner-NAME.json`
(language, hyperparameters, training data hashes, scores) and `ner-NAME-gazetteer.tsv.gz` (word →
gazetteer labels); the word-cluster tables it names (`clusters-LANG.tsv.gz`, and the e5 vector
clusters `e5clusters-LANG.tsv.gz`) may be shared.
Models load lazily, once per process, from the installed
package only.

>>> load_model("ar").lang
'ar'
"""

from __future__ import annotations

import gzip
import json
import struct
import sys
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pycrfsuite

from rasad.errors import ModelMissingError
from rasad.extract.ner.features import Resources, add_helper_features, sentence_features, sentence_items

# Which shipped model the product uses for each language.
PRODUCT_MODELS = {"ar": "ar", "fa": "fa"}


def models_dir() -> Path:
    """The folder of shipped model files inside the installed package."""
    return Path(str(files("rasad") / "models"))


@dataclass
class NerModel:
    """A CRF tagger with the lookup tables its features need."""

    name: str
    lang: str
    tagger: pycrfsuite.Tagger
    resources: Resources
    meta: dict[str, Any]
    helper: NerModel | None = None  # a model trained on another corpus whose tags are features
    # The feature strings the CRF knows (it ignores all others): tagging passes only these, encoded.
    attributes: frozenset[str] = frozenset()

    def tag(self, words: list[str], domain: str | None = None) -> list[str]:
        """BIO tags for one sentence of words. A model trained on several corpora tags in the
        annotation style of `domain` (a corpus name), by default in its product domain.

        >>> load_model("ar").tag(["في", "دمشق"])[1]
        'B-LOC'
        """
        if not words:
            return []
        domains = self.meta.get("domains") or []
        marker = "dom=" + str(domain if domain in domains else self.meta.get("product_domain"))
        if self.helper is None and self.attributes:
            items = sentence_items(words, self.lang, self.resources, self.attributes, (marker,) if domains else ())
            fast: list[str] = self.tagger.tag(items)
            return fast
        feats = sentence_features(words, self.lang, self.resources)
        if self.helper is not None:
            add_helper_features(feats, self.helper.tag(words))
        if domains:
            for f in feats:
                f.append(marker)
        tags: list[str] = self.tagger.tag(feats)
        return tags


def read_table(path: Path) -> dict[str, tuple[str, ...]]:
    """Read a gzipped `word<TAB>value,value,...` table (cluster paths or gazetteer labels).

    Words with the same values share one tuple of interned strings (100,000 words have about
    24,000 distinct cluster paths made of about 1,300 strings): half the memory.
    """
    table: dict[str, tuple[str, ...]] = {}
    shared: dict[str, tuple[str, ...]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            word, _, values = line.rstrip("\n").partition("\t")
            if values:
                found = shared.get(values)
                if found is None:
                    found = shared[values] = tuple(sys.intern(v) for v in values.split(","))
                table[word] = found
    return table


def write_table(path: Path, table: dict[str, tuple[str, ...]] | dict[str, frozenset[str]]) -> None:
    """Write a table for `read_table`, sorted, gzipped (mtime 0, so rebuilds are byte-identical)."""
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
        for word in sorted(table):
            values = table[word]
            ordered = sorted(values) if isinstance(values, frozenset) else list(values)
            gz.write(f"{word}\t{','.join(ordered)}\n".encode())


@cache
def load_model(name: str) -> NerModel:
    """Load shipped model `name` (e.g. "ar", "fa") once per process."""
    return open_model(models_dir(), name)


def open_model(directory: Path, name: str) -> NerModel:
    """Load model `name` from `directory` (the package's models folder, or a training output)."""
    crf = directory / f"ner-{name}.crfsuite"
    if not crf.is_file():
        raise ModelMissingError(f"NER model {name!r} is missing ({crf}); reinstall rasad or train it")
    meta = json.loads((directory / f"ner-{name}.json").read_text(encoding="utf-8"))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(crf))
    clusters = _clusters(str(directory / meta["clusters"])) if meta.get("clusters") else {}
    vectors = _clusters(str(directory / meta["vector_clusters"])) if meta.get("vector_clusters") else {}
    gazetteer = read_table(_need(directory / f"ner-{name}-gazetteer.tsv.gz"))
    labels: dict[tuple[str, ...], frozenset[str]] = {}  # one set per distinct list of labels
    shared = {w: labels.get(v) or labels.setdefault(v, frozenset(v)) for w, v in gazetteer.items()}
    resources = Resources(clusters=clusters, gazetteer=shared, vectors=vectors)
    helper = open_model(directory, meta["helper"]) if meta.get("helper") else None
    return NerModel(name=name, lang=meta["lang"], tagger=tagger, resources=resources, meta=meta, helper=helper,
                    attributes=model_attributes(crf))


def model_attributes(crf: Path) -> frozenset[str]:
    """The attribute (feature string) dictionary of a CRFsuite model file: the strings it has weights for.

    Read from the file's attribute CQDB (CRFsuite's `crf1dm.c` and `cqdb.c` layouts, little-endian):
    the backward array lists every record (id, key size, key with a NUL). An unreadable layout gives
    an empty set, and tagging then passes every feature string as before.
    """
    data = crf.read_bytes()
    if data[:4] != b"lCRF" or len(data) < 48:
        return frozenset()
    count, base = struct.unpack_from("<I", data, 24)[0], struct.unpack_from("<I", data, 36)[0]
    if data[base : base + 4] != b"CQDB":
        return frozenset()
    bwd_size, bwd_offset = struct.unpack_from("<II", data, base + 16)
    names: set[str] = set()
    for (record,) in struct.iter_unpack("<I", data[base + bwd_offset : base + bwd_offset + 4 * bwd_size]):
        if record:
            size = struct.unpack_from("<I", data, base + record + 4)[0]
            names.add(data[base + record + 8 : base + record + 7 + size].decode("utf-8", "replace"))
    return frozenset(names) if len(names) == count else frozenset()


@cache
def _clusters(path: str) -> dict[str, tuple[str, ...]]:
    return read_table(_need(Path(path)))


def _need(path: Path) -> Path:
    if not path.is_file():
        raise ModelMissingError(f"NER table {path} is missing; reinstall rasad or train the model")
    return path
