"""What is installed beside the package: the versions of the libraries whose output the program depends on.

The build's fingerprint (``pipeline.build.cache``) and the template compiled ahead
(``pipeline.docx.ahead``) each hold what they made to the versions of the libraries that made it.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path


def installed_versions(names: tuple[str, ...]) -> dict[str, str | None]:
    """Return name → version of the installed distributions ``names`` (those found), as importlib.metadata.version.

    Speed: importing importlib.metadata (and the email parser it reads METADATA with) cost 28 ms of
    every command, for three versions. It finds a distribution as the first ``<name>-*.dist-info``
    (or ``.egg-info``) on sys.path, its name normalised as the packaging spec says (runs of ``-_.``
    as one ``_``, lower case), and reads the Version header of its METADATA (or PKG-INFO, or the
    file itself): so is it done here. Where it would look elsewhere (another finder of distributions
    on sys.meta_path, a zip or an egg on sys.path) or the header is not plainly there, it is asked.
    """
    from importlib.machinery import PathFinder

    if any(getattr(f, "find_distributions", None) is not None and f is not PathFinder for f in sys.meta_path):
        return _asked(names)
    wanted = {_distribution_key(name): name for name in names}
    found: dict[str, str | None] = {}
    for entry in sys.path:
        if not isinstance(entry, str):
            continue
        try:
            children = os.listdir(entry or ".")
        except (OSError, ValueError):
            if os.path.isfile(entry):  # a zip on sys.path: importlib.metadata reads inside it
                return _asked(names)
            continue
        if os.path.basename(entry).lower().endswith(".egg"):
            return _asked(names)
        for child in children:
            low = child.lower()
            if low.endswith((".dist-info", ".egg-info")):
                name = wanted.get(_distribution_key(low.rpartition(".")[0].partition("-")[0]))
                if name is not None and name not in found:
                    version = _metadata_version(Path(entry, child))
                    if version is None:
                        return _asked(names)
                    found[name] = version
        if len(found) == len(names):
            break
    return found


def _distribution_key(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _metadata_version(info: Path) -> str | None:
    """Return the first Version header of a .dist-info's METADATA (.egg-info's PKG-INFO, or the .egg-info file),
    as the email parser importlib.metadata uses gives it; None when not plainly there."""
    for name in ("METADATA", "PKG-INFO", ""):
        try:
            with open(info / name if name else info, encoding="utf-8") as handle:
                text = handle.read(1 << 16)  # the headers come first; a long description may follow
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
            continue
        except (OSError, ValueError):
            return None
        if text:
            break
    else:
        return None
    lines = text.split("\n")
    for i, line in enumerate(lines[:-1]):  # the last may be cut short by the read
        if not line.strip():
            return None  # the headers end: no Version among them
        if not re.match(r"[\x21-\x39\x3b-\x7e]*:", line):
            return None  # not a header: the parser would take it as the body
        key, _, value = line.partition(":")
        if key.lower() == "version":
            if i + 2 >= len(lines) or lines[i + 1][:1] in (" ", "\t"):
                return None  # folded over lines (importlib.metadata dedents them), or maybe cut short by the read
            return value.lstrip(" \t").rstrip("\r") or None
    return None


def _asked(names: tuple[str, ...]) -> dict[str, str | None]:
    from importlib import metadata

    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return found
