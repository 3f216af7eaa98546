"""The digital-signature set-up written in the registry: images, keys, trust roots, time stamps.

Paths are read relative to the folder of the registry file that names them. No key material
may live in the data folder (it is shared, copied, put under version control): a PKCS#12
file inside it is refused here, before anything is signed. Images and certificates are
public and may live anywhere.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType

from pipeline.errors import Problem
from pipeline.i18n import _
from pipeline.model import KeySource, OrganisationSignature, PersonalSignature, Signing, SigningPolicy
from pipeline.sources.load import SourceFile


def build_signing(parts: list[tuple[SourceFile, dict]], data_dir: Path | None) -> tuple[Signing, list[Problem]]:
    """Return the registry's signing set-up, and its problems, from the checked registry files."""
    problems: list[Problem] = []
    policy = None
    policy_at = None
    organisations: dict[str, OrganisationSignature] = {}
    persons: dict[str, PersonalSignature] = {}
    for source, data in parts:
        folder = Path(source.path).parent
        if data.get("ky_so"):
            if policy is not None:
                problems.append(Problem(source.where(("ky_so",)), "ky_so",
                                        _("thiết lập ký số đã có ở {where}; chỉ ghi một lần").format(where=policy_at)))
            else:
                raw = data["ky_so"]
                policy = SigningPolicy(tuple(_path(folder, p) for p in raw["goc_tin_cay"]), raw.get("tem_thoi_gian"),
                                       tuple(_path(folder, p) for p in raw.get("danh_sach_thu_hoi", ())),
                                       bool(raw.get("lay_thu_hoi_qua_mang")))
                policy_at = source.where(("ky_so",))
        for i, item in enumerate(data.get("co_quan", ())):
            if item is None:  # broken: validate says why
                continue
            if item.get("ky_so"):
                path = ("co_quan", i, "ky_so")
                raw = item["ky_so"]
                key = _key(source, path + ("khoa",), raw["khoa"], folder, data_dir, problems)
                organisations[item["ma"]] = OrganisationSignature(_path(folder, raw["anh_dau"]), key, raw.get("co_dau"))
            for j, signer in enumerate(item.get("nguoi_ky", ())):
                if signer.get("ky_so"):
                    path = ("co_quan", i, "nguoi_ky", j, "ky_so")
                    raw = signer["ky_so"]
                    key = _key(source, path + ("khoa",), raw["khoa"], folder, data_dir, problems)
                    persons[f"{item['ma']}/{signer['ma']}"] = PersonalSignature(_path(folder, raw["anh_chu_ky"]), key)
    return Signing(policy, MappingProxyType(organisations), MappingProxyType(persons)), problems


def _path(folder: Path, text: str) -> str:
    return os.path.abspath(folder / os.path.expanduser(text))


def _key(source: SourceFile, path: tuple, raw: dict, folder: Path, data_dir: Path | None,
         problems: list[Problem]) -> KeySource:
    where = source.where(path)
    field = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")
    has_file, has_token = bool(raw.get("tep_p12")), bool(raw.get("thu_vien_pkcs11"))
    if has_file == has_token:
        problems.append(Problem(where, field, _("cần đúng một nguồn khóa: 'tep_p12' hoặc 'thu_vien_pkcs11', nhận được "
                                                "{found}").format(found=_("cả hai") if has_file else _("không có"))))
    if has_token and raw.get("khe") is None:
        problems.append(Problem(where, field, _("thiết bị ký cần số khe 'khe'")))
    pkcs12 = _path(folder, raw["tep_p12"]) if has_file else None
    if pkcs12 and data_dir is not None and _inside(Path(pkcs12), data_dir):
        problems.append(Problem(source.where(path + ("tep_p12",)), field + ".tep_p12",
                                _("tệp khóa bí mật '{path}' nằm trong thư mục nguồn {data}; hãy để nó ngoài thư mục "
                                  "này (thư mục nguồn được sao chép và đưa vào kho mã)").format(
                                    path=raw["tep_p12"], data=data_dir)))
    return KeySource(pkcs12, _path(folder, raw["thu_vien_pkcs11"]) if has_token else None, raw.get("khe"),
                     raw.get("nhan"), raw.get("bien_mat_khau"))


def _inside(path: Path, folder: Path) -> bool:
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(folder))
        return True
    except ValueError:
        return False
