"""Measure what a person sees: the on-screen size of every picture and caption in the main area.

Shared by the browser tests (big mode must double everything) and `scripts/screenshots.py`.
"""

from __future__ import annotations

# Each picture in the main area: its caption (or "#n"), rendered width and height in CSS pixels,
# and the caption's font size; plus where its top is, relative to the first screen. The pictures
# are Streamlit's images and the canvases the live components (ui/components/) draw in their
# shadow roots, each in a <figure> with a <figcaption>: both are what a person sees as a picture.
PICTURES_JS = """() => {
    const main = document.querySelector("[data-testid='stMain']");
    const measure = (picture, label, n) => {
        const box = picture.getBoundingClientRect();
        return {caption: label ? label.textContent.trim() : `#${n}`, width: box.width, height: box.height,
                top: box.top + main.scrollTop, bottom: box.bottom, right: box.right,
                font: label ? parseFloat(getComputedStyle(label).fontSize) : 0};
    };
    const images = [...main.querySelectorAll("[data-testid='stImage']")]
        .filter((figure) => figure.getBoundingClientRect().width > 0)  // a column only phones show
        .map((figure, n) =>
        measure(figure.querySelector("img"), figure.querySelector("[data-testid='stImageCaption']"), n));
    const live = [...main.querySelectorAll("*")].filter((e) => e.shadowRoot).flatMap((host) =>
        [...host.shadowRoot.querySelectorAll("figure")].filter((f) => f.querySelector("canvas"))
            .filter((f) => f.getBoundingClientRect().width > 0)  // a component's hidden parts are not shown
            .map((figure, n) => measure(figure.querySelector("canvas"), figure.querySelector("figcaption"), n)));
    return [...images, ...live];
}"""

# Font sizes of st.caption texts in the main area.
CAPTION_FONTS_JS = """() => [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stCaptionContainer']")]
    .map((c) => parseFloat(getComputedStyle(c).fontSize))"""


def pictures(page) -> list[dict]:
    return page.evaluate(PICTURES_JS)


def by_caption(page) -> dict[str, dict]:
    """The pictures keyed by caption (a repeated caption gets " (2)", " (3)"… in order)."""
    found: dict[str, dict] = {}
    for picture in pictures(page):
        name, n = picture["caption"], 2
        while name in found:
            name, n = f"{picture['caption']} ({n})", n + 1
        found[name] = picture
    return found
