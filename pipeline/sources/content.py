"""Check what documents say beyond single fields: shared blocks, level filters, outside documents.

A document's content can use a block written once elsewhere (``dung: <mã>``), be limited
to some levels or systems (``chi_cap``, ``tru_cap``, ``chi_he_thong``, ``tru_he_thong``)
and cite documents issued outside the campaign. What only makes sense against the whole
campaign and registry is checked here, once the fields themselves are valid: a block that
exists and fits where it is used, a filter that selects some level, one thing said per
paragraph or assignment. Every problem is located where the clerk wrote it.
"""

from __future__ import annotations

from types import MappingProxyType

from pipeline.errors import Problem
from pipeline.i18n import N_, _
from pipeline.model import SYSTEM_OF_SOURCE, Block, OutsideDocument, Registry, derived
from pipeline.sources.load import SourceFile, dotted
from pipeline.sources.schema import suggest
from pipeline.sources.tables import check_table
from pipeline.vietnamese.format import SCHEME_KINDS, NumberingError, parse_ordinal, parse_scheme, starts_lower

FILTER_KEYS = ("chi_cap", "tru_cap", "chi_he_thong", "tru_he_thong")
BLOCK_KINDS = ("muc", "doan", "giao")
# The kind of item each list of content holds: a block used there must be of that kind.
KIND_OF_FIELD = {"noi_dung": "muc", "muc": "muc", "doan": "doan", "mo_dau": "doan", "ket_thuc": "doan",
                 "to_chuc_thuc_hien": "giao", "giao": "giao"}
KIND_NAMES = {"muc": N_("các mục"), "doan": N_("các đoạn văn"), "giao": N_("các việc giao")}
ASSIGNEE_KEYS = ("vai_tro", "co_quan", "cap_duoi")


def build_outside(source: SourceFile, items: tuple, problems: list[Problem]) -> dict[str, OutsideDocument]:
    """Return the campaign's outside documents by id."""
    out: dict[str, OutsideDocument] = {}
    for i, item in enumerate(items):
        path = ("van_ban_ngoai", i)
        if item["ma"] in out:
            problems.append(Problem(source.where(path + ("ma",)), dotted(path + ("ma",)),
                                    _("mã văn bản ngoài '{id}' trùng với văn bản ở dòng {line}").format(
                                        id=item["ma"], line=out[item["ma"]].location.line)))
            continue
        out[item["ma"]] = OutsideDocument(item["ma"], item["co_quan"], item["loai"], item["so_ky_hieu"],
                                          item["ngay"], item["trich_yeu"], source.where(path))
    return out


def build_blocks(source: SourceFile, items: tuple, path: tuple, problems: list[Problem],
                 known: dict[str, Block]) -> dict[str, Block]:
    """Return the blocks declared at ``path`` of ``source``, added to ``known`` (an id twice is an error)."""
    out = dict(known)
    for i, item in enumerate(items):
        here = path + (i,)
        kinds = [k for k in BLOCK_KINDS if k in item]
        if len(kinds) != 1:
            problems.append(Problem(source.where(here), dotted(here),
                                    _("khối '{id}' cần đúng một trong: muc, doan, giao").format(id=item["ma"])))
            continue
        if item["ma"] in out:
            problems.append(Problem(source.where(here + ("ma",)), dotted(here + ("ma",)),
                                    _("khối '{id}' đã có ở {where}").format(id=item["ma"],
                                                                             where=out[item["ma"]].location)))
            continue
        kind = kinds[0]
        out[item["ma"]] = Block(item["ma"], kind, tuple(item[kind]), source.where(here), source, here + (kind,))
    return out


LEVELS_AND_SYSTEMS = "levels and systems"  # a fact of the registry (model.derived)


def levels_and_systems(registry: Registry) -> frozenset[tuple[str | None, str]]:
    """Return the (level, system) of every body that is no bloc."""
    return frozenset((b.level, b.system) for b in registry.bodies.values() if not b.is_bloc)


class ContentChecker:
    """Check the content lists of documents and blocks against the blocks and the registry's levels."""

    def __init__(self, blocks: dict[str, Block], registry: Registry, problems: list[Problem]):
        self.blocks = blocks
        self.registry = registry
        self.problems = problems
        self.pairs = derived(registry, LEVELS_AND_SYSTEMS, levels_and_systems)
        self.levels = {level for level, _system in self.pairs if level}

    def document(self, source: SourceFile, path: tuple, values: dict) -> None:
        """Check the content fields of one document (or of one ``rieng`` entry) at ``path``."""
        for key in ("mo_dau", "noi_dung", "to_chuc_thuc_hien", "ket_thuc"):
            if key in values:
                self.items(source, path + (key,), KIND_OF_FIELD[key], values[key])
        if "danh_so" in values:
            self.numbering(source, path + ("danh_so",), values["danh_so"])
        for key in ("noi_nhan", "kinh_gui"):
            self.recipients(source, path + (key,), values.get(key, ()))
        for j, appendix in enumerate(values.get("phu_luc", ())):
            here = path + ("phu_luc", j)
            if "bang" not in appendix and "noi_dung" not in appendix:
                self.problems.append(Problem(source.where(here), dotted(here),
                                             _("phụ lục '{title}' không có nội dung: cần 'bang' (một bảng) hoặc "
                                               "'noi_dung' (các mục)").format(title=appendix["tieu_de"])))
            if "bang" in appendix:
                check_table(source, here + ("bang",), appendix["bang"], self.problems)
            if "noi_dung" in appendix:
                self.items(source, here + ("noi_dung",), "muc", appendix["noi_dung"])

    def block(self, block: Block) -> None:
        self.items(block.source, block.path, block.kind, block.items)

    def items(self, source: SourceFile, path: tuple, kind: str, items: tuple) -> None:
        for i, item in enumerate(items):
            here = path + (i,)
            if not isinstance(item, dict):
                continue  # a plain paragraph
            self.filters(source, here, item)
            if "dung" in item:
                self.use(source, here, kind, item)
            elif kind == "doan":
                if "noi_dung" not in item:
                    self.problems.append(Problem(source.where(here), dotted(here),
                                                 _("đoạn văn cần 'noi_dung' (chữ của đoạn) hoặc 'dung' (mã khối)")))
            elif kind == "giao":
                self.assignment(source, here, item)
            else:
                self.section(source, here, item)

    def section(self, source: SourceFile, path: tuple, item: dict) -> None:
        if "doan" in item:
            self.items(source, path + ("doan",), "doan", item["doan"])
        if "muc" in item:
            self.items(source, path + ("muc",), "muc", item["muc"])
        if "bang" in item:
            check_table(source, path + ("bang",), item["bang"], self.problems)
        if "danh_so" in item:
            self.numbering(source, path + ("danh_so",), item["danh_so"])
        if "so_thu_tu" in item:
            try:
                parse_ordinal(item["so_thu_tu"])
            except NumberingError:
                self.problems.append(Problem(source.where(path + ("so_thu_tu",)), dotted(path + ("so_thu_tu",)),
                                             _("không đọc được số thứ tự '{value}'").format(value=item["so_thu_tu"]),
                                             _("viết số như in trên văn bản, ví dụ 7, IV hoặc e")))

    def recipients(self, source: SourceFile, path: tuple, names: tuple) -> None:
        """A recipient's name holds commas as real documents write it ("UBND các huyện, thị xã, thành
        phố"); in a list written [a, b], YAML cuts it there. The pieces after the cut start with a small
        letter, which no recipient does: one warning gives the name back whole."""
        i = 1
        while i < len(names):
            if not starts_lower(names[i]):
                i += 1
                continue
            end = i
            while end < len(names) and starts_lower(names[end]):
                end += 1
            pieces = names[i - 1:end]
            self.problems.append(Problem(
                source.where(path + (i,)), dotted(path + (i,)),
                _("nơi nhận '{name}' bị dấu phẩy cắt thành {n} mục: {pieces}").format(
                    name=pieces[0], n=len(pieces), pieces=", ".join(f"'{x}'" for x in pieces)),
                _("trong danh sách viết [ … ], dấu phẩy ngăn các mục: đặt cả tên trong dấu ngoặc kép, "
                  "\"{whole}\"").format(whole=", ".join(pieces)), warning=True))
            i = end

    def numbering(self, source: SourceFile, path: tuple, written) -> None:
        """A scheme is the labels of the first item of each level: each must be of a known kind."""
        try:
            parse_scheme(written)
        except NumberingError as exc:
            self.problems.append(Problem(source.where(path), dotted(path),
                                         _("cách đánh số không có nhãn '{label}'").format(label=exc.args[0]),
                                         _("viết nhãn của mục đầu mỗi cấp, cách nhau bằng ' / ', ví dụ "
                                           "'I. / 1. / a) / -'; nhãn dùng được: {labels}").format(
                                             labels=", ".join(SCHEME_KINDS))))

    def assignment(self, source: SourceFile, path: tuple, item: dict) -> None:
        who = [k for k in ASSIGNEE_KEYS if item.get(k)]
        if len(who) > 1:
            self.problems.append(Problem(source.where(path), dotted(path),
                                         _("một việc giao chỉ cho một bên: {keys}").format(keys=", ".join(who)),
                                         _("tách thành hai việc giao")))
        if not who and "tieu_de" not in item:
            self.problems.append(Problem(source.where(path), dotted(path),
                                         _("việc giao cần nói giao cho ai: 'vai_tro', 'co_quan', 'cap_duoi' "
                                           "hoặc 'tieu_de'")))
        body = item.get("co_quan")
        if body and body not in self.registry.bodies and body not in self.registry.left_out:
            self.problems.append(Problem(source.where(path + ("co_quan",)), dotted(path + ("co_quan",)),
                                         _("không có cơ quan nào mã '{id}'").format(id=body),
                                         suggest(body, self.registry.bodies)))
        self.section(source, path, item)

    def use(self, source: SourceFile, path: tuple, kind: str, item: dict) -> None:
        name = item["dung"]
        extra = [k for k in item if k != "dung" and k not in FILTER_KEYS]
        where = source.where(path + ("dung",))
        if extra:
            self.problems.append(Problem(where, dotted(path),
                                         _("mục dùng khối '{id}' không viết thêm: {keys}").format(
                                             id=name, keys=", ".join(extra)),
                                         _("viết nội dung đó trong khối, hoặc thành một mục riêng")))
        block = self.blocks.get(name)
        if block is None:
            self.problems.append(Problem(where, dotted(path + ("dung",)),
                                         _("không có khối văn bản chung nào mã '{id}'").format(id=name),
                                         suggest(name, self.blocks) or (_("có: {ids}").format(
                                             ids=", ".join(sorted(self.blocks)[:8])) if self.blocks else
                                             _("khai báo khối ở 'khoi_chung' của chiến dịch hoặc trong "
                                               "data/khoi-chung/"))))
        elif block.kind != kind:
            self.problems.append(Problem(where, dotted(path + ("dung",)),
                                         _("khối '{id}' là {has}, ở đây cần {needs}").format(
                                             id=name, has=_(KIND_NAMES[block.kind]), needs=_(KIND_NAMES[kind]))))

    def filters(self, source: SourceFile, path: tuple, item: dict) -> None:
        if not any(k in item for k in FILTER_KEYS) or self.registry.left_out:
            return  # with bodies left out (broken), any level may be theirs: nothing is said until they are mended
        start = len(self.problems)
        for key in ("chi_cap", "tru_cap"):
            for j, level in enumerate(item.get(key, ())):
                if level not in self.levels:
                    self.problems.append(Problem(source.where(path + (key, j)), dotted(path + (key, j)),
                                                 _("không có cơ quan nào cấp '{level}' trong danh mục").format(
                                                     level=level),
                                                 suggest(level, self.levels) or _("các cấp có: {levels}").format(
                                                     levels=", ".join(sorted(self.levels)))))
        if len(self.problems) == start and not any(selects(item, level, system) for level, system in self.pairs):
            keys = [k for k in FILTER_KEYS if k in item]
            self.problems.append(Problem(source.where(path + (keys[0],)), dotted(path + (keys[0],)),
                                         _("bộ lọc {keys} không chọn được cấp nào có trong danh mục: nội dung này "
                                           "không bao giờ được in").format(keys=", ".join(keys))))

    def acyclic(self) -> None:
        """Report a block that uses itself, directly or through others."""
        reported: set[frozenset] = set()
        for block in self.blocks.values():
            chain = self._cycle(block.id, [])
            if chain and frozenset(chain) not in reported:
                reported.add(frozenset(chain))
                self.problems.append(Problem(block.location, f"khoi_chung.{block.id}",
                                             _("khối dùng lại chính nó: {chain}").format(
                                                 chain=" → ".join(chain + [chain[0]]))))

    def _cycle(self, name: str, stack: list[str]) -> list[str] | None:
        if name in stack:
            return stack[stack.index(name):]
        block = self.blocks.get(name)
        if block is None:
            return None
        for used in _uses(block.items):
            found = self._cycle(used, stack + [name])
            if found:
                return found
        return None


def _uses(items) -> list[str]:
    """Return the block ids used anywhere in ``items``."""
    out = []
    for item in items:
        if isinstance(item, dict):
            if "dung" in item:
                out.append(item["dung"])
            for key in ("doan", "muc"):
                out += _uses(item.get(key, ()))
    return out


def selects(item: dict, level: str, system: str) -> bool:
    """Tell whether content carrying ``item``'s filters is printed in a document of a body at ``level``, ``system``.

    ``system`` is the model's word (state, union, party); filters are written in the clerks'
    words (nha_nuoc, cong_doan, dang).
    """
    if "chi_cap" in item and level not in item["chi_cap"]:
        return False
    if "tru_cap" in item and level in item["tru_cap"]:
        return False
    if "chi_he_thong" in item and system not in {SYSTEM_OF_SOURCE[s] for s in item["chi_he_thong"]}:
        return False
    if "tru_he_thong" in item and system in {SYSTEM_OF_SOURCE[s] for s in item["tru_he_thong"]}:
        return False
    return True


def frozen(blocks: dict[str, Block]) -> MappingProxyType:
    return MappingProxyType(dict(blocks))
