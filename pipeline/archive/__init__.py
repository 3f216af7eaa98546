"""For archivists: PDF/A, the archive package, and checks that what was issued is unchanged.

Holds ``pdf`` (DOCX → PDF/A-2b with LibreOffice, in parallel; ``join`` and ``split``: documents
converted sixteen at a time as one, the PDF cut back into one per document), ``pack`` (archive.zip: issued
DOCX and PDF, signed PDFs, edXML envelopes, register rows, hashes) and ``verify`` (files against
the register's records and the manifests; signatures; no gap, no duplicate number); and digital
signing: ``sign`` (``vanban sign``: who may sign what, in which order, recorded in the register),
``pades`` (pyHanko: PAdES B-T/B-LT signing, reading signatures back), ``stamps`` (where the
visible signatures go and what they show, NĐ 30 Phụ lục I), ``keys`` (PKCS#12 and PKCS#11 keys),
``signatures`` (a signed file against its register records) and ``throwaway`` (a throw-away CA
and time-stamp server for the demo and the tests).

May import: ``pipeline.build`` and everything below it. Not ``pipeline.review``.
"""

import warnings

# cryptography 51 deprecates DSA and says so when pyHanko is imported; vanban signs with RSA and
# ECDSA keys, and a clerk should not read a library's notice on every `vanban sign`.
warnings.filterwarnings("ignore", message="DSA is deprecated", category=UserWarning)
