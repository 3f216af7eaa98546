"""Open a signing key: a PKCS#12 file, or a PKCS#11 token (the USB tokens agencies sign with).

The password or PIN never comes from the sources or the command line, where it would be
kept in files and shell histories: it is read from the environment variable the registry
names (``bien_mat_khau``, by default ``VANBAN_MAT_KHAU``) or asked for by ``ask`` (the CLI
prompts without echo). A key file is checked before it is read: a regular file, not a
symbolic link, of a size a key file has.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from pipeline.errors import PipelineError
from pipeline.i18n import _
from pipeline.model import KeySource

DEFAULT_PASSWORD_VARIABLE = "VANBAN_MAT_KHAU"
MAX_KEY_FILE = 1 << 20  # a PKCS#12 file with its chain is a few kilobytes
MAX_CERTIFICATE_FILE = 1 << 20

Ask = Callable[[str], str]  # prompt → the secret typed


@dataclass(frozen=True)
class OpenKey:
    """A key ready to sign with: the pyHanko signer and its certificate's SHA-256 fingerprint."""

    signer: object  # pyhanko.sign.signers.Signer
    fingerprint: str
    subject: str


def read_checked(path: Path, limit: int, what: str) -> bytes:
    """Read a small file given by the registry, refusing links, devices and oversized files."""
    try:
        info = os.lstat(path)
    except OSError:
        raise PipelineError(_("không tìm thấy {what} {path}").format(what=what, path=path)) from None
    if stat.S_ISLNK(info.st_mode):
        raise PipelineError(_("{path}: {what} là liên kết tượng trưng; hãy chỉ đến chính tệp").format(
            what=what, path=path))
    if not stat.S_ISREG(info.st_mode):
        raise PipelineError(_("{path}: {what} không phải tệp thường").format(what=what, path=path))
    if info.st_size > limit:
        raise PipelineError(_("{path}: {what} quá lớn ({size} byte, tối đa {limit})").format(
            what=what, path=path, size=info.st_size, limit=limit))
    return path.read_bytes()


def secret(source: KeySource, ask: Ask | None, prompt: str) -> str:
    variable = source.password_variable or DEFAULT_PASSWORD_VARIABLE
    value = os.environ.get(variable)
    if value:
        return value
    if ask is None:
        raise PipelineError(_("chưa có mật khẩu hoặc mã PIN: hãy đặt biến môi trường {name}").format(name=variable))
    return ask(prompt)


@contextlib.contextmanager
def open_key(source: KeySource, ask: Ask | None, who: str) -> Iterator[OpenKey]:
    """Yield the key of ``source`` ready to sign; a token's session is closed afterwards."""
    if source.pkcs12:
        yield _pkcs12(source, ask, who)
    else:
        with _pkcs11(source, ask, who) as key:
            yield key


def _pkcs12(source: KeySource, ask: Ask | None, who: str) -> OpenKey:
    from pyhanko.sign.signers import SimpleSigner

    data = read_checked(Path(source.pkcs12), MAX_KEY_FILE, _("tệp khóa PKCS#12"))
    password = secret(source, ask, _("Mật khẩu tệp khóa của {who}").format(who=who))
    try:
        signer = SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=password.encode("utf-8"))
    except ValueError:  # pyHanko says no more: a wrong password or a damaged file
        signer = None
    if signer is None:
        raise PipelineError(_("{path}: không mở được tệp khóa PKCS#12 (sai mật khẩu hoặc tệp hỏng)").format(
            path=source.pkcs12))
    return _open(signer)


@contextlib.contextmanager
def _pkcs11(source: KeySource, ask: Ask | None, who: str) -> Iterator[OpenKey]:
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    module = Path(source.pkcs11_module)
    if not module.is_file():
        raise PipelineError(_("không tìm thấy thư viện PKCS#11 {path}").format(path=module))
    pin = secret(source, ask, _("Mã PIN của thiết bị ký (token) của {who}").format(who=who))
    try:
        session = open_pkcs11_session(str(module), slot_no=source.pkcs11_slot, user_pin=pin)
    except Exception as exc:  # noqa: BLE001 - python-pkcs11 raises one class per PKCS#11 return code
        raise PipelineError(_("không mở được thiết bị ký ở khe {slot} ({module}): {reason}").format(
            slot=source.pkcs11_slot, module=module, reason=type(exc).__name__)) from None
    try:
        label = source.pkcs11_label
        signer = PKCS11Signer(session, cert_label=label, key_label=label)
        try:
            certificate = signer.signing_cert
        except Exception as exc:  # noqa: BLE001 - no such object on the token
            raise PipelineError(_("thiết bị ký ở khe {slot} không có chứng thư và khóa mang nhãn '{label}': "
                                  "{reason}").format(slot=source.pkcs11_slot, label=label,
                                                     reason=type(exc).__name__)) from None
        if certificate is None:
            raise PipelineError(_("thiết bị ký ở khe {slot} không có chứng thư mang nhãn '{label}'").format(
                slot=source.pkcs11_slot, label=label))
        yield _open(signer)
    finally:
        session.close()


def _open(signer) -> OpenKey:
    certificate = signer.signing_cert
    return OpenKey(signer, hashlib.sha256(certificate.dump()).hexdigest(), certificate.subject.human_friendly)
