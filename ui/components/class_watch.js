// A screen in a class asks the server, over plain HTTP, whether its board changed, and reruns the
// page only when it did (class_watch.py says why). It draws nothing.
//
// data: {url, student (the id to check in, or null), version (the one this page drew), everyMs}.
// The answer's version differs from the page's -> `changed` is sent once (Python reruns the page;
// the new run hands this watcher the new version). A failed request is asked again at the next
// tick. One watcher per page, kept on the component's element; it stops when Streamlit removes it.

class ClassWatcher {
  constructor(root) {
    this.root = root;
    this.settings = null;
    this.asking = false;
    this.sentFor = null; // the page's version a `changed` was already sent for
    this.timer = null;
  }

  update(settings, setTriggerValue) {
    const every = settings.everyMs;
    this.setTriggerValue = setTriggerValue;
    if (this.settings?.everyMs !== every) {
      clearInterval(this.timer);
      this.timer = setInterval(() => this.ask(), every);
    }
    this.settings = settings;
  }

  async ask() {
    if (this.asking || document.hidden) return; // one request at a time; none from a hidden tab
    this.asking = true;
    const { url, student, version } = this.settings;
    try {
      const address = student ? `${url}?student=${encodeURIComponent(student)}` : url;
      const response = await fetch(address, { cache: "no-store" });
      const answer = await response.json();
      const now = answer.version ?? null;
      // A class that ended (404) or a store out of reach (503) differ from the page's version too:
      // the page's run says which, in words.
      // Once per version drawn, and only if the page has not moved on while this request was out.
      if (now !== version && this.sentFor !== version && this.settings.version === version) {
        this.sentFor = version;
        this.setTriggerValue("changed", now);
      }
      this.root.dataset.asked = String(Number(this.root.dataset.asked ?? 0) + 1); // for the tests
    } catch {
      // Offline for a moment, or a server restarting: the next tick asks again.
    } finally {
      this.asking = false;
    }
  }

  stop() {
    clearInterval(this.timer);
  }
}

export default function ({ data, parentElement, setTriggerValue }) {
  const root = parentElement.querySelector(".class-watch");
  root.watcher ??= new ClassWatcher(root);
  root.watcher.update(
    { url: data.url, student: data.student ?? null, version: data.version ?? null, everyMs: data.everyMs },
    setTriggerValue,
  );
  return () => {
    root.watcher?.stop();
    root.watcher = null;
  };
}
