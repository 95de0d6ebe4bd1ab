"""How much memory a rebuild may take, and how it is shared out.

A rebuild's memory is mostly Whoosh's posting pools: every posting of a
segment is held until the segment is written, unless the pool spills sorted
runs to disk when it outgrows its limit (``limitmb``), which are merged when
the segment is written. With the library read one article at a time (see
store.library.StoredArticles) and each pool capped, a rebuild's peak is set
by the budget, not by the size of the library.

The budget is for the rebuild's processes together: 512 MiB unless
``index --rebuild --memory 64MiB``, the environment variable
HOLLYWOOD_AI_INDEX_MEMORY or the setting ``index_memory`` (settings.json in
the home, handed in by the presenter) says otherwise, in that order. Each
process first costs about PROCESS_BASE_MIB (Python, Whoosh, the analysers); what is left is shared
between the processes' article pools, a pool's real size being about
POOL_FACTOR times what Whoosh counts for it. A budget too small for one
process per core builds in one process; one too small for even that gives
the pools their floor (MIN_POOL_MIB) and is exceeded by the fixed costs.
A large budget gives no pool more than MAX_POOL_MIB: the pool groups
postings by term (whoosh_internals/pool.py), so spilling it costs little,
and a pool a small library already fills keeps the peak of any larger one
where the small one's is.
"""

from __future__ import annotations

import os
import re

from hollywood_ai.index.errors import HollywoodError

MEMORY_ENV = "HOLLYWOOD_AI_INDEX_MEMORY"
#: The key of settings.json that sets the budget.
SETTING = "index_memory"
DEFAULT_MIB = 512
PROCESS_BASE_MIB = 70
POOL_FACTOR = 2.5
MIN_POOL_MIB = 4
#: No pool larger: 500 articles fill it (a 1,000-article rebuild's share per process).
MAX_POOL_MIB = 32
#: The passages index's pool: one posting (the article id) per article.
PASSAGES_POOL_MIB = 8
#: A pool worth spilling: below this per process, one process builds alone.
MIN_PARALLEL_POOL_MIB = 24

_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*", re.IGNORECASE)
_UNITS = {"": 2**20, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


def parse_memory(text: str, where: str | None = None) -> int:
    """``64MiB``, ``512M``, ``1.5GiB``, ``100`` (MiB) as bytes; a clear error
    for anything else, or for less than 16 MiB, naming ``where`` the value
    came from when given (an environment variable, a setting)."""
    given = f"{where} " if where else ""
    m = _SIZE.fullmatch(text)
    if not m:
        raise HollywoodError(
            f"{given}'{text[:40]}' is not an amount of memory; write it as 64MiB, 512M or 1GiB"
        )
    size = int(float(m.group(1)) * _UNITS[m.group(2).lower()])
    if size < 16 * 2**20:
        raise HollywoodError(
            f"{given}{text.strip()} is too little memory to build the index in; "
            "give 16MiB or more"
        )
    return size


def memory_budget(asked: int | None = None, setting: str | None = None) -> int:
    """The budget in bytes: the one asked for, else the environment's, else
    the setting's (its text, as settings.json holds it), else 512 MiB."""
    if asked is not None:
        return asked
    configured = os.environ.get(MEMORY_ENV, "").strip()
    if configured:
        return parse_memory(configured, MEMORY_ENV)
    if setting is not None:
        return parse_memory(setting, f"the setting {SETTING} in settings.json:")
    return DEFAULT_MIB * 2**20


def plan(budget: int, articles: int, cores: int, parallel_from: int) -> tuple[int, int]:
    """How many processes build (1 or ``cores``), and each article pool's
    limit in MiB, for ``articles`` articles within ``budget`` bytes."""
    mib = budget / 2**20
    if articles >= parallel_from and cores > 1:
        # The parent (which only waits and commits) and one worker per core.
        pool = (mib - PROCESS_BASE_MIB * (cores + 1)) / cores / POOL_FACTOR
        if pool >= MIN_PARALLEL_POOL_MIB:
            return cores, min(MAX_POOL_MIB, int(pool))
    pool = (mib - PROCESS_BASE_MIB) / POOL_FACTOR
    return 1, min(MAX_POOL_MIB, max(MIN_POOL_MIB, int(pool)))
