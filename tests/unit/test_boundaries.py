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


# What the app's pages and ui/ import from models/; the rest (train, checkpoints, architectures,
# noise_layer) is for training and may import Keras.
SERVING_MODULES = [
    "analysis",
    "architecture_source",
    "data",
    "evaluation",
    "inference",
    "layer_plans",
    "metrics",
    "noise",
    "numpy_models",
    "preprocess",
    "registry",
    "weights",
]


def test_the_serving_modules_import_no_tensorflow_or_keras():
    modules = ", ".join(f"models.{name}" for name in SERVING_MODULES)
    code = f"import sys, {modules}; print(sorted({{'tensorflow', 'keras'}} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=MODELS.parent, check=True)
    assert result.stdout.strip() == "[]"


def test_training_without_tensorflow_says_it_is_not_available():
    """As in the slim image: `python -m models.train` explains itself instead of a traceback."""
    code = "import sys, runpy; sys.modules['keras'] = None; runpy.run_module('models.train', run_name='__main__')"
    result = subprocess.run(
        [sys.executable, "-c", code, "--variant", "dense"], capture_output=True, text=True, cwd=MODELS.parent
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Training is not available here: keras is not installed")
    assert "Traceback" not in result.stderr
