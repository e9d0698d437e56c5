"""The footer's credits and the project's source shipped with the book (recount.sphinx.credits), and the
data page's captioned tables (recount.publish.schema)."""

from __future__ import annotations

import io
import re
import tarfile

from recount import paths
from recount.publish import schema
from recount.sphinx import credits

CFF = {
    "title": "A check of 《某文章》",
    "version": "2.3.4",
    "authors": [{"name": "A team"}, {"given-names": "Li", "family-names": "Wei"}],
    "references": [{"type": "article", "title": "某文章", "authors": [{"name": "unknown publisher"}]}],
}


def test_the_citation_line_comes_from_citation_cff():
    cff = credits.citation()
    line = credits.cite_as(cff)
    assert cff["title"] in line and f"Version {cff['version']}" in line
    assert all(a["name"] in line for a in cff["authors"])
    assert credits.cite_as(CFF) == "A team, Li Wei. A check of 《某文章》. Version 2.3.4."


def test_unknown_publisher_author_and_address_are_said_once():
    line = credits.article_line(CFF)
    assert line.count("unknown") == 1
    assert "author, publisher, address unknown (not in the capture)" in line
    assert '<span lang="zh-CN">某文章</span>' in line


def test_what_the_citation_knows_of_the_article_is_shown_and_nothing_else():
    known = {**CFF, "references": [{"type": "article", "title": "某文章", "authors": [{"name": "Zhang San"}],
                                    "publisher": {"name": "A City Daily"}, "url": "https://example.org/a"}]}
    line = credits.article_line(known)
    assert "author Zhang San" in line and "publisher A City Daily" in line and "address https://example.org/a" in line
    assert "unknown" not in line


def test_the_sdist_is_normalised_to_the_same_bytes():
    def sdist(mtime: int) -> bytes:
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w:gz") as tar:
            for name in ("pkg-1/b.txt", "pkg-1/a.txt"):
                info = tarfile.TarInfo(name)
                info.size, info.mtime, info.uname = 1, mtime, "someone"
                tar.addfile(info, io.BytesIO(b"x"))
        return buf.getvalue()

    first, second = (credits._normalised(sdist(m), 1767225600) for m in (1, 2))
    assert first == second
    with tarfile.open(fileobj=io.BytesIO(first), mode="r:gz") as tar:
        assert tar.getnames() == ["pkg-1/a.txt", "pkg-1/b.txt"]
        assert {m.mtime for m in tar.getmembers()} == {1767225600}
        assert {m.uname for m in tar.getmembers()} == {"root"}


def test_every_ledger_table_is_named_in_a_caption_above_its_columns():
    html = schema.column_tables().data
    figures = re.findall(r'<figure class="recount-table-figure" id="([^"]+)"><figcaption[^>]*>(.*?)</figcaption>'
                         r'<div class="recount-scroll"', html)
    assert [cap for _, cap in figures] and len(figures) == len(schema.tables())
    for number, ((anchor, caption), name) in enumerate(zip(figures, schema.tables()), start=2):
        assert caption.startswith(f"<strong>Table {number}.</strong> <code>{name}</code>: "), caption
    assert len({anchor for anchor, _ in figures}) == len(figures)
    assert schema.files_table().data.startswith('<figure class="recount-table-figure" id="table-files"><figcaption')


def test_the_sdist_is_built_again_only_when_a_file_it_could_hold_changed(tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / "src" / "tiny").mkdir(parents=True)
    (project / "pyproject.toml").write_text('[build-system]\nrequires = ["setuptools"]\nbuild-backend = '
                                            '"setuptools.build_meta"\n\n[project]\nname = "tiny"\nversion = "1"\n')
    (project / "src" / "tiny" / "__init__.py").write_text("ANSWER = 1\n")
    runs = []
    real_run = credits.subprocess.run
    monkeypatch.setattr(credits.subprocess, "run", lambda *a, **k: runs.append(a) or real_run(*a, **k))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")

    def members() -> dict[str, bytes]:
        sdist = credits.build_sdist(project, tmp_path / "out", "tiny-1.tar.gz")
        with tarfile.open(sdist, "r:gz") as tar:
            return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}

    first = members()
    assert len(runs) == 1 and first["tiny-1/src/tiny/__init__.py"] == b"ANSWER = 1\n"
    (project / "_build").mkdir()
    (project / "_build" / "page.html").write_text("a build's output is not the source")
    assert members() == first and len(runs) == 1, "nothing it could hold changed: not built again"
    (project / "src" / "tiny" / "__init__.py").write_text("ANSWER = 2\n")
    assert members()["tiny-1/src/tiny/__init__.py"] == b"ANSWER = 2\n" and len(runs) == 2
