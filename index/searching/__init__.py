"""Search: the Whoosh index (schema, documents, generations and sync), the
ranking fast path, reading queries, suggestions and snippets. What depends on
Whoosh's private API lives in ``whoosh_internals``."""
