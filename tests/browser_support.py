"""Support for the tests that read the built book as a reader gets it.

* :func:`build_book` runs ``make book`` (the Makefile's own recipe and
  environment) once per test run, shared by pytest-xdist's workers; the build
  is incremental, so with nothing changed it takes seconds. ``tests/conftest.py``
  exposes it as the session fixture ``built_book``.
* :func:`copy_book` / :func:`build_copy` build a copy of the book's inputs in
  another folder (reproducibility, fixture data), with the Makefile's
  environment.
* :class:`BookServer` serves a built ``html`` folder on 127.0.0.1 from a thread.
* :func:`launch_chromium` starts Debian's Chromium through PyPI ``playwright``
  (no ``playwright install``); :func:`require_chromium` skips, or fails under
  ``CI=true``, when it is missing.
* :class:`OffsiteSink` is the proxy Chromium sends every request for another
  host to: it records the request and refuses it, so nothing leaves
  127.0.0.1 and the tests can list what tried to.
* ``*_JS``: the page audits, run with ``page.evaluate``.
"""

from __future__ import annotations

import contextlib
import difflib
import fcntl
import filecmp
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from recount import paths
from recount.publish.book import FRONT_MATTER
from recount.sphinx import build

HTML_DIR = paths.BUILD_DIR / "html"
SCREENSHOT_DIR = paths.BUILD_DIR / "screenshots"
INSTALL_STAMP = ".venv/.installed"  # the Makefile's install stamp: never reinstall from a test
APT_HINT = "apt-get install --no-install-recommends chromium fonts-noto-cjk"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: What the book is built from (everything else in the repository is pruned by _config.yml).
BOOK_INPUTS = ("_config.yml", "_toc.yml", "book", "data", "src/recount",
               # the project's source, which the book ships as an sdist (recount.sphinx.credits, MANIFEST.in)
               "pyproject.toml", "MANIFEST.in", "README.md", "LICENSE", "CITATION.cff", "Makefile", "requirements.in",
               "requirements.txt", "requirements-uv.txt", "docs", "tests")
#: Variables a test may set for a fixture book; the real book never sees them.
FIXTURE_ENV = ("RECOUNT_DATA", paths.SOURCE_SHA256_ENV)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def unavailable(reason: str) -> None:
    """Skip a test for a missing system tool; under ``CI=true`` fail instead."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: browser tests must run). Install: {APT_HINT}", pytrace=False)
    pytest.skip(f"{reason}; install it with `{APT_HINT}`")


def chromium_path() -> str | None:
    """``$RECOUNT_CHROMIUM`` if set (only it), else Debian's ``/usr/bin/chromium`` or ``chromium`` on PATH."""
    override = os.environ.get("RECOUNT_CHROMIUM")
    candidates = [override] if override else ["/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def require_chromium() -> str:
    path = chromium_path()
    if path is None:
        unavailable(f"Chromium is not installed ({os.environ.get('RECOUNT_CHROMIUM') or '/usr/bin/chromium'})")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("the playwright package is not installed in the venv (requirements.txt)")
    return path


class OffsiteSink:
    """An HTTP proxy on 127.0.0.1 that refuses everything: Chromium's route to any host but 127.0.0.1.

    :func:`launch_chromium` points Chromium's proxy here, with 127.0.0.1 (the
    :class:`BookServer`) the only host reached directly, so a request for any
    other host (``http://`` as ``GET http://host/...``, ``https://`` as ``CONNECT
    host:443``) arrives here instead of on the network: its request line is
    recorded in :attr:`requests` and it gets a 403. Chromium's own background
    requests (update and accounts services) arrive here too, so which requests a
    *page* made is read from the browser context's ``request`` event, not from
    this list. Chromium blocks requests at
    the network layer this way, with no per-request round trip to Python (which
    intercepting every request with ``context.route`` costs: about 2.5 s per
    pass over the book's pages).
    """

    def __init__(self) -> None:
        import socketserver

        sink = self
        self.requests: list[str] = []

        class Refuse(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                with contextlib.suppress(OSError):
                    line = self.rfile.readline(4096).decode("latin-1").strip()
                    if line:
                        sink.requests.append(line)
                    self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Refuse)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, name="offsite-sink", daemon=True)
        self.thread.start()

    @property
    def chromium_args(self) -> list[str]:
        return [f"--proxy-server=http://127.0.0.1:{self.port}", "--proxy-bypass-list=127.0.0.1"]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def launch_chromium(playwright, sink: OffsiteSink):
    """Chromium, headless, every request for a host other than 127.0.0.1 sent to ``sink``."""
    return playwright.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS + sink.chromium_args,
                                      headless=True)


# ---------------------------------------------------------------- building


def book_env(**extra: str) -> dict[str, str]:
    """The environment of a book build: the caller's, less fixture variables, plus the Makefile's exports."""
    env = {k: v for k, v in os.environ.items() if k not in FIXTURE_ENV}
    env.update(SOURCE_DATE_EPOCH=build.SOURCE_DATE_EPOCH, TZ="UTC", LC_ALL="C.UTF-8")
    env.update(extra)
    return env


@contextlib.contextmanager
def build_lock():
    """Serialise builds of ``_build`` between concurrent test sessions (and anything else taking the lock)."""
    paths.BUILD_DIR.mkdir(exist_ok=True)
    with open(paths.BUILD_DIR / ".build.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


#: written into ``_build`` after the session build, with the test run's id (pytest-xdist's ``testrun_uid``)
SESSION_MARK = paths.BUILD_DIR / ".recount-test-run"


@functools.cache
def build_book(run_id: str | None = None) -> Path:
    """``make book`` once per test run; the built ``_build/html``. Fails the test on a failed build.

    Under pytest-xdist each worker is a process of its own: the first to take the
    lock builds, and writes ``run_id`` (the run's ``testrun_uid``, the same in every
    worker) to :data:`SESSION_MARK`; a worker that finds its run's id there uses
    that build (nothing in the tree changes during a run) instead of running a
    second, no-change ``make book``."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("`make` is not installed: build the book with `make book` and re-run")
    with build_lock():
        if run_id and (HTML_DIR / "index.html").is_file() and SESSION_MARK.is_file() \
                and SESSION_MARK.read_text(encoding="utf-8") == run_id:
            return HTML_DIR
        SESSION_MARK.unlink(missing_ok=True)
        proc = subprocess.run([make, "-o", INSTALL_STAMP, "book"], cwd=paths.ROOT, env=book_env(),
                              capture_output=True, text=True, timeout=3600)
        if proc.returncode == 0 and run_id:
            SESSION_MARK.write_text(run_id, encoding="utf-8")
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-40:])
        pytest.fail(f"`make book` failed (exit {proc.returncode}):\n{tail}", pytrace=False)
    assert (HTML_DIR / "index.html").is_file(), "`make book` left no _build/html/index.html"
    return HTML_DIR


#: front matter of a MyST text notebook (what makes a page of a small test book execute): the one the
#: generated books' pages carry
NOTEBOOK_FRONT_MATTER = FRONT_MATTER


def notebook_page(title: str, code: str) -> str:
    """A MyST text notebook: a title and one code cell."""
    return f"{NOTEBOOK_FRONT_MATTER}# {title}\n\n```{{code-cell}} ipython3\n{code}\n```\n"


def toc_yaml(docnames: Sequence[str]) -> str:
    """A ``_toc.yml`` for a small test book: the first docname is the root, the others its chapters."""
    root, *chapters = docnames
    return f"format: jb-book\nroot: {root}\nchapters:\n" + "".join(f"  - file: {d}\n" for d in chapters)


def copy_book(dst: Path, toc: Sequence[str] | None = None, data: Path | None = None,
              english_search: bool = False) -> Path:
    """Copy the book's inputs (:data:`BOOK_INPUTS`) to ``dst``.

    Optionally another table of contents (docnames, root first: :func:`toc_yaml`), another data
    folder, and an English search index instead of the Chinese one (for a small book whose test
    is not about search: jieba's dictionary takes 1.5 s to load at every build that writes a page).
    """
    ignore = shutil.ignore_patterns("_build", ".ipynb_checkpoints", "__pycache__", "*.pyc")
    dst.mkdir(parents=True, exist_ok=True)
    for name in BOOK_INPUTS:
        src = paths.ROOT / name
        target = dst / name
        if name == "data" and data is not None:
            src = data
        if src.is_dir():
            shutil.copytree(src, target, ignore=ignore)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    if toc is not None:
        (dst / "_toc.yml").write_text(toc_yaml(toc), encoding="utf-8")
    if english_search:
        config = (dst / "_config.yml").read_text("utf-8")
        assert "html_search_language: zh" in config
        (dst / "_config.yml").write_text(config.replace("html_search_language: zh", "html_search_language: en"),
                                         encoding="utf-8")
    return dst


def copy_env(root: Path, **extra: str) -> dict[str, str]:
    """Environment for building a copy: its own library (first on PYTHONPATH) and its own data."""
    pythonpath = [str(root / "src")] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return book_env(PYTHONPATH=os.pathsep.join(pythonpath), RECOUNT_DATA=str(root / "data"), **extra)


def start_build(root: Path, env: dict[str, str] | None = None, warnings_fail: bool = True) -> subprocess.Popen:
    """Start ``python -m recount.sphinx.build`` of the copy at ``root`` (as ``make book`` would), with the
    copy's own ``.venv/bin/python`` when it has one; see :func:`finish_build`."""
    flags = ["-W", "-n", "--keep-going"] if warnings_fail else ["-n", "--keep-going"]
    log = open(root / "build.log", "w", encoding="utf-8")
    python = root / ".venv" / "bin" / "python"
    python = python if python.is_file() else Path(sys.executable)
    return subprocess.Popen([str(python), "-m", "recount.sphinx.build", str(root), *flags], cwd=root,
                            env=env or copy_env(root), stdout=log, stderr=subprocess.STDOUT, text=True)


def finish_build(root: Path, proc: subprocess.Popen, timeout: float = 1800) -> Path:
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    log = (root / "build.log").read_text(encoding="utf-8", errors="replace")
    assert code == 0, f"build of {root} failed (exit {code}):\n{log[-6000:]}"
    return root / "_build" / "html"


def build_copy(root: Path, env: dict[str, str] | None = None, warnings_fail: bool = True) -> Path:
    return finish_build(root, start_build(root, env, warnings_fail))


# ---------------------------------------------------------------- comparing two builds


def tree_differences(a: Path, b: Path) -> list[str]:
    """Relative paths only in ``a``, only in ``b``, or whose bytes differ."""
    out: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        out.extend(f"only in first: {prefix}{n}" for n in cmp.left_only)
        out.extend(f"only in second: {prefix}{n}" for n in cmp.right_only)
        out.extend(f"type differs: {prefix}{n}" for n in cmp.common_funny + cmp.funny_files)
        # dircmp's shallow comparison trusts equal size and mtime: compare the bytes.
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(f"differs: {prefix}{n}" for n in mismatch + errors)
        for name, sub in sorted(cmp.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b, ignore=[]), "")
    return sorted(out)


def excerpt(a: Path, b: Path, rel: str, limit: int = 12) -> str:
    """A few lines of unified diff of a text file (or a note for a binary one)."""
    try:
        left = (a / rel).read_text(encoding="utf-8").splitlines()
        right = (b / rel).read_text(encoding="utf-8").splitlines()
    except (UnicodeDecodeError, FileNotFoundError):
        return f"  ({rel}: binary or missing)"
    diff = difflib.unified_diff(left, right, "first/" + rel, "second/" + rel, n=0, lineterm="")
    lines = [line[:200] for line in diff]
    return "\n".join("  " + line for line in lines[:limit])


def files_naming(root: Path, needles: list[str]) -> list[str]:
    hits = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            hits += [f"{path.relative_to(root)} contains {n!r}" for n in needles if n.encode() in data]
    return hits


def link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system
        shutil.copy2(src, dst)


# ---------------------------------------------------------------- serving


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def handle(self):
        # A browser that drops a connection mid-response is not an error of the book.
        with contextlib.suppress(ConnectionError):
            super().handle()


class BookServer:
    """``root`` over HTTP on 127.0.0.1, on a free port, from a daemon thread."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        handler = functools.partial(_QuietHandler, directory=str(self.root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = self.origin + "/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="book-server", daemon=True)
        self.thread.start()

    def is_local(self, url: str) -> bool:
        return url.startswith(self.url) or url == self.origin or url.startswith(("data:", "blob:", "about:"))

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def html_pages(root: Path) -> list[str]:
    """Every HTML page of the book (relative paths), template fragments under ``_static`` excluded."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if not p.relative_to(root).parts[0].startswith("_"))


# ---------------------------------------------------------------- page audits (JavaScript)

#: Force every image to load (lazy ones included) and report each one.
IMAGES_JS = """async () => {
  const imgs = Array.from(document.images);
  imgs.forEach(i => { i.loading = 'eager'; });
  await Promise.all(imgs.map(i => i.decode().catch(() => null)));
  return imgs.map(i => ({
    src: (i.getAttribute('src') || '').slice(0, 80), alt: i.getAttribute('alt'),
    hidden: i.getAttribute('aria-hidden') === 'true' || ['presentation', 'none'].includes(i.getAttribute('role')),
    complete: i.complete, width: i.naturalWidth,
  }));
}"""

#: Every link (resolved), every id (and a[name]) of the page, and meta-refresh targets.
LINKS_JS = """() => ({
  hrefs: Array.from(document.querySelectorAll('a[href], area[href]')).map(a => a.href),
  ids: Array.from(document.querySelectorAll('[id]')).map(e => e.id)
        .concat(Array.from(document.querySelectorAll('a[name]')).map(a => a.name)),
  refresh: Array.from(document.querySelectorAll('meta[http-equiv="refresh" i]'))
        .map(m => new URL((m.content.split(/url=/i)[1] || '').trim(), location.href).href),
})"""

#: Language: the page's lang, and the runs of Han characters in the article body
#: (``article.bd-article``) whose nearest ``[lang]`` is not Chinese: ``bad`` for a
#: text node with no Latin letter (Chinese text, e.g. a quote, "12 条", "20余家"),
#: ``mixed`` for English text with a Chinese word in it (advisory), ``quotes`` for a
#: text node holding one of the ledger quotes given as the argument.
LANG_JS = """(quotes) => {
  const han = /\\p{Script=Han}/u, latin = /[A-Za-z]/;
  const main = document.querySelector('article.bd-article') || document.querySelector('main') || document.body;
  const out = {lang: document.documentElement.getAttribute('lang'), bad: [], mixed: [], quotes: [],
               zhQuotes: main.querySelectorAll('blockquote.recount-quote').length,
               zhQuotesMarked: main.querySelectorAll('blockquote.recount-quote[lang="zh-CN"]').length};
  const describe = (el) => {
    const cell = el.closest('td, th');
    if (cell) {
      const table = cell.closest('table');
      const head = table && table.querySelectorAll('thead th, tr:first-child th')[cell.cellIndex];
      return 'table.' + (table ? String(table.className).trim().split(/\\s+/).join('.') : '?') +
             ' column ' + JSON.stringify(head ? head.textContent.trim() : String(cell.cellIndex));
    }
    const w = el.closest('h1,h2,h3,h4,h5,h6,p,li,figcaption,blockquote,div') || el;
    return w.tagName.toLowerCase() + (typeof w.className === 'string' && w.className ? '.' + w.className.trim().split(/\\s+/).join('.') : '');
  };
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!han.test(n.data)) continue;
    const el = n.parentElement;
    if (el.closest('script, style, noscript, template')) continue;
    const holder = el.closest('[lang]');
    const lang = holder ? holder.getAttribute('lang') : '';
    if (/^zh\\b/i.test(lang)) continue;
    const item = {text: n.data.trim().slice(0, 60), tag: el.tagName.toLowerCase() +
                  (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : ''),
                  where: describe(el), lang};
    (latin.test(n.data) ? out.mixed : out.bad).push(item);
    if ((quotes || []).some(q => n.data.includes(q))) out.quotes.push(item);
  }
  return out;
}"""

#: WCAG 2.x contrast of every visible text element (an element with a direct,
#: non-blank text node) against its composited background. Colours are
#: normalised by painting them on a canvas, so any CSS colour syntax works.
#: Large text (>= 24px, or >= 18.66px bold) needs 3:1, other text 4.5:1 (AA).
#: An element over a background image or gradient cannot be judged here: it is
#: counted in ``skipped``.
CONTRAST_JS = """async (selector) => {
  // measure the settled page: let running transitions (e.g. the theme's light -> dark switch) finish
  const running = document.getAnimations().filter(a => a.effect && a.effect.getTiming().iterations !== Infinity);
  await Promise.race([Promise.all(running.map(a => a.finished.catch(() => null))),
                      new Promise(r => setTimeout(r, 3000))]);
  const ctx = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
  const colours = new Map();
  const rgba = (c) => {
    if (!colours.has(c)) {
      ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = '#000'; ctx.fillStyle = c; ctx.fillRect(0, 0, 1, 1);
      const d = ctx.getImageData(0, 0, 1, 1).data;
      colours.set(c, [d[0], d[1], d[2], d[3] / 255]);
    }
    return colours.get(c);
  };
  const over = (top, bottom) => {  // top (rgba) composited over an opaque bottom
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x); return (l1 + 0.05) / (l2 + 0.05); };
  const styles = new Map(), backgrounds = new Map(), opacities = new Map();
  const style = (e) => { if (!styles.has(e)) styles.set(e, getComputedStyle(e)); return styles.get(e); };
  // the opaque colour behind e's text: its own background over its parent's (null: an image or gradient)
  const background = (e) => {
    if (!e) return [255, 255, 255, 1];  // the canvas behind the page
    if (backgrounds.has(e)) return backgrounds.get(e);
    const s = style(e);
    let bg;
    if (s.backgroundImage && s.backgroundImage !== 'none') bg = null;
    else {
      const c = rgba(s.backgroundColor);
      const below = c[3] >= 1 ? [0, 0, 0, 1] : background(e.parentElement);
      bg = below === null ? null : (c[3] >= 1 ? c : over(c, below));
    }
    backgrounds.set(e, bg);
    return bg;
  };
  const opacity = (e) => {
    if (!e) return 1;
    if (!opacities.has(e)) opacities.set(e, parseFloat(style(e).opacity) * opacity(e.parentElement));
    return opacities.get(e);
  };
  const out = {checked: 0, skipped: 0, failures: []};
  for (const el of document.body.querySelectorAll(selector || "*")) {
    if (el.closest('script, style, noscript, template, svg, [disabled]')) continue;
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3 && n.data.trim()).map(n => n.data.trim()).join(' ');
    if (!own) continue;
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;  // visually hidden (screen-reader only) text
    const s = style(el);
    const bg = background(el);
    if (!bg) { out.skipped++; continue; }
    const fgRaw = rgba(s.color);
    const fg = over([fgRaw[0], fgRaw[1], fgRaw[2], fgRaw[3] * opacity(el)], bg);
    const size = parseFloat(s.fontSize), weight = parseInt(s.fontWeight, 10) || 400;
    const large = size >= 24 || (size >= 18.66 && weight >= 700);
    const need = large ? 3 : 4.5;
    const got = ratio(fg, bg);
    out.checked++;
    if (got + 1e-9 < need) {
      const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
      out.failures.push({element: el.tagName.toLowerCase() + cls, text: own.slice(0, 50),
                         color: s.color, background: 'rgb(' + bg.slice(0, 3).map(Math.round).join(', ') + ')',
                         ratio: Math.round(got * 100) / 100, need});
    }
  }
  return out;
}"""

#: Phone layout: horizontal overflow of the page, and every table's scroll box.
PHONE_JS = """() => {
  const vw = window.innerWidth;
  const scrolls = (e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
  const clipped = (e) => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
  const wide = [];
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width && r.right > vw + 1 && !clipped(e) && getComputedStyle(e).position !== 'fixed')
      wide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '') +
                ' right=' + Math.round(r.right));
  }
  const tables = Array.from(document.querySelectorAll('article table, main table')).map(t => {
    let box = null;
    for (let a = t.parentElement; a && a !== document.body; a = a.parentElement) if (scrolls(a)) { box = a; break; }
    const br = box ? box.getBoundingClientRect() : null;
    return {id: t.id || (t.className || '').toString().slice(0, 40), width: Math.round(t.getBoundingClientRect().width),
            overflows: box ? box.scrollWidth > box.clientWidth + 1 : t.getBoundingClientRect().right > vw + 1,
            box: box ? (box.className || box.tagName).toString().slice(0, 40) : null,
            boxRight: br ? Math.round(br.right) : null};
  });
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, wide: wide.slice(0, 10), tables};
}"""

#: Search page: wait until Sphinx's search has finished, then list the result links.
SEARCH_DONE_JS = """() => {
  const h = document.querySelector('#search-results h2');
  return !!h && h.textContent.trim() === 'Search Results';
}"""
SEARCH_RESULTS_JS = """() => Array.from(document.querySelectorAll('#search-results ul.search li a'))
  .map(a => new URL(a.getAttribute('href'), location.href).pathname)"""
#: [result href, excerpt text] of each result that has an excerpt (Sphinx's p.context)
SEARCH_EXCERPTS_JS = """() => Array.from(document.querySelectorAll('#search-results ul.search li'))
  .filter(li => li.querySelector('p.context'))
  .map(li => [li.querySelector('a').getAttribute('href'), li.querySelector('p.context').textContent])"""


# ---------------------------------------------------------------- WCAG 2.1 contrast of two colours


def luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
