"""The package's layers point one way: the domain (``recount/*.py``) ← the draft (``recount/draft/``)
← the publication layer (``recount/publish/``) ← the build (``recount/sphinx/``) ← the command
line (``recount/cli.py``, ``recount/__main__.py``). A module imports its own layer or a lower one,
never a higher one, and no two modules import each other, directly or round a loop. Every import
counts, a function's own included (a lazy import is still a dependency); only the names under
``if TYPE_CHECKING:`` (annotations, never run) do not."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from recount import paths

LAYERS = ("domain", "draft", "publish", "sphinx", "cli")


def module_names() -> dict[str, Path]:
    root = paths.PACKAGE_DIR.parent
    out = {}
    for p in sorted(paths.PACKAGE_DIR.rglob("*.py")):
        parts = p.relative_to(root).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = p
    return out


def layer(module: str) -> str:
    parts = module.split(".")
    if module in ("recount.cli", "recount.__main__"):
        return "cli"
    if len(parts) > 2 or (len(parts) == 2 and parts[1] in ("draft", "publish", "sphinx")):
        return parts[1]
    return "domain"


def _runtime_nodes(tree: ast.AST):
    """Every node, less the bodies of ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in [child, *_runtime_nodes(child)])
            continue
        yield node
        yield from _runtime_nodes(node)


def imports(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that ``module`` imports anywhere in its file (a package import is its
    ``__init__``; ``from a import b`` is ``a.b`` when that is a module)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def nearest(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    out = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {nearest(a.name) for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([node.module] if node.module else []))
            out |= {f"{base}.{a.name}" if f"{base}.{a.name}" in known else nearest(base) for a in node.names}
    return {m for m in out if m and m != module}


def graph() -> dict[str, set[str]]:
    known = module_names()
    return {m: imports(m, p, known) for m, p in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v), on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_the_import_reader_sees_lazy_relative_and_from_imports_and_skips_type_checking(tmp_path):
    (tmp_path / "a.py").write_text(
        "from typing import TYPE_CHECKING\nfrom . import b\nif TYPE_CHECKING:\n    from recount.c import X\n"
        "else:\n    import recount.d.e\ndef f():\n    from recount.f import g\n")
    known = {m: tmp_path / "x.py" for m in ("recount.b", "recount.c", "recount.d", "recount.f")}
    assert imports("recount.a", tmp_path / "a.py", known) == {"recount.b", "recount.d", "recount.f"}


def test_the_cycle_finder_finds_a_loop_through_three_modules_and_none_in_a_chain():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_each_folder_is_one_layer():
    assert {m: layer(m) for m in ("recount.ledger", "recount.draft", "recount.draft.cli", "recount.publish.render",
                                  "recount.sphinx.build", "recount.cli", "recount")} == {
        "recount.ledger": "domain", "recount.draft": "draft", "recount.draft.cli": "draft",
        "recount.publish.render": "publish", "recount.sphinx.build": "sphinx", "recount.cli": "cli",
        "recount": "domain"}


def test_no_module_imports_a_higher_layer():
    edges = graph()
    assert len(edges) > 40 and sum(map(len, edges.values())) > 100, "the import reader found too little"
    upward = sorted(f"{m} ({layer(m)}) -> {n} ({layer(n)})" for m, ns in edges.items() for n in ns
                    if LAYERS.index(layer(n)) > LAYERS.index(layer(m)))
    assert not upward, "imports of a higher layer:\n" + "\n".join(upward)


def test_no_two_modules_import_each_other_even_round_a_loop():
    assert cycles(graph()) == []


def test_check_imports_neither_the_segmenter_nor_the_converters():
    """``recount check`` loads and checks the ledger without jieba, OpenCC or cn2an (the draft's), and
    without pandas or matplotlib (the book's)."""
    code = ("import sys\nfrom recount.cli import main\nrc = main(['check', '--format', 'json'])\n"
            "print(rc, sorted(m for m in sys.modules if m.split('.')[0] in ('jieba', 'opencc', 'cn2an', 'pandas',"
            " 'matplotlib', 'recount')"
            " and (m.split('.')[0] != 'recount' or m.startswith('recount.draft'))), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.startswith("{"), done.stderr
    assert done.stderr.strip().splitlines()[-1] == "0 []", done.stderr
