"""Sphinx extension: make the book's own search find Chinese names.

With ``html_search_language: zh`` Sphinx cuts Chinese text into words with
jieba (``jieba.cut_for_search``) when it builds ``searchindex.js``; the search
page then looks each query term up as a whole. jieba's dictionary does not know
the article's place names: it cuts 小板桥 into 小 + 板桥 and 螺蛳湾 into 螺蛳 + 湾,
so a search for either finds nothing. This extension

* fails the build (``ExtensionError``) when the search language is Chinese and
  jieba is not installed: without it Sphinx silently indexes no Chinese at all;
* adds the words of ``recount_search_words`` (a list in ``_config.yml``) to
  jieba's dictionary before any page is indexed, so each is indexed whole (and
  ``cut_for_search`` still indexes the dictionary words inside it).

It also indexes Chinese pages in linear time. Sphinx 7.4's ``SearchChinese``
keeps every Latin term it has seen in one list (``latin_terms``) and looks each
word up in it, and stems every word twice: indexing grows with the square of
the text, which for the book's ledger tables was about 3 of the 4.7 seconds
spent indexing (a serial step of every clean build). :class:`SearchChinese`
here keeps the same terms in a set and stems each distinct word once; it
returns the same stem for every word, so ``searchindex.js`` is byte-identical
(``tests/test_sphinx_site.py`` compares the two on the book's own words).

``recount_search_words`` is an ``html`` config value: editing the list rewrites
every page, so the whole index is rebuilt with the new words. Sphinx's own
``html_search_options: {dict: <file>}`` would do the second part, but it takes
a path relative to the current directory and ignores a file it cannot find.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.search import languages
from sphinx.search import zh as sphinx_zh


class _Terms(set):
    """A set with the ``extend`` of the list it replaces."""

    def extend(self, items: Any) -> None:
        self.update(items)


class SearchChinese(sphinx_zh.SearchChinese):
    """Sphinx's Chinese search language with the same stems, in linear time."""

    def init(self, options: dict[str, str]) -> None:
        super().init(options)
        self.latin_terms = _Terms()  # an instance's own, not the class-wide list
        self._stem_word = functools.cache(self.stemmer.stemWord)

    def stem(self, word: str) -> str:
        # Sphinx's rule, unchanged: a Latin term of 3+ letters that stemming
        # would cut below 3 is kept whole (lower-cased); anything else is stemmed.
        stemmed = self._stem_word(word.lower())
        if len(word) >= 3 and len(stemmed) < 3 and word in self.latin_terms:
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


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("recount_search_words", [], "html", types=[list])
    languages["zh"] = SearchChinese
    # At write time, not at start-up: the words are needed only when pages are
    # indexed, and add_word loads jieba's dictionary (1-4 s), which a no-change
    # rebuild (nothing written) should not pay.
    app.connect("write-started", _add_words)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
