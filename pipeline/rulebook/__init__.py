"""The rules of form every stage reads: the systems, the kinds of document, the Party's rules by date.

Holds ``systems`` (state, union, Party, Mặt trận and the organisations under it: which header
and signature forms each uses), ``kinds`` (every tên loại vanban writes: its abbreviation per
system, its layout, what it holds, which systems may issue it), ``party`` (the Party's rules
in force on a date: QĐ 66 / HD 36 until the 2026 instruments, QĐ 399 / HD 05 after, in one
table with each value's status) and ``issuing`` (who may issue what: the refusal a clerk
reads). Sources and statuses are those of the-thuc-van-ban.md; where a value is UNCONFIRMED
the state (NĐ 30) value is used and the comment says so.

Pure data and small functions, read by the model, the sources, the cascade, the renderer and
the linter alike, so that the kinds vanban writes and the kinds ``vanban lint`` judges are one
list. May import: ``pipeline.i18n`` and ``pipeline.vietnamese`` only.
"""
