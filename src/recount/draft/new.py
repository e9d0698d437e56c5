"""``recount new``: a complete article folder drafted from an article (:mod:`recount.folder` says
what a folder holds; this module, in the draft layer, fills one with the draft's reading)."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path

from recount import paths
from recount.draft import draft, read_article
from recount.draft.render import write_ledger
from recount.errors import InputError
from recount.folder import Made, _csv, _rows, detect, package, readable, readable_units


def make(article_path: Path, out_dir: Path, given: dict[str, str | None] | None = None,
         today: date | None = None) -> Made:
    """Write the folder ``out_dir`` for the article at ``article_path``: all of it, or nothing."""

    text = read_article(article_path)  # the draft reads the text decoded
    raw = article_path.read_bytes()
    source = raw.decode("utf-8")  # as recount.ledger.load_source decodes it
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise InputError(out_dir, None, None, "already exists and is not empty: give a new folder "
                                              "(recount new never overwrites a ledger)")
    found = {k: v for k, v in detect(text).items()}
    found.update({k: v for k, v in (given or {}).items() if v})
    d = draft(text)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        write_ledger(d, tmp)
        fig_header, figures = _rows((tmp / paths.FIGURES_NAME).read_text(encoding="utf-8"))
        rate_header, rates = _rows((tmp / paths.RATES_NAME).read_text(encoding="utf-8"))
        figures, rates = readable(*readable_units(figures, rates), source)
        (tmp / paths.FIGURES_NAME).write_text(_csv(fig_header, figures), encoding="utf-8")
        (tmp / paths.RATES_NAME).write_text(_csv(rate_header, rates), encoding="utf-8")
        (tmp / "source").mkdir()
        (tmp / paths.SOURCE_NAME).write_bytes(raw)
        (tmp / "source" / "article.zh.lines.sha256").write_text(
            "".join(f"{i} {hashlib.sha256(line).hexdigest()[:16]}\n" for i, line in enumerate(raw.split(b"\n"), 1)),
            encoding="utf-8")
        desc = package(found, hashlib.sha256(raw).hexdigest(), today or datetime.now(timezone.utc).date())
        (tmp / paths.DATAPACKAGE_NAME).write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n",
                                                   encoding="utf-8")
        for res in desc["resources"]:
            if not (tmp / res["path"]).exists():
                (tmp / res["path"]).write_text(_csv([f["name"] for f in res["schema"]["fields"]], []), encoding="utf-8")
        dropped = _prune(tmp, fig_header, rate_header)
        if out_dir.exists():
            out_dir.rmdir()
        tmp.replace(out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    figures = _rows((out_dir / paths.FIGURES_NAME).read_text(encoding="utf-8"))[1]
    rates = _rows((out_dir / paths.RATES_NAME).read_text(encoding="utf-8"))[1]
    claims = len({r["cited"] for r in rates if r["cited"]})
    return Made(out_dir, len(figures), len(rates), claims, found, dropped)


def _prune(folder: Path, fig_header: list[str], rate_header: list[str]) -> list[str]:
    """Drop each drafted row the ledger refuses (a share above 100%, a value its quote does not carry
    ...), with the rates that use a dropped figure, until the folder loads; what was dropped, as
    ``quote: why``. Anything else the loader refuses is raised."""
    from recount.ledger import load_ledger

    dropped = []
    for _ in range(10_000):
        try:
            load_ledger(folder)
            return dropped
        except InputError as exc:
            name, line, why = exc.path.name, exc.line, exc.message
            if name not in (paths.FIGURES_NAME, paths.RATES_NAME) or not line:
                raise
        figures = _rows((folder / paths.FIGURES_NAME).read_text(encoding="utf-8"))[1]
        rates = _rows((folder / paths.RATES_NAME).read_text(encoding="utf-8"))[1]
        rows = figures if name == paths.FIGURES_NAME else rates
        gone = rows.pop(line - 2)
        dropped.append(f"{gone.get('quote') or gone['id']}: {why}")
        if name == paths.FIGURES_NAME:
            rates = [r for r in rates if gone["id"] not in
                     {x for c in ("numerator", "denominator", "cited") for x in r[c].split("+")}]
        (folder / paths.FIGURES_NAME).write_text(_csv(fig_header, figures), encoding="utf-8")
        (folder / paths.RATES_NAME).write_text(_csv(rate_header, rates), encoding="utf-8")
    return dropped
