"""A build holds each telegram light once read (edition/lighten.py) and reads it whole again for
its own pages: what it writes must be what the whole model renders, byte for byte, with or
without a pool of processes."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE, ROOT


def _written(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("root", [FIXTURE, ROOT / "site_src"], ids=["fixture", "real"])
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_from_light_telegrams_writes_what_the_whole_model_renders(root, jobs, tmp_path):
    from generator import pipeline
    from generator.errors import Problems
    from generator.render import anchors
    whole = pipeline.load(root)                       # every telegram kept whole
    rows = anchors.aliases(anchors.read_manifest(root / "anchors.tsv", Problems()))
    (tmp_path / "whole").mkdir()
    pipeline.render(whole, tmp_path / "whole", rows)
    pipeline.generate(root, tmp_path / "light", jobs=jobs)
    want, have = _written(tmp_path / "whole"), _written(tmp_path / "light")
    assert len(have) > 20 and sorted(have) == sorted(want)
    for path in want:
        assert have[path] == want[path], path


def test_a_light_telegram_lets_go_of_its_text_and_is_lent_it_back_for_its_pages():
    from generator import pipeline
    from generator.model import Piece
    edition = pipeline.load(FIXTURE, light=True)
    transcribed = [c for c in edition.cables.values() if c.has_transcription]
    assert transcribed
    for cable in transcribed:
        assert cable.lines == [] and cable.events == [] and cable.release == [] and cable.witness_text is None
        assert all(place.blocks is None for place in cable.places.values())
        assert all(page.pieces == [] for page in cable.pages)
        assert all(not isinstance(p, Piece) or p.items == () for para in cable.paragraphs.values()
                   for b in para.blocks for p in b.pieces)
        # what the edition's pages read of it stays: statuses, pages of each paragraph, notes
        assert cable.plain and all(isinstance(t, str) for t in cable.plain.values())
        assert any(para.pages for para in cable.paragraphs.values())
    cable = transcribed[0]
    place = next(iter(cable.places.values()))
    with pipeline._whole(edition, FIXTURE.parent / "docs")([cable.id]):
        assert cable.release and cable.events and cable.witness_text
        assert place.blocks is not None and all(page.pieces for page in cable.pages)
    assert place.blocks is None and cable.release == [] and all(page.pieces == [] for page in cable.pages)


def test_a_telegram_changed_during_the_build_asks_for_another_build(tmp_path):
    import shutil
    from generator import pipeline
    from generator.errors import EditionError
    root = tmp_path / "edition"
    shutil.copytree(FIXTURE, root)
    edition = pipeline.load(root, light=True)
    cable = next(c for c in edition.cables.values() if c.has_transcription)
    word = next(w for w in cable.places["p1"].text.split() if w.isalpha() and len(w) > 3)
    transcription = root / "cables" / cable.id / cable.meta["witness"]["transcription"]
    text = transcription.read_text(encoding="utf-8")
    transcription.write_text(text.replace(word, word.lower() if word != word.lower() else word.upper()),
                             encoding="utf-8")      # an editor saves while the pages are made
    with pytest.raises(EditionError) as e:
        with pipeline._whole(edition, root.parent / "docs")([cable.id]):
            pass
    assert f"the sources of telegram {cable.id} changed while the edition was being built" in str(e.value)


@pytest.mark.parametrize("name", ["cable.yaml", "collation.yaml"])
def test_any_source_of_a_telegram_changed_during_the_build_asks_for_another_build(tmp_path, name):
    # not only its text: a table or its head saved between the check and the render would give
    # pages that no check has seen (the render does not parse cable.yaml again)
    import shutil
    from generator import pipeline
    from generator.errors import EditionError
    root = tmp_path / "edition"
    shutil.copytree(FIXTURE, root)
    edition = pipeline.load(root, light=True)
    cable = next(c for c in edition.cables.values() if c.has_transcription)
    source = root / "cables" / cable.id / name
    source.write_text(source.read_text(encoding="utf-8") + "# saved again\n", encoding="utf-8")
    with pytest.raises(EditionError) as e:
        with pipeline._whole(edition, root.parent / "docs")([cable.id]):
            pass
    assert f"the sources of telegram {cable.id} changed while the edition was being built" in str(e.value)


def test_a_telegram_read_again_is_not_checked_again_unless_a_source_changed(tmp_path, monkeypatch):
    # the render's reading of a telegram whose files hold the bytes a reading found sound
    # only reads them; a file saved since (here with a key its schema refuses) is checked, and
    # the build asks for another
    import shutil
    from generator import pipeline
    from generator.edition import checks, load
    from generator.errors import EditionError
    root = tmp_path / "edition"
    shutil.copytree(FIXTURE, root)
    edition = pipeline.load(root, light=True)
    cable = next(c for c in edition.cables.values() if c.has_transcription)

    def refuse(*args, **kwargs):
        raise AssertionError("checked again")
    with monkeypatch.context() as m:
        for module, name in ((load, "load_checked"), (checks, "check_witness"), (checks, "check_paragraphs")):
            m.setattr(module, name, refuse)
        with pipeline._whole(edition, root.parent / "docs")([cable.id]):
            assert cable.release and all(place.blocks is not None for place in cable.places.values())
    source = root / "cables" / cable.id / "apparatus.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "not_a_key: 1\n", encoding="utf-8")
    with pytest.raises(EditionError) as e:
        with pipeline._whole(edition, root.parent / "docs")([cable.id]):
            pass
    assert f"the sources of telegram {cable.id} changed while the edition was being built" in str(e.value)


def test_telegrams_read_in_a_pool_report_their_problems_in_their_order(tmp_path):
    """A build reads its telegrams in a pool of processes: the problems are those, and in the
    order, of a reading one telegram after another."""
    import shutil
    from generator import pipeline
    from generator.errors import EditionError
    root = tmp_path / "edition"
    shutil.copytree(FIXTURE, root)
    folders = sorted(p for p in (root / "cables").iterdir() if (p / "cable.yaml").is_file())
    assert len(folders) >= 3
    for folder in (folders[-1], folders[0]):
        with open(folder / "cable.yaml", "a", encoding="utf-8") as f:
            f.write("not_a_key: 1\n")
    messages = {}
    for jobs in (1, 2):
        with pytest.raises(EditionError) as e:
            pipeline.load(root, light=True, jobs=jobs)
        messages[jobs] = [p.format() for p in e.value.problems]
    assert messages[2] == messages[1]
    named = [m.split("/cable.yaml")[0].split("/")[-1] for m in messages[2] if "not_a_key" in m]
    assert named == [folders[0].name, folders[-1].name], messages[2]


def test_an_unexpected_failure_in_the_reading_pool_says_where_it_happened(tmp_path, monkeypatch):
    from generator import pipeline
    from generator.edition import resolve
    from generator.errors import Progress

    def broken(cable):
        raise RuntimeError("a bug")
    monkeypatch.setattr(resolve, "resolve", broken)
    with pytest.raises(pipeline.WorkerError, match="RuntimeError: a bug"):
        pipeline.load(FIXTURE, light=True, jobs=2)
    assert Progress.where.startswith("resolving ")


def test_a_pools_workers_leave_signals_to_the_system_and_interrupts_to_the_parent():
    # The pool ends its workers with SIGTERM. A worker that kept the handler of `make site` (which
    # removes the scratch folders, then exits) could miss that signal just before waiting for its
    # next item and wait for ever, holding the build.
    import signal

    from generator import pipeline

    def handler(signum, frame):
        raise AssertionError("the parent's handler")
    previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)}
    try:
        seen = list(pipeline.pool_map(lambda s: signal.getsignal(s), [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], 2))
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
    assert seen == [signal.SIG_DFL, signal.SIG_DFL, signal.SIG_IGN]


def test_a_light_telegram_crosses_a_pipe_as_it_was():
    # a pool sends light telegrams back pickled; the frozen dataclasses pickle as a call of their
    # class with their fields (errors.Frozen), which holds only if every one is a Frozen whose
    # slots are its fields in the order of its constructor
    import dataclasses
    import pickle

    from generator import errors, model, pipeline
    for mod in (model, errors):
        for cls in vars(mod).values():
            if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == mod.__name__ \
                    and cls.__dataclass_params__.frozen and "__slots__" in vars(cls):
                assert issubclass(cls, errors.Frozen), cls
                assert cls.__slots__ == tuple(f.name for f in dataclasses.fields(cls) if f.init), cls
    edition = pipeline.load(FIXTURE, light=True)
    for cable in edition.cables.values():
        again = pickle.loads(pickle.dumps(cable, protocol=pickle.HIGHEST_PROTOCOL))
        same = [f.name for f in dataclasses.fields(cable) if getattr(again, f.name) == getattr(cable, f.name)]
        # (the positions of cable.yaml's keys compare by identity: the only field that differs)
        assert set(f.name for f in dataclasses.fields(cable)) - set(same) == {"meta_pos"}
