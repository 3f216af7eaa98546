"""Render: a numbered document becomes DOCX bytes in the official format.

Holds ``layout`` (content → body paragraphs: numbering, citations, the closing mark; the one
place clerks' text becomes WordprocessingML) and ``render`` (the template context, and the
docxtpl template compiled once and zipped per document).

May import: ``pipeline.model``, ``pipeline.vietnamese``, ``pipeline.errors``, ``pipeline.i18n``.
Not ``pipeline.lint``: the linter judges what this package makes without knowing how.
"""
