"""Shipped weights: `<variant>.weights.h5` plus `<variant>.json`, checked by sha256 on load.

The app reads a weight file with h5py into plain arrays (`read_arrays`), checked against the
variant's layer plan, so serving needs no Keras; training saves through Keras
(`save_weights`) and tests may load a file into a Keras model (`load_autoencoder`). Either
way a weight file can only ever fill in numbers, never run code: no model configs, no pickles.
Every way a file can be wrong (missing, truncated, altered, of another shape, a broken JSON
beside it) ends in a one-line `WeightsError`.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import h5py
import numpy as np

from i18n import N_, _
from models import layer_plans
from models.registry import Variant, get_variant

if TYPE_CHECKING:  # Keras only for training and tests; serving never imports it
    from models.architectures import Autoencoder

DEFAULT_WEIGHTS_DIR = Path(__file__).resolve().parent.parent / "weights"
# The app reads its weights from here when set (another run's output, or a test's broken copy).
WEIGHTS_DIR_ENV = "AUTOENCODER_LAB_WEIGHTS"
# Where Keras's saving puts the encoder's and the decoder's layers in an autoencoder's file:
# the autoencoder's own layers are its input, then the two sub-models, named after their class.
H5_PARTS = ("layers/functional/layers", "layers/functional_1/layers")
# What the pages read from the JSON: a file without these is as unusable as a broken one.
REQUIRED_METADATA = ("sha256", "test", "history", "recipe", "epochs_run", "training_seconds", "device")


class WeightsError(RuntimeError):
    """A weight file is missing, corrupt or does not match its metadata.

    `str(error)` is English (logs, the CLI, and whatever caches the message); `error.translated()`
    says it in the reader's language, so the app calls that where it shows the fault. The message is
    kept as a marked template and its details: a variant in the details is named by its title, a
    nested fault is translated too.
    """

    def __init__(self, message: str, **details) -> None:
        self.message, self.details = message, details
        super().__init__(self._text(str, lambda variant: variant.english_title, lambda fault: str(fault)))

    def translated(self) -> str:
        """The fault in the current language (English outside a session)."""
        return self._text(_, lambda variant: variant.title, lambda fault: fault.translated())

    def _text(self, translate, title, nested) -> str:
        if not self.details:  # a message without details (an unpickled copy holds the English only)
            return translate(self.message)

        def fill(value):
            if isinstance(value, Variant):
                return title(value)
            return nested(value) if isinstance(value, WeightsError) else value

        filled = {name: fill(value) for name, value in self.details.items()}
        return translate(self.message).format(**filled)


def serving_weights_dir() -> Path:
    """The folder the app loads from: `$AUTOENCODER_LAB_WEIGHTS` when set, else the shipped weights/."""
    return Path(os.environ.get(WEIGHTS_DIR_ENV) or DEFAULT_WEIGHTS_DIR)


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
        metadata = json.loads(path.read_text())
    except FileNotFoundError:
        raise WeightsError(N_("no metadata for {key}: {file} is missing"), key=repr(key), file=path.name) from None
    except (OSError, ValueError) as error:
        raise WeightsError(
            N_("the metadata {file} cannot be read: {error}"), file=path.name, error=_one_line(error)
        ) from error
    if not isinstance(metadata, dict):
        raise WeightsError(N_("the metadata {file} is not a JSON object"), file=path.name)
    missing = [name for name in REQUIRED_METADATA if name not in metadata]
    if missing:
        raise WeightsError(N_("the metadata {file} lacks {fields}"), file=path.name, fields=", ".join(missing))
    return metadata


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


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


def verified_weights_path(key: str, weights_dir: Path = DEFAULT_WEIGHTS_DIR, verify: bool = True) -> Path:
    """The variant's weight file, once it exists and (with `verify`) matches its metadata's sha256."""
    path = weights_path(key, weights_dir)
    if not path.is_file():
        raise WeightsError(
            N_("no weights at {file}; train them with `python -m training --variant {key}`"), file=path.name, key=key
        )
    if verify:
        expected = read_metadata(key, weights_dir)["sha256"]
        actual = sha256_of(path)
        if expected != actual:
            raise WeightsError(
                N_(
                    "{file} does not match its metadata (sha256 {actual}…, expected {expected}…): "
                    "the file is corrupt or was replaced; restore it or retrain the variant"
                ),
                file=path.name,
                actual=actual[:12],
                expected=str(expected)[:12],
            )
    return path


Arrays = list[list[np.ndarray]]


def read_arrays(key: str, weights_dir: Path = DEFAULT_WEIGHTS_DIR, verify: bool = True) -> tuple[Arrays, Arrays]:
    """[kernel, bias] of each weighted layer of the encoder and of the decoder, as float32 arrays.

    Read with h5py alone and checked against the variant's layer plan: a file of another
    architecture, or one that is not an HDF5 file at all, raises a `WeightsError`.
    """
    variant = get_variant(key)
    path = verified_weights_path(key, weights_dir, verify)
    parts = ((variant.plan.encoder, layer_plans.IMAGE_SHAPE), (variant.plan.decoder, variant.code_shape))
    try:
        with h5py.File(path, "r") as file:
            return tuple(
                _read_part(file, group, layers, input_shape)
                for group, (layers, input_shape) in zip(H5_PARTS, parts, strict=True)
            )
    except WeightsError as error:
        raise WeightsError(
            N_("{file} does not fit the {variant} architecture: {fault}"), file=path.name, variant=variant, fault=error
        ) from None
    except (OSError, KeyError, ValueError, TypeError) as error:
        raise WeightsError(N_("{file} could not be loaded: {error}"), file=path.name, error=_one_line(error)) from error


def _read_part(file: h5py.File, group: str, layers: tuple, input_shape: tuple[int, ...]) -> Arrays:
    if group not in file:
        raise WeightsError(N_("it has no {group}"), group=group)
    stored = file[group]
    weighted = {name for name in stored if len(stored[name].get("vars", {}))}
    keys = layer_plans.weighted_layer_keys(layers)
    if weighted != set(keys):
        raise WeightsError(
            N_("{group} holds weights for {found}, expected {expected}"),
            group=group,
            found=sorted(weighted),
            expected=keys,
        )
    arrays, shape, position = [], input_shape, 0
    for layer in layers:
        if layer_plans.has_weights(layer):
            found = stored[keys[position]]["vars"]
            expected = layer_plans.weight_shapes(layer, shape)
            values = [np.asarray(found[str(index)], dtype=np.float32) for index in range(len(found))]
            if [value.shape for value in values] != expected:
                shapes = [value.shape for value in values]
                raise WeightsError(
                    N_("{layer} has shapes {shapes}, expected {expected}"),
                    layer=f"{group}/{keys[position]}",
                    shapes=shapes,
                    expected=expected,
                )
            if not all(np.isfinite(value).all() for value in values):
                raise WeightsError(N_("{layer} holds values that are not finite"), layer=f"{group}/{keys[position]}")
            arrays.append(values)
            position += 1
        shape = layer_plans.output_shape(layer, shape)
    return arrays


def load_autoencoder(key: str, weights_dir: Path = DEFAULT_WEIGHTS_DIR, verify: bool = True) -> Autoencoder:
    """Build a variant in Keras and fill it with its shipped weights (training and tests only)."""
    variant: Variant = get_variant(key)
    path = verified_weights_path(key, weights_dir, verify)
    model = variant.build()
    try:
        model.autoencoder.load_weights(path)
    except Exception as error:
        raise WeightsError(
            N_("{file} could not be loaded into the {variant} architecture: {error}"),
            file=path.name,
            variant=variant,
            error=error,
        ) from error
    return model
