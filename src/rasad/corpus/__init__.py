"""corpus stage package."""
