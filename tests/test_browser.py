"""The built book in a real browser: every page offline, clean, linked, legible, searchable.

Debian's Chromium (``/usr/bin/chromium``) driven by PyPI ``playwright`` (no
``playwright install``). ``_build/html`` (built once by the session fixture
``built_book``: ``make book``) is served on 127.0.0.1 from a thread. One browser
context visits every page once. Chromium reaches 127.0.0.1 directly and every
other host only through a proxy that refuses everything (``bs.OffsiteSink``), so
a request that would leave 127.0.0.1 never does; the context records every
request a page makes for another host. Without Chromium these tests skip, and under ``CI=true``
they fail (``.ci/run`` installs it).

The pass over the pages also writes ``_build/screenshots/index.png`` (the
landing page) and ``_build/screenshots/chapter.png`` (a chapter), which the
README uses (copy them to ``docs/screenshots/``); the Source page's test writes
``source-desktop.png`` and ``source-phone.png`` beside them.
"""

from __future__ import annotations

import functools
import re
import urllib.parse
from pathlib import PurePosixPath

import pytest

import browser_support as bs
from recount.ledger import load_ledger

# `chromium` first: without a browser, skip (or fail in CI) before building the book.
pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("chromium")]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
CHAPTERS = ["book/01_policies.html", "book/02_subdistricts.html", "book/03_restart.html"]
LANDING = "book/index.html"
SCREENSHOT_CHAPTER = "book/02_subdistricts.html"
REFRESH = re.compile(r"<meta[^>]+http-equiv=[\"']?refresh", re.I)
#: alt text that names nothing: "figure 1", "image", "chart.png", an id
USELESS_ALT = re.compile(r"^\s*((fig(ure)?|image|img|chart|plot|graph|picture|photo)\.?\s*\d*"
                         r"|[\w.-]+\.(png|jpe?g|svg|gif|webp))\s*$", re.I)


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def chromium() -> str:
    return bs.require_chromium()


@pytest.fixture(scope="module")
def server(built_book):
    srv = bs.BookServer(built_book)
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def sink():
    s = bs.OffsiteSink()
    yield s
    s.close()


@pytest.fixture(scope="module")
def browser(chromium, sink):
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        b = bs.launch_chromium(pw, sink)
    except Exception as exc:  # a broken install: fail in CI, skip elsewhere
        pw.stop()
        bs.unavailable(f"Chromium did not start: {exc}")
    yield b
    b.close()
    pw.stop()


class Recorder:
    """What the context saw: requests leaving 127.0.0.1, failed local responses, dialogs, console."""

    def __init__(self, server: bs.BookServer) -> None:
        self.server = server
        self.offsite: list[str] = []
        self.bad_responses: list[str] = []
        self.dialogs: list[str] = []
        self.console: dict[str, list[str]] = {}
        self.current = "?"

    def request(self, request) -> None:
        # Only recorded: the browser's proxy (bs.OffsiteSink) refuses it.
        if not self.server.is_local(request.url):
            self.offsite.append(f"{self.current}: {request.url}")

    def response(self, response) -> None:
        if response.status >= 400:
            self.bad_responses.append(f"{self.current}: {response.status} {response.url}")

    def attach(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.console.setdefault(self.current, []).append(
            f"console.error: {m.text} ({m.location.get('url', '')}:{m.location.get('lineNumber', '')})"))
        page.on("pageerror", lambda e: self.console.setdefault(self.current, []).append(f"page error: {e}"))

        def dialog(d):
            self.dialogs.append(f"{self.current}: {d.type} {d.message!r}")
            d.dismiss()

        page.on("dialog", dialog)


@pytest.fixture(scope="module")
def context(browser, server):
    ctx = browser.new_context(viewport=DESKTOP, locale="en-US", color_scheme="light",
                              service_workers="block")
    rec = Recorder(server)
    ctx.on("request", rec.request)
    ctx.on("response", rec.response)
    ctx.recorder = rec
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def audit(context, server, built_book):
    """Visit every page once at desktop width; run every audit; take the screenshots."""
    rec: Recorder = context.recorder
    ledger = load_ledger()
    quotes = sorted({f.quote for f in ledger.figures.values()} | {e.quote for e in ledger.events})
    page = context.new_page()
    rec.attach(page)
    results = {}
    shots = bs.SCREENSHOT_DIR
    shots.mkdir(parents=True, exist_ok=True)
    for name in bs.html_pages(built_book):
        rec.current = name
        page.goto(server.url + name, wait_until="load")
        if REFRESH.search((built_book / name).read_text(encoding="utf-8")):
            # the root index.html is a meta refresh to the landing page
            page.wait_for_url(lambda url: url != server.url + name, timeout=10_000)
            page.wait_for_load_state("load")
            results[name] = {"redirect": page.url}
            continue
        results[name] = {
            "images": page.evaluate(bs.IMAGES_JS),
            "links": page.evaluate(bs.LINKS_JS),
            "lang": page.evaluate(bs.LANG_JS, quotes),
            "contrast": page.evaluate(bs.CONTRAST_JS),
        }
        if name == LANDING:
            page.screenshot(path=str(shots / "index.png"))
        elif name == SCREENSHOT_CHAPTER:
            page.screenshot(path=str(shots / "chapter.png"))
    rec.current = "?"
    page.close()
    return results


@pytest.fixture(scope="module")
def phone(context, server, built_book):
    """Every page at phone width (390 px), with the reader's system in dark mode (the theme follows it:
    default_mode auto): the layout audit, and the contrast audit in dark colours."""
    rec: Recorder = context.recorder
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.emulate_media(color_scheme="dark")
    rec.attach(page)
    out = {}
    for name in bs.html_pages(built_book):
        if REFRESH.search((built_book / name).read_text(encoding="utf-8")):
            continue
        rec.current = f"{name} (phone, dark)"
        page.goto(server.url + name, wait_until="load")
        out[name] = {**page.evaluate(bs.PHONE_JS), "theme": page.evaluate("document.documentElement.dataset.theme"),
                     "contrast": page.evaluate(bs.CONTRAST_JS)}
    rec.current = "?"
    page.close()
    return out


def pages_of(audit) -> dict:
    return {name: r for name, r in audit.items() if "redirect" not in r}


# ---------------------------------------------------------------- every page


def test_every_page_of_the_toc_was_visited(audit):
    for name in [LANDING, *CHAPTERS, "book/ledger.html", "book/source.html", "search.html"]:
        assert name in audit, f"{name} is not in the build"


def test_root_redirects_to_the_landing_page(audit, server):
    assert audit["index.html"].get("redirect") == server.url + LANDING


def test_no_console_errors_and_no_page_errors(audit, phone, context):
    errors = context.recorder.console
    assert not errors, "\n".join(f"{page}: {msg}" for page, msgs in errors.items() for msg in msgs)


def test_no_request_leaves_localhost(audit, phone, searches, context):
    """No page asks another host. (Chromium's own background requests, update and accounts services,
    also go to the refusing proxy, and are refused; they are not the book's and are not counted.)"""
    assert not context.recorder.offsite, "requests to other hosts (refused):\n" + "\n".join(context.recorder.offsite)


def test_the_offsite_guard_catches_requests(browser, server, sink):
    """The guard itself: a page that asks another host gets nothing, and the request is recorded
    by the page's context and arrives at the refusing proxy instead of the network."""
    ctx = browser.new_context(service_workers="block")
    rec = Recorder(server)
    ctx.on("request", rec.request)
    before = len(sink.requests)
    try:
        page = ctx.new_page()
        page.goto(server.url + LANDING, wait_until="load")
        got = page.evaluate("""async () => {
            const img = new Image(); img.src = 'http://198.51.100.7/x.png';
            await new Promise(r => { img.onload = img.onerror = r; });
            try { await fetch('https://example.com/'); return 'fetched'; } catch (e) { return 'blocked'; }
        }""")
    finally:
        ctx.close()
    assert got == "blocked"
    assert any("198.51.100.7" in u for u in rec.offsite) and any("example.com" in u for u in rec.offsite), rec.offsite
    refused = sink.requests[before:]
    assert "GET http://198.51.100.7/x.png HTTP/1.1" in refused, refused
    assert any(r.startswith("CONNECT example.com:443 ") for r in refused), refused


def test_every_local_request_succeeds(audit, phone, context):
    assert not context.recorder.bad_responses, "\n".join(context.recorder.bad_responses)


def test_no_dialog_opens(audit, phone, context):
    assert not context.recorder.dialogs, context.recorder.dialogs


def test_every_image_loads(audit):
    broken = [f"{name}: {img['src']}" for name, r in pages_of(audit).items()
              for img in r["images"] if not img["complete"] or img["width"] == 0]
    assert not broken, "images that did not load:\n" + "\n".join(broken)


def test_every_internal_link_lands(audit, server, built_book):
    ids = {name: set(r["links"]["ids"]) for name, r in pages_of(audit).items()}
    broken = []
    for name, r in pages_of(audit).items():
        for href in r["links"]["hrefs"] + r["links"]["refresh"]:
            if not href.startswith(server.url):
                continue  # mailto:, javascript:, or another site (never fetched: see the offsite test)
            parsed = urllib.parse.urlsplit(href)
            rel = urllib.parse.unquote(parsed.path)[1:]
            if rel == "" or rel.endswith("/"):
                rel += "index.html"
            target = built_book / rel
            if not target.is_file():
                broken.append(f"{name}: {href} -> no file {rel}")
                continue
            fragment = urllib.parse.unquote(parsed.fragment)
            if fragment:
                if rel not in ids:
                    broken.append(f"{name}: {href} -> #{fragment} on a page that is not HTML")
                elif fragment not in ids[rel]:
                    broken.append(f"{name}: {href} -> no id {fragment!r} on {rel}")
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(sorted(set(broken))[:60])


# ---------------------------------------------------------------- accessibility


def test_every_image_has_alt_text_that_describes_it(audit):
    bad = []
    for name, r in pages_of(audit).items():
        for img in r["images"]:
            alt = (img["alt"] or "").strip()
            if img["hidden"] and img["alt"] == "":
                continue  # decorative, and said so (aria-hidden / role=presentation)
            stem = PurePosixPath(img["src"].split("?")[0]).stem
            if len(alt) < 15 or USELESS_ALT.match(alt) or (stem and alt.lower() == stem.lower()):
                bad.append(f"{name}: <img src={img['src'][:50]!r}> alt={img['alt']!r}")
    assert not bad, "images without a describing alt text:\n" + "\n".join(bad)


def test_pages_are_in_english(audit):
    wrong = {name: r["lang"]["lang"] for name, r in pages_of(audit).items() if r["lang"]["lang"] != "en"}
    assert not wrong, wrong


def test_quotes_are_marked_as_chinese(audit):
    """The article's words (every figure's and event's quote) are marked lang="zh-CN" wherever a page shows them."""
    for name in CHAPTERS:
        lang = audit[name]["lang"]
        assert lang["zhQuotes"] > 0, f"{name} shows no quote block (blockquote.recount-quote)"
        assert lang["zhQuotesMarked"] == lang["zhQuotes"], f"{name}: a quote block lacks lang=\"zh-CN\""
    bad = [f"{name}: <{b['tag']}> in {b['where']}: {b['text']!r}"
           for name in [*CHAPTERS, "book/ledger.html", "book/source.html"]
           for b in audit[name]["lang"]["quotes"]]
    assert not bad, (f"{len(bad)} text run(s) quoting the article without lang=\"zh-CN\":\n"
                     + "\n".join(sorted(set(bad))[:40]))


def test_chinese_text_is_marked_as_chinese(audit):
    """Every run of Chinese text (Han characters, no Latin letter) in a page's article body sits inside an
    element with lang="zh…", so screen readers switch voice and browsers pick a CJK font. English text with a
    Chinese word in it (audit key "mixed") is not checked."""
    bad = [f"{name}: <{b['tag']}> in {b['where']}: {b['text']!r}"
           for name, r in pages_of(audit).items() for b in r["lang"]["bad"]]
    assert not bad, (f"{len(bad)} Chinese text run(s) without lang=\"zh-CN\" (first of each kind):\n"
                     + "\n".join(first_of_each_kind(bad)))


def first_of_each_kind(lines: list[str]) -> list[str]:
    """One example line per page and place (the part before the quoted text)."""
    seen, out = set(), []
    for line in lines:
        kind = line.rsplit(": ", 1)[0]
        if kind not in seen:
            seen.add(kind)
            out.append(f"{line}  (x{sum(1 for x in lines if x.rsplit(': ', 1)[0] == kind)})")
    return out


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_text_contrast_meets_wcag_aa(audit, phone, mode):
    """Every visible text element against its background: 4.5:1, or 3:1 for large text (WCAG 2 AA, 1.4.3).
    Light: desktop width; dark: phone width (see the ``phone`` fixture)."""
    if mode == "dark":
        assert all(r["theme"] == "dark" for r in phone.values()), "the theme did not follow the dark preference"
    fails, checked = [], 0
    for name, r in (pages_of(audit) if mode == "light" else phone).items():
        c = r["contrast"]
        checked += c["checked"]
        fails += [f"{name}: <{f['element']}> {f['text']!r}: {f['color']} on {f['background']} = {f['ratio']}:1 "
                  f"(needs {f['need']}:1)" for f in c["failures"]]
    assert checked > 100, f"only {checked} text elements were checked: the audit found no text"
    assert not fails, f"{len(fails)} text element(s) below WCAG AA contrast:\n" + "\n".join(fails[:40])


# ---------------------------------------------------------------- phone width


def test_no_page_scrolls_sideways_on_a_phone(phone):
    wide = {name: f"scrollWidth {p['scrollWidth']} > {p['innerWidth']}; widest: {p['wide']}"
            for name, p in phone.items() if p["scrollWidth"] > p["innerWidth"]}
    assert not wide, "\n".join(f"{k}: {v}" for k, v in wide.items())
    for name in CHAPTERS:
        assert name in phone, f"{name} was not checked at phone width"


def test_tables_never_reach_past_a_phone_screen(phone):
    """A table on a phone stacks into labelled rows (recount.css) or, if still wider than the screen,
    scrolls inside its own box; either way its box ends within the screen."""
    bad, measured = [], 0
    for name, p in phone.items():
        for t in p["tables"]:
            measured += 1
            if t["overflows"] and (t["box"] is None or t["boxRight"] > p["innerWidth"] + 1):
                bad.append(f"{name}: table {t['id']!r} ({t['width']} px) box={t['box']} right={t['boxRight']}")
    assert not bad, "\n".join(bad)
    assert measured, "no table was measured at phone width: this test checked nothing"


# ---------------------------------------------------------------- screenshots


def test_the_readmes_screenshots_show_a_drawn_page_at_the_desktop_width(audit):
    """The screenshots the README shows are of a page that painted: text on a light ground, the
    width of the desktop viewport (a blank or half-loaded page is one colour)."""
    import matplotlib.image as mpimg

    for name in ("index.png", "chapter.png"):
        pixels = mpimg.imread(bs.SCREENSHOT_DIR / name)[..., :3]
        grey = pixels.mean(axis=2)
        assert pixels.shape[1] == DESKTOP["width"], (name, pixels.shape)
        assert (grey > 0.9).mean() > 0.5, f"{name}: not mostly a light page"
        assert (grey < 0.3).mean() > 0.005, f"{name}: no dark text drawn"


# ---------------------------------------------------------------- search


SEARCHES = [
    ("小板桥", "book/02_subdistricts.html"),  # Xiaobanqiao: a word jieba's dictionary lacks (recount_search_words)
    ("螺蛳湾", "book/03_restart.html"),  # Luosiwan: likewise
    ("Luosiwan", "book/03_restart.html"),  # English words are still indexed
    ("reopening", "book/02_subdistricts.html"),
]


@pytest.fixture(scope="module")
def searches(context, server, audit):
    """Run every search of SEARCHES on the book's own search page, all at once; query -> result paths."""
    rec: Recorder = context.recorder
    rec.current = "search.html?q=..."
    pages = {}
    try:
        for query, _ in SEARCHES:
            page = context.new_page()
            rec.attach(page)
            page.goto(server.url + "search.html?q=" + urllib.parse.quote(query), wait_until="load")
            pages[query] = page
        found = {}
        for query, page in pages.items():
            page.wait_for_function(bs.SEARCH_DONE_JS, timeout=20_000)
            found[query] = page.evaluate(bs.SEARCH_RESULTS_JS)
    finally:
        for page in pages.values():
            page.close()
        rec.current = "?"
    return found


@pytest.mark.parametrize(("query", "expected"), SEARCHES)
def test_the_books_search_finds(searches, context, query, expected):
    assert "/" + expected in searches[query], f"search for {query!r} lists {searches[query]}, not {expected}"
    errors = context.recorder.console.get("search.html?q=...")
    assert not errors, errors


# ---------------------------------------------------------------- the reader: finding first, no residue, tables that fit

READER_PAGES = [LANDING, *CHAPTERS, "book/methods.html", "book/ledger.html", "book/data.html", "book/source.html",
                "book/draft.html"]
FIRST_SCREEN = {"desktop": {"width": 1280, "height": 800}, "phone": PHONE}
#: what the landing page's first screen must show: the claim in Chinese, its English gloss, the verdict,
#: and the first line of what the article's own counts give
LEAD_PARTS = {"verdict": ".recount-lead .recount-badge", "claim": ".recount-lead blockquote",
              "gloss": ".recount-lead .recount-gloss", "counts": ".recount-lead li"}
READER_JS = """(parts) => {
  const main = document.querySelector('main') || document.body;
  const rect = (sel) => { const el = document.querySelector(sel);
                          return el ? el.getBoundingClientRect().bottom : null; };
  const lead = Object.fromEntries(Object.entries(parts).map(([k, sel]) => [k, rect(sel)]));
  const article = (document.querySelector('article.bd-article') || main).getBoundingClientRect();
  const tables = Array.from(document.querySelectorAll('table.recount-table')).map((t, i) => {
    const r = t.getBoundingClientRect();
    const ths = Array.from(t.querySelectorAll('thead th')).map(th => th.getBoundingClientRect().width);
    const td = t.querySelector('td');
    return {i, classes: t.className, width: r.width, right: r.right, articleRight: article.right + 1,
            boxWidth: t.parentElement.clientWidth, minTh: ths.length ? Math.min(...ths) : null,
            display: td ? getComputedStyle(td).display : null};
  });
  const alts = Array.from(document.images).map(i => i.alt);
  const charts = Array.from(main.querySelectorAll('figure img')).map(i => {
    const a = i.closest('a');
    return {src: i.getAttribute('src').slice(0, 60), shown: i.getBoundingClientRect().width,
            natural: i.naturalWidth, href: a ? a.getAttribute('href') : null};
  });
  return {height: window.innerHeight, h1: document.querySelector('h1').innerText, lead, tables,
          text: main.innerText, alts, charts};
}"""


@pytest.fixture(scope="module")
def reader(context, server, audit):
    """The reader's pages at 1280 × 800 and 390 × 844: first screen, tables, visible text, alt text."""
    rec: Recorder = context.recorder
    out = {}
    for width, viewport in FIRST_SCREEN.items():
        page = context.new_page()
        page.set_viewport_size(viewport)
        rec.attach(page)
        for name in READER_PAGES:
            rec.current = f"{name} ({width})"
            page.goto(server.url + name, wait_until="load")
            out[width, name] = page.evaluate(READER_JS, LEAD_PARTS)
            if name in (LANDING, SCREENSHOT_CHAPTER):  # the first screen, as a reader opens the page
                stem = "index" if name == LANDING else "chapter"
                page.screenshot(path=str(bs.SCREENSHOT_DIR / f"{stem}-{width}.png"))
        page.close()
    rec.current = "?"
    return out


@pytest.mark.parametrize("width", FIRST_SCREEN)
def test_first_screen_holds_the_claim_its_verdict_and_what_the_counts_give(reader, report, width):
    from recount.publish import render

    landing = reader[width, LANDING]
    assert landing["h1"].strip() == render.headline(report)
    below = {part: bottom for part, bottom in landing["lead"].items() if bottom is None or bottom > landing["height"]}
    assert not below, f"at {width} width, not on the first screen ({landing['height']} px): {below}"


def test_tables_fit_their_column_at_desktop_width(reader):
    bad = [f"{name} table {t['i']} ({t['classes']}): {t['width']:.0f} px in a {t['boxWidth']} px column, "
           f"right edge {t['right']:.0f} > {t['articleRight']:.0f}"
           for (width, name), p in reader.items() if width == "desktop" for t in p["tables"]
           if t["width"] > t["boxWidth"] + 1 or t["right"] > t["articleRight"]]
    assert not bad, "\n".join(bad)
    narrow = [f"{name} table {t['i']}: a column {t['minTh']:.0f} px wide"
              for (width, name), p in reader.items() if width == "desktop" for t in p["tables"]
              if t["minTh"] is not None and t["minTh"] < 60]
    assert not narrow, "columns too narrow for more than a word a line:\n" + "\n".join(narrow)
    assert sum(len(p["tables"]) for (w, _), p in reader.items() if w == "desktop"), "no table was measured"


def test_every_chart_opens_at_full_size_from_a_phone(reader, context, server):
    """On a 390 px phone a chart is shown smaller than it is drawn; tapping it opens the full image."""
    charts = [(name, c) for (width, name), p in reader.items() if width == "phone" for c in p["charts"]]
    assert len({name for name, _ in charts}) >= 4, f"charts found on too few pages: {charts}"
    bad = [f"{name}: {c}" for name, c in charts if not c["href"] or c["natural"] <= c["shown"]]
    assert not bad, "charts that do not open larger:\n" + "\n".join(bad)
    page = context.new_page()
    try:
        name, chart = charts[0]
        response = page.goto(urllib.parse.urljoin(server.url + name, chart["href"]), wait_until="load")
        assert response.ok and response.headers["content-type"].startswith("image/"), chart["href"]
    finally:
        page.close()


def test_tables_stack_into_labelled_rows_on_a_phone(reader):
    unstacked = [f"{name} table {t['i']}: cells display {t['display']}"
                 for (width, name), p in reader.items() if width == "phone" for t in p["tables"]
                 if t["display"] not in (None, "block")]
    assert not unstacked, "\n".join(unstacked)


#: what Python prints and a reader should never see: a list of tuples, a Counter, a bare tuple of
#: booleans, an empty list, a repr'd string pair, a rate to more than two decimals
PYTHON_RESIDUE = re.compile(r"\[\(|\bCounter\(|\((?:True|False),|^\s*\[\]\s*$|'\s*,\s*'|\d\.\d{3,}%(?!\))",
                            re.M)


#: the band a cited figure stands for: a cited 82.57% is "between 82.565% and 82.575%", decimals that
#: carry information, not false precision
BAND = re.compile(r"between \d[\d,.]*% and \d[\d,.]*%")


@pytest.mark.parametrize("name", [LANDING, *CHAPTERS])
def test_reader_pages_show_no_python_output_and_no_ledger_ids(reader, name):
    ledger = load_ledger()
    ids = set(ledger.figures) | {r.id for r in ledger.rates} | {c.id for c in ledger.constraints}
    for width in FIRST_SCREEN:
        text = reader[width, name]["text"]
        residue = PYTHON_RESIDUE.findall(BAND.sub("", text))
        assert not residue, f"{name} ({width}) shows Python output: {residue[:5]}"
        shown = sorted({w for w in re.findall(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b", text) if w in ids})
        assert not shown, f"{name} ({width}) shows ledger ids: {shown}"
        assert "Show code cell" not in text, f"{name} ({width}) shows a code cell toggle"


def test_one_count_of_claims_everywhere(reader, report, built_book):
    """The stated percentages are the claims: the headline, the scorecard, every chart's alt text,
    Methods and ClaimReview give the same number; derived rates are counted apart."""
    import json

    n = report.n_claims()
    said = []
    for (width, name), p in reader.items():
        for where, text in [("text", p["text"]), *(("alt", a) for a in p["alts"])]:
            said += [(name, where, int(m.group(1)), m.group(0))
                     for m in re.finditer(r"\b(\d+) (?:stated |cited )?(?:percentages|claims)\b", text)]
    wrong = [s for s in said if s[2] != n]
    assert not wrong, f"claims counted as other than {n}: {wrong}"
    assert {s[0] for s in said} >= {LANDING, "book/methods.html"}, f"the count of claims is not stated: {said}"
    assert len(json.loads((built_book / "claimreview.json").read_text(encoding="utf-8"))) == n


@pytest.fixture(scope="module")
def report():
    from recount.report import Report

    return Report(load_ledger())


# ---------------------------------------------------------------- numbers in search (recount.sphinx.search)

#: number queries -> pages that must be among those found (each states the number in its text)
NUMBER_SEARCHES = {
    "88%": [LANDING, "book/02_subdistricts.html", "book/source.html"],
    "82.57": [LANDING, "book/03_restart.html", "book/source.html"],
    "94181": [LANDING, "book/03_restart.html", "book/source.html"],
    "94,181": [LANDING, "book/03_restart.html", "book/source.html"],  # as English prose writes it
}


@functools.cache
def main_texts(built_book) -> dict[str, str]:
    """Each page's main text (what the search indexes), thousands separators dropped."""
    from bs4 import BeautifulSoup

    out = {}
    for name in bs.html_pages(built_book):
        main = BeautifulSoup((built_book / name).read_text(encoding="utf-8"), "html.parser").find(role="main")
        if main is not None:
            out[name] = main.get_text(" ").replace(",", "")
    return out


def pages_stating(built_book, query: str) -> set[str]:
    """The pages whose text states the number ``query`` (94,181 and 94181 alike)."""
    number = query.rstrip("%").replace(",", "")
    pattern = re.compile(r"(?<![0-9A-Za-z_.])" + re.escape(number) + r"(?![0-9A-Za-z_]|\.[0-9])")
    return {name for name, text in main_texts(built_book).items() if pattern.search(text)}


def run_searches(context, base: str, queries) -> dict[str, dict]:
    """Each query on the search page at ``base``, all at once: query -> result paths, excerpts, console errors."""
    pages, out = {}, {}
    try:
        for query in queries:
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda m, errors=errors: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.goto(base + "search.html?q=" + urllib.parse.quote(query), wait_until="load")
            pages[query] = (page, errors)
        for query, (page, errors) in pages.items():
            page.wait_for_function(bs.SEARCH_DONE_JS, timeout=20_000)
            page.wait_for_load_state("networkidle")  # the excerpts are fetched after the list is shown
            out[query] = {"found": page.evaluate(bs.SEARCH_RESULTS_JS), "errors": errors,
                          "excerpts": page.evaluate(bs.SEARCH_EXCERPTS_JS)}
    finally:
        for page, _ in pages.values():
            page.close()
    return out


@pytest.fixture(scope="module")
def number_searches(context, server, audit):
    context.recorder.current = "search.html?q=<number>"
    try:
        return run_searches(context, server.url, NUMBER_SEARCHES)
    finally:
        context.recorder.current = "?"


@pytest.mark.parametrize("query", list(NUMBER_SEARCHES))
def test_the_books_search_finds_numbers(number_searches, built_book, query):
    """Sphinx's search page drops all-digit terms and splits 82.57 in two; recount.sphinx.search keeps them."""
    found = {p.lstrip("/") for p in number_searches[query]["found"]}
    stating = pages_stating(built_book, query)
    assert set(NUMBER_SEARCHES[query]) <= stating, "the pages this test expects do not state the number"
    assert stating - {"search.html", "genindex.html"} <= found, (
        f"search for {query!r} misses {sorted(stating - found)} (found {sorted(found)})")
    assert not number_searches[query]["errors"], number_searches[query]["errors"]


def test_search_excerpts_show_the_number(number_searches, built_book):
    """Where a page writes the number as the search term has it (94181), its excerpt is cut around it.
    (A page that writes only 94,181 is found, but Sphinx's excerpt looks for the term's own characters
    and falls back to the page's first lines.)"""
    for query, r in number_searches.items():
        number = query.rstrip("%").replace(",", "")
        assert len(r["excerpts"]) == len(r["found"]), f"{query!r}: a result without an excerpt over http"
        literal = re.compile(r"(?<![0-9A-Za-z_.,])" + re.escape(number) + r"(?![0-9A-Za-z_]|[.,][0-9])")
        for href, text in r["excerpts"]:
            name = urllib.parse.urlsplit(href).path.lstrip("/")
            raw = (built_book / name).read_text(encoding="utf-8")
            if literal.search(raw):
                assert number in text, f"{query!r}: the excerpt of {href} does not show it: {text!r}"


def test_search_excerpts_are_prose_not_code(number_searches):
    code = [f"{q!r} -> {href}: {text[:120]!r}" for q, r in number_searches.items() for href, text in r["excerpts"]
            if "code cell" in text or re.search(r"\b(render|report)\.\w+\(", text)]
    assert not code, "search excerpts show code:\n" + "\n".join(code)


def test_search_works_from_a_folder(browser, built_book):
    """Opened as file://, the search page lists what it finds, without excerpts and without errors
    (fetch() of a file:// page fails; recount.sphinx.search turns excerpts off there)."""
    ctx = browser.new_context(viewport=DESKTOP, locale="en-US", service_workers="block")
    try:
        results = run_searches(ctx, built_book.resolve().as_uri() + "/", ["88%", "82.57"])
    finally:
        ctx.close()
    for query, r in results.items():
        assert any(p.endswith("/" + LANDING) for p in r["found"]), f"{query!r} from a folder: {r['found']}"
        assert not r["errors"], f"{query!r} from a folder: {r['errors']}"
        assert not r["excerpts"], f"{query!r} from a folder shows excerpts it could not have fetched"


# ---------------------------------------------------------------- the Source page (recount.publish.source_page)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_the_source_pages_legend_leads_to_the_inconsistent_figure(context, server, viewport):
    """The legend is on the first screen; its "go to" link brings the inconsistent figure into view,
    marked unlike any other figure (its own border style, not only its colour)."""
    page = context.new_page()
    try:
        page.set_viewport_size(viewport)
        page.goto(server.url + "book/source.html", wait_until="load")
        legend = page.locator(".recount-legend")
        box = legend.bounding_box()
        assert box is not None and box["y"] < viewport["height"], "the legend is not on the first screen"
        width = "desktop" if viewport is DESKTOP else "phone"
        page.screenshot(path=str(bs.SCREENSHOT_DIR / f"source-{width}.png"))
        link = legend.locator(".recount-legend-inconsistent a").first
        target = link.get_attribute("href")
        link.click()
        page.wait_for_function("h => location.hash === h", arg=target)
        mark = page.locator(f"{target} mark")
        rect = mark.bounding_box()
        assert rect is not None and 0 <= rect["y"] and rect["y"] + rect["height"] <= viewport["height"], (
            f"after the legend's link the figure is not in view: {rect}")
        styles = page.evaluate("""() => Array.from(document.querySelectorAll('a.recount-fig mark')).map(m => {
            const s = getComputedStyle(m);
            return [m.closest('a').className, s.borderTopStyle + ' ' + s.borderBottomStyle + ' ' + s.borderBottomWidth];
        })""")
        inconsistent = {s for cls, s in styles if "recount-role-inconsistent" in cls}
        others = {s for cls, s in styles if "recount-role-inconsistent" not in cls}
        assert len(inconsistent) == 1 and not inconsistent & others, (inconsistent, others)
    finally:
        page.close()
