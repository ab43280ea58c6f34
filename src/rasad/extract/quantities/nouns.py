"""The noun phrase a number counts: head noun, counters (`۱۵۰ تن از`), groups (`من مسلحي داعش`)
and the material of a measure (`tonnes of food`).
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

from rasad.extract.counted import GlossaryEntry
from rasad.extract.numbers import LANGS, clitic_variants, fold
from rasad.text.data import read_words
from rasad.text.tokens import article

from .approx import Approximator
from .found import Found

# Labels of measures whose label names the material measured: "tonnes of food".
MEASURES = {"tonnes", "kilograms", "litres", "barrels", "cubic metres"}
SENTENCE_BREAK = set(".،,؛;:!?؟()[]{}«»\n")
QUOTES = set("\"'“”‘’«»")


@cache
def group_links() -> frozenset[str]:
    """Folded words that may stand between a counted noun and its group, in any language
    (`lang/<iso>/group_links.txt`): "40 من مسلحي تنظيم داعش"."""
    return frozenset(fold(word) for lang in LANGS for word in read_words(lang, "group_links.txt"))


class NounFinder(Approximator):
    """Finds the counted noun phrase after a number and its glossary label."""

    def noun_after(self, j: int) -> tuple[int, GlossaryEntry | None] | None:
        """The head noun after token j (skipping a partitive): (token index, glossary entry or None)."""
        if j >= len(self.toks) or self.toks[j].newline_before:
            return None
        k = j
        if self.toks[k].text == "-" and self.adjacent(k - 1, k):
            k += 1  # 55-kilometre
        if self.is_word(k) and self.phrase_at(k, self.role("partitive")) and self.is_word(k + 1):
            k += 1
        if (
            not self.is_word(k)
            or self.phrase_at(k, self.role("stop"))
            or self.phrase_at(k, self.role("link"))
            or self.parse_at(k) is not None
        ):
            return None
        hit = self.noun_at(k)
        if hit is None:  # an adjective or two before a known noun: four collection centres, US troops
            for skip in (1, 2):
                if self.is_word(k + skip) and not self.phrase_at(k + skip, self.role("stop")):
                    later = self.noun_at(k + skip)
                    if later is not None and later.role == "noun":
                        return k, later
                else:
                    break
        return k, hit

    def noun_at(self, k: int) -> GlossaryEntry | None:
        words = [t.text for t in self.toks[k : k + 4] if t.kind == "word"]
        hit = self.gloss.noun(words, self.lang)
        return hit[0] if hit else None

    def noun_end(self, k: int, entry: GlossaryEntry | None) -> int:
        """Last token of the glossary noun starting at or shortly after token k."""
        if entry is None:
            return k
        for m in range(k, min(k + 3, len(self.toks))):
            words = [t.text for t in self.toks[m : m + 4] if t.kind == "word"]
            hit = self.gloss.noun(words, self.lang)
            if hit and hit[0] == entry:
                return m + hit[1] - 1
        return k

    def group_after(self, k: int) -> tuple[str | None, int | None]:
        """A group named within a few linking words after token k: (label, last token index)."""
        unknown = 0
        for m in range(k, min(k + 6, len(self.toks))):
            tok = self.toks[m]
            if tok.newline_before or (tok.kind == "punct" and tok.text in SENTENCE_BREAK):
                break
            if tok.kind != "word":
                if tok.text in QUOTES:
                    continue
                break
            words = [t.text for t in self.toks[m : m + 4] if t.kind == "word"]
            hit = self.gloss.group(words, self.lang)
            if hit:
                entry, n = hit
                label = entry.label if entry.role == "group" else self.main_group
                last = m
                count = 1
                while count < n and last + 1 < len(self.toks):
                    last += 1
                    if self.toks[last].kind == "word":
                        count += 1
                return label, last
            links = group_links()
            if tok.norm in links or any(v in links for v in clitic_variants(tok.text, self.lang)):
                continue
            unknown += 1
            if unknown > 1:
                break
        return None, None

    def counted_noun(self, found: Found) -> int | None:
        """Set the glossary label and counted text; the last token of the counted phrase."""
        head = self.noun_after(found.after)
        if head is None:
            return None
        k, entry = head
        end = self.noun_end(k, entry)
        if entry is not None and entry.role == "counter":  # ۱۵۰ تن از عناصر, سه فروند پهپاد
            after = None if self.events_word_at(k + 1) else self.noun_after(k + 1)
            if after and after[1] is not None and after[1].role != "counter":
                k, entry = after
                end = self.noun_end(k, entry)
                found.counted_text = self.text[self.toks[found.after].start : self.toks[end].end]
                group, group_end = self.group_after(end + 1)
                if group_end is not None:
                    found.counted_text = self.text[self.toks[found.after].start : self.toks[group_end].end]
                found.counted = self.gloss.label_with_group(after[1], group)
                return group_end if group_end is not None else end
        if entry is not None and entry.role == "group":  # 40 ISIS fighters, ۷۰ داعشی
            noun = self.noun_at(end + 1) if self.is_word(end + 1) else None
            if noun is not None and noun.role == "noun":
                end = self.noun_end(end + 1, noun)
                found.counted_text = self.text[self.toks[k].start : self.toks[end].end]
                found.counted = self.gloss.label_with_group(noun, entry.label)
                return end
        group, group_end = self.group_after(end + 1)
        if group_end is not None:
            end = group_end
            if end + 1 < len(self.toks) and self.toks[end + 1].text in QUOTES:
                end += 1
        found.counted_text = self.text[self.toks[k].start : self.toks[end].end]
        if entry is not None:
            found.counted = self.gloss.label_with_group(entry, group)
        return end

    def material_after(self, found: Found, end: int | None) -> int | None:
        """`1,500 tonnes of food`, `۴۰ تن مواد غذایی`: a measure takes the material after it into its label
        (after an optional partitive); returns the last token of the counted phrase."""
        if end is None or found.counted not in MEASURES:
            return end
        k = end + 1
        if self.is_word(k) and self.phrase_at(k, self.role("partitive")):
            k += 1
        words = [t.text for t in self.toks[k : k + 4] if t.kind == "word"]
        hit = self.gloss.match(words, self.lang, ("material",)) if self.is_word(k) else None
        if hit is None:
            return end
        found.counted = f"{found.counted} of {hit[0].label}"
        last = k + hit[1] - 1
        found.counted_text = self.text[self.toks[found.after].start : self.toks[last].end]
        return last

    def events_word_at(self, k: int) -> bool:
        """Whether an event or subset word starts at token k: after a counter it is what happened
        (۹۰ نفر بازداشت شدند) or who is among them (۹ نفر از جمله چهار کودک), not the counted noun."""
        words = [t.text for t in self.toks[k : k + 4] if t.kind == "word"]
        return self.is_word(k) and self.events.at(words) is not None

    def share_counted(self, found_list: list[Found]) -> None:
        """`المئات بل الآلاف من المدنيين`: an amount joined to the next one shares its noun."""
        for a, b in pairwise(found_list):
            if a.counted_text is None and b.counted_text and a.kind == b.kind == "count":
                gap = range(max(a.last, a.after), b.first)
                if 1 <= len(gap) <= 2 and all(
                    self.phrase_at(g, self.role("link")) or self.word(g) == article("ar") for g in gap
                ):
                    a.counted, a.counted_text = b.counted, b.counted_text
