"""Write rendered documents and the manifest into output/, never half a file.

Every file is written to a temporary name in the same folder and renamed into
place, so a build killed at any moment leaves each file either as it was or
fully new. The manifest is written last: it always describes complete files.

A build writes its DOCX files without forcing each to disk (one fsync per file
cost more than rendering it) and calls ``sync_to_disk`` once before the first
manifest: after a power cut a manifest still names only files that reached the disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline import __version__
from pipeline.model import Document, DocumentTree

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class WrittenDocument:
    document: Document
    path: Path
    sha256: str


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, nothing between.

    ``durable``: force the bytes to disk before the rename (else see ``sync_to_disk``).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def document_path(output_dir: Path, doc: Document) -> Path:
    """Return the stable path of a document's DOCX: output/<campaign>/<id>.docx."""
    return output_dir / doc.campaign / f"{doc.id}.docx"


def write_document(path: Path, data: bytes, durable: bool = True) -> str:
    """Write one DOCX unless the same bytes are already there; return its sha256."""
    digest = hashlib.sha256(data).hexdigest()
    if path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == digest:
        return digest
    atomic_write(path, data, durable)
    return digest


def write_if_changed(path: Path, data: bytes, durable: bool = True) -> bool:
    """Write ``data`` atomically unless ``path`` already holds it (its time then stays); return True if written."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    atomic_write(path, data, durable)
    return True


def sync_to_disk() -> None:
    """Force every file written so far to disk: one call for a whole build instead of one per file."""
    if hasattr(os, "sync"):  # POSIX; elsewhere the files are left to the system
        os.sync()


def manifest_entry(doc: Document, path: Path, sha256: str, campaign_dir: Path) -> dict:
    return {
        "id": doc.id,
        "parent": doc.parent,
        "issuer": doc.issuer.id,
        "system": doc.system,
        "type": doc.type,
        "number": doc.number,
        "notation": doc.notation,
        "date": (doc.issued_date or doc.date).isoformat(),
        "subject": doc.subject,
        "signer": doc.signer.name,
        "recipients": list(doc.addressees) + [r for r in doc.recipients if r not in doc.addressees],
        "file": path.relative_to(campaign_dir).as_posix(),
        "sha256": sha256,
    }


def write_manifest(tree: DocumentTree, written: list[WrittenDocument], output_dir: Path) -> Path:
    """Write output/<campaign>/manifest.json and drop DOCX files no document owns any more."""
    campaign_dir = output_dir / tree.campaign.id
    manifest = {
        "campaign": tree.campaign.id,
        "name": tree.campaign.name,
        "generator": f"vanban {__version__}",
        "documents": [manifest_entry(w.document, w.path, w.sha256, campaign_dir) for w in written],
    }
    path = campaign_dir / MANIFEST
    write_if_changed(path, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    owned = {w.path.name for w in written}
    for stale in campaign_dir.glob("*.docx"):
        if stale.name not in owned:
            stale.unlink()
    return path
