"""Checks of the keys ``kind_fields`` declares that need the registry: joint issuers, kinds of organisation.

Each problem names the file, line and column where the clerk wrote the value, the field, what
was expected and what was found.
"""

from __future__ import annotations

from pipeline.errors import Problem, expected_found
from pipeline.i18n import _
from pipeline.model import Body
from pipeline.rulebook.systems import ORGANISATIONS, PARTY, SYSTEM_OF_SOURCE
from pipeline.sources.load import SourceFile, dotted
from pipeline.sources.schema import suggest

SYSTEM_WORDS = {v: k for k, v in SYSTEM_OF_SOURCE.items()}


def organisation_problems(source: SourceFile, path: tuple, item: dict) -> list[Problem]:
    """A 'loai_to_chuc' of another system ("chi_bo" for a state body) is a mistake."""
    kind = item.get("loai_to_chuc")
    system = SYSTEM_OF_SOURCE[item["he_thong"]]
    if kind is None or ORGANISATIONS[kind] == system:
        return []
    fitting = [k for k, s in ORGANISATIONS.items() if s == system]
    expected = (_("một trong: {values}").format(values=", ".join(fitting)) if fitting
                else _("không ghi loai_to_chuc cho hệ thống {system}").format(system=item["he_thong"]))
    return [Problem(source.where(path + ("loai_to_chuc",)), dotted(path + ("loai_to_chuc",)),
                    _("loại tổ chức '{kind}' thuộc hệ thống {other}, không thuộc hệ thống {system} của cơ quan "
                      "này: {detail}").format(kind=kind, other=SYSTEM_WORDS[ORGANISATIONS[kind]],
                                               system=item["he_thong"], detail=expected_found(expected, kind)))]


def co_issuer_problems(source: SourceFile, path: tuple, item: dict, bodies: dict[str, Body],
                       left_out: frozenset[str] = frozenset()) -> list[Problem]:
    """The bodies of 'lien_tich' exist, are not the lead issuer or a bloc, appear once, do not join the Party
    with another system; their signers exist. A body ``left_out`` (its entry broken) is not said to be unknown."""
    problems: list[Problem] = []
    seen = {item.get("co_quan")}
    for j, entry in enumerate(item.get("lien_tich") or ()):
        here = path + ("lien_tich", j, "co_quan")
        body_id = entry["co_quan"]
        if body_id in left_out:
            continue
        if body_id not in bodies:
            problems.append(Problem(source.where(here), dotted(here),
                                    _("không có {what} nào mã '{id}'").format(what=_("cơ quan"), id=body_id),
                                    suggest(body_id, bodies)))
            continue
        if body_id in seen:
            problems.append(Problem(source.where(here), dotted(here),
                                    _("cơ quan '{id}' đã là cơ quan ban hành của văn bản này; mỗi cơ quan chỉ ghi "
                                      "một lần").format(id=body_id)))
            continue
        seen.add(body_id)
        lead = bodies.get(item.get("co_quan"))
        if lead is not None and PARTY in (lead.system, bodies[body_id].system) and lead.system != bodies[body_id].system:
            # One page cannot carry both headers: the Party's "ĐẢNG CỘNG SẢN VIỆT NAM" and "Số 12-KH/TU"
            # (HD 36, HD 05) against the Quốc hiệu and "Số: 12/KH-UBND" of NĐ 30 (§11.1).
            problems.append(Problem(source.where(here), dotted(here),
                                    _("cơ quan '{id}' thuộc hệ thống {other}, cơ quan chủ trì '{lead}' thuộc hệ thống "
                                      "{system}: văn bản của đảng và văn bản theo NĐ 30 có tiêu đề và số khác nhau, "
                                      "không ban hành liên tịch").format(
                                          id=body_id, other=SYSTEM_WORDS[bodies[body_id].system], lead=lead.id,
                                          system=SYSTEM_WORDS[lead.system])))
            continue
        if bodies[body_id].is_bloc:
            problems.append(Problem(source.where(here), dotted(here),
                                    _("'{id}' là một khối thi đua: khối ban hành bằng chính mã của khối "
                                      "(co_quan), các thành viên ký giao ước").format(id=body_id)))
            continue
        signer = entry.get("nguoi_ky")
        if signer and bodies[body_id].signer(signer) is None:
            where = path + ("lien_tich", j, "nguoi_ky")
            problems.append(Problem(source.where(where), dotted(where),
                                    _("cơ quan '{body}' không có người ký '{id}'").format(body=body_id, id=signer),
                                    suggest(signer, [s.id for s in bodies[body_id].signers])))
    if item.get("lien_tich") and "trien_khai" in item:
        problems.append(Problem(source.where(path + ("lien_tich",)), dotted(path + ("lien_tich",)),
                                _("văn bản liên tịch có một cơ quan chủ trì ('co_quan'), không ban hành hàng loạt "
                                  "('trien_khai')")))
    return problems
