"""Generator for the scholarly edition of declassified diplomatic telegrams.

Pipeline, one module per stage:
sources (read files) -> markup (parse the transcription) -> assemble (typed model)
-> checks (cross-checks) -> render_* (Markdown pages) -> mkdocs_hook (MkDocs glue).
"""
