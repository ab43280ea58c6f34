"""Quantity labels: they live in `rasad.render` (shared with the report); kept here for the extractors.

>>> quantity_label({"value": 2, "kind": "ordinal", "counted": None})
'2nd (ordinal)'
"""

from rasad.render import ordinal, quantity_label

__all__ = ["ordinal", "quantity_label"]
