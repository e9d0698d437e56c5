"""The article's structure: title, lede, headed sections and their paragraphs.

The source (``source/article.zh.txt`` of a data folder) is one paragraph a line.
Nothing here edits the text: every paragraph is a slice of the source, so a
chapter that shows one shows it verbatim, and a ledger row is placed in the
paragraph that holds its quote.

What an article's structure is, is data. A folder may describe it in
``book.json`` (:func:`layout`): the page furniture of the site it was captured
from (lines before the article, the line after which only furniture follows) and
its sections' headings as printed, with an English title each. Without one, the
structure is found from the text (:func:`split`): the first line is the title
when it reads as one (short, no full stop); a heading is a line numbered 一、,
（一）, 1、, a line that is all 【…】, a 第…部分 line, a ``**bold**`` line, or a
short line with no sentence punctuation once the body has begun. The
paragraphs before the first heading are the lede (section 0); with no heading
at all, the whole article is section 0.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from recount.errors import InputError
from recount.ledger import Ledger, read_bytes

#: the file of a data folder that describes its article's structure and its book
LAYOUT_NAME = "book.json"
#: a line that is a numbered, bracketed or bold heading of its own
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、．]|\d{1,2}\.(?!\d)"
                     r"|第[一二三四五六七八九十\d]+(?:部分|章|节|篇)|【[^】]+】$|\*\*.+\*\*$)")
SENTENCE_PUNCTUATION = "。!?;！？；,，"
#: the longest line that can be a title or a heading
TITLE_MAX, HEADING_MAX = 60, 40


@dataclass(frozen=True)
class Layout:
    """What a folder's ``book.json`` says of its article (everything optional)."""

    furniture_head: tuple[str, ...] = ()  # lines before the article, not part of it
    furniture_tail: str | None = None  # the line after which only furniture follows
    sections: dict[int, tuple[str, str]] = field(default_factory=dict)  # n -> (heading as printed, English)
    legends: dict[int, str] = field(default_factory=dict)  # n -> its name in a chart's legend
    extra: dict = field(default_factory=dict)  # the rest of book.json (charts, search words ...)


@dataclass(frozen=True)
class Paragraph:
    section: int  # 0 = lede (or the whole article when it has no heading), 1.. = headed sections
    index: int  # 1-based within its section
    text: str
    start: int  # character offset in the source
    end: int

    @property
    def key(self) -> str:
        """A stable name, e.g. ``s1p3`` (section 1, paragraph 3)."""
        return f"s{self.section}p{self.index}"

    def holds(self, offset: int) -> bool:
        return self.start <= offset < self.end


@dataclass(frozen=True)
class Article:
    title: str  # "" when the article has none
    title_start: int  # -1 when it has none
    paragraphs: tuple[Paragraph, ...]
    headings: dict[int, int]  # section -> offset of its heading in the source
    heading_texts: dict[int, str] = field(default_factory=dict)  # section -> heading as printed
    start: int = 0  # where the article begins (after the furniture above it)

    def section(self, section: int) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.section == section]

    def paragraph(self, section: int, index: int) -> Paragraph:
        for p in self.paragraphs:
            if p.section == section and p.index == index:
                return p
        raise KeyError(f"no paragraph {index} in section {section}")

    def at(self, offset: int) -> Paragraph | None:
        """The paragraph holding the character at ``offset`` (None: title or heading)."""
        for p in self.paragraphs:
            if p.holds(offset):
                return p
        return None

    @property
    def body_end(self) -> int:
        return self.paragraphs[-1].end if self.paragraphs else self.start

    @property
    def sections(self) -> list[int]:
        """The sections that have a heading or a paragraph, in order."""
        return sorted({p.section for p in self.paragraphs} | set(self.headings))


def layout(data_dir: Path | str | None) -> Layout:
    """The folder's ``book.json``, or an empty layout for a folder without one."""
    if data_dir is None:
        return Layout()
    return _layout(str(Path(data_dir).resolve()))


@lru_cache(maxsize=8)
def _layout(folder: str) -> Layout:
    path = Path(folder) / LAYOUT_NAME
    if not path.is_file():
        return Layout()
    try:
        raw = json.loads(read_bytes(path).decode("utf-8"))
        furniture = raw.get("furniture", {})
        sections = {int(n): (s["heading"], s.get("title_en", "")) for n, s in enumerate(raw.get("sections", []))}
        legends = {int(n): s["legend"] for n, s in enumerate(raw.get("sections", [])) if s.get("legend")}
        return Layout(tuple(furniture.get("head", [])), furniture.get("tail"), sections, legends,
                      {k: v for k, v in raw.items() if k not in ("furniture", "sections")})
    except (UnicodeDecodeError, ValueError, LookupError, TypeError, AttributeError) as exc:
        raise InputError(path, None, None, f"not a book layout ({type(exc).__name__}: {exc})") from None


def is_title(text: str) -> bool:
    return len(text) <= TITLE_MAX and not any(ch in text[:-1] for ch in "。;；") and not text.endswith("。")


def is_heading(text: str, body_seen: bool) -> bool:
    """A numbered, bracketed or bold heading, or a short line with no sentence punctuation in the body;
    never a table's row or cell (|400|10|2.5%|, a tab, a share, a line mostly of digits: 65至69岁)."""
    if len(text) > HEADING_MAX or text.endswith(("。", ":", "：")) or any(ch in text for ch in "|\t%‰％"):
        return False
    if 2 * sum(ch.isdigit() for ch in text) > len(text):
        return False
    if HEADING.match(text):
        return not any(ch in text[:-1] for ch in "。;；")
    return body_seen and 4 <= len(text) <= 30 and not any(ch in text for ch in SENTENCE_PUNCTUATION)


def split(source: str, shape: Layout | None = None) -> Article:
    """The article's title, headings and paragraphs, located in ``source`` (as ``shape`` describes
    it, or as found from the text)."""
    shape = shape or Layout()
    lines = source.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    given = {heading: n for n, (heading, _) in shape.sections.items() if n}
    section, counts = 0, {}
    title, title_start, begin = None, -1, None
    paragraphs: list[Paragraph] = []
    heading_at: dict[int, int] = {}
    heading_texts: dict[int, str] = {}
    for line, start in zip(lines, offsets):
        text = line.strip()
        if not text or text in shape.furniture_head:
            continue
        if text == shape.furniture_tail:
            break
        if begin is None:
            begin = start
            if is_title(text):
                title, title_start = line, start
                continue
        if given:
            found = given.get(text)
        else:
            found = len(heading_at) + 1 if is_heading(text, bool(paragraphs)) else None
        if found is not None:
            section = found
            heading_at[section], heading_texts[section] = start, text.strip("*")
            continue
        counts[section] = counts.get(section, 0) + 1
        paragraphs.append(Paragraph(section, counts[section], line, start, start + len(line)))
    if given and set(heading_at) != set(given.values()):
        missing = [h for h, n in given.items() if n not in heading_at]
        raise ValueError(f"the source does not have the headings book.json gives: {', '.join(missing)}")
    return Article(title or "", title_start, tuple(paragraphs), heading_at, heading_texts,
                   begin if begin is not None else 0)


def article(ledger: Ledger) -> Article:
    folder = str(Path(ledger.data_dir).resolve()) if ledger.data_dir is not None else ""
    return _split(ledger.source, folder)


@lru_cache(maxsize=8)
def _split(source: str, folder: str) -> Article:
    return split(source, _layout(folder) if folder else Layout())


def section_title(a: Article, shape: Layout, section: int) -> tuple[str, str]:
    """A section's heading as printed (Chinese) and its English title ("" where there is none)."""
    if section in shape.sections:
        return shape.sections[section]
    if section == 0:
        return ("", "Lede" if a.headings else "The article")
    return (a.heading_texts.get(section, ""), "")


# ---------------------------------------------------------------- placing ledger rows


def figures_in(ledger: Ledger, para: Paragraph) -> list[str]:
    """Ids of the figures whose quote lies in ``para``, in reading order."""
    rows = [f for f in ledger.figures.values() if para.holds(f.start)]
    return [f.id for f in sorted(rows, key=lambda f: f.start)]


# ---------------------------------------------------------------- sentences

SENTENCE_END = "。!?!?\n"
SENTENCE_LEAD = "”’」』.,,、 "


def sentence_span(source: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence holding ``source[start:end]``: from after the previous 。!? to its own."""
    end = start if end is None else end
    lo = max(source.rfind(ch, 0, start) for ch in SENTENCE_END) + 1
    while lo < start and source[lo] in SENTENCE_LEAD:  # a closing quote or stray stop after the last 。
        lo += 1
    his = [i for i in (source.find(ch, max(end - 1, start)) for ch in SENTENCE_END) if i >= 0]
    hi = min(his) + 1 if his else len(source)
    if source[hi - 1:hi] == "\n":
        hi -= 1
    return lo, hi


def sentences_for(ledger: Ledger, figure_ids) -> list[tuple[int, int]]:
    """The distinct sentences that hold the given figures' quotes, in reading order."""
    spans = set()
    for fid in figure_ids:
        f = ledger.figures[fid]
        spans.add(sentence_span(ledger.source, f.start, f.start + len(f.quote)))
    return sorted(spans)

