"""rasad (رصد, "monitoring"): follow how outlets spread a narrative across languages, with evidence."""

__version__ = "0.1.0"
