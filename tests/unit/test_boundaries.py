"""The house's rules, checked: which package may import which, and the pure library stays light.

Data flows one way. `digits` (where digits come from) is at the bottom; `models` (what a
trained model is) builds on it; `jobs` (the one training job) on both; `training` (Keras)
on all three; `lesson` (the lesson as data) and `rooms` (state sessions share) stand alone;
`serve` (the launcher, its HTTP routes and the warm-up at start) sits on top, beside the pages;
`ui` on `models`, `digits`, `jobs`, `lesson` and `rooms`, never `training` (the server imports no
TensorFlow); the pages on `ui`. Inside `ui`, `ui.state` is below `ui.components`, which is
below the rest. `harness` (the browser harness) may use the app; nothing outside `tests/`
imports from `tests/`.
"""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = {
    "app",
    "benchmarks",
    "digits",
    "harness",
    "jobs",
    "lesson",
    "models",
    "pages",
    "rooms",
    "scripts",
    "serve",
    "tests",
    "training",
    "ui",
}
# Package (or sub-package) -> the project's packages its modules may import, itself included.
ALLOWED = {
    "digits": {"digits"},
    "models": {"models", "digits"},
    "jobs": {"jobs", "models", "digits"},
    "training": {"training", "jobs", "models", "digits"},
    "serve": {"serve", "ui", "jobs", "models", "digits", "lesson", "rooms"},
    "lesson": {"lesson"},
    "rooms": {"rooms"},
    "ui.state": {"ui.state", "models", "digits"},
    "ui.components": {"ui.components", "ui.state", "models", "digits"},
    "ui.train": {"ui.train", "ui.pictures", "ui.state", "jobs", "models", "digits"},
    "ui": {"ui", "jobs", "models", "digits", "lesson", "rooms"},
    "pages": {"ui", "jobs", "models", "digits"},
    "app": {"ui", "jobs", "models", "digits"},
    "harness": PROJECT - {"tests", "benchmarks", "scripts"},
}
NO_STREAMLIT = ("digits", "models", "jobs", "training", "lesson", "rooms")
MAX_MODULES = 12


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, as dotted names (`from ui import loaders` gives ui.loaders)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def rule_for(module: str) -> str | None:
    """The most specific entry of ALLOWED that `module` belongs to."""
    matches = [package for package in ALLOWED if module == package or module.startswith(package + ".")]
    return max(matches, key=len) if matches else None


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def python_files() -> list[Path]:
    skip = {".venv", ".git", "node_modules"}
    return [p for p in ROOT.rglob("*.py") if not skip & set(p.relative_to(ROOT).parts)]


def test_every_module_imports_only_the_packages_below_it():
    offences = []
    for path in python_files():
        module = module_name(path)
        rule = rule_for(module)
        if rule is None:
            continue
        for name in imported_modules(path):
            if name.split(".")[0] not in PROJECT:
                continue  # a library
            if not any(within(name, allowed) for allowed in ALLOWED[rule]):
                offences.append(f"{module} imports {name}")
    assert offences == []


def test_nothing_outside_tests_imports_from_tests():
    offenders = [
        module_name(p)
        for p in python_files()
        if p.relative_to(ROOT).parts[0] != "tests" and any(n.split(".")[0] == "tests" for n in imported_modules(p))
    ]
    assert offenders == []


@pytest.mark.parametrize("package", NO_STREAMLIT)
def test_the_library_packages_never_import_streamlit(package):
    offenders = [
        p.name for p in (ROOT / package).glob("*.py") if any(n.startswith("streamlit") for n in imported_modules(p))
    ]
    assert offenders == []


def test_no_package_folder_holds_more_than_a_dozen_modules():
    folders = {p.parent for p in python_files() if (p.parent / "__init__.py").exists()}
    crowded = {
        str(folder.relative_to(ROOT)): count
        for folder in folders
        if (count := len([p for p in folder.glob("*.py") if p.stem not in {"__init__", "__main__"}])) > MAX_MODULES
        and folder.relative_to(ROOT).parts[0] != "tests"
    }
    assert crowded == {}


def test_every_package_says_what_lives_there():
    for init in ROOT.glob("*/**/__init__.py"):
        if {".venv", "tests"} & set(init.relative_to(ROOT).parts):
            continue
        docstring = ast.get_docstring(ast.parse(init.read_text()))
        assert docstring and len(docstring) > 60, f"{init.relative_to(ROOT)} needs a docstring"


def test_importing_the_whole_library_loads_no_streamlit():
    modules = ", ".join(
        module_name(p) for package in NO_STREAMLIT for p in (ROOT / package).glob("*.py") if p.stem != "__main__"
    )
    code = f"import sys, {modules}; print('streamlit' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip().endswith("False")


# What the app's server imports from the library; `training` and models.architectures are for
# training and may import Keras.
SERVING_MODULES = [
    "digits.data",
    "digits.digit_code",
    "digits.noise",
    "digits.preprocess",
    "digits.strokes",
    "digits.uploads",
    "jobs.runs",
    "jobs.training_job",
    "models.analysis",
    "models.architecture_source",
    "models.browser_export",
    "models.evaluation",
    "models.inference",
    "models.layer_plans",
    "models.metrics",
    "models.numpy_models",
    "models.registry",
    "models.weights",
]


def test_the_serving_modules_import_no_tensorflow_or_keras():
    code = f"import sys, {', '.join(SERVING_MODULES)}; print(sorted({{'tensorflow', 'keras'}} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


def test_training_without_tensorflow_says_it_is_not_available():
    """As in the slim image: `python -m training` explains itself instead of a traceback."""
    code = "import sys, runpy; sys.modules['keras'] = None; runpy.run_module('training', run_name='__main__')"
    result = subprocess.run(
        [sys.executable, "-c", code, "--variant", "dense"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Training is not available here: keras is not installed")
    assert "Traceback" not in result.stderr


def test_the_image_copies_every_package_the_server_imports():
    """The Dockerfile names each folder it copies: a package added to the app must be added there."""
    copied = set(re.findall(r"^COPY (\w+)/ /app/", (ROOT / "Dockerfile").read_text(), flags=re.MULTILINE))
    serving = PROJECT - {"app", "tests", "harness", "benchmarks", "scripts"}
    assert serving <= copied, f"not copied into the image: {sorted(serving - copied)}"
