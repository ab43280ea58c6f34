"""Alerts: what an incremental run changed that a monitor wants to hear about, found by comparing the
store folder's output files before and after the run.

Kinds (the `kind` field of each line of `alerts.jsonl`):

- `narrative_reappeared`: a catalogued narrative (`narratives.json`, `kind` `catalogue`; not a
  discovered `candidate`) gains articles published at least `quiet_days` after its `last_seen` date;
- `story_new_outlet` / `story_new_language`: a story that existed before gains an outlet or a
  language it did not have;
- `new_contradiction`: a contradiction (`contradictions.json`) that was not there before;
- `text_recycled_by_new_outlet`: a new article copies (`reuse.json`) a text the store already held,
  and its outlet had not carried that text before.

Every alert has `id` (stable: the same event gives the same id), `kind`, `at` (when the run
started), `message` (one line of English), the evidence (the ids of the articles involved), a `score`
from 0 to 1 (how much a monitor should care, `score_alert`) and its `severity` (`high` from 0.8,
`medium` from 0.5, else `low`). Alerts under `AlertOptions.min_score` (`--alert-min-score`, default
0.5) are left out; the rest come highest score first. What scores high: a catalogued narrative back
(1.0) and a new contradiction (0.9); a story gaining a language or an outlet scores by how many articles
the story had before (a story of one article that a new article joins is hardly news: 0.3 for an
outlet); a recycled text by how similar the copy is.

>>> before = Snapshot(stories={"story:a": {"id": "story:a", "articles": ["a"], "outlets": ["SANA"],
...                                       "languages": ["ar"], "title_en": "Hasakah"}})
>>> after = Snapshot(stories={"story:a": {"id": "story:a", "articles": ["a", "b"], "outlets": ["SANA", "IRNA"],
...                                      "languages": ["ar", "fa"], "title_en": "Hasakah"}})
>>> [(a["kind"], a["score"]) for a in find_alerts(before, after, {"b": {"outlet": "IRNA", "lang": "fa"}},
...                                                 AlertOptions(min_score=0))]
[('story_new_language', 0.5), ('story_new_outlet', 0.3)]
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rasad.narratives.spread import parse_day
from rasad.outputs import CONTRADICTIONS, REUSE, STORIES, read_json
from rasad.store.schema import StoreError

if TYPE_CHECKING:
    from rasad.store.duck import Store

NARRATIVES = "narratives.json"  # written by the narratives corpus stage, when it runs
QUIET_DAYS = 30
MIN_SCORE = 0.5  # alerts scoring less are left out (`--alert-min-score`)
HIGH, MEDIUM = 0.8, 0.5  # severity thresholds of the score
CATALOGUED = frozenset({"catalogue", "catalogued", None})  # narratives.json `kind` of catalogued narratives


@dataclass(frozen=True)
class AlertOptions:
    """`quiet_days`: how long a narrative must have been silent to count as reappearing; `min_score`:
    alerts scoring less are left out; `webhook`: a URL each alert is POSTed to as JSON.

    >>> AlertOptions().quiet_days, AlertOptions().min_score
    (30, 0.5)
    """

    quiet_days: int = QUIET_DAYS
    min_score: float = MIN_SCORE
    webhook: str | None = None
    timeout: float = 10.0


@dataclass
class Snapshot:
    """The parts of a store folder's outputs that alerts compare."""

    stories: dict[str, dict[str, Any]] = field(default_factory=dict)
    contradictions: dict[str, dict[str, Any]] = field(default_factory=dict)
    reuse: list[dict[str, Any]] = field(default_factory=list)
    narratives: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path, store: Store | None = None) -> Snapshot:
        """The snapshot of an output folder (empty parts for files it does not have). With its `store`,
        the stories and the recycled-text pairs come from the store's tables, only the columns
        compared (the same records as `stories.json` and `reuse.json`, read much faster)."""

        def by_id(records: list[Any]) -> dict[str, dict[str, Any]]:
            return {str(r["id"]): r for r in records if isinstance(r, dict) and "id" in r}

        stories = _table(store, "stories", STORY_FIELDS)
        reuse = _table(store, "reuse_pairs", REUSE_FIELDS)
        if reuse is not None:  # in the order of reuse.json
            reuse.sort(key=lambda r: (r["a_published"] or "9999", r["b_published"] or "9999", r["a"], r["b"]))
        if stories is None:
            stories = read_json(folder, STORIES, []) or []
        if reuse is None:
            reuse = read_json(folder, REUSE, []) or []
        return cls(by_id(stories), by_id(read_json(folder, CONTRADICTIONS, []) or []),
                   [r for r in reuse if isinstance(r, dict)], by_id(read_json(folder, NARRATIVES, []) or []))


STORY_FIELDS = ("id", "title_en", "articles", "outlets", "languages")  # what the story alerts compare
REUSE_FIELDS = ("a", "b", "kind", "similarity", "a_outlet", "b_outlet", "a_published",  # and the recycled-
                "b_published")  # text alerts (with what orders them)


def _table(store: Store | None, table: str, columns: tuple[str, ...]) -> list[dict[str, Any]] | None:
    """The rows of a corpus table (None without a store or such a table: the file is read instead)."""
    if store is None or not store.has_table(table):
        return None
    try:
        return [{k: list(v) if isinstance(v, tuple) else v for k, v in row.items()}
                for row in store.iter_rows(table, columns=columns)]
    except StoreError:  # an older rasad's table without these columns
        return None


def find_alerts(before: Snapshot, after: Snapshot, new: dict[str, dict[str, Any]],
                options: AlertOptions | None = None, at: str = "") -> list[dict[str, Any]]:
    """The alerts of one run scoring at least `options.min_score`, highest first; `new` maps each new
    article's id to its `outlet`, `lang`, `published`."""
    options = options or AlertOptions()
    alerts = (_narratives(before, after, new, options.quiet_days) + _stories(before, after, new)
              + _contradictions(before, after) + _recycled(before, after, new))
    scored = []
    for alert in alerts:
        score = score_alert(alert)
        if score >= options.min_score:
            scored.append({"id": _alert_id(alert), "at": at, **alert, "score": score, "severity": severity(score)})
    return sorted(scored, key=lambda a: -a["score"])  # stable: equal scores keep the order of kinds


# Base score by kind; a story alert adds STORY_STEP per article the story had (up to STORY_ARTICLES).
_BASE_SCORE = {"narrative_reappeared": 1.0, "new_contradiction": 0.9, "story_new_language": 0.4,
               "story_new_outlet": 0.2, "text_recycled_by_new_outlet": 0.3}
STORY_STEP, STORY_ARTICLES = 0.1, 5
RECYCLED_SPAN = 0.4  # a recycled text adds this times the copy's similarity


def score_alert(alert: dict[str, Any]) -> float:
    """How much a monitor should care about `alert`, from 0 to 1.

    >>> score_alert({"kind": "story_new_outlet", "story_size_before": 1})
    0.3
    >>> score_alert({"kind": "story_new_outlet", "story_size_before": 12})
    0.7
    >>> score_alert({"kind": "text_recycled_by_new_outlet", "similarity": 1.0})
    0.7
    """
    score = _BASE_SCORE.get(str(alert.get("kind")), 0.5)
    if alert.get("kind") in ("story_new_outlet", "story_new_language"):
        score += STORY_STEP * min(int(alert.get("story_size_before") or 0), STORY_ARTICLES)
    elif alert.get("kind") == "text_recycled_by_new_outlet":
        score += RECYCLED_SPAN * float(alert.get("similarity") or 0.0)
    return round(min(score, 1.0), 3)


def severity(score: float) -> str:
    """`high`, `medium` or `low`.

    >>> severity(0.9), severity(0.5), severity(0.3)
    ('high', 'medium', 'low')
    """
    return "high" if score >= HIGH else "medium" if score >= MEDIUM else "low"


def _narratives(before: Snapshot, after: Snapshot, new: dict[str, dict[str, Any]],
                quiet_days: int) -> list[dict[str, Any]]:
    out = []
    for nid, narrative in sorted(after.narratives.items()):
        if narrative.get("kind") not in CATALOGUED:  # a discovered candidate is not catalogued
            continue
        old = before.narratives.get(nid)
        fresh = sorted(a for a in narrative.get("articles") or [] if a in new)
        last_seen = parse_day((old or {}).get("last_seen"))
        if old is None or not fresh or last_seen is None:
            continue
        days = sorted(d for d in (parse_day(new[a].get("published")) for a in fresh) if d is not None)
        again = days[0] if days else parse_day(narrative.get("last_seen"))
        if again is None or (again - last_seen).days < quiet_days:
            continue
        name = narrative.get("name") or nid
        out.append({
            "kind": "narrative_reappeared", "narrative": nid, "name": name,
            "narrative_kind": narrative.get("kind"), "last_seen_before": last_seen.isoformat(),
            "seen_again": again.isoformat(), "quiet_days": (again - last_seen).days, "articles": fresh,
            "message": f"narrative {name!r} reappears on {again.isoformat()} after "
                       f"{(again - last_seen).days} quiet days ({len(fresh)} new articles)",
        })
    return out


def _stories(before: Snapshot, after: Snapshot, new: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for sid, story in sorted(after.stories.items()):
        old = before.stories.get(sid)
        if old is None:
            continue
        fresh = sorted(set(story.get("articles") or []) - set(old.get("articles") or []))
        for kind, key, what in (("story_new_outlet", "outlets", "outlet"), ("story_new_language", "languages",
                                                                             "language")):
            gained = sorted(set(story.get(key) or []) - set(old.get(key) or []))
            if gained:
                out.append({
                    "kind": kind, "story": sid, "title_en": story.get("title_en"), key: gained,
                    "story_size_before": len(old.get("articles") or []),
                    "articles": [a for a in fresh if _gives(new.get(a), what, gained)] or fresh,
                    "message": f"story {story.get('title_en') or sid!r} gains {what} {', '.join(gained)}",
                })
    return out


def _gives(article: dict[str, Any] | None, what: str, gained: list[str]) -> bool:
    if article is None:
        return False
    return (article.get("outlet") if what == "outlet" else article.get("lang")) in gained


def _contradictions(before: Snapshot, after: Snapshot) -> list[dict[str, Any]]:
    out = []
    for cid, record in sorted(after.contradictions.items()):
        if cid in before.contradictions:
            continue
        values = record.get("values") or []
        shown = ", ".join(str(v.get("value")) for v in values[:5])
        out.append({
            "kind": "new_contradiction", "contradiction": cid, "story": record.get("story"),
            "slot": record.get("slot"), "values": [{k: v.get(k) for k in ("value", "article", "outlet", "text")}
                                                     for v in values],
            "articles": sorted({str(v.get("article")) for v in values}),
            "message": f"outlets disagree on the {record.get('slot')}: {shown}",
        })
    return out


def _recycled(before: Snapshot, after: Snapshot, new: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    carriers: dict[str, set[str]] = defaultdict(set)  # article → the outlets that carried its text
    for pair in before.reuse:
        outlets = {o for o in (pair.get("a_outlet"), pair.get("b_outlet")) if o}
        carriers[pair["a"]] |= outlets
        carriers[pair["b"]] |= outlets
    seen_pairs = {(p["a"], p["b"]) for p in before.reuse}
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for pair in after.reuse:
        if (pair["a"], pair["b"]) in seen_pairs:
            continue
        for old, fresh, old_outlet in ((pair["a"], pair["b"], pair.get("a_outlet")),
                                       (pair["b"], pair["a"], pair.get("b_outlet"))):
            if old in new or fresh not in new:
                continue
            outlet = new[fresh].get("outlet")
            earlier = carriers[old] | ({old_outlet} if old_outlet else set())
            if not outlet or outlet in earlier or (old, outlet) in out:
                continue
            out[old, outlet] = {
                "kind": "text_recycled_by_new_outlet", "text": old, "article": fresh, "outlet": outlet,
                "earlier_outlets": sorted(earlier), "reuse_kind": pair.get("kind"),
                "similarity": pair.get("similarity"), "articles": [old, fresh],
                "message": f"{outlet} recycles a text carried before by "
                           f"{', '.join(sorted(earlier)) or 'an unknown outlet'} "
                           f"({pair.get('kind')}, similarity {pair.get('similarity')})",
            }
    return [out[k] for k in sorted(out)]


def _alert_id(alert: dict[str, Any]) -> str:
    keys = {k: alert.get(k) for k in ("kind", "narrative", "story", "contradiction", "text", "outlet", "outlets",
                                      "languages", "seen_again")}
    return "alert:" + hashlib.sha1(json.dumps(keys, sort_keys=True).encode()).hexdigest()[:12]


def write_alerts(path: Path, alerts: list[dict[str, Any]], options: AlertOptions | None = None) -> list[str]:
    """Append `alerts` to `path` (JSONL) and POST each to the webhook; returns the webhook failures
    (one line each; the alerts stay in the file whatever the webhook does)."""
    if not alerts:
        path.touch()
        return []
    with path.open("a", encoding="utf-8") as fh:
        for alert in alerts:
            fh.write(json.dumps(alert, ensure_ascii=False) + "\n")
    options = options or AlertOptions()
    return post_alerts(options.webhook, alerts, options.timeout) if options.webhook else []


def post_alerts(url: str, alerts: list[dict[str, Any]], timeout: float = 10.0) -> list[str]:
    """POST each alert as JSON to `url`; the failures, one line each."""
    import httpx

    failures = []
    with httpx.Client(timeout=timeout) as client:
        for alert in alerts:
            try:
                response = client.post(url, json=alert)
                if response.status_code >= 400:
                    failures.append(f"webhook {url} answered HTTP {response.status_code} to {alert['id']}")
            except httpx.HTTPError as err:
                failures.append(f"webhook {url} failed for {alert['id']}: {type(err).__name__}: {err}")
    return failures
