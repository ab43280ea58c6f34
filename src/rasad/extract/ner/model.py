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
import sys
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite

from rasad.errors import ModelMissingError
from rasad.extract.ner.decode import LinearCrf, attribute_names, sentence_scores
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
    # The model's weights in numpy (`decode.LinearCrf`): tagging without pycrfsuite when there is no helper.
    crf: LinearCrf | None = None
    _scores: list[np.ndarray] | None = None  # the state scores of the sentences tagged last (numpy path)
    _marginals: list[np.ndarray] | None = None

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
        self._scores = self._marginals = None
        if self.helper is None and self.attributes and self.crf is not None:
            return self.tag_many([words], domain)[0]
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


    def tag_many(self, sentences: list[list[str]], domain: str | None = None) -> list[list[str]]:
        """`tag` for several sentences (one text's): with the numpy weights, decoded together.

        >>> load_model("ar").tag_many([["في", "دمشق"], ["قال"]])[0][1]
        'B-LOC'
        """
        if not (self.helper is None and self.attributes and self.crf is not None) or not all(sentences):
            return [self.tag(words, domain) for words in sentences]
        domains = self.meta.get("domains") or []
        extra = ("dom=" + str(domain if domain in domains else self.meta.get("product_domain")),) if domains else ()
        self._scores = [sentence_scores(words, self.lang, self.resources, self.attributes, self.crf, extra)
                        for words in sentences]
        self._marginals = None
        return self.crf.viterbi_many(self._scores)

    def marginal(self, tag: str, position: int, sentence: int = 0) -> float:
        """The marginal probability of `tag` at word `position` of the sentence tagged last (with
        `tag_many`, of its `sentence`-th sentence).

        >>> model = load_model("ar")
        >>> tags = model.tag(["في", "دمشق"])
        >>> model.marginal(tags[1], 1) > 0.5
        True
        """
        if self._scores is None or self.crf is None:
            return float(self.tagger.marginal(tag, position))
        if self._marginals is None:
            self._marginals = self.crf.marginals_many(self._scores)
        return float(self._marginals[sentence][position, self.crf.label_id(tag)])


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
                    attributes=model_attributes(crf), crf=LinearCrf.from_file(crf, tagger.labels()))


def model_attributes(crf: Path) -> frozenset[str]:
    """The attribute (feature string) dictionary of a CRFsuite model file: the strings it has weights for.

    Read from the file's attribute CQDB (CRFsuite's `crf1dm.c` and `cqdb.c` layouts, little-endian):
    the backward array lists every record (id, key size, key with a NUL). An unreadable layout gives
    an empty set, and tagging then passes every feature string as before.
    """
    data = crf.read_bytes()
    names = attribute_names(data) if data[:4] == b"lCRF" and len(data) >= 48 else None
    return frozenset(name.decode("utf-8", "replace") for name in names) if names else frozenset()


@cache
def _clusters(path: str) -> dict[str, tuple[str, ...]]:
    return read_table(_need(Path(path)))


def _need(path: Path) -> Path:
    if not path.is_file():
        raise ModelMissingError(f"NER table {path} is missing; reinstall rasad or train the model")
    return path
