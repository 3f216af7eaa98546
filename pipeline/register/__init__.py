"""The register of outgoing documents (sổ đăng ký văn bản đi), kept in SQLite.

Holds ``store`` (the register: series, entries, one transaction per number; every SQLite
or disk failure said in the clerk's words), ``integrity`` (a check digest per row, to tell a
damaged row from an edited source), ``void`` (hủy số: a number voided with its reason, never
given again), ``export`` (the Sổ printed as NĐ 30 Phụ lục IV: csv, xlsx, text never read as a
formula) and ``backup`` (a consistent copy while others issue).

May import: ``pipeline.sources`` and everything below it (model, vietnamese, files, errors, i18n).
"""
