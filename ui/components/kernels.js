/*
 * The fast path of inference.js: a model's layers run by the WebAssembly SIMD kernels of
 * kernels.wat (whose compiled bytes kernels_wasm.js defines, as base64, before this file).
 *
 * Plain JavaScript costs about 3 ns a multiply-add here; the kernels do four at once in a few
 * machine instructions. Every layer becomes matrix products and copies:
 *   dense                     matmul(values, kernel) over a batch of inputs at once
 *   conv2d, filters > channels  im2col (`gather` with a table of source pixels), then matmul
 *   conv2d, otherwise, and an upsampling folded into a conv2d (inference.js, foldUpsampling):
 *                             matmul(pixels, tapMatrix) gives every tap's product once per
 *                             pixel; `sumTaps` adds up each output pixel's taps (a table again)
 *   max_pooling2d 2x2         maxPool2;  ReLU and sigmoid (a polynomial exp) in the module too
 * One WebAssembly.Memory per page, shared by every component and variant: a variant's weights
 * and tables are copied in once when it loads, and a scratch area above them grows as needed.
 *
 *     AutoencoderKernels.available()   // false without WebAssembly SIMD: inference.js runs plain JS
 *     const fast = AutoencoderKernels.compile(layers, inputShape, tapMatrix);  // null: not handled
 *     fast.runMany(inputs, count)      // count inputs, one after another -> count outputs
 * Setting globalThis.AUTOENCODER_LAB_PLAIN_JS = true before the first model loads keeps the page
 * on plain JavaScript (the benchmarks' baseline).
 */
const AutoencoderKernels = (() => {
  "use strict";

  const PAGE_BYTES = 65536;
  // Dense layers take this many inputs per matmul: a batch's activations stay in the CPU's cache.
  const BATCH = 32;

  /** The module and its memory, made once per page; null where WebAssembly SIMD is missing. */
  function instance() {
    if ("__autoencoderKernels" in globalThis) return globalThis.__autoencoderKernels;
    let made = null;
    const bytes = typeof AutoencoderKernelsWasm === "string" && typeof WebAssembly === "object"
      ? Uint8Array.from(atob(AutoencoderKernelsWasm), (character) => character.charCodeAt(0))
      : null;
    // validate() is false where the browser lacks SIMD: the plain JavaScript then runs everything.
    if (bytes && !globalThis.AUTOENCODER_LAB_PLAIN_JS && WebAssembly.validate(bytes)) {
      const memory = new WebAssembly.Memory({ initial: 16 });
      // Synchronous: the module is 2 kB, well under what a page's main thread may compile at once.
      const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
      made = { memory, exports, top: 16, buffer: null, f32: null }; // address 0 means "no bias"
    }
    globalThis.__autoencoderKernels = made;
    return made;
  }

  /** A Float32Array over the whole memory, made again after the memory grows (the old one detaches). */
  function heap(kernels) {
    if (kernels.buffer !== kernels.memory.buffer) {
      kernels.buffer = kernels.memory.buffer;
      kernels.f32 = new Float32Array(kernels.buffer);
    }
    return kernels.f32;
  }

  function ensureBytes(kernels, end) {
    const missing = end - kernels.memory.buffer.byteLength;
    if (missing > 0) kernels.memory.grow(Math.ceil(missing / PAGE_BYTES));
  }

  /** Copy a Float32Array or Int32Array into the memory for good; its byte address. */
  function place(kernels, array) {
    const address = kernels.top;
    kernels.top += Math.ceil(array.byteLength / 16) * 16; // 16-byte aligned, as v128 loads like
    ensureBytes(kernels, kernels.top);
    const view = array instanceof Int32Array ? new Int32Array(kernels.memory.buffer) : heap(kernels);
    view.set(array, address / 4);
    return address;
  }

  /** Keras's "same" padding: the odd pixel of an even kernel goes after, not before. */
  const before = (size) => Math.floor((size - 1) / 2);

  /**
   * For each output pixel of a "same" convolution (outHeight, outWidth) and each of its taps, the
   * offset in numbers of what that tap reads, or -1 beyond the edge: `unit(y, x, tap)` gives it
   * from the source pixel (y, x) the tap falls on, in the convolution's own (upsampled) grid.
   */
  function tapTable(outHeight, outWidth, rows, cols, unit) {
    const table = new Int32Array(outHeight * outWidth * rows * cols);
    let entry = 0;
    for (let y = 0; y < outHeight; y++) {
      for (let x = 0; x < outWidth; x++) {
        for (let ky = 0; ky < rows; ky++) {
          for (let kx = 0; kx < cols; kx++) {
            const sy = y + ky - before(rows), sx = x + kx - before(cols);
            const inside = sy >= 0 && sy < outHeight && sx >= 0 && sx < outWidth;
            table[entry++] = inside ? unit(sy, sx, ky * cols + kx) : -1;
          }
        }
      }
    }
    return table;
  }

  function activate(kernels, activation, address, count) {
    if (activation === "relu" || activation === "sigmoid") kernels.exports[activation](address, count);
    else if (activation !== "linear") throw new Error(`unsupported activation ${activation}`);
  }

  /**
   * One layer as a step: {outShape, temp (numbers of scratch per input), run(from, to, temp,
   * count)}, addresses in bytes, `count` inputs one after another; or null if not handled here.
   */
  function planLayer(kernels, layer, shape, tapMatrix) {
    const [height, width, channels] = shape;
    const { exports } = kernels;
    if (layer.kind === "reshape") return { outShape: layer.target_shape, temp: 0, run: null };
    if (layer.kind === "dense") {
      const inputs = shape.reduce((a, b) => a * b, 1);
      const kernel = place(kernels, layer.kernel), bias = place(kernels, layer.bias);
      return {
        outShape: [layer.units], temp: 0,
        run(from, to, temp, count) {
          exports.matmul(from, kernel, bias, to, count, inputs, layer.units);
          activate(kernels, layer.activation, to, count * layer.units);
        },
      };
    }
    if (layer.kind === "max_pooling2d" && layer.pool_size.every((size) => size === 2) && channels % 4 === 0) {
      const outShape = [Math.floor(height / 2), Math.floor(width / 2), channels];
      return {
        outShape, temp: 0,
        run(from, to, temp, count) {
          const inBytes = 4 * height * width * channels, outBytes = 4 * outShape[0] * outShape[1] * channels;
          for (let i = 0; i < count; i++) exports.maxPool2(from + i * inBytes, to + i * outBytes, height, width, channels);
        },
      };
    }
    if (layer.kind !== "conv2d") return null;
    const [rows, cols] = layer.kernel_size;
    const taps = rows * cols, filters = layer.filters;
    const [factorY, factorX] = layer.upsample ?? [1, 1];
    const outHeight = height * factorY, outWidth = width * factorX;
    const inBytes = 4 * height * width * channels, outBytes = 4 * outHeight * outWidth * filters;
    const bias = place(kernels, layer.bias);
    const done = (to, count) => activate(kernels, layer.activation, to, count * outBytes / 4);
    if (!layer.upsample && filters > channels) {
      // im2col: a row of taps * channels numbers per pixel, the kernel (rows, cols, channels,
      // filters) read as its (taps * channels, filters) matrix.
      const table = place(kernels, tapTable(height, width, rows, cols, (sy, sx) => (sy * width + sx) * channels));
      const kernel = place(kernels, layer.kernel);
      return {
        outShape: [height, width, filters], temp: height * width * taps * channels,
        run(from, to, temp, count) {
          for (let i = 0; i < count; i++) {
            exports.gather(from + i * inBytes, table, temp, height * width * taps, channels);
            exports.matmul(temp, kernel, bias, to + i * outBytes, height * width, taps * channels, filters);
          }
          done(to, count);
        },
      };
    }
    // By taps: every tap's product once per (small) pixel, then each output pixel's sum.
    const matrix = place(kernels, layer.matrix ?? tapMatrix(layer.kernel, rows, cols, channels, filters));
    const table = place(kernels, tapTable(outHeight, outWidth, rows, cols,
      (sy, sx, tap) => ((Math.floor(sy / factorY) * width + Math.floor(sx / factorX)) * taps + tap) * filters));
    return {
      outShape: [outHeight, outWidth, filters], temp: height * width * taps * filters,
      run(from, to, temp, count) {
        for (let i = 0; i < count; i++) {
          exports.matmul(from + i * inBytes, matrix, 0, temp, height * width, channels, taps * filters);
          exports.sumTaps(temp, table, bias, to + i * outBytes, outHeight * outWidth, taps, filters);
        }
        done(to, count);
      },
    };
  }

  /**
   * A model's layers (inference.js's, upsampling folded) as kernel steps, or null if any layer is
   * not handled here. `tapMatrix` is inference.js's, for a convolution run by taps.
   */
  function compile(layers, inputShape, tapMatrix) {
    const kernels = instance();
    if (!kernels) return null;
    const mark = kernels.top;
    const size = (shape) => shape.reduce((a, b) => a * b, 1);
    const steps = [];
    let shape = inputShape, largest = size(inputShape), temp = 0;
    for (const layer of layers) {
      const step = planLayer(kernels, layer, shape, tapMatrix);
      if (!step) {
        kernels.top = mark; // give back what this model placed: the plain path runs it
        return null;
      }
      if (step.run) steps.push(step);
      shape = step.outShape;
      largest = Math.max(largest, size(shape));
      temp = Math.max(temp, step.temp);
    }
    const inputSize = size(inputShape), outputSize = size(shape);
    return {
      /** `count` inputs of inputSize numbers each, one after another -> a new Float32Array of the outputs. */
      runMany(inputs, count) {
        if (inputs.length !== count * inputSize) throw new Error(`expected ${count * inputSize} numbers, got ${inputs.length}`);
        const result = new Float32Array(count * outputSize);
        const batch = Math.min(BATCH, count);
        // Scratch above every weight placed so far (a variant loaded later moves it up): two
        // buffers the layers ping-pong between, then the convolutions' temporary.
        const first = kernels.top, second = first + 4 * batch * largest, temporary = second + 4 * batch * largest;
        ensureBytes(kernels, temporary + 4 * temp);
        for (let start = 0; start < count; start += batch) {
          const n = Math.min(batch, count - start);
          heap(kernels).set(inputs.subarray
            ? inputs.subarray(start * inputSize, (start + n) * inputSize)
            : inputs.slice(start * inputSize, (start + n) * inputSize), first / 4);
          let from = first, to = second;
          for (const step of steps) {
            step.run(from, to, temporary, n);
            [from, to] = [to, from];
          }
          result.set(heap(kernels).subarray(from / 4, from / 4 + n * outputSize), start * outputSize);
        }
        return result;
      },
    };
  }

  return { available: () => instance() !== null, compile };
})();
