"""Sign a PDF as PAdES with pyHanko, and read the signatures of a signed PDF back.

Level reached: PAdES baseline B-T (a time stamp from the agency's TSA in every signature),
and B-LT when revocation data is at hand (CRL files named in the registry, or fetching
allowed): the certificates and CRLs then go into the document's DSS. Each signature is an
incremental update: the bytes signed before stay as they were, so a PDF/A-2b file stays
PDF/A-2b (the appearance's font is embedded; the output intent and the XMP metadata with its
PDF/A identification are kept).
"""

from __future__ import annotations

import datetime as _dt
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from pipeline.archive.keys import MAX_CERTIFICATE_FILE, OpenKey, read_checked
from pipeline.archive.stamps import Box
from pipeline.errors import PipelineError
from pipeline.i18n import _
from pipeline.model import SigningPolicy

VIETNAM = _dt.timezone(_dt.timedelta(hours=7), "ICT")  # no daylight saving time: a fixed offset is exact
B_T, B_LT = "PAdES-B-T", "PAdES-B-LT"
MAX_CRL_FILE = 64 << 20

# pyHanko and fontTools log what this module reports itself (or deliberately does: embedding
# validation data without fetching it); keep a clerk's terminal to vanban's own messages.
for _name in ("pyhanko", "pyhanko_certvalidator", "fontTools"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def vietnam_now() -> _dt.datetime:
    """The signing time: Vietnam time to the second (ISO 8601 "…+07:00")."""
    return _dt.datetime.now(VIETNAM).replace(microsecond=0)


def validation_context(policy: SigningPolicy, for_signing: bool):
    """Return the pyHanko validation context of the agency: its trust roots and revocation data."""
    from asn1crypto import crl as asn1_crl
    from pyhanko.keys import load_certs_from_pemder_data
    from pyhanko_certvalidator import ValidationContext

    roots = []
    for path in policy.trust_roots:
        data = read_checked(Path(path), MAX_CERTIFICATE_FILE, _("chứng thư gốc"))
        try:
            roots += list(load_certs_from_pemder_data(data))
        except ValueError:
            raise PipelineError(_("{path}: không đọc được chứng thư gốc (cần PEM hoặc DER)").format(path=path)) from None
    crls = []
    for path in policy.revocation_lists:
        data = read_checked(Path(path), MAX_CRL_FILE, _("danh sách thu hồi"))
        try:
            crls.append(asn1_crl.CertificateList.load(_der(data)))
            crls[-1].native  # parse now: a damaged file is reported here, not deep inside pyHanko
        except ValueError:
            raise PipelineError(_("{path}: không đọc được danh sách thu hồi (CRL)").format(path=path)) from None
    fetching = policy.fetch_revocation and for_signing
    return ValidationContext(trust_roots=roots, crls=crls, allow_fetching=fetching,
                             revocation_mode="soft-fail"), bool(crls) or fetching


def _der(data: bytes) -> bytes:
    if data.lstrip().startswith(b"-----BEGIN"):
        from asn1crypto import pem

        _kind, _headers, data = pem.unarmor(data)
    return data


@dataclass(frozen=True)
class Placement:
    field: str  # the signature field's name
    page: int
    box: Box
    style: object  # a pyHanko stamp style
    text: dict  # the appearance's text parameters


def sign_pdf(data: bytes, key: OpenKey, placement: Placement, policy: SigningPolicy, at: _dt.datetime,
             signed_by: str) -> tuple[bytes, str]:
    """Return the PDF signed by ``key`` (a new incremental revision) and the PAdES level reached."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter
    from pyhanko.sign.timestamps import HTTPTimeStamper

    if not policy.timestamp_url:
        raise PipelineError(_("chưa khai báo máy chủ dấu thời gian 'ky_so.tem_thoi_gian' trong danh mục; "
                              "chữ ký PAdES B-T cần dấu thời gian"))
    context, long_term = validation_context(policy, for_signing=True)
    meta = signers.PdfSignatureMetadata(
        field_name=placement.field, md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES,
        embed_validation_info=long_term, validation_context=context if long_term else None,
        name=signed_by, location="Việt Nam")
    signer = _SignerAt(meta, key.signer, at, timestamper=HTTPTimeStamper(policy.timestamp_url, timeout=30),
                       stamp_style=placement.style,
                       new_field_spec=SigFieldSpec(placement.field, on_page=placement.page,
                                                   box=placement.box.as_tuple()))
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        out = signer.sign_pdf(writer, appearance_text_params=placement.text)
    except PipelineError:
        raise
    except Exception as exc:  # noqa: BLE001 - network, TSA, token and PDF errors all end the same way
        raise PipelineError(_("không ký được: {kind}: {detail}").format(kind=type(exc).__name__,
                                                                       detail=str(exc)[:300])) from None
    return out.getvalue(), B_LT if long_term else B_T


def _signer_class():
    from pyhanko.sign import signers

    class SignerAt(signers.PdfSigner):
        """A PdfSigner whose signing time is the one vanban records and shows, not a second read of the clock."""

        def __init__(self, meta, signer, at: _dt.datetime, **kwargs):
            super().__init__(meta, signer, **kwargs)
            self._at = at

        def init_signing_session(self, pdf_out, existing_fields_only=False):
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = self._at
            return session

    return SignerAt


def _SignerAt(*args, **kwargs):  # noqa: N802 - a class made on first use: pyHanko loads only when signing
    return _signer_class()(*args, **kwargs)


# --- reading signatures back -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FoundSignature:
    """One embedded signature as pyHanko validated it."""

    field: str
    intact: bool  # the bytes it covers are unchanged
    valid: bool  # the cryptographic signature checks out
    trusted: bool  # its certificate chains to one of the agency's roots
    certificate_sha256: str
    subject: str
    signed_at: _dt.datetime | None  # /M, as the signer declared it
    timestamp: _dt.datetime | None  # the TSA's time, when the time stamp is valid and trusted
    covers: int  # bytes of the file up to the end of the signed revision
    problem: str  # pyHanko's reason when something is wrong, else ""


def read_signatures(data: bytes, policy: SigningPolicy) -> list[FoundSignature]:
    """Validate every signature embedded in ``data`` against the agency's roots; in file order."""
    import hashlib

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    context, _long_term = validation_context(policy, for_signing=False)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # noqa: BLE001 - any damage to the file's structure
        raise PipelineError(_("không đọc được tệp PDF: {kind}").format(kind=type(exc).__name__)) from None
    found = []
    for signature in embedded:
        try:
            status = validate_pdf_signature(signature, signer_validation_context=context,
                                            ts_validation_context=context)
            certificate = signature.signer_cert
            stamp = status.timestamp_validity
            found.append(FoundSignature(
                signature.field_name, bool(status.intact), bool(status.valid), bool(status.trusted),
                hashlib.sha256(certificate.dump()).hexdigest(), certificate.subject.human_friendly,
                signature.self_reported_timestamp,
                stamp.timestamp if stamp is not None and stamp.intact and stamp.valid and stamp.trusted else None,
                int(signature.byte_range[2]) + int(signature.byte_range[3]), ""))
        except Exception as exc:  # noqa: BLE001 - a damaged signature container
            found.append(FoundSignature(signature.field_name, False, False, False, "", "", None, None, 0,
                                        f"{type(exc).__name__}: {str(exc)[:200]}"))
    return found
