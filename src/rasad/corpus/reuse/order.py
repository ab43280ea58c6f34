"""Which article of a pair comes first: the one published earlier (undated articles last, then by id).

>>> comes_before(("2024-03-05", "b"), ("2024-03-06", "a")), comes_before((None, "a"), ("2024-03-06", "b"))
(True, False)
>>> first_published(("2024-03-05", "b"), ("2024-03-06", "a")), first_published(("2024-03-05", "b"), ("2024-03-05", "a"))
('b', None)
"""

from __future__ import annotations

Dated = tuple[str | None, str]  # (published, id)


def comes_before(x: Dated, y: Dated) -> bool:
    """Whether `x` is the pair's `a`: published earlier, or on the same day with the smaller id."""
    return (x[0] or "9999", x[1]) <= (y[0] or "9999", y[1])


def first_published(a: Dated, b: Dated) -> str | None:
    """The id of `a` when both are dated and `a` is earlier; None on the same day or without a date."""
    return a[1] if a[0] and b[0] and a[0] < b[0] else None
