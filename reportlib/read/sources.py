"""Reading raw files: bytes → text, whatever encoding people saved them in.

A user's data problem (empty, binary, undecodable, no Chinese text) raises
:class:`RawFileError` naming the file and the reason; callers report it and go on.
"""

from __future__ import annotations

import codecs
import errno
import logging
import os
import re
import stat
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from charset_normalizer import from_bytes

from reportlib.paths import PACKAGE_DATA

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ""}
BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
MIN_CJK = 20  # fewer Chinese characters than this is not a report
PROSE_SHARE = 0.25  # Chinese prose: ≥ this share of its characters among common_hanzi.txt (gibberish: ~2%)
PROSE_SAMPLE = 200_000  # characters looked at to tell prose from gibberish (bounded time on any size)
SKIPPED_NAMES = ("MANIFEST", "README.MD", "MANIFEST.SHA256")
HTML_DOCUMENT = re.compile(r"^\s*(?:<!DOCTYPE html|<html|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
              "article", "title", "td", "th", "ul", "ol", "header", "footer"}


class RawFileError(Exception):
    """A raw file that cannot be read as report text; the message names file and reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")

    def __reduce__(self) -> tuple:  # pickled whole, so a Dask worker can return it
        return (type(self), (self.path, self.reason))


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


_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f]")  # control characters other than \t \n \r


def _cjk_count(text: str) -> int:
    return sum(map(len, _CJK_RUN.findall(text)))  # runs, not characters: one match per run is cheap


@cache
def common_hanzi() -> frozenset[str]:
    """The most frequent characters of written Chinese (``data/common_hanzi.txt``)."""
    lines = (PACKAGE_DATA / "common_hanzi.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ch for line in lines if not line.startswith("#") for ch in line if _CJK.match(ch))


def prose_share(text: str) -> float:
    """Share of the Chinese characters (of a bounded sample) that are common ones: high for prose,
    near zero for bytes of another encoding decoded as UTF-16 or GB18030 (``慒灰牯``)."""
    sample = text if len(text) <= PROSE_SAMPLE else text[:PROSE_SAMPLE // 2] + text[-PROSE_SAMPLE // 2:]
    cjk = _CJK.findall(sample)
    common = common_hanzi()
    return sum(1 for ch in cjk if ch in common) / len(cjk) if cjk else 0.0


def looks_chinese(text: str) -> bool:
    """Enough Chinese characters, and mostly common ones: text a person wrote in Chinese."""
    return _cjk_count(text[:PROSE_SAMPLE]) >= MIN_CJK and prose_share(text) >= PROSE_SHARE


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: only when the decoded text is Chinese prose (Latin-1 or ASCII bytes
    decode as UTF-16 to CJK characters too, but to rare ones)."""
    if len(data) < 4 or len(data) % 2:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if looks_chinese(text):
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
        if looks_chinese(text):
            return text, "gb18030", True
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise RawFileError(path, "not a Chinese text: it decodes as no known encoding to Chinese prose"
                                 " (UTF-8, GB18030, UTF-16 tried); save it as UTF-8")
    return str(best), best.encoding, True


def read_raw(path: str | Path) -> RawText:
    """Read one raw file; raise :class:`RawFileError` when it holds no readable Chinese text."""
    path = Path(path)
    data = _read_regular_file(path)
    text, encoding, guessed = decode_bytes(data, path)
    if HTML_DOCUMENT.match(text):
        text = html_to_text(text)
    if "\x00" in text or len(_CONTROL.findall(text)) > 50:
        raise RawFileError(path, "binary file (control characters), not text")
    if _cjk_count(text) < MIN_CJK:
        raise RawFileError(path, f"not a Chinese text: no Chinese text in file (read as {encoding})")
    share = prose_share(text)
    if share < PROSE_SHARE:
        raise RawFileError(path, f"not a Chinese text: read as {encoding}, its characters are not Chinese"
                                 f" prose ({share:.0%} common characters); save it as UTF-8")
    if guessed:
        log.info("%s: encoding guessed as %s", path.name, encoding)
    return RawText(path.name, text, encoding, guessed)


def _open_error(path: Path, exc: OSError) -> str:
    """One line saying why ``path`` cannot be opened, and what to do."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop: skipped (point the link at a file)"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"broken symbolic link to {os.readlink(path)}: skipped"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot read: permission denied (give read permission or move it out of the folder)"
    return f"cannot read: {exc.strerror or exc}"


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file; a FIFO, device or folder is refused without blocking on it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO opens at once instead of waiting
    except OSError as exc:
        raise RawFileError(path, _open_error(path, exc)) from None
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise RawFileError(path, f"{_kind(mode)}, not a regular file: skipped")
        try:
            return fh.read()
        except OSError as exc:
            raise RawFileError(path, f"cannot read: {exc.strerror or exc}") from None


def _wanted(name: str) -> bool:
    return (not name.startswith(".") and Path(name).suffix.lower() in TEXT_SUFFIXES
            and name.upper() not in SKIPPED_NAMES)


def _walk(folder: Path, found: list[Path], problems: list[tuple[Path, str]], seen: set) -> None:
    """Files under ``folder``, following folder links once each (a loop is a problem, not a hang)."""
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in seen:
            problems.append((folder, "symbolic link loop (folder already read): skipped"))
            return
        seen.add((info.st_dev, info.st_ino))
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.append((folder, "cannot read folder: " + _open_error(folder, exc).removeprefix("cannot read: ")))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            problems.append((path, _open_error(path, exc)))
            continue
        if stat.S_ISDIR(mode):
            _walk(path, found, problems, seen)
        elif not _wanted(entry.name):
            continue
        elif stat.S_ISREG(mode):
            found.append(path)
        else:
            problems.append((path, f"{_kind(mode)}, not a regular file: skipped"))


def scan_raw_files(paths: list[str | Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files under ``paths`` (files or folders), sorted, and the entries that cannot be read
    (unreadable folders, link loops, FIFOs …) with the reason; hidden files and manifests skipped."""
    found: list[Path] = []
    problems: list[tuple[Path, str]] = []
    for p in map(Path, paths):
        if p.is_dir():
            folder: list[Path] = []
            _walk(p, folder, problems, set())
            found.extend(sorted(folder))
        else:
            found.append(p)  # named by the user: read_raw says what is wrong with it
    return found, problems


def list_raw_files(paths: list[str | Path]) -> list[Path]:
    """Files under ``paths`` (files or folders), sorted; hidden files and manifests skipped."""
    return scan_raw_files(paths)[0]
