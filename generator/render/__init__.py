"""Stage 4, render: pure functions from the checked, resolved edition to each output: the
pages (HTML bodies with their front matter, table of contents, anchors and search entries)
and the downloads (TEI, JSON, plain text, citations). Templates give the shape; `paths` the
URL scheme; nothing here reads a source file or imports MkDocs."""
