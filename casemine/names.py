"""Names in text: the entity data files, comparison keys for names, and where a name sits on its line
(headings, field labels, Title Case lines are no names)."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def entity_data(name: str) -> Any:
    path = resources.files("casemine").joinpath(f"data/entities/{name}")
    if name.endswith(".jsonl"):
        return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return json.loads(path.read_text("utf-8"))


def doc_text(doc: Doc) -> str:
    """The text of a parsed case; spaCy rebuilds ``Doc.text`` from its tokens at every access."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Give ``doc_text`` the text ``doc`` was parsed from (spaCy's tokenizer loses no character of it)."""
    doc.user_data[_TEXT] = text


_TEXT = "casemine_text"


def entity_spans(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, made once per parse: spaCy builds a new Span for every entity at each access, and the
    rules read them many times."""
    ents = doc.user_data.get(_ENTS)
    if ents is None:
        ents = doc.user_data[_ENTS] = doc.ents
    return ents


_ENTS = "casemine_ents"


def positions(doc: Doc, words: frozenset[str]) -> list[int]:
    """Indices of the tokens whose lower-case form is one of ``words``: one scan of an array, where a loop over
    the tokens would build a Python object for each (several scans of every case add up)."""
    import numpy as np
    from spacy.attrs import LOWER

    lowers = doc.user_data.get("casemine_lower")
    if lowers is None:
        lowers = doc.user_data["casemine_lower"] = doc.to_array(LOWER)
    return np.flatnonzero(np.isin(lowers, _hashes(words))).tolist()


@lru_cache(maxsize=64)
def _hashes(words: frozenset[str]):
    import numpy as np
    from spacy.strings import hash_string

    return np.array(sorted(hash_string(w) for w in words), dtype=np.uint64)


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def count_whole(text: str, name: str, limit: int | None = None) -> int:
    """How often ``name`` occurs in ``text`` not inside a longer word (as ``(?<!\\w)name(?!\\w)`` would find it, counted like
    ``re.findall``, up to ``limit``), without compiling a pattern per name."""
    count, start, size = 0, 0, len(name)
    while size and (limit is None or count < limit):
        i = text.find(name, start)
        if i < 0:
            break
        if (i == 0 or not _word_char(text[i - 1])) and (i + size == len(text) or not _word_char(text[i + size])):
            count, start = count + 1, i + size
        else:
            start = i + 1
    return count


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


@lru_cache(maxsize=8192)
def normalise_name(name: str) -> str:
    """A comparison key for names: case, accents, leading articles and punctuation ignored."""
    key = strip_accents(name).casefold().replace("’", "'")
    key = re.sub(r"^(?:(?:the|le|la|les)\s+|l')", "", key)  # "the X", "l'Agence"; not "Landless", "Lesotho"
    return " ".join(re.sub(r"[^\w]+", " ", key).split())


MINOR_WORDS = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "of", "the", "and", "for", "à", "en", "pour", "&"}


def line_of(ent: Span) -> str:
    text = doc_text(ent.doc)
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    line_end = text.find("\n", ent.end_char)
    return text[line_start : len(text) if line_end == -1 else line_end].strip(" :-–•*")


def is_heading(ent: Span) -> bool:
    """Section headings glued into entities ("Participant Selection") span or fill a whole line."""
    if "\n" in ent.text.strip():
        return True
    text = doc_text(ent.doc)
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    line_end = text.find("\n", ent.end_char)
    line = text[line_start : len(text) if line_end == -1 else line_end].strip(" :-–•*")
    if line == ent.text.strip() and len(ent) <= 4:
        return True
    return title_line(line)


def whole_title_line(ent: Span) -> bool:
    """A name that is a whole Title Case line of five words or more is a case title or heading."""
    line = line_of(ent)
    return len(line.split()) >= 5 and title_line(line) and normalise_name(line) == normalise_name(ent.text)


_TITLE_MINOR = {"a", "an", "at", "by", "in", "on", "to", "with", "from", "per", "or", "vs", "sur", "dans", "au", "aux"}


def title_line(line: str) -> bool:
    """A short line in Title Case without a final stop: "Influence, Outcomes, and Effects"."""
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    if not 1 < len(words) <= 10 or line.endswith((".", ";", ",")):
        return False
    return all(w[0].isupper() or w.lower() in MINOR_WORDS or w.lower() in _TITLE_MINOR for w in words)


def label_or_heading(ent: Span) -> bool:
    """A field label ("Pays :", "Organisme porteur :") or a heading line, not a name."""
    text = doc_text(ent.doc)
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    if text[line_start : ent.start_char].strip(" -–•*"):
        return False
    rest = text[ent.end_char : text.find("\n", ent.end_char) if "\n" in text[ent.end_char :] else len(text)]
    return re.match(r"^[\w' ’-]{0,25}:", rest) is not None or is_heading(ent)
