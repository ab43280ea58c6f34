"""Words around a number that change its value: approximators and bounds (`نحو`, `بیش از`,
`more than`) and a minus word (`منفی ۲۱`).
"""

from __future__ import annotations

from rasad.extract.numbers import clitic_variants, fold

from .found import Found
from .ranges import RangeJoiner


class Approximator(RangeJoiner):
    """Applies approximators, bounds and minus words to a number."""

    def approximator(self, found: Found) -> None:
        start = found.first - (1 if found.definite else 0)
        variants_at: dict[int, tuple[str, ...]] = {}  # token index -> its clitic variants
        for approx in self.lex.approximators:
            n = len(approx.words)
            if approx.position == "before" and start - n >= 0:
                variants = variants_at.get(start - n)
                if variants is None:
                    variants = variants_at[start - n] = clitic_variants(self.toks[start - n].text, self.lang)
                if approx.words[0] not in variants:
                    continue
                words = [self.toks[k].norm for k in range(start - n, start)]
                if words[1:] == list(approx.words[1:]):
                    if any(self.toks[k].kind != "word" for k in range(start - n, start)):
                        continue
                    self.apply_approx(found, approx.mode)
                    found.span_start = self.toks[start - n].start + self.clitic_length(start - n, approx.words[0])
                    return
        longest = len(self.lex.approximators[0].words) if self.lex.approximators else 0
        following = tuple(t.norm for t in self.toks[found.last : found.last + longest])
        for approx in self.lex.approximators:
            n = len(approx.words)
            if approx.position == "after" and following[:n] == approx.words:
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
