"""The command line: `hollywood-ai [--home DIR] [--debug] [COMMAND ...]`.

Each command lives in its own module under ``commands/`` and registers itself
here; with no command the reader opens. Warnings and errors go to the home's
log file (``tui/logs.py``); ``--debug`` also prints the traceback of an
unexpected error.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import traceback
from collections.abc import Sequence

from hollywood_ai.index import HollywoodError, Workspace
from hollywood_ai.tui import collector
from hollywood_ai.tui.cli.output import error
from hollywood_ai.tui.logs import setup_logging

log = logging.getLogger(__name__)

DEBUG_HELP = "print the traceback of an unexpected error, and log every message"


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("hollywood-ai")
    except PackageNotFoundError:
        return "0+unknown"


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked for
    (reading the package metadata would slow every start of the reader)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **_: object):
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(f"{parser.prog} {version()}")
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one sentence, exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        error(f"{message}; run '{self.prog} --help' for usage")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    from hollywood_ai.tui.cli.commands import COMMANDS  # not needed to open the reader

    parser = _Parser(
        prog="hollywood-ai",
        description="A terminal reader that compares how news outlets report AI in film and TV. "
        "With no command, opens the reader.",
    )
    parser.add_argument(
        "--home",
        metavar="DIR",
        help="library and index folder (default: $HOLLYWOOD_AI_HOME or the user data dir)",
    )
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMANDS:
        module.register(sub)
    # --debug after the command too (`hollywood-ai search x --debug`); left
    # out, it keeps what was given before the command.
    for command in sub.choices.values():
        command.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=DEBUG_HELP
        )
    return parser


#: The arguments that name files: bytes that are not UTF-8 are kept in them
#: (Python carries them as surrogate escapes), since the file's name holds them.
_PATH_ARGUMENTS = ("home", "inputs", "markdown")


def _not_text(args: argparse.Namespace) -> str | None:
    """The first argument, other than a file name, holding bytes that are not
    UTF-8 (shown with those bytes as \\xNN), or None."""
    for name, value in vars(args).items():
        if name in _PATH_ARGUMENTS:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and any("\udc80" <= c <= "\udcff" for c in item):
                return item.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return None


def reader_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """What build_parser() would make of ``argv`` when it only opens the
    reader (``--home DIR``, ``--home=DIR`` and ``--debug``, each written in
    full, in any order), without building every command's parser; else None."""
    args = argparse.Namespace(home=None, debug=False, version=None, command=None)
    rest = iter(argv)
    for arg in rest:
        if arg == "--debug":
            args.debug = True
        elif arg.startswith("--home="):
            args.home = arg.removeprefix("--home=")
        elif arg == "--home":
            value = next(rest, None)
            if value is None or value.startswith("-"):
                return None  # argparse says what is wrong
            args.home = value
        else:
            return None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = reader_args(argv) or build_parser().parse_args(argv)
    bad = _not_text(args)
    if bad is not None:
        error(f"the argument '{bad}' is not UTF-8 text; type it again in a terminal set to UTF-8")
        return 2
    try:
        workspace = Workspace(args.home)  # nothing is opened or read yet
        setup_logging(workspace.home, debug=args.debug)
        if not args.command:
            # The collector is off until the first frame is drawn (see
            # collector.py): paused before the read-ahead, whose read turns it
            # off and back on as it was.
            collector.pause()
            # The article list is read while Textual loads, so the first
            # screen can show it.
            threading.Thread(target=workspace.preload_listing, daemon=True).start()
            from hollywood_ai.tui.app import run_reader

            try:
                return run_reader(workspace, debug=args.debug)
            finally:
                collector.resume()  # when the reader stopped before its first frame
        try:
            return int(args.func(args) or 0)
        finally:
            from hollywood_ai.tui.cli.common import report_damage

            report_damage()
    except HollywoodError as exc:
        error(str(exc))
        return 1
    except BrokenPipeError:
        # Output piped into a reader that stopped early (head, less): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        error("interrupted; nothing was changed by the unfinished command")
        return 130
    except OSError as exc:
        log.error("%s stopped on an error of the system", _named(args), exc_info=exc)
        error(
            f"{exc.strerror or exc} ({exc.filename or 'no file'}); check the path and its permissions"
        )
        return 1
    except Exception as exc:  # the last line of defence: a bug of ours
        log.error("%s stopped on an unexpected error", _named(args), exc_info=exc)
        if args.debug:
            traceback.print_exception(exc, file=sys.stderr)
        error(
            f"an unexpected {type(exc).__name__} stopped the command ({exc}); "
            "nothing stored was changed, please report it with the command you ran"
        )
        return 70


def _named(args: argparse.Namespace) -> str:
    """The command for the log: its name, never its arguments (article text)."""
    return f"the {args.command} command" if args.command else "the reader"


if __name__ == "__main__":
    sys.exit(main())
