// The lesson's clicker keys (lesson_keys.py says why and which).
// One listener for the whole page, added once; each run hands it the newest `setTriggerValue`.
const NEXT = new Set(["ArrowRight", "PageDown", " ", "Spacebar"]);
const BACK = new Set(["ArrowLeft", "PageUp"]);
// Where a key already means something: typing, a slider's or a radio group's arrows, Space on a button.
const KEEPS_ITS_KEYS = "input, textarea, select, [contenteditable='true'], [role='slider'], [role='radiogroup'], [role='listbox']";

function movesTheLesson(event) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return 0;
  const move = NEXT.has(event.key) ? 1 : BACK.has(event.key) ? -1 : 0;
  if (!move) return 0;
  const target = event.composedPath()[0];
  if (target instanceof Element) {
    if (target.closest(KEEPS_ITS_KEYS)) return 0;
    if (event.key === " " && target.closest("button, a, [role='button']")) return 0;
  }
  return move;
}

export default function ({ setTriggerValue }) {
  window.autoencoderLabLessonMove = setTriggerValue;
  if (window.autoencoderLabLessonKeys) return;
  window.autoencoderLabLessonKeys = (event) => {
    // Only while a lesson is on the page: the listener outlives a visit to another page.
    if (!document.querySelector(".st-key-lesson")) return;
    const move = movesTheLesson(event);
    if (!move) return;
    event.preventDefault(); // Space and PageDown would scroll the page
    window.autoencoderLabLessonMove?.("move", move);
  };
  document.addEventListener("keydown", window.autoencoderLabLessonKeys);
}
