"""Screenshots of every page at three window sizes, normal and big, and a table of picture sizes.

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m scripts.screenshots   (or `make screenshots`)

Writes artifacts/screenshots/<page>-<width>x<height>-<normal|big>.png (the first screen, what a
person sees before scrolling; the folder is ignored by git) and prints, for each shot, the
smallest and largest picture width in the main area, the caption font size, and whether the
page's main picture is in the first screen.

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m scripts.screenshots --readme   (or `make readme-screenshots`)

Refreshes the README's pictures instead: docs/screenshots/<page>.png, each whole page 1400 px wide
(tracked files, so only this command writes them; the browser tests write theirs to artifacts/).

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m scripts.screenshots --lang ru

Opens every page with `lang=ru` in the address and writes to artifacts/screenshots/ru/ instead;
headings and captions are looked up through the app's catalog, so the waits find the Russian ones.
"""

from __future__ import annotations

import argparse
import statistics

from playwright.sync_api import sync_playwright

import i18n
from harness.browser import launch_chromium, save_full_page, wait_until_drawn
from harness.network import WEIGHTS_SETTLED_JS
from harness.server import ROOT, STARTUP_TIMEOUT_MS, AppServer
from harness.sizes import CAPTION_FONTS_JS, by_caption
from ui.page_table import CODE_EXPLORER, DENOISE, GENERATE, HOME, MODELS, RECONSTRUCT

PAGES = {  # screenshot name -> (path, heading, caption of its main picture)
    "home": (HOME.path, HOME.heading, "input"),
    "reconstruct": (RECONSTRUCT.path, RECONSTRUCT.heading, "reconstruction"),
    "denoise": (DENOISE.path, DENOISE.heading, "noisy"),
    "code-explorer": (CODE_EXPLORER.path, CODE_EXPLORER.heading, "decoded from the sliders"),
    "generate": (GENERATE.path, GENERATE.heading, None),
    "models": (MODELS.path, MODELS.heading, None),
}
SIZES = ("1400x1000", "1280x720", "390x844")
OUT = ROOT / "artifacts" / "screenshots"
README_OUT = ROOT / "docs" / "screenshots"


def open_view(context, url: str, title: str):
    page = context.new_page()
    page.goto(url)
    heading = i18n._(title)  # in the language the script was asked for (--lang)
    page.get_by_test_id("stMain").locator("h1").first.filter(has_text=heading).wait_for(timeout=STARTUP_TIMEOUT_MS)
    wait_until_drawn(page, STARTUP_TIMEOUT_MS)
    # The live components draw once their models' weights arrive: a shot before that shows them blank.
    for _ in range(2):  # twice, a second apart: a component may start its fetch just after the first look
        page.wait_for_function(WEIGHTS_SETTLED_JS, timeout=STARTUP_TIMEOUT_MS)
        page.wait_for_timeout(1000)
    return page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=list(PAGES))
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), help="window sizes, WIDTHxHEIGHT")
    parser.add_argument("--modes", nargs="+", default=["normal", "big"], choices=["normal", "big"])
    parser.add_argument("--lang", default="en", choices=list(i18n.LANGUAGES), help="the app's language (lang=)")
    parser.add_argument("--readme", action="store_true", help=f"refresh the README's pictures in {README_OUT}")
    args = parser.parse_args()
    if args.readme:
        readme_screenshots(args.pages)
        return
    i18n.set_language_source(lambda: args.lang)  # headings and captions to wait for, in that language
    out = OUT if args.lang == "en" else OUT / args.lang
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    with AppServer(startup_timeout=240) as server, sync_playwright() as playwright:
        browser, which = launch_chromium(playwright)
        print(f"browser: {which}")
        warm = browser.new_context()
        open_view(warm, f"{server.url}/?lang={args.lang}", HOME.heading).close()  # load the models once
        warm.close()
        for size in args.sizes:
            width, height = (int(n) for n in size.split("x"))
            for mode in args.modes:
                context = browser.new_context(viewport={"width": width, "height": height})
                context.set_default_timeout(120_000)
                for name in args.pages:
                    path, title, main_caption = PAGES[name]
                    address = f"{server.url}{path}?big={int(mode == 'big')}&lang={args.lang}"
                    page = open_view(context, address, title)
                    page.screenshot(path=out / f"{name}-{width}x{height}-{mode}.png")
                    shown = by_caption(page)
                    widths = [p["width"] for p in shown.values()]
                    fonts = [p["font"] for p in shown.values() if p["font"]] + page.evaluate(CAPTION_FONTS_JS)
                    main_picture = shown.get(i18n._(main_caption)) if main_caption else None
                    first_screen = "-" if main_picture is None else "yes" if main_picture["bottom"] <= height else "NO"
                    rows.append(
                        (
                            name,
                            f"{width}x{height}",
                            mode,
                            min(widths, default=0),
                            max(widths, default=0),
                            statistics.median(fonts) if fonts else 0,
                            first_screen,
                        )
                    )
                    page.close()
                context.close()
        browser.close()
    print(
        f"\n{'page':<14}{'window':>10}{'mode':>8}{'min img px':>12}{'max img px':>12}{'caption px':>12}"
        f"{'main picture in first screen':>30}"
    )
    for name, window, mode, low, high, font, first in rows:
        print(f"{name:<14}{window:>10}{mode:>8}{low:>12.0f}{high:>12.0f}{font:>12.1f}{first:>30}")
    print(f"\nscreenshots in {out}")


def readme_screenshots(pages: list[str]) -> None:
    """Each page whole, 1400 px wide, in normal mode, into docs/screenshots/ for the README."""
    with AppServer(startup_timeout=240) as server, sync_playwright() as playwright:
        browser, which = launch_chromium(playwright)
        print(f"browser: {which}")
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(120_000)
        for name in pages:
            path, title, _ = PAGES[name]
            page = open_view(context, server.url + path, title)
            save_full_page(page, README_OUT / f"{name}.png")
            print(README_OUT / f"{name}.png")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
