"""The Streamlit side of the app: what the pages are built from.

Layers, each importing only those below it: `ui.state` (keys, the address, display size,
the code) → `ui.components` (every `st.components.v2` component, its Python beside its
JS/CSS) → the modules here (input panel, cached loaders, page opening, pictures, charts,
code map, sparsity, slider mode and server sliders, the MNIST-like score, the source's credit,
share dialog, page table), `ui.train` (the Train page's parts), `ui.lesson` (the Lesson
page's parts) and `ui.generate` (the Generate page's parts). Below all of them: `models`,
`digits`, `jobs`, `lesson` (the lesson as data) and `rooms` (what sessions share); never
`training` (the server imports no TensorFlow).
"""
