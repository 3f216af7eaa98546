"""Render: a numbered document becomes DOCX bytes in the official format.

Holds ``layout`` (content → body paragraphs: numbering, citations, the closing mark, what is
kept with the signature block; the one place clerks' text becomes WordprocessingML),
``header`` (the header's names in lines broken at phrases, at an allowed size, and the
warning when a name fits at none), ``tables`` (a table as WordprocessingML: widths, merged
cells, header rows repeated on each page), ``render`` (the template context, and the docxtpl
template compiled once and zipped per document) and ``ahead`` (the default template prepared and
compiled by ``make template`` into ``compiled/``, which a build loads instead of doing it again).

May import: ``pipeline.model``, ``pipeline.vietnamese``, ``pipeline.errors``, ``pipeline.files``, ``pipeline.i18n``.
Not ``pipeline.lint``: the linter judges what this package makes without knowing how.
"""
