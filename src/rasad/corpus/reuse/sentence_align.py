"""Sentence alignment of two texts in different languages, through their language-independent anchors.

No machine translation is available offline, so sentences are compared through what a translation
keeps in every language: entity ids, transliterated names, numbers and dates (`anchors.Unit`), and
their lengths.

- Alignment: a monotonic dynamic program over the two sentence lists (Gale & Church 1993: beads of
  1-1, 1-2, 2-1 sentences, or a sentence left out), whose bead cost adds the lengths' fit
  (character counts, scaled by the two texts' length ratio) and the anchors' agreement (weighted
  Dice of the two sides' anchors: a bonus; numbers on both sides, none shared: a penalty).
- Matches: a bead matches when its lengths fit (`MAX_DELTA`), it keeps its numbers (Dice of the
  numbers >= `MIN_NUMBER_DICE`) and its anchors agree (weighted Dice >= `MIN_BEAD_DICE`); a bead
  with no anchor on either side matches when the beads before and after it match.
- Verdict: a translation when matched beads cover at least `MIN_COVERAGE` of the shorter text's
  characters and `MIN_LONGER_COVERAGE` of the longer one's, with at least `MIN_ANCHORED_BEADS`
  anchored matches whose anchors agree on average (weighted Dice >= `MIN_MEAN_DICE`). Two
  independent reports of one event share names and numbers, but in other sentences, with other
  numbers, or with paragraphs of their own: too few of their beads match.

>>> from rasad.corpus.reuse.anchors import Unit
>>> ua = [Unit(0, 40, frozenset({"n:4", "t:sbh"})), Unit(41, 90, frozenset()), Unit(91, 150, frozenset({"n:2017"}))]
>>> ub = [Unit(0, 44, frozenset({"n:4", "t:sbh"})), Unit(45, 95, frozenset()), Unit(96, 160, frozenset({"n:2017"}))]
>>> [(b.a0, b.a1, b.b0, b.b1, b.matched) for b in align_units(ua, ub, {})]
[(0, 1, 0, 1, True), (1, 2, 1, 2, True), (2, 3, 2, 3, True)]
>>> check = check_translation(ua, ub, {})  # all covered, but two anchored sentences are too few
>>> check.coverage_a, check.anchored_matches, check.is_translation
(1.0, 2, False)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from rasad.corpus.reuse.anchors import Unit

MAX_DELTA = 2.5  # a bead's lengths fit when their Gale-Church delta is at most this
MIN_BEAD_DICE = 0.3  # weighted Dice of a matched bead's anchors
MIN_NUMBER_DICE = 0.5  # a translation keeps a sentence's numbers: Dice of a matched bead's numbers
MIN_COVERAGE = 0.8  # share of the shorter text's characters in matched beads
MIN_LONGER_COVERAGE = 0.6  # share of the longer text's characters in matched beads
MIN_ANCHORED_BEADS = 3
MIN_MEAN_DICE = 0.5  # the anchored matched beads' anchors agree this much on average
RATIO_BOUNDS = (0.4, 2.5)  # the two texts' length ratio, clipped

# Gale-Church: prior cost of each bead shape (-log probability) and the variance of the lengths.
_SHAPES = {(1, 1): 0.89, (1, 0): 0.01, (0, 1): 0.01, (2, 1): 0.045, (1, 2): 0.045}
_VARIANCE = 6.8
_ANCHOR_BONUS = 4.0  # cost taken off a bead per unit of anchor Dice
_CONFLICT_COST = 4.0  # cost added to a bead whose sides both give numbers, none shared
# Weight of an anchor by kind: numbers and dates say most, then names outside the knowledge base.
KIND_WEIGHTS = {"n": 2.0, "d": 2.0, "m": 1.0, "t": 1.5, "e": 1.0}


@dataclass
class Bead:
    """Sentences `[a0, a1)` of one text aligned with `[b0, b1)` of the other (an empty side: left out)."""

    a0: int
    a1: int
    b0: int
    b1: int
    dice: float = 0.0
    delta: float = 0.0
    conflict: bool = False
    number_dice: float = 1.0  # Dice of the two sides' numbers (1 when neither gives one)
    anchored: bool = False
    matched: bool = False


def key_weight(key: str, weights: Mapping[str, float]) -> float:
    """An anchor's weight: its kind's weight times its rarity in the collection (1 when unknown)."""
    return KIND_WEIGHTS.get(key.split(":", 1)[0], 1.0) * weights.get(key, 1.0)


def dice(ka: frozenset[str], kb: frozenset[str], weights: Mapping[str, float]) -> float:
    """The weighted Dice coefficient of two anchor sets."""
    total = sum(key_weight(k, weights) for k in ka) + sum(key_weight(k, weights) for k in kb)
    return 2 * sum(key_weight(k, weights) for k in ka & kb) / total if total else 0.0


_ERFC = np.frompyfunc(math.erfc, 1, 1)


@dataclass
class _Side:
    """One text's sentences as matrices over the pair's anchors, for groups of one and of two
    consecutive sentences (row r of `keys[2]`: sentences r and r + 1)."""

    keys: dict[int, npt.NDArray[np.float64]]  # group size -> (groups, anchors) 0/1
    lengths: dict[int, npt.NDArray[np.float64]]  # group size -> (groups,) characters


def _side(units: Sequence[Unit], index: Mapping[str, int]) -> _Side:
    single = np.zeros((len(units), len(index)))
    for row, unit in enumerate(units):
        single[row, [index[k] for k in unit.keys]] = 1.0
    lengths = np.array([u.length for u in units], dtype=np.float64)
    return _Side({1: single, 2: np.maximum(single[:-1], single[1:])}, {1: lengths, 2: lengths[:-1] + lengths[1:]})


def _bead_costs(a: _Side, b: _Side, weights: npt.NDArray[np.float64], numbers: npt.NDArray[np.float64],
                ratio: float) -> dict[tuple[int, int], dict[str, npt.NDArray[Any]]]:
    """For each bead shape (da, db) with both sides: per (first sentence of a, first of b), the
    bead's cost, Dice of its anchors, Dice of its numbers, conflict, anchored and length delta."""
    out = {}
    for da, db in _SHAPES:
        if not da or not db:
            continue
        ka, kb = a.keys[da], b.keys[db]
        shared = (ka * weights) @ kb.T
        total = (ka @ weights)[:, None] + (kb @ weights)[None, :]
        dice = np.divide(2 * shared, total, out=np.zeros_like(shared), where=total > 0)
        na, nb = (ka * numbers).sum(axis=1)[:, None], (kb * numbers).sum(axis=1)[None, :]
        common = (ka * numbers) @ kb.T
        counted = na + nb
        number_dice = np.divide(2 * common, counted, out=np.ones_like(common), where=counted > 0)
        conflict = (na > 0) & (nb > 0) & (common == 0)
        la, lb = a.lengths[da][:, None], b.lengths[db][None, :]
        delta = (lb - ratio * la) / np.sqrt(_VARIANCE * (la + lb / ratio) / 2 + 1)
        tail = np.maximum(np.asarray(_ERFC(np.abs(delta) / math.sqrt(2)), dtype=np.float64), 1e-12)
        cost = (-math.log(_SHAPES[da, db]) - np.log(tail) - _ANCHOR_BONUS * dice + _CONFLICT_COST * conflict)
        out[da, db] = {"cost": cost, "dice": dice, "number_dice": number_dice, "conflict": conflict,
                       "anchored": total > 0, "delta": delta}
    return out


def align_units(ua: Sequence[Unit], ub: Sequence[Unit], weights: Mapping[str, float]) -> list[Bead]:
    """The cheapest monotonic alignment of two texts' sentences (see the module doc), as beads in
    order, each marked `matched` or not. Bead costs are computed for all sentence pairs at once
    (matrices over the pair's anchors); the dynamic program then only adds them up."""
    m, n = len(ua), len(ub)
    total_a, total_b = sum(u.length for u in ua), sum(u.length for u in ub)
    ratio = min(max(total_b / total_a, RATIO_BOUNDS[0]), RATIO_BOUNDS[1]) if total_a and total_b else 1.0
    keys = sorted(frozenset().union(*(u.keys for u in ua), *(u.keys for u in ub)))
    index = {key: k for k, key in enumerate(keys)}
    key_weights = np.array([key_weight(k, weights) for k in keys], dtype=np.float64)
    numbers = np.array([k.startswith("n:") for k in keys], dtype=np.float64)
    facts = _bead_costs(_side(ua, index), _side(ub, index), key_weights, numbers, ratio) if m and n else {}
    step = {shape: f["cost"].tolist() for shape, f in facts.items()}
    skip = -math.log(_SHAPES[1, 0])
    cost = [[math.inf] * (n + 1) for _ in range(m + 1)]
    back: dict[tuple[int, int], tuple[int, int]] = {}
    cost[0][0] = 0.0
    for i in range(m + 1):
        row = cost[i]
        for j in range(n + 1):
            best, shape = row[j], None
            for da, db in _SHAPES:
                if da > i or db > j:
                    continue
                here = cost[i - da][j - db] + (step[da, db][i - da][j - db] if da and db else skip)
                if here < best:
                    best, shape = here, (da, db)
            if shape:
                row[j] = best
                back[i, j] = shape
    beads: list[Bead] = []
    i, j = m, n
    while i or j:
        da, db = back[i, j]
        bead = Bead(i - da, i, j - db, j)
        if da and db:
            f = {name: values[i - da, j - db] for name, values in facts[da, db].items()}
            bead.dice, bead.number_dice, bead.delta = float(f["dice"]), float(f["number_dice"]), float(f["delta"])
            bead.conflict, bead.anchored = bool(f["conflict"]), bool(f["anchored"])
        beads.append(bead)
        i, j = i - da, j - db
    beads.reverse()
    _mark_matches(beads)
    return beads


def _mark_matches(beads: list[Bead]) -> None:
    """A bead matches on its anchors; one without anchors on either side when the matched beads
    around it hold it in place."""
    def fits(b: Bead) -> bool:
        return b.a1 > b.a0 and b.b1 > b.b0 and abs(b.delta) <= MAX_DELTA and not b.conflict

    for bead in beads:
        bead.matched = (fits(bead) and bead.anchored and bead.dice >= MIN_BEAD_DICE
                        and bead.number_dice >= MIN_NUMBER_DICE)
    for n, bead in enumerate(beads):
        if fits(bead) and not bead.anchored:
            before = next((b.matched for b in reversed(beads[:n]) if b.a1 > b.a0 and b.b1 > b.b0), False)
            after = next((b.matched for b in beads[n + 1:] if b.a1 > b.a0 and b.b1 > b.b0), False)
            bead.matched = before and after


@dataclass
class TranslationCheck:
    """The verdict on a pair: the beads, the share of each text in matched beads, and whether it is
    a translation."""

    beads: list[Bead]
    coverage_a: float
    coverage_b: float
    anchored_matches: int
    mean_dice: float  # mean weighted Dice of the anchored matched beads' anchors
    is_translation: bool


def check_translation(ua: Sequence[Unit], ub: Sequence[Unit], weights: Mapping[str, float]) -> TranslationCheck:
    """Align two texts' sentences and decide whether one translates the other (see the module doc)."""
    beads = align_units(ua, ub, weights)
    total_a, total_b = sum(u.length for u in ua) or 1, sum(u.length for u in ub) or 1
    matched = [b for b in beads if b.matched]
    cover_a = sum(u.length for b in matched for u in ua[b.a0:b.a1]) / total_a
    cover_b = sum(u.length for b in matched for u in ub[b.b0:b.b1]) / total_b
    shorter, longer = (cover_a, cover_b) if total_a <= total_b else (cover_b, cover_a)
    agreement = [b.dice for b in matched if b.anchored]
    mean_dice = sum(agreement) / len(agreement) if agreement else 0.0
    ok = (shorter >= MIN_COVERAGE and longer >= MIN_LONGER_COVERAGE and len(agreement) >= MIN_ANCHORED_BEADS
          and mean_dice >= MIN_MEAN_DICE)
    return TranslationCheck(beads, cover_a, cover_b, len(agreement), mean_dice, ok)
