"""Generator of a scholarly digital edition of declassified diplomatic telegrams.

The stages, one folder each, importing only downwards:
    sources   reading files exactly, strict YAML, the schemas of the sources
    parse     the transcription syntax and the walk that builds a telegram's model
    edition   the telegrams checked, each place resolved once into spans, the registers, the
              glossary and the versions
    render    pure functions from the resolved edition to each page and download
    site      the MkDocs glue, building site/ safely, the link check, the offline edition,
              releasing a version
`pipeline` lists the passes in order; `model` and `errors` are shared by every stage.
"""
