"""The ``vanban`` command: a thin click layer over the stage functions."""

from __future__ import annotations

import codecs
import datetime as _dt
import difflib
import errno
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

import click

from pipeline import __version__
from pipeline.errors import PipelineError, RegisterError, SourceErrors
from pipeline.i18n import _, set_language

DEFAULT_DATA = Path("data")
DEFAULT_OUTPUT = Path("output")
REGISTER_ENV = "VANBAN_REGISTER"


class DateParam(click.ParamType):
    """A date on the command line as in the sources, dd/mm/yyyy (d/m/yyyy), or ISO yyyy-mm-dd."""

    name = "dd/mm/yyyy"

    def convert(self, value, param, ctx) -> _dt.date:
        if isinstance(value, _dt.date):
            return value
        from pipeline.vietnamese.format import DateFormatError, parse_date

        text = str(value).strip()
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return _dt.date.fromisoformat(text)
            return parse_date(text)
        except ValueError as exc:  # DateFormatError is one
            if isinstance(exc, DateFormatError) and str(exc) == "form":
                self.fail(_("cần ngày dạng dd/mm/yyyy (ví dụ 15/10/2024) hoặc yyyy-mm-dd, nhận được '{text}'").format(
                    text=text), param, ctx)
            self.fail(_("ngày '{text}' không có trong lịch").format(text=text), param, ctx)


class DateOrRelativeParam(DateParam):
    """A date, or one counted from another as the sources allow ("3 ngày làm việc sau ngay_cha"), as written."""

    name = "dd/mm/yyyy"

    def convert(self, value, param, ctx) -> str:
        from pipeline.vietnamese.format import format_date_input
        from pipeline.vietnamese.workdays import parse_relative

        if parse_relative(str(value).strip()) is not None:
            return str(value).strip()
        return format_date_input(super().convert(value, param, ctx))


class Choice(click.Choice):
    """click.Choice, saying in the clerk's language what it accepts."""

    def convert(self, value, param, ctx):
        if value in self.choices:
            return value
        self.fail(_("cần một trong: {choices}; nhận được '{value}'").format(
            choices=", ".join(map(str, self.choices)), value=value), param, ctx)


def default_register(data_dir: Path) -> Path:
    return Path(os.environ[REGISTER_ENV]) if os.environ.get(REGISTER_ENV) else data_dir / "so-dang-ky.sqlite3"


class Settings:
    def __init__(self, data: Path, output: Path, register: Path | None):
        self.data = data
        self.output = output
        self.register = register or default_register(data)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vanban")
@click.option("--lang", type=Choice(["vi", "en"]), default=None,
              help="Ngôn ngữ thông báo (vi, en); mặc định $VANBAN_LANG hoặc vi.")
@click.option("--data", "data", type=click.Path(path_type=Path), default=DEFAULT_DATA, show_default=True,
              help="Thư mục nguồn YAML.")
@click.option("--output", "output", type=click.Path(path_type=Path), default=DEFAULT_OUTPUT, show_default=True,
              help="Thư mục kết quả.")
@click.option("--register", "register", type=click.Path(path_type=Path), default=None,
              help="Tệp sổ đăng ký (SQLite); mặc định data/so-dang-ky.sqlite3 hoặc $VANBAN_REGISTER.")
@click.pass_context
def cli(ctx: click.Context, lang: str | None, data: Path, output: Path, register: Path | None) -> None:
    """vanban: văn bản hành chính từ nguồn YAML (Nghị định 30/2020/NĐ-CP, HD 36-HD/VPTW)."""
    set_language(lang)
    warn_unfit_console()
    ctx.obj = Settings(data, output, register)


STRICT_HELP = ("Coi cảnh báo là lỗi (văn bản triển khai chép nguyên văn bản cha, nhắc cơ quan cấp khác, chữ dán "
               "từ Word bị đọc khác đi…); make dùng.")


def show_warnings(warnings: list) -> None:
    """Print warnings as the clerk's editor reads them (file:line:col), then how many."""
    from pipeline.errors import sorted_problems

    for problem in sorted_problems(warnings):
        click.echo(problem.format(), err=True)
    if warnings:
        click.echo(_("{n} cảnh báo; chạy với --strict để coi là lỗi.").format(n=len(warnings)), err=True)


@cli.command()
@click.option("--strict", is_flag=True, help=STRICT_HELP)
@click.pass_obj
def check(settings: Settings, strict: bool) -> None:
    """Kiểm tra toàn bộ nguồn, không ghi gì."""
    from pipeline.cascade.check import check_sources
    from pipeline.docx.header import header_problems, issuers
    from pipeline.vietnamese.format import format_date_input
    from pipeline.vietnamese.workdays import is_working_day

    warnings: list = []
    sources, trees = check_sources(settings.data, settings.register, strict=strict, warnings=warnings)
    # Header names that fit their column at no allowed size (the layout's own warnings).
    layout = header_problems(sources.registry, issuers(trees))
    if strict and layout:
        raise SourceErrors(warnings + layout)
    show_warnings(warnings + layout)
    total = sum(len(t.documents) for t in trees)
    drafts = sum(1 for t in trees for d in t.documents if d.is_draft)
    click.echo(_("Nguồn hợp lệ: {files} tệp, {campaigns} chiến dịch, {docs} văn bản ({drafts} dự thảo).").format(
        files=len(sources.files), campaigns=len(trees), docs=total, drafts=drafts))
    # Dates written relative to another ("5 ngày làm việc trước han_cha"), as computed.
    for doc in (d for t in trees for d in t.documents if d.computed_dates):
        shown = []
        for c in doc.computed_dates:
            day_off = "" if is_working_day(c.date) else " " + _("(ngày nghỉ)")
            shown.append(f"{c.field} = {c.written} → {format_date_input(c.date)}{day_off}")
        click.echo(f"{doc.id}: " + "; ".join(shown))


@cli.command()
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help="Số tiến trình tạo và kiểm tra văn bản; mặc định số lõi.")
@click.option("--strict", is_flag=True, help=STRICT_HELP)
@click.pass_obj
def build(settings: Settings, jobs: int | None, strict: bool) -> object:
    """Tạo mọi văn bản DOCX và manifest vào thư mục kết quả (chỉ tạo lại văn bản đã thay đổi)."""
    from pipeline.build.build import BuildOptions, run_build
    from pipeline.build.lock import output_lock
    from pipeline.build.progress import BuildProgress

    with output_lock(settings.output, campaigns=False), BuildProgress() as progress:  # its length: run_build's
        report = run_build(BuildOptions(settings.data, settings.output, settings.register, jobs=jobs,
                                        strict=strict), progress=progress)
    show_warnings(report.warnings)
    for foreign in report.foreign:  # files in output/ the build did not write: kept, said
        click.echo(foreign, err=True)
    for path in report.manifests:
        click.echo(_("Đã ghi {path}").format(path=path))
    click.echo(progress.summary(report))
    if report.unchanged:
        click.echo(_("{n} văn bản không đổi từ lần tạo trước.").format(n=report.unchanged))
    return LeaveAtOnce(report)


@cli.command()
@click.argument("document", metavar="MÃ-VĂN-BẢN")
@click.option("--date", "date", type=DateParam(), default=None,
              help="Ngày ban hành dd/mm/yyyy (hoặc yyyy-mm-dd); mặc định hôm nay.")
@click.option("--days-ahead", "days_ahead", type=click.IntRange(0, 366), default=0, show_default=True,
              help="Số ngày sau hôm nay mà --date được phép.")
@click.pass_obj
def issue(settings: Settings, document: str, date: _dt.date | None, days_ahead: int) -> None:
    """Cấp số cho văn bản MÃ-VĂN-BẢN (mã văn bản, hoặc chiến-dịch/mã) sau khi đã ký."""
    from pipeline.build.claims import check_register_knows_output
    from pipeline.build.lock import output_lock
    from pipeline.cascade.issue import issue_document

    with output_lock(settings.output, shared=True):  # never while a build runs
        check_register_knows_output(settings.register, settings.output)
        issue_document(settings.data, settings.register, document, date, days_ahead)


@cli.command()
@click.argument("document", metavar="MÃ-VĂN-BẢN")
@click.option("--ly-do", "reason", required=True, metavar="LÝ-DO", help="Vì sao hủy số (ghi vào sổ đăng ký).")
@click.pass_obj
def void(settings: Settings, document: str, reason: str) -> None:
    """Hủy số đã cấp nhầm cho văn bản MÃ-VĂN-BẢN: số không bao giờ được cấp lại, văn bản trở lại dự thảo."""
    from pipeline.build.claims import check_register_knows_output
    from pipeline.build.lock import output_lock
    from pipeline.cascade.issue import void_document

    with output_lock(settings.output, shared=True):  # never while a build runs
        check_register_knows_output(settings.register, settings.output)
        void_document(settings.data, settings.register, document, reason)


@cli.command()
@click.option("--trang", "pages", is_flag=True,
              help="Kiểm tra cả trên trang in (in qua LibreOffice): khối chữ ký không tách trang, có nội dung "
                   "ở trên; tên cơ quan xuống dòng đúng cụm từ; trích yếu không có dòng chỉ một từ; Nơi nhận "
                   "không ngắt giữa một từ.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def lint(pages: bool, files: tuple[Path, ...]) -> None:
    """Kiểm tra thể thức của các tệp DOCX (kể cả văn bản soạn tay)."""
    from pipeline.lint.linter import format_violation, lint_paths

    paths = list(files) or sorted(DEFAULT_OUTPUT.glob("*/*.docx"))
    violations, checked = lint_paths(paths)
    if pages:
        from pipeline.lint.printed import lint_printed

        opened = {v.path for v in violations if v.rule_id == "DOCX-OPEN"}  # reported once already
        violations += [v for v in lint_printed(paths) if v.path not in opened]
    for violation in violations:
        click.echo(format_violation(violation))
    if violations:
        raise PipelineError(_("{n} lỗi thể thức trong {m} tệp.").format(
            n=len(violations), m=len({v.path for v in violations})))
    click.echo(_("Đúng thể thức: {n} tệp.").format(n=checked))


@cli.command()
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("schemas"), show_default=True)
def schema(out: Path) -> None:
    """Ghi JSON Schema của các loại tệp nguồn (cho trình soạn thảo)."""
    from pipeline.sources.fields import SCHEMAS
    from pipeline.sources.schema import json_schema_document

    out.mkdir(parents=True, exist_ok=True)
    for name, (root, title) in SCHEMAS.items():
        document = json_schema_document(root, title, f"{name}.schema.json")
        path = out / f"{name}.schema.json"
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        click.echo(_("Đã ghi {path}").format(path=path))


@cli.command("register")
@click.option("--issuer", default=None, help="Chỉ một cơ quan ban hành (mã).")
@click.option("--year", type=int, default=None, help="Chỉ một năm (theo ngày ban hành).")
@click.option("--format", "fmt", type=Choice(["xlsx", "csv"]), required=True)
@click.option("--sort", type=Choice(["so", "nguoi-ky"]), default="so", show_default=True,
              help="Thứ tự: theo số trong sổ, hoặc theo tên người ký (thứ tự chữ cái tiếng Việt).")
@click.option("-o", "--out", type=click.Path(path_type=Path), required=True, help="Tệp kết quả.")
@click.option("--overwrite", is_flag=True, help="Cho phép ghi đè một tệp đã có ngoài thư mục kết quả.")
@click.pass_obj
def register_export(settings: Settings, issuer, year, fmt, sort, out: Path, overwrite: bool) -> None:
    """Xuất Sổ đăng ký văn bản đi (NĐ 30, Phụ lục IV) ra xlsx hoặc csv."""
    from pipeline.register.export import export_register

    n = export_register(settings.register, settings.data, issuer, year, fmt, out, sort, settings.output, overwrite)
    click.echo(_("Đã ghi {n} văn bản vào {path}").format(n=n, path=out))


@cli.command()
@click.option("--archive", "archive", type=click.Path(path_type=Path), default=None,
              help="Kiểm tra một tệp archive.zip thay cho thư mục kết quả.")
@click.pass_obj
def verify(settings: Settings, archive: Path | None) -> None:
    """Đối chiếu tệp kết quả với manifest, manifest với sổ đăng ký; sổ không thiếu, không trùng số."""
    from pipeline.archive.verify import verify_all
    from pipeline.build.lock import output_lock

    with output_lock(settings.output):  # waits for a running build; finishes a killed one's commit
        problems, done = verify_all(settings.output, settings.register, archive, settings.data)
    for line in problems:
        click.echo(line)
    if problems:
        raise PipelineError(_("{n} chỗ không khớp.").format(n=len(problems)))
    click.echo(done)


@cli.command()
@click.option("--jobs", "-j", type=click.IntRange(1), default=None, help="Số tiến trình LibreOffice; mặc định số lõi.")
@click.option("--force", is_flag=True, help="Chuyển lại cả các tệp PDF chưa cũ.")
@click.pass_obj
def pdf(settings: Settings, jobs: int | None, force: bool) -> None:
    """Chuyển mọi văn bản DOCX trong thư mục kết quả sang PDF/A-2b (LibreOffice)."""
    from pipeline.archive.pdf import campaign_dirs, convert_campaigns
    from pipeline.lint.linter import format_violation

    report = convert_campaigns(campaign_dirs(settings.output), jobs, force, settings.register)
    for warning in report.warnings:
        click.echo(warning, err=True)
    click.echo(report.message())
    for violation in report.page_faults:  # each PDF is checked on its printed pages
        click.echo(format_violation(violation))
    if report.page_faults:
        raise PipelineError(_("{n} lỗi trình bày trên trang in trong {m} tệp.").format(
            n=len(report.page_faults), m=len({v.path for v in report.page_faults})))


@cli.command()
@click.argument("campaigns", nargs=-1, metavar="[CHIẾN-DỊCH]...")
@click.pass_obj
def archive(settings: Settings, campaigns: tuple[str, ...]) -> None:
    """Đóng gói văn bản đã ban hành (DOCX, PDF/A, edXML, sổ đăng ký) vào <chiến dịch>/archive.zip."""
    from pipeline.archive.pack import archive_campaigns

    for path in archive_campaigns(settings.data, settings.output, settings.register, campaigns):
        click.echo(_("Đã ghi {path}").format(path=path))


@cli.command()
@click.argument("documents", nargs=-1, required=True, metavar="MÃ-VĂN-BẢN...")
@click.option("--vai", "role", type=click.Choice(["nguoi-ky", "co-quan", "ca-hai"]), required=True,
              help="Ai ký: người ký (ảnh chữ ký), cơ quan (ảnh dấu, sau người ký), hoặc cả hai lần lượt.")
@click.option("--dinh-kem", "attachments", multiple=True, type=click.Path(path_type=Path),
              help="Phụ lục tách tệp (PDF) do cơ quan ký ở góc trên bên phải trang đầu; ghi nhiều lần nếu nhiều tệp.")
@click.pass_obj
def sign(settings: Settings, documents: tuple[str, ...], role: str, attachments: tuple[Path, ...]) -> None:
    """Ký số bản PDF/A của văn bản đã cấp số (PAdES), theo thể thức Nghị định 30, Phụ lục I.

    Mật khẩu tệp khóa hoặc mã PIN lấy từ biến môi trường ghi ở 'bien_mat_khau' trong danh mục
    (mặc định VANBAN_MAT_KHAU); không có thì lệnh hỏi, không hiện chữ gõ.
    """
    from pipeline.archive.sign import sign_documents
    from pipeline.build.lock import output_lock

    def ask(prompt: str) -> str:
        if not sys.stdin.isatty():
            raise PipelineError(_("chưa có mật khẩu hoặc mã PIN: hãy đặt biến môi trường ghi ở 'bien_mat_khau' "
                                  "(mặc định VANBAN_MAT_KHAU)"))
        return click.prompt(prompt, hide_input=True)

    with output_lock(settings.output):  # no build or other signing meanwhile
        for line in sign_documents(settings.data, settings.output, settings.register, documents, role,
                                   attachments, ask):
            click.echo(line)


@cli.group()
def new() -> None:
    """Thêm khung văn bản hoặc cơ quan mới vào tệp nguồn, giữ nguyên chú thích của tệp."""


@new.command("van-ban")
@click.option("--cha", "parent", default=None, metavar="MÃ",
              help="Mã văn bản cha (văn bản được triển khai); bỏ trống với văn bản gốc của tệp mới.")
@click.option("--co-quan", "issuer", required=True, metavar="MÃ", help="Mã cơ quan ban hành trong danh mục.")
@click.option("--loai", "doc_type", default=None, metavar="LOẠI",
              help="Loại văn bản (ke_hoach, cong_van, quyet_dinh, thong_bao, …); mặc định kế thừa từ văn bản cha.")
@click.option("--ma", "doc_id", default=None, metavar="MÃ", help="Mã văn bản mới; mặc định <loại>-<cơ quan>.")
@click.option("--ngay", "date", type=DateOrRelativeParam(), default=None, metavar="dd/mm/yyyy",
              help="Ngày (dự kiến) ban hành: dd/mm/yyyy, yyyy-mm-dd hoặc '3 ngày làm việc sau ngay_cha'; "
                   "mặc định hôm nay, hoặc một ngày đề xuất từ văn bản cha khi hôm nay đã qua hạn của nó.")
@click.option("--chien-dich", "campaign", required=True, metavar="TỆP",
              help="Tệp chiến dịch (data/chien-dich/<tên>.yaml) hoặc mã chiến dịch; tệp chưa có thì được tạo.")
@click.pass_obj
def new_document(settings: Settings, parent: str | None, issuer: str, doc_type: str | None, doc_id: str | None,
                 date: str | None, campaign: str) -> None:
    """Thêm khung một văn bản triển khai vào tệp chiến dịch."""
    from pipeline.cascade.scaffold import add_document
    from pipeline.clock import today
    from pipeline.errors import relative

    added = add_document(settings.data, campaign, issuer, parent, doc_type, doc_id, today(), date)
    click.echo(_("Đã thêm văn bản '{id}' vào {path}:{line}.").format(id=added.id, path=relative(added.path),
                                                                  line=added.line))
    if added.note:
        click.echo(_("Ngày: {note}").format(note=added.note))
    if added.written_anew:
        click.echo(_("Viết riêng: {why}").format(why=added.written_anew))
    click.echo(_("Điền các dòng cần viết riêng (bỏ '# ' ở đầu dòng); dòng nào để nguyên thì kế thừa "
                 "từ văn bản cha. Sau đó chạy make."))


@new.command("co-quan")
@click.option("--ma", "body_id", required=True, metavar="MÃ", help="Mã cơ quan mới (ví dụ ubnd-xa-ban-cong).")
@click.option("--cap-tren", "above", required=True, metavar="MÃ", help="Mã cơ quan cấp trên trực tiếp.")
@click.option("--he-thong", "system", required=True, metavar="HỆ-THỐNG", help="nha_nuoc, cong_doan hoặc dang.")
@click.option("--cap", "level", default=None, help="Cấp (ví dụ huyen, xa); mặc định như các cơ quan cùng cấp trên.")
@click.option("--file", "file", type=click.Path(path_type=Path), default=None, metavar="TỆP",
              help="Tệp danh mục; mặc định data/to-chuc.yaml.")
@click.pass_obj
def new_body(settings: Settings, body_id: str, above: str, system: str, level: str | None,
             file: Path | None) -> None:
    """Thêm khung một cơ quan vào danh mục tổ chức."""
    from pipeline.cascade.scaffold import PLACEHOLDER, PLACEHOLDER_SIGNER, add_body
    from pipeline.errors import relative

    added = add_body(settings.data, body_id, above, system, file, level)
    click.echo(_("Đã thêm cơ quan '{id}' vào {path}:{line}.").format(id=added.id, path=relative(added.path),
                                                                   line=added.line))
    click.echo(_("Thay mọi '{mark}' và '{name}' bằng tên thật, rồi chạy vanban check.").format(
        mark=PLACEHOLDER, name=PLACEHOLDER_SIGNER))


@cli.command()
@click.option("--since", "since", metavar="GIT-REV", default=None,
              help="So với phiên bản git GIT-REV thay cho lần xem trước.")
@click.pass_obj
def review(settings: Settings, since: str | None) -> None:
    """Bản xem lại: văn bản dạng Markdown, các thay đổi, trang index.html của từng chiến dịch."""
    from pipeline.review.review import review_output

    review_output(settings.output, settings.data, settings.register, since)


@cli.command()
@click.option("--chien-dich", "campaigns", multiple=True, metavar="MÃ",
              help="Chỉ xem các chiến dịch này (mã chiến dịch; ghi nhiều lần được); mặc định mọi chiến dịch.")
@click.option("--port", type=click.IntRange(0, 65535), default=8030, show_default=True,
              help="Cổng trên 127.0.0.1 (0: một cổng còn trống).")
@click.pass_obj
def preview(settings: Settings, campaigns: tuple[str, ...], port: int) -> None:
    """Xem trước từng trang văn bản trong trình duyệt; tự tạo lại và cập nhật khi lưu tệp YAML."""
    from pipeline.review.preview import Preview, serve

    serve(Preview(settings.data, settings.output, settings.register, campaigns), port)


@cli.command()
@click.option("-o", "--out", "out", type=click.Path(path_type=Path), required=True, help="Tệp bản sao.")
@click.option("--overwrite", is_flag=True, help="Cho phép ghi đè một tệp đã có ngoài thư mục kết quả.")
@click.pass_obj
def backup(settings: Settings, out: Path, overwrite: bool) -> None:
    """Sao lưu sổ đăng ký thành một tệp nhất quán, kể cả khi đang có người cấp số."""
    from pipeline.register.backup import backup_register

    result = backup_register(settings.register, out, settings.data, settings.output, overwrite)
    click.echo(_("Đã sao lưu sổ đăng ký vào {path}: {n} số.").format(path=result.path, n=result.entries))


def usage_message(exc: click.UsageError) -> str:
    """A usage mistake in the clerk's language: what was wrong, then where the help is."""
    command = exc.ctx.command_path if exc.ctx else "vanban"
    if isinstance(exc, click.NoSuchOption):
        text = _("không có tùy chọn {name}").format(name=exc.option_name)
        if exc.possibilities:
            text += "; " + _("có phải ý bạn là {names}?").format(names=", ".join(sorted(exc.possibilities)))
    elif isinstance(exc, click.MissingParameter):
        text = _("thiếu {what}").format(what=_param_name(exc.param) if exc.param else exc.message)
    elif isinstance(exc, click.BadParameter):
        text = (f"{_param_name(exc.param)}: " if exc.param else "") + _click_message(exc.message)
    elif match := re.match(r"No such command '(.+?)'", exc.message):
        text = _("không có lệnh '{name}'").format(name=match.group(1))
        known = exc.ctx.command.list_commands(exc.ctx) if exc.ctx and isinstance(exc.ctx.command, click.Group) else []
        close = difflib.get_close_matches(match.group(1), known, n=2, cutoff=0.6)
        if close:
            text += "; " + _("có phải ý bạn là {names}?").format(names=", ".join(f"'{c}'" for c in close))
    else:
        text = exc.message
    return f"{command}: {text}\n" + _("Xem: {command} --help").format(command=command)


# Click's own types say what was wrong in English ("'abc' is not a valid integer."): said again here.
_CLICK_MESSAGES = (
    (re.compile(r"'(?P<value>.*)' is not a valid integer(?: range)?\."), lambda m: _("cần một số nguyên, nhận được '{value}'").format(**m.groupdict())),
    (re.compile(r"'(?P<value>.*)' is not a valid float(?: range)?\."), lambda m: _("cần một số, nhận được '{value}'").format(**m.groupdict())),
    (re.compile(r"'(?P<value>.*)' is not one of (?P<choices>.*)\.", re.S),
     lambda m: _("cần một trong: {choices}; nhận được '{value}'").format(
         value=m["value"], choices=", ".join(re.findall(r"'([^']*)'", m["choices"])))),
    (re.compile(r"(?P<value>.*) is not in the range (?P<range>.*)\."),
     lambda m: _("{value} ngoài khoảng cho phép {range}").format(**m.groupdict())),
    (re.compile(r"(?:File|Directory|Path) '(?P<path>.*)' does not exist\."),
     lambda m: _("không có tệp hay thư mục '{path}'").format(**m.groupdict())),
    (re.compile(r"(?:File|Path) '(?P<path>.*)' is a directory\."),
     lambda m: _("'{path}' là một thư mục, cần một tệp").format(**m.groupdict())),
)


def _click_message(message: str) -> str:
    for pattern, said in _CLICK_MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return said(match)
    return message


def _param_name(param: click.Parameter) -> str:
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return param.human_readable_name


# --- the console and the system's errors ----------------------------------------------------------


_PLAIN = {"đ": "d", "Đ": "D", "…": "...", "—": "-", "–": "-", "→": "->", "“": '"', "”": '"', "‘": "'", "’": "'"}


def _nearest(error: UnicodeEncodeError) -> tuple[str, int]:
    """Write each letter the console cannot show as the nearest one it can: "ệ" as "ê" or "e", "đ" as "d"."""
    out = []
    for char in error.object[error.start:error.end]:
        parts = unicodedata.normalize("NFD", char)
        while parts:
            candidate = unicodedata.normalize("NFC", parts)
            try:
                candidate.encode(error.encoding)
                break
            except UnicodeEncodeError:
                parts = parts[:-1]
        out.append(candidate if parts else _PLAIN.get(char, "?"))
    return "".join(out), error.end


codecs.register_error("vanban-nearest", _nearest)


_UNFIT_CONSOLE: list[str] = []  # encodings of the console's streams that cannot show Vietnamese


def fit_console() -> None:
    """On a console that cannot show Vietnamese (PYTHONIOENCODING=latin-1), print the nearest letters
    instead of stopping on the first "ệ" (that ended in "Lỗi không mong đợi", status 2).

    ASCII is left to click, which writes UTF-8 to such a console.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            if codecs.lookup(encoding).name == "ascii":
                continue
            "ệđ".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="vanban-nearest")
                _UNFIT_CONSOLE.append(encoding)


def warn_unfit_console() -> None:
    """Say once, in the chosen language, that the console shows Vietnamese approximately."""
    if _UNFIT_CONSOLE:
        click.echo(_("Cảnh báo: cửa sổ lệnh này không hiện được đủ chữ tiếng Việt (bảng mã {encoding}); chữ có "
                     "dấu được viết gần đúng. Hãy đặt PYTHONIOENCODING=utf-8 hoặc LANG=C.UTF-8.").format(
            encoding=_UNFIT_CONSOLE[0]), err=True)
        _UNFIT_CONSOLE.clear()


def system_error_message(exc: OSError) -> str | None:
    """Say what a failure of the system (a full disk, a read-only folder…) means for the clerk; None if unknown."""
    where = exc.filename if exc.filename is not None else _("một tệp")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return _("Hết chỗ trống trên đĩa khi ghi {path}; việc đang làm đã dừng, các tệp đã ghi xong giữ nguyên, "
                 "không tệp nào bị ghi dở. Hãy giải phóng chỗ trống rồi chạy lại.").format(path=where)
    if exc.errno == errno.EROFS:
        return _("Không ghi được {path}: ổ đĩa hoặc thư mục này chỉ cho đọc. Hãy chọn một thư mục ghi được "
                 "(--output) rồi chạy lại.").format(path=where)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("Không có quyền ghi hoặc đọc {path}. Hãy cấp quyền cho thư mục đó, hoặc chọn thư mục khác "
                 "(--output), rồi chạy lại.").format(path=where)
    if exc.errno == errno.ELOOP:
        return _("{path} là một vòng liên kết tượng trưng (liên kết trỏ về chính nó); hãy xóa liên kết rồi "
                 "chạy lại.").format(path=where)
    if exc.errno == errno.EIO:
        return _("Lỗi đọc ghi đĩa với {path} ({reason}); hãy kiểm tra ổ đĩa rồi chạy lại.").format(
            path=where, reason=exc.strerror)
    return None


def run() -> None:
    """The ``vanban`` command (its script, ``python -m pipeline``): ``main``, then, after a build, the end at once."""
    result = main()  # held until the end: what it keeps is never freed object by object
    if isinstance(result, LeaveAtOnce):
        _leave_at_once()


def main() -> object:
    """Run the CLI; any unexpected error still ends in one readable line, never a traceback.

    Returns what the command returned: tests and other callers run it in their own process.
    """
    fit_console()
    try:
        result = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(_("Đã dừng."), err=True)
        sys.exit(1)
    except click.UsageError as exc:  # a clerk's mistake like any other: status 1 (click's own would be 2)
        click.echo(usage_message(exc), err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except (SourceErrors, RegisterError) as exc:  # pragma: no cover - subclasses of ClickException
        exc.show()
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - last line of defence for clerks
        if os.environ.get("VANBAN_DEBUG"):
            raise
        message = system_error_message(exc) if isinstance(exc, OSError) else None
        if message is not None:  # the system's, not the program's: said in the clerk's words, status 1
            click.echo(message, err=True)
            sys.exit(1)
        click.echo(_("Lỗi không mong đợi: {kind}: {detail}").format(kind=type(exc).__name__, detail=exc), err=True)
        click.echo(_("Hãy gửi thông báo này cho bộ phận kỹ thuật; đặt VANBAN_DEBUG=1 để xem chi tiết."), err=True)
        sys.exit(2)
    return result


class LeaveAtOnce:
    """What a command returns when all it made is written, closed and said; ``kept``: what it made.

    ``run`` then ends the process at once with ``kept`` still held: a build's report holds its
    trees, and freeing them as the command returned cost 0.06 s of the 10k build.
    """

    def __init__(self, kept: object = None):
        self.kept = kept


def _leave_at_once() -> None:
    """End the process without freeing what the command made object by object.

    After a one-leaf edit at 100k documents, the interpreter took 0.2 s to tear down the
    registry and trees (more after a full build); the operating system takes the memory back
    at once. What the interpreter would still do that matters is done first: the output
    flushed, threads joined and the exit handlers run (``threading._shutdown`` and
    ``atexit._run_exitfuncs``, as ``Py_FinalizeEx`` calls them). Only ``run``, the command's
    own entry, does this: ``main`` called in another process (a test) returns as before.
    """
    import atexit
    import threading

    def flush() -> None:
        for stream in (sys.stdout, sys.stderr):
            if stream is None:  # closed when the command started (`vanban build >&-`): nothing to say it on
                continue
            try:
                stream.flush()
            except (OSError, ValueError):  # a reader gone (`vanban build | head`): 120, as the interpreter's own exit
                os._exit(120)

    flush()
    threading._shutdown()
    atexit._run_exitfuncs()
    flush()  # what an exit handler said
    os._exit(0)
