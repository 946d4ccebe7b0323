// The picture of the digit under the pointer on a Plotly map of codes (map_hover.py says why).
// Plotly's hover label holds text only; this listens to the chart's own plotly_hover and draws the
// digit from a sprite of the map's digits (a hidden st.image: one HTTP file the browser caches).
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
  Object.assign(canvas.style, { display: "block", imageRendering: "pixelated", background: "#000" });
  const caption = document.createElement("figcaption");
  box.append(canvas, caption);
  document.body.append(box);
  return box;
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
  box.querySelector("figcaption").textContent = `${point.data?.name ? `a ${point.data.name}, ` : ""}test #${row}`;
  box.dataset.row = String(row);
  const x = event.event?.clientX ?? 0, y = event.event?.clientY ?? 0;
  box.style.display = "block";
  // Beside the pointer, on the side with room, never over the dot itself.
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
  chart.on("plotly_hover", (event) => show(window.autoencoderLabMapHover, event));
  chart.on("plotly_unhover", hide);
}

export default function ({ data }) {
  if (!data) return;
  window.autoencoderLabMapHover = data; // the newest sizes and keys, for listeners already attached
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
