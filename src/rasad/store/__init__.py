"""The embedded DuckDB store: idempotent upserts of analysed articles, queryable with SQL."""
