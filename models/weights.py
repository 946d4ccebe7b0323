"""Shipped weights: `<variant>.weights.h5` plus `<variant>.json`, checked by sha256 on load.

Weights are loaded into architectures built in code (no model configs, no pickles), so a
weight file can only ever fill in numbers, never run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from models.architectures import Autoencoder
from models.registry import Variant, get_variant

DEFAULT_WEIGHTS_DIR = Path(__file__).resolve().parent.parent / "weights"


class WeightsError(RuntimeError):
    """A weight file is missing, corrupt or does not match its metadata."""


def weights_path(key: str, weights_dir: Path = DEFAULT_WEIGHTS_DIR) -> Path:
    return Path(weights_dir) / f"{key}.weights.h5"


def metadata_path(key: str, weights_dir: Path = DEFAULT_WEIGHTS_DIR) -> Path:
    return Path(weights_dir) / f"{key}.json"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_metadata(key: str, weights_dir: Path = DEFAULT_WEIGHTS_DIR) -> dict:
    """The JSON written beside a variant's weights (recipe, history, test metrics, sha256)."""
    path = metadata_path(key, weights_dir)
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        raise WeightsError(f"no metadata for {key!r}: {path} is missing") from None
    except (OSError, ValueError) as error:
        raise WeightsError(f"the metadata {path} cannot be read: {error}") from error


def _atomic_write(target: Path, write) -> None:
    """Write through `write(temporary_path)` and rename, so readers never see half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # Keras insists on the `.weights.h5` ending, so the temporary name keeps it.
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp.weights.h5")
    os.close(handle)
    try:
        write(Path(temporary))
        os.chmod(temporary, 0o644)  # mkstemp makes files private; weights are for every reader
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_weights(model: Autoencoder, key: str, metadata: dict, weights_dir: Path = DEFAULT_WEIGHTS_DIR) -> Path:
    """Write the weights and their metadata (with the weight file's sha256) atomically."""
    target = weights_path(key, weights_dir)
    # Copy into an uncompiled twin first: a compiled model would also save its optimizer's
    # state, tripling the file for numbers the app never uses.
    clean = get_variant(key).build()
    clean.autoencoder.set_weights(model.autoencoder.get_weights())
    _atomic_write(target, lambda path: clean.autoencoder.save_weights(path))
    metadata = {**metadata, "weights_file": target.name, "sha256": sha256_of(target)}
    _atomic_write(metadata_path(key, weights_dir), lambda path: path.write_text(json.dumps(metadata, indent=2) + "\n"))
    return target


def load_autoencoder(key: str, weights_dir: Path = DEFAULT_WEIGHTS_DIR, verify: bool = True) -> Autoencoder:
    """Build a variant and fill it with its shipped weights, checking the file's sha256 first."""
    variant: Variant = get_variant(key)
    path = weights_path(key, weights_dir)
    if not path.is_file():
        raise WeightsError(
            f"no weights for {key!r} at {path}; train them with `python -m models.train --variant {key}`"
        )
    if verify:
        expected = read_metadata(key, weights_dir).get("sha256")
        actual = sha256_of(path)
        if expected != actual:
            raise WeightsError(
                f"{path} does not match its metadata (sha256 {actual[:12]}…, expected {str(expected)[:12]}…): "
                "the file is corrupt or was replaced; restore it or retrain the variant"
            )
    model = variant.build()
    try:
        model.autoencoder.load_weights(path)
    except Exception as error:
        raise WeightsError(f"{path} could not be loaded into the {variant.title} architecture: {error}") from error
    return model
