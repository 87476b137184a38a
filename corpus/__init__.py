"""The corpus: documents on disk, their metadata, and their passages."""
