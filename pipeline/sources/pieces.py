"""Cut a campaign file's text into its frame and one piece per document item, by lines.

A piece is the lines of one item of the top-level ``van_ban:`` list, from its ``-`` to the
line before the next item's; the frame is every other line (the campaign's id, name, shared
blocks, outside documents). The build keys what it read of a campaign by these pieces
(``pipeline.build.edits``): after an edit it reads only the pieces that changed and those they
need, from a text where every other piece is blanked line for line (``blanked``), so that every
location read from it (an error's line and column) is the file's own.

The cut is by lines and never decides what the file means: it reads only the indentation and
the dashes of the lines (YAML puts a block list's items at one indentation, and nothing of an
item at or left of its dash); a text it cannot cut plainly (several YAML documents, directives,
a ``van_ban`` written in flow style) gives None, and the build reads the whole file. The build
also checks the cut against what the parser read (each document's line), and trusts it only then.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_LIST_KEY = re.compile(r"van_ban:[ \t]*(#.*)?")
_ITEM = re.compile(r"( *)-(?: |$)")


@dataclass(frozen=True)
class Cut:
    """A text's lines, the digest of its frame, and its pieces as (first line, end line) indexes (0-based, end excluded)."""

    lines: tuple[str, ...]
    frame: str
    pieces: tuple[tuple[int, int], ...]

    def digest(self, i: int) -> str:
        start, end = self.pieces[i]
        return hashlib.sha256("\n".join(self.lines[start:end]).encode("utf-8")).hexdigest()

    def digests(self) -> list[str]:
        return [self.digest(i) for i in range(len(self.pieces))]

    def blanked(self, keep: set[int]) -> str:
        """Return the text with every piece not in ``keep`` replaced by as many empty lines."""
        out = list(self.lines)
        for i, (start, end) in enumerate(self.pieces):
            if i not in keep:
                out[start:end] = [""] * (end - start)
        return "\n".join(out)


def cut(text: str) -> Cut | None:
    """Return the text cut into frame and pieces, or None when it cannot be cut by lines plainly."""
    lines = text.split("\n")
    if any(line.startswith(("---", "...", "%")) for line in lines):
        return None  # several documents or directives: read whole
    heads = [i for i, line in enumerate(lines) if _LIST_KEY.fullmatch(line)]
    if len(heads) != 1:
        return None
    first = heads[0] + 1
    while first < len(lines) and _blank(lines[first]):
        first += 1
    found = _ITEM.match(lines[first]) if first < len(lines) else None
    if found is None:
        return None
    dash = len(found.group(1))
    starts = [first]
    end = len(lines)
    for i in range(first + 1, len(lines)):
        line = lines[i]
        if _blank(line):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent == dash and _ITEM.match(line):
            starts.append(i)
        elif indent <= dash:
            end = i  # the next key of the frame
            break
    while end > starts[-1] + 1 and _blank(lines[end - 1]) and lines[end - 1].strip() == "":
        end -= 1  # empty lines after the list are the frame's
    pieces = tuple(zip(starts, starts[1:] + [end]))
    frame = "\n".join(lines[:first]) + "\0" + "\n".join(lines[end:])
    return Cut(tuple(lines), hashlib.sha256(frame.encode("utf-8")).hexdigest(), pieces)


def _blank(line: str) -> bool:
    """Tell whether a line holds nothing for the parser's structure: empty, spaces, or a comment."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")
