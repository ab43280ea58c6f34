"""Measure the Persian ZWNJ repair on held-out corpus text.

For every Persian token of a held-out file the ZWNJs are stripped, `repair_word` is run, and the
positions where it puts a ZWNJ are compared with the positions of the original ZWNJs:

* A: ArmanPersoNER `test_fold1` (real ZWNJs), lexicon learned from `train_fold1` + PEYMA train/dev.
  Arman writes plurals and comparatives glued in an older style (`سالها`, `بزرگترین`), so a repair
  such as `سال‌ها` counts as a false positive in the strict score; the "style" score does not count
  ZWNJs inserted before a plural/comparative suffix as errors.
* B: PEYMA `test` (ZWNJ written as a space inside a token), with the shipped lexicon (built from
  Arman + PEYMA train/dev, never from PEYMA test).

    .venv/bin/python scripts/eval_zwnj.py
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_fa_zwnj_lexicon import is_persian_word, learn, read_arman, read_peyma

from rasad.text.zwnj import (
    COMPARATIVE_SUFFIXES,
    PLURAL_SUFFIXES,
    ZWNJ,
    ZwnjLexicon,
    default_lexicon,
    repair_word,
)


def positions(word: str) -> set[int]:
    """Indices (in the word without ZWNJ) before which a ZWNJ stands."""
    out, k = set(), 0
    for ch in word:
        if ch == ZWNJ:
            out.add(k)
        else:
            k += 1
    return out


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    style_fp: int = 0  # false positives before a plural/comparative suffix (spelling style)
    words_changed: int = 0
    words_wrong: int = 0

    def line(self, name: str) -> str:
        p = self.tp / max(1, self.tp + self.fp)
        r = self.tp / max(1, self.tp + self.fn)
        ps = self.tp / max(1, self.tp + self.fp - self.style_fp)
        return (f"{name}: precision {p:.3f} (style-tolerant {ps:.3f}), recall {r:.3f}; "
                f"tp={self.tp} fp={self.fp} (style {self.style_fp}) fn={self.fn}; "
                f"words changed {self.words_changed}, wrong {self.words_wrong}")


_STYLE = tuple(PLURAL_SUFFIXES + COMPARATIVE_SUFFIXES)


def evaluate(tokens: list[str], lexicon: ZwnjLexicon, examples: list[str] | None = None) -> Score:
    score = Score()
    for gold in tokens:
        if not is_persian_word(gold):
            continue
        plain = gold.replace(ZWNJ, "")
        predicted = repair_word(plain, lexicon)
        want, got = positions(gold), positions(predicted)
        score.tp += len(want & got)
        score.fn += len(want - got)
        for pos in got - want:
            score.fp += 1
            if plain[pos:].startswith(_STYLE) and not want:
                score.style_fp += 1
        if got:
            score.words_changed += 1
            if got != want:
                score.words_wrong += 1
                if examples is not None and len(examples) < 40:
                    examples.append(f"{plain} -> {predicted} (gold {gold})")
    return score


def main() -> None:
    verbose = "-v" in sys.argv
    learned = learn(read_arman(["train_fold1.txt"]), read_peyma(["train.txt", "dev.txt"]))
    examples: list[str] = []
    a = evaluate(read_arman(["test_fold1.txt"]), learned.lexicon(), examples)
    print(a.line("A Arman test_fold1"))
    examples_b: list[str] = []
    b = evaluate(read_peyma(["test.txt"]), default_lexicon(), examples_b)
    print(b.line("B PEYMA test      "))
    if verbose:
        print("\n".join(["-- A errors:", *examples, "-- B errors:", *examples_b]))


if __name__ == "__main__":
    main()
