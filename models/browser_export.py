"""A variant's weights as one binary file for the browser's inference module.

`ui/components/inference.js` runs the encoders and decoders in the browser, so that a slider
redraws without a server round trip. It reads the file `weight_file` writes:

    bytes 0-3   b"AEW1"
    bytes 4-7   the header's length H, little-endian uint32
    H bytes     a JSON header (UTF-8, padded with spaces to a multiple of 4 bytes in all):
                {key, code_shape, gaussian, float32_count, encoder: {input_shape,
                output_shape, layers}, decoder: {...}}; a layer's "kernel" and "bias" are
                {"dtype", "offset", "length"}: which section holds its numbers, where they
                start in it, and how many
    float32     the small arrays' numbers (`SMALL_ARRAY`), little-endian, float32_count of them
    float16     the large arrays' numbers, little-endian float16

Float16 halves float32's bytes for the arrays that hold nearly all the numbers (the five
variants: 1.13 MB instead of 2.2 MB raw, and 3.0 MB as the base64 JSON sent before), and every
decoded picture stays within 2/255 of float32's (`tests/unit/test_browser_export.py`;
`python -m models.browser_export` prints the bytes, the largest picture difference and the BCE
before and after, per variant). The browser widens the numbers to float32 once, on load.
`as_received` rounds an array as the browser will see it, so that NumPy and Keras can be held
to exactly the weights the browser runs.

The layer lists come from the variant's layer plan (`models.layer_plans`) and the weight
arrays the server already holds, so exporting needs neither Keras nor TensorFlow. The file is
served under a name made from its content's hash (`weight_file_name`), so a browser may keep
it for good: new weights make a new name. `publish` and `find` keep the files this server
process serves (serve/weight_route.py answers `/api/weights/<name>` with them).

    .venv/bin/python -m models.browser_export
"""

from __future__ import annotations

import base64
import dataclasses
import gzip
import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from models import inference, layer_plans
from models.layer_plans import IMAGE_SHAPE
from models.registry import ALL_VARIANTS
from models.weights import WeightsError

# One layer as the browser runs it: {"kind", ...sizes and activation..., "kernel"/"bias": ndarray}.
LayerSpec = dict[str, Any]


def float32_base64(array: np.ndarray) -> str:
    """The array's numbers as little-endian float32 bytes, base64-encoded (C order)."""
    return base64.b64encode(np.ascontiguousarray(array, dtype="<f4").tobytes()).decode("ascii")


def _next_arrays(weights: Iterator[list]) -> list:
    arrays = next(weights, None)
    if arrays is None:
        raise ValueError("fewer weight arrays than the plan's weighted layers")
    return arrays


def describe_layer(layer: layer_plans.Layer, shape: tuple[int, ...], weights: Iterator[list]) -> LayerSpec:
    """One planned layer (after an input of `shape`) as a LayerSpec; weighted layers take the next arrays."""
    if isinstance(layer, layer_plans.Flatten | layer_plans.Reshape):
        return {"kind": "reshape", "target_shape": list(layer_plans.output_shape(layer, shape))}
    if isinstance(layer, layer_plans.Dense):
        kernel, bias = _next_arrays(weights)
        return {"kind": "dense", "activation": layer.activation, "units": layer.units, "kernel": kernel, "bias": bias}
    if isinstance(layer, layer_plans.Conv2D):
        kernel, bias = _next_arrays(weights)
        return {
            "kind": "conv2d",
            "activation": layer.activation,
            "filters": layer.filters,
            "kernel_size": [layer.kernel, layer.kernel],
            "kernel": kernel,
            "bias": bias,
        }
    if isinstance(layer, layer_plans.UpSampling2D):
        return {"kind": "upsampling2d", "size": [layer.size, layer.size]}
    if isinstance(layer, layer_plans.MaxPooling2D):
        return {"kind": "max_pooling2d", "pool_size": [layer.size, layer.size]}
    raise ValueError(f"the browser cannot run a {type(layer).__name__} layer")


def describe_model(
    layers: Sequence[layer_plans.Layer], arrays: Sequence[list], input_shape: tuple[int, ...]
) -> dict[str, Any]:
    """A planned model and its [kernel, bias] arrays as {input_shape, output_shape, layers} (arrays still NumPy)."""
    weights = iter(arrays)
    specs, shape = [], tuple(input_shape)
    for layer in layers:
        specs.append(describe_layer(layer, shape, weights))
        shape = layer_plans.output_shape(layer, shape)
    if next(weights, None) is not None:
        raise ValueError("more weight arrays than the plan's weighted layers")
    return {"input_shape": list(input_shape), "output_shape": list(shape), "layers": specs}


def export_variant(
    key: str, code_shape: tuple[int, ...], encoder: dict[str, Any], decoder: dict[str, Any], gaussian: bool = False
) -> dict:
    """The description inference.js's `loadVariant` takes, arrays still NumPy. With `gaussian`
    (a VAE) the encoder gives means then log-variances, and the code is the means."""
    return {"key": key, "code_shape": list(code_shape), "gaussian": gaussian, "encoder": encoder, "decoder": decoder}


def export_trained(trained) -> dict:
    """`export_variant` for a `models.inference.TrainedVariant` (its plan and weight arrays)."""
    plan = trained.variant.plan
    return export_variant(
        trained.variant.key,
        plan.code_shape,
        describe_model(plan.encoder, trained.encoder_arrays, IMAGE_SHAPE),
        describe_model(plan.decoder, trained.decoder_arrays, plan.code_shape),
        gaussian=plan.gaussian,
    )


MAGIC = b"AEW1"
ARRAY_FIELDS = ("kernel", "bias")
# Arrays under this many numbers travel as float32: biases and the narrow layers next to a code,
# where each number weighs most (rounding the sparse model's 32x16 kernel alone moved its pictures
# by 1.3/255) and which cost little (all of them together: 2% of the numbers).
SMALL_ARRAY = 4096
WIRE_TYPES = {"float32": np.dtype("<f4"), "float16": np.dtype("<f2")}


def wire_type(array: np.ndarray) -> str:
    """The type an array travels in: float32 if it is small, float16 otherwise."""
    return "float32" if np.size(array) < SMALL_ARRAY else "float16"


def as_received(array: np.ndarray) -> np.ndarray:
    """The array as the browser gets it (rounded to its wire type), as float32."""
    array = np.asarray(array, dtype=np.float32)
    return array.astype(WIRE_TYPES[wire_type(array)]).astype(np.float32)


def weight_file(exported: dict) -> bytes:
    """The binary file (see the module's docstring) for an `export_trained` description."""
    sections: dict[str, list[np.ndarray]] = {"float32": [], "float16": []}
    counts = dict.fromkeys(sections, 0)

    def place(array: np.ndarray) -> dict[str, Any]:
        dtype = wire_type(array)
        with np.errstate(over="ignore"):  # a number float16 cannot hold is refused just below
            numbers = np.ascontiguousarray(array, dtype=np.float32).astype(WIRE_TYPES[dtype]).ravel()
        if not np.isfinite(numbers).all():
            raise ValueError("a weight does not fit float16 (or is not a number)")
        sections[dtype].append(numbers)
        reference = {"dtype": dtype, "offset": counts[dtype], "length": int(numbers.size)}
        counts[dtype] += int(numbers.size)
        return reference

    def model_header(model: dict[str, Any]) -> dict[str, Any]:
        layers = [
            {name: place(value) if name in ARRAY_FIELDS else value for name, value in spec.items()}
            for spec in model["layers"]
        ]
        return {**model, "layers": layers}

    header = {**exported, "encoder": model_header(exported["encoder"]), "decoder": model_header(exported["decoder"])}
    header["float32_count"] = counts["float32"]  # the float16 section starts after these
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-(len(MAGIC) + 4 + len(text)) % 4)  # the float32 section starts on a 4-byte boundary
    body = b"".join(numbers.tobytes() for dtype in sections for numbers in sections[dtype])
    return MAGIC + len(text).to_bytes(4, "little") + text + body


def read_weight_file(content: bytes) -> dict:
    """The description `weight_file` packed, its arrays widened to float32 as the browser does.
    The Python twin of inference.js's `readWeightFile`, for tests and tools."""
    if content[:4] != MAGIC:
        raise ValueError("not an Autoencoder Lab weight file")
    length = int.from_bytes(content[4:8], "little")
    header = json.loads(content[8 : 8 + length])
    start = 8 + length
    float32s = np.frombuffer(content, dtype=WIRE_TYPES["float32"], count=header["float32_count"], offset=start)
    float16s = np.frombuffer(content, dtype=WIRE_TYPES["float16"], offset=start + 4 * header["float32_count"])
    section = {"float32": float32s, "float16": float16s.astype(np.float32)}

    def array(place: dict[str, Any]) -> np.ndarray:
        return section[place["dtype"]][place["offset"] : place["offset"] + place["length"]]

    def arrays(model: dict[str, Any]) -> dict[str, Any]:
        layers = [
            {name: array(value) if name in ARRAY_FIELDS else value for name, value in spec.items()}
            for spec in model["layers"]
        ]
        return {**model, "layers": layers}

    return {**header, "encoder": arrays(header["encoder"]), "decoder": arrays(header["decoder"])}


def weight_file_name(key: str, content: bytes) -> str:
    """`{key}-{first 16 hex digits of the content's SHA-256}.bin`: new weights, new name."""
    return f"{key}-{hashlib.sha256(content).hexdigest()[:16]}.bin"


# The files this process serves, by name -------------------------------------------------------
# A page names a variant's weights by its file's name; the browser fetches `url(name)`
# (serve/weight_route.py) and may keep it for good, since other weights get another name.
# `publish` makes a file and keeps it here; `find` answers the route. A name this process has not
# published yet (a server restarted under a page, another replica behind the load balancer) is
# made again from the shipped weights when its key names one and the hash matches.

# Where the server answers with a file (serve/weight_route.py), and so where the browser asks.
URL_PATH = "/api/weights"
# Shipped variants and the runs a session tries: each file is 0.1–0.5 MB.
MAX_FILES = 32
NAME = re.compile(r"(?P<key>[a-z0-9]{1,16})-[0-9a-f]{16}\.bin")

_files: OrderedDict[str, bytes] = OrderedDict()
_shipped_names: dict[str, str] = {}  # key -> the name of its shipped weights' file, made once
_lock = threading.Lock()


def publish(trained: inference.TrainedVariant) -> str:
    """Make the variant's weight file, keep it for the route, and return its name."""
    content = weight_file(export_trained(trained))
    name = weight_file_name(trained.variant.key, content)
    with _lock:
        _files[name] = content
        _files.move_to_end(name)
        while len(_files) > MAX_FILES:
            _files.popitem(last=False)
    return name


def url(name: str) -> str:
    """The address a page gives the browser for the file called `name`."""
    return f"{URL_PATH}/{name}"


def find(name: str) -> bytes | None:
    """The file called `name`, or None when there is no such file."""
    with _lock:
        content = _files.get(name)
    if content is not None:
        return content
    match = NAME.fullmatch(name)
    if match is None or match["key"] not in ALL_VARIANTS:
        return None
    key = match["key"]
    if key not in _shipped_names:  # once per key: a made-up hash must not make the server read h5 files
        try:
            _shipped_names[key] = publish(inference.load_variant(key))
        except WeightsError:
            return None
    if _shipped_names[key] != name:
        return None  # the name of weights this server does not have (older or a tried run's)
    with _lock:
        content = _files.get(name)
    return content if content is not None else weight_file(export_trained(inference.load_variant(key)))


def received_variant(trained):
    """A `TrainedVariant` whose arrays are `as_received`: what the browser runs, in NumPy."""

    def rounded(arrays):
        return [[as_received(array) for array in pair] for pair in arrays]

    return dataclasses.replace(
        trained, encoder_arrays=rounded(trained.encoder_arrays), decoder_arrays=rounded(trained.decoder_arrays)
    )


def main() -> None:
    from digits.data import load_test_digits
    from models.metrics import binary_cross_entropy
    from models.registry import PLANE_VARIANTS, VARIANTS

    images = load_test_digits()[0][:1000]
    print(
        f"{'variant':<8} {'numbers':>8} {'file bytes':>11} {'gzipped':>9} {'largest change':>15}"
        f" {'BCE float32':>12} {'received':>9}"
    )
    for key in (*VARIANTS, *PLANE_VARIANTS):
        trained = inference.load_variant(key)
        content = weight_file(export_trained(trained))
        numbers = sum(array.size for arrays in (*trained.encoder_arrays, *trained.decoder_arrays) for array in arrays)
        before, after = inference.reconstruct(trained, images), inference.reconstruct(received_variant(trained), images)
        change = float(np.abs(before - after).max()) * 255
        print(
            f"{key:<8} {numbers:>8,} {len(content):>11,} {len(gzip.compress(content)):>9,} {change:>11.2f}/255"
            f" {binary_cross_entropy(images, before).mean():>12.5f} {binary_cross_entropy(images, after).mean():>9.5f}"
        )


if __name__ == "__main__":
    main()
