"""What the inputs of ``add`` name: the files of a folder that can be added
(hidden files, other kinds and links that leave the folder left out, each
with its reason), and why a path cannot be looked at, as a sentence."""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES


SURROGATE = re.compile("[\ud800-\udfff]")


def shown_name(name: str) -> str:
    """A file name as text: the bytes of a name that are not UTF-8 (which
    Python carries as lone surrogates) as U+FFFD."""
    return SURROGATE.sub("\ufffd", name)


def unreachable(path: Path, shown: str, exc: OSError) -> str:
    """Why the file at ``path`` cannot be looked at, as a sentence."""
    if exc.errno == errno.ELOOP:
        return f"{shown} is a loop of symbolic links; point the link at a file"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        if exc.errno == errno.ENOENT and path.is_symlink():
            return f"{shown} is a link to a file that does not exist; check the link"
        return f"{shown} does not exist; check the path"
    if exc.errno == errno.ENAMETOOLONG:
        return f"{shown} has a name too long for the file system; check the path"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (
            f"{shown} cannot be reached (permission denied); check the permissions of its folders"
        )
    return f"{shown} cannot be read ({exc.strerror}); check the path"


@dataclass
class Listing:
    """A folder's files to add, and the (name, reason) of those left out and
    the (name, sentence) of the folders that could not be read."""

    found: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def folder_files(folder: Path) -> Listing:
    """The files of a folder, recursively, that can be added. Hidden files
    and folders (names starting with a dot, below the folder given: the
    folder itself may be '..' or sit inside a hidden one), files of other
    kinds and links that lead out of the folder (or nowhere) are reported
    as skipped; a folder that cannot be listed, as failed."""
    listing = Listing()
    try:
        top = folder.resolve()
    except (OSError, RuntimeError):
        top = folder.absolute()

    def unreadable(exc: OSError) -> None:
        shown = shown_name(str(exc.filename or folder))
        listing.failed.append(
            (shown, f"the folder {shown} cannot be read ({exc.strerror}); check its permissions")
        )

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        here = Path(root)
        for name in sorted(dirs):
            if name.startswith("."):
                listing.skipped.append((shown_name(str(here / name)), "a hidden folder"))
            elif (here / name).is_symlink():  # os.walk does not follow these
                listing.skipped.append(
                    (shown_name(str(here / name)), "a link to a folder, not followed")
                )
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            p = here / name
            reason = left_out(p, top)
            if reason:
                listing.skipped.append((shown_name(str(p)), reason))
            else:
                listing.found.append(p)
    listing.found.sort()
    return listing


def left_out(p: Path, top: Path) -> str | None:
    """Why a file of the folder ``top`` is not added, or None."""
    if p.name.startswith("."):
        return "a hidden file"
    if p.suffix.lower() not in SUFFIXES:
        return "not a .md, .markdown, .txt, .html or feed file"
    if p.is_symlink():
        try:
            target = p.resolve(strict=True)
        except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
            return "a link that leads nowhere (a loop, or its file is gone)"
        if not target.is_relative_to(top):
            return "a link to a file outside the folder, not followed"
    try:
        regular = stat.S_ISREG(p.stat().st_mode)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    return None if regular else "not a regular file"
