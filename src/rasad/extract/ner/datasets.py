"""Readers for the NER corpora in `../shared/data/ner` (used by training and evaluation only).

Tags are normalized to BIO with `-` and the product's types: ANERcorp PERS→PER, PEYMA `B_ORG`→`B-ORG`,
ArmanPersoNER pers/org/loc/fac/event/pro → PER/ORG/LOC/FAC/EVENT/MISC.

>>> normalize_tag("B_PER"), normalize_tag("I-pers"), normalize_tag("B-PERS"), normalize_tag("O")
('B-PER', 'I-PER', 'B-PER', 'O')
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rasad.extract.ner.tokenize import ZWNJ, split_words

TYPE_MAP = {
    "PERS": "PER",
    "PER": "PER",
    "LOC": "LOC",
    "ORG": "ORG",
    "MISC": "MISC",
    "FAC": "FAC",
    "EVENT": "EVENT",
    "PRO": "MISC",
    "DAT": "DAT",
    "MON": "MON",
    "PCT": "PCT",
    "TIM": "TIM",
}
DATASETS = ("anercorp", "peyma", "arman")
ANERCORP = Path("ner/ar/ANERCorp.txt")
PEYMA = Path("ner/fa/peyma")
ARMAN = Path("ner/fa/arman/ArmanPersoNERCorpus.zip")


@dataclass
class Sentence:
    """One annotated sentence: tokens and their BIO tags (same length)."""

    words: list[str]
    tags: list[str]


def normalize_tag(tag: str) -> str:
    """`B_ORG`, `B-org`, `B-PERS` → `B-ORG`, `B-ORG`, `B-PER`; anything else → `O`."""
    tag = tag.strip()
    if len(tag) < 3 or tag[0] not in "BI" or tag[1] not in "-_":
        return "O"
    kind = TYPE_MAP.get(tag[2:].upper())
    return f"{tag[0]}-{kind}" if kind else "O"


def read_anercorp(path: Path) -> list[Sentence]:
    """ANERcorp: `token TAG` per line; a sentence ends at a `.` token.

    Lines with a tag and no token are skipped; the two malformed lines that glue two tokens
    together (`. Oالإصابة O`, `الصالحية ونايفة O`) are split.
    """
    out: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2 or not line[:1].strip():
            continue  # empty, or ` O` without a token
        pairs: list[tuple[str, str]]
        if len(parts) == 2:
            pairs = [(parts[0], parts[1])]
        elif len(parts) == 3 and parts[1].startswith("O") and len(parts[1]) > 1:
            pairs = [(parts[0], "O"), (parts[1][1:], parts[2])]  # `. Oالإصابة O`
        else:
            pairs = [(w, parts[-1]) for w in parts[:-1]]  # `الصالحية ونايفة O`
        for word, tag in pairs:
            words.append(word)
            tags.append(normalize_tag(tag))
            if word == ".":
                out.append(Sentence(words, tags))
                words, tags = [], []
    if words:
        out.append(Sentence(words, tags))
    return out


def _blank_line_sentences(lines: Iterator[str], sep: str | None) -> list[Sentence]:
    out: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            if words:
                out.append(Sentence(words, tags))
                words, tags = [], []
            continue
        word, _, tag = line.rpartition("|") if sep == "|" else line.rpartition(" ")
        word = word.strip()
        if not word:
            continue
        # PEYMA writes a half-space as a space inside one token: restore the ZWNJ.
        words.append(ZWNJ.join(word.split()))
        tags.append(normalize_tag(tag))
    if words:
        out.append(Sentence(words, tags))
    return out


def read_peyma(path: Path) -> list[Sentence]:
    """PEYMA: `token|TAG` per line (split on the last `|`), blank line between sentences."""
    return _blank_line_sentences(iter(path.read_text(encoding="utf-8").splitlines()), "|")


def read_arman(zip_path: Path, member: str) -> list[Sentence]:
    """ArmanPersoNER: `token TAG` per line, blank line between sentences, read from the zip."""
    with zipfile.ZipFile(zip_path) as zf:
        text = zf.read(member).decode("utf-8")
    return _blank_line_sentences(iter(text.splitlines()), " ")


def anercorp_split(sentences: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """The last 20% of sentences are the test set, the rest is training."""
    cut = len(sentences) - len(sentences) // 5
    return sentences[:cut], sentences[cut:]


def load_split(dataset: str, split: str, data_dir: Path) -> list[Sentence]:
    """Sentences of `dataset` (anercorp | peyma | arman), split train | dev | test.

    Splits: `train`, `test`, `dev` and `train-dev` (the training part without dev, for choosing
    settings). ANERcorp and Arman (fold 1: `train_fold1.txt`, `test_fold1.txt`) have no official dev
    set: `dev` is the last 10% of the training sentences. PEYMA's `train-dev` is its train.txt.
    """
    if dataset == "anercorp":
        train, test = anercorp_split(read_anercorp(_need(data_dir / ANERCORP)))
        cut = len(train) - len(train) // 10
        return {"train": train, "test": test, "dev": train[cut:], "train-dev": train[:cut]}[split]
    if dataset == "peyma":
        if split == "train-dev":
            split = "train"
        return read_peyma(_need(data_dir / PEYMA / f"{split}.txt"))
    if dataset == "arman":
        if split == "test":
            return read_arman(_need(data_dir / ARMAN), "test_fold1.txt")
        train = read_arman(_need(data_dir / ARMAN), "train_fold1.txt")
        cut = len(train) - len(train) // 10
        return {"train": train, "dev": train[cut:], "train-dev": train[:cut]}[split]
    raise ValueError(f"unknown NER dataset {dataset!r}; choose one of {', '.join(DATASETS)}")


def source_files(dataset: str, data_dir: Path) -> list[Path]:
    """The files a dataset is read from (for recording their sha256 with a trained model)."""
    if dataset == "anercorp":
        return [data_dir / ANERCORP]
    if dataset == "peyma":
        return [data_dir / PEYMA / f"{s}.txt" for s in ("train", "dev")]
    return [data_dir / ARMAN]


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _need(path: Path) -> Path:
    if not path.exists():
        raise FileNotFoundError(f"NER data file missing: {path} (pass --data pointing at shared/data)")
    return path


def retokenize(sentence: Sentence) -> tuple[Sentence, list[int]]:
    """Split corpus tokens the way the product tokenizer splits running text (`(د` → `(`, `د`).

    Returns the re-tokenized sentence and, for each new token, the index of the corpus token it
    came from. Punctuation split off an entity token gets `O`; the first word piece keeps the tag.

    >>> s, owner = retokenize(Sentence(["(د", "ب"], ["B-ORG", "O"]))
    >>> s.words, s.tags, owner
    (['(', 'د', 'ب'], ['O', 'B-ORG', 'O'], [0, 0, 1])
    """
    words: list[str] = []
    tags: list[str] = []
    owner: list[int] = []
    for i, (word, tag) in enumerate(zip(sentence.words, sentence.tags, strict=True)):
        pieces = split_words(word) or [word]
        first_word = next((k for k, p in enumerate(pieces) if _is_wordlike(p)), 0)
        for k, piece in enumerate(pieces):
            if tag == "O" or (k != first_word and not _is_wordlike(piece)):
                piece_tag = "O"
            elif k == first_word:
                piece_tag = tag
            else:
                piece_tag = "I-" + tag[2:]
            words.append(piece)
            tags.append(piece_tag)
            owner.append(i)
    return Sentence(words, tags), owner


def project_tags(tags: list[str], owner: list[int], n_tokens: int) -> list[str]:
    """Map tags of re-tokenized pieces back to the corpus tokens: each token takes the tag of its
    first word piece (or of its first piece when it has no word piece).

    >>> project_tags(["O", "B-ORG", "O"], [0, 0, 1], 2)
    ['B-ORG', 'O']
    """
    out: list[str | None] = [None] * n_tokens
    fallback: list[str] = ["O"] * n_tokens
    seen: set[int] = set()
    for tag, i in zip(tags, owner, strict=True):
        if i not in seen:
            fallback[i] = tag
            seen.add(i)
        if out[i] is None and tag != "O":
            out[i] = tag
    return [o if o is not None else fallback[i] for i, o in enumerate(out)]


def _is_wordlike(piece: str) -> bool:
    return any(c.isalnum() for c in piece)
