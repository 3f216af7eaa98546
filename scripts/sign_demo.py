"""``make sign-demo``: sign one sample document with a throw-away CA, so anyone can see signing work.

Everything happens under output/sign-demo/ (never in data/, never in the real register): a
copy of data/ and of the register, a throw-away root CA, signer, seal and time-stamp server
(pipeline.archive.throwaway), the registry copy told where they are. The sample document is
built, issued if it has no number yet, converted to PDF/A, signed by the signer and then the
organisation, verified, packed and verified again; the signed file's path is printed last.

    python scripts/sign_demo.py [DOCUMENT-ID]      (default: the first issued document)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from pipeline.archive.throwaway import make_pki, tsa_server
from pipeline.cascade.check import check_sources
from pipeline.register.backup import backup_register

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "output" / "sign-demo"
MARK = ".vanban-sign-demo"  # only a folder holding this mark, made by this script, is ever removed
VANBAN = [sys.executable, "-m", "pipeline"]


def main(argv: list[str]) -> int:
    data = ROOT / "data"
    _fresh_folder()
    register = DEMO / "data" / "so-dang-ky.sqlite3"
    shutil.copytree(data, DEMO / "data", ignore=shutil.ignore_patterns("so-dang-ky.sqlite3*"))
    if (data / "so-dang-ky.sqlite3").exists():
        backup_register(data / "so-dang-ky.sqlite3", register)
    _sources, trees = check_sources(DEMO / "data", register if register.exists() else None)
    documents = [d for t in trees for d in t.documents]
    wanted = argv[0] if argv else next((d.id for d in documents if d.number is not None), documents[0].id)
    doc = next((d for d in documents if d.id == wanted or f"{d.campaign}/{d.id}" == wanted), None)
    if doc is None:
        print(f"không có văn bản '{wanted}'", file=sys.stderr)
        return 1
    pki = make_pki(DEMO / "pki", doc.signer.name, doc.issuer.full_name)
    env = {**os.environ, "VANBAN_MAT_KHAU": pki.password}
    common = ["--data", str(DEMO / "data"), "--output", str(DEMO / "output"), "--register", str(register)]

    def vanban(*args: str) -> None:
        print("$ vanban " + " ".join(args), flush=True)
        result = subprocess.run([*VANBAN, *common, *args], env=env, cwd=ROOT)
        if result.returncode != 0:
            raise SystemExit(result.returncode)

    with tsa_server(pki) as tsa_url:
        _configure(DEMO / "data", doc.issuer.id, doc.signer.id, tsa_url)
        vanban("check")
        if doc.number is None:
            vanban("issue", f"{doc.campaign}/{doc.id}")
        vanban("build")
        vanban("pdf")
        vanban("sign", f"{doc.campaign}/{doc.id}", "--vai", "ca-hai")
        vanban("verify")
        vanban("archive", doc.campaign)
        vanban("verify", "--archive", str(DEMO / "output" / doc.campaign / "archive.zip"))
    signed = DEMO / "output" / doc.campaign / "ky-so" / f"{doc.id}.pdf"
    print(f"Tệp đã ký số: {signed.relative_to(ROOT)}")
    return 0


def _fresh_folder() -> None:
    if DEMO.exists():
        if not (DEMO / MARK).is_file() or DEMO.is_symlink():
            raise SystemExit(f"{DEMO} có sẵn và không do sign-demo tạo; hãy dời nó đi")
        shutil.rmtree(DEMO)
    DEMO.mkdir(parents=True)
    (DEMO / MARK).write_text("made by scripts/sign_demo.py; removed and made again by each run\n", encoding="utf-8")


def _configure(data: Path, body: str, signer: str, tsa_url: str) -> None:
    """Tell the registry copy where the demo's images and keys are (paths relative to each file).

    The body may be written in ``to-chuc.yaml`` or in any file of ``to-chuc/``: its ``ky_so``
    goes where it is; the trusted root and the time-stamp server go in ``to-chuc.yaml``.
    """
    entry = re.compile(rf"\s*- ma: {re.escape(body)}\s*")
    for path in [data / "to-chuc.yaml", *sorted((data / "to-chuc").glob("*.yaml"))]:
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
        start = next((i for i, line in enumerate(lines) if entry.fullmatch(line)), None)
        if start is not None:
            break
    else:
        raise SystemExit(f"không tìm thấy cơ quan '{body}' trong {data / 'to-chuc.yaml'} hay {data / 'to-chuc'}/")
    pki = os.path.relpath(DEMO / "pki", path.parent)
    indent = " " * (len(lines[start]) - len(lines[start].lstrip()) + 2)
    seal = f"{indent}ky_so: {{anh_dau: {pki}/dau.png, khoa: {{tep_p12: {pki}/seal.p12}}}}"
    mark = next(i for i in range(start + 1, len(lines))
                if re.fullmatch(rf"\s*- ma: {re.escape(signer)}\s*", lines[i]))
    signer_indent = " " * (len(lines[mark]) - len(lines[mark].lstrip()) + 2)
    lines.insert(mark + 1, f"{signer_indent}ky_so: {{anh_chu_ky: {pki}/chu-ky.png, khoa: {{tep_p12: {pki}/signer.p12}}}}")
    lines.insert(start + 1, seal)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    top = data / "to-chuc.yaml"
    root = os.path.relpath(DEMO / "pki", top.parent)
    with top.open("a", encoding="utf-8") as out:
        out.write(f"ky_so:\n  goc_tin_cay: {root}/root.pem\n  tem_thoi_gian: {tsa_url}\n"
                  f"  danh_sach_thu_hoi: {root}/root.crl\n")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
