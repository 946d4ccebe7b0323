"""Share this view: the link that reopens it (every setting, and a drawn or uploaded digit) and its QR code.

Opened from a sidebar button as a dialog, so the link is made from the state at that moment.
The link starts with the address students should use: `AUTOENCODER_LAB_PUBLIC_URL` when it is
set (the server's address on the school's network, or its public one), otherwise the address
the teacher's browser used. When that is a loopback one (`make run` opened at 127.0.0.1 or
localhost), no other device can open it: the dialog says so and suggests this machine's
address on the local network.
"""

from __future__ import annotations

import io
import ipaddress
import os
import socket
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import segno
import streamlit as st
from PIL import Image

from i18n import _
from ui.state import url_params

FALLBACK_ORIGIN = "http://localhost:8501"
PUBLIC_URL_ENV = "AUTOENCODER_LAB_PUBLIC_URL"


def usable_public_url(public_url: str | None) -> str | None:
    """The setting as a link's start (http or https, with a host), or None when it is unset or not one."""
    text = (public_url or "").strip().rstrip("/")
    parts = urlsplit(text)
    return text if parts.scheme in ("http", "https") and parts.hostname else None


def link_origin(browser_url: str | None, public_url: str | None) -> str:
    """scheme://host[:port] (and any path prefix) that the link starts with: the setting, else the browser's."""
    if usable := usable_public_url(public_url):
        return usable
    parts = urlsplit(browser_url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else FALLBACK_ORIGIN


def is_loopback(origin: str) -> bool:
    """Whether no other device can open `origin` (127.x, ::1, localhost, and 0.0.0.0, which means "any")."""
    host = urlsplit(origin).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def lan_address() -> str | None:
    """This machine's address on its local network, or None: the source address of a route to a private
    address (a UDP socket sends nothing until it is written to). None in a container, whose own address
    is not the one students reach."""
    if Path("/.dockerenv").exists():
        return None
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if ipaddress.ip_address(address).is_loopback else address


def view_link(url_path: str) -> str:
    """The address of the current page with every setting, as a student's browser should reach it."""
    origin = link_origin(st.context.url, os.environ.get(PUBLIC_URL_ENV))
    return f"{origin}/{url_path.strip('/')}?{urlencode(url_params.current_query(for_sharing=True))}"


def loopback_notice(link: str) -> str | None:
    """What to tell a teacher whose link only this machine can open, with the address to use instead."""
    if not is_loopback(link):
        return None
    parts = urlsplit(link)
    suggestion = lan_address()
    port = f":{parts.port}" if parts.port else ""
    setting = f"`{PUBLIC_URL_ENV}=http://address:port`"
    if suggestion:
        return _(
            "This link uses {host}, which only this computer can open. On the local network this machine is "
            "probably **{address}**: open the app at that address, or set it for every link with {setting} "
            "when starting the app."
        ).format(host=parts.hostname, address=f"{parts.scheme}://{suggestion}{port}", setting=setting)
    return _(
        "This link uses {host}, which only this computer can open. Open the app at this machine's network "
        "address, or set one for every link with {setting} when starting the app."
    ).format(host=parts.hostname, setting=setting)


def qr_picture(text: str, size: int = 240) -> Image.Image:
    """A QR code of `text` (medium error correction), black on white, about `size` pixels wide."""
    code = segno.make(text, error="m", micro=False)
    scale = max(1, size // (code.symbol_size(border=4)[0]))
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=4)
    return Image.open(io.BytesIO(buffer.getvalue()))


def share_dialog(url_path: str) -> None:
    """The dialog, titled in the reader's language (st.dialog takes its title when it is made)."""
    st.dialog(_("Share this view"))(_share_view)(url_path)


def _share_view(url_path: str) -> None:
    link = view_link(url_path)
    st.markdown(_("Anyone who opens this link sees this page with the same settings and digit:"))
    st.code(link, language=None, wrap_lines=True)
    if os.environ.get(PUBLIC_URL_ENV) and not usable_public_url(os.environ.get(PUBLIC_URL_ENV)):
        st.warning(
            _("{setting} is not an http(s) address with a host, so the link uses this page's.").format(
                setting=f"`{PUBLIC_URL_ENV}`"
            )
        )
    if notice := loopback_notice(link):
        st.warning(notice, icon="📡")
    st.image(qr_picture(link), caption=_("QR code of the link, for a class to scan"))
