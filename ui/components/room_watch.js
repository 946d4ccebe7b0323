// A screen that shares a room (a class, a lesson) asks the server, over plain HTTP, whether the
// room changed, and reruns the page only when it did (room_watch.py says why). It draws nothing.
//
// data: {url, student (the id to check in, or null), version (what this page drew: the board's
// version or the lesson's step, or "unreachable" when the rooms' store was out of reach), everyMs}. The server's answer
// (its version, or the state "gone" / "unreachable") differs from it -> `changed` is sent (Python
// reruns the page, and the new run hands this watcher what it drew). While the pen is down on the
// drawing pad the watcher waits: a rerun then would hold up the stroke on a slow phone.

const RESEND_MS = 10000; // a `changed` whose rerun never came (a dropped message) is sent again

class RoomWatcher {
  constructor() {
    this.settings = null;
    this.asking = false;
    this.stopped = false;
    this.sent = null; // {drawn, at}: the last `changed`, for the page that drew `drawn`
    this.timer = null;
  }

  update(settings, setTriggerValue) {
    this.setTriggerValue = setTriggerValue;
    if (this.settings?.everyMs !== settings.everyMs) {
      clearInterval(this.timer);
      this.timer = setInterval(() => this.ask(), settings.everyMs);
    }
    this.settings = settings;
  }

  async ask() {
    // One request at a time; none from a hidden tab or while a stroke is being drawn.
    if (this.asking || this.stopped || document.hidden || globalThis.autoencoderLabPenDown) return;
    this.asking = true;
    const { url, student, version: drawn } = this.settings;
    try {
      const address = student ? `${url}?student=${encodeURIComponent(student)}` : url;
      const answer = await (await fetch(address, { cache: "no-store" })).json();
      const now = answer.version ?? answer.state ?? null;
      const sentAlready = this.sent?.drawn === drawn && performance.now() - this.sent.at < RESEND_MS;
      // Only if the page has not moved on while this request was out.
      if (now !== drawn && !sentAlready && !this.stopped && this.settings.version === drawn) {
        this.sent = { drawn, at: performance.now() };
        this.setTriggerValue("changed", now);
      }
    } catch {
      // Offline for a moment, or a server restarting: the next tick asks again.
    } finally {
      this.asking = false;
    }
  }

  stop() {
    this.stopped = true;
    clearInterval(this.timer);
  }
}

export default function ({ data, parentElement, setTriggerValue }) {
  const root = parentElement.querySelector(".room-watch");
  if (!root) return undefined;
  root.watcher ??= new RoomWatcher();
  root.watcher.update(
    { url: data.url, student: data.student ?? null, version: data.version ?? null, everyMs: data.everyMs },
    setTriggerValue,
  );
  return () => {
    root.watcher?.stop();
    root.watcher = null;
  };
}
