"""The small Sphinx extensions behind the reader-facing site: Chinese search words, fresh static files."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from sphinx.errors import ExtensionError

from recount import paths
from recount.sphinx import search as sphinx_search, static as sphinx_static


def fake_app(confdir: str | None = None, outdir: str | None = None, **config):
    """Just enough of a Sphinx application for the extensions' event handlers."""
    defaults = {"html_search_language": "zh", "language": "en", "recount_search_words": [],
                "html_static_path": [], "html_favicon": None}
    return SimpleNamespace(config=SimpleNamespace(**{**defaults, **config}), builder=SimpleNamespace(format="html"),
                           confdir=confdir, srcdir=None, outdir=outdir)


def sphinx_config() -> dict:
    return yaml.safe_load((paths.ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]


def test_every_search_word_is_in_the_article_and_one_jiebas_dictionary_would_cut():
    """Each word of ``recount_search_words`` earns its place: the article uses it, and jieba's own
    dictionary (a fresh one, without the words the extension adds) cuts it into pieces."""
    jieba = pytest.importorskip("jieba")
    words = sphinx_config()["recount_search_words"]
    source = paths.source_path().read_text(encoding="utf-8")
    fresh = jieba.Tokenizer()
    assert words, "no search words: the test checks nothing"
    assert [w for w in words if w not in source] == [], "search words the article does not use"
    assert [w for w in words if w in fresh.cut_for_search(w)] == [], "words jieba keeps whole without help"


def test_search_words_are_indexed_whole():
    jieba = pytest.importorskip("jieba")
    sphinx_search._add_words(fake_app(recount_search_words=["小板桥", "螺蛳湾"]))
    assert "小板桥" in jieba.cut_for_search("官渡区小板桥街道")
    assert "螺蛳湾" in jieba.cut_for_search("3月8日螺蛳湾商贸城全面开业复工")


def test_a_chinese_index_without_jieba_fails_the_build(monkeypatch):
    monkeypatch.setitem(sys.modules, "jieba", None)  # import jieba -> ImportError
    with pytest.raises(ExtensionError, match="jieba"):
        sphinx_search._add_words(fake_app())
    sphinx_search._add_words(fake_app(html_search_language="en"))  # not Chinese: jieba not needed


def test_static_files_are_refreshed_even_when_no_page_was_written(tmp_path: Path):
    conf, out = tmp_path / "src", tmp_path / "out"
    (conf / "book" / "_static" / "img").mkdir(parents=True)
    (conf / "book" / "_static" / "recount.css").write_text("a { color: #000; }\n")
    (conf / "book" / "_static" / "img" / "x.svg").write_text("<svg/>\n")
    (conf / "book" / "_static" / "page.html_t").write_text("{{ template }}\n")
    (out / "_static").mkdir(parents=True)
    (out / "_static" / "recount.css").write_text("a { color: #777; }\n")  # the stale copy
    app = fake_app(html_static_path=["book/_static"], html_favicon="book/_static/img/x.svg", confdir=str(conf),
                   outdir=str(out))
    sphinx_static._refresh(app, None)
    assert (out / "_static" / "recount.css").read_text() == "a { color: #000; }\n"
    assert (out / "_static" / "img" / "x.svg").is_file() and (out / "_static" / "x.svg").is_file()
    assert not (out / "_static" / "page.html_t").exists()  # templates are Sphinx's business
    (conf / "book" / "_static" / "recount.css").write_text("a { color: #111; }\n")
    sphinx_static._refresh(app, RuntimeError("build failed"))  # a failed build is left alone
    assert (out / "_static" / "recount.css").read_text() == "a { color: #000; }\n"


def book_text() -> list[str]:
    """The book's own words: the article, the ledger tables and every page's source, and some
    short Latin words whose stems fall below three letters (Sphinx's exception)."""
    texts = [paths.source_path().read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted(paths.DATA_DIR.glob("*.csv"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(paths.BOOK_DIR.glob("*.md"))]
    texts.append("was has its use ones sizes bus ies API APIs 3rd 2nd is as us Yes ayes")
    return texts


def test_the_linear_chinese_search_language_gives_sphinxs_own_stems(monkeypatch):
    pytest.importorskip("jieba")
    from sphinx.search import zh as sphinx_zh

    monkeypatch.setattr(sphinx_zh.SearchChinese, "latin_terms", [])  # Sphinx's class-wide list, fresh
    theirs, ours = sphinx_zh.SearchChinese({}), sphinx_search.SearchChinese({})
    kept_whole = 0
    for text in book_text():
        # the same words, but numbers first and each in one form (test_numbers_are_one_search_term_each)
        words = theirs.split(sphinx_search.without_numbers(text))
        assert ours.split(text) == sphinx_search.numbers(text) + words
        for word in dict.fromkeys(words):  # each distinct word (Sphinx memoises stems per page)
            stem = ours.stem(word)
            assert stem == theirs.stem(word), word
            kept_whole += stem == word.lower() != ours.stemmer.stemWord(word.lower())
    assert kept_whole, "no word took Sphinx's keep-whole branch: the comparison does not cover it"


def test_the_book_indexes_chinese_with_the_linear_language_through_the_public_api():
    added = []
    sphinx_search.setup(SimpleNamespace(add_config_value=lambda *a, **k: None, connect=lambda *a, **k: None,
                                        add_search_language=added.append))
    assert added == [sphinx_search.SearchChinese] and sphinx_search.SearchChinese.lang == "zh"


@pytest.mark.parametrize(("text", "terms"), [
    ("复工复产率达88%", ["88"]),
    ("复工率82.57%,其中", ["82.57"]),
    ("全区个体工商户复工94181户", ["94181"]),
    ("94,181 of 123,542 businesses", ["94181", "123542"]),
    ("4800 / 5852 = 82.02% → 82%", ["4800", "5852", "82.02", "82"]),
    ("row s1p3, a 3D chart, the 10th", []),  # digits inside a word are not numbers
])
def test_numbers_are_one_search_term_each(text, terms):
    pytest.importorskip("jieba")
    lang = sphinx_search.SearchChinese({})
    words = lang.split(text)
    assert words[:len(terms)] == terms
    assert not [w for w in words[len(terms):] if any(c.isdigit() for c in w) and sphinx_search.NUMBER.fullmatch(w)]
    assert [lang.stem(t) for t in terms] == terms


def test_the_search_page_keeps_numbers_as_terms():
    """The JavaScript the search page runs: splitQuery marks each number, the Stemmer takes the mark off."""
    js = sphinx_search.SearchChinese.js_splitter_code + sphinx_search.SearchChinese.js_stemmer_code
    assert "var splitQuery" in js and "var PorterStemmer = Stemmer;" in js
    assert sphinx_search.NUMBER_PATTERN in js and "\\u2063" in js


def test_the_search_index_keeps_no_term_that_an_edit_left_without_a_page(tmp_path) -> None:
    """An incremental build leaves ``"term": []`` for a word an edit removed; a clean build has none."""
    import json

    from recount.sphinx.executed import _drop_terms_without_pages

    index = tmp_path / "searchindex.js"
    index.write_text('Search.setIndex({"terms": {"gone": [], "kept": 0, "both": [0, 1]}, '
                     '"titleterms": {"title": 1, "old": []}})', "utf-8")
    _drop_terms_without_pages(SimpleNamespace(outdir=str(tmp_path)), None)
    text = index.read_text("utf-8")
    assert text.startswith("Search.setIndex(") and text.endswith(")")
    frozen = json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))
    assert frozen["terms"] == {"kept": 0, "both": [0, 1]} and frozen["titleterms"] == {"title": 1}
    assert list(frozen["titleterms"]) == sorted(frozen["titleterms"]), "keys sorted, as Sphinx writes them"
