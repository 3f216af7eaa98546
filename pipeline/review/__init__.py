"""For reviewers: every document as text, what changed since the last review, one page.

Holds ``campaign`` (what one campaign's review is made of, shared by the others),
``review`` (``vanban review``: texts, changes.md, thumbnails) and ``page`` (index.html).

May import: ``pipeline.build`` and everything below it. Not ``pipeline.archive``.
"""
