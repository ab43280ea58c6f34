"""Framing: the loaded labels an article uses (a per-language lexicon with neutral counterparts,
`lexicon.py`) and the persuasion techniques in its Arabic paragraphs (a trained model,
`persuasion.py`); the `framing` article stage (`stage.py`) writes both.
"""
