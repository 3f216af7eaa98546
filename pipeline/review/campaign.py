"""What one campaign's review is made of: its folders, its baseline, its documents and how they are named.

Shared by ``review`` (which fills it) and ``page`` (which shows it), so that neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.files import read_json_file
from pipeline.model import DOCUMENT_TYPES
from pipeline.vietnamese.format import code_number

REVIEW_DIR = "review"
CHANGES = "changes.md"
PREVIOUS = ".truoc"  # the texts of the previous review: review/.truoc/<id>.md and manifest.json
THUMBS = "thumbs"
THUMB_STAMP = "sources.json"  # thumbs/sources.json: the DOCX sha256 each thumbnail was made from
PDF_DIR = "pdf"  # output/<campaign>/pdf/<id>.pdf, written by ``vanban pdf``
PDF_STAMP = "sources.json"


@dataclass(frozen=True)
class Baseline:
    """What the texts are compared with: the previous review, a git revision, or nothing yet."""

    kind: str  # "previous", "revision" or "first"
    label: str  # "lần xem trước (30/08/2024 14:05)", "phiên bản main (1a2b3c4d5e)", …
    texts: dict[str, str] = field(default_factory=dict)
    entries: dict[str, dict] = field(default_factory=dict)  # manifest entries by id


@dataclass
class CampaignReview:
    campaign_dir: Path
    manifest: dict
    texts: dict[str, str]
    baseline: Baseline
    diffs: dict[str, list[str]] = field(default_factory=dict)  # changed documents: unified diff lines
    added: list[str] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)  # manifest entries of the baseline
    thumbs: dict[str, Path] = field(default_factory=dict)

    @property
    def review_dir(self) -> Path:
        return self.campaign_dir / REVIEW_DIR

    @property
    def index(self) -> Path:
        return self.review_dir / "index.html"

    @property
    def documents(self) -> list[dict]:
        return self.manifest["documents"]


def describe_entry(entry: dict) -> str:
    """"Kế hoạch 188/KH-UBND: Phát động …" or "Kế hoạch (dự thảo): …" from a manifest entry."""
    kind = DOCUMENT_TYPES.get(entry.get("type", ""), (entry.get("type") or "Văn bản",))[0]
    number = document_number(entry)
    head = f"{kind} {number}" if number else f"{kind} (dự thảo)"
    return f"{head}: {entry.get('subject', '')}".rstrip(": ")


def document_number(entry: dict) -> str:
    """"188/KH-UBND" (state, union) or "277-KH/ĐUK" (Party) for an issued document; "" for a draft."""
    if entry.get("number") is None:
        return ""
    return code_number(entry["number"], entry.get("notation", ""), entry.get("system") == "party")


def fresh_pdf(campaign_dir: Path, doc: dict) -> Path | None:
    """Return output/<campaign>/pdf/<id>.pdf if it was made from the DOCX as built now."""
    pdf = campaign_dir / PDF_DIR / f"{doc['id']}.pdf"
    if not pdf.exists():
        return None
    try:
        stamp = read_json_file(campaign_dir / PDF_DIR / PDF_STAMP, follow=False)
    except (OSError, ValueError, PipelineError):
        stamp = {}
    if doc["id"] in stamp:
        return pdf if stamp[doc["id"]] == doc["sha256"] else None
    docx = campaign_dir / doc["file"]
    return pdf if pdf.stat().st_mtime >= docx.stat().st_mtime else None
