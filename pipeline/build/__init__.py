"""Build: run the stages in order and write the results into output/, redoing only what changed.

Holds ``build`` (``run_build``: load → validate → resolve → number → render → write → lint),
``work`` (render, write and lint the documents whose inputs changed; commit each
campaign), ``workers`` (the same, over one forked process per core), ``cache`` (what the
last build made from what), ``write`` (atomic files, staged campaigns, the manifest),
``survey`` (whether each campaign's output is as the last build left it, looked at by a forked
child while the build reads), ``resolving`` (the campaigns resolved by the build and a forked
child together), ``claims`` (the numbers output/ shows, which the register must know before anything is
written), ``lock`` (one build at a time in an output folder) and ``progress`` (the bar and
the summary line).

May import: ``pipeline.docx``, ``pipeline.lint``, ``pipeline.cascade`` and everything below.
"""
