"""Share this view: the link that reopens it (every setting, and a drawn or uploaded digit) and its QR code.

Opened from a sidebar button as a dialog, so the link is made from the state at that moment.
"""

from __future__ import annotations

import io
from urllib.parse import urlencode, urlsplit

import segno
import streamlit as st
from PIL import Image

from ui.state import url_params

FALLBACK_ORIGIN = "http://localhost:8501"


def view_link(url_path: str) -> str:
    """The address of the current page with every setting, as a visitor's browser would reach it."""
    parts = urlsplit(st.context.url or "")
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else FALLBACK_ORIGIN
    return f"{origin}/{url_path.strip('/')}?{urlencode(url_params.current_query())}"


def qr_picture(text: str, size: int = 320) -> Image.Image:
    """A QR code of `text` (medium error correction), black on white, about `size` pixels wide."""
    code = segno.make(text, error="m", micro=False)
    scale = max(1, size // (code.symbol_size(border=4)[0]))
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=4)
    return Image.open(io.BytesIO(buffer.getvalue()))


@st.dialog("Share this view")
def share_dialog(url_path: str) -> None:
    link = view_link(url_path)
    st.markdown("Anyone who opens this link sees this page with the same settings and digit:")
    st.code(link, language=None, wrap_lines=True)
    st.image(qr_picture(link), caption="QR code of the link, for a class to scan")
