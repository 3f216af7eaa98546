"""``vanban preview``: the documents as pages in a browser, rebuilt and refreshed on every save.

A clerk edits YAML in one window and watches the pages in another. A small local server
(Starlette on uvicorn, bound to 127.0.0.1 only) shows each document of the campaigns as its
pages, made from the built DOCX as the review's thumbnails are (LibreOffice → PDF → pdftoppm),
at full size, with the text of each page (pdftotext) as its alternative text. A watcher
(watchfiles) sees a YAML file saved under the data folder; the ordinary incremental build
redoes what changed, only the documents whose DOCX changed are converted again, and the page,
told by a server-sent event, fetches its new content in place (it keeps its scroll position).
When the sources are wrong the page shows the messages exactly as ``vanban check`` prints them
(file:line:column), above the last pages that were right.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import click
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pipeline.build.build import BuildOptions, run_build
from pipeline.build.lock import output_lock
from pipeline.build.progress import format_seconds
from pipeline.build.write import MANIFEST
from pipeline.errors import PipelineError, Problem, sorted_problems
from pipeline.files import read_json_file
from pipeline.i18n import _
from pipeline.review.campaign import document_number
from pipeline.review.page import TEMPLATES, _date, _type_name
from pipeline.review.review import _convert_to_pdf  # the review's: one LibreOffice for many files
from pipeline.review.warm_office import WarmOffice

HOST = "127.0.0.1"  # never another interface: the sources are the office's, not the network's
PAGE = "preview.html.j2"
DPI = 96  # an A4 page 794 px wide: read at full size on a laptop, scaled down on a phone
KEEP_ALIVE = 15.0  # seconds between comments on an idle event stream (proxies, sleeping laptops)


@dataclass(frozen=True)
class PageImage:
    name: str  # served as /trang/<name>
    text: str  # what the page says (pdftotext): its alternative text


@dataclass(frozen=True)
class DocPages:
    campaign: str
    id: str
    depth: int
    type_name: str
    number: str
    date: str
    subject: str
    sha256: str
    pages: tuple[PageImage, ...] = ()


@dataclass(frozen=True)
class Snapshot:
    """What the page shows; replaced as a whole, so a reader never sees half of a rebuild."""

    version: int = 0
    documents: tuple[DocPages, ...] = ()
    errors: str = ""  # the sources' problems, as the terminal prints them
    warnings: str = ""
    notes: tuple[str, ...] = ()  # LibreOffice or poppler missing, a conversion that failed
    updated: str = ""  # "14:05:31"
    seconds: float = 0.0  # from the save (or the start) to this snapshot


@dataclass
class Preview:
    """Builds, converts and keeps the current Snapshot; one refresh at a time."""

    data_dir: Path
    output_dir: Path
    register_path: Path
    campaigns: tuple[str, ...] = ()  # campaign ids to show; empty: all
    work: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="vanban-preview-")))
    snapshot: Snapshot = field(default_factory=Snapshot)
    images: dict[str, Path] = field(default_factory=dict)
    _converted: dict[tuple[str, str], DocPages] = field(default_factory=dict)  # (campaign, id) → pages of a sha
    _lock: threading.Lock = field(default_factory=threading.Lock)
    office: WarmOffice | None = None
    _office_tried: bool = False

    def refresh(self, since: float | None = None) -> Snapshot:
        """Build, convert what changed, and publish a new snapshot; ``since``: when the save was seen."""
        started = since if since is not None else time.monotonic()
        with self._lock:
            errors, warnings = "", ""
            try:
                with output_lock(self.output_dir, campaigns=False):  # the build cleans them (build.survey)
                    report = run_build(BuildOptions(self.data_dir, self.output_dir, self.register_path, jobs=1))
                warnings = _warnings_text(report.warnings)
            except PipelineError as exc:  # SourceErrors, lint findings, a register refusing
                errors = exc.format_message()
            notes: list[str] = []
            documents = self.snapshot.documents if errors else self._pages(notes)
            self.snapshot = Snapshot(self.snapshot.version + 1, documents, errors, warnings, tuple(notes),
                                     time.strftime("%H:%M:%S"), time.monotonic() - started)
            return self.snapshot

    def _pages(self, notes: list[str]) -> tuple[DocPages, ...]:
        """Every document of the manifests shown, its pages converted again only when its DOCX changed."""
        entries = []
        for manifest_path in sorted(self.output_dir.glob(f"*/{MANIFEST}")):
            manifest = read_json_file(manifest_path)
            if self.campaigns and manifest["campaign"] not in self.campaigns:
                continue
            depth: dict[str, int] = {}
            for doc in manifest["documents"]:
                depth[doc["id"]] = depth.get(doc.get("parent") or "", -1) + 1
                entries.append((manifest_path.parent, manifest["campaign"], doc, depth[doc["id"]]))
        todo = [(i, d / doc["file"]) for i, (d, c, doc, _n) in enumerate(entries)
                if self._converted.get((c, doc["id"]), _NONE).sha256 != doc["sha256"]]
        pdfs = self._convert(todo, notes) if todo else {}
        out = []
        for i, (_d, campaign, doc, depth_of) in enumerate(entries):
            view = DocPages(campaign, doc["id"], depth_of, _type_name(doc), document_number(doc),
                            _date(doc.get("date")), doc.get("subject", ""), doc["sha256"])
            if i in pdfs:
                view = replace(view, pages=self._page_images(pdfs[i], campaign, doc, notes))
                self._converted[(campaign, doc["id"])] = view
            elif (campaign, doc["id"]) in self._converted:
                view = replace(view, pages=self._converted[(campaign, doc["id"])].pages)
            out.append(view)
        shutil.rmtree(self.work / "pdf", ignore_errors=True)
        return tuple(out)

    def _convert(self, todo: list[tuple[int, Path]], notes: list[str]) -> dict[int, Path]:
        """DOCX → PDF: in the LibreOffice kept running when there is one, else one started for them all."""
        folder = self.work / "pdf"
        folder.mkdir()
        if self.office is None and not self._office_tried:
            self._office_tried = True
            self.office = WarmOffice.start()
        pdfs: dict[int, Path] = {}
        if self.office is not None:
            for i, docx in todo:
                if self.office.convert(docx, folder / f"{i:05d}.pdf"):
                    pdfs[i] = folder / f"{i:05d}.pdf"
            if len(pdfs) < len(todo):  # LibreOffice stopped: a new one next time
                self.office.close()
                self.office, self._office_tried = None, False
        rest = [(i, docx) for i, docx in todo if i not in pdfs]
        if rest:
            (folder / "cold").mkdir()
            pdfs.update(_convert_to_pdf(rest, folder / "cold", notes))
        return pdfs

    def _page_images(self, pdf: Path, campaign: str, doc: dict, notes: list[str]) -> tuple[PageImage, ...]:
        stem = f"{campaign}--{doc['id']}--{doc['sha256'][:12]}"
        folder = self.work / "trang"
        folder.mkdir(exist_ok=True)
        for old in [n for n in self.images if n.startswith(f"{campaign}--{doc['id']}--")]:
            self.images.pop(old).unlink(missing_ok=True)
        try:
            subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(pdf), str(folder / stem)],
                           capture_output=True, timeout=60, check=True)
            text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                                  timeout=60, check=True).stdout.decode("utf-8", "replace")
        except (OSError, subprocess.SubprocessError):
            notes.append(_("Cảnh báo: pdftoppm (poppler-utils) không chuyển được {id} thành ảnh.").format(id=doc["id"]))
            return ()
        texts = text.split("\f")
        pages = []
        for n, png in enumerate(sorted(folder.glob(f"{stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))):
            self.images[png.name] = png
            pages.append(PageImage(png.name, " ".join((texts[n] if n < len(texts) else "").split())))
        return tuple(pages)

    def close(self) -> None:
        if self.office is not None:
            self.office.close()
        shutil.rmtree(self.work, ignore_errors=True)


_NONE = DocPages("", "", 0, "", "", "", "", "")


# --- the page ------------------------------------------------------------------------------------------


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True)


def render(snapshot: Snapshot, part: str = "page") -> str:
    """The whole page, or (``part="content"``) the part the page replaces after a rebuild."""
    template = _environment().get_template(PAGE)
    context = {"s": snapshot, "seconds": format_seconds(snapshot.seconds)}
    if part == "content":
        return "".join(template.blocks["content"](template.new_context(context)))
    return template.render(context)


def create_app(preview: Preview, debounce_ms: int = 1600, step_ms: int = 50):
    """The Starlette application: the page, its content, its events, the page images."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.responses import FileResponse, HTMLResponse, Response, StreamingResponse
    from starlette.routing import Route
    from watchfiles import awatch

    changed = asyncio.Event()
    state = {"event": changed, "building": False}

    def announce() -> None:
        state["event"].set()
        state["event"] = asyncio.Event()

    async def watch(stop: asyncio.Event) -> None:
        def sources(_change, path: str) -> bool:
            return path.endswith((".yaml", ".yml"))

        async for _changes in awatch(preview.data_dir, watch_filter=sources, debounce=debounce_ms, step=step_ms,
                                     stop_event=stop):
            seen = time.monotonic() - step_ms / 1000  # the save came before the watcher's quiet step
            state["building"] = True
            announce()
            snapshot = await asyncio.to_thread(preview.refresh, seen)
            state["building"] = False
            announce()
            _say(snapshot)

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        stop = asyncio.Event()
        task = asyncio.create_task(watch(stop))
        try:
            yield
        finally:
            stop.set()
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    headers = {"Cache-Control": "no-store", "Content-Security-Policy":
               "default-src 'self'; img-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'"}

    async def page(_request):
        return HTMLResponse(render(preview.snapshot), headers=headers)

    async def content(_request):
        snapshot = preview.snapshot
        return HTMLResponse(render(snapshot, "content"), headers={**headers, "X-Version": str(snapshot.version)})

    async def events(request):
        async def stream():
            while not await request.is_disconnected():
                event = state["event"]
                status = "dang-tao" if state["building"] else "xong"
                yield f"data: {json.dumps({'version': preview.snapshot.version, 'status': status})}\n\n"
                try:
                    await asyncio.wait_for(event.wait(), KEEP_ALIVE)
                except TimeoutError:
                    yield ": .\n\n"

        return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"})

    async def image(request):
        path = preview.images.get(request.path_params["name"])
        if path is None or not path.exists():
            return Response(status_code=404)
        return FileResponse(path, media_type="image/png", headers={"Cache-Control": "max-age=86400, immutable"})

    routes = [Route("/", page), Route("/noi-dung", content), Route("/su-kien", events),
              Route("/trang/{name}", image)]
    # Only this machine's names: a web page elsewhere cannot reach the server by a DNS name of its own.
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=[HOST, "localhost"])]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


def _warnings_text(warnings: list[Problem]) -> str:
    """The warnings as ``vanban build`` prints them (file:line:column), then how many."""
    if not warnings:
        return ""
    lines = [p.format() for p in sorted_problems(warnings)]
    return "\n".join(lines + [_("{n} cảnh báo; chạy với --strict để coi là lỗi.").format(n=len(warnings))])


def _say(snapshot: Snapshot) -> None:
    if snapshot.errors:
        click.echo(snapshot.errors, err=True)
    else:
        if snapshot.warnings:
            click.echo(snapshot.warnings, err=True)
        click.echo(_("{time}: trang đã cập nhật sau {s} giây.").format(time=snapshot.updated,
                                                                     s=format_seconds(snapshot.seconds)))


def serve(preview: Preview, port: int) -> None:
    """Build, then serve on 127.0.0.1:``port`` (0: any free port) until Ctrl-C."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        preview.close()
        raise PipelineError(_("không mở được cổng {port} trên {host} ({reason}); thử --port khác").format(
            port=port, host=HOST, reason=exc.strerror)) from None
    # uvicorn stops on SIGINT or SIGTERM, then raises the signal again: SIGTERM's default action would
    # end the process before LibreOffice and the temporary folders are cleared, so it stops as Ctrl-C does.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        _say(preview.refresh())
        click.echo(_("Xem trước tại http://{host}:{port}/ — trang tự cập nhật khi lưu tệp YAML trong {data}. "
                     "Ctrl-C để dừng.").format(host=HOST, port=sock.getsockname()[1], data=preview.data_dir))
        config = uvicorn.Config(create_app(preview), log_level="warning", lifespan="on",
                                timeout_graceful_shutdown=1)
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        sock.close()
        preview.close()
    click.echo(_("Đã dừng xem trước."))


def _interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt
