"""The wings of ``regions/`` import only downward: no circle, no arrow from a lower wing to a higher one.

Every import counts, the ones inside functions too: a function-local import is how an upward arrow hides.
The order is the one the README's layout section gives; a module directly in ``regions/`` (the command line)
sits above every wing.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "regions"
# Lowest first. A wing may import itself and any wing before it in this list.
WINGS = ["base", "geo", "stats", "policy", "uploads", "present", "exports", "pages", "build"]
TOP = len(WINGS)  # regions/cli.py, regions/__main__.py


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _rank(module: str) -> int | None:
    """The wing rank of a ``regions`` module, ``TOP`` for the package's top level, ``None`` if not ours."""
    parts = module.split(".")
    if parts[0] != "regions":
        return None
    if len(parts) == 1:
        return TOP
    if parts[1] in WINGS:
        return WINGS.index(parts[1])
    return TOP


def _imported(path: Path) -> set[str]:
    """The ``regions`` modules a file imports (``from regions.geo import registry`` -> ``regions.geo.registry``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("regions"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("regions"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                sub = ROOT / Path(*candidate.split("."))
                found.add(candidate if sub.with_suffix(".py").exists() or sub.is_dir() else node.module)
    return found


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: {m for m in _imported(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def test_every_module_lives_in_a_wing():
    # A new module directly in regions/ would sit outside the order; only the command line lives there.
    loose = sorted(n for n in MODULES if n.count(".") == 1 and n.split(".")[1] not in WINGS)
    assert loose == ["regions.__main__", "regions.cli"]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_run_downward(name):
    own = _rank(name)
    upward = sorted(m for m in GRAPH[name] if _rank(m) > own)
    assert not upward, f"{name} (wing {own}) imports higher wings: {upward}"


def test_no_import_circle():
    # Depth-first search for a back edge over all modules (wing-internal imports included).
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == 1:
                cycles.append(trail[trail.index(nxt) :] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for start in sorted(GRAPH):
        if start not in state:
            visit(start, [start])
    assert not cycles, "import circles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_the_checker_sees_an_upward_import(tmp_path):
    # The check itself must be able to fail: an upward import written into a fake base module is found.
    fake = tmp_path / "fake.py"
    fake.write_text("def f():\n    from regions.present import labels\n")
    ups = [m for m in _imported(fake) if _rank(m) > WINGS.index("base")]
    assert ups == ["regions.present.labels"]
