"""Build the Persian ZWNJ lexicon (`src/rasad/lang/fa/{zwnj_words.tsv,words.tsv,zwnj_keep_learned.txt}`).

Reads the Persian NER corpora in ../shared (ArmanPersoNER: real ZWNJs; PEYMA: ZWNJ written as a space
inside a token) and writes only single words with counts. Run from the project root:

    .venv/bin/python scripts/build_fa_zwnj_lexicon.py

`scripts/eval_zwnj.py` imports `read_arman`, `read_peyma` and `learn` to build lexicons from training
parts only and measure the repair on held-out text.
"""

from __future__ import annotations

import sys
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasad.text.data import read_words  # noqa: E402
from rasad.text.letters import canonical_letters  # noqa: E402
from rasad.text.zwnj import (  # noqa: E402
    _WORD,
    NON_JOINING,
    ZWNJ,
    ZwnjLexicon,
    repair_word,
)

SHARED = ROOT.parent / "shared"
ARMAN = SHARED / "data" / "ner" / "fa" / "arman" / "ArmanPersoNERCorpus.zip"
PEYMA = SHARED / "data" / "ner" / "fa" / "peyma"
OUT = ROOT / "src" / "rasad" / "lang" / "fa"
ALL_ARMAN = ("test_fold1.txt", "test_fold2.txt", "test_fold3.txt")  # the three folds = whole corpus


def _canon(token: str) -> str:
    return canonical_letters(token, "fa")[0]


def is_persian_word(token: str) -> bool:
    return bool(token) and _WORD.fullmatch(token.replace(ZWNJ, "")) is not None


def read_arman(names: Iterable[str]) -> list[str]:
    """Tokens of the given ArmanPersoNER files (ZWNJs kept)."""
    if not ARMAN.is_file():
        raise SystemExit(f"missing {ARMAN}: the ../shared data folder is required")
    tokens: list[str] = []
    with zipfile.ZipFile(ARMAN) as archive:
        for name in names:
            for line in archive.read(name).decode("utf-8").splitlines():
                token, _, tag = line.rpartition(" ")
                if token and tag:
                    tokens.append(_canon(token))
    return tokens


def read_peyma(names: Iterable[str]) -> list[str]:
    """Tokens of the given PEYMA files; a space inside a token is turned into ZWNJ where it can be one
    (after a letter that joins to the left); tokens with other inner spaces are multi-word and dropped."""
    tokens: list[str] = []
    for name in names:
        path = PEYMA / name
        if not path.is_file():
            raise SystemExit(f"missing {path}: the ../shared data folder is required")
        for line in path.read_text(encoding="utf-8").splitlines():
            token, _, _tag = line.rpartition("|")
            token = _canon(token.strip())
            if " " in token:
                parts = token.split()
                if len(parts) > 3 or any(p[-1] in NON_JOINING for p in parts[:-1]):
                    continue
                token = ZWNJ.join(parts)
            if token:
                tokens.append(token)
    return tokens


@dataclass
class Learned:
    forms: Counter[str] = field(default_factory=Counter)  # spellings with ZWNJ
    glued: Counter[str] = field(default_factory=Counter)  # words written without ZWNJ (modern source)
    stems: Counter[str] = field(default_factory=Counter)  # words and ZWNJ parts
    keep: set[str] = field(default_factory=set)

    def lexicon(self, min_form_count: int = 1) -> ZwnjLexicon:
        forms = [f for f, n in self.forms.most_common() if n >= min_form_count]
        return ZwnjLexicon.build(hand_extra() + forms, self.stems, self.keep | hand_keep())


def hand_keep() -> frozenset[str]:
    return read_words("fa", "zwnj_keep.txt")


def hand_extra() -> list[str]:
    return sorted(read_words("fa", "zwnj_extra.txt"))


def _count(tokens: list[str], learned: Learned, modern: bool) -> None:
    for token in tokens:
        if not is_persian_word(token):
            continue
        if ZWNJ in token:
            learned.forms[token] += 1
            for part in token.split(ZWNJ):
                learned.stems[part] += 1
        else:
            learned.stems[token] += 1
            if modern:
                learned.glued[token] += 1


def learn(arman_tokens: list[str], peyma_tokens: list[str]) -> Learned:
    """Count ZWNJ spellings and stems; learn which glued spellings are the norm (they are kept).

    PEYMA (modern spelling) decides whether a word is normally written glued (`آنها`, `تنها`); Arman
    writes plurals glued in an older style, so its glued words count only as stems.
    """
    learned = Learned()
    _count(arman_tokens, learned, modern=False)
    _count(peyma_tokens, learned, modern=True)
    stripped_forms: Counter[str] = Counter()
    for form, n in learned.forms.items():
        stripped_forms[form.replace(ZWNJ, "")] += n
    # A glued spelling much more common than the ZWNJ spelling is kept as written.
    probe = ZwnjLexicon.build(hand_extra() + [f for f, _ in learned.forms.most_common()], learned.stems,
                              hand_keep())
    for word, n in learned.glued.items():
        if n >= 3 and n >= 2 * stripped_forms[word] and repair_word(word, probe) != word:
            learned.keep.add(word)
    for word in learned.keep:
        for form in [f for f in learned.forms if f.replace(ZWNJ, "") == word]:
            del learned.forms[form]
    return learned


def main() -> None:
    learned = learn(read_arman(ALL_ARMAN), read_peyma(("train.txt", "dev.txt")))
    header = (
        "# Generated by scripts/build_fa_zwnj_lexicon.py from ArmanPersoNER + PEYMA train/dev. Do not edit.\n"
    )
    forms = sorted((f for f, n in learned.forms.items() if n >= 1), key=lambda f: (-learned.forms[f], f))
    (OUT / "zwnj_words.tsv").write_text(
        header + "# word_with_zwnj\tcount\n" + "".join(f"{f}\t{learned.forms[f]}\n" for f in forms),
        encoding="utf-8",
    )
    stems = sorted((s for s, n in learned.stems.items() if n >= 2 and len(s) >= 2),
                   key=lambda s: (-learned.stems[s], s))
    (OUT / "words.tsv").write_text(
        header + "# word\tcount\n" + "".join(f"{s}\t{learned.stems[s]}\n" for s in stems), encoding="utf-8"
    )
    (OUT / "zwnj_keep_learned.txt").write_text(
        header + "# words normally written without ZWNJ (never repaired)\n" + "".join(
            f"{w}\n" for w in sorted(learned.keep)), encoding="utf-8"
    )
    print(f"{len(forms)} ZWNJ words, {len(stems)} stems, {len(learned.keep)} learned keep words -> {OUT}")


if __name__ == "__main__":
    main()
