"""Cross-checks of one cable's model against its witness and its YAML tables.

Each check adds problems with positions; none of them changes the model except
`attach_records`, which links every intervention to its record.
"""
from __future__ import annotations

import hashlib

from ..errors import Pos, Problems
from ..model import Cable, OcrLine, Paragraph
from ..parse.assemble import leading_number
from ..sources.formats import DECISION_OF, RECORD_TABLE

OPEN, CLOSE = "\u27e6", "\u27e7"


def witness_lines(text: str) -> list[str]:
    """The lines of a witness as `wc -l` counts them, plus an unterminated last line: a final
    newline ends the last line, it does not begin an empty one."""
    if text == "":
        return []
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return lines


def check_witness(cable: Cable, witness_bytes: bytes, problems: Problems) -> None:
    """The witness copy is the one described (checksum, number of lines), and the transcription
    strips back to it exactly, line for line."""
    w = cable.meta["witness"]
    wpos = cable.meta.val_pos["witness"]
    digest = hashlib.sha256(witness_bytes).hexdigest()
    if digest != w["sha256"]:
        hint = "the witness must stay byte-identical to the release's OCR; restore it from git"
        if b"\r\n" in witness_bytes:
            hint += (" (it has CRLF line endings: a checkout that converts line endings changed it; "
                     ".gitattributes marks the witnesses -text)")
        problems.add(wpos, f"the witness file {w['file']} has SHA-256 {digest}, not the {w['sha256']} recorded",
                     hint=hint)
    expected = witness_lines(cable.witness_text)
    if w["lines"] != len(expected):
        end = "its last line ends with a newline" if cable.witness_text.endswith("\n") else \
            "no newline after its last line"
        problems.add(w.val_pos["lines"], f"witness.lines says {w['lines']}, but the witness {w['file']} has "
                     f"{len(expected)} lines ({end})",
                     hint=f"write `lines: {len(expected)}`: the number is published (TEI, JSON, the release page)")
    ocr_lines = [line for line in cable.lines if isinstance(line, OcrLine)]
    got = [line.printed for line in ocr_lines]
    if got == expected:
        return
    for i, (x, y) in enumerate(zip(got, expected)):
        if x != y:
            col = next((k for k, (c1, c2) in enumerate(zip(x, y)) if c1 != c2), min(len(x), len(y)))
            line = ocr_lines[i]
            problems.add(Pos(line.pos.path, line.pos.line, col + 1),
                         f"the OCR layer differs from the witness at witness line {i + 1}, column {col + 1}",
                         quote=f"transcription: {x!r}\n    witness:       {y!r}",
                         hint="the OCR text must stay exactly as in the witness; put changes in marks")
            return
    pos = ocr_lines[-1].pos if ocr_lines else Pos(cable.folder, 1, 1)
    if len(got) == len(expected) + 1 and got[-1] == "" and cable.witness_text.endswith("\n"):
        problems.add(pos, f"the transcription has an empty line after the witness's last line {len(expected)}",
                     hint="the witness's final newline ends its last line: remove the empty last line of the "
                          "transcription (the transcription's own final newline belongs to the file)")
        return
    problems.add(pos, f"the OCR layer has {len(got)} lines, the witness {len(expected)}",
                 hint="a blank line was added or lost (single-space lines must keep their space)")


def ocr_text(cable: Cable) -> str:
    """The OCR layer of the whole release: the witness, byte for byte."""
    text = "\n".join(line.printed for line in cable.lines if isinstance(line, OcrLine))
    return text + "\n" if cable.witness_text and cable.witness_text.endswith("\n") else text


def attach_records(cable: Cable, tables: dict, problems: Problems, editors: set[str]) -> None:
    """Every mark has its record, of the right kind; every record has its mark (entry for entry)."""
    used: set[tuple[str, str, str]] = set()
    for iv in cable.interventions.values():
        mark, piece = iv.marks[0]
        file, table = RECORD_TABLE[iv.kind]
        data = tables.get(file) or {}
        records = data.get(table) or {}
        record = records.get(iv.id)
        if record is None:
            problems.add(mark.pos, f"{OPEN}{iv.kind} {iv.id}{CLOSE} has no entry in {file}.yaml `{table}`",
                         hint=f"add `{iv.id}:` under `{table}` in {file}.yaml")
            continue
        used.add((file, table, iv.id))
        iv.record, iv.record_pos = record, records.key_pos[iv.id]
        if file != "collation":
            continue
        rpos = records.val_pos[iv.id]
        if record["decision"] not in DECISION_OF[iv.kind]:
            problems.add(rpos, f"entry {iv.id!r}: decision {record['decision']!r} does not fit the mark "
                         f"{OPEN}{iv.kind}{CLOSE} at {mark.pos.line}:{mark.pos.col}",
                         hint=f"a {iv.kind} mark records the decision {DECISION_OF[iv.kind][0]!r}")
        if record["printed"] != mark.printed:
            problems.add(rpos, f"entry {iv.id!r}: printed form {record['printed']!r} does not match the "
                         f"transcription's {mark.printed!r} at {mark.pos.line}:{mark.pos.col}")
        want = mark.reading if iv.kind in ("corr", "unclear") else None
        if want is not None and record["reading"] != want:
            problems.add(rpos, f"entry {iv.id!r}: reading {record['reading']!r} does not match the "
                         f"transcription's {want!r} at {mark.pos.line}:{mark.pos.col}")
        if iv.kind == "ok" and record["reading"] != record["printed"]:
            problems.add(rpos, f"entry {iv.id!r}: judged not an error, so its reading must equal the printed form")
        if record["resp"] not in editors:
            problems.add(rpos, f"entry {iv.id!r}: resp {record['resp']!r} is not an editor in edition.yaml",
                         hint="use one of: " + ", ".join(sorted(editors)))
    for file, table in sorted(set(RECORD_TABLE.values())):
        records = (tables.get(file) or {}).get(table) or {}
        for rid in records:
            if (file, table, rid) not in used:
                problems.add(records.key_pos[rid], f"{file}.yaml `{table}`: {rid!r} is not used in the transcription",
                             hint="mark its place in the transcription, or remove the entry")
    app = tables.get("apparatus") or {}
    for table, have in (("lacunae", cable.lacunae), ("duplicates", cable.duplicates)):
        records = app.get(table) or {}
        for rid in records:
            if rid not in have:
                directive = "@gap" if table == "lacunae" else "@dup"
                problems.add(records.key_pos[rid], f"apparatus.yaml `{table}`: {rid!r} is not placed in the transcription",
                             hint=f"put {OPEN}{directive} {rid}{CLOSE} where it belongs")


def check_paragraphs(cable: Cable, problems: Problems) -> None:
    lacuna_of: dict[int, list[str]] = {}
    for lac in cable.lacunae.values():
        for n in lac.paragraphs:
            if n not in cable.paragraphs:
                problems.add(lac.pos, f"lacuna {lac.id!r} names paragraph {n}, which is not declared")
            lacuna_of.setdefault(n, []).append(lac.id)
    redacted: dict[int, int] = {}
    for iv in cable.interventions.values():
        if iv.kind == "redact":
            for _, piece in iv.marks:
                if piece.zone.kind == "text" and piece.zone.ref.startswith("p"):
                    n = int(piece.zone.ref[1:])
                    redacted[n] = redacted.get(n, 0) + 1
    for n, para in cable.paragraphs.items():
        where = para.text_pos or para.pos
        has = para.has_text
        s = para.status
        if s == "missing":
            if has:
                problems.add(where, f"paragraph {n} is declared missing but has text in the transcription",
                             hint="declare it present, partial or withheld")
            if n not in lacuna_of:
                problems.add(para.pos, f"paragraph {n} is missing but no lacuna in apparatus.yaml names it",
                             hint="add it to the `paragraphs` of the lacuna that explains it")
        else:
            if not has:
                problems.add(para.pos, f"paragraph {n} is declared {s} but has no text in the transcription",
                             hint=f"mark its text with {OPEN}@p {n}{CLOSE}, or declare it missing")
                continue
        if s in ("withheld", "withheld-in-part") and n not in redacted:
            problems.add(para.pos, f"paragraph {n} is declared {s} but holds no redaction mark")
        if s in ("present", "partial") and n in redacted:
            problems.add(para.pos, f"paragraph {n} holds a redaction but is declared {s}",
                         hint="declare it withheld-in-part (or withheld)")
        if s == "partial" and n not in lacuna_of:
            problems.add(para.pos, f"paragraph {n} is partial but no lacuna names it",
                         hint="add it to the `paragraphs` of the lacuna that explains what is lost")
        if s == "present" and n in lacuna_of:
            problems.add(para.pos, f"paragraph {n} is declared present but lacuna {lacuna_of[n][0]!r} names it",
                         hint="declare it partial")
        if has:
            printed = leading_number(para)
            if printed is not None and printed != n:
                problems.add(where, f"paragraph declared as {n} begins with the number {printed}.",
                             hint="check the ⟦@p N⟧ directive")
        if not para.reason and s != "present":
            problems.add(para.pos, f"paragraph {n} is {s}: give the reason", hint="add `reason: ...`")
    for h in cable.headings:
        if not any(p.printed.strip() for p in h.pieces):
            problems.add(h.pos, f"heading {h.id!r} has no text")
    for m in cable.matter.values():
        if not m.pieces:
            problems.add(m.pos, f"matter {m.id!r} is declared but never marked in the transcription",
                         hint=f"put {OPEN}@matter {m.id}{CLOSE} before its lines")


def paragraph_witnesses(cable: Cable, para: Paragraph) -> list[str]:
    out: list[str] = []
    for pid in para.pages:
        t = cable.page(pid).telegram
        if t not in out:
            out.append(t)
    return out
