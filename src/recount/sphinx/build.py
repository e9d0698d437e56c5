"""The book build (``make book``): execute the notebooks first, then Jupyter Book renders them.

``python -m recount.sphinx.build ROOT [jupyter-book build options]``:

1. Every MyST notebook of ``_toc.yml`` whose inputs changed runs in a fresh kernel (nbclient), in
   ``$RECOUNT_BUILD_JOBS`` processes at once (``auto``: one per CPU), longest source first. Its
   inputs: its text, the files of the ``recount`` modules its code imports (and they import), the
   lock file, and the data files it read when it last ran (:func:`recount.paths.note_read` logs
   them). The executed notebook is ``<build>/.recount/notebooks/<sha256 of the text>.ipynb``, its
   input hashes the ``.json`` beside it. A cell error or any stderr output fails the build, and
   leaves that notebook to run again. Kernels talk over IPC sockets in a folder of their own: no
   TCP ports to pick, so none that two starting kernels could both be handed (jupyter_client#154).
2. ``jupyter-book build`` with execution off (``nb_execution_mode: off``): the Sphinx extension
   :mod:`recount.sphinx.executed` reads each notebook from its executed copy.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from recount import paths

#: 2026-01-01T00:00:00Z, the Makefile's SOURCE_DATE_EPOCH: the footer's year, SVG/PDF dates.
SOURCE_DATE_EPOCH = "1767225600"
JOBS_ENV = "RECOUNT_BUILD_JOBS"
NOTEBOOKS = Path(".recount", "notebooks")  # under the build folder, beside html/
EXECUTED_LOG = Path(".recount", "executed.json")  # docnames the last build executed


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_notebook(text: str, path: Path | None = None):
    from myst_nb.core.read import read_myst_markdown_notebook  # the reader myst-nb itself uses
    return read_myst_markdown_notebook(text, add_source_map=True, path=path)


def imports(code: str, package: str = "") -> set[str]:
    """Module names (and ``module.name``) that ``code``, in ``package``, imports; magics skipped."""
    try:
        tree = ast.parse("\n".join(ln for ln in code.splitlines() if not ln.lstrip().startswith(("%", "!"))))
    except SyntaxError:  # the cell fails when it runs, and says why
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):  # relative: from the package, up level - 1
            base = package.split(".")[:len(package.split(".")) + 1 - node.level] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names |= {module, *(f"{module}.{a.name}" for a in node.names)}
    return names


def library_files(code: str) -> list[Path]:
    """Files of the ``recount`` modules ``code`` imports, directly or through one another."""
    todo, seen, files = imports(code), set(), set()
    while todo:
        parts = (name := todo.pop()).split(".")
        if parts[0] != "recount" or name in seen:
            continue
        seen.add(name)
        todo |= {".".join(parts[:i]) for i in range(1, len(parts))}  # parent packages run first
        base = paths.PACKAGE_DIR.joinpath(*parts[1:])
        for file in (base.with_suffix(".py"), base / "__init__.py"):
            if file.is_file():
                files.add(file)
                todo |= _file_imports(file)
    return sorted(files)


@functools.cache
def _file_imports(file: Path) -> frozenset[str]:
    package = ".".join(("recount", *file.parent.relative_to(paths.PACKAGE_DIR).parts))
    return frozenset(imports(file.read_text("utf-8"), package))


def static_key(root: Path, text: str, code: str) -> str:
    lock = root / "requirements.txt"
    parts = [text.encode(), lock.read_bytes() if lock.is_file() else b"", sys.version.encode()]
    parts += [f.relative_to(paths.PACKAGE_DIR).as_posix().encode() + b"\0" + f.read_bytes() for f in library_files(code)]
    return sha256(b"".join(sha256(p).encode() for p in parts))


def file_hash(path: str) -> str | None:
    return sha256(Path(path).read_bytes()) if Path(path).is_file() else None


def execute(root: Path, docname: str, target: Path, key: str, timeout: int) -> str | None:
    """Run the notebook ``docname`` and write it to ``target``, its record beside it; the error, if any."""
    import nbformat
    from nbclient import NotebookClient
    from traitlets.config import Config

    nb = read_notebook((source := root / f"{docname}.md").read_text("utf-8"), source)
    with tempfile.TemporaryDirectory(prefix="recount-kernel-") as tmp:
        (log := Path(tmp, "reads.log")).touch()
        client = NotebookClient(nb, timeout=timeout, kernel_name=nb.metadata.kernelspec.name, record_timing=False,
                                shutdown_kernel="immediate",  # its outputs are in: no need to wait for its exit
                                config=Config({"KernelManager": {"transport": "ipc", "ip": f"{tmp}/ipc"}}),
                                resources={"metadata": {"path": str(source.parent)}})
        try:
            client.execute(env={**os.environ, paths.READS_LOG_ENV: str(log)})
        except Exception as exc:  # noqa: BLE001 - a cell error, a dead kernel, a timeout: reported, not cached
            return f"{docname}.md: {type(exc).__name__}: {exc}"
        reads = sorted(set(log.read_text("utf-8").splitlines()))
    for i, cell in enumerate(nb.cells):
        if any(out.get("name") == "stderr" for out in cell.get("outputs", [])):
            return f"{docname}.md: cell {i} wrote to stderr:\n{cell.source}\n{cell.outputs}"
    nbformat.write(nb, tmp := target.with_suffix(".tmp"))
    os.replace(tmp, target)
    record = {"docname": docname, "key": key, "reads": {path: file_hash(path) for path in reads}}
    target.with_suffix(".json").write_text(json.dumps(record, indent=1, sort_keys=True), "utf-8")
    return None


def execute_book(root: Path, build_dir: Path, jobs: int) -> tuple[list[str], list[str]]:
    """Execute every notebook of the book at ``root`` whose inputs changed: (docnames executed, errors)."""
    import yaml
    from myst_nb.core.read import is_myst_markdown_notebook
    from sphinx_external_toc.parsing import parse_toc_yaml

    (cache := build_dir / NOTEBOOKS).mkdir(parents=True, exist_ok=True)
    todo, keep = [], set()
    for docname in parse_toc_yaml(root / "_toc.yml"):
        text = (root / f"{docname}.md").read_text("utf-8") if (root / f"{docname}.md").is_file() else ""
        if not is_myst_markdown_notebook(text):
            continue
        target = cache / f"{sha256(text.encode())}.ipynb"
        record = target.with_suffix(".json")
        keep |= {target.name, record.name}
        key = static_key(root, text, "\n".join(c.source for c in read_notebook(text).cells if c.cell_type == "code"))
        old = json.loads(record.read_text("utf-8")) if record.is_file() and target.is_file() else {}
        if old.get("key") != key or any(file_hash(p) != h for p, h in old.get("reads", {}).items()):
            record.unlink(missing_ok=True)
            todo.append((len(text), docname, target, key))
    for stale in set(os.listdir(cache)) - keep:
        (cache / stale).unlink()
    todo.sort(key=lambda job: (-job[0], job[1]))  # longest first
    timeout = (yaml.safe_load((root / "_config.yml").read_text("utf-8")).get("execute") or {}).get("timeout", 30)
    print(f"recount: executing {len(todo)} notebook(s) in {max(1, min(jobs, len(todo)))} process(es)", flush=True)
    os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)  # kernels inherit it
    with ProcessPoolExecutor(max(1, min(jobs, len(todo)))) as pool:
        errors = list(pool.map(execute, *zip(*[(root, d, t, k, timeout) for _, d, t, k in todo]))) if todo else []
    executed = sorted(d for (_, d, _, _), error in zip(todo, errors) if error is None)
    (build_dir / EXECUTED_LOG).write_text(json.dumps(executed, indent=1) + "\n", "utf-8")
    return executed, [e for e in errors if e]


def build_jobs() -> int:
    raw = os.environ.get(JOBS_ENV, "auto").strip().lower()
    if raw in ("", "auto"):
        return len(os.sched_getaffinity(0))
    if not raw.isdigit() or int(raw) < 1:
        raise SystemExit(f"recount.sphinx.build: ${JOBS_ENV} must be a positive integer or 'auto', not {raw!r}")
    return int(raw)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0] if args and not args[0].startswith("-") else ".").resolve()
    executed, errors = execute_book(root, root / "_build", build_jobs())
    print(f"recount: executed {len(executed)} notebook(s): {', '.join(executed) or '-'}", flush=True)
    if errors:
        print("\n".join(f"recount.sphinx.build: {e}" for e in errors), file=sys.stderr)
        return 1
    from jupyter_book.cli.main import main as jupyter_book
    from sphinx.application import ENV_PICKLE_FILENAME

    status = 1
    try:
        status = jupyter_book.main(args=["build", *args], prog_name="jupyter-book", standalone_mode=False) or 0
    except SystemExit as exc:  # jupyter-book exits with Sphinx's status when the build warned (-W)
        status = exc.code if isinstance(exc.code, int) else 1
    finally:
        # A build that warned or failed leaves no environment behind (Sphinx keeps one after -W
        # --keep-going): the next build reads every page again and warns again instead of passing.
        if status:
            (root / "_build" / ".doctrees" / ENV_PICKLE_FILENAME).unlink(missing_ok=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
