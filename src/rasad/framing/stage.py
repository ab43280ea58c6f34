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
from rasad.framing.lexicon import LANGS, find_loaded_terms
from rasad.framing.persuasion import MIN_WORDS, load_model, paragraph_words
from rasad.pipeline import article_stage
from rasad.settings import Settings


def _paragraphs(article: Article) -> list[Paragraph]:
    """The article's paragraphs, or the whole text as one paragraph in the article's language."""
    return article.paragraphs or [Paragraph(0, len(article.text), article.lang)]


def loaded_terms(article: Article) -> list[LoadedTerm]:
    """The loaded labels of each paragraph, found with the lexicon of the paragraph's language."""
    found: list[LoadedTerm] = []
    for paragraph in _paragraphs(article):
        if paragraph.lang in LANGS:
            found += find_loaded_terms(article.text, paragraph.lang, paragraph.start, paragraph.end)
    return found


def persuasion(article: Article) -> list[PersuasionParagraph]:
    """The persuasion techniques of each Arabic paragraph of at least `MIN_WORDS` words (paragraphs
    where the model finds none are left out)."""
    out: list[PersuasionParagraph] = []
    for paragraph in _paragraphs(article):
        if paragraph.lang != "ar":
            continue
        text = article.text[paragraph.start:paragraph.end]
        words = paragraph_words(text)
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
    article.loaded_terms = loaded_terms(article)
    article.persuasion = persuasion(article)
    return article
