"""The package's layers (ARCHITECTURE.md): imports only go down, and no module imports one that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "src" / "mcglossary"
# lowest first; publish/ and sparql/ stand side by side and import neither each other nor anything above them
LAYERS = {"adapters": 1, "data": 2, "site": 3, "publish": 4, "sparql": 4, "pipeline": 5, "cli": 6, "mkdocs_plugin": 6}


def modules() -> dict[str, Path]:
    """Dotted name -> file, for every module of the package."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported(path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that `path` imports, anywhere in it."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mcglossary"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                names.add(candidate if candidate in known else node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("mcglossary"))
    return names


def layer(module: str) -> tuple[str, int]:
    parts = module.split(".")
    if len(parts) == 1:
        return "", 0  # the package's face (__version__)
    return parts[1], LAYERS[parts[1]]


def test_every_module_is_in_a_layer():
    for module in modules():
        assert module == "mcglossary" or module.split(".")[1] in LAYERS, f"{module}: in no layer of LAYERS"


def test_imports_only_go_down():
    known = modules()
    wrong = []
    for module, path in known.items():
        folder, rank = layer(module)
        for target in imported(path, known):
            target_folder, target_rank = layer(target)
            if target_folder != folder and target_rank >= rank:
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_no_module_imports_one_that_imports_it():
    known = modules()
    graph = {module: imported(path, known) - {module} for module, path in known.items()}
    circles = []

    def visit(module: str, path: list[str], done: set[str]) -> None:
        for target in sorted(graph.get(module, ())):
            if target in path:
                circles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in done:
                visit(target, [*path, target], done)
        done.add(module)

    finished: set[str] = set()
    for module in sorted(graph):
        if module not in finished:
            visit(module, [module], finished)
    assert circles == []
