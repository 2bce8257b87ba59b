"""The benchmark of the edition's build (`make bench`): synthetic corpora, measurements, the
page about/performance/. Not part of the edition, and not run by `make test`."""
