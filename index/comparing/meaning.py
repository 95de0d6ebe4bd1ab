"""A measure of meaning beside shared words: static word embeddings.

An answer often shares no word with its question ("consumer prices rose
9.1%" for "the annual inflation rate"). WordLlama's small static model (16 MB,
shipped inside its wheel, so nothing is downloaded) gives each text the mean
of its token vectors; the cosine of two texts is how close their meanings
are. The model loads on first use (about half a second) and the vectors of a
story's passages are kept per article version, so asking another question of
the same story embeds only the question. ``HOLLYWOOD_AI_MEANING=off`` in the
environment leaves the model out (words only).
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hollywood_ai.index.kept import Kept

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

CACHE_ARTICLES = 4000


class Meaning:
    """The embedding model and the vectors it gave, loaded once per process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model: Any = None
        self._failed = False
        self._vectors: Kept[tuple[str, str], np.ndarray] = Kept(CACHE_ARTICLES)

    def _load(self) -> Any:
        with self._lock:
            if os.environ.get("HOLLYWOOD_AI_MEANING", "").lower() in ("off", "0", "no"):
                return None  # words only: how compare does without the model
            if self._model is None and not self._failed:
                try:
                    import wordllama
                    from wordllama import WordLlama

                    folder = Path(wordllama.__file__).parent
                    self._model = WordLlama.load(cache_dir=folder, disable_download=True)
                except Exception as exc:  # the model is an aid: words alone still work
                    log.warning("the meaning model could not be loaded (%s); words only", exc)
                    self._failed = True
            return self._model

    @property
    def available(self) -> bool:
        return self._load() is not None

    def embed(self, texts: list[str]) -> np.ndarray | None:
        """Unit vectors, one row per text (None when the model is missing)."""
        import numpy as np

        model = self._load()
        if model is None:
            return None
        if not texts:
            return np.zeros((0, 256), dtype=np.float32)
        vectors = np.asarray(model.embed(texts, norm=True), dtype=np.float32)
        return vectors

    def of_article(self, key: tuple[str, str], texts: list[str]) -> np.ndarray | None:
        """The vectors of one article version's passages, kept."""
        hit = self._vectors.get(key)
        if hit is not None and len(hit) == len(texts):
            return hit
        vectors = self.embed(texts)
        if vectors is not None:
            self._vectors.put(key, vectors)
        return vectors


MEANING = Meaning()
