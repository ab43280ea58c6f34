"""kb stage package."""
