"""The hollywood-ai engine: ingestion, the on-disk library, the Whoosh index and
the services (search, compare, facts) built on them.

Nothing in this package imports Textual: every capability is plain Python that
returns plain data, so the reader, the command line and scripts share it.
"""

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.model import Article, Passage

__all__ = ["Article", "HollywoodError", "Passage"]
