"""Every browser component (`st.components.v2`): its Python wrapper beside its HTML, CSS and JavaScript.

`drawing_pad`, `code_sliders` and `noise_slider` mount one component each; `assets` joins a
component's JavaScript with the shared modules before it (inference.js, the models; live.js,
what every component repeats: one redraw per animation frame, a delayed send, waiting for
the weights, mounting once); `browser_weights` names each variant's weight file, which the
browser fetches and keeps; `sidebar_closer` closes the sidebar after navigating on a narrow screen (or on arriving
at the lesson); `lesson_keys` turns a presentation clicker's keys into lesson steps; `map_hover`
shows the picture under the pointer on the Code explorer's map; `code_plane` draws the Generate
page's planes and decodes any point of them. May import
`ui.state`, `models` and `digits`; the rest of `ui` imports these.
"""
