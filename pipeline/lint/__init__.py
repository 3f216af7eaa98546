"""Lint: check the thể thức of ANY .docx against NĐ 30/2020/NĐ-CP or the Party's HD 36-HD/VPTW.

Holds ``read`` (a package read into paragraphs and lines, with the lines drawn as
``shapes``), ``properties`` and ``styles`` (the EFFECTIVE formatting of every run, through
styles, defaults and theme), ``text`` (matching keys, blanks to fill), ``doctypes`` (the
kinds of document and what each holds), ``rules`` (the rule table and findings), ``find``
(which line is which element, by text and position; several documents in one file),
``spec`` (each element's sizes and styles), the checks — ``checks`` (header, title,
preamble, signature), ``bodytext``, ``placement`` (rules under lines, Nơi nhận, V/v),
``presence`` (what could not be found), ``pagesetup`` (paper, fonts, page numbers),
``tables`` (tables of data: text size, width, the header row on each page) —
``linter`` (open a file safely, run the checks on each document, word the violations),
``session`` (the build's linter: documents of one template read with their shared parts and
repeated pieces read once, the same Document and findings as ``linter``), ``skeleton`` (a
new piece that differs from one met before only in its words filled in from that one's
template, not parsed),
``office`` (print DOCX to PDF with LibreOffice, in a profile private to the user) and
``printed`` (the same elements found on the printed page by their position, and the checks
only a page shows: the signature block whole with text above it, names and titles broken
well).

May import: ``pipeline.errors``, ``pipeline.files``, ``pipeline.i18n``, ``pipeline.vietnamese`` and
``pipeline.rulebook`` (the kinds of document, the Party's rules by date: the same table vanban writes
from) only: it knows nothing of how vanban renders, so a clerk's own Word document is judged the same way.
``regime`` reads a Party document's date line and gives the rules in force on it (HD 36, HD 05).
"""
