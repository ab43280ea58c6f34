"""Regular expressions that skip ahead: a pattern led by a lookahead for the characters its matches
can begin with.

Python's regex engine tries a pattern at every position of the text. A pattern that opens with a
lookbehind (`(?<!\\w)`, the word starts of the time patterns) or a long alternation of words costs
that much at every character; a leading `(?=[...])` of the characters a match can begin with is
checked first, and costs little. The lookahead is implied by the pattern, so the matches are the
same. `first_chars` reads the parsed pattern; where it cannot tell (case-insensitive parts, `.`,
negated classes, back-references, a pattern that can match the empty string) there is no lookahead.

>>> first_chars(r"(?<!\\w)(?:يوم\\s+)?(?:الاثنين|الثلاثاء|\\d+)")
'[\\\\dاي]'
>>> skipping(r"(?<![\\d:])([01]?\\d|2[0-3]):(\\d\\d)").pattern
'(?=[012\\\\d])(?<![\\\\d:])([01]?\\\\d|2[0-3]):(\\\\d\\\\d)'
>>> first_chars(r"(?i:monday)") is None
True
"""

from __future__ import annotations

import importlib
import re
from typing import Any

sre: Any = importlib.import_module("re._constants")  # the regex parser's own names (no stub for them)
sre_parse: Any = importlib.import_module("re._parser")

_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
}
_ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_UNSURE = re.IGNORECASE | re.VERBOSE


class _Unknown(Exception):
    """The pattern holds something whose first characters are not worked out here."""


def _class_items(items: list[tuple[Any, Any]], out: set[str]) -> None:
    for op, arg in items:
        if op is sre.LITERAL:
            out.add(re.escape(chr(arg)))
        elif op is sre.RANGE:
            out.add(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
        elif op is sre.CATEGORY and arg in _CATEGORIES:
            out.add(_CATEGORIES[arg])
        else:  # a negated class, ...
            raise _Unknown


def _first(items: list[tuple[Any, Any]], out: set[str]) -> bool:
    """Add to `out` the class items a match of the sequence `items` can begin with; whether the
    sequence can match the empty string (then what follows it can begin the match too)."""
    for op, arg in items:
        if op is sre.LITERAL:
            out.add(re.escape(chr(arg)))
            return False
        if op is sre.IN:
            _class_items(arg, out)
            return False
        if op in _ZERO_WIDTH:
            continue
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, sub = arg
            if add_flags & _UNSURE:
                raise _Unknown
            if not _first(sub.data, out):
                return False
        elif op is sre.ATOMIC_GROUP:
            if not _first(arg.data, out):
                return False
        elif op is sre.BRANCH:
            if not any([_first(branch.data, out) for branch in arg[1]]):  # every branch, not the first only
                return False
        elif op in _REPEATS:
            least, _most, sub = arg
            if not _first(sub.data, out) and least > 0:
                return False
        else:  # any character, a back-reference, a negated literal, ...
            raise _Unknown
    return True


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """A character class of what a match of `pattern` can begin with, or None when not known."""
    if flags & _UNSURE:
        return None
    out: set[str] = set()
    try:
        if _first(sre_parse.parse(pattern, flags).data, out):
            return None  # the pattern can match the empty string
    except _Unknown:
        return None
    return f"[{''.join(sorted(out))}]"


def skipping(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled after a lookahead for its first characters (`first_chars`), when known:
    the same matches, found faster where few positions of a text can begin one."""
    first = first_chars(pattern, flags)
    return re.compile(pattern if first is None else f"(?={first}){pattern}", flags)
