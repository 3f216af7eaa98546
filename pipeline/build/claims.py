"""What output/ says was issued, and the register that must know it.

The manifests in output/ name every number the builds before printed. A register that is
missing, or that does not hold those numbers (moved away, replaced by an older copy, or a
new empty one), would have the build print issued documents as drafts, ``verify`` agree
with it, and the next ``vanban issue`` give their numbers again from 01. So the build,
``issue`` and ``void`` compare first, and a disagreement stops them before anything is
written. A register is made only where nothing was issued yet: a fresh clone, or a new
output folder (``make`` still just works the first time).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.build.write import MANIFEST
from pipeline.errors import PipelineError, RegisterError, relative
from pipeline.files import read_json_file
from pipeline.i18n import _
from pipeline.register.store import open_existing, refuse_damaged
from pipeline.register.void import voided_entries
from pipeline.vietnamese.format import code_number

MAX_MANIFEST_BYTES = 256 * 1024 * 1024
SHOWN = 10  # numbers listed in the message; the others are counted


@dataclass(frozen=True)
class Claim:
    """One number a manifest says was printed."""

    manifest: Path
    campaign: str
    document: str
    number: int
    notation: str
    party: bool
    date: str  # yyyy-mm-dd, as the manifest has it

    def code(self) -> str:
        return code_number(self.number, self.notation, self.party)

    def shown(self) -> str:
        year, month, day = self.date.split("-") if self.date.count("-") == 2 else ("", "", "")
        return _("{manifest}: {id}: số {code} ngày {date}").format(
            manifest=relative(self.manifest), id=self.document, code=self.code(), date=f"{day}/{month}/{year}")


def issued_in_output(output_dir: Path) -> list[Claim]:
    """Return every number the manifests under ``output_dir`` name; a manifest that cannot be read names none."""
    claims = []
    for manifest in sorted(output_dir.glob(f"*/{MANIFEST}")):
        try:
            data = read_json_file(manifest, MAX_MANIFEST_BYTES)
            campaign = data["campaign"]
            for doc in data["documents"]:
                if doc.get("number") is not None:
                    claims.append(Claim(manifest, campaign, doc["id"], int(doc["number"]), doc.get("notation", ""),
                                        doc.get("system") == "party", str(doc.get("date", ""))))
        except (OSError, PipelineError, ValueError, KeyError, TypeError, AttributeError):
            continue
    return claims


def check_register_knows_output(register_path: Path, output_dir: Path) -> None:
    """Stop (RegisterError) when output/ holds issued documents the register does not know, or no register is there."""
    if register_path.exists():  # a row changed outside vanban: stop here, before anything is written
        with open_existing(register_path) as register:
            refuse_damaged(register_path, [*register.entries(), *(v.entry for v in voided_entries(register))])
    claims = issued_in_output(output_dir)
    if not claims:
        return
    first = claims[0]
    if not register_path.exists():
        raise RegisterError(
            _("không thấy sổ đăng ký {register}, nhưng {output} có {n} văn bản đã cấp số (như {code}, {campaign}/{id}); "
              "vanban không lập sổ mới, vì sổ mới sẽ cấp lại những số đã dùng. Không có gì được ghi.").format(
                register=register_path, output=relative(output_dir), n=len(claims), code=first.code(),
                campaign=first.campaign, id=first.document)
            + "\n    " + _("Hãy khôi phục sổ từ bản sao lưu gần nhất (tệp do vanban backup tạo) về {register}; "
                           "nếu sổ nằm chỗ khác, hãy chỉ tới đó bằng --register.").format(register=register_path))
    with open_existing(register_path) as register:
        issued = {(e.campaign, e.document): e for e in register.entries()}
        voided = {(v.entry.campaign, v.entry.document, v.entry.number, v.entry.notation)
                  for v in voided_entries(register)}
    unknown = []
    for claim in claims:
        entry = issued.get((claim.campaign, claim.document))
        if entry is not None and (entry.number, entry.notation) == (claim.number, claim.notation):
            continue
        if (claim.campaign, claim.document, claim.number, claim.notation) in voided:
            continue  # voided since: the build prints it as a draft again
        unknown.append(claim)
    if not unknown:
        return
    lines = [_("sổ đăng ký {register} không có {n} số mà {output} đã in (sổ có thể đã bị thay bằng một bản cũ hoặc "
               "một sổ mới); không có gì được ghi:").format(register=register_path, n=len(unknown),
                                                           output=relative(output_dir))]
    lines += ["    " + claim.shown() for claim in unknown[:SHOWN]]
    if len(unknown) > SHOWN:
        lines.append("    " + _("… và {n} số khác").format(n=len(unknown) - SHOWN))
    lines.append("    " + _("Hãy khôi phục sổ từ bản sao lưu mới nhất (tệp do vanban backup tạo) về {register} rồi "
                             "chạy lại.").format(register=register_path))
    raise RegisterError("\n".join(lines))
