"""store stage package."""
