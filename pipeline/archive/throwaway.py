"""A throw-away certificate authority, signer, seal and time-stamp server: for the demo and the tests only.

Everything here is made fresh with the ``cryptography`` package each time it is called and
trusted by nobody else: it lets ``make sign-demo`` and the tests sign for real (RSA keys,
X.509 certificates, a CRL, RFC 3161 time stamps over HTTP on the loopback address) without
an agency's token. Never point a real registry at what this module makes.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as _dt
import math
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from pipeline.files import atomic_write

MM_PER_INCH = 25.4
VALID_DAYS = 3650


@dataclass(frozen=True)
class Pki:
    """Paths of what ``make_pki`` wrote, and the password of its PKCS#12 files."""

    folder: Path
    root: Path  # the root certificate (PEM): the agency's trust anchor in the demo
    crl: Path  # the root's (empty) certificate revocation list, DER
    signer_p12: Path  # the signer's key and certificate
    seal_p12: Path  # the organisation's key and certificate
    tsa_cert: Path
    tsa_key: Path
    signature_png: Path  # blue, transparent
    seal_png: Path  # red, transparent, its real size in its pHYs chunk
    password: str


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common: str, organisation: str | None = None) -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organisation:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common))
    return x509.Name(parts)


def _certificate(subject: x509.Name, key, issuer: x509.Name, issuer_key, *, ca: bool = False,
                 timestamping: bool = False, now: _dt.datetime) -> x509.Certificate:
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - _dt.timedelta(days=1)).not_valid_after(now + _dt.timedelta(days=VALID_DAYS))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))
    if ca:
        usage = dict(digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False)
    else:
        usage = dict(digital_signature=True, content_commitment=not timestamping, key_cert_sign=False, crl_sign=False)
        builder = builder.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                                        critical=False)
    builder = builder.add_extension(x509.KeyUsage(key_encipherment=False, data_encipherment=False, key_agreement=False,
                                                  encipher_only=False, decipher_only=False, **usage), critical=True)
    if timestamping:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def make_pki(folder: Path, signer_name: str, organisation: str, password: str = "vanban-demo") -> Pki:
    """Write a root CA, a signer, an organisation (seal) and a TSA certificate, a CRL and both images."""
    now = _dt.datetime.now(_dt.timezone.utc)
    folder.mkdir(parents=True, exist_ok=True)
    root_key = _key()
    root_name = _name("vanban throw-away root CA (demo only)", "vanban demo")
    root = _certificate(root_name, root_key, root_name, root_key, ca=True, now=now)
    paths = {}
    for label, common, org in (("signer", signer_name, organisation), ("seal", organisation, organisation)):
        key = _key()
        cert = _certificate(_name(common, org), key, root_name, root_key, now=now)
        data = pkcs12.serialize_key_and_certificates(
            label.encode(), key, cert, [root],
            serialization.BestAvailableEncryption(password.encode()))
        paths[label] = folder / f"{label}.p12"
        atomic_write(paths[label], data)
    tsa_key = _key()
    tsa = _certificate(_name("vanban throw-away TSA (demo only)", "vanban demo"), tsa_key, root_name, root_key,
                       timestamping=True, now=now)
    crl = (x509.CertificateRevocationListBuilder().issuer_name(root_name).last_update(now - _dt.timedelta(minutes=5))
           .next_update(now + _dt.timedelta(days=30)).sign(root_key, hashes.SHA256()))
    atomic_write(folder / "root.pem", root.public_bytes(serialization.Encoding.PEM))
    atomic_write(folder / "root.crl", crl.public_bytes(serialization.Encoding.DER))
    atomic_write(folder / "tsa.pem", tsa.public_bytes(serialization.Encoding.PEM))
    atomic_write(folder / "tsa-key.pem", tsa_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    signature_png(folder / "chu-ky.png")
    seal_png(folder / "dau.png", organisation)
    return Pki(folder, folder / "root.pem", folder / "root.crl", paths["signer"], paths["seal"], folder / "tsa.pem",
               folder / "tsa-key.pem", folder / "chu-ky.png", folder / "dau.png", password)


# --- images ---------------------------------------------------------------------------------------------------


def signature_png(path: Path, width: int = 600, height: int = 260) -> None:
    """Write a made-up handwritten signature: blue strokes on a transparent background."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    blue = (20, 50, 190, 255)
    points = []
    for i in range(400):  # a looping stroke, then a flourish under it
        t = i / 399
        x = 40 + t * (width - 120)
        y = height * 0.45 + math.sin(t * 5 * math.pi) * height * 0.22 * (1 - t * 0.4) + math.cos(t * 13) * 8
        points.append((x, y))
    draw.line(points, fill=blue, width=9, joint="curve")
    draw.line([(60, height * 0.78), (width * 0.55, height * 0.70), (width - 50, height * 0.82)], fill=blue,
              width=7, joint="curve")
    image.save(path, dpi=(300, 300))


def seal_png(path: Path, organisation: str, diameter_mm: float = 36.0, dpi: int = 300) -> None:
    """Write a made-up round seal, red on transparent, whose pHYs chunk gives its real size."""
    from PIL import Image, ImageDraw

    size = round(diameter_mm / MM_PER_INCH * dpi)
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (220, 20, 30, 255)
    draw.ellipse([4, 4, size - 5, size - 5], outline=red, width=max(6, size // 60))
    inner = size * 0.16
    draw.ellipse([inner, inner, size - inner, size - inner], outline=red, width=max(3, size // 140))
    centre = size / 2
    star = [(centre + math.cos(math.radians(-90 + k * 36)) * (size * (0.13 if k % 2 == 0 else 0.055)),
             centre + math.sin(math.radians(-90 + k * 36)) * (size * (0.13 if k % 2 == 0 else 0.055)))
            for k in range(10)]
    draw.polygon(star, fill=red)
    font = _font(size // 16)
    if font is not None:  # the name around the rim, letter by letter
        text = organisation.upper()
        radius = size * 0.41
        for k, letter in enumerate(text):
            angle = math.radians(200 + k * (140 / max(1, len(text) - 1)))
            x, y = centre + math.cos(angle) * radius, centre + math.sin(angle) * radius
            draw.text((x, y), letter, fill=red, font=font, anchor="mm")
        draw.text((centre, centre + size * 0.22), "MẪU - DEMO", fill=red, font=font, anchor="mm")
    image.save(path, dpi=(dpi, dpi))


def _font(size: int):
    from PIL import ImageFont

    for candidate in ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
                      "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf"):
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return None


# --- a time-stamp authority on the loopback address -------------------------------------------------------------


@contextlib.contextmanager
def tsa_server(pki: Pki):
    """Serve RFC 3161 time stamps signed by the throw-away TSA on 127.0.0.1; yield its URL."""
    from asn1crypto import keys, tsp
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.timestamps import DummyTimeStamper

    cert = asn1_x509.Certificate.load(x509.load_pem_x509_certificate(pki.tsa_cert.read_bytes())
                                      .public_bytes(serialization.Encoding.DER))
    key = keys.PrivateKeyInfo.load(serialization.load_pem_private_key(pki.tsa_key.read_bytes(), None).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    stamper = DummyTimeStamper(tsa_cert=cert, tsa_key=key)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the name http.server calls
            length = int(self.headers.get("Content-Length", "0"))
            if not 0 < length <= 1 << 16:
                self.send_error(400)
                return
            request = tsp.TimeStampReq.load(self.rfile.read(length))
            response = asyncio.run(stamper.async_request_tsa_response(request)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(response)))
            self.end_headers()
            self.wfile.write(response)

        def log_message(self, *args):  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
