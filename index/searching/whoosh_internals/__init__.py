"""The parts of the engine that use Whoosh's private API: the codec that keeps
rare terms' postings in the term table, and the parallel rebuild that writes
segments from several processes. Revisit both at every Whoosh upgrade (the
tests in tests/engine/test_wcodec.py compare them with Whoosh's own)."""
