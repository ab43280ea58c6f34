"""A small analysis folder for the `rasad serve` tests: one place named in three scripts and
spellings, a Riyadh article, and a hostile article whose title and text carry HTML and script."""

from __future__ import annotations

import json
from pathlib import Path

from rasad.analyze import analyze
from rasad.outputs import NARRATIVES, iter_articles, write_json_atomic
from rasad.settings import Settings

NARRATIVE_ID = "water-blame"

XSS_TITLE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> عنوان خبيث'
ARTICLES = [
    {"title": "اجتماع لمجلس المحافظة في الحسكة",
     "text": "عقد مجلس محافظة الحسكة اجتماعاً يوم الأحد لبحث إصلاح شبكة المياه في المدينة. "
             "وقال رئيس المجلس إن الأعمال ستبدأ الشهر المقبل في أحياء الحسكة الشمالية.",
     "date": "2024-03-03"},
    {"title": "نشست شورای استان در حسکه",
     "text": "شورای استان حسکه روز یکشنبه برای بررسی تعمیر شبکه آب شهر تشکیل جلسه داد. "
             "رئیس شورا گفت کارها ماه آینده در محله‌های شمالی حسکه آغاز می‌شود.",
     "date": "2024-03-04"},
    {"title": "Council meets in Hasakah over water network",
     "text": "The provincial council of Hasakah met on Sunday to discuss repairs to the city's water network. "
             "The council head said work would begin next month in northern Hasakah.",
     "date": "2024-03-05"},
    {"title": "افتتاح معرض للكتاب في الرياض",
     "text": "افتتح في الرياض يوم الثلاثاء معرض جديد للكتاب بمشاركة مئات من دور النشر العربية.",
     "date": "2024-02-20"},
    {"title": XSS_TITLE,
     "text": "نص خبيث <script>window.__xss=3</script> و<a href=\"javascript:window.__xss=4\">رابط</a> "
             "\u202eمعكوس\u202c <img src=x onerror=\"window.__xss=5\"> في مدينة حلب.",
     "date": "2024-03-01"},
]


def build_folder(out: Path) -> Path:
    """Analyse the articles above into `out` (one JSON input file) and return `out`."""
    src = out.parent / (out.name + "-input")
    src.mkdir(parents=True, exist_ok=True)
    (src / "articles.json").write_text(json.dumps(ARTICLES, ensure_ascii=False), encoding="utf-8")
    analyze([src], out, Settings(workers=1, progress=False))
    write_json_atomic(out / NARRATIVES, [narrative(out)])
    return out


def narrative(out: Path) -> dict[str, object]:
    """A narratives.json record (the narratives stage's format) carried by the three Hasakah articles."""
    members = [r for r in iter_articles(out) if any(e.get("entity_id") == "gpe:hasakah" for e in r["entities"])]
    members.sort(key=lambda r: r.get("published") or "")
    return {
        "id": NARRATIVE_ID, "name": "شبكة المياه تنهار بسبب الإهمال", "kind": "catalogue",
        "description": "Water failures blamed on neglect, in three languages.",
        "articles": [r["id"] for r in members], "claims": [], "languages": sorted({r["lang"] for r in members}),
        "outlets": ["(unknown outlet)"], "first_seen": members[0]["published"], "last_seen": members[-1]["published"],
        "bucket": "day",
        "timeline": [{"date": r["published"], "count": 1, "articles": [r["id"]], "claims": []} for r in members],
        "assignments": [{"narrative": NARRATIVE_ID, "article": r["id"], "score": 2, "claims": [], "outlet": None,
                         "lang": r["lang"], "published": r["published"], "title": r["title"],
                         "evidence": {"claims": [], "phrases": [{"phrase": "شبكة المياه", "snippet": r["title"]}],
                                      "entities": None}} for r in members],
        "graph": [],
    }
