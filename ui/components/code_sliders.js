/*
 * Live code sliders: one range input per code dimension; every move redraws the decoded digit
 * and the code picture here in the browser (AutoencoderInference and LiveComponent, prepended by
 * assets.py).
 * Python learns the code only when a gesture ends (pointer released, key pressed), a short
 * pause later, as the trigger "code" = {variant, values}; it validates it (code_sliders.py).
 *
 * data: {weights, variant, code, version, low, high, columns, size, big, paint, colours, sliders, language, labels}
 * `sliders: false` shows the pictures alone, side by side (the lesson paints the conv code).
 * `labels`: every word shown, in the reader's language (code_sliders.py); `language` ("en", "ru")
 * says how the readouts write numbers. Both are applied on every render, in place: a change of
 * language relabels the sliders and leaves their values alone.
 * `version` changes only when the server sets the code (a button, the map, a new input); the
 * sliders then jump to `code`. Otherwise the browser's own values stand, so a rerun never
 * moves a slider under the person's hand. The DOM is built once per mount
 * (LiveComponent.mountOnce); this function runs again on every rerun with the same parentElement.
 */

const SEND_DELAY_MS = 250; // after the last release or key press: one message for a burst of keys

function buildView(root) {
  const layout = root.querySelector(".layout");
  const view = {
    root,
    grid: root.querySelector(".grid"),
    decoded: root.querySelector(".decoded"),
    codePicture: root.querySelector(".code-picture"),
    brush: root.querySelector(".brush"),
    inputs: [],
    readouts: [],
    code: null,
    variant: null,
    version: null,
    data: null,
    send: null,
    language: null,
    format: (value) => value.toFixed(2), // the readouts' numbers; setLanguage replaces it
  };
  root.querySelector(".not-live").hidden = true;
  layout.hidden = false;

  view.scheduleRedraw = LiveComponent.everyFrame(() => redraw(view));
  view.sendSoon = LiveComponent.sendLater(SEND_DELAY_MS, () => {
    view.send("code", { variant: view.data.variant, values: Array.from(view.code) });
    LiveComponent.count(view.root, "sent"); // for the tests
  });
  setUpPainting(view);
  view.foldToggle = root.querySelector(".fold-toggle");
  view.foldToggle.addEventListener("click", () => {
    root.classList.toggle("sliders-open");
    labelFold(view);
  });
  return view;
}

/** The phone's fold button says what a press will do (code_sliders.css shows it on phones only). */
function labelFold(view) {
  const open = view.root.classList.contains("sliders-open");
  const { labels } = view.data;
  view.foldToggle.setAttribute("aria-expanded", String(open));
  view.foldToggle.textContent = open ? labels.hideSliders : labels.showSliders;
}

/** Numbers as the reader's language writes them (0.50, or 0,50 in Russian); the readouts follow. */
function setLanguage(view, language) {
  if (view.language === language) return;
  view.language = language;
  const numbers = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  view.format = (value) => numbers.format(value);
  view.inputs.forEach((input, dimension) => {
    view.readouts[dimension].textContent = view.format(Number(input.value));
  });
}

/** Every word of the component, from `data.labels`: on each render, so a new language shows at once. */
function applyLabels(view, data) {
  const { root } = view;
  const labels = data.labels;
  const text = (selector, value) => {
    root.querySelector(selector).textContent = value;
  };
  view.grid.setAttribute("aria-label", labels.grid);
  view.decoded.setAttribute("aria-label", labels.decodedPicture);
  view.codePicture.setAttribute("aria-label", labels.codePicture);
  text(".decoded-caption", labels.decodedCaption);
  text(".code-caption", data.paint ? labels.paintCaption : labels.codeCaption);
  text(".brush-label", labels.brush);
  text(".brush-size option[value='0']", labels.oneCell);
  text(".raise-label", labels.raise);
  text(".lower-label", labels.lower);
  view.inputs.forEach((input, dimension) => {
    input.setAttribute("aria-label", labels.dimension.replace("{dimension}", String(dimension)));
  });
  labelFold(view);
}

/** (Re)build the slider grid for a code of `size` numbers. */
function buildSliders(view, data) {
  view.grid.replaceChildren();
  view.grid.style.setProperty("--columns", String(data.columns));
  view.inputs = [];
  view.readouts = [];
  for (let dimension = 0; dimension < data.code.length; dimension++) {
    const cell = document.createElement("label");
    cell.className = "dimension";
    const label = document.createElement("span");
    label.className = "label";
    const name = document.createElement("span");
    name.textContent = `#${dimension}`;
    const readout = document.createElement("span");
    readout.className = "readout";
    label.append(name, readout);
    const input = document.createElement("input");
    input.type = "range";
    input.step = "0.01";
    input.dataset.dimension = String(dimension); // its aria-label: applyLabels
    // Native range inputs follow mouse, touch, pen and keyboard; `input` fires on every move.
    input.addEventListener("input", () => {
      view.code[dimension] = Number(input.value);
      readout.textContent = view.format(Number(input.value));
      view.scheduleRedraw();
    });
    // `change` fires on release (pointer) and on each key press: the gesture is over.
    input.addEventListener("change", view.sendSoon);
    LiveComponent.keepValueOnScroll(input); // a vertical swipe scrolls the page, never moves a slider
    cell.append(label, input);
    view.grid.append(cell);
    view.inputs.push(input);
    view.readouts.push(readout);
  }
}

function setRanges(view, data) {
  view.inputs.forEach((input, dimension) => {
    input.min = String(data.low[dimension]);
    input.max = String(data.high[dimension]);
  });
}

/** Put `code` into the sliders (clipped by them) and the working code. */
function applyCode(view, code) {
  view.code = Float32Array.from(code);
  view.inputs.forEach((input, dimension) => {
    input.value = String(code[dimension]);
    view.readouts[dimension].textContent = view.format(Number(input.value));
  });
}

function syncSlidersFromCode(view) {
  view.inputs.forEach((input, dimension) => {
    input.value = String(view.code[dimension]);
    view.readouts[dimension].textContent = view.format(view.code[dimension]);
  });
}

function redraw(view) {
  const variant = AutoencoderInference.variantFrom(view.data.weights);
  if (!variant) return;
  AutoencoderInference.drawGray(view.decoded, variant.decode(view.code), 28, 28);
  drawCode(view);
  LiveComponent.count(view.root, "redraws");
}

/** The code as a 7x7 heatmap (49 numbers; white is 0) or as bars, as ui/pictures.py draws it. */
function drawCode(view) {
  const { colours, size } = view.data;
  const code = view.code;
  const peak = code.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  const colour = (value) => {
    const index = Math.max(0, Math.min(255, Math.round((0.5 + 0.5 * value / peak) * 255)));
    return `rgb(${colours[3 * index]}, ${colours[3 * index + 1]}, ${colours[3 * index + 2]})`;
  };
  const canvas = view.codePicture;
  const context = canvas.getContext("2d");
  if (code.length === 49) {
    if (canvas.width !== 7) [canvas.width, canvas.height] = [7, 7];
    for (let i = 0; i < 49; i++) {
      context.fillStyle = colour(code[i]);
      context.fillRect(i % 7, Math.floor(i / 7), 1, 1);
    }
    return;
  }
  if (canvas.width !== size) [canvas.width, canvas.height] = [size, size];
  context.fillStyle = "#fff";
  context.fillRect(0, 0, size, size);
  const middle = Math.floor(size / 2);
  const bar = Math.floor(size / code.length);
  const gap = size % code.length;
  context.fillStyle = "rgb(160, 160, 160)";
  context.fillRect(0, middle, size, 1);
  code.forEach((value, index) => {
    const height = Math.round((value / peak) * (middle - 2));
    const left = Math.floor(gap / 2) + index * bar + 1;
    context.fillStyle = colour(height > 0 ? peak : -peak);
    if (height > 0) context.fillRect(left, middle - height, bar - 2, height);
    else if (height < 0) context.fillRect(left, middle + 1, bar - 2, -height);
  });
}

/** The conv code is a 7x7 picture: drag on it to raise or lower the cells under the brush. */
function setUpPainting(view) {
  const canvas = view.codePicture;
  const brushSize = view.brush.querySelector(".brush-size");
  let painting = false;
  const paintAt = (event) => {
    const box = canvas.getBoundingClientRect();
    const column = Math.floor(((event.clientX - box.left) / box.width) * 7);
    const row = Math.floor(((event.clientY - box.top) / box.height) * 7);
    const radius = Number(brushSize.value);
    const direction = Number(view.brush.querySelector("input[name='brush-mode']:checked").value);
    const { low, high } = view.data;
    for (let y = row - radius; y <= row + radius; y++) {
      for (let x = column - radius; x <= column + radius; x++) {
        if (y < 0 || y >= 7 || x < 0 || x >= 7) continue;
        const cell = y * 7 + x;
        // A twentieth of the cell's range per move: a stroke across it raises it visibly.
        const step = direction * 0.05 * (high[cell] - low[cell]);
        view.code[cell] = Math.min(high[cell], Math.max(low[cell], view.code[cell] + step));
      }
    }
    syncSlidersFromCode(view);
    view.scheduleRedraw();
  };
  canvas.addEventListener("pointerdown", (event) => {
    if (!view.data?.paint) return;
    painting = true;
    canvas.setPointerCapture(event.pointerId);
    paintAt(event);
  });
  canvas.addEventListener("pointermove", (event) => {
    if (painting) paintAt(event);
  });
  const stop = () => {
    if (!painting) return;
    painting = false;
    view.sendSoon();
  };
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
}

export default function render(component) {
  const { data, parentElement, setTriggerValue } = component;
  if (!data) return;
  const view = LiveComponent.mountOnce(parentElement, ".code-sliders", buildView);
  if (!view) return;
  const root = view.root;
  view.send = setTriggerValue;
  view.data = data;
  root.classList.toggle("big", Boolean(data.big)); // big mode: see code_sliders.css
  root.classList.toggle("pictures-only", data.sliders === false);
  applyLabels(view, data); // at once: the captions show while the weights load

  if (!LiveComponent.weightsReady(component, [data.weights], render)) return;
  if (view.inputs.length !== data.code.length || view.variant !== data.variant) {
    buildSliders(view, data);
    view.variant = data.variant;
    view.version = null;
    root.dataset.variant = data.variant; // which variant these sliders are for (tests, benchmark)
    view.language = null; // the new readouts are written in the language below
    applyLabels(view, data); // the new sliders' names, and the fold button's count
  }
  setLanguage(view, data.language ?? "en");
  setRanges(view, data);
  if (view.version !== data.version) {
    view.version = data.version;
    applyCode(view, data.code);
  }
  const size = `${data.size}px`;
  view.decoded.style.width = size; // at most: code_sliders.css lets both shrink, square, to fit
  view.codePicture.style.width = size;
  view.codePicture.classList.toggle("paintable", Boolean(data.paint));
  view.brush.hidden = !data.paint;
  view.scheduleRedraw();
}
