"""Recycled text: near-duplicate and partial reuse between articles, and translations across
languages (`reuse.json`, `reuse_pairs` table).

`shingles` folds and tokenizes texts and hashes word shingles; `lsh` turns shingle hashes into
one-permutation MinHash signatures, LSH buckets and candidate pairs (plus rare "anchor" shingles
for partial copies); `align` verifies a candidate and finds the matching passages; `anchors` turns
an article's sentences into language-independent keys (entity ids, transliterated names, numbers,
dates); `sentence_align` aligns two texts' sentences through them and judges a translation;
`translation` finds the candidate pairs across languages; `order` says who published first;
`stage` is the corpus stage. Everything per shingle is vectorised with numpy.
"""
