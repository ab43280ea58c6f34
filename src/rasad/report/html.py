"""Build `report.html` from an output folder: self-contained (no network), every value escaped,
right-to-left text shown right-to-left.

Example::

    write_report(Path("out"))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from functools import partial
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
    iter_articles,
    read_errors,
    read_json,
    write_lines_atomic,
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


class ArticleRecords:
    """The articles of an output folder as the template loops over them: read from `articles.jsonl`
    on each loop, never all held at once, with `_dir` (and, `with_html`, the highlighted `_html`).

    `len()` is the count, given by the caller (the first pass over the file counts them).
    """

    def __init__(self, out_dir: Path, count: int, with_html: bool = False) -> None:
        self.out_dir, self.count, self.with_html = out_dir, count, with_html

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for rec in iter_articles(self.out_dir):
            rec["_dir"] = direction(rec.get("lang"))
            if self.with_html:
                rec["_html"] = highlight(rec.get("text") or "", rec)
                kinds = Counter(t.get("source_kind") for t in rec.get("attributions") or [])
                rec["_source_kinds"] = kinds.most_common()
            yield rec


# What the story and reuse cards show of an article (its text only for the reuse pairs shown).
_CARD_FIELDS = ("title", "lang", "outlet", "published")


def build_context(out_dir: Path) -> dict[str, Any]:
    """The template's values. One pass over `articles.jsonl` counts and keeps what the cards need of
    each article; the article rows and texts are streamed from the file while the report is written."""
    errors = read_errors(out_dir)
    entities = sorted(read_json(out_dir, ENTITIES, default=[]), key=lambda e: -int(e.get("mentions") or 0))
    count, langs, outlets, cited = 0, Counter[Any](), Counter[Any](), Counter[Any]()
    by_id: dict[str, dict[str, Any]] = {}
    for rec in iter_articles(out_dir):
        count += 1
        langs[rec.get("lang")] += 1
        outlets[rec.get("outlet") or "unknown"] += 1
        cited.update(rec.get("cited_outlets") or [])
        by_id[rec["id"]] = {"id": rec["id"], **{k: rec[k] for k in _CARD_FIELDS if k in rec}}
    return {
        "version": __version__,
        "out_dir": str(out_dir),
        "articles": ArticleRecords(out_dir, count),
        "article_texts": ArticleRecords(out_dir, count, with_html=True),
        "errors": errors,
        "entities": entities[:200],
        "entity_count": len(entities),
        "langs": langs.most_common(),
        "outlets": outlets.most_common(),
        "cited": cited.most_common(),
        "direction": direction,
        "stories": story_cards(read_json(out_dir, STORIES), by_id, direction),
        "reuse": reuse_rows(read_json(out_dir, REUSE), by_id, direction, partial(_texts, out_dir)),
        "contradictions": contradiction_rows(read_json(out_dir, CONTRADICTIONS), by_id, direction),
        "clusters": cluster_rows(read_json(out_dir, CLAIM_CLUSTERS), by_id, direction),
    }


def _texts(out_dir: Path, ids: AbstractSet[str]) -> dict[str, str]:
    """The texts of the articles `ids`, from one pass over `articles.jsonl`."""
    return {rec["id"]: rec.get("text") or "" for rec in iter_articles(out_dir) if rec.get("id") in ids}


def render_report(out_dir: Path) -> Iterator[str]:
    """The report's HTML, in pieces (the whole page is never one string)."""
    from jinja2 import Environment, select_autoescape

    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template_text = (resources.files("rasad") / "report" / "templates" / "report.html.j2").read_text("utf-8")
    return env.from_string(template_text).generate(**build_context(out_dir))


def write_report(out_dir: Path) -> Path:
    """Write `out_dir/report.html` from the files in `out_dir`; returns its path."""
    path = out_dir / REPORT
    write_lines_atomic(path, render_report(out_dir))
    return path
