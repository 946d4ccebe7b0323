/*
 * Live noise slider: while it moves, the noisy digit and every model's output are computed
 * here in the browser (AutoencoderInference and LiveComponent, prepended by assets.py). Python gets the factor
 * when the slider is let go (trigger "factor"), for the URL and the error curve.
 *
 * data: {image, z, mean, factor, size, outputs: [{caption, weights}], lang, labels}; `image` and `z` are
 * data URLs of base64 float32 (784 numbers each): the clean digit and the seed's standard-normal pattern.
 * AutoencoderInference.addNoise makes the noisy digit exactly as digits/noise.py does, so
 * both sides show the same pixels. The factor from data is applied only
 * when the component is first built: afterwards the slider under the person's hand decides.
 * The words (labels) and the language's number format follow data on every run, so a change of
 * language relabels the view in place; the HTML's English is only there until the first run.
 */

const SEND_DELAY_MS = 250;
const EPSILON = 1e-7; // as models/metrics.py (Keras's clipping before the logarithm)

/** Mean binary cross-entropy of `output` against the clean `target`, as models/metrics.py. */
function binaryCrossEntropy(target, output) {
  let total = 0;
  for (let i = 0; i < target.length; i++) {
    const p = Math.min(1 - EPSILON, Math.max(EPSILON, output[i]));
    total -= target[i] * Math.log(p) + (1 - target[i]) * Math.log(1 - p);
  }
  return total / target.length;
}

function figure(caption, withScore) {
  const element = document.createElement("figure");
  const canvas = document.createElement("canvas");
  const label = document.createElement("figcaption");
  label.textContent = caption;
  element.append(canvas, label);
  let score = null;
  if (withScore) {
    score = document.createElement("div");
    score.className = "score";
    element.append(score);
  }
  return { element, canvas, label, score };
}

/** `value` with `digits` decimals, as the page's language writes it (0.0773, or 0,0773 in Russian). */
function formatNumber(lang, value, digits) {
  try {
    return new Intl.NumberFormat(lang || "en", { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  } catch {
    return value.toFixed(digits); // a language the browser does not know
  }
}

/** The words from Python (data.labels), put in place: the slider's name, the captions, the scores' pattern. */
function applyLabels(view) {
  const labels = view.data.labels || {};
  const captions = [labels.clean ?? "clean", labels.noisy ?? "noisy", ...view.data.outputs.map((o) => o.caption)];
  view.figures.forEach((f, index) => {
    if (captions[index] !== undefined) f.label.textContent = captions[index];
  });
  if (labels.factor) {
    view.root.querySelector(".factor .label > span:first-child").textContent = labels.factor;
    view.input.setAttribute("aria-label", labels.factor);
  }
  view.readout.textContent = formatNumber(view.data.lang, Number(view.input.value), 2);
}

function buildView(root, data) {
  root.querySelector(".not-live").hidden = true;
  root.querySelector(".live").hidden = false;
  const input = root.querySelector("input[type='range']");
  const readout = root.querySelector(".readout");
  const pictures = root.querySelector(".pictures");
  const view = { root, input, readout, data, send: null };
  view.figures = [figure("", false), figure("", true), ...data.outputs.map((o) => figure(o.caption, true))];
  pictures.replaceChildren(...view.figures.map((f) => f.element));
  input.value = String(data.factor);
  applyLabels(view);

  view.scheduleRedraw = LiveComponent.everyFrame(() => redraw(view));
  const sendSoon = LiveComponent.sendLater(SEND_DELAY_MS, () => {
    view.send("factor", Number(input.value));
    LiveComponent.count(root, "sent"); // for the tests
  });
  input.addEventListener("input", () => {
    readout.textContent = formatNumber(view.data.lang, Number(input.value), 2);
    view.scheduleRedraw();
  });
  input.addEventListener("change", sendSoon);
  LiveComponent.keepValueOnScroll(input); // a vertical swipe scrolls the page, never moves the slider
  return view;
}

/** Decode the arrays' data URLs once per distinct text (the digit and the pattern change rarely). */
function cachedArray(view, name, dataUrl) {
  const cache = (view.arrays ??= {});
  if (cache[name]?.text !== dataUrl) {
    const base64 = dataUrl.slice(dataUrl.indexOf(",") + 1);
    cache[name] = { text: dataUrl, values: AutoencoderInference.decodeFloat32(base64) };
  }
  return cache[name].values;
}

function redraw(view) {
  const { data } = view;
  const variants = data.outputs.map((o) => AutoencoderInference.variantFrom(o.weights));
  if (variants.some((v) => !v)) return;
  const image = cachedArray(view, "image", data.image);
  const z = cachedArray(view, "z", data.z);
  const noisy = AutoencoderInference.addNoise(image, z, data.mean, Number(view.input.value));
  const shown = [image, noisy, ...variants.map((variant) => variant.decode(variant.encode(noisy)))];
  shown.forEach((values, index) => {
    const { canvas, score } = view.figures[index];
    AutoencoderInference.drawGray(canvas, values, 28, 28);
    canvas.style.width = `${data.size}px`; // at most: noise_slider.css lets it shrink to its column
    if (score) {
      const value = formatNumber(data.lang, binaryCrossEntropy(image, values), 4);
      score.textContent = (data.labels?.score ?? "BCE vs clean: {value}").replace("{value}", value);
    }
  });
  LiveComponent.count(view.root, "redraws");
}

export default function render(component) {
  const { data, parentElement, setTriggerValue } = component;
  if (!data) return;
  const view = LiveComponent.mountOnce(parentElement, ".noise-slider", (root) => buildView(root, data));
  if (!view) return;
  view.send = setTriggerValue;
  view.data = data;
  applyLabels(view);
  if (!LiveComponent.weightsReady(component, data.outputs.map((o) => o.weights), render)) return;
  view.scheduleRedraw();
}
