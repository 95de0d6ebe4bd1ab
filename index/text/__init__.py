"""Text shared by ingestion, the index and compare: normalising, the one word
analysis (indexing and queries), figures in text, the Markdown parse, sentences
and passages."""
