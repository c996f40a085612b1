"""Small real texts and files shared by the tests and bench/fuzz.py, a payload that proves code execution, and the
rules' extraction for the rule tests."""

from __future__ import annotations

FR_TEXT = (
    "Dans le cadre du programme Voisins solidaires, des bénévoles du quartier rendent visite chaque "
    "semaine aux personnes âgées isolées, en lien avec le CCAS de la commune qui forme les bénévoles."
)
EN_TEXT = (
    "Volunteers from the neighbourhood visit isolated older residents every week as part of a "
    "befriending scheme run with the borough council, which trains and supports the volunteers."
)


def rule_analyse(texts, langs, **kwargs):
    """``nlp.analyse`` with the rules' actor kinds, before the learned decision (tests/test_actor_decision.py)."""
    from casemine import nlp

    return nlp.analyse(texts, langs, settle_actors=False, **kwargs)


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Helvetica in WinAnsi encoding)."""

    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = ("BT /F1 11 Tf 40 800 Td 14 TL " + " ".join(f"({escape(x)}) '" for x in lines) + " ET").encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


class Payload:
    """Rebuilding this object would create a file: proof of code execution if it ever happens."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))

    def __setstate__(self, state):
        open(state["marker"], "w").close()
