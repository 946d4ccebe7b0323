"""A variant's weights as a compact JSON-able dict for the browser's inference module.

`ui/components/inference.js` runs the encoders and decoders in the browser, so that a slider
redraws without a server round trip. It reads what `export_variant` writes: each model's
layer list with its arrays as little-endian float32 in base64 (a third larger than the raw
bytes, and JSON-safe, so it can travel in a component's data). `export_size` says how many
bytes that is.

The only function that looks at Keras is `describe_layer`; everything else works on
`LayerSpec`s, so another weight source (NumPy arrays read straight from the .h5) only needs
its own way of making them.

    .venv/bin/python -m models.browser_export     # prints the bytes each variant costs
"""

from __future__ import annotations

import base64
import json
from typing import Any

import keras
import numpy as np

# One layer as the browser runs it: {"kind", ...sizes and activation..., "kernel"/"bias": ndarray}.
LayerSpec = dict[str, Any]


def float32_base64(array: np.ndarray) -> str:
    """The array's numbers as little-endian float32 bytes, base64-encoded (C order)."""
    return base64.b64encode(np.ascontiguousarray(array, dtype="<f4").tobytes()).decode("ascii")


def _activation_name(layer: keras.layers.Layer) -> str:
    return keras.activations.serialize(layer.activation)


def describe_layer(layer: keras.layers.Layer) -> LayerSpec | None:
    """One Keras layer as a LayerSpec; None for an InputLayer. Raises for a layer the browser cannot run."""
    if isinstance(layer, keras.layers.InputLayer):
        return None
    if isinstance(layer, (keras.layers.Flatten, keras.layers.Reshape)):
        return {"kind": "reshape", "target_shape": list(layer.output.shape[1:])}
    if isinstance(layer, keras.layers.Dense):
        kernel, bias = layer.get_weights()
        return {
            "kind": "dense",
            "activation": _activation_name(layer),
            "units": int(layer.units),
            "kernel": kernel,
            "bias": bias,
        }
    if isinstance(layer, keras.layers.Conv2D):
        if layer.padding != "same" or tuple(layer.strides) != (1, 1) or tuple(layer.dilation_rate) != (1, 1):
            raise ValueError(f"{layer.name}: the browser runs only stride-1 'same' convolutions")
        kernel, bias = layer.get_weights()
        return {
            "kind": "conv2d",
            "activation": _activation_name(layer),
            "filters": int(layer.filters),
            "kernel_size": list(layer.kernel_size),
            "kernel": kernel,
            "bias": bias,
        }
    if isinstance(layer, keras.layers.UpSampling2D) and layer.interpolation == "nearest":
        return {"kind": "upsampling2d", "size": list(layer.size)}
    if isinstance(layer, keras.layers.MaxPooling2D) and tuple(layer.strides) == tuple(layer.pool_size):
        if layer.padding != "valid":
            raise ValueError(f"{layer.name}: the browser runs only 'valid' pooling")
        return {"kind": "max_pooling2d", "pool_size": list(layer.pool_size)}
    raise ValueError(f"{layer.name}: the browser cannot run a {type(layer).__name__} layer")


def describe_model(model: keras.Model) -> dict[str, Any]:
    """A Keras model as {input_shape, output_shape, layers: [LayerSpec]} (arrays still NumPy)."""
    layers = [spec for spec in map(describe_layer, model.layers) if spec is not None]
    return {"input_shape": list(model.input_shape[1:]), "output_shape": list(model.output_shape[1:]), "layers": layers}


def _encode_arrays(model: dict[str, Any]) -> dict[str, Any]:
    layers = [
        {name: float32_base64(value) if isinstance(value, np.ndarray) else value for name, value in spec.items()}
        for spec in model["layers"]
    ]
    return {**model, "layers": layers}


def export_variant(key: str, code_shape: tuple[int, ...], encoder: dict[str, Any], decoder: dict[str, Any]) -> dict:
    """The JSON-able dict inference.js's `loadVariant` takes, from two described models."""
    return {
        "key": key,
        "code_shape": list(code_shape),
        "encoder": _encode_arrays(encoder),
        "decoder": _encode_arrays(decoder),
    }


def export_trained(trained) -> dict:
    """`export_variant` for a `models.inference.TrainedVariant` (its Keras encoder and decoder)."""
    return export_variant(
        trained.variant.key,
        trained.variant.code_shape,
        describe_model(trained.models.encoder),
        describe_model(trained.models.decoder),
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
        numbers = sum(w.size for w in trained.models.autoencoder.get_weights())
        print(f"{key:<10} {numbers:>16,} {export_size(export_trained(trained)):>12,}")


if __name__ == "__main__":
    main()
