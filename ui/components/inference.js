/*
 * Autoencoder inference in the browser: the shipped encoders and decoders over Float32Arrays.
 *
 * The JavaScript twin of models/numpy_models.py, so that whatever follows a pointer (code
 * sliders, the noise slider, the drawing pad) redraws without a round trip to the server.
 * No build step, no dependencies. It defines one name, `AutoencoderInference`; a component uses
 * it by putting this file's text before its own JavaScript (see ui/components/assets.py,
 * `component_js`), a test by adding it as a <script> (assets.py, `inference_js`). The layers
 * below are the plain JavaScript; where the page has WebAssembly SIMD, kernels.js (and
 * kernels_wasm.js, its compiled module) before this file run them about 20 times faster, and
 * these are the fallback and the reference the tests hold the fast path to.
 *
 * The weights come from models/browser_export.py (`weight_file`): one binary file per variant,
 * a JSON header, then small arrays as float32 and large ones as float16, which `readWeightFile`
 * turns into
 *     {key, code_shape, gaussian, encoder: {input_shape, output_shape, layers}, decoder: {...}}
 * whose layers are
 *     {kind: "dense", activation, units, kernel, bias}                    kernel (in, units)
 *     {kind: "conv2d", activation, filters, kernel_size: [kh, kw], kernel, bias}  kernel (kh, kw, in, filters)
 *     {kind: "upsampling2d", size: [2, 2]}         nearest neighbour, as Keras
 *     {kind: "max_pooling2d", pool_size: [2, 2]}   stride = pool size, "valid"
 *     {kind: "reshape", target_shape: [...]}       Flatten and Reshape: the data does not move
 * with each kernel and bias a Float32Array. Images are (height, width, channels) in row-major
 * order, as Keras's channels_last; a 28x28 digit is 784 floats in [0, 1].
 *
 * Use:
 *     AutoencoderInference.fetchVariant(data.weights);  // {id, url}: a Promise of the variant
 *     const variant = AutoencoderInference.variantFrom(data.weights);  // it, once loaded; else null
 *     const variant = AutoencoderInference.loadVariant(readWeightFile(arrayBuffer));  // tests
 *     const code = variant.encode(pixels);    // Float32Array(784) -> Float32Array(variant.codeSize)
 *     variant.encodeDistribution(pixels);     // a VAE's {mean, logVariance}, each codeSize numbers
 *     const image = variant.decode(code);     // Float32Array(codeSize) -> Float32Array(784)
 *     variant.decodeMany(codes, count);       // count codes one after another -> count images, batched
 *     AutoencoderInference.loadVariant(description, {plain: true});  // never the WebAssembly kernels
 *     AutoencoderInference.drawGray(canvas, image, 28, 28);   // [0, 1] -> grey pixels
 *     AutoencoderInference.drawGrayGrid(canvas, images, 28, 28, columns, rows);  // many, as one grid
 *     AutoencoderInference.addNoise(pixels, z, mean, factor);  // digits/noise.py's add_noise, given z
 * `variant.decode` reuses no buffers between calls: the arrays it returns are the caller's.
 */
const AutoencoderInference = (() => {
  "use strict";

  /** Little-endian float32 numbers from base64 text (what browser_export writes). */
  function decodeFloat32(base64) {
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return new Float32Array(bytes.buffer);
  }

  // Every float16 bit pattern's float32 value, built on first use (256 KB): widening a file's
  // 270,000 numbers is then one lookup each.
  let float16Table = null;
  function float16Values() {
    if (float16Table) return float16Table;
    float16Table = new Float32Array(65536);
    for (let bits = 0; bits < 65536; bits++) {
      const sign = bits & 0x8000 ? -1 : 1;
      const exponent = (bits >> 10) & 0x1f;
      const fraction = bits & 0x3ff;
      float16Table[bits] =
        exponent === 0 ? sign * fraction * 2 ** -24 // subnormal
          : exponent === 31 ? (fraction ? NaN : sign * Infinity)
            : sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
    }
    return float16Table;
  }

  /** models/browser_export.py's binary file (an ArrayBuffer) as a variant's description. */
  function readWeightFile(buffer) {
    const magic = new TextDecoder().decode(new Uint8Array(buffer, 0, 4));
    if (magic !== "AEW1") throw new Error("not an Autoencoder Lab weight file");
    const headerLength = new DataView(buffer).getUint32(4, true);
    const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 8, headerLength)));
    // Typed arrays read the platform's byte order: little-endian in every browser there is.
    const start = 8 + headerLength;
    const sections = { float32: new Float32Array(buffer, start, header.float32_count) };
    const bits = new Uint16Array(buffer, start + 4 * header.float32_count);
    const table = float16Values();
    sections.float16 = new Float32Array(bits.length);
    for (let i = 0; i < bits.length; i++) sections.float16[i] = table[bits[i]];
    const withArrays = (model) => ({
      ...model,
      layers: model.layers.map((layer) => {
        const loaded = { ...layer };
        for (const name of ["kernel", "bias"]) {
          const place = layer[name];
          if (place) loaded[name] = sections[place.dtype].subarray(place.offset, place.offset + place.length);
        }
        return loaded;
      }),
    });
    return { ...header, encoder: withArrays(header.encoder), decoder: withArrays(header.decoder) };
  }

  // Activations, in place, as _ACTIVATIONS in numpy_models.py.
  const ACTIVATIONS = {
    linear: (values) => values,
    relu: (values) => {
      for (let i = 0; i < values.length; i++) if (values[i] < 0) values[i] = 0;
      return values;
    },
    sigmoid: (values) => {
      for (let i = 0; i < values.length; i++) values[i] = 1 / (1 + Math.exp(-values[i]));
      return values;
    },
  };

  /** values (in) @ kernel (in, units) + bias: one Dense layer before its activation. */
  function dense(values, kernel, bias, units) {
    const result = Float32Array.from(bias);
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === 0) continue; // after a ReLU many inputs are 0: skip their whole row
      const row = i * units;
      for (let j = 0; j < units; j++) result[j] += value * kernel[row + j];
    }
    return result;
  }

  /** Keras's "same" padding: the odd pixel of an even kernel goes after, not before. */
  function samePaddingBefore(size) {
    return Math.floor((size - 1) / 2);
  }

  /**
   * Conv2D with "same" padding and stride 1 over an image (height, width, channels);
   * kernel (rows, cols, channels, filters). Returns (height, width, filters) plus bias.
   */
  function conv2dSame(image, height, width, channels, kernel, rows, cols, filters, bias) {
    const result = new Float32Array(height * width * filters);
    const top = samePaddingBefore(rows);
    const left = samePaddingBefore(cols);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const out = (y * width + x) * filters;
        for (let f = 0; f < filters; f++) result[out + f] = bias[f];
        for (let ky = 0; ky < rows; ky++) {
          const sourceY = y + ky - top;
          if (sourceY < 0 || sourceY >= height) continue;
          for (let kx = 0; kx < cols; kx++) {
            const sourceX = x + kx - left;
            if (sourceX < 0 || sourceX >= width) continue;
            const source = (sourceY * width + sourceX) * channels;
            const tap = (ky * cols + kx) * channels * filters;
            for (let c = 0; c < channels; c++) {
              const value = image[source + c];
              if (value === 0) continue; // ReLU outputs: many zeros
              const weights = tap + c * filters;
              for (let f = 0; f < filters; f++) result[out + f] += value * kernel[weights + f];
            }
          }
        }
      }
    }
    return result;
  }

  /**
   * The kernel (rows, cols, channels, filters) as a (channels, taps * filters) matrix, taps =
   * rows * cols: one row per input channel, as `kernel.transpose(2, 0, 1, 3)` in numpy_models.py.
   */
  function tapMatrix(kernel, rows, cols, channels, filters) {
    const taps = rows * cols;
    const matrix = new Float32Array(kernel.length);
    for (let tap = 0; tap < taps; tap++) {
      for (let c = 0; c < channels; c++) {
        for (let f = 0; f < filters; f++) {
          matrix[(c * taps + tap) * filters + f] = kernel[(tap * channels + c) * filters + f];
        }
      }
    }
    return matrix;
  }

  /**
   * UpSampling2D by (factorY, factorX), then Conv2D "same", in one step (`_conv_by_taps` in
   * numpy_models.py). Upsampling only copies pixels, so every tap's product is computed once per
   * small pixel, before the copies: a quarter of the arithmetic for a factor of 2. Then each
   * output pixel adds up its taps, each read from the small pixel its shifted position copies.
   * `matrix` is tapMatrix(kernel, ...). Returns (height * factorY, width * factorX, filters).
   */
  function conv2dSameUpsampled(image, height, width, channels, matrix, rows, cols, filters, bias, factorY, factorX) {
    const taps = rows * cols;
    const perPixel = taps * filters;
    const perTap = new Float32Array(height * width * perPixel);
    for (let pixel = 0; pixel < height * width; pixel++) {
      const row = pixel * perPixel;
      for (let c = 0; c < channels; c++) {
        const value = image[pixel * channels + c];
        if (value === 0) continue;
        const weights = c * perPixel;
        for (let j = 0; j < perPixel; j++) perTap[row + j] += value * matrix[weights + j];
      }
    }
    const outHeight = height * factorY;
    const outWidth = width * factorX;
    const result = new Float32Array(outHeight * outWidth * filters);
    const top = samePaddingBefore(rows);
    const left = samePaddingBefore(cols);
    for (let y = 0; y < outHeight; y++) {
      for (let x = 0; x < outWidth; x++) {
        const out = (y * outWidth + x) * filters;
        for (let f = 0; f < filters; f++) result[out + f] = bias[f];
        for (let ky = 0; ky < rows; ky++) {
          const sourceY = y + ky - top;
          if (sourceY < 0 || sourceY >= outHeight) continue;
          const smallRow = Math.floor(sourceY / factorY) * width;
          for (let kx = 0; kx < cols; kx++) {
            const sourceX = x + kx - left;
            if (sourceX < 0 || sourceX >= outWidth) continue;
            const base = ((smallRow + Math.floor(sourceX / factorX)) * taps + ky * cols + kx) * filters;
            for (let f = 0; f < filters; f++) result[out + f] += perTap[base + f];
          }
        }
      }
    }
    return result;
  }

  /** Nearest-neighbour upsampling of (height, width, channels), as keras.layers.UpSampling2D. */
  function upsample(image, height, width, channels, factorY, factorX) {
    const outWidth = width * factorX;
    const result = new Float32Array(height * factorY * outWidth * channels);
    for (let y = 0; y < height * factorY; y++) {
      for (let x = 0; x < outWidth; x++) {
        const source = (Math.floor(y / factorY) * width + Math.floor(x / factorX)) * channels;
        result.set(image.subarray(source, source + channels), (y * outWidth + x) * channels);
      }
    }
    return result;
  }

  /** MaxPooling2D with stride = pool size and "valid" padding (odd edges are dropped). */
  function maxPool(image, height, width, channels, poolY, poolX) {
    const outHeight = Math.floor(height / poolY);
    const outWidth = Math.floor(width / poolX);
    const result = new Float32Array(outHeight * outWidth * channels).fill(-Infinity);
    for (let y = 0; y < outHeight * poolY; y++) {
      for (let x = 0; x < outWidth * poolX; x++) {
        const source = (y * width + x) * channels;
        const out = (Math.floor(y / poolY) * outWidth + Math.floor(x / poolX)) * channels;
        for (let c = 0; c < channels; c++) {
          if (image[source + c] > result[out + c]) result[out + c] = image[source + c];
        }
      }
    }
    return result;
  }

  /** One layer of a description, checked. */
  function loadLayer(layer) {
    const loaded = { ...layer };
    if (layer.activation !== undefined && !(layer.activation in ACTIVATIONS)) {
      throw new Error(`unsupported activation ${layer.activation}`);
    }
    return loaded;
  }

  /** Run one layer: [values, shape] -> [values, shape]; shapes are arrays like [28, 28, 1]. */
  function runLayer(layer, values, shape) {
    const [height, width, channels] = shape;
    switch (layer.kind) {
      case "dense":
        return [ACTIVATIONS[layer.activation](dense(values, layer.kernel, layer.bias, layer.units)), [layer.units]];
      case "conv2d": {
        const [rows, cols] = layer.kernel_size;
        if (layer.upsample) {
          const [factorY, factorX] = layer.upsample;
          const result = conv2dSameUpsampled(values, height, width, channels, layer.matrix, rows, cols, layer.filters,
            layer.bias, factorY, factorX);
          return [ACTIVATIONS[layer.activation](result), [height * factorY, width * factorX, layer.filters]];
        }
        const result = conv2dSame(values, height, width, channels, layer.kernel, rows, cols, layer.filters, layer.bias);
        return [ACTIVATIONS[layer.activation](result), [height, width, layer.filters]];
      }
      case "upsampling2d": {
        const [factorY, factorX] = layer.size;
        return [upsample(values, height, width, channels, factorY, factorX), [height * factorY, width * factorX, channels]];
      }
      case "max_pooling2d": {
        const [poolY, poolX] = layer.pool_size;
        return [maxPool(values, height, width, channels, poolY, poolX),
          [Math.floor(height / poolY), Math.floor(width / poolX), channels]];
      }
      case "reshape":
        return [values, layer.target_shape];
      default:
        throw new Error(`unsupported layer kind ${layer.kind}`);
    }
  }

  /**
   * Fold each UpSampling2D into the Conv2D right after it (see conv2dSameUpsampled): the pair
   * becomes one "conv2d" layer with `upsample: [factorY, factorX]` and its tap matrix.
   */
  function foldUpsampling(layers) {
    const folded = [];
    for (const layer of layers) {
      const previous = folded[folded.length - 1];
      if (layer.kind === "conv2d" && previous?.kind === "upsampling2d") {
        const [rows, cols] = layer.kernel_size;
        const channels = layer.kernel.length / (rows * cols * layer.filters);
        folded[folded.length - 1] = {
          ...layer,
          upsample: previous.size,
          matrix: tapMatrix(layer.kernel, rows, cols, channels, layer.filters),
        };
      } else {
        folded.push(layer);
      }
    }
    return folded;
  }

  /**
   * An exported model ({input_shape, output_shape, layers}) ready to run: on the WebAssembly SIMD
   * kernels (kernels.js) where the page has them, else in the plain JavaScript above, which
   * `options.plain` asks for (the tests hold one to the other). `backend` says which.
   */
  function loadModel(exported, options = {}) {
    const layers = foldUpsampling(exported.layers.map(loadLayer));
    const inputSize = exported.input_shape.reduce((a, b) => a * b, 1);
    const outputSize = exported.output_shape.reduce((a, b) => a * b, 1);
    const fast = !options.plain && typeof AutoencoderKernels === "object"
      ? AutoencoderKernels.compile(layers, exported.input_shape, tapMatrix)
      : null;
    const runPlain = (input) => {
      let values = Float32Array.from(input);
      let shape = exported.input_shape;
      for (const layer of layers) [values, shape] = runLayer(layer, values, shape);
      return values;
    };
    const model = {
      inputShape: exported.input_shape,
      outputShape: exported.output_shape,
      layers,
      backend: fast ? "wasm-simd" : "js",
      /** One input (a Float32Array or array of inputSize numbers) -> a new Float32Array. */
      run(input) {
        if (input.length !== inputSize) throw new Error(`expected ${inputSize} numbers, got ${input.length}`);
        return fast ? fast.runMany(input, 1) : runPlain(input);
      },
      /** `count` inputs one after another (count * inputSize numbers) -> their outputs, one Float32Array. */
      runMany(inputs, count) {
        if (inputs.length !== count * inputSize) throw new Error(`expected ${count * inputSize} numbers, got ${inputs.length}`);
        if (fast) return fast.runMany(inputs, count);
        const outputs = new Float32Array(count * outputSize);
        for (let i = 0; i < count; i++) outputs.set(runPlain(inputs.slice(i * inputSize, (i + 1) * inputSize)), i * outputSize);
        return outputs;
      },
    };
    return model;
  }

  /**
   * A variant exported by models/browser_export.py: {key, codeShape, codeSize, encode, decode,
   * decodeMany}; `options` as loadModel's.
   */
  function loadVariant(exported, options = {}) {
    const encoder = loadModel(exported.encoder, options);
    const decoder = loadModel(exported.decoder, options);
    const codeSize = exported.code_shape.reduce((a, b) => a * b, 1);
    // A variational autoencoder's encoder gives the code's means, then their log-variances: the
    // code is the means (models/inference.py's `encode`); `encodeDistribution` gives both.
    const gaussian = Boolean(exported.gaussian);
    return {
      key: exported.key,
      codeShape: exported.code_shape,
      codeSize,
      gaussian,
      encoder,
      decoder,
      backend: encoder.backend === decoder.backend ? decoder.backend : `${encoder.backend}+${decoder.backend}`,
      encode: (pixels) => (gaussian ? encoder.run(pixels).slice(0, codeSize) : encoder.run(pixels)),
      encodeDistribution: (pixels) => {
        const output = encoder.run(pixels);
        return { mean: output.slice(0, codeSize), logVariance: output.slice(codeSize) };
      },
      decode: (code) => decoder.run(code),
      // `count` codes one after another -> their images, one after another: one batched pass (the manifold).
      decodeMany: (codes, count) => decoder.runMany(codes, count),
    };
  }

  /**
   * Draw values in [0, 1] (height x width, one channel) on a canvas as grey pixels, white = 1;
   * the canvas keeps its own size (CSS scales it; set `image-rendering: pixelated` for sharp cells).
   * `low` and `high` map another range to black and white (the code picture uses them).
   */
  function drawGray(canvas, values, height, width, low = 0, high = 1) {
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    const context = canvas.getContext("2d");
    const picture = context.createImageData(width, height);
    const scale = high > low ? 255 / (high - low) : 0;
    for (let i = 0; i < width * height; i++) {
      const grey = Math.max(0, Math.min(255, Math.round((values[i] - low) * scale)));
      picture.data[4 * i] = grey;
      picture.data[4 * i + 1] = grey;
      picture.data[4 * i + 2] = grey;
      picture.data[4 * i + 3] = 255;
    }
    context.putImageData(picture, 0, 0);
  }

  /**
   * `columns * rows` pictures (height x width each, values in [0, 1], one after another) drawn as
   * a grid on the canvas, row by row from the top left: one ImageData for them all, which costs
   * a fraction of drawing each picture on a canvas of its own.
   */
  function drawGrayGrid(canvas, values, height, width, columns, rows) {
    canvas.width = columns * width;
    canvas.height = rows * height;
    const context = canvas.getContext("2d");
    const picture = context.createImageData(canvas.width, canvas.height);
    const pixels = new Uint32Array(picture.data.buffer); // one RGBA pixel per number, little-endian
    for (let tile = 0; tile < columns * rows; tile++) {
      const left = (tile % columns) * width, top = Math.floor(tile / columns) * height;
      for (let y = 0; y < height; y++) {
        const row = (top + y) * canvas.width + left, source = (tile * height + y) * width;
        for (let x = 0; x < width; x++) {
          const grey = Math.max(0, Math.min(255, Math.round(values[source + x] * 255)));
          pixels[row + x] = 0xff000000 | (grey << 16) | (grey << 8) | grey;
        }
      }
    }
    context.putImageData(picture, 0, 0);
  }

  /**
   * digits/noise.py's add_noise given its pattern z: clip(x + (mean + factor * z), 0, 1), every
   * step rounded to float32 in NumPy's order, so the browser's pixels equal the server's exactly.
   */
  function addNoise(image, z, mean, factor) {
    const noisy = new Float32Array(image.length);
    const f = Math.fround(factor);
    const m = Math.fround(mean);
    for (let i = 0; i < image.length; i++) {
      const noise = Math.fround(m + Math.fround(f * z[i]));
      noisy[i] = Math.min(1, Math.max(0, Math.fround(image[i] + noise)));
    }
    return noisy;
  }

  // Variants loaded in this page, by weights id, and those on their way: shared by every
  // component (and every rerun of one). The browser keeps the files themselves in its HTTP cache
  // (their names change with their content), so another tab or visit downloads nothing.
  const LOADED = (globalThis.__autoencoderVariants ??= new Map());
  const LOADING = (globalThis.__autoencoderVariantsLoading ??= new Map());

  /** The variant a component's data names ({id, url}), once loaded; null until then. */
  function variantFrom(weights) {
    return (weights && LOADED.get(weights.id)) ?? null;
  }

  /** A Promise of the variant {id, url} names: fetched and loaded once per page, however many ask. */
  function fetchVariant(weights) {
    if (LOADED.has(weights.id)) return Promise.resolve(LOADED.get(weights.id));
    if (!LOADING.has(weights.id)) {
      const loading = fetch(weights.url)
        .then((response) => {
          if (!response.ok) throw new Error(`the server answered ${response.status}`);
          return response.arrayBuffer();
        })
        .then((buffer) => {
          LOADED.set(weights.id, loadVariant(readWeightFile(buffer)));
          return LOADED.get(weights.id);
        })
        .finally(() => LOADING.delete(weights.id));
      LOADING.set(weights.id, loading);
    }
    return LOADING.get(weights.id);
  }

  return {
    // layers, as in models/numpy_models.py
    ACTIVATIONS, dense, conv2dSame, tapMatrix, conv2dSameUpsampled, upsample, maxPool,
    // models and variants
    decodeFloat32, readWeightFile, loadModel, loadVariant, variantFrom, fetchVariant,
    // pictures and noise
    drawGray, drawGrayGrid, addNoise,
  };
})();
