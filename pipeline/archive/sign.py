"""``vanban sign``: sign an issued document's PDF/A, the signer first, then the organisation.

Only an issued document is signed (it has its number), only from the PDF made from the DOCX
the build wrote for that number, and each role signs once. The signed file is
``output/<campaign>/ky-so/<id>.pdf`` (an attachment in a separate file:
``ky-so/<id>/<name>.pdf``); the register records each signature (who, when, the
certificate's fingerprint, the file before and after) in the same transaction that puts the
file in place, and ``ky-so/manifest.json`` lists the signed files with their hashes.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.archive.keys import Ask, open_key, read_checked
from pipeline.archive.pades import Placement, sign_pdf, vietnam_now
from pipeline.archive.pdf import pdf_made_from, pdf_path
from pipeline.archive.stamps import (
    Box,
    attachment_box,
    attachment_style,
    find_signature_block,
    image_size,
    picture_style,
    seal_box,
    seal_diameter_mm,
    seal_style,
    signature_box,
    text_lines,
)
from pipeline.build.write import MANIFEST
from pipeline.cascade.check import check_sources
from pipeline.cascade.issue import find_document
from pipeline.errors import PipelineError
from pipeline.files import atomic_write, own_folder, read_json_file
from pipeline.i18n import _
from pipeline.model import PARTY, Document, Registry
from pipeline.register.store import (
    MAIN_TEXT,
    ORGANISATION_ROLE,
    SIGNER_ROLE,
    Register,
    SignatureRecord,
    open_existing,
    recorded_files,
    recording_signature,
    role_name,
    signature_records,
)
from pipeline.vietnamese.format import code_number

SIGNED_DIR = "ky-so"
BOTH = "ca-hai"
MAX_IMAGE_FILE = 16 << 20
MAX_PDF_FILE = 256 << 20


def signed_path(campaign_dir: Path, doc_id: str, part: str = MAIN_TEXT) -> Path:
    return campaign_dir / SIGNED_DIR / (f"{doc_id}.pdf" if part == MAIN_TEXT else f"{doc_id}/{part}")


@dataclass(frozen=True)
class _Context:
    registry: Registry
    output_dir: Path
    register_path: Path
    ask: Ask | None


def sign_documents(data_dir: Path, output_dir: Path, register_path: Path, references: tuple[str, ...], role: str,
                   attachments: tuple[Path, ...] = (), ask: Ask | None = None) -> list[str]:
    """Sign each document in ``role`` (nguoi-ky, co-quan, or ca-hai: both in order); return what was done."""
    sources, trees = check_sources(data_dir, register_path)
    if sources.registry.signing.policy is None:
        raise PipelineError(_("danh mục chưa có thiết lập ký số 'ky_so' (chứng thư gốc tin cậy, máy chủ dấu thời gian)"))
    if attachments and role == SIGNER_ROLE:
        raise PipelineError(_("phụ lục tách tệp do cơ quan ký (--vai co-quan), không phải người ký"))
    context = _Context(sources.registry, output_dir, register_path, ask)
    done = []
    for reference in references:
        doc = find_document(trees, reference)
        if doc.number is None:
            raise PipelineError(_("{id} chưa được cấp số: chỉ ký văn bản đã ban hành (vanban issue)").format(id=doc.id))
        roles = (SIGNER_ROLE, ORGANISATION_ROLE) if role == BOTH else (role,)
        for one in roles:
            done.append(_sign_main(context, doc, one))
        if ORGANISATION_ROLE in roles:
            for attachment in attachments:
                done.append(_sign_attachment(context, doc, attachment))
    return done


def _sign_main(context: _Context, doc: Document, role: str) -> str:
    campaign_dir = context.output_dir / doc.campaign
    source_pdf = _issued_pdf(context, doc, campaign_dir)
    signing = context.registry.signing
    target = signed_path(campaign_dir, doc.id)
    if role == SIGNER_ROLE:
        if any(r.role == SIGNER_ROLE for r in _records(context, doc)):
            raise PipelineError(_("{id}: đã có chữ ký số của {role}; không ký lần thứ hai").format(
                id=doc.id, role=role_name(SIGNER_ROLE)))
        setup = signing.persons.get(f"{doc.issuer.id}/{doc.signer.id}")
        if setup is None:
            raise PipelineError(_("chưa khai báo chữ ký số của {name}: thêm 'ky_so' vào người ký '{signer}' của cơ quan "
                                  "'{body}' trong danh mục").format(name=doc.signer.name, signer=doc.signer.id,
                                                                     body=doc.issuer.id))
        data = read_checked(source_pdf, MAX_PDF_FILE, _("tệp PDF/A"))
        block = find_signature_block(text_lines(source_pdf), doc.signer.name)
        if block is None:
            raise PipelineError(_("{path}: không tìm thấy khối chữ ký (chức vụ và họ tên '{name}') trong tệp PDF").format(
                path=source_pdf, name=doc.signer.name))
        image = _checked_image(Path(setup.image), _("ảnh chữ ký"))
        box = signature_box(block, image_size(image))
        placement = Placement(SIGNER_ROLE, block.page, box, picture_style(image), {})
        signed_by, key, who = doc.signer.name, setup.key, doc.signer.name
    else:
        setup = signing.organisations.get(doc.issuer.id)
        if setup is None:
            raise PipelineError(_("chưa khai báo chữ ký số của cơ quan '{body}': thêm 'ky_so' vào cơ quan này trong "
                                  "danh mục").format(body=doc.issuer.id))
        previous = _previous(context, doc)
        if not target.exists():
            raise PipelineError(_("thiếu tệp đã ký {path}").format(path=target))
        data = read_checked(target, MAX_PDF_FILE, _("tệp PDF đã ký"))
        if hashlib.sha256(data).hexdigest() != previous.signed_sha256:
            raise PipelineError(_("{path}: tệp đã bị sửa sau khi người ký ký số (khác sổ đăng ký); không ký tiếp").format(
                path=target))
        page, signer_box = _field_box(data, SIGNER_ROLE)
        image = _checked_image(Path(setup.image), _("ảnh dấu"))
        box = seal_box(signer_box, seal_diameter_mm(image, setup.diameter_mm))
        placement = Placement(ORGANISATION_ROLE, page, box, seal_style(image),
                              {"organisation": doc.issuer.full_name})
        signed_by, key, who = doc.issuer.full_name, setup.key, doc.issuer.full_name
    record = _sign_and_record(context, doc, MAIN_TEXT, role, data, placement, signed_by, key, who, target)
    return _("Đã ký số {id} ({role}: {who}, {at}, {level}): {path}").format(
        id=doc.id, role=role_name(role), who=signed_by, at=record.signed_at, level=record.level, path=target)


def _sign_attachment(context: _Context, doc: Document, attachment: Path) -> str:
    setup = context.registry.signing.organisations.get(doc.issuer.id)
    if setup is None:
        raise PipelineError(_("chưa khai báo chữ ký số của cơ quan '{body}': thêm 'ky_so' vào cơ quan này trong "
                              "danh mục").format(body=doc.issuer.id))
    data = read_checked(attachment, MAX_PDF_FILE, _("tệp phụ lục"))
    if not data.startswith(b"%PDF-"):
        raise PipelineError(_("{path}: phụ lục tách tệp phải là tệp PDF").format(path=attachment))
    part = attachment.name if attachment.suffix.lower() == ".pdf" else f"{attachment.name}.pdf"
    campaign_dir = context.output_dir / doc.campaign
    code = code_number(doc.number, doc.notation, doc.system == PARTY, doc.issuer.number_width)
    placement = Placement(ORGANISATION_ROLE, 0, attachment_box(_page_size(data, attachment)), attachment_style(),
                          {"code": _("Số, ký hiệu: {code}").format(code=code)})
    target = signed_path(campaign_dir, doc.id, part)
    record = _sign_and_record(context, doc, part, ORGANISATION_ROLE, data, placement, doc.issuer.full_name, setup.key,
                              doc.issuer.full_name, target, time_label=True)
    return _("Đã ký số phụ lục {name} của {id} ({who}, {at}): {path}").format(
        name=part, id=doc.id, who=doc.issuer.full_name, at=record.signed_at, path=target)


def _sign_and_record(context: _Context, doc: Document, part: str, role: str, data: bytes, placement: Placement,
                     signed_by: str, key_source, who: str, target: Path, time_label: bool = False) -> SignatureRecord:
    own_folder(target.parent, context.output_dir)  # ky-so/ (and ky-so/<id>/): never written through a planted link
    with open_key(key_source, context.ask, who) as key:
        at = vietnam_now()
        shown = at.isoformat()
        text = {**placement.text, "time": _("Thời gian ký: {time}").format(time=shown) if time_label else shown}
        signed, level = sign_pdf(data, key, Placement(placement.field, placement.page, placement.box,
                                                      placement.style, text),
                                 context.registry.signing.policy, at, signed_by)
    record = SignatureRecord(doc.campaign, doc.id, part, role, signed_by, shown, key.fingerprint, key.subject, level,
                             hashlib.sha256(data).hexdigest(), len(data), hashlib.sha256(signed).hexdigest())
    with Register(context.register_path, create=False, write=True) as register, \
            recording_signature(register, record):
        atomic_write(target, signed)
    write_signed_manifest(context.output_dir / doc.campaign, context.register_path)
    return record


def _issued_pdf(context: _Context, doc: Document, campaign_dir: Path) -> Path:
    """Return the PDF made from the DOCX the build wrote for the issued document; refuse anything else."""
    manifest_path = campaign_dir / MANIFEST
    try:
        manifest = read_json_file(manifest_path)
    except (OSError, ValueError, PipelineError):
        raise PipelineError(_("không đọc được {path}; hãy chạy vanban build trước").format(path=manifest_path)) from None
    entry = next((d for d in manifest.get("documents", ()) if d.get("id") == doc.id), None)
    if entry is None or entry.get("number") != doc.number:
        raise PipelineError(_("{path}: {id} chưa được tạo lại với số đã cấp; hãy chạy vanban build").format(
            path=manifest_path, id=doc.id))
    docx = campaign_dir / entry["file"]
    digest = hashlib.sha256(read_checked(docx, MAX_PDF_FILE, _("tệp DOCX"))).hexdigest()
    with open_existing(context.register_path) as register:
        recorded = recorded_files(register)
    expected = recorded.get((doc.campaign, doc.id, "docx"), entry["sha256"])
    if digest != entry["sha256"] or digest != expected:
        raise PipelineError(_("{path}: tệp đã bị sửa sau khi tạo (khác manifest và sổ đăng ký); không ký").format(
            path=docx))
    pdf = pdf_path(campaign_dir, doc.id)
    if not pdf.exists() or pdf_made_from(campaign_dir, doc.id) != digest:
        raise PipelineError(_("{path}: chưa có bản PDF/A của văn bản đã cấp số; hãy chạy vanban pdf").format(path=pdf))
    recorded_pdf = recorded.get((doc.campaign, doc.id, "pdf"))
    if recorded_pdf is not None and \
            hashlib.sha256(read_checked(pdf, MAX_PDF_FILE, _("tệp PDF/A"))).hexdigest() != recorded_pdf:
        raise PipelineError(_("{path}: tệp đã bị sửa sau khi tạo (khác sổ đăng ký); hãy chạy vanban pdf --force").format(
            path=pdf))
    return pdf


def _records(context: _Context, doc: Document) -> list[SignatureRecord]:
    with open_existing(context.register_path) as register:
        return [r for r in signature_records(register, doc.campaign) if r.document == doc.id and r.part == MAIN_TEXT]


def _previous(context: _Context, doc: Document) -> SignatureRecord:
    roles = {r.role: r for r in _records(context, doc)}
    if ORGANISATION_ROLE in roles:
        raise PipelineError(_("{id}: đã có chữ ký số của {role}; không ký lần thứ hai").format(
            id=doc.id, role=role_name(ORGANISATION_ROLE)))
    if SIGNER_ROLE not in roles:
        raise PipelineError(_("{id}: người ký chưa ký số; cơ quan ký sau người ký").format(id=doc.id))
    return roles[SIGNER_ROLE]


def _field_box(data: bytes, field: str) -> tuple[int, Box]:
    """Return the page and rectangle of a signature field already in the PDF."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    for page_number in range(int(reader.root["/Pages"]["/Count"])):
        page = reader.find_page_for_modification(page_number)[0].get_object()
        for annotation in page.get("/Annots", ()):
            annotation = annotation.get_object()
            if annotation.get("/T") == field:
                x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
                return page_number, Box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    raise PipelineError(_("không tìm thấy chữ ký của người ký trong tệp đã ký"))


def _page_size(data: bytes, path: Path) -> tuple[float, float]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        page = reader.find_page_for_modification(0)[0].get_object()
        x0, y0, x1, y1 = (float(v) for v in page.get("/MediaBox") or reader.root["/Pages"]["/MediaBox"])
    except Exception:  # noqa: BLE001 - a damaged attachment
        raise PipelineError(_("{path}: không đọc được trang đầu của tệp PDF").format(path=path)) from None
    return abs(x1 - x0), abs(y1 - y0)


def _checked_image(path: Path, what: str) -> Path:
    """Refuse an image that is not a transparent PNG (NĐ 30 PL I: "định dạng .png nền trong suốt")."""
    read_checked(path, MAX_IMAGE_FILE, what)
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            kind, mode, transparency = image.format, image.mode, "transparency" in image.info
    except (OSError, UnidentifiedImageError):
        raise PipelineError(_("{path}: {what} không phải ảnh đọc được").format(path=path, what=what)) from None
    if kind != "PNG" or not (mode in ("RGBA", "LA", "PA") or transparency):
        raise PipelineError(_("{path}: {what} phải là ảnh PNG nền trong suốt, nhận được {kind} {mode}").format(
            path=path, what=what, kind=kind, mode=mode))
    return path


def write_signed_manifest(campaign_dir: Path, register_path: Path) -> Path:
    """Write ky-so/manifest.json: every signed file of the campaign, its hash and its signatures."""
    campaign = campaign_dir.name
    with open_existing(register_path) as register:
        records = signature_records(register, campaign)
    files: dict[tuple[str, str], list[SignatureRecord]] = {}
    for record in records:
        files.setdefault((record.document, record.part), []).append(record)
    listed = []
    for (document, part), signed in sorted(files.items()):
        listed.append({
            "document": document, "part": part or None,
            "file": signed_path(campaign_dir, document, part).relative_to(campaign_dir).as_posix(),
            "sha256": signed[-1].signed_sha256,
            "signatures": [{"role": r.role, "signed_by": r.signed_by, "signed_at": r.signed_at,
                            "certificate_sha256": r.certificate_sha256, "level": r.level} for r in signed],
        })
    path = own_folder(campaign_dir / SIGNED_DIR, campaign_dir.parent) / MANIFEST
    atomic_write(path, (json.dumps({"campaign": campaign, "files": listed}, ensure_ascii=False, indent=2) + "\n")
                 .encode("utf-8"))
    return path
