"""The same entity types as communique's model, written for the fastest peers.

Each module declares the schema the way a user of that library would write it by
hand: tagged unions on ``"type"``, unknown fields refused, no coercion between
types, ids, country and currency codes checked by pattern, vocabularies as
literals, dates as EDTF text or a mapping of an inferred date. Field order follows
communique's, so that the three libraries read and write the same bytes.
"""
