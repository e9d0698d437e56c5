"""Sphinx extension: make the book's own search find Chinese names and numbers.

With ``html_search_language: zh`` Sphinx cuts Chinese text into words with
jieba (``jieba.cut_for_search``) when it builds ``searchindex.js``; the search
page then looks each query term up as a whole. jieba's dictionary does not know
every name an article uses (it cuts a three-character place name whose last two characters
are a word into one character and that word), so a search for such a name finds nothing. This extension

* fails the build (``ExtensionError``) when the search language is Chinese and
  jieba is not installed: without it Sphinx silently indexes no Chinese at all;
* adds the words of ``recount_search_words`` (a list in ``_config.yml``) to
  jieba's dictionary before any page is indexed, so each is indexed whole (and
  ``cut_for_search`` still indexes the dictionary words inside it).

It also indexes Chinese pages in linear time. Sphinx 7.4's ``SearchChinese``
keeps every Latin term it has seen in one class-wide list and looks each word up
in it, and stems every word twice: indexing grows with the square of the text,
which for the book's ledger tables was about 3 of the 4.7 seconds spent indexing
(a serial step of every clean build). :class:`SearchChinese` here is registered
with the public ``app.add_search_language`` and overrides only the documented
hooks of a search language (``split``, ``stem``, ``js_splitter_code``,
``js_stemmer_code``): it splits as Sphinx's does (jieba's ``cut_for_search``,
then the Latin words), keeps a Latin word whole by Sphinx's rule (3 letters or
more, cut below 3 by stemming) without the list, and stems each distinct word
once. It returns the same stem for every word (``tests/test_sphinx_site.py``
compares the two on the book's own words), so apart from the numbers (below)
the index is the one Sphinx's class would write.

``recount_search_words`` is an ``html`` config value: editing the list rewrites
every page, so the whole index is rebuilt with the new words. Sphinx's own
``html_search_options: {dict: <file>}`` would do the second part, but it takes
a path relative to the current directory and ignores a file it cannot find.

Numbers are searchable. Sphinx 7.4 finds none: the search page
(``searchtools.js``, ``Search._parseQuery``) drops every query term that is
all digits (``/^\\d+$/``), and its default splitter cuts ``82.57`` into ``82``
and ``57`` and ``88%`` into ``88``, so a search for ``88``, ``88%``, ``82.57``
or ``94181`` is a search for nothing. The index side was no better: jieba
keeps ``88%`` and ``82.57%`` whole, the Latin pattern cuts ``94,181`` in two.
The language's own hooks fix both sides the same way (:data:`NUMBER`):

* :meth:`SearchChinese.split` indexes each number once, in one form: thousands
  separators dropped (``94,181`` and ``94181`` are both ``94181``), decimals
  kept (``82.57``), a sign after it dropped (``88%`` is ``88``); the rest of
  the text goes to Sphinx's own splitter (jieba and the Latin pattern) with
  the numbers taken out;
* ``js_splitter_code`` (the page's ``splitQuery``) cuts a query the same way
  and marks each number with a trailing :data:`NUMBER_MARK`, so that the
  all-digits rule does not drop it; ``js_stemmer_code`` (the page's
  ``Stemmer``: Sphinx's Porter stemmer for every other word) takes the mark
  off again, so the term looked up is ``88``, as indexed.

The mark stays in the words the page highlights, so a number is found but
not highlighted in the result's excerpt. The excerpt is cut around the first
place the page's text has the term's own characters: a page found for
``94181`` that writes only ``94,181`` shows its first lines instead.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.search import zh as sphinx_zh

#: A Latin word, as Sphinx's Chinese language finds them (``SearchChinese.latin1_letters``).
LATIN = re.compile(r"[a-zA-Z0-9_]+")

#: A number as the book writes it: 94181, 94,181, 82.57 (not inside a word such as s1p3 or 3D).
#: The same pattern, in JavaScript, cuts the search page's queries (:data:`JS_SPLITTER`).
NUMBER_PATTERN = r"(?<![0-9A-Za-z_.])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?![0-9A-Za-z_])"
NUMBER = re.compile(NUMBER_PATTERN)
#: Follows each number of a query between the page's splitter and its stemmer (see the module doc).
NUMBER_MARK = "\u2063"  # INVISIBLE SEPARATOR: nothing a reader types
_JS_MARK = "\\u2063"  # the same, as a JavaScript string escape

JS_SPLITTER = f"""
/* recount.sphinx.search: numbers are one search term each (94,181 = 94181; 82.57; 88% = 88), marked
   so that searchtools.js does not drop an all-digit term; the Stemmer below takes the mark off. */
var splitQuery = (query) => {{
  const numbers = [];
  const rest = query.replace(/{NUMBER_PATTERN}/g, (n) => {{ numbers.push(n.replace(/,/g, "") + "{_JS_MARK}"); return " "; }});
  return numbers.concat(rest.split(/[^\\p{{Letter}}\\p{{Number}}_\\p{{Emoji_Presentation}}]+/gu).filter(term => term));
}};
"""

JS_STEMMER = sphinx_zh.SearchChinese.js_stemmer_code + f"""
/* recount.sphinx.search: a marked number (see splitQuery) is looked up as it is, without the mark. */
var PorterStemmer = Stemmer;
Stemmer = function() {{
  const porter = new PorterStemmer();
  this.stemWord = (w) => w.endsWith("{_JS_MARK}") ? w.slice(0, -1) : porter.stemWord(w);
}};
"""


def numbers(text: str) -> list[str]:
    """The numbers in ``text``, as the index holds them: ``94,181`` -> ``94181``; ``82.57`` stays."""
    return [m.group().replace(",", "") for m in NUMBER.finditer(text)]


def without_numbers(text: str) -> str:
    return NUMBER.sub(" ", text)


class SearchChinese(sphinx_zh.SearchChinese):
    """Sphinx's Chinese search language with the same stems, in linear time, and numbers as words."""

    js_splitter_code = JS_SPLITTER
    js_stemmer_code = JS_STEMMER

    def init(self, options: dict[str, str]) -> None:
        super().init(options)
        self._stem_word = functools.cache(self.stemmer.stemWord)

    def split(self, input: str) -> list[str]:
        import jieba  # present: _add_words fails the build without it

        rest = without_numbers(input)
        return numbers(input) + list(jieba.cut_for_search(rest)) + LATIN.findall(rest)

    def stem(self, word: str) -> str:
        if NUMBER.fullmatch(word):
            return word  # a number is its own stem, as on the search page
        # Sphinx's rule: a Latin word of 3+ letters that stemming would cut
        # below 3 is kept whole (lower-cased); anything else is stemmed.
        stemmed = self._stem_word(word.lower())
        if len(word) >= 3 and len(stemmed) < 3 and LATIN.fullmatch(word):
            return word.lower()
        return stemmed


def _chinese(app: Sphinx) -> bool:
    lang = app.config.html_search_language or app.config.language or ""
    return str(lang).lower().replace("-", "_").split("_")[0] == "zh"


def _add_words(app: Sphinx, builder: Any = None) -> None:
    if app.builder.format != "html" or not _chinese(app):
        return
    try:
        import jieba
    except ImportError:
        raise ExtensionError("html_search_language is zh but jieba is not installed: the search index "
                             "would hold no Chinese word. Install jieba (requirements.txt).") from None
    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict ..." chatter on stderr
    for word in app.config.recount_search_words:
        word = str(word).strip()
        if word:
            jieba.add_word(word)


#: Run on the search page only: over file:// no result excerpts (see :func:`_search_page`).
NO_SUMMARY_OFFLINE_JS = 'if (location.protocol === "file:") DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;'


def _search_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """On ``search.html``: no result excerpts when the book is read from a folder (file://).

    The search page shows each result with an excerpt of the page, which it gets
    with ``fetch()`` of the page's HTML (``searchtools.js``, ``_displayItem``);
    the index itself is a ``<script>`` and loads from a folder. Chromium and
    Firefox refuse ``fetch()`` of a file:// URL, so a search there listed its
    results and logged one "Failed to fetch" error per result. Sphinx's own
    switch for excerpts, ``html_show_search_summary``, is read from
    ``DOCUMENTATION_OPTIONS`` when each result is shown: this sets it to false
    when the page was opened from a folder, so there the results are listed
    without excerpts and without errors; served over http they keep them.
    """
    if pagename == "search" and app.builder.format == "html":
        app.add_js_file(None, body=NO_SUMMARY_OFFLINE_JS)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _search_page)
    app.add_config_value("recount_search_words", [], "html", types=[list])
    app.add_search_language(SearchChinese)
    # At write time, not at start-up: the words are needed only when pages are
    # indexed, and add_word loads jieba's dictionary (1-4 s), which a no-change
    # rebuild (nothing written) should not pay.
    app.connect("write-started", _add_words)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
