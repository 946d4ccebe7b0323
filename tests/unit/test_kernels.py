"""The WebAssembly kernels (ui/components/kernels.wat) agree with NumPy, and the committed build is current.

    .venv/bin/python -m pytest tests/unit/test_kernels.py -q

No browser: wasmtime runs the same module the browser runs (SIMD included), on a memory the test
fills, and every kernel is compared with its NumPy twin on sizes that reach each code path (16
columns at a time, 4 at a time, one by one; zeros skipped; padding).
"""

from __future__ import annotations

import numpy as np
import pytest
import wasmtime

from scripts.build_kernels import JS_PATH, WAT_PATH, built, compile_wat

PAGE = 65536


class Kernels:
    """The module instantiated in wasmtime, with a bump allocator over its memory."""

    def __init__(self) -> None:
        engine = wasmtime.Engine()
        self.store = wasmtime.Store(engine)
        self.memory = wasmtime.Memory(self.store, wasmtime.MemoryType(wasmtime.Limits(64, None)))
        module = wasmtime.Module(engine, compile_wat(WAT_PATH.read_text()))
        self.exports = wasmtime.Instance(self.store, module, [self.memory]).exports(self.store)
        self.top = 16  # address 0 means "no bias"

    def put(self, array: np.ndarray) -> int:
        data = np.ascontiguousarray(array).tobytes()
        address = self.top
        self.top += (len(data) + 15) // 16 * 16
        assert self.top < self.memory.data_len(self.store)
        self.memory.write(self.store, data, address)
        return address

    def get(self, address: int, count: int, dtype=np.float32) -> np.ndarray:
        return np.frombuffer(self.memory.read(self.store, address, address + 4 * count), dtype=dtype).copy()

    def __call__(self, name: str, *args: int) -> None:
        self.exports[name](self.store, *args)


@pytest.fixture
def kernels() -> Kernels:
    return Kernels()


def test_the_committed_module_is_built_from_the_wat():
    assert JS_PATH.read_text(encoding="utf-8") == built(), "run: python -m scripts.build_kernels"


@pytest.mark.parametrize(("m", "k", "n"), [(1, 2, 98), (3, 147, 784), (5, 49, 1), (2, 7, 37), (4, 32, 49)])
@pytest.mark.parametrize("with_bias", [True, False])
def test_matmul_is_a_times_w_plus_bias(kernels, m, k, n, with_bias):
    rng = np.random.default_rng(m * 1000 + k + n)
    a = rng.normal(size=(m, k)).astype(np.float32)
    a[rng.random(a.shape) < 0.5] = 0  # zeros are skipped: the result must not change
    w = rng.normal(size=(k, n)).astype(np.float32)
    bias = rng.normal(size=n).astype(np.float32)
    out = kernels.put(np.full((m, n), np.nan, np.float32))  # every number must be written
    kernels("matmul", kernels.put(a), kernels.put(w), kernels.put(bias) if with_bias else 0, out, m, k, n)

    expected = a.astype(np.float64) @ w + (bias if with_bias else 0)
    np.testing.assert_allclose(kernels.get(out, m * n).reshape(m, n), expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("width", [1, 4, 6, 128])
def test_gather_copies_runs_and_pads_with_zeros(kernels, width):
    rng = np.random.default_rng(width)
    src = rng.normal(size=(10, width)).astype(np.float32)
    rows = np.array([3, -1, 0, 9, -1, 3], np.int32)
    dst = kernels.put(np.full((len(rows), width), np.nan, np.float32))
    kernels("gather", kernels.put(src), kernels.put(rows * width), dst, len(rows), width)

    expected = np.where(rows[:, None] >= 0, src[rows], 0)
    np.testing.assert_array_equal(kernels.get(dst, len(rows) * width).reshape(len(rows), width), expected)


@pytest.mark.parametrize("width", [1, 5, 32])
def test_sum_taps_adds_each_outputs_taps_to_the_bias(kernels, width):
    rng = np.random.default_rng(width)
    src = rng.normal(size=(12, width)).astype(np.float32)
    taps = rng.integers(-1, 12, size=(7, 4)).astype(np.int32)  # 7 outputs of 4 taps, some padding
    bias = rng.normal(size=width).astype(np.float32)
    dst = kernels.put(np.full((7, width), np.nan, np.float32))
    kernels("sumTaps", kernels.put(src), kernels.put(taps * width), kernels.put(bias), dst, 7, 4, width)

    expected = bias + np.where(taps[..., None] >= 0, src[taps], 0).sum(axis=1)
    np.testing.assert_allclose(kernels.get(dst, 7 * width).reshape(7, width), expected, rtol=1e-5, atol=1e-6)


def test_relu_clips_below_zero_in_place(kernels):
    values = np.random.default_rng(1).normal(size=23).astype(np.float32)  # 5 vectors and 3 more
    address = kernels.put(values)
    kernels("relu", address, len(values))
    np.testing.assert_array_equal(kernels.get(address, len(values)), np.maximum(values, 0))


@pytest.mark.parametrize(("height", "width", "channels"), [(28, 28, 128), (7, 5, 4)])
def test_max_pool_takes_each_2x2_blocks_largest(kernels, height, width, channels):
    image = np.random.default_rng(height).normal(size=(height, width, channels)).astype(np.float32)
    dst = kernels.put(np.full((height // 2, width // 2, channels), np.nan, np.float32))
    kernels("maxPool2", kernels.put(image), dst, height, width, channels)

    cropped = image[: height // 2 * 2, : width // 2 * 2]
    expected = cropped.reshape(height // 2, 2, width // 2, 2, channels).max(axis=(1, 3))
    np.testing.assert_array_equal(kernels.get(dst, expected.size).reshape(expected.shape), expected)


def test_sigmoid_is_within_float32_rounding_of_numpys(kernels):
    # 2005 numbers: 501 vectors and a tail of 1, beyond the clamp at +-88 on both sides.
    values = np.concatenate([np.linspace(-100, 100, 2001), [0, -88.5, 88.5, 1e-8]]).astype(np.float32)
    address = kernels.put(values)
    kernels("sigmoid", address, len(values))
    expected = 1 / (1 + np.exp(-values.astype(np.float64)))
    np.testing.assert_allclose(kernels.get(address, len(values)), expected, rtol=1e-6, atol=1e-7)
