"""Share links start with the address students should use, and a link only this computer can open says so."""

import pytest

from ui import share


def test_the_setting_decides_the_links_address():
    origin = share.link_origin("http://127.0.0.1:8501/denoising?x=1", "http://192.168.1.20:8501/")
    assert origin == "http://192.168.1.20:8501"


@pytest.mark.parametrize("setting", ["192.168.1.20:8501", "localhost:8501", "ftp://host/", "http://"])
def test_a_setting_that_is_no_http_address_is_not_used(setting):
    assert share.usable_public_url(setting) is None
    assert share.link_origin("http://10.0.0.5:8501/x", setting) == "http://10.0.0.5:8501"


def test_without_the_setting_the_browsers_address_is_used():
    assert share.link_origin("https://lab.example.org/reconstruction?a=1", None) == "https://lab.example.org"
    assert share.link_origin("http://10.0.0.5:8501/", "  ") == "http://10.0.0.5:8501"
    assert share.link_origin(None, None) == share.FALLBACK_ORIGIN


@pytest.mark.parametrize(
    ("link", "loopback"),
    [
        ("http://127.0.0.1:8501/x", True),
        ("http://localhost:8501/x", True),
        ("http://[::1]:8501/x", True),
        ("http://127.4.5.6/x", True),
        ("http://0.0.0.0:8501/x", True),
        ("http://192.168.1.20:8501/x", False),
        ("https://lab.example.org/x", False),
    ],
)
def test_loopback_addresses_are_told_apart(link, loopback):
    assert share.is_loopback(link) is loopback


def test_a_loopback_link_comes_with_this_machines_network_address(monkeypatch):
    monkeypatch.setattr(share, "lan_address", lambda: "192.168.1.20")
    notice = share.loopback_notice("http://127.0.0.1:8501/denoising?noise=0.3")
    assert "only this computer can open" in notice
    assert "http://192.168.1.20:8501" in notice and share.PUBLIC_URL_ENV in notice
    assert share.loopback_notice("http://192.168.1.20:8501/denoising") is None


def test_without_a_network_the_notice_still_says_what_to_do(monkeypatch):
    monkeypatch.setattr(share, "lan_address", lambda: None)
    notice = share.loopback_notice("http://localhost:8501/")
    assert "only this computer can open" in notice and share.PUBLIC_URL_ENV in notice


def test_the_lan_address_is_never_a_loopback_one():
    address = share.lan_address()  # None on a machine without a network route
    assert address is None or not share.is_loopback(f"http://{address}/")
