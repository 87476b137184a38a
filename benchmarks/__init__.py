"""Benchmarks: how fast and how lean qabot's BM25 scoring is against its peers, and what one
question costs the Telegram bot. Run them with ``qabot bench`` and ``qabot bench --bot``."""
