"""Is MNIST there for the tests? Say so at once, and how to provide it, before anything long runs.

    python3 scripts/check_mnist.py        # `make test` runs it first; exit status 1 when missing

Standard library only, so it runs before the virtual environment exists. The tests read MNIST
as `digits.data.load_mnist` does: the file named by `MNIST_NPZ` when that is set (no fallback),
otherwise Keras's cached download, otherwise a download by Keras. This looks in the same
places and, when there is no file, asks whether the download address answers, so a machine
without MNIST and without internet is told in the first lines instead of after many failed tests.
`tests/conftest.py` runs the same check when a pytest run selects tests that need MNIST (before
starting pytest-xdist's workers, for any run).
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

MNIST_ENV = "MNIST_NPZ"  # as in digits/data.py
# Where keras.datasets.mnist.load_data() downloads from (keras/src/datasets/mnist.py).
KERAS_MNIST_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
ARRAYS = {"x_train.npy", "y_train.npy", "x_test.npy", "y_test.npy"}
HOW_TO_PROVIDE = (
    "The tests need MNIST. Provide it in one of two ways, then run the tests again:\n"
    f"  {MNIST_ENV}=/path/to/mnist.npz make test    (a file in keras.datasets.mnist's layout:\n"
    "      x_train, y_train, x_test, y_test)\n"
    f"  or, on a machine with internet, leave {MNIST_ENV} unset: Keras downloads MNIST once into\n"
    "      $KERAS_HOME/datasets (default ~/.keras/datasets)."
)


def keras_cache_file(environ: dict[str, str]) -> Path:
    """Where keras.datasets.mnist keeps its download (keras/src/backend/config.py's rules)."""
    if "KERAS_HOME" in environ:
        home = Path(environ["KERAS_HOME"])
    else:
        base = Path.home() if os.access(Path.home(), os.W_OK) else Path("/tmp")
        home = base / ".keras"
    return home.expanduser() / "datasets" / "mnist.npz"


def npz_problem(path: Path) -> str | None:
    """Why `path` is not a usable MNIST file, or None."""
    if not path.is_file():
        return "no such file"
    try:
        with zipfile.ZipFile(path) as archive:
            missing = ARRAYS - set(archive.namelist())
    except (OSError, zipfile.BadZipFile) as error:
        return f"not a readable .npz file ({error.__class__.__name__})"
    return f"it lacks {', '.join(sorted(missing))}" if missing else None


def download_answers(url: str = KERAS_MNIST_URL, timeout: float = 10.0) -> bool:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout) as answer:
            return answer.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def mnist_problem(environ: dict[str, str] | None = None) -> tuple[str | None, str]:
    """(None, where MNIST will come from) when the tests can have it, else (what is wrong, "")."""
    environ = dict(os.environ if environ is None else environ)
    named = environ.get(MNIST_ENV)
    if named:
        problem = npz_problem(Path(named))
        return (f"{MNIST_ENV}={named}: {problem}", "") if problem else (None, f"{MNIST_ENV}={named}")
    cached = keras_cache_file(environ)
    if npz_problem(cached) is None:
        return None, f"Keras's cached download at {cached}"
    if download_answers():
        return None, f"a Keras download from {KERAS_MNIST_URL} (it answers)"
    return (f"{MNIST_ENV} is not set, there is no Keras cache at {cached}, and {KERAS_MNIST_URL} does not answer"), ""


def missing_message(problem: str) -> str:
    return f"MNIST is missing: {problem}.\n{HOW_TO_PROVIDE}"


def main() -> int:
    problem, source = mnist_problem()
    if problem:
        print(missing_message(problem), file=sys.stderr)
        return 1
    print(f"MNIST for the tests: {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
