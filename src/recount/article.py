"""The article's structure: title, lede, the three headed sections and their paragraphs.

The source (``data/source/article.zh.txt``) is one paragraph a line, blank lines
between them. Its first line and its last lines are page furniture of the site
it was captured from, not the article. Nothing here edits the text: every
paragraph is a slice of the source, so a chapter that shows one shows it
verbatim, and a ledger row is placed in the paragraph that holds its quote.
"""

from __future__ import annotations

from dataclasses import dataclass

from recount.ledger import Ledger

#: section number -> (Chinese heading as printed, English translation)
SECTIONS: dict[int, tuple[str, str]] = {
    0: ("导语", "Lede"),
    1: ("推动扶持政策落地落实助企业复工复产", "Putting support policies into practice to help firms reopen"),
    2: ("街道分类推进、精准施策助推复工复产进程",
        "Sub-districts sort firms by type and target their measures to speed up reopening"),
    3: ("重启2020 不负春光时与行", "Restart 2020: making the most of the spring, keeping pace with the times"),
}

#: the furniture lines around the article (site banner above, page counters below)
FURNITURE_HEAD = "这里是普通文章模块栏目内容页"
FURNITURE_TAIL = "收藏"


@dataclass(frozen=True)
class Paragraph:
    section: int  # 0 = lede, 1-3 = headed sections
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
    title: str
    title_start: int
    paragraphs: tuple[Paragraph, ...]
    headings: dict[int, int]  # section -> offset of its heading in the source

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
        return self.paragraphs[-1].end


def split(source: str) -> Article:
    """The article's title, headings and paragraphs, located in ``source``."""
    lines = source.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    headings = {heading: n for n, (heading, _) in SECTIONS.items() if n}
    section, counts = 0, {0: 0, 1: 0, 2: 0, 3: 0}
    title, title_start = None, 0
    paragraphs: list[Paragraph] = []
    heading_at: dict[int, int] = {}
    for line, start in zip(lines, offsets):
        text = line.strip()
        if not text or text == FURNITURE_HEAD:
            continue
        if text == FURNITURE_TAIL:
            break
        if title is None:
            title, title_start = line, start
            continue
        if text in headings:
            section = headings[text]
            heading_at[section] = start
            continue
        counts[section] += 1
        paragraphs.append(Paragraph(section, counts[section], line, start, start + len(line)))
    if title is None or set(heading_at) != {1, 2, 3}:
        raise ValueError("the source does not have the article's title and three section headings")
    return Article(title, title_start, tuple(paragraphs), heading_at)


def article(ledger: Ledger) -> Article:
    return split(ledger.source)


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

