// The picture under the pointer on a Plotly map of codes (map_hover.py says why).
// On a dot: that test digit, from a sprite of the map's digits (a hidden st.image: one HTTP file the
// browser caches), via the chart's own plotly_hover. Anywhere else on the plane: the code the point
// stands for (mean + x·axis1 + y·axis2), decoded here in the browser as the pointer moves.
// The captions: data.labels, in the reader's language, with numbers written as data.language does.
const CHECK_MS = 500; // a rerun may replace the chart's element: look for a new one this often

function pictureBox() {
  let box = document.getElementById("autoencoder-lab-map-hover");
  if (box) return box;
  box = document.createElement("figure");
  box.id = "autoencoder-lab-map-hover";
  box.className = "map-hover-picture";
  Object.assign(box.style, {
    position: "fixed", zIndex: 1000, margin: 0, padding: "6px", pointerEvents: "none", display: "none",
    background: "#fff", border: "1px solid rgba(49, 51, 63, 0.25)", borderRadius: "6px",
    boxShadow: "0 2px 8px rgba(0, 0, 0, 0.2)", font: "13px sans-serif", textAlign: "center",
  });
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 28;
  Object.assign(canvas.style, { display: "block", margin: "0 auto", imageRendering: "pixelated", background: "#000" });
  const caption = document.createElement("figcaption");
  box.append(canvas, caption);
  document.body.append(box);
  return box;
}

/** `template` with each {name} replaced by `values[name]`. */
function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** A coordinate with one decimal, as the reader's language writes it (0.5, or 0,5 in Russian). */
function coordinate(state, value) {
  return new Intl.NumberFormat(state.language ?? "en", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

function show(state, event) {
  const point = event.points?.[0];
  const row = Array.isArray(point?.customdata) ? point.customdata[0] : point?.customdata;
  const sprite = document.querySelector(`.st-key-${state.sprite} img`);
  if (!Number.isInteger(row) || !sprite?.complete || !sprite.naturalWidth) return;
  const box = pictureBox();
  const canvas = box.querySelector("canvas");
  const { columns, cell, size } = state;
  canvas.style.width = canvas.style.height = `${size}px`;
  const context = canvas.getContext("2d");
  context.imageSmoothingEnabled = false;
  context.clearRect(0, 0, 28, 28);
  context.drawImage(sprite, (row % columns) * cell, Math.floor(row / columns) * cell, cell, cell, 0, 0, 28, 28);
  const digit = point.data?.name;
  box.querySelector("figcaption").textContent = digit
    ? fill(state.labels.dot, { digit, row })
    : fill(state.labels.row, { row });
  box.dataset.row = String(row);
  place(box, event.event?.clientX ?? 0, event.event?.clientY ?? 0);
}

/** The plane's point under the pointer, in the chart's data units, or null outside the plot area. */
function pointOnPlane(chart, event) {
  const layout = chart._fullLayout;
  if (!layout?.xaxis?.p2l) return null;
  const box = chart.getBoundingClientRect();
  const px = event.clientX - box.left - layout.xaxis._offset;
  const py = event.clientY - box.top - layout.yaxis._offset;
  if (px < 0 || py < 0 || px > layout.xaxis._length || py > layout.yaxis._length) return null;
  return [layout.xaxis.p2l(px), layout.yaxis.p2l(py)];
}

function decodeAt(state, chart, event) {
  // Plotly's hover is throttled to its own frames: a dot it has picked (its `_hoverdata`) wins over
  // the empty-plane decoding, whichever frame comes first.
  if (state.onDot || chart._hoverdata?.length || !state.weights) return;
  const point = pointOnPlane(chart, event);
  const variant = point && AutoencoderInference.variantFrom(state.weights);
  if (!variant) {
    hide();
    return;
  }
  const [x, y] = point;
  const code = new Float32Array(state.mean.length);
  for (let i = 0; i < code.length; i++) code[i] = state.mean[i] + x * state.axes[0][i] + y * state.axes[1][i];
  const box = pictureBox();
  const canvas = box.querySelector("canvas");
  canvas.style.width = canvas.style.height = `${state.size}px`;
  AutoencoderInference.drawGray(canvas, variant.decode(code), 28, 28);
  box.querySelector("figcaption").textContent = fill(state.labels.decodedAt, {
    x: coordinate(state, x),
    y: coordinate(state, y),
  });
  box.dataset.row = "";
  box.dataset.point = JSON.stringify([x, y]); // for the tests: the exact point decoded
  place(box, event.clientX, event.clientY);
  LiveComponent.count(box, "decodes"); // for the tests
}

function place(box, x, y) {
  box.style.display = "block";
  // Beside the pointer, on the side with room, never over the point itself.
  const width = box.offsetWidth, height = box.offsetHeight;
  box.style.left = `${x + 18 + width > window.innerWidth ? x - 18 - width : x + 18}px`;
  box.style.top = `${Math.max(4, Math.min(y - height / 2, window.innerHeight - height - 4))}px`;
}

function hide() {
  const box = document.getElementById("autoencoder-lab-map-hover");
  if (box) box.style.display = "none";
}

function attach(state) {
  const chart = document.querySelector(`.st-key-${state.chart} .js-plotly-plot`);
  if (!chart || chart.__mapHover || typeof chart.on !== "function") return;
  chart.__mapHover = true;
  chart.on("plotly_hover", (event) => {
    window.autoencoderLabMapHover.onDot = true;
    show(window.autoencoderLabMapHover, event);
  });
  chart.on("plotly_unhover", () => {
    window.autoencoderLabMapHover.onDot = false;
    hide();
  });
  const decodeSoon = LiveComponent.everyFrame(() => decodeAt(window.autoencoderLabMapHover, chart, chart.__lastPointer));
  chart.addEventListener("pointermove", (event) => {
    chart.__lastPointer = { clientX: event.clientX, clientY: event.clientY };
    decodeSoon();
  });
  chart.addEventListener("pointerleave", () => {
    window.autoencoderLabMapHover.onDot = false;
    hide();
  });
}

export default function render(component) {
  const { data } = component;
  if (!data) return;
  // The newest sizes, keys and weights, for listeners already attached.
  window.autoencoderLabMapHover = { ...data, onDot: window.autoencoderLabMapHover?.onDot ?? false };
  if (data.weights) LiveComponent.weightsReady(component, [data.weights], render);
  hide(); // a rerun redraws the chart under a still pointer
  attach(data);
  if (!window.autoencoderLabMapHoverTimer) {
    window.autoencoderLabMapHoverTimer = setInterval(() => {
      const state = window.autoencoderLabMapHover;
      if (state && document.querySelector(`.st-key-${state.chart}`)) attach(state);
      else hide();
    }, CHECK_MS);
  }
}
