"""Retrieval: tokens, the BM25 index, search, and the answers built from its hits."""
