"""The server side of the live code sliders: malformed codes from a browser change nothing.

The browser test (tests/e2e/test_live_sliders.py) sends the same kinds of message through the
real component; here `receive_code` runs inside a Streamlit script, against real session state.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from ui.components.code_sliders import code_from_message
from ui.components.noise_slider import factor_from_message
from ui.state.keys import NOISE_FACTOR

LOW, HIGH = np.full(49, -1.0), np.full(49, 2.0)
MALFORMED = {
    "not an object": "0.5",
    "no values": {"variant": "dense"},
    "wrong length": {"variant": "dense", "values": [0.5] * 48},
    "another variant": {"variant": "sparse", "values": [0.5] * 49},
    "NaN": {"variant": "dense", "values": [math.nan] + [0.5] * 48},
    "infinity": {"variant": "dense", "values": [math.inf] + [0.5] * 48},
    "null (JSON's NaN)": {"variant": "dense", "values": [None] + [0.5] * 48},
    "a string": {"variant": "dense", "values": ["0.5"] * 49},
    "a boolean": {"variant": "dense", "values": [True] * 49},
    "above the range": {"variant": "dense", "values": [2.5] + [0.5] * 48},
    "below the range": {"variant": "dense", "values": [-1.5] + [0.5] * 48},
}


@pytest.mark.parametrize("message", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_code_is_refused_with_a_reason(message):
    code, reason = code_from_message(message, "dense", LOW, HIGH)
    assert code is None and reason


def test_a_good_code_is_taken_even_with_float32_rounding_at_the_edges():
    values = [2.0000001, -1.0000001] + [0.25] * 47
    code, reason = code_from_message({"variant": "dense", "values": values}, "dense", LOW, HIGH)
    assert reason == "" and code is not None
    assert code[0] == 2.0 and code[1] == -1.0 and code[2] == 0.25


def _script():
    import math

    import numpy as np
    import streamlit as st

    from ui.components.code_sliders import receive_code
    from ui.state.code import code_version, current_code, set_code

    low, high = np.full(49, -1.0), np.full(49, 2.0)
    set_code("dense", np.full(49, 0.5), low, high)
    before = (current_code("dense", 49).tolist(), code_version("dense"))
    messages = [
        "0.5",
        {"variant": "dense", "values": [0.5] * 48},
        {"variant": "sparse", "values": [0.5] * 16},
        {"variant": "dense", "values": [math.nan] * 49},
        {"variant": "dense", "values": [9.0] * 49},
    ]
    st.session_state.accepted = [receive_code(message, "dense", low, high) for message in messages]
    st.session_state.unchanged = (current_code("dense", 49).tolist(), code_version("dense")) == before
    st.session_state.good = receive_code({"variant": "dense", "values": [1.0] * 49}, "dense", low, high)
    # A code the person set moves no slider version: the live sliders keep their own values.
    st.session_state.after_good = (current_code("dense", 49).tolist(), code_version("dense"))


def test_receive_code_changes_no_state_for_malformed_messages():
    at = AppTest.from_function(_script, default_timeout=60).run()
    assert not at.exception
    assert at.session_state.accepted == [False] * 5
    assert at.session_state.unchanged
    assert at.session_state.good is True
    assert at.session_state.after_good == ([1.0] * 49, 1)


@pytest.mark.parametrize("message", [None, "0.5", True, math.nan, math.inf, -0.01, 1.01, [0.5], {"factor": 0.5}])
def test_a_malformed_noise_factor_is_refused(message):
    assert factor_from_message(message) is None


def test_a_noise_factor_is_rounded_to_the_sliders_step():
    assert factor_from_message(0.3300000011920929) == 0.33
    assert factor_from_message(1) == 1.0


def _noise_script():
    import streamlit as st

    from ui.components.noise_slider import receive_factor
    from ui.state.keys import NOISE_FACTOR

    st.session_state[NOISE_FACTOR] = 0.5
    st.session_state.accepted = [receive_factor(m) for m in (None, "0.2", float("nan"), 3.0, -1.0)]
    st.session_state.unchanged = st.session_state[NOISE_FACTOR] == 0.5
    st.session_state.good = receive_factor(0.25)


def test_receive_factor_changes_no_state_for_malformed_messages():
    at = AppTest.from_function(_noise_script, default_timeout=60).run()
    assert not at.exception
    assert at.session_state.accepted == [False] * 5 and at.session_state.unchanged
    assert at.session_state.good is True and at.session_state[NOISE_FACTOR] == 0.25
    assert at.query_params["noise"] == "0.25"
