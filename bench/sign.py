"""Measure signing throughput: documents per second, each signed by its signer and its organisation.

``make bench-sign`` (``python -m bench.sign``) works in a temporary folder: the mini data set
is issued, built and converted to PDF/A, a throw-away CA, keys (PKCS#12) and an RFC 3161
time-stamp server on 127.0.0.1 are made, and then

- ``docs_per_s_bt`` / ``docs_per_s_blt``: one document's PDF signed twice (the signer's
  image, then the seal), in one process, as PAdES B-T and as B-LT (with the CA's CRL
  embedded); ``--count`` documents each, best of ``--repeat`` runs;
- ``command_s``: one ``vanban sign --vai ca-hai`` run as a clerk runs it (the process, its
  imports, the checks against the register, both signatures, the register's records).

It ends with one line: ``bench-sign: docs=N docs_per_s_bt=X docs_per_s_blt=Y command_s=Z``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.archive.keys import open_key
from pipeline.archive.pades import Placement, sign_pdf, vietnam_now
from pipeline.archive.stamps import (
    find_signature_block,
    image_size,
    picture_style,
    seal_box,
    seal_diameter_mm,
    seal_style,
    signature_box,
    text_lines,
)
from pipeline.archive.throwaway import make_pki, tsa_server
from pipeline.model import KeySource, SigningPolicy

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="vanban-bench-sign-") as folder:
        work = Path(folder)
        shutil.copytree(ROOT / "tests" / "data" / "mini", work / "data")
        pki = make_pki(work / "pki", "Nguyễn Văn A", "Liên đoàn Lao động tỉnh Yên Bái", PASSWORD)
        with tsa_server(pki) as url:
            _configure(work, url)
            for step in (("issue", "cv-ldld", "--date", "2024-10-24"), ("build",), ("pdf",)):
                _vanban(work, *step)
            pdf = work / "out" / "mau" / "pdf" / "cv-ldld.pdf"
            rates = {}
            for level, crls in (("bt", ()), ("blt", (str(pki.crl),))):
                policy = SigningPolicy((str(pki.root),), url, crls)
                best = min(_sign_many(pdf, pki, policy, args.count) for _ in range(args.repeat))
                rates[level] = args.count / best
                print(f"{level}: {args.count} documents (2 signatures each) in {best:.2f} s", flush=True)
            started = time.perf_counter()
            _vanban(work, "sign", "cv-ldld", "--vai", "ca-hai")
            command = time.perf_counter() - started
    print(f"bench-sign: docs={args.count} docs_per_s_bt={rates['bt']:.2f} docs_per_s_blt={rates['blt']:.2f} "
          f"command_s={command:.2f}")
    return 0


def _sign_many(pdf: Path, pki, policy: SigningPolicy, count: int) -> float:
    data = pdf.read_bytes()
    block = find_signature_block(text_lines(pdf), "Nguyễn Văn A")
    box = signature_box(block, image_size(pki.signature_png))
    seal = seal_box(box, seal_diameter_mm(pki.seal_png, None))
    os.environ["VANBAN_MAT_KHAU"] = PASSWORD
    started = time.perf_counter()
    with open_key(KeySource(pkcs12=str(pki.signer_p12)), None, "") as signer, \
            open_key(KeySource(pkcs12=str(pki.seal_p12)), None, "") as organisation:
        for _ in range(count):
            at = vietnam_now()
            first, _level = sign_pdf(data, signer, Placement("nguoi-ky", block.page, box,
                                                             picture_style(pki.signature_png), {}),
                                     policy, at, "Nguyễn Văn A")
            sign_pdf(first, organisation, Placement("co-quan", block.page, seal, seal_style(pki.seal_png),
                                                    {"organisation": "Liên đoàn Lao động tỉnh Yên Bái",
                                                     "time": at.isoformat()}),
                     policy, at, "Liên đoàn Lao động tỉnh Yên Bái")
    return time.perf_counter() - started


def _configure(work: Path, url: str) -> None:
    path = work / "data" / "to-chuc.yaml"
    text = path.read_text(encoding="utf-8")
    signer = "      - {ma: pho-chu-tich, ho_ten: Nguyễn Văn A, chuc_vu: Phó Chủ tịch, quyen_han: TM. Ban Thường vụ}\n"
    text = text.replace(signer, (
        "      - ma: pho-chu-tich\n        ho_ten: Nguyễn Văn A\n        chuc_vu: Phó Chủ tịch\n"
        "        quyen_han: TM. Ban Thường vụ\n"
        "        ky_so: {anh_chu_ky: ../pki/chu-ky.png, khoa: {tep_p12: ../pki/signer.p12}}\n"
        "    ky_so: {anh_dau: ../pki/dau.png, khoa: {tep_p12: ../pki/seal.p12}}\n"), 1)
    path.write_text(text + f"ky_so:\n  goc_tin_cay: ../pki/root.pem\n  tem_thoi_gian: {url}\n"
                           "  danh_sach_thu_hoi: ../pki/root.crl\n", encoding="utf-8")


def _vanban(work: Path, *args: str) -> None:
    env = {**os.environ, "VANBAN_MAT_KHAU": PASSWORD}
    subprocess.run([sys.executable, "-m", "pipeline", "--data", "data", "--output", "out", "--register",
                    "so.sqlite3", *args], cwd=work, env=env, check=True, stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    sys.exit(main())
