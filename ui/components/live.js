/*
 * What every live component repeats, in one place (assets.py puts it after inference.js and
 * before the component's own JavaScript, in the same ES module):
 *
 *   LiveComponent.mountOnce(parentElement, selector, build)
 *       Streamlit runs a component's default export again on every rerun with the same
 *       parentElement: build the view once, keep it on its root element, return it each time.
 *   LiveComponent.everyFrame(draw)
 *       A function that asks for `draw()` at most once per animation frame, however many
 *       pointer or input events call it.
 *   LiveComponent.sendLater(delayMs, send)
 *       A function that calls `send(...)` once, `delayMs` after the last call: one message to
 *       Python for a burst of key presses or the end of a drag.
 *   LiveComponent.weightsReady(component, weightsList, render)
 *       True when the page holds every variant in `weightsList` ({id, url} each; null entries
 *       are skipped). Otherwise fetches the missing ones (inference.js `fetchVariant`), returns
 *       false, and calls `render` again with the component's latest arguments as each one is
 *       loaded. Should a fetch fail, a line in the component says so (in the words of
 *       `data.labels.weights_missing`, with "{error}" for the reason) and it tries again.
 *   LiveComponent.keepValueOnScroll(input)
 *       A range input moves to where a finger lands, before the browser knows whether the finger
 *       drags sideways or scrolls the page. With `touch-action: pan-y` (the components' CSS) a
 *       vertical swipe becomes a scroll and the input gets `pointercancel`: then the value the
 *       input had before the touch is put back (with `input` and `change`, so the view and Python
 *       follow), and only a sideways drag moves the slider.
 *   LiveComponent.DIGIT_EVENT
 *       The window event the drawing pad sends with its digit on every frame it draws, so that a
 *       component elsewhere on the page (the Generate page's planes) follows the pen too.
 *   LiveComponent.count(root, name)
 *       Adds one to `root.dataset[name]`: how the tests and benchmarks see redraws and sends.
 */

// How long a component waits before fetching weights that failed to arrive again.
const WEIGHTS_RETRY_MS = 4000;

const LiveComponent = {
  // The drawing pad's digit on every frame it draws (detail: Float32Array(784) or null), for any
  // other component that follows the pen.
  DIGIT_EVENT: "autoencoder-lab-digit",

  mountOnce(parentElement, selector, build) {
    const root = parentElement.querySelector(selector);
    if (!root) return null;
    return root.__view ?? (root.__view = build(root));
  },

  everyFrame(draw) {
    let requested = false;
    return () => {
      if (requested) return;
      requested = true;
      requestAnimationFrame(() => {
        requested = false;
        draw();
      });
    };
  },

  sendLater(delayMs, send) {
    let timer = null;
    return (...values) => {
      clearTimeout(timer);
      timer = setTimeout(() => send(...values), delayMs);
    };
  },

  weightsReady(component, weightsList, render) {
    const holder = component.parentElement;
    holder.__latestComponent = component;
    const missing = weightsList.filter((weights) => weights && !AutoencoderInference.variantFrom(weights));
    if (!missing.length) {
      holder.querySelector(":scope > .weights-problem")?.remove();
      return true;
    }
    // Draw again as each file arrives, with the newest arguments: on a slow network the small models
    // come seconds before the large one, and show meanwhile. Each file is awaited once per holder.
    const again = () => render(holder.__latestComponent);
    const awaited = (holder.__awaitedWeights ??= new Set());
    for (const weights of missing) {
      if (awaited.has(weights.id)) continue;
      awaited.add(weights.id);
      AutoencoderInference.fetchVariant(weights).then(
        () => {
          awaited.delete(weights.id);
          again();
        },
        (error) => {
          awaited.delete(weights.id);
          LiveComponent.sayWeightsMissing(holder, error);
          setTimeout(again, WEIGHTS_RETRY_MS);
        },
      );
    }
    return false;
  },

  sayWeightsMissing(holder, error) {
    let problem = holder.querySelector(":scope > .weights-problem");
    if (!problem) {
      problem = document.createElement("p");
      problem.className = "weights-problem";
      problem.setAttribute("role", "alert");
      holder.append(problem);
    }
    // The words come from Python in the reader's language (ui/components/browser_weights.py).
    const words =
      holder.__latestComponent?.data?.labels?.weights_missing ?? "The models' weights did not arrive ({error}); trying again…";
    problem.textContent = words.replace("{error}", error.message);
  },

  keepValueOnScroll(input) {
    let before = null;
    input.addEventListener("pointerdown", (event) => {
      before = event.pointerType === "touch" ? input.value : null;
    });
    input.addEventListener("pointerup", () => {
      before = null;
    });
    input.addEventListener("pointercancel", () => {
      const value = before;
      before = null;
      if (value === null || input.value === value) return;
      input.value = value;
      input.dispatchEvent(new Event("input"));
      input.dispatchEvent(new Event("change"));
    });
  },

  count(root, name) {
    root.dataset[name] = String(Number(root.dataset[name] ?? 0) + 1);
  },
};
