"""The log file: what the reader and the command line could not show in a
sentence, kept in ``HOME/log/hollywood-ai.log``.

Every module of the package logs through ``logging.getLogger(__name__)``;
:func:`setup_logging` sends the warnings and errors of those loggers (every
message with ``--debug``) to one rotated file, 1 MB and three older files.
Other libraries' loggers are left alone. The file and its folder are made on
the first message, and a log that cannot be written (a read-only home, a full
disk) is skipped without a word: the log never fails a command.
"""

from __future__ import annotations

import logging
import os
import sys
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FOLDER = "log"
LOG_NAME = "hollywood-ai.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
PACKAGE_LOGGER = "hollywood_ai"
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"


def log_path(home: str | os.PathLike[str]) -> Path:
    """Where the log of ``home`` (a resolved home) is kept."""
    return Path(home) / LOG_FOLDER / LOG_NAME


class _LogFile(RotatingFileHandler):
    """A rotated log file made with its folder on the first message; a file
    that cannot be opened, written or rotated loses the message quietly
    (no "Logging error" traceback on stderr)."""

    def _open(self) -> TextIOWrapper:
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handleError(record)


_handler: _LogFile | None = None


def setup_logging(home: str | os.PathLike[str], *, debug: bool = False) -> Path:
    """Log the package's warnings and errors (with ``debug``, every message)
    to the log file of ``home``. Called again, it switches to the new home or
    level and never adds a second handler. Nothing is written until a message
    comes. Returns the file's path."""
    global _handler
    path = log_path(home).absolute()
    logger = logging.getLogger(PACKAGE_LOGGER)
    if _handler is None or Path(_handler.baseFilename) != path:
        close_logging()
        _handler = _LogFile(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, delay=True)
        _handler.setFormatter(logging.Formatter(FORMAT))
        logger.addHandler(_handler)
    logger.setLevel(logging.DEBUG if debug else logging.WARNING)
    return path


def close_logging() -> None:
    """Stop logging to the file (the file is closed; tests call this)."""
    global _handler
    logger = logging.getLogger(PACKAGE_LOGGER)
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
        _handler = None
    logger.setLevel(logging.NOTSET)
