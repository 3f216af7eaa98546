"""For reviewers: every document as text, what changed since the last review, one page.

Holds ``campaign`` (what one campaign's review is made of, shared by the others),
``review`` (``vanban review``: texts, changes.md, thumbnails), ``page`` (index.html),
``preview`` (``vanban preview``: the pages in a browser, rebuilt on every save) and
``warm_office`` (a LibreOffice kept running for the preview).

May import: ``pipeline.build`` and everything below it. Not ``pipeline.archive``.
"""
