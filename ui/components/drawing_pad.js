// The drawing pad: strokes live here, in the browser; Python hears of them when a stroke ends.
//
// Streamlit runs this default export again on every rerun with the same parentElement, so the
// pad is built once (LiveComponent.mountOnce) and later runs only pass on new data. The strokes are
// never reset from Python after that: "Clear" empties them here, so a stroke begun right after
// it is kept whatever the server is doing. Needs inference.js, live.js, strokes.js and
// preprocess.js before it in the same module (assets.py joins them). Its words come from Python in
// data.labels, in the reader's language, and are put in place on every run (a change of language
// relabels the pad and keeps the drawing); the HTML's English is only there until the first run.

function paintGrey(canvas, values, size) {
  AutoencoderInference.drawGray(canvas, values, size, size);
}

/**
 * The pad's surface: its ink as grey pixels, repainted each frame only where the pen went since the
 * last one (a whole 224x224 repaint was a fifth of a slow phone's frame). `touch` marks a stroke's
 * new points, `everything` the whole surface (a given digit, undo, clear).
 */
class SurfacePainter {
  constructor(canvas, size) {
    this.size = size;
    this.context = canvas.getContext("2d");
    this.picture = this.context.createImageData(size, size);
    this.everything();
  }

  everything() {
    this.dirty = { left: 0, top: 0, right: this.size, bottom: this.size };
  }

  touch(points, radius) {
    const reach = radius + 1; // paintSegment's own margin around a segment
    for (const [x, y] of points) {
      const box = {
        left: Math.max(0, Math.floor(x - reach)),
        top: Math.max(0, Math.floor(y - reach)),
        right: Math.min(this.size, Math.ceil(x + reach)),
        bottom: Math.min(this.size, Math.ceil(y + reach)),
      };
      const dirty = this.dirty;
      this.dirty = dirty
        ? {
          left: Math.min(dirty.left, box.left),
          top: Math.min(dirty.top, box.top),
          right: Math.max(dirty.right, box.right),
          bottom: Math.max(dirty.bottom, box.bottom),
        }
        : box;
    }
  }

  /** Grey pixels of `values` (size x size, [0, 1]) where marked, as AutoencoderInference.drawGray makes them. */
  paint(values) {
    const dirty = this.dirty;
    if (!dirty || dirty.right <= dirty.left || dirty.bottom <= dirty.top) return;
    const pixels = this.picture.data;
    for (let row = dirty.top; row < dirty.bottom; row++) {
      for (let col = dirty.left; col < dirty.right; col++) {
        const i = row * this.size + col;
        const grey = Math.max(0, Math.min(255, Math.round(values[i] * 255)));
        pixels[4 * i] = pixels[4 * i + 1] = pixels[4 * i + 2] = grey;
        pixels[4 * i + 3] = 255;
      }
    }
    this.context.putImageData(this.picture, 0, 0, dirty.left, dirty.top, dirty.right - dirty.left, dirty.bottom - dirty.top);
    this.dirty = null;
  }
}

/** A size x size picture scaled up to `to` x `to` by repeating pixels (the pad's view of a given digit). */
function enlarged(values, size, to) {
  const out = new Float32Array(to * to);
  for (let y = 0; y < to; y++) {
    const row = Math.floor((y * size) / to) * size;
    for (let x = 0; x < to; x++) out[y * to + x] = values[row + Math.floor((x * size) / to)];
  }
  return out;
}

/** The pad's words from Python (data.labels): button texts and tooltips, the canvas's name, the preview's caption. */
function applyLabels(root, labels) {
  if (!labels) return;
  const put = (selector, text, title) => {
    const element = root.querySelector(selector);
    if (!element) return;
    if (text && element.textContent !== text) element.textContent = text;
    if (title) element.title = title;
  };
  put("[data-tool=pen]", labels.pen, labels.pen_title);
  put("[data-tool=eraser]", labels.eraser, labels.eraser_title);
  put("[data-action=undo]", labels.undo, labels.undo_title);
  put("[data-action=clear]", labels.clear, labels.clear_title);
  put(".seen figcaption", labels.seen);
  if (labels.tools) root.querySelector(".tools")?.setAttribute("aria-label", labels.tools);
  if (labels.surface) root.querySelector(".surface")?.setAttribute("aria-label", labels.surface);
}

/** A model's name under its picture: the title without its parenthesis, which the tooltip keeps. */
function nameModel(figure, title) {
  figure.title = title;
  figure.querySelector("figcaption").textContent = title.replace(/ \(.*\)$/, "");
}

class DrawingPad {
  constructor(root, strokes, givenDigit) {
    this.root = root;
    this.surface = root.querySelector(".surface");
    this.surface.width = this.surface.height = RASTER_SIZE;
    this.painter = new SurfacePainter(this.surface, RASTER_SIZE);
    this.seen = root.querySelector(".seen canvas");
    this.live = root.querySelector(".live");
    this.tool = "pen";
    this.strokes = strokes;
    this.ink = rasteriseStrokes(this.strokes);
    this.current = null; // the stroke under the pen, with its pointer's id
    this.digit = null;
    // A digit that came without strokes (a shared link carries only the 28x28 digit): shown, enlarged,
    // until the pen touches the pad or it is cleared; then the strokes are the drawing again.
    const fits = strokes.length === 0 && givenDigit?.length === IMAGE_SIZE * IMAGE_SIZE;
    this.given = fits ? Float32Array.from(givenDigit) : null;
    this.requestFrame = LiveComponent.everyFrame(() => this.render()); // at most one redraw per frame
    this.movedAt = null; // when the first pointer move not yet drawn happened (performance.now() time)
    this.reconstructions = []; // {run(digit) -> Float32Array(784), canvas}
    this.listen();
    this.render();
  }

  listen() {
    for (const button of this.root.querySelectorAll("[data-tool]")) {
      button.addEventListener("click", () => this.chooseTool(button.dataset.tool));
    }
    this.root.querySelector("[data-action=undo]").addEventListener("click", () => this.undo());
    this.root.querySelector("[data-action=clear]").addEventListener("click", () => this.clear());
    const surface = this.surface;
    surface.addEventListener("pointerdown", (event) => this.penDown(event));
    surface.addEventListener("pointermove", (event) => this.penMove(event));
    surface.addEventListener("pointerup", (event) => this.penUp(event));
    surface.addEventListener("pointercancel", (event) => this.penUp(event));
    surface.addEventListener("contextmenu", (event) => event.preventDefault());
  }

  chooseTool(tool) {
    this.tool = tool;
    for (const button of this.root.querySelectorAll("[data-tool]")) {
      button.setAttribute("aria-pressed", String(button.dataset.tool === tool));
    }
  }

  pointOf(event) {
    const box = this.surface.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * RASTER_SIZE;
    const y = ((event.clientY - box.top) / box.height) * RASTER_SIZE;
    return [Math.round(x * 100) / 100, Math.round(y * 100) / 100];
  }

  penDown(event) {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    if (this.current) this.finishStroke();
    event.preventDefault();
    this.given = null; // a new drawing replaces the digit the pad was given
    this.surface.setPointerCapture(event.pointerId);
    this.current = { pointerId: event.pointerId, stroke: { points: [this.pointOf(event)], erase: this.tool === "eraser" } };
    this.strokes.push(this.current.stroke);
    globalThis.autoencoderLabPenDown = true; // the class watcher holds a rerun back until the stroke ends
    paintStroke(this.ink, RASTER_SIZE, this.current.stroke, 0);
    this.painter.everything(); // once per stroke: the given digit, if any, leaves the surface

    this.requestFrame();
  }

  penMove(event) {
    if (!this.current || event.pointerId !== this.current.pointerId) return;
    const stroke = this.current.stroke;
    const from = stroke.points.length;
    // Coalesced events carry every sample since the last one, for smooth fast strokes.
    const samples = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
    for (const sample of samples.length ? samples : [event]) stroke.points.push(this.pointOf(sample));
    paintStroke(this.ink, RASTER_SIZE, stroke, from);
    this.painter.touch(stroke.points.slice(Math.max(0, from - 1)), strokeRadius(stroke));
    if (this.movedAt === null) this.movedAt = event.timeStamp;
    this.requestFrame();
  }

  penUp(event) {
    if (!this.current || event.pointerId !== this.current.pointerId) return;
    this.finishStroke();
  }

  finishStroke() {
    this.current = null;
    globalThis.autoencoderLabPenDown = false;
    this.render();
    this.send();
  }

  undo() {
    if (this.current) return;
    this.strokes.pop();
    this.ink = rasteriseStrokes(this.strokes);
    this.painter.everything();
    this.render();
    this.send();
  }

  clear() {
    this.current = null;
    globalThis.autoencoderLabPenDown = false;
    this.given = null;
    this.strokes.length = 0;
    this.ink.fill(0);
    this.painter.everything();
    this.render();
    this.send();
  }

  // One figure per variant under the pad, rebuilt only when the list of variants changes.
  showModels(models) {
    const variants = models
      .map((model) => ({ ...model, variant: AutoencoderInference.variantFrom(model.weights) }))
      .filter((model) => model.variant); // draw with those present meanwhile
    const keys = variants.map((model) => model.key).join(",");
    if (keys === this.modelKeys) {
      // The same models: only their names may have changed (another language).
      variants.forEach((model, index) => nameModel(this.reconstructions[index].figure, model.title));
      return;
    }
    this.modelKeys = keys;
    for (const old of this.reconstructions) old.figure.remove();
    this.reconstructions = variants.map((model) => {
      const figure = document.createElement("figure");
      figure.className = "reconstruction";
      figure.dataset.variant = model.key;
      figure.innerHTML = '<canvas width="28" height="28"></canvas><figcaption></figcaption>';
      nameModel(figure, model.title);
      this.live.append(figure);
      const variant = model.variant;
      return { figure, canvas: figure.querySelector("canvas"), run: (digit) => variant.decode(variant.encode(digit)) };
    });
    this.render();
  }

  render() {
    const started = performance.now();
    if (this.given) {
      this.painter.everything();
      this.painter.paint(enlarged(this.given, IMAGE_SIZE, RASTER_SIZE));
      this.digit = this.given;
    } else {
      this.painter.paint(this.ink);
      this.digit = preprocessDigit({ data: this.ink, height: RASTER_SIZE, width: RASTER_SIZE });
    }
    const blank = new Float32Array(IMAGE_SIZE * IMAGE_SIZE);
    paintGrey(this.seen, this.digit || blank, IMAGE_SIZE);
    for (const reconstruction of this.reconstructions) {
      paintGrey(reconstruction.canvas, this.digit ? reconstruction.run(this.digit) : blank, IMAGE_SIZE);
    }
    // Other views of the page follow the pen too (the Generate page's star): the digit as it is now.
    window.dispatchEvent(new CustomEvent(LiveComponent.DIGIT_EVENT, { detail: this.digit }));
    // For tests and benchmarks: how many frames were drawn, and the last one's cost.
    LiveComponent.count(this.root, "frames");
    this.root.dataset.renderMs = (performance.now() - started).toFixed(2);
    if (this.movedAt !== null) this.root.dataset.moveToFrameMs = (performance.now() - this.movedAt).toFixed(2);
    this.movedAt = null;
  }

  send() {
    if (!this.setStateValue) return;
    const digit = this.digit ? Array.from(this.digit, (v) => Math.round(v * 1e4) / 1e4) : null;
    this.setStateValue("drawing", { strokes: this.strokes, digit });
  }
}

export default function render(component) {
  const { data, parentElement, setStateValue } = component;
  const pad = LiveComponent.mountOnce(parentElement, ".drawing-pad", (root) => {
    const created = new DrawingPad(root, (data && data.strokes) || [], data && data.digit);
    root.drawingPad = created; // tests and benchmarks reach the pad through its element
    return created;
  });
  if (!pad) return;
  pad.setStateValue = setStateValue;
  pad.root.style.setProperty("--pad-size", `${(data && data.size) || 224}px`);
  applyLabels(pad.root, data && data.labels);
  const models = (data && data.models) || [];
  LiveComponent.weightsReady(component, models.map((model) => model.weights), render); // draws again as each comes
  pad.showModels(models); // with those already here meanwhile
}
