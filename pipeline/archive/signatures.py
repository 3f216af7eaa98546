"""Check a signed PDF against the register: the file, each signature, its certificate and its time.

A signed file is right when its bytes are the ones the register recorded after the last
signature, the part before the first signature is the PDF that was signed, every embedded
signature is intact, valid and chains to a root the agency trusts (``ky_so.goc_tin_cay``),
the signatures are the register's, in its order (the signer, then the organisation), with
the certificate and the signing time it recorded, and each carries a valid time stamp
(PAdES B-T) close to that time.
"""

from __future__ import annotations

import datetime as _dt
import hashlib

from pipeline.archive.pades import read_signatures
from pipeline.errors import PipelineError
from pipeline.i18n import _
from pipeline.model import SigningPolicy
from pipeline.register.store import SignatureRecord, role_name

TIMESTAMP_TOLERANCE = _dt.timedelta(minutes=5)  # between the time declared and the TSA's: a slow token, a slow TSA


def signed_file_problems(data: bytes, where: str, records: list[SignatureRecord], policy: SigningPolicy | None,
                         hash_reported: bool = False) -> list[str]:
    """Return what is wrong with the signed file ``data`` (shown as ``where``) given its register records.

    ``hash_reported``: the caller has already said the file differs from a register record.
    """
    problems = []
    if not hash_reported and hashlib.sha256(data).hexdigest() != records[-1].signed_sha256:
        problems.append(_("{where}: khác với tệp sổ đăng ký ghi nhận sau khi ký (sha256); tệp đã bị sửa").format(
            where=where))
    first = records[0]
    if len(data) < first.source_size or hashlib.sha256(data[:first.source_size]).hexdigest() != first.source_sha256:
        problems.append(_("{where}: phần trước chữ ký đầu tiên không phải tệp PDF đã được ký (theo sổ đăng ký)").format(
            where=where))
    if policy is None:
        return problems + [_("{where}: danh mục chưa có 'ky_so.goc_tin_cay' nên không kiểm tra được chứng thư").format(
            where=where)]
    try:
        found = read_signatures(data, policy)
    except PipelineError as exc:
        return problems + [f"{where}: {exc.message}"]
    if [f.field for f in found] != [r.role for r in records]:
        shown = ", ".join(f.field for f in found) or _("không có")
        expected = ", ".join(r.role for r in records)
        problems.append(_("{where}: các chữ ký trong tệp ({found}) khác sổ đăng ký ({expected})").format(
            where=where, found=shown, expected=expected))
    for signature, record in zip(found, records):
        who = role_name(record.role)
        if signature.problem:
            problems.append(_("{where}: không đọc được chữ ký của {who}: {reason}").format(
                where=where, who=who, reason=signature.problem))
            continue
        if not signature.intact:
            problems.append(_("{where}: chữ ký của {who} không còn nguyên vẹn: nội dung đã bị sửa sau khi ký").format(
                where=where, who=who))
        elif not signature.valid:
            problems.append(_("{where}: chữ ký của {who} không hợp lệ").format(where=where, who=who))
        if signature.intact and signature.valid and not signature.trusted:
            problems.append(_("{where}: chứng thư của {who} ({subject}) không chuỗi về chứng thư gốc tin cậy").format(
                where=where, who=who, subject=signature.subject))
        if signature.certificate_sha256 != record.certificate_sha256:
            problems.append(_("{where}: chứng thư của {who} khác chứng thư sổ đăng ký ghi nhận").format(
                where=where, who=who))
        recorded = _dt.datetime.fromisoformat(record.signed_at)
        if signature.signed_at is None or signature.signed_at != recorded:
            declared = signature.signed_at.isoformat() if signature.signed_at else _("không có")
            problems.append(_("{where}: thời gian ký của {who} trong tệp ({found}) khác sổ đăng ký ({recorded})").format(
                where=where, who=who, found=declared, recorded=record.signed_at))
        if signature.timestamp is None:
            problems.append(_("{where}: chữ ký của {who} không có dấu thời gian hợp lệ (PAdES B-T)").format(
                where=where, who=who))
        elif abs(signature.timestamp - recorded) > TIMESTAMP_TOLERANCE:
            problems.append(_("{where}: dấu thời gian của {who} ({stamp}) cách thời gian ký sổ ghi ({recorded}) "
                              "quá 5 phút").format(where=where, who=who, stamp=signature.timestamp.isoformat(),
                                                  recorded=record.signed_at))
    return problems


def group_records(records: list[SignatureRecord]) -> dict[tuple[str, str, str], list[SignatureRecord]]:
    """Return (campaign, document, part) → its signatures in order."""
    out: dict[tuple[str, str, str], list[SignatureRecord]] = {}
    for record in records:
        out.setdefault((record.campaign, record.document, record.part), []).append(record)
    return out
