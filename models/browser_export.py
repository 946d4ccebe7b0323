"""A variant's weights as a compact JSON-able dict for the browser's inference module.

`ui/components/inference.js` runs the encoders and decoders in the browser, so that a slider
redraws without a server round trip. It reads what `export_variant` writes: each model's
layer list with its arrays as little-endian float32 in base64 (a third larger than the raw
bytes, and JSON-safe, so it can travel in a component's data). `export_size` says how many
bytes that is.

The layer lists come from the variant's layer plan (`models.layer_plans`) and the weight
arrays the server already holds, so exporting needs neither Keras nor TensorFlow.

    .venv/bin/python -m models.browser_export     # prints the bytes each variant costs
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from models import layer_plans
from models.layer_plans import IMAGE_SHAPE

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


def _encode_arrays(model: dict[str, Any]) -> dict[str, Any]:
    layers = [
        {name: float32_base64(value) if isinstance(value, np.ndarray) else value for name, value in spec.items()}
        for spec in model["layers"]
    ]
    return {**model, "layers": layers}


def export_variant(
    key: str, code_shape: tuple[int, ...], encoder: dict[str, Any], decoder: dict[str, Any], gaussian: bool = False
) -> dict:
    """The JSON-able dict inference.js's `loadVariant` takes, from two described models. With
    `gaussian` (a VAE) the encoder gives means then log-variances, and the code is the means."""
    return {
        "key": key,
        "code_shape": list(code_shape),
        "gaussian": gaussian,
        "encoder": _encode_arrays(encoder),
        "decoder": _encode_arrays(decoder),
    }


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


def export_size(exported: dict) -> int:
    """Bytes of the export as compact JSON, about what the browser receives."""
    return len(json.dumps(exported, separators=(",", ":")))


def main() -> None:
    from models.inference import load_variant
    from models.registry import VARIANTS

    print(f"{'variant':<10} {'float32 numbers':>16} {'JSON bytes':>12}")
    for key in VARIANTS:
        trained = load_variant(key)
        numbers = sum(array.size for arrays in (*trained.encoder_arrays, *trained.decoder_arrays) for array in arrays)
        print(f"{key:<10} {numbers:>16,} {export_size(export_trained(trained)):>12,}")


if __name__ == "__main__":
    main()
