"""Monitoring: incremental ingest into a store folder (`ingest`), polling (`watch`), alerts (`alerts`)."""
