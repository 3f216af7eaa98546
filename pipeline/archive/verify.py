"""Check that what was handed out still matches what was recorded.

A number belongs to the text that was signed, and the register is the legal
record of it: a DOCX edited by hand after the build, a register row lost or
written twice, or a manifest that disagrees with the register are each found
here and reported with where they are, so a văn thư can act on each line.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections import defaultdict
from pathlib import Path

from pipeline.build.write import MANIFEST
from pipeline.errors import PipelineError
from pipeline.i18n import _
from pipeline.register.store import Entry, is_party_series, open_existing
from pipeline.register.void import Voided, voided_entries
from pipeline.vietnamese.format import code_number, format_date_input, pad_number

ARCHIVE_MANIFEST = "manifest.json"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_all(output_dir: Path, register_path: Path, archive: Path | None) -> tuple[list[str], str]:
    """Return (disagreements, the line to print when there is none) for ``vanban verify``."""
    if archive:
        problems, files = verify_archive(archive)
        return problems, _("Khớp: {files} tệp trong {path}.").format(files=files, path=archive)
    problems, files, entries, voided = verify_output(output_dir, register_path)
    if voided:
        return problems, _("Khớp: {files} tệp, {entries} số trong sổ đăng ký, {voided} số đã hủy.").format(
            files=files, entries=entries, voided=voided)
    return problems, _("Khớp: {files} tệp, {entries} số trong sổ đăng ký.").format(files=files, entries=entries)


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
        manifest = json.loads(path.read_text(encoding="utf-8"))
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
    """Return (disagreements, files checked) between an archive's entries and its own manifest."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise PipelineError(_("không mở được tệp lưu trữ {path}: {reason}").format(path=path, reason=exc)) from None
    with archive:
        names = set(archive.namelist())
        if ARCHIVE_MANIFEST not in names:
            return [_("{path}: không có {manifest}").format(path=path, manifest=ARCHIVE_MANIFEST)], 0
        manifest = json.loads(archive.read(ARCHIVE_MANIFEST))
        problems = []
        listed = {f["path"]: f["sha256"] for f in manifest["files"]}
        for name, expected in sorted(listed.items()):
            if name not in names:
                problems.append(_("{path}: thiếu {name} ghi trong manifest").format(path=path, name=name))
            elif hashlib.sha256(archive.read(name)).hexdigest() != expected:
                problems.append(_("{path}: {name} khác với manifest (sha256)").format(path=path, name=name))
        for name in sorted(names - set(listed) - {ARCHIVE_MANIFEST}):
            problems.append(_("{path}: {name} không có trong manifest").format(path=path, name=name))
    return problems, len(listed)


def _code(e: Entry) -> str:
    return code_number(e.number, e.notation, is_party_series(e.series))


def _iso_to_vn(text: str) -> str:
    year, month, day = text.split("-")
    return f"{day}/{month}/{year}"
