"""Sync with the central export file: one checked zip format both ways (docs/sync-format.md).

``export`` writes an adviser's work for the centre or the centre's share for an adviser;
``importer`` checks a whole file and applies it in one transaction; ``rules`` says what
happens when a record changed in two places; ``conflicts`` lists what was kept for review.
"""
