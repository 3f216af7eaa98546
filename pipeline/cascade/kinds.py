"""What a document's kind and its issuers add when resolving: permission, notation, signers, parts.

- who may issue the kind (``rulebook.issuing``): a refusal names where 'loai' was written;
- the ký hiệu: NĐ 30's "KH-UBND" / "UBND-VX", the Party's "KH/ĐUK", the Front's "KH-MTTQ-BTT",
  a joint document's "KH-UBND-MTTQ" (every issuer's abbreviation, NĐ 30 PL I II.3.b–c: the
  abbreviations of the issuing bodies joined by "-");
- the signature blocks: a joint document's issuers in order; a bloc's covenant (giao ước), every
  member's head;
- the parts some kinds hold: a biên bản's meeting, a giấy giới thiệu's person, a tờ trình's proposal.
"""

from __future__ import annotations

from pipeline.errors import Problem, expected_found
from pipeline.i18n import N_, _
from pipeline.model import Body, CoSigner, Introduction, Meeting, Person, Registry, Signer
from pipeline.rulebook.issuing import permission
from pipeline.rulebook.kinds import BY_KEY, WRITTEN
from pipeline.rulebook.systems import FRONT, PARTY, front_organ
from pipeline.sources.kind_fields import NEEDED, NEEDED_HINT, NEEDED_KEYS, ONLY_FOR

PARTY_LETTER = "CV"
LEVEL_NAMES = {"chi_bo": N_("chi bộ"), "bch_co_so": N_("Ban Chấp hành đảng bộ cơ sở"),
               "btv_co_so": N_("Ban Thường vụ đảng ủy cơ sở")}
SYSTEM_NAMES = {"state": N_("nhà nước"), "union": N_("công đoàn"), "party": N_("đảng"), "front": N_("mặt trận")}


def permission_problems(inst, doc_type: str, issuer: Body, signer: Signer | None, date) -> list[Problem]:
    """Refuse a kind the issuer may not issue (the-thuc-van-ban.md §11.1, §2.9), where 'loai' was written."""
    if issuer.is_bloc:
        allowed = permission(issuer.system, None, (), date)
    else:
        allowed = permission(issuer.system, issuer.organisation, signer.authority if signer else (), date)
    if doc_type in allowed.kinds:
        return []
    kind = WRITTEN[doc_type]
    who = _(LEVEL_NAMES[allowed.level]) if allowed.level else _("cơ quan hệ thống {system}").format(
        system=_(SYSTEM_NAMES.get(issuer.system, issuer.system)))
    rule = allowed.rule + (f" ({_(LEVEL_NAMES[allowed.level])})" if allowed.level else "")
    message = _("{who} '{body}' không ban hành {kind} theo {rule}: {detail}").format(
        who=who, body=issuer.id, kind=kind.name.lower(), rule=rule,
        detail=expected_found(_("một trong: {values}").format(values=", ".join(allowed.kinds)), doc_type))
    hint = _("chọn loại khác, hoặc để cơ quan có thẩm quyền ban hành (co_quan)")
    return [Problem(inst.origin.get("loai", inst.spec.location), f"{inst.id}: loai", message, hint)]


def part_problems(inst, doc_type: str, issuer: Body) -> list[Problem]:
    """A kind's own part missing (a biên bản without 'cuoc_hop'), one written for another kind, or a
    giao ước with one party to it."""
    problems = []
    v = inst.values
    if doc_type == "giao_uoc" and not issuer.is_bloc and not v.get("lien_tich"):
        # A covenant binds several: a bloc's members (its heads sign) or the bodies of 'lien_tich'.
        problems.append(Problem(inst.origin.get("loai", inst.spec.location), f"{inst.id}: loai",
                                _("giao ước thi đua được ký giữa nhiều cơ quan: {detail}").format(
                                    detail=expected_found(_("co_quan là một khối thi đua, hoặc 'lien_tich'"),
                                                          issuer.id)),
                                _("cho khối thi đua ban hành (co_quan), hoặc ghi các cơ quan cùng ký ở 'lien_tich'")))
    need = NEEDED.get(doc_type)
    if need and need not in v:
        kind = WRITTEN[doc_type]
        problems.append(Problem(inst.origin.get("loai", inst.spec.location), f"{inst.id}: {need}",
                                _("{kind} (NĐ 30, Mẫu {template}) cần '{key}': {detail}").format(
                                    kind=kind.name.lower(), template=kind.template, key=need,
                                    detail=expected_found(_("một nhóm khóa {keys}").format(keys=NEEDED_KEYS[need]),
                                                          None)),
                                _(NEEDED_HINT).format(key=need, kind=kind.name.lower())))
    for key, kinds in ONLY_FOR.items():
        if key in v and doc_type not in kinds:
            problems.append(Problem(inst.origin.get(key, inst.spec.location), f"{inst.id}: {key}",
                                    _("'{key}' chỉ dùng cho {kinds}: {detail}").format(
                                        key=key, kinds=", ".join(WRITTEN[k].name.lower() for k in kinds),
                                        detail=expected_found(_("loai: {kinds}").format(kinds=", ".join(kinds)),
                                                              doc_type))))
    return problems


def notation(doc_type: str, issuer: Body, unit: str | None, signer: Signer | None,
             co_issuers: tuple[Body, ...] = ()) -> str:
    """Return the ký hiệu printed after the number.

    NĐ 30 PL I II.3.b: "KH-UBND"; a công văn "UBND-VX" (the drafting unit). HD 36 1.3.1: Party
    "KH/ĐUK", "CV/ĐUK". The Front: "KH-MTTQ-BTT", its công văn "MTTQ-BTT" (§11.2: type, MTTQ,
    then BTT when the standing board signs). A joint document: every issuer's abbreviation.
    """
    abbreviation = BY_KEY[doc_type].abbreviation(issuer.system)
    bodies = "-".join([issuer.notation, *(b.notation for b in co_issuers)])
    if issuer.system == PARTY:
        return f"{abbreviation or PARTY_LETTER}/{bodies}"
    organ = front_organ(signer.authority) if issuer.system == FRONT and signer else None
    if organ:
        bodies = f"{bodies}-{organ}"
    if abbreviation:
        return f"{abbreviation}-{bodies}"
    if organ or co_issuers:
        return bodies
    return f"{bodies}-{unit}" if unit else bodies


def co_issuers_of(inst, registry: Registry) -> tuple[tuple[Body, ...], tuple[CoSigner, ...]]:
    """The other issuers of a joint document ('lien_tich'), and every issuer's signature in order."""
    entries = inst.values.get("lien_tich") or ()
    if not entries:
        return (), ()
    bodies, signatures = [], []
    for entry in entries:
        body = registry.bodies[entry["co_quan"]]
        bodies.append(body)
        signatures.append(CoSigner(body, body.signer(entry.get("nguoi_ky"))))
    return tuple(bodies), tuple(signatures)


def member_signatures(bloc: Body, registry: Registry) -> tuple[CoSigner, ...]:
    """A bloc's covenant is signed by the head of every member, in the bloc's order (seed 002)."""
    out = []
    for member_id in bloc.members:
        member = registry.bodies[member_id]
        if member.signers:
            out.append(CoSigner(member, member.signers[0]))
    return tuple(out)


def meeting(fill, raw: dict | None) -> Meeting | None:
    """A biên bản's meeting, its text filled (NĐ 30 Mẫu 1.9)."""
    if not raw:
        return None
    source, path = fill.at("cuoc_hop")

    def text(value: str, *keys) -> str:
        return fill.text(value, "cuoc_hop", (source, path + keys))

    return Meeting(
        start=text(raw["bat_dau"], "bat_dau"), place=text(raw["dia_diem"], "dia_diem"),
        participants=tuple(text(p, "thanh_phan", i) for i, p in enumerate(raw["thanh_phan"])),
        chair=_person(raw["chu_tri"]), secretary=_person(raw["thu_ky"]), end=text(raw["ket_thuc"], "ket_thuc"))


def introduction(fill, raw: dict | None) -> Introduction | None:
    """Whom a giấy giới thiệu introduces (NĐ 30 Mẫu 1.8)."""
    if not raw:
        return None
    source, path = fill.at("gioi_thieu")
    return Introduction(_person(raw["nguoi"]), fill.text(raw["den"], "gioi_thieu", (source, path + ("den",))),
                        fill.text(raw["ve_viec"], "gioi_thieu", (source, path + ("ve_viec",))),
                        raw.get("co_gia_tri_den"))


def introduction_subject(intro: Introduction) -> str:
    """What a giấy giới thiệu is about, for the register and the manifest (it prints no trích yếu)."""
    # Data, not a message: the register and manifest keep it in Vietnamese whatever the language.
    return "Giới thiệu {name} đến {to} về việc {about}".format(
        name=intro.person.name, to=intro.to, about=intro.about[:1].lower() + intro.about[1:])


def proposal(fill, items) -> tuple[str, ...]:
    source, path = fill.at("de_xuat")
    return tuple(fill.text(t, "de_xuat", (source, path + (i,))) for i, t in enumerate(items or ()))


def _person(raw: dict) -> Person:
    return Person(raw["ho_ten"], raw.get("chuc_vu") or "")


def addressed_to(doc_type: str) -> str | None:
    """Who a kind is sent to by default: "cap_tren" (tờ trình, báo cáo), "cap_duoi" (công văn, công điện)."""
    return WRITTEN[doc_type].addressed
