"""The label of what a count counts: [qualifier] + head noun + [event participle].

>>> from rasad.extract.quantities import find_quantities
>>> [q.counted for q in find_quantities("قتل 9 جنود سوريين", "ar")]
['Syrian soldiers killed']
"""

from __future__ import annotations

import re

from .found import Found
from .kinds import KindClassifier

CONJUNCTIONS = {"و", "and", "or"}


def _singular(word: str) -> str:
    """A crude English singular for label heads: `civilians` → `civilian`, `people` stays."""
    irregular = {"children": "child", "women": "woman", "men": "man", "gunmen": "gunman",
                 "militiamen": "militiaman", "families": "family", "mercenaries": "mercenary"}
    if word in irregular:
        return irregular[word]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


class CountLabeler(KindClassifier):
    """Labels counts with their noun, qualifier and event."""

    def counted(self, found: Found) -> None:
        """Label what `found` counts: [qualifier] + head noun + [event participle]."""
        noun_end = self.counted_noun(found)
        end = self.material_after(found, noun_end)
        qualifier = self.qualifier_near(found, end) if end == noun_end else None
        event = self.event_near(found, end)
        if event is None and self.last_event is not None and self.after_subset_word(found):
            event = self.last_event  # 12 killed, including two children → children killed
        self.last_event = event
        found.counted = self.compose_label(found.counted, qualifier, event)

    def counted_dual(self, found: Found) -> None:
        """Label an Arabic dual (سفينتين تجاريتين، استشهاد شخصين) like a number and its noun."""
        end = found.last - 1
        event = self.event_near(found, end)
        self.last_event = event
        qualifier = self.qualifier_near(found, end) or self.dual_qualifier(end + 1)
        found.counted = self.compose_label(found.counted, qualifier, event)

    def dual_qualifier(self, k: int) -> str | None:
        """A dual adjective after a dual noun (سفينتين تجاريتين → commercial): its singular is a qualifier."""
        if not self.is_word(k):
            return None
        word = self.toks[k].text
        for suffix, singular in (("تين", "ة"), ("تان", "ة"), ("ين", ""), ("ان", "")):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                hit = self.gloss.match([word[: -len(suffix)] + singular], self.lang, ("qualifier",))
                if hit:
                    return hit[0].label
        return None

    def conjoined(self, k: int) -> bool:
        """An Arabic word with a leading و: `12 مدنيا وإصابة 20` starts the next count's event."""
        return self.lang == "ar" and self.toks[k].text.startswith("و")

    def event_at(self, k: int) -> tuple[str, str, int] | None:
        words = [t.text for t in self.toks[k : k + 6] if t.kind == "word"]
        hit = self.events.at(words)
        return hit if hit is not None and hit[1] not in ("disaster", "subset") else None

    def after_subset_word(self, found: Found) -> bool:
        """The number follows بينهم / including / از جمله: it is part of the count before it."""
        for k in self.clause_words(self.start_token(found) - 1, -1, 2):
            words = [t.text for t in self.toks[k : k + 3] if t.kind == "word"]
            hit = self.events.at(words)
            if hit is not None and hit[1] == "subset":
                return True
        return False

    def event_near(self, found: Found, end: int | None) -> tuple[str, str] | None:
        """What happened to the counted: an event word just before the number (مقتل 12، killed 12) or
        in the words after the counted noun (۱۴ نفر کشته شدند، 12 people were killed). An event right
        after the noun wins over one before the number: `یک نفر کشته و ۱۸ نفر زخمی شدند` → wounded.
        Events that cannot befall the counted (a thing event for people) are passed over, and the look
        back stops at a conjunction (`تخریب شده و ۴ هزار چادر`: the event belongs to the clause before)."""
        after = (end if end is not None else max(found.last, found.after) - 1) + 1
        if end is not None and self.is_word(after) and not self.conjoined(after):
            hit = self.event_at(after)
            if hit and self.event_fits(found.counted, hit[1]):
                return hit[0], hit[1]
        for k in self.clause_words(self.start_token(found) - 1, -1, 3):
            if self.toks[k].norm in CONJUNCTIONS:
                break
            hit = self.event_at(k)
            if hit and self.event_fits(found.counted, hit[1]):
                return hit[0], hit[1]
        for k in self.clause_words(after, 1, 4):
            hit = self.event_at(k)
            if hit and self.event_fits(found.counted, hit[1]):
                return hit[0], hit[1]
        return None

    def event_fits(self, label: str | None, applies: str) -> bool:
        """Whether an event that applies to `applies` (person, thing, any) can befall the counted `label`."""
        if label is None:
            return applies == "person"
        return applies == "any" or (applies == "person") == (_singular(label.split()[-1].lower())
                                                               in self.events.person_heads)

    def qualifier_near(self, found: Found, end: int | None) -> str | None:
        """A nationality or kind in the counted noun phrase: `9 جنود سوريين`, `US soldiers`, `سرباز آمریکایی`."""
        if end is None:
            return None
        candidates = [*range(max(found.last, found.after), end), end + 1]
        for k in candidates:
            if self.is_word(k) and not self.toks[k].newline_before:
                words = [t.text for t in self.toks[k : k + 4] if t.kind == "word"]
                hit = self.gloss.match(words, self.lang, ("qualifier",))
                if hit:
                    return hit[0].label
        return None

    def compose_label(self, label: str | None, qualifier: str | None,
                      event: tuple[str, str] | None) -> str | None:
        """[qualifier] + head noun + [event participle]; people-events without a noun count people."""
        ev = self.events
        head = label.split()[-1].lower() if label else None
        person = head is None or _singular(head) in ev.person_heads
        if event is not None:
            participle, applies = event
            fits = applies == "any" or (applies == "person") == person
            if not fits or (label is None and applies != "person"):
                event = None
        if label is None:
            if event is None:
                return None
            label = "people"
        if qualifier and qualifier.lower() not in label.lower():
            label = f"{qualifier} {label}"
        if event is not None:
            participle = event[0]
            words = label.lower().split()
            if participle not in words and (_singular(words[-1]), participle) not in ev.status:
                label = f"{label} {participle}"
        if self.disaster:
            label = re.sub(r"\bwounded\b", "injured", label)
        return label
