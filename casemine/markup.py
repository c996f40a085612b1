"""Plain text out of cells pasted with markup: HTML, or the HTML and XML Word puts on the clipboard.

Submissions copied from web forms or Word often carry tags (``<p>``, ``<b>``, ``<w:t>``), entities
(``&eacute;``), style blocks and Office's conditional comments. Tagging reads the text they hold;
the original cell is kept unchanged in the output.
"""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

# an opening, closing or empty tag (``<p>``, ``</b>``, ``<br/>``, ``<w:t xml:space="preserve">``), a comment, or
# a declaration; "a < b" or "<5 ans" are not tags
_TAG = re.compile(r"<(?:/?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?|!--.*?--|![A-Za-z][^<>]*)>", re.DOTALL)
_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "blockquote", "pre", "hr", "w:p", "w:br", "w:tab", "w:tr",
}  # fmt: skip
_HIDDEN = {"script", "style", "head", "title", "xml", "o:documentproperties", "w:instrtext"}
_BLANKS = re.compile(r"[ \t\u00a0]+")
_LINES = re.compile(r"\s*\n\s*")


def has_markup(text: str) -> bool:
    """True when ``text`` holds at least two tags (one stray ``<x>`` in prose is not markup)."""
    return len(list(itertools.islice(_TAG.finditer(text), 2))) == 2


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def strip_markup(text: str) -> str:
    """The text of ``text`` without its tags, comments, scripts and styles, entities decoded, one line per
    paragraph; ``text`` itself when it holds no markup."""
    if not has_markup(text):
        return text
    parser = _Text()
    parser.feed(text)
    parser.close()
    plain = _BLANKS.sub(" ", "".join(parser.parts))
    return _LINES.sub("\n", plain).strip()
