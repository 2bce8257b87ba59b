"""Stage 1, sources: reading the edition's files exactly (text, strict YAML) and checking them
against their declared schemas. Nothing here knows what a telegram is."""
