"""The autoencoders as plain NumPy functions: how the app runs every encoder and decoder.

A model is a layer plan (`models.layer_plans`) plus the weight arrays read from its h5 file;
no TensorFlow or Keras is involved, so the server starts in a second and stays small. A
slider decodes one code at a time, where the fixed cost of each call matters more than
throughput, so the layers run as NumPy matrix products working in place wherever they can
(an allocation or an extra NumPy call costs about a microsecond, and a dense decoder makes
only a dozen of them). Large batches run in chunks, so that a convolution's patch matrix
never takes more than a few megabytes.

Supported layers: Flatten, Dense, Reshape, Conv2D ("same" padding, stride 1), 2x2 (or any
square) max pooling and nearest-neighbour upsampling, which is folded into the convolution
after it. Results equal the Keras models' to within float32 rounding (the parity tests hold
them to 1e-5).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from models import layer_plans as plans

BatchFunction = Callable[[np.ndarray], np.ndarray]
InPlace = Callable[[np.ndarray], np.ndarray]

# Images per chunk of a large batch: the conv encoder's first layer then holds 64 x 784 x 128
# float32 (26 MB) at most, rather than gigabytes for the 2,000 digits of the code map.
CHUNK_SIZE = 64


def _sigmoid_in_place(x: np.ndarray) -> np.ndarray:
    # sigmoid(x) = (1 + tanh(x / 2)) / 2: exact, never overflows, and four in-place calls.
    x *= 0.5
    np.tanh(x, out=x)
    x *= 0.5
    x += 0.5
    return x


ACTIVATIONS: dict[str, InPlace] = {
    "linear": lambda x: x,
    "relu": lambda x: np.maximum(x, 0.0, out=x),
    "sigmoid": _sigmoid_in_place,
}


# Dense layers ---------------------------------------------------------------------------------


def _dense(kernel: np.ndarray, bias: np.ndarray, activate: InPlace) -> InPlace:
    def step(values: np.ndarray) -> np.ndarray:
        values = values.reshape(len(values), -1) @ kernel  # a new array: everything after works in place
        values += bias
        return activate(values)

    return step


# Convolutions ---------------------------------------------------------------------------------


def _upsample(images: np.ndarray, factor: tuple[int, int]) -> np.ndarray:
    """Nearest-neighbour upsampling of (N, H, W, C) images, as keras.layers.UpSampling2D does."""
    rows, cols = factor
    return images.repeat(rows, axis=1).repeat(cols, axis=2)


def _same_padding(size: int) -> tuple[int, int]:
    # TensorFlow's "same": the odd pixel of an even kernel goes after, not before.
    before = (size - 1) // 2
    return before, size - 1 - before


def _conv_by_patches(kernel: np.ndarray, factor: tuple[int, int]) -> Callable[[np.ndarray], np.ndarray]:
    """Upsample, then convolve as one product of image patches (N·H·W, kh·kw·C) with the kernel.

    Best when there are few input channels: the patch matrix stays small.
    """
    rows, cols, channels, filters = kernel.shape
    # sliding_window_view puts the window axes last, after the channels: order the kernel alike.
    matrix = np.ascontiguousarray(kernel.transpose(2, 0, 1, 3).reshape(channels * rows * cols, filters))
    padding = ((0, 0), _same_padding(rows), _same_padding(cols), (0, 0))

    def convolve(images: np.ndarray) -> np.ndarray:
        images = _upsample(images, factor)
        count, height, width, _ = images.shape
        patches = sliding_window_view(np.pad(images, padding), (rows, cols), axis=(1, 2))
        return (patches.reshape(count * height * width, -1) @ matrix).reshape(count, height, width, filters)

    return convolve


def _conv_by_taps(kernel: np.ndarray, factor: tuple[int, int]) -> Callable[[np.ndarray], np.ndarray]:
    """Convolve as one product per pixel with every kernel tap at once, then add the shifted taps.

    Best after an upsampling: the product runs on the small image before it is upsampled
    (upsampling copies pixels, so it commutes with anything done pixel by pixel), which
    saves three quarters of the arithmetic for a factor of 2.
    """
    rows, cols, channels, filters = kernel.shape
    taps = rows * cols
    matrix = np.ascontiguousarray(kernel.transpose(2, 0, 1, 3).reshape(channels, taps * filters))
    padding = ((0, 0), (0, 0), _same_padding(rows), _same_padding(cols), (0, 0))

    def convolve(images: np.ndarray) -> np.ndarray:
        count, height, width, _ = images.shape
        per_tap = (images.reshape(-1, channels) @ matrix).reshape(count, height, width, taps, filters)
        # Taps first, so that each shifted tap below is a contiguous block of rows.
        per_tap = per_tap.transpose(0, 3, 1, 2, 4).reshape(count * taps, height, width, filters)
        per_tap = _upsample(per_tap, factor)
        height, width = height * factor[0], width * factor[1]
        per_tap = np.pad(per_tap.reshape(count, taps, height, width, filters), padding)
        result = np.zeros((count, height, width, filters), np.float32)
        for tap in range(taps):
            row, col = divmod(tap, cols)
            result += per_tap[:, tap, row : row + height, col : col + width]
        return result

    return convolve


def _conv(
    kernel: np.ndarray, bias: np.ndarray, activate: InPlace, upsampling: tuple[int, int], pooling: int = 1
) -> InPlace:
    """A convolution (after an optional folded upsampling), its bias and activation, in place.

    A max pooling right after the convolution is done before the bias and the activation:
    both are the same for every pixel of a channel and never decrease, so the result is the
    same, and the conv encoder's first layer adds and clips a quarter of the numbers.
    """
    channels, filters = kernel.shape[2:]
    build = _conv_by_taps if upsampling != (1, 1) or channels >= filters else _conv_by_patches
    convolve = build(kernel, upsampling)

    def step(images: np.ndarray) -> np.ndarray:
        result = convolve(images)
        if pooling > 1:
            result = _max_pool(result, pooling)
        result += bias
        return activate(result)

    return step


def _max_pool(images: np.ndarray, size: int) -> np.ndarray:
    """Non-overlapping `size` x `size` max pooling, as keras.layers.MaxPooling2D(size) does."""
    rows, cols = images.shape[1] // size, images.shape[2] // size  # "valid" padding drops a ragged edge
    result = images[:, : rows * size : size, : cols * size : size].copy()
    for row in range(size):  # the element-wise maximum of the size² shifted grids: no slow reduction
        for col in range(size):
            if row or col:
                np.maximum(result, images[:, row : rows * size : size, col : cols * size : size], out=result)
    return result


# Whole models ---------------------------------------------------------------------------------


def numpy_function(
    layers: Sequence[plans.Layer], weights: Sequence[Sequence[np.ndarray]], input_shape: tuple[int, ...]
) -> BatchFunction:
    """A batch function (N, *input_shape) -> (N, *output) running `layers` with `weights`.

    `weights` holds [kernel, bias] for each Dense and Conv2D layer, in order; their shapes
    must be the ones the plan gives (`models.weights` checks them when it reads a file).
    """
    weights = iter(weights)
    steps: list[InPlace] = []
    pending_upsampling = (1, 1)  # an UpSampling2D is folded into the convolution after it
    shape = input_shape
    for index, layer in enumerate(layers):
        after = layers[index - 1] if index else None
        if isinstance(layer, plans.UpSampling2D):
            pending_upsampling = tuple(a * layer.size for a in pending_upsampling)
        elif isinstance(layer, plans.MaxPooling2D) and isinstance(after, plans.Conv2D):
            pass  # done inside the convolution before it
        else:
            if pending_upsampling != (1, 1) and not isinstance(layer, plans.Conv2D):
                steps.append(lambda images, factor=pending_upsampling: _upsample(images, factor))
                pending_upsampling = (1, 1)
            following = layers[index + 1] if index + 1 < len(layers) else None
            pooling = following.size if isinstance(following, plans.MaxPooling2D) else 1
            steps.append(_step(layer, weights, pending_upsampling, shape, pooling))
            if isinstance(layer, plans.Conv2D):
                pending_upsampling = (1, 1)
        shape = plans.output_shape(layer, shape)
    if pending_upsampling != (1, 1):
        steps.append(lambda images, factor=pending_upsampling: _upsample(images, factor))

    def run_chunk(batch: np.ndarray) -> np.ndarray:
        for step in steps:
            batch = step(batch)
        return batch

    def run(batch: np.ndarray) -> np.ndarray:
        batch = np.asarray(batch, dtype=np.float32)
        if len(batch) <= CHUNK_SIZE:
            return run_chunk(batch).reshape((len(batch), *shape))
        chunks = [run_chunk(batch[start : start + CHUNK_SIZE]) for start in range(0, len(batch), CHUNK_SIZE)]
        return np.concatenate(chunks).reshape((len(batch), *shape))

    return run


def _step(
    layer: plans.Layer, weights, upsampling: tuple[int, int], shape: tuple[int, ...], pooling: int = 1
) -> InPlace:
    if isinstance(layer, plans.Flatten):
        return lambda values: values.reshape(len(values), -1)
    if isinstance(layer, plans.Reshape):
        return lambda values: values.reshape((len(values), *layer.shape))
    if isinstance(layer, plans.MaxPooling2D):
        return lambda images: _max_pool(images, layer.size)
    kernel, bias = (np.ascontiguousarray(array, dtype=np.float32) for array in next(weights))
    if isinstance(layer, plans.Dense):
        if len(shape) != 1:
            raise ValueError(f"a Dense layer after shape {shape} needs a Flatten first")
        return _dense(kernel, bias, ACTIVATIONS[layer.activation])
    return _conv(kernel, bias, ACTIVATIONS[layer.activation], upsampling, pooling)
