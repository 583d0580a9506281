"""The package's layout: imports run only down the data's way, and files stay readable."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "reportlib"
# read ← measure ← text ← report ← study ← cli; the shared modules at the top sit below them all.
LAYERS = {"paths": 0, "records": 0, "io": 0, "lexicon": 0, "schema": 0, "parallel": 0,
          "read": 1, "measure": 2, "text": 3, "report": 4, "study": 5, "cli": 6}
MAX_FILE_LINES = 600


def _layer(module: str) -> int | None:
    """Layer of ``reportlib.<part>…``; None for the package root (``__version__``)."""
    parts = module.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 and parts[0] == "reportlib" else None


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every reportlib import in a file, including those inside functions."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] if node.module != "reportlib" else [f"reportlib.{a.name}" for a in node.names]
            found += [(node.lineno, n) for n in names if n.startswith("reportlib")]
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append((node.lineno, "relative"))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("reportlib")]
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE or p.stem not in ("__init__", "__main__"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_down_the_data_way(path: Path) -> None:
    rel = path.relative_to(PACKAGE)
    own = LAYERS[rel.parts[0] if len(rel.parts) > 1 else rel.stem]
    upward = [(line, mod) for line, mod in _imports(path)
              if mod == "relative" or (_layer(mod) is not None and _layer(mod) > own)]
    assert not upward, f"{rel} imports a later stage (or relatively): {upward}"


def test_no_library_module_imports_the_command_line() -> None:
    offenders = [str(p.relative_to(PACKAGE)) for p in MODULES
                 if "cli" not in p.relative_to(PACKAGE).parts
                 and any(m.startswith("reportlib.cli") for _, m in _imports(p))]
    assert offenders == []


def test_every_stage_folder_says_what_comes_in_and_goes_out() -> None:
    for stage in ("read", "measure", "text", "report", "study", "cli"):
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc) > 80, f"reportlib/{stage}/__init__.py needs a paragraph saying what it does"


MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 80


def test_files_and_functions_stay_short_unless_they_say_why() -> None:
    """No module over 600 lines, no function over 80, without a ``# long:`` comment saying why."""
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        if len(lines) > MAX_FILE_LINES and "# long:" not in text:
            too_long.append(f"{path.relative_to(PACKAGE)} ({len(lines)} lines)")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES and "# long:" not in "\n".join(lines[node.lineno - 1:node.end_lineno]):
                    too_long.append(f"{path.relative_to(PACKAGE)}:{node.name} ({length} lines)")
    assert too_long == [], "split these or say why with a '# long:' comment: " + ", ".join(too_long)
