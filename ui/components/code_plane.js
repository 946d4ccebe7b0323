/*
 * The Generate page's planes (code_plane.py says why): for each 2-number model, its test codes as
 * dots coloured by digit, your digit as a star, the walk as a line, and under the pointer (mouse,
 * pen or finger) anywhere on the plane, that point decoded here in the browser and drawn large
 * beside it. Below each plane, the manifold: a grid of codes decoded, drawn once per model.
 *
 * data: {digit, size, colours, language, labels,
 *        models: [{key, title, ariaLabels, weights, codes, labels, range, grid, walkTo}]}
 * `data.labels`, `title` and `ariaLabels`: every word shown, in the reader's language, applied on
 * every render in place (a change of language keeps the planes as they are); `language` ("en", "ru")
 * says how numbers are written.
 * `digit`: float32 (784) or null; `codes`: float32 (N x 2); `labels`: uint8; each a base64 data URL;
 * `range`: [xMin, xMax, yMin, yMax] of the plane; `grid`: {xs, ys} coordinates of the manifold's
 * columns and rows; `walkTo`: the code the walk ends at, or null.
 * While someone draws on the pad (the sidebar's), the star follows the pen: the pad sends its
 * digit on every frame (LiveComponent.DIGIT_EVENT) and each plane encodes it here.
 */

const MARGIN = 0.04; // of the plane's side, around the range
const PIXELS = 480; // the plane canvas's own resolution (CSS scales it)

/** A base64 data URL's bytes as a `Type` array (Float32Array, Uint8Array). */
function decodeBase64(dataUrl, Type) {
  const text = atob(dataUrl.slice(dataUrl.indexOf(",") + 1));
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return new Type(bytes.buffer);
}

function buildPanel(model) {
  const element = document.createElement("section");
  element.className = "panel";
  element.dataset.model = model.key;
  element.innerHTML = `<h3></h3><div class="row"><canvas class="plane"></canvas>
    <figure><canvas class="decoded"></canvas><figcaption></figcaption></figure></div>
    <canvas class="manifold"></canvas>`;
  const panel = {
    element,
    plane: element.querySelector("canvas.plane"),
    decoded: element.querySelector("canvas.decoded"),
    caption: element.querySelector("figcaption"),
    manifold: element.querySelector("canvas.manifold"),
    pointer: null, // the plane's point under the pointer, in code units
    model: null,
  };
  panel.plane.width = panel.plane.height = PIXELS;
  const follow = (event) => {
    panel.pointer = toCode(panel, event);
    panel.movedAt ??= event.timeStamp; // the oldest move this frame answers (for the benchmark)
    panel.scheduleRedraw();
  };
  panel.plane.addEventListener("pointermove", follow);
  panel.plane.addEventListener("pointerdown", (event) => {
    panel.plane.setPointerCapture?.(event.pointerId);
    follow(event);
  });
  panel.plane.addEventListener("pointerleave", (event) => {
    if (event.pointerType !== "mouse") return; // a lifted finger leaves its point and picture in place
    panel.pointer = null;
    panel.scheduleRedraw();
  });
  panel.scheduleRedraw = LiveComponent.everyFrame(() => redraw(panel));
  return panel;
}

/** The panel's words, from the model's data: on every render, so a new language shows at once. */
function labelPanel(panel, model) {
  panel.element.querySelector("h3").textContent = model.title;
  panel.plane.setAttribute("aria-label", model.ariaLabels.plane);
  panel.manifold.setAttribute("aria-label", model.ariaLabels.manifold);
}

/** The plane's range with a margin: [x0, x1, y0, y1]. */
function bounds(model) {
  const [x0, x1, y0, y1] = model.range;
  const dx = (x1 - x0) * MARGIN, dy = (y1 - y0) * MARGIN;
  return [x0 - dx, x1 + dx, y0 - dy, y1 + dy];
}

function toCanvas(model, x, y) {
  const [x0, x1, y0, y1] = bounds(model);
  return [((x - x0) / (x1 - x0)) * PIXELS, (1 - (y - y0) / (y1 - y0)) * PIXELS];
}

function toCode(panel, event) {
  const box = panel.plane.getBoundingClientRect();
  const [x0, x1, y0, y1] = bounds(panel.model);
  const u = (event.clientX - box.left) / box.width, v = (event.clientY - box.top) / box.height;
  if (u < 0 || u > 1 || v < 0 || v > 1) return null;
  return [x0 + u * (x1 - x0), y1 - v * (y1 - y0)];
}

function star(context, x, y, radius) {
  context.beginPath();
  for (let i = 0; i < 10; i++) {
    const r = i % 2 ? radius * 0.45 : radius, angle = -Math.PI / 2 + (i * Math.PI) / 5;
    context.lineTo(x + r * Math.cos(angle), y + r * Math.sin(angle));
  }
  context.closePath();
  context.fillStyle = "#000";
  context.strokeStyle = "#fff";
  context.lineWidth = 2;
  context.fill();
  context.stroke();
}

/** The dots, once per model, kept as a bitmap: a redraw under the pointer only copies it. */
function drawDots(panel, colours) {
  const { model } = panel;
  const dots = document.createElement("canvas");
  dots.width = dots.height = PIXELS;
  const context = dots.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, PIXELS, PIXELS);
  // The axes through 0, faint: code units, no projection.
  context.strokeStyle = "rgba(49, 51, 63, 0.25)";
  const [ox, oy] = toCanvas(model, 0, 0);
  context.beginPath();
  context.moveTo(ox, 0);
  context.lineTo(ox, PIXELS);
  context.moveTo(0, oy);
  context.lineTo(PIXELS, oy);
  context.stroke();
  context.globalAlpha = 0.6;
  for (let i = 0; i < model.labels.length; i++) {
    const [x, y] = toCanvas(model, model.codes[2 * i], model.codes[2 * i + 1]);
    context.fillStyle = colours[model.labels[i]];
    context.fillRect(x - 1.5, y - 1.5, 3, 3);
  }
  panel.dots = dots;
}

function drawManifold(panel) {
  const { model } = panel;
  const variant = AutoencoderInference.variantFrom(model.weights);
  const { xs, ys } = model.grid;
  // Every code of the grid, row by row from the top (the largest y), decoded in one batched pass
  // (inference.js, decodeMany) and drawn as one picture: 400 decodes in a few milliseconds.
  const codes = new Float32Array(2 * xs.length * ys.length);
  let at = 0;
  for (let row = ys.length - 1; row >= 0; row--) {
    for (const x of xs) {
      codes[at++] = x;
      codes[at++] = ys[row];
    }
  }
  const images = variant.decodeMany(codes, xs.length * ys.length);
  AutoencoderInference.drawGrayGrid(panel.manifold, images, 28, 28, xs.length, ys.length);
  const canvas = panel.manifold;
  canvas.dataset.drawn = String(xs.length * ys.length); // for the tests
}

function redraw(panel) {
  const { model } = panel;
  const variant = AutoencoderInference.variantFrom(model.weights);
  if (!variant || !panel.dots) return;
  const context = panel.plane.getContext("2d");
  context.drawImage(panel.dots, 0, 0);
  const digitCode = panel.digitCode;
  if (digitCode && model.walkTo) {
    const [ax, ay] = toCanvas(model, digitCode[0], digitCode[1]);
    const [bx, by] = toCanvas(model, model.walkTo[0], model.walkTo[1]);
    context.strokeStyle = "#000";
    context.lineWidth = 2.5;
    context.setLineDash([8, 5]);
    context.beginPath();
    context.moveTo(ax, ay);
    context.lineTo(bx, by);
    context.stroke();
    context.setLineDash([]);
    context.fillStyle = "#000";
    context.beginPath();
    context.arc(bx, by, 6, 0, 2 * Math.PI);
    context.fill();
  }
  if (digitCode) star(context, ...toCanvas(model, digitCode[0], digitCode[1]), 13);
  const point = panel.pointer ?? digitCode;
  if (panel.pointer) {
    const [px, py] = toCanvas(model, point[0], point[1]);
    context.strokeStyle = "#d62728";
    context.lineWidth = 2;
    context.strokeRect(px - 7, py - 7, 14, 14);
  }
  if (!point) return;
  AutoencoderInference.drawGray(panel.decoded, variant.decode(Float32Array.of(point[0], point[1])), 28, 28);
  const { labels, format } = panel.words;
  panel.caption.textContent = panel.pointer
    ? labels.decodedAt.replace("{x}", format(point[0])).replace("{y}", format(point[1]))
    : labels.yourDigit;
  panel.element.dataset.point = JSON.stringify(point); // for the tests: the code just decoded
  if (panel.movedAt !== undefined) {
    // Pointer event to digit drawn, in the page (benchmarks/browser.py): the same clock as timeStamp.
    panel.element.dataset.moveToFrameMs = (performance.now() - panel.movedAt).toFixed(2);
    panel.movedAt = undefined;
  }
  LiveComponent.count(panel.element, "decodes");
}

export default function render(component) {
  const { data, parentElement } = component;
  if (!data) return;
  const root = parentElement.querySelector(".code-plane");
  if (!root) return;
  root.querySelector(".not-live").textContent = data.labels.loading; // shown while the weights load
  root.querySelector(".legend").setAttribute("aria-label", data.labels.legend);
  // The captions' words and number format, shared by the panels (redraw reads them).
  const numbers = new Intl.NumberFormat(data.language ?? "en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const words = { labels: data.labels, format: (value) => numbers.format(value) };
  if (!LiveComponent.weightsReady(component, data.models.map((model) => model.weights), render)) return;
  root.querySelector(".not-live").hidden = true;
  const holder = root.querySelector(".panels");
  holder.hidden = false;
  root.style.setProperty("--plane-size", `${data.size}px`);
  root.style.setProperty("--picture-size", `${Math.round(data.size / 3)}px`);
  root.__panels ??= {};
  const digit = data.digit ? decodeBase64(data.digit, Float32Array) : null;
  if (!root.__followsThePen) {
    root.__followsThePen = true;
    window.addEventListener(LiveComponent.DIGIT_EVENT, (event) => {
      if (!root.isConnected) return;
      for (const panel of Object.values(root.__panels)) {
        const variant = panel.model && AutoencoderInference.variantFrom(panel.model.weights);
        if (!variant || !event.detail) continue;
        panel.digitCode = variant.encode(event.detail);
        panel.scheduleRedraw();
        LiveComponent.count(panel.element, "penFollows");
      }
    });
  }
  holder.replaceChildren(
    ...data.models.map((model) => {
      const panel = (root.__panels[model.key] ??= buildPanel(model));
      panel.words = words;
      const fresh = panel.codesText !== model.codes;
      panel.model = {
        ...model,
        codes: fresh ? decodeBase64(model.codes, Float32Array) : panel.model.codes,
        labels: fresh ? decodeBase64(model.labels, Uint8Array) : panel.model.labels,
      };
      if (fresh) {
        panel.codesText = model.codes;
        drawDots(panel, data.colours);
        drawManifold(panel);
      }
      labelPanel(panel, model);
      const variant = AutoencoderInference.variantFrom(model.weights);
      panel.digitCode = digit ? variant.encode(digit) : null; // a VAE's code: its mean
      panel.scheduleRedraw();
      return panel.element;
    }),
  );
  root.querySelector(".legend").replaceChildren(
    ...data.colours.map((colour, digitLabel) => {
      const chip = document.createElement("span");
      chip.style.setProperty("--colour", colour);
      chip.textContent = String(digitLabel);
      return chip;
    }),
  );
}
