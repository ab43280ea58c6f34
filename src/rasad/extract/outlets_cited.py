"""Credits to outlets in the text: "في حديث لـ “سبوتنيك”", "به نقل از ایرنا", "according to Reuters".

An outlet mention (from the registry scan) is a *credit* when a cue from `lang/<iso>/outlet_cues.tsv`
touches it: a `before` pattern that ends right before the name, an `after` pattern that starts right
after it, or both. `lead` cues ("به گزارش گروه بین‌الملل دفاع‌پرس" opening the body, after at most a
headline, a date line and a dateline) name the publisher.

>>> [(c.outlet, c.rule, c.kind) for c in find_credits("وأضاف في حديث لـ “سبوتنيك” أن الوضع هادئ.")]
[('Sputnik', 'ar:interview', 'credit')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from rasad.kb.outlets import (
    CLOSE_QUOTES,
    LANGS,
    OPEN_QUOTES,
    FoldedText,
    OutletMatch,
    cue_rows,
    fold_chars,
    fold_text,
    registry,
)

# A lead credit opens the body: its line starts within the first 300 characters, and only short
# headline-like lines (a headline, a date, a dateline; at most 3) come before it.
LEAD_WINDOW = 300
LEAD_MAX_LINES_BEFORE = 3
HEADLINE_MAX_WORDS = 25
_SENTENCE_END = (".", "!", "?", "؟", "…", "،", ",", "؛", ";")
# Cues are searched for at most this many characters before and after a name (a whole long line
# would make the search quadratic in the line's length). `_CUT` stands in for the rest of the line
# so that `^` and `$` in a cue cannot match where the window was cut.
CUE_WINDOW = 500
_CUT = "x"


@dataclass(frozen=True)
class CueRule:
    """One credit or lead cue from the data files."""

    kind: str  # "credit" | "lead"
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    tight: bool
    rule: str


@dataclass(frozen=True)
class Credit:
    """A credited outlet: `text[start:end]` is the cue and the name, e.g. `في حديث لـ “سبوتنيك`."""

    outlet: str
    start: int
    end: int
    text: str
    rule: str
    kind: str  # "credit" (a cited outlet) | "lead" (the publisher's own credit)


def _compile(pattern: str) -> re.Pattern[str] | None:
    if not pattern:
        return None
    return re.compile(fold_chars(pattern), re.IGNORECASE)


@cache
def cue_rules() -> tuple[CueRule, ...]:
    """All credit and lead cues of all languages (cues are script-specific, so all apply)."""
    rules = []
    for lang in LANGS:
        for kind, before, after, strength, rule in cue_rows(lang):
            if kind not in ("credit", "lead"):
                continue
            if not (before or after):
                raise ValueError(f"lang/{lang}/outlet_cues.tsv: rule {rule!r} has no pattern")
            if strength not in ("tight", "loose"):
                raise ValueError(f"lang/{lang}/outlet_cues.tsv: rule {rule!r} has strength {strength!r}")
            rules.append(CueRule(kind, _compile(before), _compile(after), strength == "tight",
                                 rule or f"{lang}:{kind}"))
    return tuple(rules)


def _line_bounds(newlines: list[int], length: int, start: int, end: int) -> tuple[int, int]:
    """Start and end of the line holding [start, end), from the text's sorted newline positions
    (bisection: searching the text itself for each mention is quadratic on one long line)."""
    i = bisect_left(newlines, start)
    j = bisect_left(newlines, end)
    return (newlines[i - 1] + 1 if i else 0), (newlines[j] if j < len(newlines) else length)


def opens_body(text: str, line_start: int) -> bool:
    """True when the line at `line_start` is the first line of the body: near the top, with only
    headline-like lines (no sentence punctuation at the end, at most 25 words) before it.

    >>> opens_body("عنوان الخبر\\n14 أيار 2023\\nبه گزارش ...", 25), opens_body("جملة كاملة.\\nنص", 12)
    (True, False)
    """
    if line_start >= LEAD_WINDOW:
        return False
    before = [line.strip() for line in text[:line_start].split("\n") if line.strip()]
    return len(before) <= LEAD_MAX_LINES_BEFORE and all(
        len(line.split()) <= HEADLINE_MAX_WORDS and not line.endswith(_SENTENCE_END) for line in before)


def _match_rule(rule: CueRule, left: str, right: str) -> tuple[int, int] | None:
    """`(start of the before-match in left, end of the after-match in right)`, or None."""
    left_start = len(left)
    right_end = 0
    if rule.before is not None:
        m = rule.before.search(left)
        if m is None:
            return None
        left_start = m.start() + (len(m.group()) - len(m.group().lstrip()))
    if rule.after is not None:
        m = rule.after.match(right)
        if m is None:
            return None
        right_end = m.end()
    return left_start, right_end


def _credit_for(
    folded: FoldedText, match: OutletMatch, rules: tuple[CueRule, ...], newlines: list[int]
) -> Credit | None:
    text = folded.folded
    line_start, line_end = _line_bounds(newlines, len(text), match.anchor, match.end)
    left_from = max(line_start, match.anchor - CUE_WINDOW)
    left_cut = _CUT if left_from > line_start else ""
    left = left_cut + text[left_from:match.anchor].rstrip(" \t" + OPEN_QUOTES)
    right_to = min(line_end, match.end + CUE_WINDOW)
    right_raw = text[match.end:right_to]
    right = right_raw.lstrip(CLOSE_QUOTES)
    skipped = len(right_raw) - len(right)
    right += _CUT if right_to < line_end else ""
    body_start = opens_body(text, line_start)
    for rule in rules:
        if rule.kind == "lead" and not body_start:
            continue
        if not rule.tight and match.alias.ambiguous and not (match.quoted or match.has_noun):
            continue
        found = _match_rule(rule, left, right)
        if found is None:
            continue
        start = left_from - len(left_cut) + found[0] if rule.before is not None else match.anchor
        end = match.end + skipped + found[1] if rule.after is not None else match.end + int(match.quoted)
        while end > 0 and text[end - 1].isspace():  # not text[:end].rstrip(): quadratic on a long line
            end -= 1
        o_start, o_end = folded.span(start, end)
        return Credit(match.outlet.name, o_start, o_end, folded.text[o_start:o_end], rule.rule, rule.kind)
    return None


def find_credits(
    text: str | FoldedText, skip: tuple[tuple[int, int], ...] = ()
) -> list[Credit]:
    """Credits to outlets in `text`, in text order. Mentions inside a `skip` span (offsets into the
    original text, e.g. the dateline) are ignored. Lead cues are tried before the others.

    >>> [(c.outlet, c.kind) for c in find_credits("به گزارش گروه بین‌الملل دفاع‌پرس، به نقل از ایرنا ...")]
    [('Defa Press', 'lead'), ('IRNA', 'credit')]
    """
    folded = text if isinstance(text, FoldedText) else fold_text(text)
    rules = tuple(sorted(cue_rules(), key=lambda r: r.kind != "lead"))
    out = []
    newlines = [m.start() for m in re.finditer("\n", folded.folded)]
    for match in registry().scan(folded):
        start = folded.span(match.start, match.end)[0]
        if any(s <= start < e for s, e in skip):
            continue
        credit = _credit_for(folded, match, rules, newlines)
        if credit is not None:
            out.append(credit)
    return out
