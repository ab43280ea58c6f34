"""text stage package."""
