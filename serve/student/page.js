// A student's page of a class (serve/student_page.py): the drawing pad, the digit meant, Send, and
// the class's map, with no Streamlit in between.
//
// This file comes after the drawing pad's module in the same script, so it calls the pad's
// `render` as Streamlit calls a component: with its data, the element holding its HTML, and a
// `setStateValue` that here keeps the digit for Send. The page's words and addresses come from
// the server in #page-data, in the page's language. The student's id and name are kept per class
// in the browser (a reload or a change of language is the same student, under the same name), and
// the strokes, the digit meant and the last Send for this tab (a reload keeps the drawing, and
// does not send it twice).

const page = JSON.parse(document.getElementById("page-data").textContent);
const idKey = `autoencoder-lab.class.${page.code}.student`;
const nameKey = `autoencoder-lab.class.${page.code}.name`;
const strokesKey = `autoencoder-lab.class.${page.code}.strokes`;
const meantKey = `autoencoder-lab.class.${page.code}.meant`;
const lastSentKey = `autoencoder-lab.class.${page.code}.last-sent`;
// The same digit sent again this soon is one press heard twice (a double tap), not a second digit.
const DOUBLE_SEND_MS = page.doubleSendSeconds * 1000;

const form = document.querySelector("form.send");
const sendButton = form.querySelector(".send-button");
const notice = form.querySelector(".notice");
const board = document.querySelector(".board");

let student = null;
let digit = null; // the pad's digit as 784 numbers, or null for an empty pad
let lastSent = null; // {fingerprint, at: Date.now()}
let shownVersion = null;
let ended = false;

// `storage` is "localStorage" or "sessionStorage", named: a browser that refuses storage throws as
// soon as the page touches the object itself, and the page works without it.
function kept(storage, key) {
  try {
    return globalThis[storage].getItem(key);
  } catch {
    return null;
  }
}

function keep(storage, key, value) {
  try {
    globalThis[storage].setItem(key, value);
  } catch {
    // as above
  }
}

function say(kind, text) {
  notice.className = `notice ${kind}`;
  notice.textContent = text;
}

async function call(url, body) {
  const address = `${url}?lang=${page.lang}`;
  const response = await fetch(address, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  // Not JSON (a proxy's error page): no words of ours to show, so the caller says its own.
  const answer = await response.json().catch(() => ({ error: null }));
  return { ok: response.ok, state: answer.state, ...answer };
}

function end(text) {
  ended = true;
  sendButton.disabled = true;
  board.hidden = true; // its digits are deleted with the class
  say("error", text);
}

async function join() {
  say("info", page.words.joining);
  try {
    const answer = await call(page.urls.students, { student: kept("localStorage", idKey) });
    if (!answer.ok) {
      if (answer.state === "gone") {
        end(answer.error);
        return;
      }
      // The store out of reach, a server restarting behind the balancer, a class filling up: try again.
      say("error", answer.error || page.words.offline);
      setTimeout(join, page.pollSeconds * 1000);
      return;
    }
    student = answer.student;
    keep("localStorage", idKey, student);
    say("", "");
    updateSendButton();
    watchBoard();
  } catch {
    say("error", page.words.offline);
    setTimeout(join, page.pollSeconds * 1000);
  }
}

function updateSendButton() {
  // Enabled on an empty pad too: pressed, it says what to do (a greyed button explains nothing on a phone).
  sendButton.disabled = ended || student === null;
}

function meant() {
  const chosen = form.querySelector("input[name=meant]:checked");
  return chosen ? Number(chosen.value) : null;
}

function fingerprint() {
  return `${meant()}/${digit.join(",")}`;
}

async function send(event) {
  event.preventDefault();
  if (digit === null) {
    say("error", page.words.empty);
    return;
  }
  if (lastSent && lastSent.fingerprint === fingerprint() && Date.now() - lastSent.at < DOUBLE_SEND_MS) {
    say("info", page.words.again);
    return;
  }
  const sending = fingerprint();
  sendButton.disabled = true;
  say("info", page.words.sending);
  try {
    const answer = await call(page.urls.digits, {
      student,
      name: form.elements.name.value,
      meant: meant(),
      pixels: digit,
    });
    if (answer.ok) {
      lastSent = { fingerprint: sending, at: Date.now() };
      keep("sessionStorage", lastSentKey, JSON.stringify(lastSent));
      say("success", page.words.sent);
      LiveComponent.count(document.body, "sent");
      checkBoard(); // the map shows the new star now, not at the next poll
    } else if (answer.state === "gone") {
      end(answer.error);
    } else {
      say("error", answer.error || page.words.offline);
    }
  } catch {
    say("error", page.words.offline);
  } finally {
    updateSendButton();
  }
}

async function showBoard() {
  const query = new URLSearchParams({ student, lang: page.lang });
  const response = await fetch(`${page.urls.board}?${query}`);
  const answer = await response.json();
  if (!response.ok) {
    if (answer.state === "gone") end(page.words.gone); // the class ended while the page was open
    return;
  }
  board.hidden = false;
  board.querySelector(".counts").textContent = answer.counts;
  const caption = board.querySelector(".caption");
  caption.textContent = answer.caption;
  const map = board.querySelector(".map");
  // No map on this server (no plane model or no MNIST test set): the caption says so instead.
  map.onerror = () => {
    map.hidden = true;
    caption.textContent = page.words.mapMissing;
  };
  map.onload = () => {
    map.hidden = false;
  };
  map.src = `${page.urls.map}?${new URLSearchParams({ student, v: answer.version })}`;
  const latest = board.querySelector(".latest");
  latest.hidden = !answer.latest;
  if (answer.latest) {
    latest.querySelector("img").src = `${page.urls.latest}?${new URLSearchParams({ v: answer.version })}`;
    latest.querySelector("figcaption").textContent = answer.latestCaption;
  }
  board.querySelector(".names").textContent = answer.latest ?? "";
  shownVersion = answer.version;
  board.dataset.version = answer.version;
}

async function checkBoard() {
  if (ended || student === null) return;
  if (globalThis.autoencoderLabPenDown) return; // never while a stroke is drawn: the next poll asks
  try {
    const response = await fetch(`${page.urls.version}?${new URLSearchParams({ student })}`, { cache: "no-store" });
    const answer = await response.json();
    if (response.status === 404) {
      end(page.words.gone);
      return;
    }
    if (response.ok && answer.version !== shownVersion) await showBoard();
  } catch {
    // the Wi-Fi dropped for a moment: the next poll asks again
  }
}

function watchBoard() {
  checkBoard();
  setInterval(checkBoard, page.pollSeconds * 1000);
}

function mountPad() {
  let strokes = [];
  try {
    strokes = JSON.parse(kept("sessionStorage", strokesKey) ?? "[]");
  } catch {
    strokes = [];
  }
  const component = {
    data: { strokes: Array.isArray(strokes) ? strokes : [], digit: null, size: page.size, models: page.models, lang: page.lang, labels: page.labels },
    parentElement: document.querySelector(".pad-holder"),
    setStateValue(name, value) {
      if (name !== "drawing") return;
      digit = value.digit;
      keep("sessionStorage", strokesKey, JSON.stringify(value.strokes));
      if (!ended) say("", ""); // what it said was about the drawing before
      updateSendButton();
    },
  };
  render(component);
  const pad = component.parentElement.querySelector(".drawing-pad").drawingPad;
  if (pad.strokes.length) pad.send(); // kept strokes: their digit is ready for Send
}

/** What this tab had before a reload or a change of language: the name, the digit meant, the last Send. */
function restoreForm() {
  form.elements.name.value = kept("localStorage", nameKey) ?? "";
  form.elements.name.addEventListener("input", () => keep("localStorage", nameKey, form.elements.name.value));
  const meantBefore = kept("sessionStorage", meantKey);
  if (/^[0-9]$/.test(meantBefore ?? "")) form.querySelector(`input[name=meant][value="${meantBefore}"]`).checked = true;
  for (const radio of form.querySelectorAll("input[name=meant]")) {
    radio.addEventListener("change", () => keep("sessionStorage", meantKey, radio.value));
  }
  try {
    lastSent = JSON.parse(kept("sessionStorage", lastSentKey) ?? "null");
  } catch {
    lastSent = null;
  }
}

form.addEventListener("submit", send);
restoreForm();
mountPad();
join();
