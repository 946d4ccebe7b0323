// The lesson's clicker keys (lesson_keys.py says why and which).
// One listener for the whole page, added once; each run hands it the newest `setTriggerValue`.
const NEXT = new Set(["ArrowRight", "PageDown", " ", "Spacebar"]);
const BACK = new Set(["ArrowLeft", "PageUp"]);
// Where a key must keep its meaning: typing, and a drop-down list that is open. Elsewhere (a radio
// just clicked, a slider just dragged, a closed drop-down) the clicker's keys move the lesson: a
// teacher who clicked an answer must not find the clicker stuck choosing answers.
const TYPING = "textarea, [contenteditable='true'], input:not([type]), input[type='text'], input[type='number'], input[type='search']";

function isTyping(target) {
  if (!(target instanceof Element)) return false;
  if (target.matches("[role='combobox']")) return target.getAttribute("aria-expanded") === "true";
  return Boolean(target.closest(TYPING)) || Boolean(target.closest("[role='listbox']"));
}

function movesTheLesson(event) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return 0;
  const move = NEXT.has(event.key) ? 1 : BACK.has(event.key) ? -1 : 0;
  return move && !isTyping(event.composedPath()[0]) ? move : 0;
}

export default function ({ data, setTriggerValue }) {
  window.autoencoderLabLessonMove = setTriggerValue;
  // The step shown and how many there are: each run says it again (another screen may have moved it).
  window.autoencoderLabLesson = { step: data?.step ?? 1, steps: data?.steps ?? 1 };
  if (window.autoencoderLabLessonKeys) return;
  window.autoencoderLabLessonKeys = (event) => {
    // Only while a lesson is on the page: the listener outlives a visit to another page.
    if (!document.querySelector(".st-key-lesson")) return;
    const move = movesTheLesson(event);
    if (!move) return;
    // Before the focused control sees it (capture phase): Space would press a button, arrows would
    // pick another answer or move a slider, PageDown would scroll.
    event.preventDefault();
    event.stopPropagation();
    document.activeElement?.blur();
    const lesson = window.autoencoderLabLesson;
    lesson.step = Math.min(Math.max(lesson.step + move, 1), lesson.steps);
    window.autoencoderLabLessonMove?.("go", lesson.step);
  };
  document.addEventListener("keydown", window.autoencoderLabLessonKeys, true);
}
