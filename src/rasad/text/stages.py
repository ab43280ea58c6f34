"""The text stages of the per-article pipeline, in order: normalize, clean, langid, letters, segment.

Each is a pure function `(Article, Settings) -> Article` registered with `article_stage`; the three
text-changing stages (normalize, clean, letters) run before segment takes offsets.

>>> from rasad.article import RawDocument, Source, Article
>>> a = Article.from_raw(RawDocument(Source(sha256="0", format="txt"), "قال المصدر في بيان إن الوضع هادئ."))
>>> for stage in (normalize_stage, clean_stage, langid_stage, letters_stage, segment_stage):
...     a = stage(a, Settings())
>>> a.lang, len(a.sentences)
('ar', 1)
"""

from __future__ import annotations

from rasad.article import Article
from rasad.pipeline import article_stage
from rasad.settings import Settings
from rasad.text.clean import clean_text
from rasad.text.langid import detect_language
from rasad.text.letters import canonical_letters, drop_zwnj
from rasad.text.normalize import normalize_text
from rasad.text.segment import split_paragraphs, split_sentences
from rasad.text.zwnj import repair_zwnj

MIN_PARAGRAPH_LETTERS = 40  # shorter paragraphs take the article's language


def _count(article: Article, counts: dict[str, int]) -> None:
    merged = dict(article.normalization)
    for key, value in counts.items():
        merged[key] = merged.get(key, 0) + value
    article.normalization = merged


def _hint(article: Article) -> str | None:
    hint = article.input_meta.lang_hint
    return hint.strip().lower()[:2] if hint and hint.strip() else None


@article_stage("normalize", assigns=("text", "title", "normalization"))
def normalize_stage(article: Article, settings: Settings) -> Article:
    """Unicode clean-up: presentation forms, bidi/zero-width junk, kashida, spaces (counts kept)."""
    article.text, report = normalize_text(article.text)
    if article.title:
        article.title = normalize_text(article.title)[0] or None
    _count(article, report)
    return article


@article_stage("clean", requires=("normalization",), assigns=("text", "removed"))
def clean_stage(article: Article, settings: Settings) -> Article:
    """Remove boilerplate (tickers, footers, share lines) and repeated paragraphs into `removed`."""
    article.text, removed = clean_text(article.text)
    article.removed = [*article.removed, *removed]
    return article


@article_stage("langid", requires=("text", "input_meta"), assigns=("lang", "lang_scores"))
def langid_stage(article: Article, settings: Settings) -> Article:
    """Article language (ISO 639-1 or `und`) and scores; a source's language hint only breaks ties."""
    article.lang, article.lang_scores = detect_language(article.text, hint=_hint(article))
    return article


@article_stage("letters", requires=("lang",), assigns=("text", "title", "normalization"))
def letters_stage(article: Article, settings: Settings) -> Article:
    """Canonical letters for the language; Arabic loses stray ZWNJs, Persian gets missing ones back."""
    counts: dict[str, int] = {}
    texts = [article.text, article.title or ""]
    for i, text in enumerate(texts):
        text, changed = canonical_letters(text, article.lang)
        counts["canonical_letters"] = counts.get("canonical_letters", 0) + changed
        if article.lang == "ar":
            text, dropped = drop_zwnj(text)
            counts["zwnj_dropped"] = counts.get("zwnj_dropped", 0) + dropped
        elif article.lang == "fa":
            text, repaired = repair_zwnj(text)
            counts["zwnj_repaired"] = counts.get("zwnj_repaired", 0) + repaired
        texts[i] = text
    article.text = texts[0]
    article.title = texts[1] or article.title
    _count(article, counts)
    return article


@article_stage("segment", requires=("text", "lang"), assigns=("paragraphs", "sentences"))
def segment_stage(article: Article, settings: Settings) -> Article:
    """Paragraph and sentence offsets; each paragraph gets its own language."""
    paragraphs = split_paragraphs(article.text)
    for para in paragraphs:
        body = article.text[para.start : para.end]
        if sum(map(str.isalpha, body)) < MIN_PARAGRAPH_LETTERS:
            para.lang = article.lang
        else:
            lang, _ = detect_language(body, hint=article.lang)
            para.lang = article.lang if lang == "und" else lang
    article.paragraphs = paragraphs
    article.sentences = split_sentences(article.text, paragraphs, article.lang)
    return article
