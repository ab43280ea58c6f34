"""eval stage package."""
