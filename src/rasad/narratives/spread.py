"""How a narrative spread: first and last seen, a timeline, outlets and languages (each outlet's first
date), who repeated whom, resurgence after a quiet period, and loaded terms per outlet.

Everything here works on small per-article summaries (`Carrier`), never on article texts.

>>> carriers = [Carrier("a", "SANA", "ar", "2023-05-14", ["c1"]), Carrier("b", "Tasnim", "fa", "2023-09-01", [])]
>>> bucket_size(carriers)
'week'
>>> [(r["quiet_from"], r["resumed"]) for r in resurgences(carriers)]
[('2023-05-14', '2023-09-01')]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

DAY_SPAN = 62  # a narrative seen over at most this many days gets a daily timeline
WEEK_SPAN = 730  # up to this many days, weekly (Monday of the ISO week); beyond, monthly
QUIET_DAYS = 30  # no article for more than this many days, then new ones: a resurgence
MAX_EDGE_ARTICLES = 20  # article pairs kept as evidence on one who-repeated-whom edge
UNKNOWN_OUTLET = "(unknown outlet)"
RULE_REUSE = "narrative:graph-reuse"
RULE_CITED = "narrative:graph-cited"
RULE_CLUSTER = "narrative:graph-claim-cluster"
RULE_RESURGENCE = "narrative:resurgence"


@dataclass
class Carrier:
    """An article that carries a narrative, as the spread needs it."""

    article: str
    outlet: str | None
    lang: str
    published: str | None
    claims: list[str] = field(default_factory=list)  # claim ids (not refs)
    cited_outlets: list[str] = field(default_factory=list)
    loaded_terms: list[dict[str, Any]] = field(default_factory=list)

    @property
    def day(self) -> date | None:
        return parse_day(self.published)


def parse_day(value: object) -> date | None:
    """The day an ISO date or timestamp string starts with; None for anything else.

    >>> parse_day("2023-05-14T10:00:00")
    datetime.date(2023, 5, 14)
    """
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def bucket_size(carriers: Sequence[Carrier]) -> str:
    """`day`, `week` or `month`, from the span between the first and last dated article."""
    days = sorted(d for c in carriers if (d := c.day))
    span = (days[-1] - days[0]).days if days else 0
    return "day" if span <= DAY_SPAN else "week" if span <= WEEK_SPAN else "month"


def _bucket(day: date, size: str) -> str:
    if size == "day":
        return day.isoformat()
    if size == "week":
        return (day - timedelta(days=day.weekday())).isoformat()
    return day.isoformat()[:7]


def timeline(carriers: Sequence[Carrier]) -> tuple[str, list[dict[str, Any]]]:
    """The bucket size and `[{date, count, articles, claims}]` (count = articles), oldest first;
    undated articles are left out (counted in the narrative's `undated`)."""
    size = bucket_size(carriers)
    articles: Counter[str] = Counter()
    claims: Counter[str] = Counter()
    for c in carriers:
        if (day := c.day) is not None:
            articles[_bucket(day, size)] += 1
            claims[_bucket(day, size)] += len(c.claims)
    return size, [{"date": k, "count": articles[k], "articles": articles[k], "claims": claims[k]}
                  for k in sorted(articles)]


def outlets_first(carriers: Sequence[Carrier]) -> list[dict[str, Any]]:
    """Each outlet that carries the narrative: its first date, articles and languages, earliest first
    (undated outlets last)."""
    by_outlet: dict[str, list[Carrier]] = defaultdict(list)
    for c in carriers:
        by_outlet[c.outlet or UNKNOWN_OUTLET].append(c)
    rows = []
    for outlet, members in by_outlet.items():
        days = sorted(d for c in members if (d := c.day))
        rows.append({"outlet": outlet, "first_seen": days[0].isoformat() if days else None,
                     "last_seen": days[-1].isoformat() if days else None, "articles": len(members),
                     "languages": sorted({c.lang for c in members}),
                     "first_article": min(members, key=lambda c: (c.published or "9999", c.article)).article})
    return sorted(rows, key=lambda r: (r["first_seen"] or "9999", r["outlet"]))


def resurgences(carriers: Sequence[Carrier], quiet_days: int = QUIET_DAYS) -> list[dict[str, Any]]:
    """Quiet periods (no article for more than `quiet_days`) followed by new articles."""
    days = sorted({d for c in carriers if (d := c.day)})
    out = []
    for before, after in pairwise(days):
        gap = (after - before).days
        if gap > quiet_days:
            window_end = after + timedelta(days=quiet_days)
            new = [c for c in carriers if (d := c.day) and after <= d <= window_end]
            out.append({"quiet_from": before.isoformat(), "quiet_to": (after - timedelta(days=1)).isoformat(),
                        "quiet_days": gap - 1, "resumed": after.isoformat(), "articles": len(new),
                        "outlets": sorted({c.outlet or UNKNOWN_OUTLET for c in new}),
                        "rule": RULE_RESURGENCE})
    return out


def repeat_graph(
    carriers: Sequence[Carrier],
    reuse_rows: Iterable[dict[str, Any]],
    clusters: Iterable[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Who repeated whom among the carrying outlets: `[{from, to, kind, count, articles, rule, evidence}]`.

    Edges come from recycled text (`reuse` pairs: the first publisher to the copier), cited outlets (the
    credited outlet to the article's outlet) and claim clusters (the claim's first teller to each
    outlet that repeated it). `from` is the outlet repeated, `to` the one that repeated it.
    """
    by_id = {c.article: c for c in carriers}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(source: str, target: str, kind: str, rule: str, pair: list[str], evidence: dict[str, Any]) -> None:
        edge = edges.setdefault((source, target, kind), {
            "from": source, "to": target, "kind": kind, "count": 0, "articles": [], "rule": rule, "evidence": []})
        edge["count"] += 1
        if len(edge["articles"]) < MAX_EDGE_ARTICLES:
            edge["articles"].append(pair)
            edge["evidence"].append(evidence)

    for row in reuse_rows:
        a, b = str(row.get("a")), str(row.get("b"))
        if a in by_id and b in by_id:
            first = str(row.get("first")) if row.get("first") in (a, b) else a
            other = b if first == a else a
            add(by_id[first].outlet or UNKNOWN_OUTLET, by_id[other].outlet or UNKNOWN_OUTLET, "reuse", RULE_REUSE,
                [first, other], {"reuse": row.get("kind"), "similarity": row.get("similarity", row.get("score"))})
    for c in carriers:
        for cited in c.cited_outlets:
            if cited != c.outlet:
                add(cited, c.outlet or UNKNOWN_OUTLET, "cited", RULE_CITED, [c.article], {"cited_outlet": cited})
    for cluster in clusters:
        first = str((cluster.get("first") or {}).get("article"))
        if first not in by_id:
            continue
        for repeat in cluster.get("repeated_by") or []:
            if repeat.get("article") in by_id and repeat["article"] != first:
                add(by_id[first].outlet or UNKNOWN_OUTLET, by_id[repeat["article"]].outlet or UNKNOWN_OUTLET,
                    "claim_cluster", RULE_CLUSTER, [first, repeat["article"]],
                    {"cluster": cluster.get("id"), "english": cluster.get("english")})
    return sorted(edges.values(), key=lambda e: (-e["count"], e["from"], e["to"], e["kind"]))


def loaded_terms_by_outlet(carriers: Sequence[Carrier]) -> list[dict[str, Any]]:
    """Counts of the loaded terms (the framing stage's `loaded_terms` spans) per outlet."""
    counts: dict[str, Counter[tuple[str, str | None, str | None]]] = defaultdict(Counter)
    for c in carriers:
        for span in c.loaded_terms:
            counts[c.outlet or UNKNOWN_OUTLET][(str(span.get("text") or ""), span.get("neutral"),
                                                 span.get("category"))] += 1
    out = []
    for outlet, counter in sorted(counts.items()):
        terms = [{"text": t, "neutral": n, "category": cat, "count": k}
                 for (t, n, cat), k in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0][0]))]
        out.append({"outlet": outlet, "total": sum(counter.values()), "terms": terms})
    return out


def spread(carriers: Sequence[Carrier], reuse_rows: Iterable[dict[str, Any]],
           clusters: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """All spread fields of one narrative's record in narratives.json."""
    ordered = sorted(carriers, key=lambda c: (c.published or "9999", c.article))
    days = [d for c in ordered if (d := c.day)]
    size, buckets = timeline(ordered)
    outlets = outlets_first(ordered)
    return {
        "articles": [c.article for c in ordered],
        "claims": [f"{c.article}#{claim}" for c in ordered for claim in c.claims],
        "outlets": [o["outlet"] for o in outlets],
        "languages": sorted({c.lang for c in ordered}),
        "first_seen": min(days).isoformat() if days else None,
        "last_seen": max(days).isoformat() if days else None,
        "undated": sum(1 for c in ordered if c.day is None),
        "bucket": size,
        "timeline": buckets,
        "outlet_first": outlets,
        "graph": repeat_graph(ordered, reuse_rows, clusters),
        "resurgence": resurgences(ordered),
        "loaded_terms": loaded_terms_by_outlet(ordered),
    }
