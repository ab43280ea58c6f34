"""Build `report.html` from an output folder: self-contained (no network), every value escaped,
right-to-left text shown right-to-left.

Example::

    write_report(Path("out"))
"""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from rasad import __version__
from rasad.extract.quantities.render import quantity_label
from rasad.outputs import (
    CLAIM_CLUSTERS,
    CONTRADICTIONS,
    ENTITIES,
    REPORT,
    REUSE,
    STORIES,
    read_articles,
    read_errors,
    read_json,
)
from rasad.report.corpus_views import cluster_rows, contradiction_rows, reuse_rows, story_cards

RTL_LANGS = frozenset({"ar", "fa", "ur", "he", "ps", "ckb", "ku", "yi"})

# Which spans get highlighted in the article text, and their CSS class.
_HIGHLIGHTS = (("entities", "ent"), ("times", "time"), ("quantities", "qty"))


def direction(lang: str | None) -> str:
    """`rtl` for right-to-left languages, else `ltr` (`auto` when unknown)."""
    if not lang or lang == "und":
        return "auto"
    return "rtl" if lang in RTL_LANGS else "ltr"


def evidence(span: dict[str, Any]) -> list[str]:
    """What produced a span, for its hover text: the rule with its score, and the linking rule.

    >>> evidence({"rule": "ner:crf-ar", "score": 0.93, "link_rule": "kb:alias"})
    ['ner:crf-ar 0.93', 'link kb:alias']
    """
    out = []
    if span.get("rule"):
        score = span.get("score")
        out.append(f"{span['rule']} {score:.2f}" if isinstance(score, (int, float)) else str(span["rule"]))
    if span.get("link_rule"):
        out.append(f"link {span['link_rule']}")
    return out


def highlight(text: str, record: dict[str, Any]) -> Markup:
    """The article text, escaped, with entities, times and quantities wrapped in <mark> elements.

    Overlapping spans: the first one (entities before times before quantities) wins.
    """
    spans: list[tuple[int, int, str, str]] = []
    for field, cls in _HIGHLIGHTS:
        for item in record.get(field) or []:
            label = item.get("type") or item.get("value") or ""
            if field == "entities" and item.get("entity_id"):
                label = f"{item.get('type')} {item['entity_id']}"
            if field == "quantities":
                label = quantity_label(item)
            spans.append((int(item["start"]), int(item["end"]), cls, " · ".join([str(label), *evidence(item)])))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[str] = []
    pos = 0
    for start, end, cls, label in spans:
        if start < pos or end <= start or end > len(text):
            continue
        out.append(str(escape(text[pos:start])))
        out.append(f'<mark class="{cls}" title="{escape(label)}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def build_context(out_dir: Path) -> dict[str, Any]:
    articles = read_articles(out_dir)
    errors = read_errors(out_dir)
    entities = sorted(read_json(out_dir, ENTITIES, default=[]), key=lambda e: -int(e.get("mentions") or 0))
    for rec in articles:
        rec["_dir"] = direction(rec.get("lang"))
        rec["_html"] = highlight(rec.get("text") or "", rec)
        rec["_source_kinds"] = Counter(t.get("source_kind") for t in rec.get("attributions") or []).most_common()
    by_id = {rec["id"]: rec for rec in articles}
    return {
        "version": __version__,
        "out_dir": str(out_dir),
        "articles": articles,
        "errors": errors,
        "entities": entities[:200],
        "entity_count": len(entities),
        "langs": Counter(a.get("lang") for a in articles).most_common(),
        "outlets": Counter(a.get("outlet") or "unknown" for a in articles).most_common(),
        "cited": Counter(c for a in articles for c in a.get("cited_outlets") or []).most_common(),
        "direction": direction,
        "stories": story_cards(read_json(out_dir, STORIES), by_id, direction),
        "reuse": reuse_rows(read_json(out_dir, REUSE), by_id, direction),
        "contradictions": contradiction_rows(read_json(out_dir, CONTRADICTIONS), by_id, direction),
        "clusters": cluster_rows(read_json(out_dir, CLAIM_CLUSTERS), by_id, direction),
    }


def render_report(out_dir: Path) -> str:
    from jinja2 import Environment, select_autoescape

    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template_text = (resources.files("rasad") / "report" / "templates" / "report.html.j2").read_text("utf-8")
    return env.from_string(template_text).render(**build_context(out_dir))


def write_report(out_dir: Path) -> Path:
    """Write `out_dir/report.html` from the files in `out_dir`; returns its path."""
    path = out_dir / REPORT
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(render_report(out_dir), encoding="utf-8")
    tmp.replace(path)
    return path
