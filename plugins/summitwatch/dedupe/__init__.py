"""Sameness of articles: exact, near-duplicate and same-story, decided by pure functions.

``fingerprint`` turns a text into what every decision needs (content hash,
MinHash signatures, LSH band hashes, story terms); ``decide`` assigns
duplicates and stories against an index of earlier articles. The ``dedupe``
CLI uses an in-memory index, the pipeline one filled from PostgreSQL by
``store``: the decisions are the same code.
"""
