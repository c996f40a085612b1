"""Reading a folder of submissions: one case per ``.txt``, ``.docx`` or ``.pdf`` file.

The folder becomes a ``Table`` with columns ``file`` (the file name, the case's id) and ``text``,
one row per file, sorted by name. A file that cannot be read (damaged, a PDF without a text layer,
a kind we do not read) keeps its row, with an empty text and the reason in ``Table.problems``, so
that the labelled output still lists it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from casemine.tables import InputError, Record, TableSource, text_encoding

DOCUMENT_KINDS = (".txt", ".docx", ".pdf")


class UnreadableFile(Exception):
    """A file of the folder whose text cannot be had; the message is the reason shown to reviewers."""


def _read_txt(path: Path) -> str:
    with path.open(encoding=text_encoding(path), errors="replace", newline="") as handle:  # text kept as written
        return handle.read()


def _read_docx(path: Path) -> str:
    """Paragraphs and table cells in document order (a merged cell once)."""
    import docx
    from docx.table import Table as DocxTable

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zip, XML and package errors on damaged files
        raise UnreadableFile(f"not a readable .docx document ({type(exc).__name__})") from None
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, DocxTable):
            for row in block.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        lines.append(cell.text)
        else:
            lines.append(block.text)
    return "\n".join(line for line in lines if line.strip())


def _read_pdf(path: Path) -> str:
    """The text layer of every page; a scanned PDF has none."""
    from pypdf import PdfReader

    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL)  # pypdf logs every defect it works round; the reason column says enough
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile("the PDF is password-protected")
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except UnreadableFile:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise UnreadableFile(f"not a readable PDF ({type(exc).__name__})") from None
    finally:
        pypdf_log.setLevel(level)
    if not text.strip():
        raise UnreadableFile("no text layer in PDF (a scan? run it through OCR, or save the text as .txt)")
    return text


_READERS = {".txt": _read_txt, ".docx": _read_docx, ".pdf": _read_pdf}


def read_document(path: str | Path) -> str:
    """The text of one ``.txt``, ``.docx`` or ``.pdf`` file; raises ``UnreadableFile`` with the reason."""
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableFile(
            f"{path.suffix or 'files without extension'} files are not read; save it as .txt, .docx or .pdf"
        )
    try:
        return reader(path).strip()
    except OSError as exc:
        raise UnreadableFile(f"cannot open the file ({exc.strerror or type(exc).__name__})") from None


def _is_submission(path: Path) -> bool:
    """Files of the folder that are cases: not hidden files, not Office lock files (``~$name.docx``)."""
    return path.is_file() and not path.name.startswith((".", "~$"))


def open_folder(folder: str | Path) -> TableSource:
    """Every file directly in ``folder`` as a row (``file``, ``text``), sorted by file name, each file read
    only when its row is.

    Subfolders are not read. Unreadable files keep their row, with an empty text and the reason
    (``unreadable file: …``) as the row's problem.
    """
    folder = Path(folder)
    files = sorted((p for p in folder.iterdir() if _is_submission(p)), key=lambda p: p.name)
    if not files:
        raise InputError(f"{folder}: the folder has no files; put one {', '.join(DOCUMENT_KINDS)} file per case in it")

    def read() -> Iterator[Record]:
        for path in files:
            try:
                yield {"file": path.name, "text": read_document(path)}, None
            except UnreadableFile as exc:
                yield {"file": path.name, "text": ""}, f"unreadable file: {exc}"

    return TableSource(columns=["file", "text"], kind="folder", source=str(folder), read=read, length=len(files))
