"""Closes the sidebar after a page is chosen on a narrow screen, whatever browser the phone says it is.

Streamlit itself closes it only when the browser's user agent names a mobile device, so a phone
in desktop mode, a narrow window or a tablet held upright kept the sidebar over the page it had
just opened. This invisible component is told the page on every run; when the page changes on a
screen narrower than Streamlit's own breakpoint (768 px), its JavaScript closes the sidebar. A
page that wants the whole screen (the lesson, on a projector) closes it on arrival at any width;
the sidebar's button opens it again.
"""

from __future__ import annotations

import streamlit as st

from ui.components.assets import read_asset

COMPONENT_KEY = "sidebar-closer"

_COMPONENT = st.components.v2.component(
    "autoencoder_lab.sidebar_closer",
    html='<div class="sidebar-closer"></div>',
    js=read_asset("sidebar_closer.js"),
)


def close_sidebar_after_navigating(page: str, whole_screen: bool = False) -> None:
    """Tell the browser which page this run shows, and whether it wants the whole screen (the component
    takes no room: pictures.py hides it)."""
    _COMPONENT(key=COMPONENT_KEY, data={"page": page, "wholeScreen": whole_screen})
