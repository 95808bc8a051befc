"""The package layout: no import cycle inside ``kgraph``, every package installed, a small top level.

The import graph is read from the source files with :mod:`ast`, not by importing them, so
it sees every import whether or not it runs. A node is a module (``kgraph.engine.run``; a
package is its ``__init__``); an edge A -> B is a statement in A that imports B: ``import
kgraph.B``, ``from kgraph.B import name`` or ``from kgraph.P import B`` where B is a
submodule of P, and their relative forms.

Which imports count: **all of them**, wherever they stand: at module level, inside a
function (a lazy import) and under ``if TYPE_CHECKING:``. A lazy import only postpones
the import; two modules that import each other, even lazily, cannot be understood, tested
or moved one without the other, and a lazy import is the usual way such a circle is
hidden (``run.py`` and ``parallel.py`` used to be one). So the rule is the strict one: no
cycle among all the imports. Importing a package's ``__init__`` because one of its
submodules is imported (what Python does implicitly) is not an edge: only what a file
writes counts.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import networkx as nx
import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]

#: What may sit loose at the top of ``kgraph/``: the package itself and ``python -m kgraph``,
#: the version, the notebook API that ``kgraph/__init__.py`` re-exports, and the shared
#: base every stage imports (errors, types). Everything else belongs in a package.
TOP_LEVEL = {"__init__", "__main__", "_version", "api", "errors", "types"}


def _modules(root: Path, package: str) -> dict[str, Path]:
    """Dotted module name -> source file, for every ``.py`` file of ``package`` under ``root``."""
    modules = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def import_graph(root: Path, package: str = "kgraph") -> nx.DiGraph:
    """The import graph of ``package`` (a directory under ``root``), read from its source files.

    Every import statement counts, wherever it stands (see the module docstring). Each
    edge keeps ``where``: the ``file:line`` of the statement that makes it.
    """
    modules = _modules(root, package)

    def known(name: str) -> str | None:
        """The module of ``package`` that ``name`` (a module or a name in a module) lives in."""
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            targets: list[str | None] = []
            if isinstance(node, ast.Import):
                targets = [known(alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = module if is_package else module.rpartition(".")[0]
                    for _ in range(node.level - 1):
                        anchor = anchor.rpartition(".")[0]
                    base = f"{anchor}.{base}" if base else anchor
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    targets.append(submodule if submodule in modules else known(base))
            for target in targets:
                if target is not None and target != module:
                    graph.add_edge(module, target, where=f"{path.relative_to(root)}:{node.lineno}")
    return graph


def describe_cycles(graph: nx.DiGraph) -> list[str]:
    """Each cycle of ``graph`` as ``a -> b -> a``, with the file and line of every import in it."""
    described = []
    cycles = []
    for cycle in nx.simple_cycles(graph):
        first = cycle.index(min(cycle))  # each cycle told from its first module by name, for a stable report
        cycles.append(cycle[first:] + cycle[:first])
    for cycle in sorted(cycles, key=lambda c: (len(c), c)):
        steps = list(zip(cycle, cycle[1:] + cycle[:1]))
        chain = " -> ".join([*cycle, cycle[0]])
        where = ", ".join(graph.edges[a, b]["where"] for a, b in steps)
        described.append(f"{chain}  ({where})")
    return described


def test_layout_kgraph_has_no_import_cycle():
    graph = import_graph(ROOT)
    assert graph.number_of_edges() > 100, "the import graph looks empty: is the parser still reading the imports?"
    cycles = describe_cycles(graph)
    assert not cycles, "import cycles in kgraph (every import counts, lazy ones too):\n" + "\n".join(cycles)


def test_layout_import_graph_finds_a_lazy_cycle(tmp_path):
    """The check above can fail: a cycle closed by an import inside a function is reported, with its lines."""
    package = tmp_path / "kgraph"
    (package / "engine").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "engine" / "__init__.py").write_text("")
    (package / "engine" / "run.py").write_text("from kgraph.engine.parallel import fork\n")
    (package / "engine" / "parallel.py").write_text(
        "def fork():\n    from . import run\n    return run\n")
    (package / "types.py").write_text("import kgraph.engine\n")
    cycles = describe_cycles(import_graph(tmp_path))
    assert cycles == [
        "kgraph.engine.parallel -> kgraph.engine.run -> kgraph.engine.parallel"
        "  (kgraph/engine/parallel.py:2, kgraph/engine/run.py:1)"
    ]


def test_layout_every_package_is_installed():
    """Each folder of ``kgraph/`` with an ``__init__.py`` is in pyproject's package list, or a wheel would leave it out."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "kgraph").rglob("__init__.py")}
    assert not on_disk - listed, f"packages missing from [tool.setuptools] packages: {sorted(on_disk - listed)}"


def test_layout_top_level_holds_only_the_shared_base():
    loose = {path.stem for path in (ROOT / "kgraph").glob("*.py")}
    assert loose == TOP_LEVEL, (
        f"modules at the top of kgraph/ other than {sorted(TOP_LEVEL)}: {sorted(loose - TOP_LEVEL)}; "
        "put each in the package of its stage (see 'How it works' in README.md)")


@pytest.mark.parametrize("base", ["kgraph.errors", "kgraph.types", "kgraph._version"])
def test_layout_shared_base_imports_nothing_from_kgraph(base):
    """The shared base sits under every stage, so it may not import any of them."""
    graph = import_graph(ROOT)
    assert list(graph.successors(base)) == []
