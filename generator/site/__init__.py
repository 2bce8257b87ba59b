"""Stage 5, site: the glue to MkDocs (mkdocs_hook, the only module that imports MkDocs, and
glue, which it calls), building site/ safely (build: a lock, an atomic switch), the link check
of the built site, the edition for reading offline, and the release of a version."""
