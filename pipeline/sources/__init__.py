"""Sources: read the clerks' YAML, check it, and turn it into the frozen model (load → validate).

Holds ``load`` (YAML 1.2 core, every value located), ``schema`` (the checkers and the JSON
Schema they print), ``fields`` (each key a clerk may write, declared once with its
Vietnamese description), ``content`` (shared blocks, level filters and outside documents
checked against the campaign and the registry), ``tables`` (tables as clerks write them:
every row fills its columns; then the model), ``sandbox`` (the jail placeholders are
filled in), ``find`` (where the source files are), ``pieces`` (a campaign file cut into one
piece per document item, so that a build reads only the pieces an edit needs) and ``validate`` (every file and field checked, all problems together; raw
dicts stop here).

May import: ``pipeline.model``, ``pipeline.vietnamese``, ``pipeline.files`` (files read safely: regular
files, size first), ``pipeline.processes`` (readers that die with the command), ``pipeline.errors``,
``pipeline.i18n``.
"""
