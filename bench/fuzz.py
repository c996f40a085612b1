"""Fuzzing the readers (issue 9): mutated and random files must give a table (or a document's text) or a clear
refusal (``InputError``; ``UnreadableFile`` for a document, which becomes the row's reason), never another
exception, and never hang.

    python bench/fuzz.py [--seconds 360] [--seed 0]

Hypothesis draws, for each reader, a seed file (a valid ``.csv``, ``.jsonl``, ``.xlsx``, ``.docx`` or
``.pdf`` made here) or random bytes, and a list of mutations: bytes flipped, overwritten, inserted
(random or tokens that matter to the format: quotes, separators, NUL, BOMs, ``\\ud800`` escapes, zip and
PDF keywords), deleted, repeated, or the file cut short. For the zip formats (``.xlsx``, ``.docx``) half
the mutations are made inside one member (``xl/worksheets/sheet1.xml``, ``word/document.xml``, …) and
the archive rebuilt, so that the XML parsers are reached and not only the zip checks. Each file is read
through ``casemine.tables.read_table`` or ``casemine.documents.read_document``; anything else than a
result or the expected refusal, or a read longer than 10 s, is a finding (saved under ``--findings``).
The time is shared among the five readers; every figure is printed at the end.
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casemine.documents import UnreadableFile, read_document  # noqa: E402
from casemine.tables import InputError, read_table  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from samples import text_pdf  # noqa: E402  (the tests' small real files)

FR = "Des bénévoles du quartier rendent visite chaque semaine aux personnes âgées isolées, avec le CCAS."
EN = "Volunteers from the neighbourhood visit isolated older residents every week, with the council."
TOKENS = [b'"', b"\n", b"\r\n", b";", b",", b"\t", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\\ud800", b"{", b"}",
          b"[", b"<", b"</", b"&#0;", b"<![CDATA[", b"sep=;", b"PK\x03\x04", b"PK\x05\x06", b"%%EOF", b" obj ",
          b"endobj", b"stream", b"/Encrypt", b"xref", b"trailer", b"\x80", b"\xe9", b"9" * 40]  # fmt: skip
READ_LIMIT = 10  # seconds: a longer read counts as a hang


def seeds() -> dict[str, list[bytes]]:
    """Valid files of each kind, the starting points of the mutations."""
    import docx
    from openpyxl import Workbook

    csv_text = f'Ref;Texte;Pays\r\n1;"{FR}\r\nSuite : coût 12 €.";FR\r\n2;"{EN}";UK\r\n'
    jsonl = "".join(
        json.dumps({"Ref": i, "text": t, "n": 1.5}, ensure_ascii=False) + "\n" for i, t in enumerate([FR, EN])
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Ref", "Description", "Montant"])
    sheet.append(["A1", FR, 12000])
    sheet.append(["A2", EN, None])
    xlsx = io.BytesIO()
    workbook.save(xlsx)
    document = docx.Document()
    document.add_paragraph(FR)
    grid = document.add_table(rows=1, cols=2)
    grid.cell(0, 0).text, grid.cell(0, 1).text = "Pays", "France"
    document.add_paragraph(EN)
    docx_bytes = io.BytesIO()
    document.save(docx_bytes)
    return {
        ".csv": [csv_text.encode("cp1252"), csv_text.replace(";", ",").encode("utf-16")],
        ".jsonl": [jsonl.encode("utf-8")],
        ".xlsx": [xlsx.getvalue(), (ROOT / "examples" / "submissions.xlsx").read_bytes()],
        ".docx": [docx_bytes.getvalue()],
        ".pdf": [text_pdf([FR[:60], FR[60:], EN])],
    }


MUTATION = st.tuples(
    st.sampled_from(["flip", "set", "insert", "token", "delete", "repeat", "cut"]),
    st.floats(0, 1),  # where, as a fraction of the length
    st.integers(1, 64),  # how much
    st.binary(min_size=1, max_size=16),
    st.sampled_from(TOKENS),
)


def mutate(data: bytes, mutations: list[tuple]) -> bytes:
    buf = bytearray(data)
    for kind, where, size, payload, token in mutations:
        at = int(where * len(buf))
        if kind == "flip" and buf:
            at = min(at, len(buf) - 1)
            buf[at] ^= 1 << (size % 8)
        elif kind == "set":
            buf[at : at + len(payload)] = payload
        elif kind == "insert":
            buf[at:at] = payload
        elif kind == "token":
            buf[at:at] = token
        elif kind == "delete":
            del buf[at : at + size]
        elif kind == "repeat":
            buf[at:at] = buf[at : at + size] * (1 + size % 4)
        elif kind == "cut":
            del buf[at:]
    return bytes(buf)


def mutate_member(data: bytes, member: float, mutations: list[tuple]) -> bytes:
    """Mutate one member of a zip archive and rebuild it, so that the format's XML parsers see the damage."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zin:
            items = [(item, zin.read(item.filename)) for item in zin.infolist()]
    except zipfile.BadZipFile:
        return mutate(data, mutations)
    target = min(int(member * len(items)), len(items) - 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for k, (item, content) in enumerate(items):
            zout.writestr(item.filename, mutate(content, mutations) if k == target else content)
    return out.getvalue()


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang(f"read took over {READ_LIMIT} s")


class Target:
    """One reader under fuzzing, with its tally."""

    def __init__(self, suffix: str, files: list[bytes], folder: Path, findings: Path):
        self.suffix, self.files, self.path, self.findings = suffix, files, folder / f"input{suffix}", findings
        self.outcomes: collections.Counter = collections.Counter()
        self.found: dict[str, str] = {}
        self.examples = 0
        self.largest = 0

    def read(self, data: bytes) -> None:
        self.path.write_bytes(data)
        self.examples += 1
        self.largest = max(self.largest, len(data))
        signal.alarm(READ_LIMIT)
        try:
            if self.suffix in (".docx", ".pdf"):
                read_document(self.path)
                self.outcomes["text"] += 1
            else:
                read_table(self.path)
                self.outcomes["table"] += 1
        except (InputError, UnreadableFile) as exc:
            self.outcomes[type(exc).__name__] += 1
        except Exception as exc:  # a finding: not a result nor a clear refusal
            key = f"{type(exc).__name__}: {str(exc)[:120]}"
            self.outcomes["finding"] += 1
            if key not in self.found:
                self.found[key] = traceback.format_exc(limit=-3)
                name = f"finding-{len(self.found)}{self.suffix}"
                (self.findings / name).write_bytes(data)
        finally:
            signal.alarm(0)


def fuzz(target: Target, seconds: float, first_seed: int) -> float:
    """Run rounds of 100 hypothesis examples on ``target`` until ``seconds`` have passed; returns the time taken."""
    zipped = target.suffix in (".xlsx", ".docx")
    source = st.one_of(st.sampled_from(target.files), st.binary(max_size=2048))

    @settings(
        max_examples=100,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=source, mutations=st.lists(MUTATION, max_size=6), inside=st.booleans(), member=st.floats(0, 1))
    def one(data: bytes, mutations: list, inside: bool, member: float) -> None:
        target.read(mutate_member(data, member, mutations) if zipped and inside else mutate(data, mutations))

    start = time.perf_counter()
    round_ = first_seed
    while time.perf_counter() - start < seconds:
        seed(round_)(one)()
        round_ += 1
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=360, help="total time, shared among the readers")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--findings", type=Path, default=Path(tempfile.gettempdir()) / "casemine-fuzz")
    args = parser.parse_args()
    args.findings.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGALRM, _alarm)
    import logging

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    all_seeds = seeds()
    share = {".csv": 1, ".jsonl": 1, ".xlsx": 1.5, ".docx": 1, ".pdf": 1.5}
    total = sum(share.values())
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for suffix, files in all_seeds.items():
            target = Target(suffix, files, Path(folder), args.findings)
            took = fuzz(target, args.seconds * share[suffix] / total, args.seed)
            rows.append((target, took))
            print(f"{suffix}: {target.examples} files in {took:.0f} s; {dict(target.outcomes)}", flush=True)
            for key, trace in target.found.items():
                print(f"  FINDING {key}\n{trace}", flush=True)
    print("\n| reader | files tried | time | largest | outcomes | findings |\n|---|---|---|---|---|---|")
    for target, took in rows:
        reader = "read_document" if target.suffix in (".docx", ".pdf") else "read_table"
        outcomes = ", ".join(f"{k} {v}" for k, v in sorted(target.outcomes.items()) if k != "finding")
        print(
            f"| {reader} {target.suffix} | {target.examples} | {took:.0f} s | {target.largest:,} B | {outcomes} | "
            f"{target.outcomes['finding']} ({len(target.found)} kinds) |"
        )


if __name__ == "__main__":
    main()
