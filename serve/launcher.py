"""Start Autoencoder Lab: `python -m serve [streamlit run options]`.

Every way of starting the server uses this launcher: `make run`, the Docker image, the
browser tests and the benchmarks. It hands over to Streamlit's own command line with
serve/asgi_app.py, which serves app.py with the project's HTTP routes beside it (`streamlit run
serve/asgi_app.py ...`), after two things:

- It tells Streamlit that this app does not use the legacy `pages/` folder navigation.
  Streamlit decides that when its first session starts, before `app.py` has called
  `st.navigation`: a shared link opened as the very first visit after a start would show the
  automatic `pages/` list and a "Page not found" dialog. No option changes it in streamlit
  1.67 (Streamlit issue #8860), so the class attribute is set here. A test fails if a
  Streamlit upgrade renames it.
- It makes sure the server never asks an outside service for the machine's external address
  (Streamlit does that for its welcome banner and for cross-origin checks when it listens on
  every address). `.streamlit/config.toml` sets `browser.serverAddress`, which keeps the
  banner from asking; replacing the helper here covers the cross-origin path too.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit import net_util
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parents[1] / "app.py"
ASGI_APP = Path(__file__).resolve().with_name("asgi_app.py")
# "0" skips the warm-up at start (serve/asgi_app.py): for tests that start servers of their own.
WARM_UP_ENV = "AUTOENCODER_LAB_WARM_UP"
PAGES_FLAG = "uses_pages_directory"


def no_external_ip() -> None:
    """Stands in for Streamlit's external-IP lookup: the app never needs its public address."""
    return None


def prepare_streamlit() -> None:
    """Settle, before any session starts, what Streamlit would otherwise decide on the first visit."""
    if PAGES_FLAG not in vars(PagesManager):
        # Go on serving (the app works, only a first visit by a shared link is affected);
        # tests/e2e fails on that first visit, so an upgrade that renames the flag is noticed.
        print(
            f"serve: streamlit's PagesManager has no {PAGES_FLAG!r} any more; "
            "a link opened as the first visit may show the pages/ list.",
            file=sys.stderr,
        )
    setattr(PagesManager, PAGES_FLAG, False)
    net_util.get_external_ip = no_external_ip


def main(options: list[str] | None = None) -> None:
    """Run `streamlit run serve/asgi_app.py` with `options` (default: this process's arguments)."""
    prepare_streamlit()
    options = sys.argv[1:] if options is None else options
    cli.main(["run", str(ASGI_APP), *options], prog_name="streamlit")
