"""HTML snippets the book displays: claim boxes, tables, the marked-up article.

Rules every function here keeps:

* every piece of data text (quotes, labels, notes, ids) goes through :func:`esc`
  (``html.escape`` with quotes): a quote containing ``<script>``,
  ``<img onerror=...>``, ``**`` or ``{glue}`` is shown as those characters,
  never interpreted, by the browser or by MyST (HTML outputs are not parsed as
  Markdown);
* Chinese text is wrapped in ``lang="zh-CN"`` (``<span>``, ``<blockquote>``,
  ``<div>``), so screen readers and fonts pick the right language;
* a verdict is a badge with a symbol and a word, never colour alone; badge
  colours meet WCAG AA (4.5:1) for their text (:data:`BADGE`);
* every table sits in its own ``overflow-x:auto`` box, so it scrolls on a phone
  instead of widening the page. Essential styles are inline, so a snippet reads
  right without ``book/_static/recount.css`` (which adds the rest).

Functions return :class:`IPython.display.HTML` (shown as HTML by Jupyter and
myst-nb); the ``*_html`` helpers they are built from return ``str``.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

import pandas as pd
from IPython.display import HTML

from recount import article as art
from recount import census, paths
from recount.constraints import ConstraintResult
from recount.english import (arithmetic_words, as_written, band_words, cap_first, count_words, date_en, en_number,
                             counted, figure_en, figure_range_en, fill_text, interval_text, stands_for, number_word, pct, pct_range, tally, qualified_en,
                             rate_digits, recomputed_words, verdict_words)
from recount.intervals import DECIMALS_RULE, QUALIFIERS, Interval, cited_interval, step
from recount.ledger import CONSTRAINT_KINDS, VERDICTS, Figure, Ledger, read_bytes, schema_path, sum_interval
from recount.report import VERDICT_ORDER, Report, claim_results
from recount.severity import MATERIAL, Miss, claim_level
from recount.superlatives import SuperlativeResult
from recount.verdict import MEANING, RateResult, claim_key, fmt_fraction, round_half_up
from recount.vocabulary import DRAFT_LOOK, RESULT_LOOK, RESULT_PHRASE, VERDICT_LOOK

LEDGER_PAGE = "ledger.html"
#: where the Methods page says how far off a claim is measured (its MyST label)
METHODS_HOW_FAR_OFF = "methods.html#how-far-off"

#: verdict -> (symbol, text colour, background), and the same for a result: recount.vocabulary's
BADGE: dict[str, tuple[str, str, str]] = {**VERDICT_LOOK, **DRAFT_LOOK}
RESULT_BADGE: dict[str, tuple[str, str, str]] = RESULT_LOOK

#: constraint kind -> its name for readers (the ledger's kind codes stay in data/constraints.csv)
CONSTRAINT_NAMES: dict[str, str] = {
    "le": "part within its total",
    "enumeration": "count of a list",
    "enumeration_partial": "count of a list ending in 等",
    "within": "pooled rate within its parts",
    "part": "a part's rate within the whole's",
}

CONSTRAINT_MEANING: dict[str, str] = {
    "le": "A part cannot exceed its total (approved ≤ eligible ≤ surveyed). With approximate figures it "
          "passes when some values in the intervals satisfy it.",
    "enumeration": "A stated count (四个方面, “four aspects”) equals the number of items the text lists.",
    "enumeration_partial": "The list ends in 等 (“and others”): it may be shorter than the stated count, "
                           "not longer.",
    "within": "A pooled rate is a weighted mean of its parts, so it lies between the lowest and the "
              "highest part (soft when the parts named may not be all the parts). Inside that range it could be "
              "their mean, which shows no more: it is not contradicted, never a pass.",
    "part": "A part's rate against the whole's, for the same kind of business at the same date, with no limit set: "
            "with the part's counts, the rest of the whole must have a rate between 0 and 100%; with its rate only, "
            "the largest share of the whole the part can be is derived from the whole's counts. A part that fits "
            "only leaves room: it is not contradicted, never a pass.",
}

SCROLL_STYLE = "overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch"
TABLE_STYLE = "border-collapse:collapse;font-size:0.9em"
CELL_STYLE = "border-bottom:1px solid #D0D0D0;padding:0.3em 0.6em;text-align:left;vertical-align:top"


# ---------------------------------------------------------------- primitives


def esc(value) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def zh(text: str) -> str:
    """Chinese text, escaped, marked as zh-CN."""
    return f'<span lang="zh-CN">{esc(text)}</span>'


#: punctuation a figure's quote may start with (the ledger keeps it where the words alone occur
#: twice in the article), never shown at the start of a quote
QUOTE_EDGES = " \t,，、。;；:：!！?？"


def quote_text(quote: str) -> str:
    """A figure's quote as readers see it: no punctuation before its first word (``,复工率达100%`` is
    shown ``复工率达100%``); the rest verbatim."""
    return quote.lstrip(QUOTE_EDGES)


#: a run of Chinese: Han characters, CJK and full-width punctuation, 《》“”, with the digits and
#: signs written inside or before it (3月31日、4月8日; 98%左右; 150余万元)
CHINESE_RUN = re.compile(
    r"[0-9.%+\-]*[\u3000-\u303f\u3400-\u9fff\uff00-\uffef《》“”‘’]"
    r"(?:[0-9.%+\-\u3000-\u303f\u3400-\u9fff\uff00-\uffef《》“”‘’]|\s(?=[\u3400-\u9fff]))*")


def mixed(text: str) -> str:
    """English text with Chinese in it, escaped, each Chinese run marked zh-CN."""
    text = "" if text is None else str(text)
    out, pos = [], 0
    for m in CHINESE_RUN.finditer(text):
        out.append(esc(text[pos:m.start()]))
        out.append(zh(m.group()))
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


def badge_html(verdict: str) -> str:
    symbol, fg, bg = BADGE.get(verdict) or RESULT_BADGE[verdict]
    return (f'<span class="recount-badge recount-{esc(verdict)}" style="color:{fg};background:{bg};'
            f'border:1px solid {fg};border-radius:0.8em;padding:0 0.55em;white-space:nowrap;'
            f'font-weight:600">{symbol} {esc(verdict.replace("_", " "))}</span>')


def breakable(markup: str) -> str:
    """``markup`` with a break opportunity after each ``_`` and ``+``, so a long ledger id (or a sum of
    ids) wraps inside its column instead of widening the table."""
    return markup.replace("_", "_<wbr>").replace("+", "+<wbr>")


def _sentence(text: str) -> str:
    """``text`` with a capital and a full stop."""
    text = cap_first(text.strip())
    return text if not text or text[-1] in ".!?" else text + "."


def _event_date(e) -> str:
    """``13 April 2020``, or ``February 2020`` for an event dated to a month."""
    return f"{date_en(e)} {e.date:%Y}"


def _cell(content: str, header: bool = False, label: str = "") -> str:
    tag = "th" if header else "td"
    data = f' data-label="{esc(label)}"' if label else ""
    return f'<{tag} style="{CELL_STYLE}"{data}>{content}</{tag}>'


def table_html(headers: list[str], rows: list[list[str]], row_ids: list[str] | None = None,
               classes: str = "") -> str:
    """A table from cells that are ALREADY markup (built with :func:`esc`/:func:`zh`/badges), in a box
    that scrolls sideways on a narrow screen.

    Each cell carries its column's name (``data-label``): on a phone the stylesheet stacks every
    row into a card of labelled lines instead of squeezing the columns."""
    head = "".join(_cell(esc(h), header=True) for h in headers)
    body = []
    for i, row in enumerate(rows):
        rid = f' id="{esc(row_ids[i])}"' if row_ids else ""
        body.append(f"<tr{rid}>" + "".join(_cell(c, label=h) for c, h in zip(row, headers)) + "</tr>")
    return (f'<div class="recount-scroll" style="{SCROLL_STYLE}"><table class="recount-table {esc(classes)}" '
            f'style="{TABLE_STYLE}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>')


def _link(href: str, text_html: str) -> str:
    return f'<a href="{esc(href)}">{text_html}</a>'


def fig_href(fid: str) -> str:
    return f"{LEDGER_PAGE}#fig-{fid}"


def rate_href(rid: str) -> str:
    return f"{LEDGER_PAGE}#rate-{rid}"


# ---------------------------------------------------------------- the article, marked


def marked(ledger: Ledger, start: int, end: int, mark: Callable[[Figure, str], str],
           only: Collection[str] | None = None) -> str:
    """``source[start:end]`` escaped, each figure quote in it (of ``only``, if given) replaced by
    ``mark(figure, quote)``; of two overlapping quotes the first one wins."""
    source = ledger.source
    figs = sorted((f for f in ledger.figures.values() if start <= f.start and f.start + len(f.quote) <= end
                   and (only is None or f.id in only)), key=lambda f: (f.start, len(f.quote), f.id))
    out, pos = [], start
    for f in figs:
        if f.start < pos:
            continue
        out.append(esc(source[pos:f.start]))
        out.append(mark(f, source[f.start:f.start + len(f.quote)]))
        pos = f.start + len(f.quote)
    out.append(esc(source[pos:end]))
    return "".join(out)


def _highlight(f: Figure, text: str) -> str:
    """A figure's quote highlighted and linked to its ledger row."""
    return (f'<a class="recount-fig" href="{esc(fig_href(f.id))}" title="{esc(f.label_en)}">'
            f'<mark style="background:#FFF1B8;color:#1A1A1A">{esc(text)}</mark></a>')


def blockquote(markup: str, key: str = "") -> str:
    """Chinese markup (already escaped) as a block quote, with the id ``key`` if given."""
    anchor = f' id="{esc(key)}"' if key else ""
    return f'<blockquote class="recount-quote" lang="zh-CN"{anchor}>{markup}</blockquote>'


def _quoted(ledger: Ledger, ids: list[str], spans: Iterable[tuple[int, int]]) -> str:
    """The spans ``(start, end)`` of the source, each a block quote with the figures ``ids`` marked."""
    return "".join(blockquote(marked(ledger, lo, hi, _highlight, ids)) for lo, hi in spans)


def paragraph_html(report: Report, section: int, index: int) -> str:
    para = art.article(report.ledger).paragraph(section, index)
    return blockquote(marked(report.ledger, para.start, para.end, _highlight), para.key)


def paragraph(report: Report, section: int, index: int) -> HTML:
    """A paragraph of the article, verbatim, its figures marked and linked to the ledger."""
    return HTML(paragraph_html(report, section, index))


def lede(report: Report) -> HTML:
    """The article's title and lede paragraph, verbatim."""
    title = blockquote(f"<strong>{esc(art.article(report.ledger).title)}</strong>")
    return HTML(title + paragraph_html(report, 0, 1))


# ---------------------------------------------------------------- claims


def _reading_rows(results: list[RateResult]) -> str:
    cited = f"{results[0].cited.value_text}%" if results[0].cited else "the cited rate"
    rows = []
    for r in results:
        fits = {True: "yes", False: "no", None: "—"}[r.fits]
        reading = _link(rate_href(r.rate.id), mixed(_sentence(r.rate.reading or "the only reading")))
        rows.append([f"{reading}<br><small>{mixed(r.rate.note_en)}</small>", esc(arithmetic_words(r)), esc(fits)])
    return table_html(["Reading", "Recomputed", f"Rounds to {cited}"], rows, classes="recount-readings")


def _in_text_order(ledger: Ledger, ids: Iterable[str]) -> list[Figure]:
    return sorted((ledger.figures[i] for i in ids), key=lambda f: f.start)


def sentence_glosses(report: Report, spans: Iterable[tuple[int, int]]) -> list[str]:
    """The English of each quoted sentence (``glosses.csv``), in order; a sentence without a gloss is
    skipped (a drafted ledger has none)."""
    from recount.publish.labels import load_glosses

    glosses, figs = load_glosses(report.ledger), report.ledger.figures
    out = []
    for lo, hi in spans:
        gloss = next((g for fid, g in glosses.items() if lo <= figs[fid].start < hi), None)
        if gloss:
            out.append(gloss)
    return out


def _claim_gloss(report: Report, rs: list[RateResult], ids: list[str]) -> str:
    """The quoted sentences in English, one English sentence for each Chinese one."""
    return " ".join(sentence_glosses(report, art.sentences_for(report.ledger, ids)))


def _claim_box(report: Report, rs: list[RateResult]) -> str:
    first, verdict = rs[0], rs[0].verdict
    key = claim_key(first.rate)
    ids = list(dict.fromkeys(([first.rate.cited] if first.rate.cited else [])
                             + [f for r in rs for f in r.rate.numerator + r.rate.denominator]))
    label = (first.cited.label_en or first.cited.quote) if first.cited else first.rate.note_en
    parts = [f'<div class="recount-claim recount-claim-{esc(verdict)}" id="claim-{esc(key)}" '
             f'style="border-left:0.35em solid {BADGE[verdict][1]};padding:0.4em 0.9em;margin:1em 0">',
             f'<p class="recount-claim-head">{badge_html(verdict)} <strong>{mixed(cap_first(label))}</strong></p>',
             _quoted(report.ledger, ids, art.sentences_for(report.ledger, ids)),
             *([f'<p class="recount-gloss"><em>Gloss:</em> {mixed(gloss)}</p>']
               if (gloss := _claim_gloss(report, rs, ids)) else []),
             *([f'<p class="recount-note"><em>Note:</em> {mixed(_sentence(rs[0].rate.note_en))}</p>']
               if len(rs) == 1 and rs[0].rate.note_en else [])]
    if first.cited is not None:
        quote, value = quote_text(first.cited.quote), f"{first.cited.value_text}%"
        said = zh(quote) + ("" if quote == value else f" ({esc(value)})")  # a drafted quote is often the value alone
        parts.append(f"<p>Cited: {said}, which stands for any value {esc(band_words(first.cited_interval))}.</p>")
    parts.append(_reading_rows(rs) if len(rs) > 1 else f"<p>Recomputed: {esc(arithmetic_words(first))}</p>")
    parts.append(verdict_html(verdict, rs))
    if verdict == "inconsistent":
        parts.append(how_far_off_html(report, key))
    return "".join(parts) + "</div>"


def verdict_html(outcome: str, rs: list[RateResult] | None = None) -> str:
    """The coded verdict (a badge, defined on the Methods page) beside the verdict in plain words
    (:func:`recount.english.verdict_words`), as a fact-check pairs "Claim" with "Our verdict"."""
    return (f'<p class="recount-verdict"><strong>Our verdict:</strong> {esc(verdict_words(outcome, rs))} '
            f"{badge_html(outcome)}</p>")


def claim(report: Report, claim_id: str) -> HTML:
    """One claim: the whole Chinese sentences holding the figures it uses, an English gloss, the
    arithmetic of every reading, a verdict badge.

    ``claim_id`` is a claim's key (its cited figure id, or ``derived:<rate id>``) or a rate id."""
    rs = claim_results(report, claim_id) or claim_results(report, claim_key(report.result(claim_id).rate))
    return HTML(_claim_box(report, rs))


# ---------------------------------------------------------------- the landing page

def title(ledger: Ledger) -> str:
    """The article's title: as its folder gives it (``datapackage.json``), else its own title line; "" if none."""
    from recount.folder import metadata

    return (metadata(ledger.data_dir)["title"] or art.article(ledger).title).strip()


def short_title(ledger: Ledger) -> str:
    """The article's title as a reader would cite it: ``标题`` from ``【专栏】标题!副题``
    (the column tag dropped, cut at the first ``!`` or ``:``); "" when it has none."""
    text = re.sub(r"^【[^】]*】", "", title(ledger))
    return re.split(r"[!！:：]", text, maxsplit=1)[0].strip()


def the_article(ledger: Ledger) -> str:
    """``《标题》``, or ``the article`` when it has no title (never an empty ``《》``)."""
    short = short_title(ledger)
    return f"《{short}》" if short else "the article"


def headline(report: Report) -> str:
    """The finding as a title, over the percentages the article's counts can check (an unverifiable
    one neither adds up nor fails): ``One of the five checkable percentages in 《标题》 does not add up``."""
    n, checked = report.scorecard()["inconsistent"], report.n_checkable()
    where = the_article(report.ledger)
    if report.n_claims() == 0:
        return f"{cap_first(where)} states no percentage to check"
    if checked == 0:
        return f"No percentage in {where} can be checked against counts it gives"
    if n == 0:
        return f"All the checkable percentages in {where} add up"
    verb = "does" if n == 1 else "do"
    if n == checked:
        which = ("The one checkable percentage" if n == 1 else "Both checkable percentages" if n == 2
                 else f"All {number_word(n)} checkable percentages")
        return f"{which} in {where} {verb} not add up"
    return f"{cap_first(number_word(n))} of the {number_word(checked)} checkable percentages in {where} {verb} not add up"


def _gloss(report: Report, template: str | None, ids, bold: str | None = None) -> str:
    """A written gloss (``{fig:<id>}`` templates filled), else the quoted sentences' glosses
    (``glosses.csv``), else the figures' labels and values in text order, with their qualifiers
    (``more than 2,000``)."""
    if template:
        return mixed(fill_text(template, report.ledger))
    data = sentence_glosses(report, art.sentences_for(report.ledger, list(ids)))
    if data:
        return mixed(" ".join(data))
    if not any(report.ledger.figures[i].label_en for i in ids):
        return ""  # a drafted ledger: no figure has an English label yet
    return "; ".join(f"{mixed(cap_first(f.label_en or f.quote))}: " + (f"<strong>{esc(qualified_en(f))}</strong>"
                     if f.id == bold else esc(qualified_en(f)))
                     for f in _in_text_order(report.ledger, ids)) + "."


def _points(pp) -> str:
    """A distance in percentage points, two decimals; one that rounds to 0.00 is ``less than 0.01``."""
    text = fmt_fraction(pp, 2)
    return "less than 0.01" if text == "0.00" else text


def _how_far_off_words(misses: list[Miss], cited: str) -> str:
    if not misses:
        return ""
    pp = sorted(_points(m.miss_pp) for m in misses)
    span = pp[0] if pp[0] == pp[-1] else f"{pp[0]} to {pp[-1]}"
    first = misses[0].result
    unit = "one point" if first.cited.decimals == 0 else f"{en_number(Fraction(1, 10 ** first.cited.decimals))} of a point"
    level = (f"over {unit}, too far for a slip in rounding" if claim_level(misses) == MATERIAL
             else f"within {unit}, as near as a slip in rounding")
    sides = {m.direction for m in misses}
    if sides == {"below"} or sides == {"above"}:
        below = sides == {"below"}
        edge = first.cited_interval.low if below else first.cited_interval.high
        where = (f"{'below' if below else 'above'} {en_number(edge)}%, the {'lowest' if below else 'highest'} value "
                 f"{cited} can stand for")
    else:
        where = f"outside the values {cited} can stand for"
    return (f"That is {span} percentage points {where}: {level}. For {cited} to be right, the counts would have had to be "
            + "; ".join(f"{_needed(m)} for {m.result.rate.reading}" if m.result.rate.reading
                        else f"{_needed(m)} as given" for m in misses) + ".")


def _needed(m: Miss) -> str:
    """``at least 5,121 of 5,852``: the nearest count that would have given the cited rate, as a bound."""
    if m.needed is None:
        return m.needed_text()
    return f"{'at least' if m.direction == 'below' else 'at most'} {m.needed_text()}"


def _lead_box(report: Report, rs: list[RateResult], glosses: dict[str, tuple[str, str]]) -> str:
    ledger, first, cid = report.ledger, rs[0], rs[0].rate.cited
    stated = list(dict.fromkeys([cid] + [f for r in rs for f in r.rate.numerator]))
    totals = list(dict.fromkeys(f for r in rs for f in r.rate.denominator))
    claim_spans = art.sentences_for(ledger, stated)
    total_spans = [s for s in art.sentences_for(ledger, totals) if s not in claim_spans]
    claim_gloss, total_gloss = glosses.get(cid, (None, None))
    cited = f"{first.cited.value_text}%"
    lines = "".join(f"<li>{mixed(cap_first(r.rate.reading or 'as given'))}: {esc(arithmetic_words(r))}</li>" for r in rs)
    source = (f'<p class="recount-lead-label">Where the totals come from</p>{_quoted(ledger, totals, total_spans)}'
              + _gloss_line(_gloss(report, total_gloss, totals)) if total_spans else "")
    return (f'<div class="recount-lead" id="lead-{esc(cid)}">'
            f'<p class="recount-lead-verdict">{badge_html(first.verdict)} <strong>'
            f"{mixed(cap_first(first.cited.label_en or 'the stated share'))}, {esc(cited)}.</strong> "
            f'<span class="recount-verdict"><strong>Our verdict:</strong> {esc(verdict_words(first.verdict, rs))}</span></p>'
            f'<p class="recount-lead-label">The claim</p>{_quoted(ledger, stated, claim_spans)}'
            f"{_gloss_line(_gloss(report, claim_gloss, stated, cid))}"
            f'<p class="recount-lead-label">What the counts give</p><ul>{lines}</ul>'
            f"<p>{esc(_how_far_off_words(report.misses.get(cid, []), cited))} "
            f"({_link(METHODS_HOW_FAR_OFF, 'how far off is measured')})</p>{source}</div>")


def _gloss_line(gloss: str) -> str:
    return f'<p class="recount-gloss"><em>In English:</em> {gloss}</p>' if gloss else ""


def lead(report: Report, glosses: dict[str, tuple[str, str]] | None = None) -> HTML:
    """The first screen: each claim the article's counts contradict, as a fact-check box.

    First the verdict in one line, then the claim (the Chinese sentence that states it, with an
    English gloss), then what the counts give; below them the sentence the totals come from, and
    how far off the claim is. ``glosses`` maps a cited figure id to the English of the claim's
    sentence and of the totals' sentence, numbers written as ``{fig:<id>}``
    (:func:`recount.english.fill_text`); without them a gloss lists the figures' labels."""
    keys = dict.fromkeys(claim_key(r.rate) for r in report.results if r.verdict == "inconsistent")
    boxes = [_lead_box(report, claim_results(report, k), glosses or {}) for k in keys]
    return HTML("".join(boxes) or "<p>Every percentage the article's counts can check is consistent with them.</p>")


def provenance(report: Report) -> HTML:
    """What is known of the article: title, place, the dates in its text, the archived text's hash."""
    events = sorted(report.ledger.events, key=lambda e: e.date)
    from recount.folder import metadata

    digest = hashlib.sha256(report.ledger.source.encode("utf-8")).hexdigest()
    known, name = metadata(report.ledger.data_dir), title(report.ledger)
    if known["date"]:
        dated = ["Date", esc(_iso_date_en(known["date"]))]
    elif events:
        dated = ["Dates in the text", esc(f"from {_event_date(events[0])} to {_event_date(events[-1])}; the article "
                                          f"itself is undated, so it was published on or after {_event_date(events[-1])}")]
    else:
        dated = ["Date", esc("not given: the text carries no dated byline and no date was recorded with it")]
    rows = [
        ["Title", zh(name) if name else esc("none: the text has no title line and none was recorded with it")],
        ["Place", esc(known["place"]) if known["place"] else esc("not given in the text or recorded with it")],
        dated,
        ["Publisher", esc(known.get("publisher") or "not in the captured page (unknown)")],
        ["Address", _link(known["url"], esc(known["url"])) if known["url"] and known["url"].startswith(("http://", "https://"))
         else esc("not recorded with the capture; the Source appendix holds the archived text")],
        ["Archived text", f"the page's text, byte for byte, sha256 <code>{esc(digest)}</code>"],
    ]
    return HTML(table_html(["The article", "What is known"], rows, classes="recount-provenance"))


def _iso_date_en(text: str) -> str:
    """``2024-01-15`` as ``15 January 2024`` (anything else as given)."""
    try:
        d = datetime.fromisoformat(text)
    except ValueError:
        return text
    return f"{d.day} {d:%B %Y}"


def byline(report: Report) -> str:
    """What is checked, by whom and when, from what is known of the article (nothing unknown is named
    here: the provenance table says once what is not known)."""
    from recount.folder import metadata

    known = metadata(report.ledger.data_dir)
    name = short_title(report.ledger)
    what = f"A check of 《{name}》, a Chinese news report" if name else "A check of a Chinese news report"
    if known["place"]:
        what += f" on {known['place']}"
    if known["date"]:
        what += f" dated {_iso_date_en(known['date'])}"
    score, n = report.scorecard(), report.n_claims()
    good, bad = score["consistent"], score["inconsistent"]
    of_its = f"Of its {count_words_plain(n)} {'percentage' if n == 1 else 'percentages'}"
    if not n:
        tally = "It states no percentage to check."
    elif not report.n_checkable():
        tally = f"{of_its}, none can be checked."
    else:
        tally = (f"{of_its}, {report.n_checkable()} can be checked against counts it gives: {good} "
                 f"{'checks' if good == 1 else 'check'} out, {bad} {'does' if bad == 1 else 'do'} not.")
    return f"{what}, by the Recount project, {check_date(report.ledger.data_dir)}. {tally}"


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def count_words_plain(n: int) -> str:
    return f"{n:,}"


def unconfirmed_html(report: Report) -> str:
    """The claims whose ledger rows are still the draft's reading (``note_en`` starting with ``draft``),
    each linked to its row; "" when a person has confirmed every one."""
    from recount.folder import unconfirmed

    ids = set(unconfirmed(report.ledger))
    rows = [r for r in report.results if r.rate.id in ids]
    if not rows:
        return ""
    keys = list(dict.fromkeys(claim_key(r.rate) for r in rows))
    items = "".join(f"<li>{_link(rate_href(rs[0].rate.id), zh(_quote_of(report.ledger, rs[0].rate)))}: "
                    f"{badge_html(rs[0].verdict)} {esc(arithmetic_words(rs[0]))}</li>"
                    for rs in (claim_results(report, k) for k in keys))
    return (f'<div class="recount-unconfirmed"><p><strong>Not yet confirmed by a person.</strong> '
            f"{len(keys)} of the {report.n_claims()} claims are the draft's own reading: which counts it "
            f"divided, and how it read the text, are still to be checked by hand.</p><ul>{items}</ul></div>")


def unconfirmed(report: Report) -> HTML:
    """:func:`unconfirmed_html` for a notebook cell."""
    return HTML(unconfirmed_html(report) or "<p>Every claim has been confirmed by a person.</p>")


def section_text(report: Report, section: int) -> HTML:
    """A section of the article, verbatim: its heading (if it has one) and every paragraph, figures marked."""
    a = art.article(report.ledger)
    head = a.heading_texts.get(section)
    parts = [blockquote(f"<strong>{esc(head)}</strong>")] if head else []
    parts += [paragraph_html(report, p.section, p.index) for p in a.section(section)]
    return HTML("".join(parts) or "<p>No text in this section.</p>")


def section_claims(report: Report, section: int) -> HTML:
    """A claim box for every percentage the section states, those that do not add up first, then in
    the order of the text."""
    keys = list(dict.fromkeys(claim_key(r.rate) for r in sorted(
        (r for r in report.results if r.rate.section == section and r.cited is not None),
        key=lambda r: (r.verdict != "inconsistent", r.cited.start))))
    return HTML("".join(_claim_box(report, claim_results(report, k)) for k in keys)
                or "<p>This section states no percentage.</p>")


def explanations(report: Report, claim: str) -> HTML:
    """What could explain an inconsistent claim, each explanation tested against the article's numbers."""
    from recount import explain  # imported here: only the page that calls this depends on recount.explain

    rows = [[esc(e.name), mixed(e.test), f"<strong>{esc(e.verdict)}</strong>"]
            for e in explain.explanations(report, claim)]
    return HTML(table_html(["Explanation", "Tested against the article's numbers", "Verdict"], rows,
                           classes="recount-explanations"))


def check_date(data_dir=None) -> str:
    """The date of this check: when the ledger was made, the ``created`` date of the data folder's
    ``datapackage.json``, as ``1 December 2026``."""
    d = datetime.fromisoformat(json.loads(read_bytes(schema_path(data_dir)))["created"])
    return f"{d.day} {d:%B %Y}"


# ---------------------------------------------------------------- tables


def scorecard(report: Report) -> HTML:
    """The claims (stated percentages) per verdict, with what each verdict means: the column adds up to
    the claims. The derived rates are not claims, and the page's text counts them apart. No total row:
    on a phone, where each row is a card labelled "Verdict", a total reads as one more verdict."""
    score = report.scorecard()
    rows = [[badge_html(v), esc(score[v]), esc(MEANING[v])] for v in VERDICT_ORDER if v != "derived"]
    return HTML(table_html(["Verdict", "How many", "Meaning"], rows, classes="recount-scorecard"))


def _select(items: Iterable, ids: Iterable[str] | None, section: int | None, row: Callable) -> list:
    """The rows a chapter's table shows: those of ``ids`` in that order, else those of ``section``,
    else all. ``row`` gives an item's ledger row (its ``id`` and ``section``)."""
    items = list(items)
    if ids is not None:
        by_id = {row(x).id: x for x in items}
        return [by_id[i] for i in ids]
    if section is not None:
        return [x for x in items if row(x).section == section]
    return items


def cited_text(r: RateResult) -> str:
    """A rate's cited value, ``88%``, or ``not stated``."""
    return f"{r.cited.value_text}%" if r.cited else "not stated"


def _quote_of(ledger: Ledger, rate) -> str:
    """The quote of a rate's cited figure (of its numerator for a derived rate)."""
    return quote_text(ledger.figures[rate.cited or rate.numerator[0]].quote)


def rates_table(report: Report, ids: Iterable[str] | None = None, section: int | None = None) -> HTML:
    """Rates in words: the quote and reading, the cited value, the recomputation and the verdict,
    which links to the rate's row in the Ledger appendix."""
    rows = []
    for r in _select(report.results, ids, section, lambda r: r.rate):
        quote, reading = zh(_quote_of(report.ledger, r.rate)), mixed(_sentence(r.rate.reading or ""))
        rows.append([f"{quote}<br>{reading}" if reading else quote, esc(cited_text(r)), esc(arithmetic_words(r)),
                     _link(rate_href(r.rate.id), badge_html(r.verdict))])
    return HTML(table_html(["Quote and reading", "Cited", "Recomputed from the counts", "Verdict"], rows,
                           classes="recount-rates"))


def figures_table(report: Report, ids: Iterable[str] | None = None, section: int | None = None) -> HTML:
    """Figures in words: the quote, linking to the figure's row in the Ledger appendix, what it
    counts and the values it stands for."""
    figs = _select(report.ledger.figures.values(), ids, section, lambda f: f)
    if not figs:
        return HTML("<p>No figures.</p>")
    rows = [[_link(fig_href(f.id), zh(quote_text(f.quote))), mixed(_sentence(f.label_en)),
             esc(f"{f.value_text}%" if f.kind == "percent" else figure_en(f) if f.qualifier == "exact"
                 else figure_range_en(f))] for f in figs]
    return HTML(table_html(["Quote", "What it counts", "Value"], rows, classes="recount-figures"))


def constraint_words(c: ConstraintResult, ledger: Ledger, plain: bool = False) -> str:
    """A check's numbers for readers: a part-and-total check names its figures instead of their ids
    (``3,563 eligible firms ≤ 11,781 firms surveyed``; ``plain``, for a sentence: ``... is at most ...``
    or ``... is more than ...``); other checks state their own numbers."""
    if c.constraint.kind != "le" or c.left is None:
        return c.detail

    def side(ids, iv) -> str:
        return f"{count_words(iv)} ({' + '.join(ledger.figures[i].label_en for i in ids)})"

    relation = ("is at most" if c.passed else "is more than") if plain else "≤"
    return f"{side(c.constraint.left, c.left)} {relation} {side(c.constraint.right, c.right)}"


def _check_result(c: ConstraintResult) -> str:
    return badge_html(c.result) + ("" if c.certain or not c.passed else " (possible, not certain)")


def constraints_table(report: Report, ids: Iterable[str] | None = None, section: int | None = None) -> HTML:
    """Cross-claim checks in words: what was checked, the numbers, the result, which links to the
    check's row in the Ledger appendix."""
    cs = _select(report.constraint_results, ids, section, lambda c: c.constraint)
    if not cs:
        return HTML("<p>No cross-claim checks.</p>")
    rows = [[mixed(c.constraint.note_en), mixed(constraint_words(c, report.ledger)),
             _link(f"{LEDGER_PAGE}#constraint-{c.constraint.id}", _check_result(c))
             + f"<br><small>{esc(STRENGTH_WORDS[c.strength])}</small>"] for c in cs]
    return HTML(table_html(["What is checked", "The numbers", "Result"], rows, classes="recount-constraints"))


# ---------------------------------------------------------------- the Ledger appendix: every row, anchored


def _ledger_figures(report: Report) -> str:
    figs = list(report.ledger.figures.values())

    def value(f: Figure) -> str:
        return stands_for(f) if f.qualifier == "exact" else f"{cap_first(QUALIFIERS[f.qualifier][0])}: {stands_for(f)}"

    rows = [[zh(quote_text(f.quote)), mixed(value(f)), mixed(f.label_en)] for f in figs]  # the label verbatim
    return table_html(["Quote", "Stands for", "What it counts"], rows,
                      [f"fig-{f.id}" for f in figs], classes="recount-figures")


def _ledger_rates(report: Report) -> str:
    rows = [[zh(_quote_of(report.ledger, r.rate)), mixed(_sentence(r.rate.reading or "as given")),
             esc(arithmetic_words(r)), badge_html(r.verdict)]
            for r in report.results]
    return table_html(["Quote", "Reading", "Arithmetic", "Verdict"], rows,
                      [f"rate-{r.rate.id}" for r in report.results], classes="recount-rates")


#: a cross-check's strength in words, as the Ledger and the chapters show it (defined on the Methods page)
STRENGTH_WORDS = {"hard": "Rests on the article's words", "soft": "Rests on an assumption"}


def strength_words(c: ConstraintResult) -> str:
    """``Rests on the article's words: <why>`` or ``Rests on an assumption: <which>``."""
    return f"{STRENGTH_WORDS[c.strength]}: {c.reason_en}"


def _ledger_constraints(report: Report) -> str:
    cs = report.constraint_results
    rows = [[f"<small><em>{esc(cap_first(CONSTRAINT_NAMES[c.constraint.kind]))}</em></small><br>{mixed(c.constraint.note_en)}",
             mixed(constraint_words(c, report.ledger)), _check_result(c), mixed(strength_words(c))] for c in cs]
    return table_html(["What is checked", "The numbers", "Result", "What it rests on"], rows,
                      [f"constraint-{c.constraint.id}" for c in cs], classes="recount-constraints")


LEDGER_TABLES = {"figures": _ledger_figures, "rates": _ledger_rates, "constraints": _ledger_constraints}


def ledger_table(report: Report, kind: str = "figures") -> HTML:
    """Every row of one ledger table, each row anchored (``fig-<id>``, ``rate-<id>``, ``constraint-<id>``),
    with its id, and its interval or arithmetic."""
    if kind not in LEDGER_TABLES:
        raise ValueError(f"unknown ledger table {kind!r} (figures, rates, constraints)")
    return HTML(LEDGER_TABLES[kind](report))


# ---------------------------------------------------------------- contradictions, tensions, misses


def _quotes_of(ids: Iterable[str], ledger: Ledger) -> str:
    """The Chinese quotes of figures (or of rates' cited figures), each marked zh-CN."""
    rates = {r.id: r for r in ledger.rates}
    quotes = [_quote_of(ledger, rates[i]) if i in rates else quote_text(ledger.figures[i].quote) for i in ids
              if i in rates or i in ledger.figures]
    return "<br>".join(zh(q) for q in dict.fromkeys(quotes))


def _finding_row(x: ConstraintResult | SuperlativeResult, ledger: Ledger) -> list[str]:
    if isinstance(x, ConstraintResult):
        k = x.constraint
        what = _quotes_of(k.left + k.right, ledger) + f"<br>{mixed(_sentence(k.note_en))}"
        assumption = mixed(x.reason_en) if x.result == "tension" else esc(STRENGTH_WORDS["hard"])
        return [what, mixed(constraint_words(x, ledger)), badge_html(x.result), assumption]
    readings = "".join(f"<li>{badge_html(r.result)} <em>{mixed(r.reading.reading_en)}</em>: "
                       f"{mixed(r.arithmetic)}"
                       + (f"; would have needed {mixed(r.needed)}" if r.needed else "") + "</li>"
                       for r in x.readings)
    what = f"{zh(x.claim.quote)}<br>{mixed(x.claim.claim_en)}"
    return [what, f'<ul style="margin:0;padding-left:1.1em">{readings}</ul>', badge_html(x.result),
            mixed(x.assumption) if x.assumption else esc(STRENGTH_WORDS["hard"])]


def _sum_of(ids: Iterable[str], ledger: Ledger) -> Interval:
    return sum_interval(tuple(ids), ledger.figures)


def _labels_of(ids: Iterable[str], ledger: Ledger) -> str:
    return " and ".join(ledger.figures[i].label_en for i in ids)


def _rate_value(item: str, ledger: Ledger) -> tuple[Fraction, str]:
    """A rate of a ``full`` test as readers see it (its recomputation, else its cited value), with the
    low end it sorts by."""
    from recount.constraints import rate_interval

    iv = rate_interval(item, ledger)
    rate = next((r for r in ledger.rates if r.id == item), None)
    fid = item if rate is None else rate.cited
    if not iv.is_point and fid:
        return iv.low, f"{ledger.figures[fid].value_text}%"
    return iv.low, pct(iv.low) if iv.is_point else pct_range(iv)


def _failed_reading_words(rr, ledger: Ledger, alone: bool = False) -> str:
    """Why one reading of a superlative fails, with its numbers in words (``alone``: the claim's only
    reading, so not named)."""
    from recount.constraints import rate_interval

    r = rr.reading
    # the only reading, with what it takes for granted: "If 全面 means every ..., the figures rule it out"
    basis = f"{r.basis_en[:1].lower()}{r.basis_en[1:].rstrip('.')}" if alone and r.basis_en else ""
    read = f"If {basis}" if basis else "On the article's own figures" if alone else f"Read as {r.reading_en}"
    fails = "the article's own figures rule it out" if basis else "it does not hold"
    if r.test == "most":
        subject = _sum_of(r.subject, ledger)
        rivals = [(g, _sum_of(g, ledger)) for g in r.others]
        beaten = [(g, iv) for g, iv in rivals if subject.high is not None and iv.low > subject.high]
        said = "; ".join(f"{count_words(iv)} {_labels_of(g, ledger)}" for g, iv in beaten)
        return (f"{read}, the article's own counts rule that reading out: they give {said}, more than the "
                f"{count_words(subject)} {_labels_of(r.subject, ledger)}.")
    if r.test == "full":
        below = sorted(_rate_value(i, ledger) for i in r.subject
                       if (iv := rate_interval(i, ledger)).high is not None and iv.high < 100)
        span = below[0][1] if len(below) == 1 else f"from {below[0][1]} to {below[-1][1]}"
        return (f"{read}, {fails}: {number_word(len(below))} of the rates the article "
                f"gives for it {'is' if len(below) == 1 else 'are'} below 100%, {span}.")
    subject, total = _sum_of(r.subject, ledger), _sum_of(r.others[0], ledger)
    return (f"{read}, {fails}: {count_words(subject)} {_labels_of(r.subject, ledger)} "
            f"is more than the {count_words(total)} {_labels_of(r.others[0], ledger)}.")


def finding_words(x: ConstraintResult | SuperlativeResult, ledger: Ledger) -> str:
    """A contradiction or tension in one to three plain sentences, numbers in words (the full working
    is on the Ledger): what the article says, why it does not hold, and on what it turns."""
    if isinstance(x, ConstraintResult):
        return f"{_sentence(x.constraint.note_en)} {verdict_words(x.result)} {cap_first(constraint_words(x, ledger, plain=True))}."
    failed = [rr for rr in x.readings if not rr.held]
    held = [rr for rr in x.readings if rr.held]
    said = " ".join(_failed_reading_words(rr, ledger, len(x.readings) == 1) for rr in failed)
    if x.result == "fail":
        turn = "No reading of its words saves it."
    elif held:
        turn = (f"Read {'the other way' if len(held) == 1 else f'any of the {number_word(len(held))} other ways'}, it "
                f"may hold{', but the article does not count every rival' if any(rr.shows == 'unverifiable' for rr in held) else ''}. "
                "The article does not say which it means: a tension, not an error.")
    elif len(x.readings) == 1:  # its condition is said with its failure (_failed_reading_words)
        turn = "The article does not say which it means: a tension, not an error." if x.readings[0].reading.basis_en else ""
    else:
        basis = next((rr.reading.basis_en for rr in failed if rr.reading.basis_en), "")
        turn = (f"It would fail only if {basis[:1].lower() + basis[1:].rstrip('.')}. The article does not say "
                "which it means: a tension, not an error." if basis else "")
    return " ".join(t for t in (said, turn) if t)


def findings_plain(report: Report, section: int | None = None) -> HTML:
    """Every contradiction and tension as a short paragraph of plain English beside its badge and the
    Chinese words it is about, with a link to its full working on the Ledger."""
    found = [x for x in report.cross_findings() if section is None
             or (x.constraint if isinstance(x, ConstraintResult) else x.claim).section == section]
    if not found:
        return HTML("<p>No contradictions or tensions.</p>")
    items = []
    for x in found:
        quote = _quotes_of(x.constraint.left + x.constraint.right, report.ledger) if isinstance(x, ConstraintResult) \
            else zh(x.claim.quote)
        what = x.constraint.note_en if isinstance(x, ConstraintResult) else x.claim.claim_en
        short = re.split(r" \(|[,.;:]", what.strip(), maxsplit=1)[0]
        items.append(f'<li>{badge_html(x.result)} <strong>{mixed(short)}</strong> ({quote}). '
                     f'{mixed(finding_words(x, report.ledger))}</li>')
    return HTML(f'<ul class="recount-findings-plain">{"".join(items)}</ul>'
                f'<p>The full working of each, reading by reading, is on the Ledger: '
                f'{_link(LEDGER_PAGE + "#contradictions-and-tensions", esc("contradictions and tensions"))}.</p>')


def cross_findings(report: Report, section: int | None = None) -> HTML:
    """Every contradiction (a hard check that fails) and tension (a soft one that fails) between the
    article's figures, across sections: cross-checks and superlatives, with their arithmetic and the
    assumption that would have to fail."""
    found = [x for x in report.cross_findings() if section is None
             or (x.constraint if isinstance(x, ConstraintResult) else x.claim).section == section]
    if not found:
        return HTML("<p>No contradictions or tensions.</p>")
    rows = [_finding_row(x, report.ledger) for x in found]
    return HTML(table_html(["What the article says", "Arithmetic", "Result", "Assumption that would have to fail"],
                           rows, classes="recount-findings"))


def superlatives_table(report: Report, section: int | None = None) -> HTML:
    """Every superlative, "all" claim and total found in the article, with what it claims and its result."""
    rows = [[zh(s.claim.quote), zh(s.claim.word), mixed(s.claim.claim_en), badge_html(s.result)]
            for s in report.superlative_results if section is None or s.claim.section == section]
    return HTML(table_html(["Quote", "Word", "What it claims", "Result"], rows, classes="recount-superlatives"))


def how_far_off_html(report: Report, claim: str) -> str:
    """For an inconsistent claim: each reading's distance from the cited band and the count that would
    have made it true, and whether the claim misses by rounding or materially."""
    misses: list[Miss] = report.misses.get(claim, [])
    if not misses:
        return "<p>No reading misses its cited band.</p>"
    level = claim_level(misses)
    items = "".join(f"<li>{mixed(_sentence(m.line()))}</li>" for m in misses)
    meaning = ("at least one reading misses only in the last digit" if level == "rounding"
               else "every reading misses by more than one unit of the cited precision")
    return (f'<div class="recount-offby"><p><strong>How far off:</strong> a {esc(level)} miss ({esc(meaning)}).</p>'
            f"<ul>{items}</ul></div>")


def how_far_off(report: Report, claim: str) -> HTML:
    """:func:`how_far_off_html` for a notebook cell."""
    return HTML(how_far_off_html(report, claim))


def events_table(report: Report, section: int | None = None) -> HTML:
    evs = [e for e in report.ledger.events if section is None or e.section == section]
    rows = [[esc("not given" if e.precision == "undated" else _event_date(e)), zh(e.quote), mixed(_sentence(e.label_en))]
            for e in evs]
    return HTML(table_html(["Date", "Quote", "What happened"], rows, [f"event-{e.id}" for e in evs],
                           classes="recount-events"))


# ---------------------------------------------------------------- the Methods and Data pages


def rounding_table() -> HTML:
    """Two halves rounded half up (as Recount rounds) and by Python's ``round``, computed here."""
    rows = [[esc(text), esc(to), esc(str(round_half_up(Fraction(text), d))),
             esc(str(round(float(text), d) if d else round(float(text))))]
            for text, d, to in (("82.5", 0, "a whole number"), ("2.675", 2, "two decimals"))]
    return HTML(table_html(["Value", "Rounded to", "Half up, as Recount rounds", "Python's round()"], rows))


def cited_intervals_table(cited: Iterable[str] = ("88", "82.5")) -> HTML:
    """What a cited percentage stands for, in words, and where each end of it rounds."""
    rows = []
    for text in cited:
        iv = cited_interval(text)
        low, high = en_number(iv.low), en_number(iv.high)
        rows.append([esc(f"{text}%"), esc(f"from {low}% up to, but not including, {high}%"),
                     esc(f"{low}% rounds to {text}%; {high}% rounds to "
                         f"{round_half_up(iv.high, len(text.partition('.')[2]))}%")])
    return HTML(table_html(["Cited", "Stands for", "At the edges"], rows))


def steps_table(values: Iterable[str] = ("7000", "4300", "150", "5914", "0.5")) -> HTML:
    """The step of a number: one unit of its last non-zero digit."""
    rows = [[esc(en_number(Fraction(v))), esc(en_number(step(Decimal(v))))] for v in values]
    return HTML(table_html(["Figure", "Its step: one unit of its last non-zero digit"], rows))


def qualifiers_table() -> HTML:
    """The interval convention for each qualifier, printed from :data:`recount.intervals.QUALIFIERS`."""
    rows = [[mixed(q), mixed(name), f"<code>{mixed(rule)}</code>", mixed(example)]
            for q, (name, rule, example) in [*QUALIFIERS.items(), ("exact, with decimals", DECIMALS_RULE)]]
    return HTML(table_html(["Qualifier", "Meaning", "Interval", "Example"], rows, classes="recount-qualifiers"))


def verdicts_table() -> HTML:
    rows = [[badge_html(v), mixed(MEANING[v])] for v in VERDICTS]
    return HTML(table_html(["Verdict", "Definition"], rows))


def constraint_kinds_table(report: Report) -> HTML:
    """Each kind of cross-claim check, its rule, and how many checks of the ledger are of that kind."""
    count = Counter(c.kind for c in report.ledger.constraints)
    rows = [[esc(CONSTRAINT_NAMES[k]), mixed(CONSTRAINT_MEANING[k]), esc(count[k])] for k in CONSTRAINT_KINDS]
    return HTML(table_html(["Kind", "Rule", "Checks"], rows))


def census_table(ledger: Ledger) -> HTML:
    """How many numbers of the source each kind of ledger row accounts for (figures, exclusions)."""
    counts = Counter(n.covered_by.split(":")[0] if n.covered_by else "nothing (left over)"
                     for n in census.census(ledger))
    names = {"figure": "inside the quote of a figure (a quote may hold two numbers)",
             "exclusion": f"inside a match of one of the ledger's {counted(len(ledger.exclusions), 'exclusion pattern')} "
                          "(a number that is not a figure)"}
    rows = [[esc(names.get(k, k)), esc(f"{n:,}")] for k, n in counts.items()]
    return HTML(table_html(["Accounted for by", "Numbers in the source"], rows, classes="recount-census"))


def exclusions_table(ledger: Ledger) -> HTML:
    rows = [[f'<code lang="zh-CN">{esc(x.pattern.pattern)}</code>', esc(x.kind), mixed(x.reason_en)]
            for x in ledger.exclusions]
    return HTML(table_html(["Pattern (regular expression)", "Kind", "Why it is not a figure"], rows,
                           classes="recount-exclusions"))


#: written at the root of the HTML book by recount.sphinx.files (its FILENAME)
CLAIMREVIEW_FILE = "claimreview.json"


def claim_reviews(report: Report, root: str = "..") -> HTML:
    """Every verdict as schema.org ClaimReview: embedded JSON-LD, and a link to the same records as a
    file at the book's root (``root`` is the way there from the page)."""
    from recount.publish.claimreview import address_note, claim_reviews as reviews, script_tag

    href = f"{root}/{CLAIMREVIEW_FILE}"
    return HTML(script_tag(reviews(report)) +
                f'<p class="recount-claimreview">Download every verdict as schema.org ClaimReview records: '
                f'<a href="{esc(href)}" download>{esc(CLAIMREVIEW_FILE)}</a>. {esc(address_note())}</p>')


def _missing(val) -> bool:
    try:
        return bool(pd.isna(val))
    except (TypeError, ValueError):  # a list or array cell
        return False


def frame_table(df, zh_columns: Iterable[str] = (), code_columns: Iterable[str] = ()) -> HTML:
    """Any DataFrame as an escaped, scrollable table (instead of ``DataFrame.to_html``)."""
    def cell(col, val) -> str:
        text = "" if _missing(val) else val
        if col in zh_columns:
            return zh(text)
        if col in code_columns:
            return f"<code>{esc(text)}</code>"
        return mixed(text)

    rows = [[cell(col, val) for col, val in zip(df.columns, rec)] for rec in df.itertuples(index=False)]
    return HTML(table_html([str(c) for c in df.columns], rows))


# ---------------------------------------------------------------- numbers for prose (myst-nb glue)


class Chinese(str):
    """A string of Chinese for prose: ``{glue:text}`` pastes it as plain text, ``{glue}`` (which prefers
    HTML) as ``<span lang="zh-CN">``, so the reader's screen reader and font switch language."""

    def _repr_html_(self) -> str:
        return zh(self)


class Link(str):
    """A link for prose: ``{glue}`` pastes it as ``<a href>``, ``{glue:text}`` as its words only."""

    href: str

    def __new__(cls, text: str, href: str) -> "Link":
        obj = super().__new__(cls, text)
        obj.href = href
        return obj

    def _repr_html_(self) -> str:
        return _link(self.href, esc(self))


def page_link(page: str, anchor: str, text: str) -> Link:
    """A link to a section of another page of the book (``page``: its name in ``book/`` without
    ``.md``; ``anchor``: the section's id, its MyST label or its heading's slug)."""
    return Link(text, f"{page}.html#{anchor}")


#: a glue role in a page: {glue}`key`, {glue:text}`key:.2f`, {glue:md}`key:myst` (``doc::key`` is another page's)
GLUE_ROLE = re.compile(r"\{glue(?::(?P<kind>[a-z]+))?\}`(?P<key>[^`]+)`")


def glue_keys(text: str) -> list[str]:
    """The glue keys a page pastes, in order of first use (format specs dropped, other pages' skipped)."""
    keys: list[str] = []
    for m in GLUE_ROLE.finditer(text):
        key = m.group("key")
        if "::" in key:
            continue
        if m.group("kind") in ("text", "md") and ":" in key:
            key = key.rsplit(":", 1)[0]
        if key not in keys:
            keys.append(key)
    return keys


def glue_page(report: Report, page: str, more: dict[str, str] | None = None) -> dict[str, str]:
    """Glue (``myst_nb.glue``) every value that the book page ``page`` pastes into its prose.

    ``page`` is the page's name in ``book/`` without ``.md`` (``"01_policies"``). Only the keys the
    page uses are glued: a notebook cell that displays hundreds of glue outputs can outrun the
    build's execution client, which stops collecting a cell's outputs a few seconds after the cell
    finishes and drops the rest without an error. A key the page uses but
    :func:`glue_values` does not make is an error naming the page, not a build warning.
    ``more``: values the page computes beyond these (``recount.explain.glue_values``, say).
    Returns the values glued, by key.
    """
    values = report.__dict__.get("_recount_glue")  # made once per report: a kernel may run many pages
    if values is None:
        values = report.__dict__["_recount_glue"] = glue_values(report)
    return glue_from(page, {**values, **(more or {})}, "recount.publish.render.glue_values")


def glue_from(page: str, values: dict[str, str], made_by: str) -> dict[str, str]:
    """Glue the keys the page ``book/<page>.md`` pastes from ``values`` (made by ``made_by``, named
    in the error when the page pastes a key it lacks); returns the values glued, by key."""
    from myst_nb import glue

    path = paths.book_dir() / f"{page}.md"
    keys = glue_keys(path.read_text(encoding="utf-8"))
    missing = [k for k in keys if k not in values]
    if missing:
        raise KeyError(f"{path.name} pastes {', '.join(missing)}, which {made_by} does not make")
    for key in keys:
        glue(key, values[key], display=False)
    return {key: values[key] for key in keys}


def count_words_of(report: Report) -> dict[str, str]:
    """Every count the book states of a kind of thing, with the name of what it counts, from one place
    (:func:`recount.english.counted`): ``words_<key>`` glue values, and what ``tests`` of the built
    pages hold every page to (the same count of the same thing agrees on every page)."""
    checks, findings = report.constraint_counts(), report.result_counts()
    n_checks = len(report.ledger.constraints)
    return {
        "words_findings_fail": counted(findings["fail"], "contradiction"),
        "words_findings_tension": counted(findings["tension"], "tension"),
        "words_claims": counted(report.n_claims(), "percentage the article states",
                                "percentages the article states"),
        "words_derived": counted(report.scorecard()["derived"], "derived rate"),
        "words_checks": counted(n_checks, "cross-check between figures", "cross-checks between figures"),
        "words_checks_tally": (f"Of the {counted(n_checks, 'cross-check between figures', 'cross-checks between figures')}, "
                               + tally([(checks["pass"], "holds", "hold"), (checks["fail"], "fails", "fail"),
                                        (checks["tension"], "is in tension", "are in tension"),
                                        (checks["not_contradicted"], "is not contradicted (it can only leave "
                                         "room, never confirm)", "are not contradicted (they can only leave room, "
                                         "never confirm)")])),
        "words_figures": counted(len(report.ledger.figures), "figure"),
        "words_exclusions": counted(len(report.ledger.exclusions), "exclusion pattern"),
    }


def glue_values(report: Report) -> dict[str, str]:
    """Every number the prose may quote, by name, as text (glue each with ``myst_nb.glue``).

    ``fig_<id>``       a figure's value as written, in English: ``11,781``, ``88%``, ``2.45 million yuan``
    ``range_<id>``     its interval: ``2,000 to 3,000``
    ``zh_<id>``        as the article writes it: ``2000余家`` (a :class:`Chinese` string: paste it
                       with ``{glue}`` to get it marked ``lang="zh-CN"``)
    ``date_<id>``      an event's date: ``18 March``, ``February``
    ``cited_<id>``     a rate's cited value ``88%``; ``recomputed_<id>`` its recomputation, two decimals
                       at most (``82.02%``), ``arithmetic_<id>`` the arithmetic in words, ``verdict_<id>``
                       the verdict
    ``recomputed_range_<claim>``  the recomputed values over all readings of a cited claim
                       (``between 82.02% and 82.39%``); ``readings_<claim>`` how many readings were tried
    ``check_<id>``     a cross-check's result (``pass``), ``check_numbers_<id>`` its numbers in words, and
                       for a part-and-total check ``check_sum_<id>`` the sums only: ``3,563 ≤ 11,781``
    ``miss_points_<rate id>``  for a reading that misses its band: the distance in percentage points
                       (``5.48``), ``needed_count_<rate id>`` the count that would have made it true
                       (``5,121 of 5,852``), ``more_needed_<rate id>`` how many more that is (``321``);
                       ``miss_level_<claim>`` ``rounding`` or ``material``
    ``superlative_<id>``  a superlative's result; ``superlative_arithmetic_<reading id>``,
                       ``superlative_result_<reading id>``, ``superlative_needed_<reading id>`` each
                       reading's arithmetic, result and what it needed
    ``n_*``            counts for the summaries: ``n_claims``, ``n_derived``, ``n_checks_pass`` (and
                       ``_fail``, ``_tension``), ``n_soft``, ``n_figures_<section>`` ...; ``findings_<result>``
                       cross-checks and tested superlatives together; ``score_<verdict>``
    ``headline``, ``check_date``, ``census_uncovered``  the landing page's title, the date of the
                       check, the numbers of the source no ledger row accounts for
    """
    ledger, checks = report.ledger, report.constraint_results
    out: dict[str, str] = {}
    for f in ledger.figures.values():
        out[f"fig_{f.id}"] = figure_en(f)
        out[f"range_{f.id}"] = figure_range_en(f)
        out[f"zh_{f.id}"] = Chinese(as_written(f))
    for e in ledger.events:
        out[f"date_{e.id}"] = date_en(e)
    claims: dict[str, list[RateResult]] = {}
    for r in report.results:
        rid = r.rate.id
        out[f"cited_{rid}"] = cited_text(r)
        out[f"recomputed_{rid}"] = recomputed_words(r)
        out[f"arithmetic_{rid}"] = arithmetic_words(r)
        out[f"verdict_{rid}"] = r.verdict
        claims.setdefault(claim_key(r.rate), []).append(r)
    for key, rs in claims.items():
        recomputed = [r.recomputed for r in rs if r.recomputed is not None]
        if recomputed and rs[0].cited is not None:
            highs = [iv.high for iv in recomputed]
            span = Interval(min(iv.low for iv in recomputed), None if None in highs else max(highs))
            out[f"recomputed_range_{key}"] = pct_range(span, rate_digits(rs[0]))
            out[f"readings_{key}"] = str(len(rs))
    for c in checks:
        k = c.constraint
        out[f"check_{k.id}"] = c.result
        out[f"check_numbers_{k.id}"] = constraint_words(c, ledger)
        if k.kind == "le" and c.left is not None:
            out[f"check_sum_{k.id}"] = f"{count_words(c.left)} ≤ {count_words(c.right)}"
    for key, misses in report.misses.items():
        for m in misses:
            rid = m.result.rate.id
            out[f"miss_points_{rid}"] = _points(m.miss_pp)
            out[f"needed_count_{rid}"] = m.needed_text()
            out[f"more_needed_{rid}"] = en_number(Fraction(m.more)) if m.more is not None else "none"
        if misses:
            out[f"miss_level_{key}"] = claim_level(misses)
    for sr in report.superlative_results:
        out[f"superlative_{sr.claim.id}"] = RESULT_PHRASE[sr.result]
        for r in sr.readings:
            out[f"superlative_arithmetic_{r.reading.id}"] = r.arithmetic
            out[f"superlative_result_{r.reading.id}"] = RESULT_PHRASE[r.result]
            if r.needed:
                out[f"superlative_needed_{r.reading.id}"] = r.needed
    score, findings = report.scorecard(), report.result_counts()
    counts = {
        "n_claims": report.n_claims(), "n_derived": score["derived"],
        "n_checkable": report.n_checkable(),
        "n_soft": sum(c.strength == "soft" for c in checks), "n_figures": len(ledger.figures),
        "n_rates": len(ledger.rates), "n_constraints": len(ledger.constraints), "n_events": len(ledger.events),
        "n_exclusions": len(ledger.exclusions), "n_tables": len(json.loads(read_bytes(schema_path(ledger.data_dir)))["resources"]),
        **{f"score_{v}": n for v, n in score.items()},
    }
    for k, n in report.constraint_counts().items():
        counts[f"n_checks_{k}"] = n
        counts[f"findings_{k}"] = findings[k]
    a = art.article(ledger)
    paras, shape = a.paragraphs, art.layout(ledger.data_dir)
    for s in sorted({0, 1, 2, 3} | set(a.sections)):
        zh_title, en_title = art.section_title(a, shape, s)
        out[f"section_title_{s}"] = (f"{zh_title} · {en_title}" if zh_title and en_title
                                     else zh_title or en_title or f"Section {s}")
        n_par, n_fig = sum(p.section == s for p in paras), sum(f.section == s for f in ledger.figures.values())
        n_stated = len({r.cited for r in ledger.rates if r.section == s and r.cited})
        n_derived = sum(1 for r in ledger.rates if r.section == s and not r.cited)
        counts |= {f"n_paragraphs_{s}": n_par, f"n_figures_{s}": n_fig, f"n_stated_{s}": n_stated,
                   f"n_constraints_{s}": sum(c.section == s for c in ledger.constraints)}
        # in digits, as the counts beside it in the flagship's overviews
        out[f"words_derived_{s}"] = f"{n_derived} {'rate' if n_derived == 1 else 'rates'} derived from its counts"
        if s in a.sections:
            out[f"section_summary_{s}"] = (
                f"This part of the article has {counted(n_par, 'paragraph')}, {counted(n_fig, 'figure')}, "
                f"{counted(n_stated, 'percentage it states', 'percentages it states')} and "
                f"{counted(n_derived, 'derived rate')}; each figure is marked in the text and linked to its ledger row.")
    out.update({key: str(n) for key, n in counts.items()})
    out.update(count_words_of(report))
    left = census.uncovered(ledger)
    out["census_uncovered"] = "; ".join(n.context for n in left) if left else "none"
    out["headline"] = headline(report)
    out["byline"] = byline(report)
    out["check_date"] = check_date(ledger.data_dir)
    return out
