"""The build's linter (a Session: shared parts read once, repeated pieces of a body once) finds
exactly what ``vanban lint`` finds, on the documents the build makes and on the whole corpus."""

from __future__ import annotations

import gc
import zipfile
from pathlib import Path

import pytest
from conftest import MINI, ROOT
from lint_fixtures import BUILDERS, save
from lint_phuluc3 import phu_luc_iii
from test_corpus import CASES, SEEN_IN_THE_FIELD, build

from pipeline.lint.linter import lint_docx, open_document
from pipeline.lint.read import Document, Line, Para, Run, Table
from pipeline.lint.session import Session


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def model(doc) -> tuple:
    """Everything the checks read of a Document, as plain values."""
    def line(ln):
        return (ln.text, tuple((r.text, r.fmt) for r in ln.runs), ln.para.index, ln.index, ln.col, ln.tabbed,
                None if ln.pieces is None else tuple(line(x) for x in ln.pieces))

    paras = tuple((p.fmt, p.mark_size, p.cell, p.row, p.column, p.section, p.width, p.index, p.page_breaks,
                   p.data_table, tuple(p.drawn), tuple(line(ln) for ln in p.lines)) for p in doc.paras)
    return paras, tuple(line(ln) for ln in doc.lines), tuple(map(repr, doc.sections)), tuple(doc.parts)


def same_as_lint(session: Session, path: Path, parts: dict[str, bytes] | None = None) -> list:
    """Assert the session reads ``path`` (or these parts of it) as ``vanban lint`` does; return the findings."""
    parts = parts_of(path) if parts is None else parts
    expected = lint_docx(path)
    assert session.lint(str(path), parts.get) == expected
    general, _refused = open_document(path)
    assert model(session.read(parts.get)) == model(general)
    return expected


@pytest.fixture(scope="module")
def built_documents(built) -> list[Path]:
    documents = sorted(p for data in (MINI, ROOT / "data") for p in built(data).glob("*/*.docx"))
    assert len(documents) > 20
    return documents


def test_the_built_documents_read_and_lint_as_vanban_lint_reads_them(built_documents):
    session = Session()
    for path in built_documents:
        assert same_as_lint(session, path) == []
    assert session.whole == 0
    assert session.hits > session.misses  # what makes it fast: most pieces were met before
    assert session.placed > 0  # sibling documents: the same paragraphs at the same places
    assert session.remembered > 0  # a new header table: most of its paragraphs met before
    assert session.filled > 0  # a new paragraph whose skeleton was met: filled in (lint.skeleton)


def test_documents_read_again_after_others_read_as_the_first_time(built_documents):
    # The session hands a later document the paragraph objects it placed for an earlier one:
    # each reading must still be the document's own, whatever was read in between.
    session = Session()
    order = built_documents[:8] + built_documents[:8][::-1] + built_documents[:8]
    for path in order:
        same_as_lint(session, path)
    assert session.placed > session.misses


def test_findings_follow_the_language_asked_for(built_documents, tmp_path):
    # What a body paragraph shows is worked out once per paragraph, in the language of the day.
    from pipeline import i18n

    parts = parts_of(built_documents[0])
    parts["word/document.xml"] = parts["word/document.xml"].replace(b'w:firstLine="567"', b'w:firstLine="300"')
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    session = Session()
    try:
        vietnamese = same_as_lint(session, broken)
        i18n.set_language("en")
        english = same_as_lint(session, broken)
    finally:
        i18n.set_language("vi")
    assert any("thụt đầu dòng 0,53 cm" in v.found for v in vietnamese), vietnamese
    assert any("first-line indent 0,53 cm" in v.found for v in english), english


def test_built_documents_with_broken_formatting_give_the_same_findings(built_documents, tmp_path):
    # The same pieces, some of them changed: findings in tables, in the body and at its end.
    session = Session()
    changes = [(b'w:val="both"', b'w:val="left"'), (b'<w:sz w:val="28"/>', b'<w:sz w:val="24"/>'),
               (b"./.", b"."), (b'w:firstLine="567"', b'w:firstLine="300"'),
               (b'w:ascii="Times New Roman"', b'w:ascii="Arial"')]
    found = 0
    for i, path in enumerate(built_documents):
        parts = parts_of(path)
        old, new = changes[i % len(changes)]
        body = parts["word/document.xml"]
        count = body.count(old)
        parts["word/document.xml"] = body.replace(old, new, max(1, count // 2))
        broken = tmp_path / f"{i}-{path.name}"
        with zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in parts.items():
                zf.writestr(name, data)
        found += len(same_as_lint(session, broken))
    assert found > len(built_documents)


def test_every_document_of_the_corpus_gives_the_same_findings(tmp_path):
    session = Session()  # one session for documents of many origins, as a long build would meet them
    paths = [save(BUILDERS[kind](), tmp_path / f"ok-{kind}") for kind in sorted(BUILDERS) if
             (tmp_path / f"ok-{kind}").mkdir() is None]
    (tmp_path / "phu-luc").mkdir()
    paths.append(save(phu_luc_iii(), tmp_path / "phu-luc"))
    for case, kind, mutate, _expected in CASES + SEEN_IN_THE_FIELD:
        (tmp_path / case).mkdir()
        paths.append(build(kind, mutate, tmp_path / case))
    packages = [path for path in paths if zipfile.is_zipfile(path)]  # a .doc is refused before it is read
    assert len(packages) > len(paths) - 3
    findings = [v for path in packages for v in same_as_lint(session, path)]
    assert len(findings) >= len(CASES)
    assert session.hits > 0


def test_a_body_that_cannot_be_cut_into_pieces_is_read_whole(built_documents):
    session = Session()
    parts = parts_of(built_documents[0])
    body = parts["word/document.xml"]
    at = body.index(b"<w:body>") + len(b"<w:body>")
    parts["word/document.xml"] = body[:at] + b"<!-- a comment in the body -->" + body[at:]
    assert session.lint("x.docx", parts.get) == lint_docx(built_documents[0])
    assert session.whole == 1


def test_a_damaged_body_is_said_to_be_damaged(built_documents):
    parts = parts_of(built_documents[0])
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"</w:tbl>", b"", 1)
    [violation] = Session().lint("x.docx", parts.get)
    assert (violation.rule_id, violation.found) == ("DOCX-OPEN", "nội dung hỏng (XMLSyntaxError)")


def test_a_session_keeps_a_bounded_number_of_pieces(built_documents):
    session = Session(pieces=8)
    for path in built_documents[:6]:
        same_as_lint(session, path)
    assert len(session._pieces) == 8


def test_what_a_session_drops_is_freed_without_the_garbage_collector(built_documents):
    """A build worker's collector runs rarely (pipeline.processes.COLLECTOR): the paragraphs and lines
    a session reads and drops (a small one drops many) must hold no cycle it would have to find."""
    parts = [parts_of(path) for path in built_documents]
    collecting = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        session = Session(pieces=8)
        for _round in range(2):
            for found in parts:
                session.lint("x.docx", found.get)
        del session
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage if isinstance(o, (Para, Line, Run, Table, Document))]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if collecting:
            gc.enable()
    assert left == []


def test_a_line_knows_its_paragraph_while_the_paragraph_is_held(built_documents):
    doc, _refused = open_document(built_documents[0])
    assert all(ln.para is p for p in doc.paras for ln in p.lines)
    assert all(x.para is ln.para for ln in doc.lines for x in ln.pieces or ())
    # a line is itself: the same words in another paragraph (a header's "-----" twice) are another line,
    # which find.py's lines.index(...) must not take for it
    first, second = doc.paras[0], doc.paras[1]
    assert Line("-----", [], first) != Line("-----", [], second)


def _with_text(path: Path, tmp_path: Path, name: str, text: bytes, superscript: bytes | None = None) -> Path:
    """A copy of ``path`` whose longest body text is ``text`` (bytes as in the XML), and a superscript run after it."""
    import re

    parts = parts_of(path)
    body = parts["word/document.xml"]
    longest = max(re.finditer(rb"(<w:t(?: [^>]*)?>)([^<]*)</w:t>", body), key=lambda m: len(m.group(2)))
    added = b""
    if superscript is not None:
        added = b'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>' + superscript + b"</w:t></w:r>"
    end = body.index(b"</w:r>", longest.end()) + len(b"</w:r>")
    parts["word/document.xml"] = body[:longest.start(2)] + text + body[longest.end(2):end] + added + body[end:]
    out = tmp_path / f"{name}.docx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, data in parts.items():
            zf.writestr(part, data)
    return out


def test_pieces_that_differ_only_in_their_words_read_as_vanban_lint_reads_them(built_documents, tmp_path):
    # A new piece whose skeleton (its bytes less its texts) was met twice is filled in, not read
    # (lint.skeleton): whatever its words, it must read and lint exactly as the whole file does.
    session = Session()
    path = built_documents[0]
    texts = ["Ủy ban nhân dân xã Số 1".encode(), "Ủy ban nhân dân xã Số 2".encode(),
             "Ủy ban nhân dân xã Số 3".encode(), b"A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;",
             b"x&#9;y, &#x1EE6;y ban", "x\ty\tz".encode(), "  nhiều   khoảng\u00a0trắng  ".encode(),
             "U\u031by ban (NFD)".encode(), b"", b"a\r\nb", b"a\rb", b"a]]>b", b"a\x01b", b"\xc3(", b"a&nbsp;b",
             "Ủy ban nhân dân xã Số 4".encode(), b"&#34;B\xc3\xacnh d\xc3\xa2n&#34;", b"a&#13;b&#xd;c&#0009;",
             b"&#0;", b"&#xD800;", b"&#1114112;", b"&#x110000;", b"&#xFFFE;", b"&#65533; &#x10FFFF;"]
    damaged = 0
    for i, text in enumerate(texts):
        variant = _with_text(path, tmp_path, f"t{i}", text)
        expected = lint_docx(variant)
        if [v.rule_id for v in expected] == ["DOCX-OPEN"]:  # not XML: nothing to read, only the finding
            damaged += 1
            assert session.lint(str(variant), parts_of(variant).get) == expected
        else:
            same_as_lint(session, variant)
    # "]]>", a control character, bytes that are not UTF-8, "&nbsp;" (not an XML entity), and
    # by number: NUL, a surrogate, two beyond Unicode, U+FFFE
    assert damaged == 9
    assert session.filled >= 8
    # A superscript run is a footnote mark or words by its text: never filled in.
    filled = session.filled
    for i, mark in enumerate([b"1", b"abc", b"2", b"(3)", b"*", b"x"]):
        same_as_lint(session, _with_text(path, tmp_path, f"s{i}", b"xin", superscript=mark))
    assert session.filled == filled


def test_a_damaged_piece_is_never_filled_in_from_its_skeleton(built_documents, tmp_path):
    session = Session()
    path = built_documents[0]
    for name, text in (("a", "Lần một"), ("b", "Lần hai"), ("c", "Lần ba")):
        same_as_lint(session, _with_text(path, tmp_path, name, text.encode()))
    filled = session.filled
    assert filled > 0  # paragraphs of one skeleton: in one document already, and in each after
    [violation] = session.lint("x.docx", parts_of(_with_text(path, tmp_path, "d", b"a]]>b")).get)
    assert (violation.rule_id, violation.found) == ("DOCX-OPEN", "nội dung hỏng (XMLSyntaxError)")
    same_as_lint(session, _with_text(path, tmp_path, "e", "Lần bốn".encode()))
    assert session.filled > filled


def _with_paragraph(path: Path, tmp_path: Path, name: str, paragraph: bytes) -> Path:
    """A copy of ``path`` whose body begins with ``paragraph`` (bytes as in the XML)."""
    parts = parts_of(path)
    body = parts["word/document.xml"]
    at = body.index(b"<w:body>") + len(b"<w:body>")
    parts["word/document.xml"] = body[:at] + paragraph + body[at:]
    out = tmp_path / f"{name}.docx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, data in parts.items():
            zf.writestr(part, data)
    return out


@pytest.mark.parametrize("kept", ["\U000f0000".encode(), "\U000f0005".encode(), b"&#983040;"],
                         ids=["slot-0", "no-such-slot", "reference"])
def test_a_mark_written_in_the_skeleton_is_not_taken_for_a_text(built_documents, tmp_path, kept):
    # Text the slots do not take ("</w:t >" ends a w:t too) stays in the skeleton; if it holds a
    # character of the marks' range, the template must not read it as a slot (nor as one it lacks).
    session = Session()
    for i, text in enumerate(["Lần một", "\U000f0000", "Lần ba", "Lần bốn"]):
        paragraph = b"<w:p><w:r><w:t>" + text.encode() + b"</w:t><w:t>" + kept + b"</w:t ></w:r></w:p>"
        same_as_lint(session, _with_paragraph(built_documents[0], tmp_path, f"m{i}", paragraph))
    assert session.filled > 0  # the other paragraphs still are


@pytest.mark.parametrize("inside", [b"<w:br/>", b"<w:lastRenderedPageBreak/>"], ids=["break", "page-break"])
def test_a_superscript_run_with_no_words_of_its_own_is_never_filled_in(built_documents, tmp_path, inside):
    # Whether a superscript run is a footnote mark (and left out, with its breaks) is judged by
    # every w:t in it, a text box's too, though only its own w:t make its words.
    session = Session()
    for i, text in enumerate([b"abc", b"def", b"1", b"ghi"]):
        run = (b'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>' + inside +
               b'<w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r><w:t>' +
               text + b"</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
        paragraph = "<w:p><w:r><w:t>Đoạn văn</w:t></w:r>".encode() + run + b"<w:r><w:t>sau</w:t></w:r></w:p>"
        same_as_lint(session, _with_paragraph(built_documents[0], tmp_path, f"s{i}", paragraph))
    assert session.filled > 0


def test_a_document_not_in_utf8_is_never_filled_in(built_documents, tmp_path):
    # Its marks and its texts are other characters to the parser: bytes that are U+F0000 in
    # UTF-8 are four Latin-1 letters, which a template would take for a text of the skeleton.
    parts = parts_of(built_documents[0])
    body = parts["word/document.xml"].decode("utf-8").encode("latin-1", errors="xmlcharrefreplace")
    assert body.startswith(b'<?xml version="1.0" encoding="UTF-8"')
    parts["word/document.xml"] = body.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"', 1)
    latin = tmp_path / "latin.docx"
    with zipfile.ZipFile(latin, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, data in parts.items():
            zf.writestr(part, data)
    session = Session()
    for i, text in enumerate([b"abc", "\U000f0000".encode(), b"def", b"ghi"]):
        paragraph = b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>"
        same_as_lint(session, _with_paragraph(latin, tmp_path, f"l{i}", paragraph))
    assert session.filled == 0


@pytest.mark.parametrize("data, mark, start", [
    (b"<!x", b"<!", 0), (b"a<!", b"<!", 0), (b"!<", b"<!", 0), (b"ab!c<?", b"<?", 3), (b"<?xml?><b>?</b>", b"<?", 7),
    (b"<?xml?><b><?pi?>", b"<?", 7), (b"<?", b"<?", 0), (b"x<?", b"<?", 1), (b"x<?", b"<?", 2), (b"", b"<!", 0),
    (b"!!!<!", b"<!", 0), ("<w:t>Vì sao?</w:t><!-- c -->".encode(), b"<!", 0), ("<w:t>Vì sao?</w:t>".encode(), b"<?", 0)])
def test_a_comment_or_instruction_is_found_as_a_plain_search_finds_it(data, mark, start):
    from pipeline.lint.session import _holds

    assert _holds(data, mark, start) == (data.find(mark, start) >= 0)
