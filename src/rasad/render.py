"""Labels for people, shared by the extractors and the report: what a quantity means, in a few English
words (the report's side panel, claims' English renderings, summaries).

A vague amount has no single value, so its range is shown; an ordinal is a rank, not a count.

>>> quantity_label({"value": None, "low": 20, "high": 99, "approximate": True, "counted": "trucks"})
'20–99 trucks'
>>> quantity_label({"value": 2, "kind": "ordinal", "counted": None})
'2nd (ordinal)'
>>> quantity_label({"value": 300, "approximate": True, "counted": "ISIS members"})
'about 300 ISIS members'
>>> quantity_label({"value": 11.4, "kind": "time", "counted": None})
'11:24 (time of day)'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from rasad.article import Quantity

_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) and abs(value) >= 10000 else str(value)


def ordinal(n: int) -> str:
    """`ordinal(2) == "2nd"`, `ordinal(12) == "12th"`, `ordinal(23) == "23rd"`."""
    suffix = "th" if 10 <= n % 100 <= 20 else _SUFFIXES.get(n % 10, "th")
    return f"{n}{suffix}"


def clock(hours: float) -> str:
    """A time of day given in decimal hours (a `time` quantity's `value`), as written on a clock.

    >>> clock(11.4), clock(9 + 5 / 60), clock(2), clock(10 + 20 / 60)
    ('11:24', '9:05', '2:00', '10:20')
    """
    minutes = round(hours * 60) % (24 * 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def quantity_label(item: Quantity | Mapping[str, Any]) -> str:
    """A short English label: `value counted`, a range for vague amounts, `Nth (ordinal)` for ranks,
    `HH:MM (time of day)` for clock times (whose `value` is in decimal hours: 11:24 is 11.4)."""
    q = asdict(item) if isinstance(item, Quantity) else item
    value, low, high, counted = q.get("value"), q.get("low"), q.get("high"), q.get("counted") or ""
    if q.get("kind") == "ordinal" and isinstance(value, int | float):
        amount = f"{ordinal(int(value))} (ordinal)"
    elif q.get("kind") == "time" and isinstance(value, int | float) and 0 <= value < 24:
        amount = f"{clock(value)} (time of day)"
    elif value is not None:
        amount = ("about " if q.get("approximate") and low is None and high is None else "") + _number(value)
        if low is not None and high is None and q.get("approximate"):
            amount = f"more than {_number(value)}"
    elif low is not None and high is not None:
        amount = f"{_number(low)}–{_number(high)}"
    elif low is not None:
        amount = f"more than {_number(low)}"
    elif high is not None:
        amount = f"up to {_number(high)}"
    else:
        amount = "some"
    return f"{amount} {counted}".strip()
