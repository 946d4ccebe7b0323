"""The serving process: every page runs without TensorFlow or Keras, and survives broken weights.

Each test runs all pages through AppTest in a fresh Python process (tests/app/visit_pages.py),
so that the modules it reports loaded are the app's alone.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from models.weights import DEFAULT_WEIGHTS_DIR, WEIGHTS_DIR_ENV
from ui.page_table import GENERATE, HOME, MODELS, RECONSTRUCT

ROOT = Path(__file__).resolve().parents[2]


def visit_every_page(**environment) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "tests.app.visit_pages"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, **environment},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def healthy() -> dict:
    return visit_every_page()


def test_no_page_imports_tensorflow_or_keras(healthy):
    assert healthy.pop("modules") == {"tensorflow": False, "keras": False, "h5py": True, "numpy": True}
    for page, shown in healthy.items():
        assert not shown["exceptions"] and not shown["errors"] and not shown["warnings"], (page, shown)


def test_models_page_shows_every_variant_without_keras(healthy):
    assert len(healthy[MODELS.file]["tabs"]) == 5


def test_broken_weights_leave_one_line_on_every_page_and_the_rest_working(tmp_path, healthy):
    shutil.copytree(DEFAULT_WEIGHTS_DIR, tmp_path, dirs_exist_ok=True)
    weights = tmp_path / "conv.weights.h5"
    content = bytearray(weights.read_bytes())
    content[len(content) // 2] ^= 0xFF
    weights.write_bytes(bytes(content))
    (tmp_path / "sparse.json").write_text("{ not JSON")
    (tmp_path / "vae2.json").write_text("{ not JSON")

    broken = visit_every_page(**{WEIGHTS_DIR_ENV: str(tmp_path)})
    assert broken.pop("modules")["tensorflow"] is False
    for page, shown in broken.items():
        assert not shown["exceptions"] and not shown["errors"], (page, shown)
        if page == "pages/train.py":  # it trains new weights and shows none of the shipped ones
            continue
        if page == GENERATE.file:  # it shows the 2-number pair, not the five: one line for the VAE
            (warning,) = shown["warnings"]
            assert warning.startswith("**2-number VAE** is unavailable: the metadata vae2.json cannot be read")
            continue
        warnings = sorted(shown["warnings"])
        assert len(warnings) == 2, (page, warnings)
        assert warnings[0].startswith("**Deep convolutional** is unavailable: conv.weights.h5 does not match")
        assert warnings[1].startswith("**Sparse** is unavailable: the metadata sparse.json cannot be read")
        assert all("\n" not in warning for warning in warnings)
    # The other three variants keep drawing: Reconstruct shows four pictures a variant (the input for
    # phones among them), less two variants.
    assert broken[RECONSTRUCT.file]["images"] == healthy[RECONSTRUCT.file]["images"] - 2 * 4
    assert broken[HOME.file]["images"] == healthy[HOME.file]["images"] - 2
    assert len(broken[MODELS.file]["tabs"]) == 5
