"""For archivists: PDF/A, the archive package, and checks that what was issued is unchanged.

Holds ``pdf`` (DOCX → PDF/A-2b with LibreOffice, in parallel), ``pack`` (archive.zip: issued
DOCX and PDF, edXML envelopes, register rows, hashes) and ``verify`` (files against the
manifests and the register; no gap, no duplicate number).

May import: ``pipeline.build`` and everything below it. Not ``pipeline.review``.
"""
