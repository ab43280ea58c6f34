"""Recycled text: near-duplicate and partial reuse between articles (`reuse.json`, `reuse_pairs` table).

`shingles` folds and tokenizes texts and hashes word shingles; `lsh` turns shingle hashes into
one-permutation MinHash signatures, LSH buckets and candidate pairs (plus rare "anchor" shingles
for partial copies); `align` verifies a candidate and finds the matching passages; `stage` is the
corpus stage. Everything per shingle is vectorised with numpy.
"""
