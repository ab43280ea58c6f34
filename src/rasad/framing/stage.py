"""The `framing` article stage: loaded labels (`lexicon.py`) in every Arabic, Persian and English
paragraph, and persuasion techniques (`persuasion.py`) in every Arabic paragraph.

>>> from rasad.article import Article, Paragraph, Source
>>> a = Article(Source(sha256="0", format="txt"), "قصفت ميليشيا قسد القرية", lang="ar")
>>> a.paragraphs = [Paragraph(0, len(a.text), "ar")]
>>> [(t.text, t.neutral) for t in framing_stage(a, Settings()).loaded_terms]
[('ميليشيا قسد', 'SDF')]
"""

from __future__ import annotations

from rasad.article import Article, LoadedTerm, Paragraph, PersuasionParagraph
from rasad.framing.lexicon import LANGS, Words, find_loaded_terms, words_in
from rasad.framing.persuasion import MIN_WORDS, load_model
from rasad.pipeline import article_stage
from rasad.settings import Settings


def _paragraphs(article: Article) -> list[Paragraph]:
    """The article's paragraphs, or the whole text as one paragraph in the article's language."""
    return article.paragraphs or [Paragraph(0, len(article.text), article.lang)]


def _words(article: Article, paragraph: Paragraph, known: dict[int, Words]) -> Words:
    """The words of a paragraph (`words_in`), found once for both finders (`known`, by start)."""
    if paragraph.start not in known:
        known[paragraph.start] = words_in(article.text, paragraph.start, paragraph.end)
    return known[paragraph.start]


def loaded_terms(article: Article, known: dict[int, Words] | None = None) -> list[LoadedTerm]:
    """The loaded labels of each paragraph, found with the lexicon of the paragraph's language."""
    found: list[LoadedTerm] = []
    known = {} if known is None else known
    for paragraph in _paragraphs(article):
        if paragraph.lang in LANGS:
            words = _words(article, paragraph, known)
            found += find_loaded_terms(article.text, paragraph.lang, paragraph.start, paragraph.end, words)
    return found


def persuasion(article: Article, known: dict[int, Words] | None = None) -> list[PersuasionParagraph]:
    """The persuasion techniques of each Arabic paragraph of at least `MIN_WORDS` words (paragraphs
    where the model finds none are left out)."""
    out: list[PersuasionParagraph] = []
    known = {} if known is None else known
    for paragraph in _paragraphs(article):
        if paragraph.lang != "ar":
            continue
        text = article.text[paragraph.start:paragraph.end]
        words = [word for _, _, word in _words(article, paragraph, known)]  # = paragraph_words(text)
        if len(words) < MIN_WORDS:
            continue
        model = load_model()
        techniques = model.predict(text, words)
        if techniques:
            rule = f"framing:persuasion-{model.name}"
            out.append(PersuasionParagraph(paragraph.start, paragraph.end, techniques, rule))
    return out


@article_stage("framing", requires=("text", "lang", "paragraphs"), assigns=("loaded_terms", "persuasion"))
def framing_stage(article: Article, settings: Settings) -> Article:
    """Loaded labels with their neutral counterparts, and persuasion techniques per Arabic paragraph."""
    known: dict[int, Words] = {}  # each paragraph's words, for both finders
    article.loaded_terms = loaded_terms(article, known)
    article.persuasion = persuasion(article, known)
    return article
