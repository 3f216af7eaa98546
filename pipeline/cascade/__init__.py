"""The cascade: from valid sources to numbered documents (resolve → number), and the acts on it.

Holds ``resolve`` (fan-outs, inheritance, placeholders, recipients, cascade rules),
``number`` (numbers from the register; drafts stay blank), ``check`` (validate, resolve
and number without writing), ``issue`` (the văn thư gives a signed document its number)
and ``scaffold`` (``vanban new``: a derived document or a body added as commented YAML).

May import: ``pipeline.register``, ``pipeline.sources`` and everything below them.
"""
