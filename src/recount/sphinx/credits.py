"""Sphinx extension: what stands behind every page, in its footer, and the files to check and rerun it.

Each page's footer (the theme's ``extra_footer``, set per page) gives:

* the licences (code MIT, the project's data and prose CC BY 4.0, the article its publisher's), linking
  the repository's ``LICENSE``;
* how to cite the book, read from ``CITATION.cff`` (authors, title, version; nothing typed twice),
  linking the file;
* the article checked, with its publisher, author and address where ``CITATION.cff`` records them
  (its ``references`` entry), and a single plain "unknown (not in the capture)" where it does not;
* the project's source as an sdist (``recount-<version>.tar.gz``, built with the book by the pinned
  ``uv`` from ``requirements-uv.txt``, made byte-reproducible here: every member's time is
  ``$SOURCE_DATE_EPOCH``, owner root, order sorted), and on a chapter, how to rerun that page from
  it and the page's ``.ipynb`` download in one command.

``LICENSE``, ``CITATION.cff`` and the sdist are copied to the book's root (``html_extra_path``).
"""

from __future__ import annotations

import gzip
import hashlib
import html
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from sphinx.application import Sphinx

from recount import paths

CITATION = "CITATION.cff"
LICENSE = "LICENSE"
SDIST_DIR = Path(".recount", "sdist")  # under the build folder, beside html/
#: what the article's reference in CITATION.cff may say about who published it and where
UNKNOWN = "unknown"


def citation(root: Path = paths.ROOT) -> dict:
    import yaml

    return yaml.safe_load((root / CITATION).read_text(encoding="utf-8"))


def cite_as(cff: dict) -> str:
    """``The Recount project. Recount: ... Version 0.1.0.``, from CITATION.cff."""
    authors = ", ".join(a.get("name") or " ".join(filter(None, (a.get("given-names"), a.get("family-names"))))
                        for a in cff.get("authors", []))
    year = f" ({cff['date-released']})" if cff.get("date-released") else ""
    return f"{authors}{year}. {cff['title']}. Version {cff['version']}."


def _zh(text: str) -> str:
    return f'<span lang="zh-CN">{html.escape(text)}</span>'


def article_line(cff: dict) -> str:
    """The article checked (HTML), with what is known of who published it and where; the unknown named once."""
    ref = next((r for r in cff.get("references", []) if r.get("type") == "article"), None)
    if ref is None:
        return ""
    known, unknown = [], []
    names = [a.get("name", "") for a in ref.get("authors", [])]
    by = [n for n in names if n and UNKNOWN not in n.lower()]
    (known if by else unknown).append(f"author {', '.join(by)}" if by else "author")
    publisher = (ref.get("publisher") or {}).get("name", "")
    (known if publisher else unknown).append(f"publisher {publisher}" if publisher else "publisher")
    (known if ref.get("url") else unknown).append(f"address {ref['url']}" if ref.get("url") else "address")
    text = f"The article checked: {_zh(ref['title'])}"
    if known:
        text += "; " + html.escape("; ".join(known))
    if unknown:
        text += f"; {', '.join(unknown)} unknown (not in the capture)"
    return text + "."


def sdist_name(cff: dict) -> str:
    return f"recount-{cff['version']}.tar.gz"


def _normalised(built: bytes, epoch: int) -> bytes:
    """The sdist with every member's time ``epoch``, owner root and members in name order: the same
    sources give the same bytes."""
    members = []
    with tarfile.open(fileobj=io.BytesIO(built), mode="r:gz") as src:
        for info in src.getmembers():
            members.append((info, src.extractfile(info).read() if info.isfile() else None))
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=epoch) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as dst:
        for info, data in sorted(members, key=lambda m: m[0].name):
            info.mtime, info.uid, info.gid, info.uname, info.gname = epoch, 0, 0, "root", "root"
            info.pax_headers = {}
            dst.addfile(info, io.BytesIO(data) if data is not None else None)
    return out.getvalue()


def _inputs_key(root: Path, epoch: int) -> str:
    """A hash of every file under ``root`` that an sdist could hold (hidden folders, ``_build``, caches and
    the ``.egg-info`` the build itself writes left out) and of the epoch its members carry."""
    digest = hashlib.sha256(str(epoch).encode())
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(f for f in folders if not (f.startswith((".", "_build", "__pycache__"))
                                                        or f.endswith(".egg-info")))
        for name in sorted(files):
            path = Path(folder, name)
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def build_sdist(root: Path, target_dir: Path, name: str) -> Path:
    """``uv build --sdist`` of ``root`` (offline: the build backend is the venv's own setuptools) into
    ``target_dir``, normalised (:func:`_normalised`); not built again while no file it could hold changed
    (the key beside it: a second of CPU saved on a rebuild)."""
    target_dir.mkdir(parents=True, exist_ok=True)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    target, key_file = target_dir / name, target_dir / f"{name}.key"
    key = _inputs_key(root, epoch)
    if target.is_file() and key_file.is_file() and key_file.read_text("utf-8") == key:
        return target
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "uv", "build", "--sdist", "--no-build-isolation", "--offline",
                        "--quiet", "--python", sys.executable, "--out-dir", tmp, str(root)],
                       check=True, env={**os.environ, "UV_NO_CONFIG": "1"})
        data = _normalised((Path(tmp) / name).read_bytes(), epoch)
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)
    key_file.write_text(key, "utf-8")
    return target


def _footer(cff: dict, pathto, pagename: str, notebook: bool) -> str:
    esc = html.escape
    link = lambda target, text: f'<a href="{esc(pathto(target, 1))}">{esc(text)}</a>'  # noqa: E731
    sdist = sdist_name(cff)
    lines = [
        f"Code: MIT licence. Data and prose: CC BY 4.0. The article's text belongs to its publisher "
        f"({link(LICENSE, 'licences')}).",
        f"Cite as: {esc(cite_as(cff))} ({link(CITATION, CITATION)})",
        article_line(cff),
        f"The project's source, to check or rerun every page: {link(sdist, sdist)}.",
    ]
    if notebook:
        page = pagename.rsplit("/", 1)[-1]
        lines.append(f"Rerun this page: unpack {esc(sdist)}, put this page's notebook ({esc(page)}.ipynb, from "
                     f"the download button at the top) in its folder, and run there "
                     f"<code>make venv &amp;&amp; .venv/bin/jupyter execute --inplace {esc(page)}.ipynb</code>.")
    return "".join(f'<p class="recount-credits">{line}</p>' for line in lines if line)


def _config_inited(app: Sphinx, config) -> None:
    root = Path(app.confdir)
    cff = citation(root)
    sdist = build_sdist(root, Path(app.outdir).parent / SDIST_DIR, sdist_name(cff))
    # relative to the book, as the other paths: Sphinx hashes the configuration into html/.buildinfo, and an
    # absolute path would make two checkouts' builds differ
    config.html_extra_path = [*config.html_extra_path, LICENSE, CITATION, os.path.relpath(sdist, root)]
    app.recount_citation = cff


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    notebook = bool(context.get("ipynb_source"))
    context["theme_extra_footer"] = _footer(app.recount_citation, context["pathto"], pagename, notebook)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _config_inited)
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
