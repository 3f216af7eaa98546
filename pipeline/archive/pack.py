"""Pack a campaign's issued documents for keeping: output/<campaign>/archive.zip.

What an archive or another office needs to take the documents in without
this program: each issued document as DOCX and PDF/A, an edXML envelope
(QCVN 102:2016) carrying its metadata, the register rows of the issuers as
CSV, and a manifest with the sha256 of every file. Entries are sorted and
dated 1980-01-01, so the same documents always give the same archive bytes.
The edXML field list is reconstructed from public implementations
(shared/reference/edxml.md), not from the QCVN text: treat it as unconfirmed.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from lxml import etree

from pipeline import __version__
from pipeline.archive.pdf import convert_campaigns, pdf_path
from pipeline.archive.sign import MAX_PDF_FILE, signed_path
from pipeline.archive.signatures import group_records
from pipeline.build.write import MANIFEST
from pipeline.cascade.check import check_sources
from pipeline.docx.render import keep_line
from pipeline.errors import PipelineError
from pipeline.files import atomic_write, own_folder, read_json_file, read_regular
from pipeline.i18n import _
from pipeline.model import DOCUMENT_TYPES, PARTY, Document, Registry
from pipeline.register.export import csv_bytes, register_rows
from pipeline.register.store import (
    MAIN_TEXT,
    Register,
    open_existing,
    places_sent,
    record_archive,
    recorded_files,
    signature_records,
)
from pipeline.register.void import voided_entries
from pipeline.vietnamese.format import code_number, pad_number

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
ARCHIVE = "archive.zip"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
ADMINISTRATIVE = "1"  # DocumentType/Type: văn bản hành chính (UNCONFIRMED code, see module docstring)


def archive_campaigns(data_dir: Path, output_dir: Path, register_path: Path, campaigns: tuple[str, ...] = ()) -> list[Path]:
    """Write archive.zip for each built campaign (or the named ones); return their paths."""
    sources, trees = check_sources(data_dir, register_path)
    built = {p.parent.name for p in output_dir.glob(f"*/{MANIFEST}")}
    wanted = campaigns or tuple(sorted(built))
    for name in wanted:
        if name not in built:
            raise PipelineError(_("chiến dịch '{name}' chưa được tạo trong {path}; hãy chạy vanban build trước").format(
                name=name, path=output_dir))
    for name in wanted:  # archive.zip is written there: never through a link
        own_folder(output_dir / name, output_dir, create=False)
    written = []
    for tree in trees:
        if tree.campaign.id in wanted:
            written.append(archive_campaign(output_dir / tree.campaign.id, tree.by_id(), sources.registry, register_path))
    return written


def archive_campaign(campaign_dir: Path, documents: dict[str, Document], registry: Registry, register_path: Path) -> Path:
    manifest = read_json_file(campaign_dir / MANIFEST)
    issued = [d for d in manifest["documents"] if d["number"] is not None]
    for entry in issued:
        doc = documents.get(entry["id"])
        if doc is None or (doc.number, (doc.issued_date or doc.date).isoformat()) != (entry["number"], entry["date"]):
            raise PipelineError(_("{path}: {id} khác với nguồn và sổ đăng ký; hãy chạy vanban build trước").format(
                path=campaign_dir / MANIFEST, id=entry["id"]))
    convert_campaigns([campaign_dir], register_path=register_path)
    with open_existing(register_path) as register:
        recorded = recorded_files(register)
        signatures = group_records(signature_records(register, manifest["campaign"]))
    files: dict[str, bytes] = {}
    signed_files: dict[str, tuple[str, ...]] = {}
    for entry in issued:
        doc = documents[entry["id"]]
        files[f"van-ban/{doc.id}.docx"] = _recorded(campaign_dir / entry["file"], recorded.get((doc.campaign, doc.id,
                                                                                                 "docx")))
        signed = {part: records for (c, d, part), records in signatures.items() if (c, d) == (doc.campaign, doc.id)}
        if MAIN_TEXT not in signed:  # a signed document travels as its signed PDF, which holds the unsigned one
            files[f"pdf/{doc.id}.pdf"] = _recorded(pdf_path(campaign_dir, doc.id),
                                                   recorded.get((doc.campaign, doc.id, "pdf")))
        for part, records in sorted(signed.items()):
            name = signed_path(Path(), doc.id, part).as_posix()
            files[name] = _recorded(signed_path(campaign_dir, doc.id, part), records[-1].signed_sha256)
        signed_files[doc.id] = tuple(signed_path(Path(), doc.id, p).as_posix() for p in sorted(signed))
        parent = documents.get(doc.parent) if doc.parent else None
        files[f"edxml/{doc.id}.xml"] = edxml(doc, parent, registry, signed_files[doc.id])
    issuers = {d["issuer"] for d in manifest["documents"]}
    with open_existing(register_path) as register:
        rows = [e for e in register.entries() if e.issuer in issuers]
        rows += [v for v in voided_entries(register) if v.entry.issuer in issuers]  # voided numbers keep their line
        rows.sort(key=lambda item: (getattr(item, "entry", item).series, getattr(item, "entry", item).number))
        files["so-dang-ky.csv"] = csv_bytes(register_rows(rows, {i: b.number_width for i, b in registry.bodies.items()}))
    files["manifest.json"] = _manifest(manifest, issued, files, signed_files)
    path = campaign_dir / ARCHIVE
    atomic_write(path, _zip(files))
    with Register(register_path, create=False, write=True) as register:  # its own record of what this archive holds
        record_archive(register, manifest["campaign"],
                       {name: hashlib.sha256(data).hexdigest() for name, data in files.items()})
    return path


def _recorded(path: Path, expected: str | None) -> bytes:
    """Return the file's bytes if the register recorded these very bytes; refuse to pack anything else."""
    data = read_regular(path, MAX_PDF_FILE)  # a FIFO or a link to a device planted in output/: refused, never read
    if expected is None:
        raise PipelineError(_("{path}: sổ đăng ký chưa ghi nhận tệp này; hãy chạy vanban build và vanban pdf").format(
            path=path))
    if hashlib.sha256(data).hexdigest() != expected:
        raise PipelineError(_("{path}: khác với tệp sổ đăng ký ghi nhận (sha256); tệp đã bị sửa, không đóng gói").format(
            path=path))
    return data


def _manifest(manifest: dict, issued: list[dict], files: dict[str, bytes], signed: dict[str, tuple[str, ...]]) -> bytes:
    documents = []
    for d in issued:
        entry = {**d, "file": f"van-ban/{d['id']}.docx", "pdf": f"pdf/{d['id']}.pdf", "edxml": f"edxml/{d['id']}.xml"}
        if signed.get(d["id"]):
            main = signed_path(Path(), d["id"], MAIN_TEXT).as_posix()
            if main in signed[d["id"]]:
                entry["pdf"] = main
            entry["signed"] = list(signed[d["id"]])
        documents.append(entry)
    content = {
        "campaign": manifest["campaign"], "name": manifest["name"], "generator": f"vanban {__version__}",
        "documents": documents,
        "files": [{"path": name, "sha256": hashlib.sha256(data).hexdigest()} for name, data in sorted(files.items())],
    }
    return (json.dumps(content, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def edxml(doc: Document, parent: Document | None, registry: Registry, signed: tuple[str, ...] = ()) -> bytes:
    """Return the edXML envelope (message header and manifest, no embedded attachment) of one issued document.

    ``signed``: the archive paths of its signed files (ky-so/<id>.pdf, ky-so/<id>/<attachment>);
    the envelope then references the signed PDF, which the archive carries instead of the unsigned one.
    """
    E = _Maker()
    header = E("MessageHeader")
    organ = E("From", E("OrganId", doc.issuer.id))
    chu_quan = registry.bodies.get(doc.issuer.header_parent) if doc.issuer.header_parent else None
    if chu_quan is not None:
        organ.append(E("OrganizationInCharge", chu_quan.full_name))
    organ.append(E("OrganName", doc.issuer.full_name))
    header.append(organ)
    for name in places_sent(doc):
        header.append(E("To", E("OrganName", name)))
    # Số and ký hiệu identical on paper and in the envelope (NĐ 30 Điều 15 k1): the issuer's width too.
    header.append(E("Code", E("CodeNumber", pad_number(doc.number, doc.issuer.number_width)),
                    E("CodeNotation", doc.notation)))
    header.append(E("PromulgationInfo", E("Place", doc.issuer.place), E("PromulgationDate", doc.issued_date.isoformat())))
    header.append(E("DocumentType", E("Type", ADMINISTRATIVE), E("TypeName", DOCUMENT_TYPES[doc.type][0])))
    header.append(E("Subject", doc.subject))
    header.append(E("SignerInfo", E("Competence", " ".join(doc.signer.authority)), E("Position", doc.signer.title),
                    E("FullName", doc.signer.name)))
    if doc.deadline:
        header.append(E("DueDate", doc.deadline.isoformat()))
    keep = keep_line(doc).removeprefix("- ")  # the printed "Nơi nhận" lines (render.py)
    header.append(E("ToPlaces", *[E("Place", line.rstrip(";.,")) for line in (*doc.recipients, keep)]))
    if parent is not None and parent.number is not None:
        header.append(E("ResponseFor", E("OrganId", parent.issuer.id),
                        E("Code", code_number(parent.number, parent.notation, parent.system == PARTY,
                                              parent.issuer.number_width)),
                        E("PromulgationDate", parent.issued_date.isoformat()),
                        E("DocumentId", f"{parent.campaign}/{parent.id}")))
    header.append(E("DocumentId", f"{doc.campaign}/{doc.id}"))
    references = E("edXMLManifest", version="1.0")
    main = signed_path(Path(), doc.id, MAIN_TEXT).as_posix()
    pdf = f"cid:{main}" if main in signed else f"cid:{doc.id}.pdf"
    attached = [("application/vnd.openxmlformats-officedocument.wordprocessingml.document", f"cid:{doc.id}.docx",
                 f"{doc.id}.docx"), ("application/pdf", pdf, f"{doc.id}.pdf")]
    attached += [("application/pdf", f"cid:{name}", name.rsplit("/", 1)[-1]) for name in signed if name != main]
    for kind, content_id, name in attached:
        references.append(E("Reference", E("ContentId", content_id), E("ContentType", kind),
                            E("AttachmentName", name)))
    envelope = E("edXMLEnvelope", E("edXMLHeader", header), E("edXMLBody", references))
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8", pretty_print=True)


class _Maker:
    """Build elements in the edXML namespace with the customary ``edXML:`` prefix."""

    def __call__(self, tag: str, *children, **attributes) -> etree._Element:
        element = etree.Element(f"{{{NS}}}{tag}", nsmap={"edXML": NS}, **attributes)
        for child in children:
            if isinstance(child, str):
                element.text = child
            else:
                element.append(child)
        return element
