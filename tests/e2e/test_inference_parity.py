"""ui/components/inference.js in Chromium agrees with the Keras models, for every variant.

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m pytest tests/e2e/test_inference_parity.py -q

No app server: the module's source is added to a blank page and called through page.evaluate
with the weight file models/browser_export.py writes, byte for byte what the components fetch.
Both ways the browser runs a model are held to Keras: the WebAssembly SIMD kernels (kernels.js,
what Chromium runs) and the plain JavaScript (the fallback where SIMD is missing).
The browser runs float16 weights: Keras is given the same rounded weights, so the comparison
holds the arithmetic to 1e-4 (tests/unit/test_browser_export.py bounds what the rounding costs).
"""

from __future__ import annotations

import numpy as np
import pytest

from digits.noise import ARTICLE_NOISE_MEAN, add_noise, noise_pattern
from digits.preprocess import preprocess_digit
from digits.strokes import parse_strokes, rasterise_strokes
from harness.live import LOAD_WEIGHT_FILE_JS, weight_file_base64
from harness.stroke_sets import stroke_sets
from models.browser_export import as_received
from models.inference import load_variant
from models.registry import PLANE_VARIANTS, VARIANTS
from models.weights import weights_path
from tests.float32 import assert_float32_close
from ui.components.assets import inference_js, read_asset

pytestmark = pytest.mark.e2e

SAMPLES = 20
# JavaScript sums in float64 and stores float32; Keras sums in float32: 1e-4 of the largest magnitude.
RELATIVE = 1e-4

BACKENDS = {"wasm": False, "plain": True}  # loadVariant's `plain` option
# A variant from a weight file (base64) on the backend `plain` names.
LOAD_ON_JS = """function loadOn(file, plain) {
    const bytes = Uint8Array.from(atob(file), (character) => character.charCodeAt(0));
    return AutoencoderInference.loadVariant(AutoencoderInference.readWeightFile(bytes.buffer), {plain});
}"""
# Load the variant once, then run every input through the model named `part`.
RUN_IN_BROWSER = """([file, part, inputs, plain]) => {
    const variant = loadOn(file, plain);
    const expected = plain ? "js" : "wasm-simd";
    if (variant.backend !== expected) throw new Error(`ran on ${variant.backend}, not ${expected}`);
    return inputs.map((input) => Array.from(variant[part](Float32Array.from(input))));
}"""


@pytest.fixture(scope="module")
def blank_page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=inference_js())
    page.add_script_tag(content=LOAD_WEIGHT_FILE_JS)
    page.add_script_tag(content=LOAD_ON_JS)
    yield page
    context.close()


# Every architecture the browser runs: the five and the 2-number pair (the code-size family is deep
# dense at other sizes, which the unit tests hold to Keras in NumPy).
@pytest.fixture(scope="module", params=[*VARIANTS, *PLANE_VARIANTS])
def trained(request, shipped):
    """The variant as the app serves it (NumPy arrays read from the h5), its weight file, and `keras`
    beside it with the weights the browser receives (restored afterwards: the models are shared)."""
    if not weights_path(request.param).exists():
        pytest.skip(f"no shipped weights for {request.param}")
    served = load_variant(request.param)
    served.file = weight_file_base64(served)
    served.keras = shipped(request.param)  # the reference the browser is held to
    original = served.keras.autoencoder.get_weights()
    served.keras.autoencoder.set_weights([as_received(array) for array in original])
    yield served
    served.keras.autoencoder.set_weights(original)


def _in_browser(page, trained, part: str, inputs: np.ndarray, backend: str = "wasm") -> np.ndarray:
    flat = inputs.reshape(len(inputs), -1).astype(np.float32)
    outputs = page.evaluate(RUN_IN_BROWSER, [trained.file, part, flat.tolist(), BACKENDS[backend]])
    return np.asarray(outputs, dtype=np.float32)


@pytest.mark.parametrize("backend", BACKENDS)
def test_decoder_matches_keras(blank_page, trained, mnist, backend):
    # Random codes spread over the range real digits' codes take (a linear code can be negative).
    real_codes = trained.keras.encoder(mnist.x_test[:500], training=False).numpy().reshape(500, -1)
    real_codes = real_codes[:, : trained.variant.code_size]  # a VAE's encoder gives means, then log-variances
    rng = np.random.default_rng(7)
    codes = rng.uniform(real_codes.min(axis=0), real_codes.max(axis=0) + 1e-3, size=(SAMPLES, real_codes.shape[1]))
    codes = codes.astype(np.float32).reshape(SAMPLES, *trained.variant.code_shape)

    expected = trained.keras.decoder(codes, training=False).numpy().reshape(SAMPLES, -1)
    actual = _in_browser(blank_page, trained, "decode", codes, backend)

    assert_float32_close(actual, expected, RELATIVE)


@pytest.mark.parametrize("backend", BACKENDS)
def test_encoder_matches_keras(blank_page, trained, mnist, backend):
    digits = mnist.x_test[np.random.default_rng(8).choice(len(mnist.x_test), SAMPLES, replace=False)]

    expected = trained.keras.encoder(digits, training=False).numpy().reshape(SAMPLES, -1)
    actual = _in_browser(blank_page, trained, "encode", digits, backend)

    size = trained.variant.code_size
    assert_float32_close(actual, expected[:, :size], RELATIVE)  # a VAE's code is its mean
    assert np.abs(expected).max() > 0.1  # the codes are not all zero, so the comparison means something
    if trained.variant.plan.gaussian:  # and its means and log-variances, as the browser gives them
        both = blank_page.evaluate(
            """([file, inputs]) => {
                const variant = loadWeightFile(file);
                return inputs.map((input) => {
                    const {mean, logVariance} = variant.encodeDistribution(Float32Array.from(input));
                    return [...mean, ...logVariance];
                });
            }""",
            [trained.file, digits.reshape(SAMPLES, -1).astype(np.float32).tolist()],
        )
        assert_float32_close(np.asarray(both, dtype=np.float32), expected, RELATIVE)


# The same digits and codes on both backends, and a batch of codes decoded at once (decodeMany).
BOTH_BACKENDS_JS = """([file, digits]) => {
    const fast = loadOn(file, false), plain = loadOn(file, true);
    const codes = digits.map((digit) => plain.encode(Float32Array.from(digit)));
    const batch = new Float32Array(codes.length * plain.codeSize);
    codes.forEach((code, i) => batch.set(code, i * plain.codeSize));
    return {
        backends: [fast.backend, plain.backend],
        encoded: [digits.map((d) => Array.from(fast.encode(Float32Array.from(d)))), codes.map((c) => Array.from(c))],
        decoded: [codes.map((c) => Array.from(fast.decode(c))), codes.map((c) => Array.from(plain.decode(c)))],
        many: [Array.from(fast.decodeMany(batch, codes.length)), Array.from(plain.decodeMany(batch, codes.length))],
    };
}"""


def test_the_webassembly_kernels_give_what_the_plain_javascript_gives(blank_page, trained, mnist):
    # 40 digits: more than one of the kernels' batches of 32, so decodeMany's second batch is held too.
    digits = mnist.x_test[:40].reshape(40, -1).astype(np.float32)
    result = blank_page.evaluate(BOTH_BACKENDS_JS, [trained.file, digits.tolist()])

    assert result["backends"] == ["wasm-simd", "js"]  # Chromium has SIMD: the fast path must be the one run
    for name in ("encoded", "decoded"):
        fast, plain = (np.asarray(side, dtype=np.float32) for side in result[name])
        assert_float32_close(fast, plain, 1e-5)
    fast_many, plain_many = (np.asarray(side, dtype=np.float32) for side in result["many"])
    assert_float32_close(fast_many, plain_many, 1e-5)
    decoded_one_by_one = np.asarray(result["decoded"][0], dtype=np.float32).ravel()
    np.testing.assert_array_equal(fast_many, decoded_one_by_one)  # a batch changes no number


# The pad's own steps for a stroke set: rasterise (strokes.js), then preprocess (preprocess.js).
PREPROCESS_IN_BROWSER = """(sets) => sets.map((strokes) => {
    const digit = preprocessDigit({data: rasteriseStrokes(strokes), height: RASTER_SIZE, width: RASTER_SIZE});
    return digit ? Array.from(digit) : null;
})"""


def test_drawing_preprocessing_equals_the_servers_on_thirty_stroke_sets(browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content("<html><body></body></html>")
        for name in ("strokes.js", "preprocess.js"):
            page.add_script_tag(content=read_asset(name))
        sets = stroke_sets()
        in_browser = page.evaluate(PREPROCESS_IN_BROWSER, list(sets.values()))
    finally:
        context.close()
    for (name, strokes), digit in zip(sets.items(), in_browser, strict=True):
        expected = preprocess_digit(rasterise_strokes(parse_strokes(strokes))).ravel()
        assert digit is not None, f"{name}: the browser found no digit"
        # Both sides compute in float64 and keep float32: a few float32 steps apart at most.
        assert_float32_close(np.asarray(digit, dtype=np.float32), expected)


def test_browser_noise_equals_the_servers_exactly(blank_page, mnist):
    digit = mnist.x_test[0]
    seed = 5
    z = noise_pattern(digit.shape, seed)
    for mean in (ARTICLE_NOISE_MEAN, 0.0):
        for factor in (0.0, 0.05, 0.33, 0.5, 1.0):
            in_browser = blank_page.evaluate(
                "([x, z, mean, factor]) => Array.from(AutoencoderInference.addNoise("
                "Float32Array.from(x), Float32Array.from(z), mean, factor))",
                [digit.ravel().tolist(), z.ravel().tolist(), mean, factor],
            )
            expected = add_noise(digit, factor, seed=seed, mean=mean).ravel()
            assert np.array_equal(np.asarray(in_browser, dtype=np.float32), expected), (mean, factor)
