"""Stage 2, parse: the transcription syntax (the OCR with its editorial layer) and the walk
that builds a telegram's model from it. Nothing here knows of any output format."""
