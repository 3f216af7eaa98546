"""The register of outgoing documents (sổ đăng ký văn bản đi), kept in SQLite.

Holds ``store`` (the register: series, entries, one transaction per number), ``export``
(the Sổ printed as NĐ 30 Phụ lục IV: csv, xlsx) and ``backup`` (a consistent copy while
others issue).

May import: ``pipeline.sources`` and everything below it (model, vietnamese, files, errors, i18n).
"""
