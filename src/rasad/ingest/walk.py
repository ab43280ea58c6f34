"""Find input files (folders walked recursively, in sorted order) and read them within a size limit.

>>> list(walk_paths(["/no/such/file.txt"]))[0].error
'file not found'
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rasad.errors import ErrorRecord, InputError
from rasad.ingest.repair import display_path


@dataclass(frozen=True)
class FoundFile:
    """A file to read: `name` is the path as the user gave it (joined with the walked folders)."""

    name: str
    path: Path


def walk_paths(paths: Iterable[str | Path]) -> Iterator[FoundFile | ErrorRecord]:
    """Yield every file under `paths` once, sorted, skipping hidden files and folders inside folders.

    A path that was named explicitly is read even if hidden. Missing paths, broken links, link
    loops, unreadable folders and folders without any file yield an `ErrorRecord`. Names with bytes
    that are not UTF-8 are shown with those bytes as `\\xNN` (see `display_path`).
    """
    seen: set[str] = set()
    for given in paths:
        name = display_path(str(given))
        path = Path(given)
        if str(given) == "":
            yield ErrorRecord("''", "empty input path", "an empty argument names no file; check the command's quoting")
        elif not path.exists():
            yield _missing(name, path)
        elif path.is_dir():
            found = False
            for item in _walk_folder(name, path, seen):
                found = found or isinstance(item, FoundFile)
                yield item
            if not found:
                yield ErrorRecord(name, "no input files in folder", "hidden files and folders are skipped")
        elif _first_visit(path, seen):
            yield FoundFile(name, path)


def _walk_folder(name: str, path: Path, seen: set[str]) -> Iterator[FoundFile | ErrorRecord]:
    """Depth-first, entries sorted by name; iterative so deep trees cannot exhaust the stack."""
    if not _first_visit(path, seen):
        return
    stack: list[tuple[str, Iterator[tuple[str, Path]]]] = [(name, _sorted_entries(name, path))]
    while stack:
        folder_name, entries = stack[-1]
        try:
            child_name, child = next(entries)
        except StopIteration:
            stack.pop()
            continue
        except OSError as err:
            stack.pop()
            yield ErrorRecord(
                folder_name, "cannot read folder", f"{err.strerror or err}; check its permissions"
            )
            continue
        if child.name.startswith("."):
            continue  # hidden: .git, .DS_Store, editor swap files
        if child.is_dir():
            if _first_visit(child, seen):  # also stops symlink loops
                stack.append((child_name, _sorted_entries(child_name, child)))
        elif not child.exists():
            yield _missing(child_name, child)
        elif _first_visit(child, seen):
            yield FoundFile(child_name, child)


def _sorted_entries(name: str, path: Path) -> Iterator[tuple[str, Path]]:
    """Lazily list a folder (an OSError surfaces at the first `next`, where the walker reports it)."""
    for entry in sorted(os.listdir(path)):
        yield os.path.join(name, display_path(entry)), path / entry


def _missing(name: str, path: Path) -> ErrorRecord:
    """The error for a path that does not lead to a file: missing, a broken link, or a link loop."""
    if not path.is_symlink():
        return ErrorRecord(name, "file not found", "check the path and the current folder")
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a loop this way
        return _link_loop(name)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return _link_loop(name)
    return ErrorRecord(name, "broken link", "the link points to a missing file")


def _link_loop(name: str) -> ErrorRecord:
    return ErrorRecord(name, "symbolic link loop", "the link points, through other links, back to itself")


def _first_visit(path: Path, seen: set[str]) -> bool:
    key = os.path.realpath(path)
    if key in seen:
        return False
    seen.add(key)
    return True


def read_limited(found: FoundFile, max_bytes: int) -> bytes:
    """Read a whole file, refusing non-regular files and files larger than `max_bytes`."""
    try:
        info = os.stat(found.path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(found.name, "not a regular file", "devices, pipes and sockets are not read")
        if info.st_size > max_bytes:
            raise _too_large(found.name, info.st_size, max_bytes)
        with open(found.path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise InputError(
            found.name, "cannot read file", f"{err.strerror or err}; check its permissions"
        ) from err
    if len(data) > max_bytes:  # the file grew while we looked at it
        raise _too_large(found.name, len(data), max_bytes)
    return data


def _too_large(name: str, size: int, limit: int) -> InputError:
    return InputError(
        name,
        "file too large",
        f"{_human(size)} is over the limit of {_human(limit)}; "
        "split it into smaller files or raise the limit with --max-file-mb",
    )


def _human(size: int) -> str:
    """`2048` -> `2.0 KB (2048 bytes)`; small sizes stay in bytes."""
    if size < 1024:
        return f"{size} bytes"
    value = size / 1024
    for unit in ("KB", "MB"):
        if value < 1024:
            return f"{value:.1f} {unit} ({size} bytes)"
        value /= 1024
    return f"{value:.1f} GB ({size} bytes)"
