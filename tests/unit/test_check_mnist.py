"""Without MNIST, `make test` and pytest say so once, first, with how to provide it, and stop."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from harness.server import ROOT
from scripts.check_mnist import MNIST_ENV, mnist_problem, npz_problem


@pytest.fixture
def no_mnist_env(tmp_path) -> dict[str, str]:
    """This process's environment with MNIST_NPZ naming a missing file and an empty Keras home."""
    return {**os.environ, MNIST_ENV: str(tmp_path / "missing.npz"), "KERAS_HOME": str(tmp_path / "keras")}


def test_a_missing_file_is_named(tmp_path):
    problem, _ = mnist_problem({MNIST_ENV: str(tmp_path / "nowhere.npz")})
    assert problem == f"{MNIST_ENV}={tmp_path / 'nowhere.npz'}: no such file"


def test_files_that_are_not_mnist_are_refused(tmp_path):
    text = tmp_path / "notes.npz"
    text.write_text("not an archive")
    partial = tmp_path / "partial.npz"
    np.savez(partial, x_train=np.zeros((1, 28, 28), np.uint8))
    assert "not a readable .npz" in npz_problem(text)
    assert npz_problem(partial) == "it lacks x_test.npy, y_test.npy, y_train.npy"


def test_a_keras_cache_is_found_without_asking_the_network(tmp_path, synthetic_mnist_npz):
    cache = tmp_path / "keras" / "datasets"
    cache.mkdir(parents=True)
    shutil.copy(synthetic_mnist_npz, cache / "mnist.npz")
    problem, source = mnist_problem({"KERAS_HOME": str(tmp_path / "keras")})
    assert problem is None and str(cache / "mnist.npz") in source


def test_the_check_script_says_what_is_missing_and_how_to_provide_it(no_mnist_env):
    run = subprocess.run(
        [sys.executable, "scripts/check_mnist.py"], cwd=ROOT, env=no_mnist_env, capture_output=True, text=True
    )
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert lines[0].startswith(f"MNIST is missing: {MNIST_ENV}=") and "no such file" in lines[0]
    assert f"{MNIST_ENV}=/path/to/mnist.npz make test" in run.stderr
    assert "Traceback" not in run.stderr


def test_make_test_checks_mnist_before_anything_else(no_mnist_env):
    # Run as a top-level make, even when this test itself runs under `make test`: a nested make
    # would first print "Entering directory".
    env = {name: value for name, value in no_mnist_env.items() if name not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    dry_run = subprocess.run(["make", "-n", "test"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert "scripts/check_mnist.py" in dry_run.stdout.splitlines()[0]


def test_pytest_stops_before_the_first_test_with_one_message(no_mnist_env):
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/unit/test_data.py", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=no_mnist_env,
        capture_output=True,
        text=True,
    )
    output = run.stdout + run.stderr
    assert run.returncode == pytest.ExitCode.USAGE_ERROR, output
    assert output.count("MNIST is missing") == 1
    assert "passed" not in output and "failed" not in output and "Traceback" not in output


def test_pytest_runs_tests_that_need_no_mnist(no_mnist_env):
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/unit/test_check_mnist.py", "--collect-only", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=no_mnist_env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "MNIST is missing" not in run.stdout + run.stderr
