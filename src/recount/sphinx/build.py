"""The book build (``make book``, ``python -m recount.sphinx.build ROOT [jupyter-book options]``).

1. Each MyST notebook of ``_toc.yml`` whose inputs changed runs in a fresh kernel (nbclient),
   ``$RECOUNT_BUILD_JOBS`` at once, longest first. Its inputs: its text, the lock file, Python's
   version, and the files :data:`INPUTS_CELL` listed when it last ran (the ``recount`` modules the
   kernel imported, the data files the library read). A cell error or stray stderr fails the build.
2. ``jupyter-book build`` with execution off renders the executed copies (:mod:`recount.sphinx.executed`).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

#: 2026-01-01T00:00:00Z, the Makefile's SOURCE_DATE_EPOCH: the footer's year, SVG/PDF dates.
SOURCE_DATE_EPOCH = "1767225600"
JOBS_ENV = "RECOUNT_BUILD_JOBS"
NOTEBOOKS = Path(".recount", "notebooks")  # under the build folder, beside html/
EXECUTED_LOG = Path(".recount", "executed.json")  # docnames the last build executed
FAILED_MARK = Path(".recount", "failed")  # the last Sphinx build failed: read every page again
#: The last cell of every run, dropped from the executed copy: prints the files the notebook used.
INPUTS_CELL = """import json, sys
from recount import paths
print(json.dumps(sorted(paths.READS | {m.__file__ for n, m in list(sys.modules.items())
                                       if n.split(".")[0] == "recount" and getattr(m, "__file__", None)})))"""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_notebook(text: str, path: Path | None = None):
    from myst_nb.core.read import read_myst_markdown_notebook  # the reader myst-nb itself uses
    return read_myst_markdown_notebook(text, add_source_map=True, path=path)


def executed_copy(folder: Path | str, text: str) -> Path:
    """Where the executed notebook of a page with this text is kept."""
    return Path(folder) / f"{sha256(text.encode())}.ipynb"


def file_hash(path: str) -> str | None:
    return sha256(Path(path).read_bytes()) if Path(path).is_file() else None


def up_to_date(target: Path, key: str) -> bool:
    record = target.with_suffix(".json")
    if not (target.is_file() and record.is_file()):
        return False
    old = json.loads(record.read_text("utf-8"))
    return old["key"] == key and all(file_hash(path) == h for path, h in old["inputs"].items())


def execute(root: Path, docname: str, target: Path, key: str, timeout: int, km=None) -> str | None:
    """Run the notebook ``docname`` and write it to ``target``, its record beside it; the error, if any.

    In a fresh kernel of its own, or in the running kernel ``km`` (:func:`execute_group`)."""
    import nbformat
    from nbclient import NotebookClient
    from traitlets.config import Config

    nb = read_notebook((source := root / f"{docname}.md").read_text("utf-8"), source)
    nb.cells.append(nbformat.v4.new_code_cell(INPUTS_CELL))
    with tempfile.TemporaryDirectory(prefix="recount-kernel-") as tmp:  # IPC sockets: no TCP port to race for
        client = NotebookClient(nb, timeout=timeout, kernel_name=nb.metadata.kernelspec.name, record_timing=False,
                                shutdown_kernel="immediate",  # its outputs are in: no need to wait for its exit
                                config=Config({"KernelManager": {"transport": "ipc", "ip": f"{tmp}/ipc"}}),
                                resources={"metadata": {"path": str(source.parent)}}, km=km)
        try:
            client.execute()
        except Exception as exc:  # noqa: BLE001 - a cell error, a dead kernel, a timeout: reported, not cached
            return f"{docname}.md: {type(exc).__name__}: {exc}"
    # every stdout piece of the cell: a long line can reach nbclient as more than one stream output
    inputs = json.loads("".join(o.text for o in nb.cells.pop().outputs if o.get("name") == "stdout"))
    for i, cell in enumerate(nb.cells):
        if any(out.get("name") == "stderr" for out in cell.get("outputs", [])):
            return f"{docname}.md: cell {i} wrote to stderr:\n{cell.source}\n{cell.outputs}"
    number_as_a_fresh_kernel(nb)
    nbformat.write(nb, tmp := target.with_suffix(".tmp"))
    os.replace(tmp, target)
    record = {"docname": docname, "key": key, "inputs": {path: file_hash(path) for path in inputs}}
    target.with_suffix(".json").write_text(json.dumps(record, indent=1, sort_keys=True), "utf-8")
    return None


def number_as_a_fresh_kernel(nb) -> None:
    """Execution counts 1, 2, ... as a kernel of the page's own gives them: in a kernel shared with the
    pages run before (:func:`execute_group`) they go on from theirs, and the page's ``.ipynb`` download
    would depend on how the pages were grouped."""
    executed = [cell for cell in nb.cells if cell.get("execution_count") is not None]
    for count, cell in enumerate(executed, start=1):
        cell.execution_count = count
        for out in cell.outputs:
            if "execution_count" in out:
                out.execution_count = count


def execute_group(root: Path, jobs: list[tuple[str, Path]], key: str, timeout: int) -> list[str | None]:
    """Run several notebooks one after the other in ONE kernel (``recount book``: a generated book of
    many short pages, where starting a kernel and importing the library is most of each page's time).
    Each record then names every file the kernel had used so far: a superset, so an edit re-executes a
    page too often, never too seldom."""
    from jupyter_client import KernelManager

    with tempfile.TemporaryDirectory(prefix="recount-kernel-") as tmp:
        km = KernelManager(kernel_name="python3", transport="ipc", ip=f"{tmp}/ipc")
        km.start_kernel(cwd=str(root / Path(jobs[0][0]).parent))
        try:
            return [execute(root, docname, target, key, timeout, km) for docname, target in jobs]
        finally:
            km.shutdown_kernel(now=True)


def execute_book(root: Path, build_dir: Path, jobs: int, shared: bool = False) -> tuple[list[str], list[str]]:
    """Execute every notebook of the book at ``root`` whose inputs changed: (docnames executed, errors).

    ``shared``: the notebooks of each process share one kernel (:func:`execute_group`)."""
    import yaml
    from myst_nb.core.read import is_myst_markdown_notebook
    from sphinx_external_toc.parsing import parse_toc_yaml

    (cache := build_dir / NOTEBOOKS).mkdir(parents=True, exist_ok=True)
    lock = root / "requirements.txt"
    # the data folder the kernels read (``$RECOUNT_DATA``, else the project's data/) is part of the key: the
    # same page text over another article's folder is another notebook; its files' contents are inputs
    from recount import paths

    data = str(paths.data_dir().resolve())
    environment = sha256((lock.read_bytes() if lock.is_file() else b"") + sys.version.encode() + data.encode())
    todo, keep = [], set()
    for docname in parse_toc_yaml(root / "_toc.yml"):
        text = (root / f"{docname}.md").read_text("utf-8") if (root / f"{docname}.md").is_file() else ""
        if is_myst_markdown_notebook(text):
            target = executed_copy(cache, text)
            keep |= {target.name, target.with_suffix(".json").name}
            if not up_to_date(target, environment):
                todo.append((len(text), docname, target))
    for stale in set(os.listdir(cache)) - keep:
        (cache / stale).unlink()
    todo.sort(key=lambda job: (-job[0], job[1]))  # longest first
    timeout = (yaml.safe_load((root / "_config.yml").read_text("utf-8")).get("execute") or {}).get("timeout", 30)
    processes = max(1, min(jobs, len(todo)))
    print(f"recount: executing {len(todo)} notebook(s) in {processes} process(es)", flush=True)
    os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)  # kernels inherit it
    with ProcessPoolExecutor(processes) as pool:
        if shared and todo:
            groups: list[list] = [[] for _ in range(processes)]
            for job in todo:  # longest first, each to the group with the least text so far
                min(groups, key=lambda g: sum(j[0] for j in g)).append(job)
            done = dict(zip((d for g in groups for _, d, _ in g), (e for errs in pool.map(
                execute_group, [root] * processes, [[(d, t) for _, d, t in g] for g in groups],
                [environment] * processes, [timeout] * processes) for e in errs)))
            errors = [done[d] for _, d, _ in todo]
        else:
            errors = list(pool.map(execute, *zip(*[(root, d, t, environment, timeout) for _, d, t in todo]))) if todo else []
    executed = sorted(d for (_, d, _), error in zip(todo, errors) if error is None)
    (build_dir / EXECUTED_LOG).write_text(json.dumps(executed, indent=1) + "\n", "utf-8")
    return executed, [e for e in errors if e]


def build_jobs() -> int:
    raw = os.environ.get(JOBS_ENV, "auto").strip().lower()
    if raw in ("", "auto"):
        return len(os.sched_getaffinity(0))
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    raise SystemExit(f"recount.sphinx.build: ${JOBS_ENV} must be a positive integer or 'auto', not {raw!r}")


def main(argv: list[str] | None = None, shared: bool = False) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0] if args and not args[0].startswith("-") else ".").resolve()
    executed, errors = execute_book(root, root / "_build", build_jobs(), shared)
    print(f"recount: executed {len(executed)} notebook(s): {', '.join(executed) or '-'}", flush=True)
    if errors:
        print("\n".join(f"recount.sphinx.build: {e}" for e in errors), file=sys.stderr)
        return 1
    from jupyter_book.cli.main import main as jupyter_book

    # Sphinx keeps its environment after a build that warned (-W --keep-going): the next build would
    # read nothing and not warn again. After a failed build, the next one reads every page (--all).
    failed = root / "_build" / FAILED_MARK
    again = ["--all"] if failed.is_file() else []
    try:
        status = jupyter_book.main(args=["build", *args, *again], prog_name="jupyter-book", standalone_mode=False) or 0
    except SystemExit as exc:  # jupyter-book exits with Sphinx's status when the build warned (-W)
        status = exc.code if isinstance(exc.code, int) else 1
    if status:
        failed.touch()
    else:
        failed.unlink(missing_ok=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
