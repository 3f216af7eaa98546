"""A LibreOffice kept running, for the live preview: DOCX → PDF in a fraction of a second.

Starting LibreOffice costs one to three seconds (more on a busy machine); converting a page
costs a tenth of that. The preview converts a document each time a clerk saves, so it keeps one
LibreOffice running and hands it each document through UNO, LibreOffice's own interface.

UNO's Python module (``uno``, Debian's python3-uno) lives in the system's Python, not in the
project's virtual environment, so this file is two things: imported by the preview (``WarmOffice``,
no UNO needed), and run as a script by the system's Python (``main``, below), which starts
LibreOffice with a private profile, then converts one document per line of JSON on its standard
input and answers one line each. Where the system's Python has no ``uno``, ``WarmOffice.start``
returns None and the preview converts with a new LibreOffice each time, as the review does.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SYSTEM_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python")
START_SECONDS = 60.0


class WarmOffice:
    """The preview's side: a running helper (this file as a script) and its LibreOffice."""

    def __init__(self, process: subprocess.Popen, profile: Path):
        self.process = process
        self.profile = profile

    @classmethod
    def start(cls) -> "WarmOffice | None":
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        python = next((p for p in SYSTEM_PYTHONS if _has_uno(p)), None)
        if soffice is None or python is None:
            return None
        profile = Path(tempfile.mkdtemp(prefix="vanban-preview-lo-"))
        process = subprocess.Popen([python, __file__, soffice, profile.as_uri(), f"vanban-preview-{os.getpid()}"],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                   text=True, encoding="utf-8", start_new_session=True)
        office = cls(process, profile)
        if office._answer().get("ready"):
            return office
        office.close()
        return None

    def convert(self, docx: Path, pdf: Path) -> bool:
        """Write ``pdf`` from ``docx``; False when LibreOffice could not (the helper then stops)."""
        try:
            self.process.stdin.write(json.dumps({"docx": str(docx.resolve()), "pdf": str(pdf.resolve())}) + "\n")
            self.process.stdin.flush()
        except (OSError, ValueError):
            return False
        return bool(self._answer().get("ok")) and pdf.exists()

    def _answer(self) -> dict:
        line = self.process.stdout.readline() if self.process.stdout else ""
        try:
            return json.loads(line) if line else {}
        except ValueError:
            return {}

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.process.stdin.close()  # the helper ends LibreOffice and itself
                self.process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def _has_uno(python: str) -> bool:
    if not os.access(python, os.X_OK):
        return False
    try:
        return subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


# --- the helper, run by the system's Python --------------------------------------------------------------


def main(soffice: str, profile: str, pipe: str) -> int:  # pragma: no cover - runs in the system's Python
    import uno  # noqa: PLC0415 - only the system's Python has it
    from com.sun.star.beans import PropertyValue  # noqa: PLC0415

    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    def say(answer: dict) -> None:
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()

    url = f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
    office = subprocess.Popen([soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore",
                               "--nolockcheck", "--nodefault", f"--accept=pipe,name={pipe};urp;"],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + START_SECONDS
    desktop = None
    while desktop is None:
        try:
            context = resolver.resolve(url)
            desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except Exception:  # noqa: BLE001 - not listening yet
            if office.poll() is not None or time.monotonic() > deadline:
                say({"ready": False})
                return 1
            time.sleep(0.1)
    say({"ready": True})
    try:
        for line in sys.stdin:
            request = json.loads(line)
            try:
                doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(request["docx"]), "_blank", 0,
                                                   (prop("Hidden", True), prop("ReadOnly", True)))
                try:
                    doc.storeToURL(uno.systemPathToFileUrl(request["pdf"]), (prop("FilterName", "writer_pdf_Export"),))
                finally:
                    doc.close(True)
                say({"ok": True})
            except Exception as exc:  # noqa: BLE001 - one document that fails is said, the next is tried
                say({"ok": False, "error": str(exc)})
    finally:
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge closes as LibreOffice ends
            pass
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(office.pid, signal.SIGKILL)
            office.wait()
        # the profile is this helper's: cleared even when the preview itself was killed
        shutil.rmtree(uno.fileUrlToSystemPath(profile), ignore_errors=True)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(*sys.argv[1:4]))
