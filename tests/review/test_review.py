"""``vanban review``: the text of every built DOCX, what changed, and a page checked in a real browser.

Real tools only: pandoc (text), LibreOffice and poppler (first pages), git (--since),
headless Chromium (the page as a reader sees it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import Browser
from conftest import vanban_in as vanban

from pipeline.review.page import diff_rows, plain, word_diff

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"

OLD = "Tiếp tục quán triệt và tổ chức thực hiện tốt các chủ trương của Đảng."
NEW = "Tiếp tục quán triệt và tổ chức thực hiện nghiêm các chủ trương, nghị quyết của Đảng."
KH_TINH_SUBJECT = "Phát động phong trào thi đua đặc biệt lập thành tích chào mừng Đại hội Đảng bộ các cấp"




def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def manifest(work: Path) -> list[dict]:
    return json.loads((work / "out" / "mau" / "manifest.json").read_text(encoding="utf-8"))["documents"]


class Page(HTMLParser):
    """Links, images, text and the <html lang> of an HTML page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.images: list[str] = []
        self.text: list[str] = []
        self.lang = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        if tag in ("link", "script", "iframe"):
            self.links.append(attrs.get("href") or attrs.get("src") or f"<{tag}>")

    def handle_data(self, data):
        self.text.append(data)

    @property
    def plain_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def local_target(base: Path, href: str) -> Path:
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc and not href.startswith("/"), f"not a relative link: {href}"
    return (base / unquote(parts.path)).resolve()


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> dict:
    """Build the mini data, review; edit one sentence and rename one document, build, review again."""
    work = tmp_path_factory.mktemp("review")
    shutil.copytree(MINI, work / "data", ignore=shutil.ignore_patterns("*.sqlite3*"))
    ok(vanban(work, "build"))
    # A PDF as ``vanban pdf`` would leave it, for one document: the page must link it and use it.
    pdf_dir = work / "out" / "mau" / "pdf"
    subprocess.run(["soffice", "-env:UserInstallation=file:///tmp/vanban-review-test-lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(pdf_dir), str(work / "out" / "mau" / "kh-tinh.docx")],
                   capture_output=True, timeout=180, check=True)
    first = ok(vanban(work, "review"))
    review = work / "out" / "mau" / "review"
    state = {"work": work, "review": review, "first": first,
             "first_changes": (review / "changes.md").read_text(encoding="utf-8"),
             "first_manifest": manifest(work)}
    campaign = work / "data" / "chien-dich" / "mau.yaml"
    edit(campaign, OLD, NEW)
    edit(campaign, "  - ma: tb-huyen-van-yen\n", "  - ma: tb-huyen-van-yen-moi\n")
    ok(vanban(work, "build"))
    state["second"] = ok(vanban(work, "review"))
    state["changes"] = (review / "changes.md").read_text(encoding="utf-8")
    state["html"] = (review / "index.html").read_text(encoding="utf-8")
    return state


def test_text_of_each_built_docx(reviewed):
    review = reviewed["review"]
    text = (review / "kh-tinh.md").read_text(encoding="utf-8")
    # The trích yếu is set in balanced lines: Markdown line breaks ("**  \n**") inside it.
    assert "**Phát động phong trào thi đua đặc biệt**  \n**lập thành tích chào mừng Đại hội Đảng bộ các cấp**" in text
    assert KH_TINH_SUBJECT in text.replace("**  \n**", " ")
    assert "./." in text
    assert "188/KH-UBND" in text
    for doc in manifest(reviewed["work"]):
        md = (review / f"{doc['id']}.md").read_text(encoding="utf-8")
        assert md.strip() and "./." in md, doc["id"]
    assert not (review / "tb-huyen-van-yen.md").exists(), "the text of a removed document stays behind"


def test_first_review_has_nothing_to_compare(reviewed):
    assert reviewed["first_changes"].startswith("# Thay đổi so với lần xem trước\n")
    assert "lần xem đầu tiên" in reviewed["first_changes"]
    assert "lần xem đầu tiên" in reviewed["first"]
    assert reviewed["first"].count("\n") == 1, "one summary line when stdout is not a terminal"


def test_changes_since_previous_review(reviewed):
    changes = reviewed["changes"]
    assert changes.startswith("# Thay đổi so với lần xem trước\n")
    lines = changes.splitlines()
    plus = [line for line in lines if line.startswith("+") and not line.startswith("+++")]
    minus = [line for line in lines if line.startswith("-") and not line.startswith("---")]
    assert any(NEW in line for line in plus), changes
    assert any(OLD in line for line in minus), changes
    assert not any(OLD in line for line in plus) and not any(NEW in line for line in minus)
    start = lines.index("```diff")
    assert any(NEW in line for line in lines[start:lines.index("```", start)])
    assert "### `cv-ldld`" in changes
    assert "## Văn bản mới\n\n- `tb-huyen-van-yen-moi` — Thông báo (dự thảo):" in changes
    assert "## Văn bản bị bỏ\n\n- `tb-huyen-van-yen` — Thông báo (dự thảo):" in changes
    assert "1 thay đổi, 1 mới, 1 bị bỏ" in reviewed["second"]


def test_previous_texts_are_this_review(reviewed):
    previous = reviewed["review"] / ".truoc"
    assert previous.is_dir()
    assert NEW in (previous / "cv-ldld.md").read_text(encoding="utf-8")
    assert {p.stem for p in previous.glob("*.md")} == {d["id"] for d in manifest(reviewed["work"])}
    assert sorted(p.name for p in reviewed["review"].glob(".truoc*")) == [".truoc", previous.resolve().name], \
        "one set of previous texts, no leftovers"


def test_index_links_resolve(reviewed):
    review = reviewed["review"]
    page = Page(reviewed["html"])
    assert page.lang == "vi"
    assert page.links and page.images
    for href in page.links + page.images:
        if href.startswith("#"):
            assert f'id="{href[1:]}"' in reviewed["html"], href
        else:
            assert local_target(review, href).is_file(), href
    hrefs = set(page.links)
    for doc in manifest(reviewed["work"]):
        assert {f"../{doc['file']}", f"{doc['id']}.html", f"{doc['id']}.md"} <= hrefs, doc["id"]
        assert f"thumbs/{doc['id']}.png" in page.images, doc["id"]
    assert "../pdf/kh-tinh.pdf" in hrefs
    assert "changes.md#cv-ldld" in hrefs
    assert "<script" not in reviewed["html"] and "http" not in reviewed["html"].replace("http-equiv", "")


def test_page_shows_cascade_status_and_changes(reviewed):
    page = Page(reviewed["html"]).plain_text
    assert "Đã ban hành" in page and "Dự thảo" in page
    assert "Số 188/KH-UBND" in page and "Số 277-KH/ĐUK" in page
    assert "Ủy ban nhân dân tỉnh Yên Bái" in page and "30/08/2024" in page
    assert "Có thay đổi" in page and "Văn bản mới" in page and "Văn bản bị bỏ" in page
    html = reviewed["html"]
    # the tree: qd-khen-thuong sits inside the branch of the Trạm Tấu plan, which sits inside kh-tinh's
    assert html.index('id="kh-tinh"') < html.index('id="kh-huyen--ubnd-huyen-tram-tau"') < html.index('id="qd-khen-thuong"')
    # kh-tinh's children, and the children of the Trạm Tấu plan, the Văn Yên plan and kh-duk
    assert html.count('<ul class="branch">') == 4


def test_the_summary_links_to_what_changed(reviewed):
    summary = " ".join(reviewed["html"].split('<p class="summary">', 1)[1].split("</p>", 1)[0].split())
    assert '<strong>1</strong> văn bản có nội dung thay đổi (<a href="#cv-ldld">cv-ldld</a>),' in summary
    assert '<strong>1</strong> văn bản mới (<a href="#tb-huyen-van-yen-moi">tb-huyen-van-yen-moi</a>),' in summary
    assert '<strong>1</strong> văn bản bị bỏ (<a href="#bi-bo">xem</a>).' in summary


def test_the_text_of_a_document_is_rendered_not_markup(reviewed):
    html = (reviewed["review"] / "kh-tinh.html").read_text(encoding="utf-8")
    page = Page(html)
    assert page.lang == "vi"
    text = page.plain_text
    assert "I. MỤC ĐÍCH, YÊU CẦU" in text and "- Phong trào thi đua được triển khai sâu rộng & hiệu quả <ở mọi cấp>." in text
    assert "**" not in text and "\\-" not in text and "\\<" not in text  # no Markdown left to read
    assert "<strong>" in html and "<table>" in html  # bold is bold; the header is a table
    assert "<ở mọi cấp>" not in html  # text from the sources stays text
    assert "index.html#kh-tinh" in page.links and "kh-tinh.md" in page.links


LAYOUT = """(() => {
  const box = e => e.getBoundingClientRect();
  const cards = Array.from(document.querySelectorAll('article.doc'));
  return {
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    narrowestSubject: Math.min(...Array.from(document.querySelectorAll('.subject')).map(e => box(e).width)),
    stacked: cards.every(c => box(c.querySelector('.thumb')).bottom <= box(c.querySelector('.info')).top + 1),
    sideBySide: cards.every(c => box(c.querySelector('.thumb')).right <= box(c.querySelector('.info')).left + 1),
    cardsInside: cards.every(c => box(c).left >= 0 && box(c).right <= window.innerWidth + 0.5),
    imagesLoaded: Array.from(document.images).every(i => i.complete && i.naturalWidth > 0),
    text: document.body.innerText,
  };
})()"""


@pytest.mark.parametrize("width", [412, 1400])
def test_page_in_headless_chromium(reviewed, tmp_path, width):
    """A phone's width (412 px) stacks each card and indents the tree little; a wide screen keeps
    the first page beside the text. Screenshots: $VANBAN_SCREENSHOTS/review-<width>.png when set."""
    index = reviewed["review"] / "index.html"
    browser = Browser(tmp_path / "chromium", width=width, height=900)
    try:
        browser.open(index.as_uri())
        layout = browser.wait_for(f"(() => {{ const l = {LAYOUT}; return l.imagesLoaded ? l : null; }})()")
        if os.environ.get("VANBAN_SCREENSHOTS"):
            browser.screenshot(Path(os.environ["VANBAN_SCREENSHOTS"]) / f"review-{width}.png", full_page=False)
    finally:
        browser.close()
    for doc in manifest(reviewed["work"]):
        assert " ".join(doc["subject"].split()) in " ".join(layout["text"].split()), doc["id"]
    assert layout["overflow"] <= 0, "the page is wider than the screen"
    assert layout["cardsInside"]
    if width == 412:
        assert layout["stacked"]
        assert layout["narrowestSubject"] >= 250, "a subject squeezed into a narrow column"
    else:
        assert layout["sideBySide"]
        assert layout["narrowestSubject"] >= 500


def test_since_git_revision(tmp_path):
    repo, _git, _env = git_repo(tmp_path)
    edit(repo / "data" / "chien-dich" / "mau.yaml", OLD, NEW)
    ok(vanban(repo, "build"))
    # A first review compares with git by itself: here the sources differ from the last commit.
    first = ok(vanban(repo, "review"))
    assert "; so với lần commit cuối (" in first and "1 thay đổi, 0 mới, 0 bị bỏ" in first
    html = (repo / "out" / "mau" / "review" / "index.html").read_text(encoding="utf-8")
    assert "So với <strong>lần commit cuối (" in html and '(<a href="#cv-ldld">cv-ldld</a>)' in html
    out = ok(vanban(repo, "review", "--since", "HEAD"))
    assert "so với phiên bản HEAD (" in out
    changes = (repo / "out" / "mau" / "review" / "changes.md").read_text(encoding="utf-8")
    assert changes.startswith("# Thay đổi so với phiên bản HEAD (")
    assert any(line.startswith("+") and NEW in line for line in changes.splitlines())
    assert any(line.startswith("-") and OLD in line for line in changes.splitlines())
    assert "### `cv-ldld`" in changes and changes.count("### `") == 1, "only the edited document changed"
    bad = vanban(repo, "review", "--since", "khong-co-nhanh-nay")
    assert bad.returncode == 1 and "không có phiên bản git 'khong-co-nhanh-nay'" in bad.stderr


def test_review_before_build_says_what_to_do(tmp_path):
    result = vanban(tmp_path, "review")
    assert result.returncode == 1
    assert "hãy chạy vanban build trước" in result.stderr and "Traceback" not in result.stderr


def test_word_diff_marks_only_changed_words():
    old, new = word_diff("thực hiện tốt các chủ trương", "thực hiện nghiêm các chủ trương")
    assert old == [(False, "thực hiện "), (True, "tốt"), (False, " các chủ trương")]
    assert new == [(False, "thực hiện "), (True, "nghiêm"), (False, " các chủ trương")]


def test_diff_rows_read_as_text():
    rows = diff_rows(["--- trước/a.md", "+++ nay/a.md", "@@ -1,3 +1,3 @@", " **1. Mục đích**", "",
                      "-\\- Huy động \\<mọi\\> lực lượng.", "+\\- Huy động mọi lực lượng.", "@@ -9 +9 @@", "+Mới."])
    assert [r.kind for r in rows] == ["ctx", "del", "add", "hunk", "add"]
    assert rows[0].parts == [(False, "1. Mục đích")]
    assert "".join(t for _c, t in rows[1].parts) == "- Huy động <mọi> lực lượng."
    assert plain("<p><strong>CHỦ TỊCH</strong></p>") == "CHỦ TỊCH"
    assert plain("<td>&lt;ở mọi cấp&gt;</td>") == "<ở mọi cấp>"
    only_layout = diff_rows(["@@ -1,4 +1,4 @@", " <table>", "-<thead>", "+<tbody>", " <tr>"])
    assert [r.kind for r in only_layout] == ["note"]


def test_stale_sources_are_those_the_last_build_did_not_read(tmp_path):
    """A build with nothing to redo leaves the manifest as it was: the warning must not stay."""
    from pipeline.review.review import _stale_sources

    shutil.copytree(MINI, tmp_path / "data", ignore=shutil.ignore_patterns("*.sqlite3*"))
    ok(vanban(tmp_path, "build"))
    campaign = tmp_path / "data" / "chien-dich" / "mau.yaml"
    later = time.time() + 60
    os.utime(campaign, (later, later))  # saved again, unchanged (an editor's "save all")
    ok(vanban(tmp_path, "build"))
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert _stale_sources(Path("data"), [Path("out") / "mau"]) == []
        edit(campaign, OLD, NEW)
        assert _stale_sources(Path("data"), [Path("out") / "mau"]) == [
            "Cảnh báo: data/chien-dich/mau.yaml đã sửa sau lần build cuối; bản xem lại là các văn bản đã build. "
            "Hãy chạy vanban build rồi xem lại."]
    finally:
        os.chdir(cwd)


def git_repo(tmp_path: Path) -> tuple[Path, list[str], dict]:
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "data", ignore=shutil.ignore_patterns("*.sqlite3*"))
    git = ["git", "-c", "user.name=Văn thư", "-c", "user.email=vanthu@example.invalid", "-c", "commit.gpgsign=false"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    for args in (["init", "-q"], ["add", "data"], ["commit", "-q", "-m", "nguồn"]):
        subprocess.run([*git, *args], cwd=repo, check=True, capture_output=True, env=env)
    return repo, git, env


def test_the_automatic_baseline_is_the_last_commit_when_the_sources_were_edited_since(tmp_path):
    from pipeline.review.review import automatic_revision

    repo, git, env = git_repo(tmp_path)
    assert automatic_revision(repo / "data") is None  # one commit, nothing edited: nothing before to compare with
    edit(repo / "data" / "chien-dich" / "mau.yaml", OLD, NEW)
    assert automatic_revision(repo / "data") == ("HEAD", "lần commit cuối")
    subprocess.run([*git, "commit", "-q", "-am", "sửa"], cwd=repo, check=True, capture_output=True, env=env)
    assert automatic_revision(repo / "data") == ("HEAD~1", "commit trước")  # as committed: show the last commit
    assert automatic_revision(tmp_path) is None  # not in git: a first review compares with nothing


def test_changes_md_shows_source_text_as_text_never_as_markup(tmp_path):
    """A trích yếu carrying <script>, a link and stars reaches changes.md escaped; rendered, it is the same text."""
    from pipeline.review.campaign import Baseline
    from pipeline.review.review import changes_markdown, compare

    subject = "<script>alert(1)</script> [bấm](javascript:alert(1)) *đậm* & <b>"
    manifest = {"campaign": "mau", "name": "Chiến dịch <i>mẫu</i>",
                "documents": [{"id": "moi", "type": "cong_van", "number": None, "subject": subject}]}
    review = compare(tmp_path, manifest, {"moi": "Nội dung.\n"}, Baseline("previous", "lần xem trước", {}, {}))
    text = changes_markdown(review)
    assert "<script>" not in text and "<i>" not in text
    html = subprocess.run(["pandoc", "-f", "gfm", "-t", "html", "--wrap=none"], input=text, capture_output=True, text=True,
                          check=True, timeout=60).stdout
    assert "<script" not in html and "<a " not in html and "<em>" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [bấm](javascript:alert(1)) *đậm* &amp; &lt;b&gt;" in html


def test_a_text_the_review_did_not_write_is_reported_and_kept(tmp_path):
    from pipeline.review.campaign import Baseline, CampaignReview
    from pipeline.review.review import write_texts

    folder = tmp_path / "review"
    (folder / ".truoc").mkdir(parents=True)
    (folder / ".truoc" / "manifest.json").write_text(json.dumps({"documents": [{"id": "cu"}]}), encoding="utf-8")
    (folder / "cu.md").write_text("văn bản đã bỏ\n", encoding="utf-8")  # written by the last review
    (folder / "ghi-chu.md").write_text("ghi chú của người duyệt\n", encoding="utf-8")  # not vanban's
    review = CampaignReview(tmp_path, {"campaign": "mau", "documents": [{"id": "moi"}]}, {"moi": "Mới.\n"},
                            Baseline("first", "lần xem đầu tiên"))
    warnings: list[str] = []
    write_texts(review, warnings)
    assert sorted(p.name for p in folder.glob("*.md")) == ["ghi-chu.md", "moi.md"]
    assert warnings == [f"Cảnh báo: {folder / 'ghi-chu.md'} không do vanban review tạo; vanban để nguyên tệp này."]
