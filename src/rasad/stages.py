"""Import the modules that register rasad's built-in per-article and corpus stages.

Each module registers its stages with `@article_stage(...)` or `@corpus_stage(...)` at import;
importing is cheap because models load lazily on first use. The default orders live in
`rasad.pipeline.DEFAULT_STAGES` and `rasad.corpus.runner.DEFAULT_CORPUS_STAGES`.
"""

from __future__ import annotations

import importlib

STAGE_MODULES = (
    "rasad.text.stages",  # normalize, clean, langid, letters, segment
    "rasad.extract.metadata",  # metadata: title, dateline, published, outlet, cited outlets
    "rasad.extract.entities",  # entities: NER + knowledge-base linking
    "rasad.extract.times",  # times: time expressions resolved against `published`
    "rasad.extract.quantities",  # quantities: numbers and what they count
    "rasad.extract.attributions",  # attributions: sources, their kinds, the outlet chain
    "rasad.extract.claims",  # claims: event frames with roles, certainty, English; title_en, summary_en
    "rasad.framing.stage",  # framing: loaded terms (lexicon) and persuasion techniques per Arabic paragraph
    "rasad.corpus.entities",  # corpus stage entities: entities.json and the entities table
    "rasad.corpus.reuse.stage",  # corpus stage reuse: reuse.json and the reuse_pairs table
    "rasad.corpus.stories",  # corpus stage stories: stories.json and the stories table
    "rasad.corpus.claims",  # corpus stage claims: claim_clusters.json, contradictions.json and their tables
    "rasad.narratives.stage",  # corpus stage narratives: narratives.json, the narratives and narrative_articles tables
)

for _module in STAGE_MODULES:
    importlib.import_module(_module)
