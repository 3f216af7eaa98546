"""Check that what was handed out still matches what was recorded.

A number belongs to the text that was signed, and the register is the legal
record of it: a DOCX edited by hand after the build, a register row lost or
written twice, or a manifest that disagrees with the register are each found
here and reported with where they are, so a văn thư can act on each line.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import zipfile
import zlib
from collections import defaultdict
from pathlib import Path

from pipeline.archive.keys import read_checked
from pipeline.archive.sign import MAX_PDF_FILE, SIGNED_DIR, signed_path
from pipeline.archive.signatures import group_records, signed_file_problems
from pipeline.build.claims import MAX_MANIFEST_BYTES
from pipeline.build.write import MANIFEST
from pipeline.errors import PipelineError, SourceErrors
from pipeline.files import NotRegularFile, kind_of, read_json_file, regular_size
from pipeline.i18n import _
from pipeline.model import SigningPolicy
from pipeline.register.store import (
    Entry,
    archived_files,
    is_party_series,
    open_existing,
    recorded_files,
    signature_records,
)
from pipeline.register.void import Voided, voided_entries
from pipeline.sources.validate import load_registry
from pipeline.vietnamese.format import code_number, format_date_input, pad_number

ARCHIVE_MANIFEST = "manifest.json"


def sha256_file(path: Path) -> str:
    """Return the file's sha256, read in blocks; what is not a regular file is refused before it is read.

    Opened without blocking: a FIFO planted under a document's name would otherwise hang verify.
    """
    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(path, kind_of(mode))
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_all(output_dir: Path, register_path: Path, archive: Path | None,
               data_dir: Path | None = None) -> tuple[list[str], str]:
    """Return (disagreements, the lines to print when there is none) for ``vanban verify``."""
    if archive:
        problems, files = verify_archive(archive)
    if archive:
        problems, files = verify_archive(archive)
        problems, signed = _with_register(problems, lambda: archive_against_register(archive, register_path, data_dir))
        problems = list(dict.fromkeys(problems))  # a damaged manifest is said once, not by both checks
        done = _("Khớp: {files} tệp trong {path}.").format(files=files, path=archive)
    else:
        problems, files, entries, voided = verify_output(output_dir, register_path)
        problems, signed = _with_register(problems, lambda: output_against_register(output_dir, register_path,
                                                                                      data_dir))
        if voided:
            done = _("Khớp: {files} tệp, {entries} số trong sổ đăng ký, {voided} số đã hủy.").format(
                files=files, entries=entries, voided=voided)
        else:
            done = _("Khớp: {files} tệp, {entries} số trong sổ đăng ký.").format(files=files, entries=entries)
    if signed:
        done += "\n" + _("Chữ ký số hợp lệ: {n} tệp đã ký khớp sổ đăng ký, chuỗi về chứng thư gốc tin cậy, "
                         "có dấu thời gian.").format(n=signed)
    return problems, done


def _with_register(problems: list[str], check) -> tuple[list[str], int]:
    more, signed = check()
    return problems + more, signed


def output_against_register(output_dir: Path, register_path: Path, data_dir: Path | None) -> tuple[list[str], int]:
    """Hold every issued file in output/ to the register's own record; check every signed file.

    Return (disagreements, signed files checked). The manifests are not trusted here: a file
    changed together with its manifest still differs from what the register recorded.
    """
    problems: list[str] = []
    with open_existing(register_path) as register:
        recorded = recorded_files(register)
        signatures = group_records(signature_records(register))
    for path in sorted(output_dir.glob(f"*/{MANIFEST}")):
        manifest = read_json_file(path)
        campaign = manifest["campaign"]
        for doc in manifest["documents"]:
            if doc["number"] is None:
                continue
            docx = path.parent / doc["file"]
            expected = recorded.get((campaign, doc["id"], "docx"))
            if expected is None:
                problems.append(_("{path}: sổ đăng ký chưa ghi nhận tệp của văn bản đã cấp số; hãy chạy vanban build").format(
                    path=docx))
            elif docx.exists() and sha256_file(docx) == doc["sha256"] != expected:  # else the manifest line says it
                problems.append(_("{path}: khác với tệp sổ đăng ký ghi nhận khi tạo (sha256); tệp đã bị sửa").format(
                    path=docx))
            pdf = path.parent / "pdf" / f"{doc['id']}.pdf"
            expected = recorded.get((campaign, doc["id"], "pdf"))
            if expected is not None and pdf.exists() and sha256_file(pdf) != expected:
                problems.append(_("{path}: khác với tệp sổ đăng ký ghi nhận khi tạo (sha256); tệp đã bị sửa").format(
                    path=pdf))
    campaigns = {p.parent.name for p in output_dir.glob(f"*/{MANIFEST}")}
    wanted = {key: records for key, records in signatures.items() if key[0] in campaigns}
    if wanted:
        policy = _policy(data_dir)
        for (campaign, document, part), records in sorted(wanted.items()):
            campaign_dir = output_dir / campaign
            target = signed_path(campaign_dir, document, part)
            if not target.exists():
                problems.append(_("{path}: thiếu tệp đã ký mà sổ đăng ký ghi nhận").format(path=target))
                continue
            try:
                data = read_checked(target, MAX_PDF_FILE, _("tệp PDF đã ký"))
            except PipelineError as exc:  # a link, a folder, a FIFO… where the signed file should be
                problems.append(str(exc))
                continue
            problems += signed_file_problems(data, str(target), records, policy)
        problems += _signed_manifest_problems(output_dir, wanted)
    return problems, len(wanted)


def _signed_manifest_problems(output_dir: Path, wanted: dict) -> list[str]:
    """The signed files' manifest must name what the register names, and nothing else may lie beside them."""
    problems = []
    for campaign in sorted({key[0] for key in wanted}):
        path = output_dir / campaign / SIGNED_DIR / MANIFEST
        try:
            listed = {(f["document"], f["part"] or ""): f["sha256"]
                      for f in read_json_file(path)["files"]}
        except (OSError, ValueError, KeyError, TypeError, PipelineError):
            problems.append(_("{path}: thiếu hoặc hỏng").format(path=path))
            continue
        expected = {(d, p): records[-1].signed_sha256 for (c, d, p), records in wanted.items() if c == campaign}
        for key in sorted(set(listed) | set(expected)):
            if listed.get(key) != expected.get(key):
                name = f"{key[0]}/{key[1]}" if key[1] else key[0]
                problems.append(_("{path}: {name} khác với sổ đăng ký").format(path=path, name=name))
        folder = output_dir / campaign / SIGNED_DIR
        known = {signed_path(output_dir / campaign, d, p) for (d, p) in expected}
        for found in sorted(p for p in folder.rglob("*.pdf")):
            if found not in known:
                problems.append(_("{path}: tệp đã ký không có trong sổ đăng ký").format(path=found))
    return problems


def archive_against_register(path: Path, register_path: Path, data_dir: Path | None) -> tuple[list[str], int]:
    """Hold every entry of an archive to the register: its documents' files, its signatures, its last archive."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        return [], 0  # verify_archive has said so
    problems: list[str] = []
    signed = 0
    with archive, open_existing(register_path) as register:
        names = set(archive.namelist())
        try:
            manifest = json.loads(_entry_bytes(archive, ARCHIVE_MANIFEST, MAX_MANIFEST_BYTES))
            campaign = manifest["campaign"]
            documents = [d["id"] for d in manifest["documents"]]
        except (KeyError, ValueError, TypeError, zipfile.BadZipFile, zlib.error, EOFError):
            return [_("{path}: {manifest} hỏng").format(path=path, manifest=ARCHIVE_MANIFEST)], 0
        recorded = recorded_files(register)
        signatures = group_records(signature_records(register, campaign))
        packed = archived_files(register, campaign)
        if not packed:
            problems.append(_("{path}: sổ đăng ký không ghi nhận tệp lưu trữ nào của chiến dịch {campaign}").format(
                path=path, campaign=campaign))
        flagged = set()  # one line per changed entry: what the archive record caught is not said again
        for name in sorted(names | set(packed)):
            if name not in names:
                problems.append(_("{path}: thiếu {name} mà sổ đăng ký ghi nhận").format(path=path, name=name))
            elif packed and name not in packed:
                problems.append(_("{path}: {name} không có trong sổ đăng ký").format(path=path, name=name))
            elif packed and _entry_sha256(archive, name) != packed[name]:
                problems.append(_("{path}: {name} khác với tệp sổ đăng ký ghi nhận khi đóng gói (sha256)").format(
                    path=path, name=name))
            else:
                continue
            flagged.add(name)
        policy = None
        for doc in documents:
            checks = [(f"van-ban/{doc}.docx", recorded.get((campaign, doc, "docx")))]
            if (campaign, doc, "") not in signatures:
                checks.append((f"pdf/{doc}.pdf", recorded.get((campaign, doc, "pdf"))))
            for name, expected in checks:
                if name in names and name not in flagged and _entry_sha256(archive, name) != expected:
                    problems.append(_("{path}: {name} khác với tệp sổ đăng ký ghi nhận khi tạo (sha256)").format(
                        path=path, name=name))
        for (_campaign, doc, part), records in sorted(signatures.items()):
            if doc not in documents:
                continue
            name = signed_path(Path(), doc, part).as_posix()
            if name not in names:
                problems.append(_("{path}: thiếu tệp đã ký {name} mà sổ đăng ký ghi nhận").format(path=path, name=name))
                continue
            try:
                data = _entry_bytes(archive, name, MAX_PDF_FILE)
            except ValueError:
                problems.append(_("{path}: {name} quá lớn (hơn {limit} byte khi giải nén)").format(
                    path=path, name=name, limit=MAX_PDF_FILE))
                continue
            policy = policy or _policy(data_dir)
            problems += signed_file_problems(data, f"{path}: {name}", records, policy, hash_reported=name in flagged)
            signed += 1
    return problems, signed


def _policy(data_dir: Path | None) -> SigningPolicy | None:
    """Return the agency's signing policy from the registry (its trust roots), or None without one."""
    if data_dir is None:
        return None
    registry, problems = load_registry(data_dir)
    if problems:
        raise SourceErrors(problems)
    return registry.signing.policy


def verify_output(output_dir: Path, register_path: Path) -> tuple[list[str], int, int, int]:
    """Return (disagreements, files checked, register entries checked, voided numbers)."""
    manifests = sorted(output_dir.glob(f"*/{MANIFEST}"))
    if not manifests:
        raise PipelineError(_("không có manifest nào trong {path}; hãy chạy vanban build trước").format(path=output_dir))
    with open_existing(register_path) as register:
        entries = register.entries()
        voided = voided_entries(register)
    problems: list[str] = [damaged_row(register_path, e) for e in entries + [v.entry for v in voided] if e.damaged]
    by_doc = {(e.campaign, e.document): e for e in entries}
    voided_by_doc = {(v.entry.campaign, v.entry.document, v.entry.number): v for v in voided}
    files = 0
    for path in manifests:
        manifest = read_json_file(path)
        campaign = manifest["campaign"]
        listed = set()
        for doc in manifest["documents"]:
            files += 1
            problems += _check_file(path.parent / doc["file"], doc["sha256"], path)
            problems += _check_number(path, doc, by_doc.get((campaign, doc["id"])),
                                      voided_by_doc.get((campaign, doc["id"], doc["number"])))
            listed.add(doc["id"])
        for e in entries:
            if e.campaign == campaign and e.document not in listed:
                problems.append(_("sổ đăng ký: {code} ({campaign}/{id}) không có trong {path}").format(
                    code=_code(e), campaign=campaign, id=e.document, path=path))
    problems += series_problems(entries, voided)
    return problems, files, len(entries), len(voided)


def damaged_row(register_path: Path, e: Entry) -> str:
    return _("sổ đăng ký {path}: dòng của số {code} ({campaign}/{id}) bị hỏng: nội dung dòng không khớp mã kiểm tra "
             "ghi lúc cấp số (dòng đã bị sửa ngoài vanban); hãy khôi phục sổ từ bản sao lưu (vanban backup)").format(
        path=register_path, code=_code(e), campaign=e.campaign, id=e.document)


def _check_file(path: Path, expected: str, manifest: Path) -> list[str]:
    if not path.exists():
        return [_("{path}: thiếu tệp ghi trong {manifest}").format(path=path, manifest=manifest)]
    if sha256_file(path) != expected:
        return [_("{path}: nội dung khác với {manifest} (sha256); tệp đã bị sửa sau khi tạo").format(
            path=path, manifest=manifest)]
    return []


def _check_number(manifest: Path, doc: dict, entry: Entry | None, voided: Voided | None = None) -> list[str]:
    where = f"{manifest}: {doc['id']}"
    party = doc["system"] == "party"
    if entry is None and voided is not None:
        return [_("{where}: có số {code} nhưng số này đã bị hủy ngày {date} ({reason}); hãy chạy vanban build").format(
            where=where, code=_code(voided.entry), date=format_date_input(voided.voided_on), reason=voided.reason)]
    if doc["number"] is None:
        if entry is None:
            return []
        return [_("{where}: là dự thảo nhưng sổ đăng ký đã cấp số {code} ngày {date}; hãy chạy vanban build").format(
            where=where, code=_code(entry), date=format_date_input(entry.date))]
    shown = f"{code_number(doc['number'], doc['notation'], party)} ngày {_iso_to_vn(doc['date'])}"
    if entry is None:
        return [_("{where}: có số {shown} nhưng sổ đăng ký không có dòng nào cho văn bản này").format(
            where=where, shown=shown)]
    if (entry.number, entry.notation, entry.date.isoformat()) != (doc["number"], doc["notation"], doc["date"]):
        return [_("{where}: manifest ghi {shown}, sổ đăng ký ghi {code} ngày {date}").format(
            where=where, shown=shown, code=_code(entry), date=format_date_input(entry.date))]
    return []


def series_problems(entries: list[Entry], voided: list[Voided] = ()) -> list[str]:
    """Return the gaps and duplicates of each series; numbers recorded as preissued may start anywhere.

    A voided number keeps its place in its series: it is no gap, and no number may repeat it.
    """
    problems = []
    series: dict[str, list[Entry]] = defaultdict(list)
    for e in [*entries, *(v.entry for v in voided)]:
        series[e.series].append(e)
    for name, items in sorted(series.items()):
        by_number: dict[int, list[Entry]] = defaultdict(list)
        for e in items:
            by_number[e.number].append(e)
        numbers = sorted(by_number)
        for n in numbers:
            if len(by_number[n]) > 1:
                docs = ", ".join(f"{_code(e)} ({e.campaign}/{e.document})" for e in by_number[n])
                problems.append(_("sổ đăng ký, dãy số {series}: số {n} được cấp {k} lần: {docs}").format(
                    series=name, n=pad_number(n), k=len(by_number[n]), docs=docs))
        for previous, n in zip([0] + numbers, numbers):
            if n > previous + 1 and not all(e.preissued for e in by_number[n]):
                missing = pad_number(previous + 1) if n == previous + 2 else \
                    f"{pad_number(previous + 1)}–{pad_number(n - 1)}"
                problems.append(_("sổ đăng ký, dãy số {series}: thiếu số {missing} (trước số {n})").format(
                    series=name, missing=missing, n=pad_number(n)))
    return problems


def verify_archive(path: Path) -> tuple[list[str], int]:
    """Return (disagreements, files checked) between an archive's entries and its own manifest.

    The archive may come from elsewhere: a FIFO or a device is refused before it is opened,
    entries are hashed as they are read (never held whole), the manifest is read to a limit.
    """
    if path.exists() and regular_size(path) is None:
        raise NotRegularFile(path, kind_of(os.stat(path).st_mode))
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise PipelineError(_("không mở được tệp lưu trữ {path}: {reason}").format(path=path, reason=exc)) from None
    with archive:
        names = set(archive.namelist())
        if ARCHIVE_MANIFEST not in names:
            return [_("{path}: không có {manifest}").format(path=path, manifest=ARCHIVE_MANIFEST)], 0
        try:
            manifest = json.loads(_entry_bytes(archive, ARCHIVE_MANIFEST, MAX_MANIFEST_BYTES))
            listed = {f["path"]: f["sha256"] for f in manifest["files"]}
        except (KeyError, ValueError, TypeError, zipfile.BadZipFile, zlib.error, EOFError):
            return [_("{path}: {manifest} hỏng").format(path=path, manifest=ARCHIVE_MANIFEST)], 0
        problems = []
        for name, expected in sorted(listed.items()):
            if name not in names:
                problems.append(_("{path}: thiếu {name} ghi trong manifest").format(path=path, name=name))
            elif _entry_sha256(archive, name) != expected:
                problems.append(_("{path}: {name} khác với manifest (sha256)").format(path=path, name=name))
        for name in sorted(names - set(listed) - {ARCHIVE_MANIFEST}):
            problems.append(_("{path}: {name} không có trong manifest").format(path=path, name=name))
    return problems, len(listed)


def _entry_sha256(archive: zipfile.ZipFile, name: str) -> str:
    """Return the sha256 of an archive entry, read in blocks; "" when the entry cannot be read (damaged)."""
    digest = hashlib.sha256()
    try:
        with archive.open(name) as entry:
            for block in iter(lambda: entry.read(1 << 20), b""):
                digest.update(block)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
        return ""
    return digest.hexdigest()


def _entry_bytes(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """Return an archive entry's bytes; ValueError beyond ``limit`` (its declared size may lie)."""
    with archive.open(name) as entry:
        data = entry.read(limit + 1)
    if len(data) > limit:
        raise ValueError(name)
    return data


def _code(e: Entry) -> str:
    return code_number(e.number, e.notation, is_party_series(e.series))


def _iso_to_vn(text: str) -> str:
    year, month, day = text.split("-")
    return f"{day}/{month}/{year}"
