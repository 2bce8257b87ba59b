"""Stage 3, edition: the telegrams read from their sources and checked (load, checks), each
place resolved once into spans (views, resolve), the registers and the glossary found in them,
and the versions compared. Nothing here knows of any output format."""
