"""Sessions on one running server keep their own digit, spoken to as the page speaks to it.

Uses harness/session_client.py, the browserless client of the load benchmark: it sends the
same rerun requests and component messages as the page, so this also checks that the
benchmark's client still speaks the protocol of the Streamlit in use.
"""

from __future__ import annotations

import asyncio
import base64

import numpy as np
import pytest

from digits.data import load_test_digits
from harness.server import NO_WARM_UP, AppServer
from harness.session_client import SessionClient
from harness.stroke_sets import pad_message
from ui.components.drawing_pad import PAD_KEY
from ui.components.noise_slider import COMPONENT_KEY as NOISE_KEY
from ui.page_table import DENOISE
from ui.state.keys import INPUT_SOURCE, MNIST_INDEX
from ui.state.remembered import widget_key

pytestmark = pytest.mark.needs_mnist


@pytest.fixture(scope="module")
def server():
    with AppServer(env=NO_WARM_UP) as running:
        yield running


def clean_digit(client: SessionClient) -> np.ndarray:
    """The clean digit the session's live noise component was last sent (784 numbers)."""
    data_url = client.component_data(NOISE_KEY)["image"]  # data:application/octet-stream;base64,...
    return np.frombuffer(base64.b64decode(data_url.split(",", 1)[1]), dtype="<f4")


def test_sessions_at_once_keep_their_own_digits(server):
    images, _ = load_test_digits()
    drawing = pad_message(kind=1)  # the pad's message for a recorded seven: its strokes and digit

    async def visit() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        picker, drawer, bystander = (SessionClient(server.url) for _ in range(3))
        try:
            await asyncio.gather(
                *(c.open(DENOISE.url_path, f"index={i}") for c, i in ((picker, 3), (drawer, 4), (bystander, 5)))
            )
            await asyncio.gather(
                picker.set_values(widget_key(MNIST_INDEX), double_value=7),
                drawer.set_values(INPUT_SOURCE, string_array_value={"data": ["Draw"]}),
            )
            await drawer.set_component_state(PAD_KEY, {"drawing": drawing})
            return clean_digit(picker), clean_digit(drawer), clean_digit(bystander)
        finally:
            await asyncio.gather(picker.close(), drawer.close(), bystander.close())

    picked, drew, stayed = asyncio.run(visit())
    np.testing.assert_array_equal(picked, images[7].reshape(-1))
    np.testing.assert_allclose(drew, drawing["digit"], atol=1e-6)
    np.testing.assert_array_equal(stayed, images[5].reshape(-1))
