"""Whether each campaign's output is as the last build left it, looked at by two processes at once.

Telling it means hashing the campaign's manifest and cache and one lstat per DOCX (as strict
as checking every file: ``cache.folder_listing``): 0.5 s at 100,000 documents, most of a
build with nothing changed and a third of a one-leaf edit. None of it depends on the sources,
so a forked child looks at the campaigns in the order given while this process goes on
(hashing and reading sources, decoding the registry); what the child finds comes back over
a pipe, a line of JSON per campaign. Asked of a campaign the child has not reached, this
process looks at it itself (the last ones first, when asked of all). The child only reads;
when it cannot be forked, dies or says something unexpected, this process looks itself:
the answers are the same, only slower.

Reading a campaign's folder, whoever reads it also removes what killed builds left
half-written there (``lock.remove_stale_in``; the lock, taken by a build, leaves the campaign
folders to it): the same names, in the same pass, so the parent no longer reads every folder
again for them as it takes the lock (60 ms at 100,000 documents). The child does so before it
sends a campaign's line, so a line received is a folder cleaned; ``close``, called before the
build writes anything, stops the child and cleans in this process every campaign folder no one
has read (the child stopped early, not forked, or a folder the build does not ask about). So
every build cleans every campaign folder, as the lock did, and never while it writes there.
"""

from __future__ import annotations

import json
import os
import select
import signal
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from pipeline.build import cache
from pipeline.build.lock import remove_stale_in, remove_stale_in_folder
from pipeline.build.write import MANIFEST, campaign_folders
from pipeline.processes import end_child


def _is_id(campaign: object) -> bool:
    """Tell whether ``campaign`` can be a campaign's id: a folder's own name in output/, not a hidden one."""
    return isinstance(campaign, str) and campaign[:1] not in ("", ".") and "/" not in campaign and "\0" not in campaign


@dataclass(frozen=True)
class Facts:
    """What a campaign's output folder holds now: its manifest's and cache's digests (None: not looked at), its
    DOCX listing."""

    manifest: str | None
    cache: str | None
    files: str | None

    @classmethod
    def of(cls, campaign_dir: Path, digests: bool = True, clean: bool = False) -> "Facts":
        """Look at ``campaign_dir`` now; ``digests`` False: its DOCX listing only; ``clean``: remove its stale
        temporaries on the way (only under the build's lock, before it writes)."""
        manifest = cache.file_digest(campaign_dir / MANIFEST) if digests else None
        cache_sha = cache.file_digest(campaign_dir / cache.CAMPAIGN_CACHE) if digests else None
        return cls(manifest, cache_sha, cache.folder_listing(campaign_dir, remove_stale_in if clean else None))


class Survey:
    """The facts of the campaign folders ``campaigns`` (names under ``output_dir``), found by a child where it can."""

    def __init__(self, output_dir: Path, campaigns: list[str], listing_only: Collection[str] = ()):
        """``listing_only``: campaigns whose manifest and cache the build reads and checks itself (an edit's)."""
        self.output_dir = output_dir
        # Names read from the stamp, which anyone may have written: only a folder's own name in output/ is looked
        # at (and cleaned), never "../elsewhere" or an absolute path; any other is never intact (``facts``).
        self.order = [c for c in dict.fromkeys(campaigns) if _is_id(c)]
        self.listing_only = frozenset(listing_only)
        self.found: dict[str, Facts] = {}
        self._received = 0  # the child's lines taken in: it looks at ``order`` one after the other
        self._pending = b""
        self._cleaning = True  # until close: the campaign folders read are cleaned of stale temporaries
        self.cleaned: set[str] = set()  # the campaign folders cleaned so far, by the child or here
        self._pid, self._fd = self._fork() if self.order else (None, None)

    # --- the child ----------------------------------------------------------------------------------------

    def _fork(self) -> tuple[int | None, int | None]:
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return None, None
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None, None
        if pid == 0:  # the child: look, write, and leave without running anything of the parent's
            status = 1
            try:
                os.close(read_end)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                for campaign in self.order:
                    facts = Facts.of(self.output_dir / campaign, campaign not in self.listing_only, clean=True)
                    line = json.dumps([campaign, facts.manifest, facts.cache, facts.files]) + "\n"
                    os.write(write_end, line.encode())
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        return pid, read_end

    # --- the parent ---------------------------------------------------------------------------------------

    def facts(self, campaign: str) -> Facts:
        """Return the facts of one campaign folder: the child's, or looked at here when it has not reached it."""
        if not _is_id(campaign):
            return Facts(None, None, None)
        self._read(block=False)
        while campaign not in self.found and self._fd is not None and self._next_of_child() == campaign:
            self._read(block=True)  # the child is at it now: waiting costs less than doing it again
        if campaign not in self.found:
            self.found[campaign] = Facts.of(self.output_dir / campaign, campaign not in self.listing_only,
                                            clean=self._cleaning)
            if self._cleaning:
                self.cleaned.add(campaign)
        return self.found[campaign]

    def _next_of_child(self) -> str | None:
        return self.order[self._received] if self._received < len(self.order) else None

    def _read(self, block: bool) -> None:
        """Take in what the child wrote (waiting for one line when ``block``); on EOF or nonsense, stop listening."""
        while self._fd is not None:
            if not block and not select.select([self._fd], [], [], 0)[0]:
                return
            try:
                chunk = os.read(self._fd, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                self.close()
                return
            *lines, self._pending = (self._pending + chunk).split(b"\n")
            for line in lines:
                if not self._take(line):
                    self.close()
                    return
            if lines and block:
                return

    def _take(self, line: bytes) -> bool:
        try:
            campaign, manifest, cache_sha, files = json.loads(line)
        except (ValueError, TypeError):
            return False
        digests = (type(None),) if campaign in self.listing_only else (str,)
        if campaign != self._next_of_child() or not isinstance(manifest, digests) or not isinstance(cache_sha, digests) \
                or not isinstance(files, (str, type(None))):
            return False
        self._received += 1
        self.cleaned.add(campaign)  # the child cleaned the folder before it sent the line
        self.found.setdefault(campaign, Facts(manifest, cache_sha, files))
        return True

    def __enter__(self) -> "Survey":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop the child if it still runs, and reap it; what it found so far is kept. The first time, clean the
        campaign folders no one has read: called before the build writes anything, never while it does."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._pid is not None:
            end_child(self._pid)
            self._pid = None
        if self._cleaning:
            self._cleaning = False
            for folder in campaign_folders(self.output_dir):  # real folders only, never a link to one
                if folder.name not in self.cleaned:
                    remove_stale_in_folder(folder)
                    self.cleaned.add(folder.name)

    def intact(self, campaign: str, stamp: cache.Stamp, contents_checked: bool = False) -> bool:
        """Tell whether a campaign's manifest, cache and DOCX files are as the last build left them, with no other DOCX.

        Compared with the stamp's summary of them (``cache.outputs_summary``), so that a
        build with nothing changed reads one directory and stats each file, but parses no cache.
        ``contents_checked``: the caller read the manifest and cache and held those bytes to the
        stamp's digests itself (an edit uses what it read): only the DOCX files are left to compare.
        """
        summary, manifest_sha = stamp.outputs.get(campaign), stamp.manifests.get(campaign)
        if not isinstance(summary, dict) or not summary.get("documents") or manifest_sha is None:
            return False
        facts = self.facts(campaign)
        if contents_checked:
            return facts.files == summary.get("files")
        if facts.manifest is None:  # a campaign whose listing only was looked at: all of it, now
            facts = Facts.of(self.output_dir / campaign)
        return (facts.manifest, facts.cache, facts.files) == (manifest_sha, summary.get("cache"), summary.get("files"))
