// Closes the sidebar when the page changes on a narrow screen (sidebar_closer.py says why).
// The page last seen is kept on `window`: it outlives the component's element between runs.
const NARROW = "(max-width: 767.98px)"; // Streamlit's "md" breakpoint, where it starts with the sidebar closed

export default function ({ data }) {
  const page = data?.page ?? "";
  const previous = window.autoencoderLabPage;
  window.autoencoderLabPage = page;
  if (previous === page) return;
  // A whole-screen page (the lesson) closes it on arrival, also as the first page opened.
  const closes = data?.wholeScreen || (previous !== undefined && window.matchMedia(NARROW).matches);
  if (!closes) return;
  const sidebar = document.querySelector("[data-testid='stSidebar']");
  if (sidebar?.dataset.collapsed !== "false") return;
  document.querySelector("[data-testid='stSidebarCollapseButton'] button")?.click();
}
