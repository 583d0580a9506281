"""Reading raw files: bytes → text, whatever encoding people saved them in.

A user's data problem (empty, binary, undecodable, no Chinese text) raises
:class:`RawFileError` naming the file and the reason; callers report it and go on.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from charset_normalizer import from_bytes

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ""}
BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
MIN_CJK = 20  # fewer Chinese characters than this is not a report
HTML_DOCUMENT = re.compile(r"^\s*(?:<!DOCTYPE html|<html|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
              "article", "title", "td", "th", "ul", "ol", "header", "footer"}


class RawFileError(Exception):
    """A raw file that cannot be read as report text; the message names file and reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


@dataclass(frozen=True)
class RawText:
    """A raw file's decoded text and how it was decoded."""

    source: str
    text: str
    encoding: str
    guessed: bool


class _TextOfHtml(HTMLParser):
    """Visible text of an HTML page, one line per block element; scripts and styles dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "noscript", "template"):
            self._skip += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript", "template"):
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(page: str) -> str:
    """Visible text of a saved web page (a report saved as .html is still a report).

    >>> html_to_text("<html><body><p>各位代表:</p><script>alert(1)</script><p>现在</p></body></html>")
    '\\n各位代表:\\n\\n现在\\n'
    """
    parser = _TextOfHtml()
    parser.feed(page)
    parser.close()
    return "".join(parser.parts)


def _cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte is mostly zero for ASCII, or CJK decodes."""
    if len(data) < 4 or len(data) % 2:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _cjk_count(text) > len(text) * 0.2:
            return enc
    return None


def decode_bytes(data: bytes, path: str | Path = "<bytes>") -> tuple[str, str, bool]:
    """Decode raw bytes to text; return (text, encoding, guessed)."""
    if not data.strip():
        raise RawFileError(path, "empty file")
    for bom, enc in BOMS:
        if data.startswith(bom):
            return data.decode(enc), enc.replace("-sig", ""), False
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    enc16 = _looks_utf16(data)
    if enc16:
        return data.decode(enc16), enc16, True
    if b"\x00" in data[:8192]:  # text never holds NUL bytes; images, archives, PDFs do
        raise RawFileError(path, "binary file (contains NUL bytes), not text")
    try:  # GB18030 is a superset of GBK and GB2312: the usual encoding of Chinese web pages
        text = data.decode("gb18030")
        if _cjk_count(text) >= MIN_CJK:
            return text, "gb18030", True
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise RawFileError(path, "cannot decode: not UTF-8, GB18030 or UTF-16 text")
    return str(best), best.encoding, True


def read_raw(path: str | Path) -> RawText:
    """Read one raw file; raise :class:`RawFileError` when it holds no readable Chinese text."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RawFileError(path, f"cannot read: {exc.strerror or exc}") from None
    text, encoding, guessed = decode_bytes(data, path)
    if HTML_DOCUMENT.match(text):
        text = html_to_text(text)
    if "\x00" in text or sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t") > 50:
        raise RawFileError(path, "binary file (control characters), not text")
    if _cjk_count(text) < MIN_CJK:
        raise RawFileError(path, "no Chinese text in file")
    if guessed:
        log.info("%s: encoding guessed as %s", path.name, encoding)
    return RawText(path.name, text, encoding, guessed)


def list_raw_files(paths: list[str | Path]) -> list[Path]:
    """Files under ``paths`` (files or folders), sorted; hidden files and manifests skipped."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(f for f in sorted(p.rglob("*")) if f.is_file()
                         and not f.name.startswith(".") and f.suffix.lower() in TEXT_SUFFIXES
                         and f.name.upper() not in ("MANIFEST", "README.MD", "MANIFEST.SHA256"))
        else:
            found.append(p)
    return found
