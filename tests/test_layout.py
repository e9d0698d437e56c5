"""The package's layers: the domain (recount/) imports nothing from the publication layer
(recount/publish/) or the build (recount/sphinx/). The command line (``recount.cli``) is the one
module above all three: ``recount book`` builds a book; it imports the publication layer only there."""

from __future__ import annotations

import ast

from recount import paths

LAYERS = ("recount.publish", "recount.sphinx")
#: the command line, above every layer (``python -m recount book`` calls recount.publish.book)
ENTRY_POINTS = ("cli.py",)


def imported(path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
    return names


def test_the_domain_imports_neither_the_publication_layer_nor_the_build():
    domain = [p for p in paths.PACKAGE_DIR.rglob("*.py")
              if p.relative_to(paths.PACKAGE_DIR).parts[0] not in ("publish", "sphinx", *ENTRY_POINTS)]
    assert len(domain) > 10, domain
    crossing = {p.relative_to(paths.PACKAGE_DIR).as_posix(): sorted(n for n in imported(p) if n.startswith(LAYERS))
                for p in domain}
    crossing = {k: v for k, v in crossing.items() if v}
    assert not crossing, f"domain modules that import a later layer: {crossing}"


def test_the_command_line_reaches_the_publication_layer_only_for_the_book():
    names = imported(paths.PACKAGE_DIR / "cli.py")
    assert {n for n in names if n.startswith(LAYERS)} == {"recount.publish", "recount.publish.book"}
