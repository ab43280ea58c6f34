"""The record of one number expression while the scanner builds it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Found:
    """A number expression being built: token range, value and what is known about it."""

    first: int  # token index of the number itself
    last: int  # token index after the number (and its scale)
    value: int | float | None
    ordinal: bool = False
    digits: bool = False
    dual: bool = False  # an Arabic dual noun that counts two (صاروخين)
    low: float | None = None
    high: float | None = None
    vague: bool = False
    span_start: int | None = None  # char offsets when the span grows (approximator, percent sign, الـ)
    span_end: int | None = None
    kind: str | None = None
    approximate: bool = False
    counted: str | None = None
    counted_text: str | None = None
    definite: bool = False
    after: int = 0  # token index after everything consumed (percent sign, currency, ...)
