"""Words around a number that change its value: approximators and bounds (`نحو`, `بیش از`,
`more than`) and a minus word (`منفی ۲۱`).
"""

from __future__ import annotations

from rasad.extract.numbers import Approximator as ApproximatorWord
from rasad.extract.numbers import Lexicon, clitic_variants, fold

from .found import Found
from .ranges import RangeJoiner


class Approximator(RangeJoiner):
    """Applies approximators, bounds and minus words to a number."""

    def approximator(self, found: Found) -> None:
        before, after, lengths = _by_first_word(self.lex)
        start = found.first - (1 if found.definite else 0)
        # The approximators written before the number whose first word is a reading of the token
        # where they would start, in lexicon order (the first that matches wins).
        chosen: list[tuple[int, ApproximatorWord]] = []
        for n in lengths:
            if start - n >= 0:
                for variant in clitic_variants(self.toks[start - n].text, self.lang):
                    chosen.extend((order, a) for order, a in before.get(variant, ()) if len(a.words) == n)
        for _, approx in sorted(set(chosen), key=lambda oa: oa[0]):
            n = len(approx.words)
            words = [self.toks[k].norm for k in range(start - n, start)]
            if words[1:] == list(approx.words[1:]):
                if any(self.toks[k].kind != "word" for k in range(start - n, start)):
                    continue
                self.apply_approx(found, approx.mode)
                found.span_start = self.toks[start - n].start + self.clitic_length(start - n, approx.words[0])
                return
        longest = len(self.lex.approximators[0].words) if self.lex.approximators else 0
        following = tuple(t.norm for t in self.toks[found.last : found.last + longest])
        for _, approx in after.get(following[0], ()) if following else ():
            n = len(approx.words)
            if following[:n] == approx.words:
                self.apply_approx(found, approx.mode)
                found.span_end = self.toks[found.last + n - 1].end
                found.after = max(found.after, found.last + n)
                return

    def clitic_length(self, k: int, word: str) -> int:
        """Characters of a proclitic glued before `word` in token k (`بنحو` → 1), 0 if none."""
        text = self.toks[k].text
        for n in range(1, min(3, len(text) - 1)):
            if fold(text[n:]) == word:
                return n
        return 0

    @staticmethod
    def apply_approx(found: Found, mode: str) -> None:
        found.approximate = True
        if found.value is None:
            return
        if mode in ("more", "atleast"):
            found.low = found.value
        elif mode in ("less", "atmost"):
            found.high = found.value

    def negative(self, found: Found) -> None:
        """`منفی ۲۱`, `minus 5`: a minus word right before the number negates it and joins the span."""
        k = self.start_token(found)
        if found.value is None or found.approximate or not self.phrase_before(k, self.role("negative")):
            return
        found.value = -found.value
        found.span_start = self.toks[k - 1].start


ByFirstWord = dict[str, tuple[tuple[int, ApproximatorWord], ...]]  # first word -> (lexicon order, approximator)
_INDEXES: dict[int, tuple[Lexicon, ByFirstWord, ByFirstWord, tuple[int, ...]]] = {}


def _by_first_word(lex: Lexicon) -> tuple[ByFirstWord, ByFirstWord, tuple[int, ...]]:
    """The approximators of `lex` written before and after a number, by first word, and the word
    counts of those written before (once per lexicon): a number looks only at the few whose first
    word it sees."""
    found = _INDEXES.get(id(lex))
    if found is None or found[0] is not lex:
        sides: dict[str, dict[str, list[tuple[int, ApproximatorWord]]]] = {"before": {}, "after": {}}
        for order, approx in enumerate(lex.approximators):
            sides.setdefault(approx.position, {}).setdefault(approx.words[0], []).append((order, approx))
        before, after = ({w: tuple(v) for w, v in sides.get(side, {}).items()} for side in ("before", "after"))
        lengths = tuple(sorted({len(a.words) for a in lex.approximators if a.position == "before"}))
        found = _INDEXES[id(lex)] = (lex, before, after, lengths)
    return found[1], found[2], found[3]
