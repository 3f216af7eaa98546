"""The cascade: from valid sources to numbered documents (resolve → number), and the acts on it.

Holds ``resolve`` (fan-outs, inheritance, recipients, cascade rules), ``fill`` (one
document's content for its issuer: placeholders, roles, level filters, shared blocks, the
assignments of "Tổ chức thực hiện"), ``roles`` (who plays which role at a level), ``audit``
(a derived document that copies another level's is warned), ``promises`` (what a
document's text says is attached, it carries), ``number`` (numbers from
the register; drafts stay blank), ``check`` (validate, resolve and number without
writing), ``issue`` (the văn thư gives a signed document its number) and ``scaffold`` (``vanban new``: a derived document or a body added as commented YAML).

May import: ``pipeline.register``, ``pipeline.sources`` and everything below them.
"""
