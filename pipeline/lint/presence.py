"""Elements the linter could not find: said out loud, never passed over in silence.

Each check of ``checks`` judges an element it found; when ``find`` finds none, the rule
"<element>-MISSING" says so, naming where the element belongs. What a document must hold
depends on its kind (``doctypes``): a quyết định its thẩm quyền and "QUYẾT ĐỊNH:" (its căn cứ
are content, which the format does not require: vanban writes a quyết định without any when
the sources give none),
a biên bản no date in its header, a document sent with another ("(Kèm theo …)") no Số,
date, Nơi nhận or signature of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.i18n import _
from pipeline.lint.find import Layout
from pipeline.lint.read import Document
from pipeline.lint.rules import STATE, Finding


def check_presence(doc: Document, lay: Layout) -> Iterator[Finding]:
    kind = lay.kind
    own = not lay.attached  # an attachment borrows the Số, date and signature of its document
    wanted = [
        # The Đoàn prints its own tiêu đề instead (HD 29-HD/TWĐTN-VP).
        ("ND30-QUOCHIEU-MISSING", lay.system == STATE and lay.quoc_hieu is None and lay.youth is None,
         _("Quốc hiệu ở đầu trang 1, bên phải")),
        ("ND30-TIEUNGU-MISSING", lay.system == STATE and lay.tieu_ngu is None and lay.youth is None,
         _("tiêu ngữ dưới Quốc hiệu")),
        ("ND30-COQUAN-MISSING", not lay.co_quan, _("tên cơ quan ban hành ở đầu trang 1, bên trái")),
        ("ND30-SO-MISSING", own and lay.so is None, _("số, ký hiệu dưới tên cơ quan")),
        ("ND30-DATE-MISSING", own and lay.date is None and (kind is None or kind.dated),
         _("địa danh, ngày tháng năm ngang hàng với số")),
        ("ND30-TENLOAI-MISSING", lay.ten_loai is None and not lay.vv,
         _("tên loại văn bản, hoặc trích yếu “V/v …” dưới số của công văn")),
        ("ND30-TRICHYEU-MISSING", kind is not None and kind.subject and not lay.trich_yeu,
         _("trích yếu dưới tên loại")),
        ("ND30-THAMQUYEN-MISSING", kind is not None and kind.authority and not lay.tham_quyen,
         _("thẩm quyền ban hành dưới trích yếu")),
        ("ND30-QUYETDINH-MISSING", kind is not None and kind.authority and lay.enacting is None,
         _("dòng “{line}” trước Điều 1").format(line=kind.enacting if kind else "")),
        ("ND30-NOINHAN-MISSING", own and not lay.noi_nhan,
         _("Nơi nhận ở cuối văn bản, bên trái")),
        ("ND30-KY-MISSING", own and not lay.titles, _("quyền hạn, chức vụ người ký")),
        ("ND30-KYTEN-MISSING", own and bool(lay.titles) and lay.signer is None,
         _("họ tên người ký dưới chức vụ")),
    ]
    pos = lay.lines[0].index if lay.lines else -1
    for rule, missing, expected in wanted:
        if missing:
            yield Finding(rule, _("toàn văn bản"), expected, _("không tìm thấy"), pos)
