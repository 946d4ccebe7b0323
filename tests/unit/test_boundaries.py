"""models/ is the pure library: it never imports Streamlit."""

import ast
import subprocess
import sys
from pathlib import Path

MODELS = Path(__file__).resolve().parents[2] / "models"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_module_in_models_imports_streamlit():
    offenders = [p.name for p in MODELS.glob("*.py") if "streamlit" in imported_modules(p)]
    assert offenders == []


def test_importing_the_whole_library_loads_no_streamlit():
    modules = ", ".join(f"models.{p.stem}" for p in MODELS.glob("*.py") if p.stem != "__init__")
    code = f"import sys, {modules}; print('streamlit' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=MODELS.parent, check=True)
    assert result.stdout.strip().endswith("False")
