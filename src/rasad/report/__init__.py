"""report.html: one self-contained page built from the output folder."""
