"""No function in regions/, ui/ or app_pages/ is longer than 80 lines, unless a comment says why.

A long function does several jobs; the reader of one job should not have to hold the others. Where a
function must be long (a table of cases read top to bottom, say), a comment starting ``# long:`` in its
first lines says why, and this test lets it pass.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 80
FILES = sorted(p for d in ("regions", "ui", "app_pages") for p in (ROOT / d).rglob("*.py"))


def _long_functions(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            length = node.end_lineno - start + 1
            head = "\n".join(lines[node.lineno - 1 : node.lineno + 12])
            if length > LIMIT and "# long:" not in head:
                found.append(f"{node.name} ({length} lines, line {node.lineno})")
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_functions_are_short(path):
    assert not _long_functions(path)


def test_the_check_sees_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(LIMIT))
    f = tmp_path / "long.py"
    f.write_text(f"def f():\n{body}\n")
    assert _long_functions(f) == [f"f ({LIMIT + 1} lines, line 1)"]
    f.write_text(f"def f():\n    # long: a table read top to bottom\n{body}\n")
    assert _long_functions(f) == []
