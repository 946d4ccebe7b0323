"""What every screen in a class shows, and the watcher that redraws it when the board changes.

- The map: the class's digits on the 2-number VAE's code plane (the Generate page's `vae2`; its
  test digits faint behind), coloured by the digit each student meant, this screen's own as stars.
- The gallery: the latest digits, each beside the deep dense model's reconstruction, with the
  sender's name, the digit meant and the MNIST-like score; Show opens one large with all five
  reconstructions, and the teacher's screen adds Hide.
- The watcher: a fragment that asks the store for the board's version twice a second and reruns
  the page only when it changed (a new, hidden or cleared digit), so a quiet class costs one small
  read per screen per half second.
Each digit is encoded, decoded and scored once per server (cached by its pixels).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from models.inference import decode, encode
from models.metrics import binary_cross_entropy
from models.registry import VARIANTS
from rooms import classroom
from rooms.classroom import Board, SentDigit
from ui import loaders
from ui.classroom import membership
from ui.components.code_plane import DIGIT_COLOURS
from ui.generate import planes
from ui.likeness import meter_score
from ui.pictures import digit_picture, picture_columns, picture_grid
from ui.state.display import chart_for_display, is_big
from ui.state.keys import CLASS_CHECKED_IN, CLASS_SENT, CLASS_SHOWN, CLASS_VERSION

PLANE_KEY = "vae2"  # the plane a class's digits land on
GALLERY_MODEL = "deep"  # the reconstruction beside each digit in the gallery
GALLERY_SIZE = 12  # the latest digits shown; the map shows them all
BACKGROUND_DIGITS = 2000  # test digits drawn faint behind the class's
WATCH_SECONDS = 0.5
CHECK_IN_SECONDS = 5.0


@dataclass(frozen=True)
class Seen:
    """One digit as the models see it."""

    point: tuple[float, float] | None  # its code on the plane (None without the plane's model)
    reconstructions: dict[str, np.ndarray]  # each of the five that loaded: key → (28, 28)
    score: float | None  # the MNIST-like score, as on Reconstruct (None without MNIST)


@st.cache_resource(max_entries=4096, show_spinner=False)
def _seen(pixels: bytes) -> Seen:
    image = np.frombuffer(pixels, dtype=np.float32).reshape(28, 28, 1)
    trained_variants, _ = loaders.load_shipped_variants()
    reconstructions, percents = {}, []
    for key, trained in trained_variants.items():
        output = decode(trained, encode(trained, image))
        reconstructions[key] = np.asarray(output).reshape(28, 28)
        stats = loaders.code_statistics(key)
        if stats is not None:
            error = float(binary_cross_entropy(image[np.newaxis], np.asarray(output)[np.newaxis])[0])
            percents.append(stats.percentile_of_error(error))
    plane_variants, _ = planes.load_plane_variants()
    point = None
    if PLANE_KEY in plane_variants:
        code = np.asarray(encode(plane_variants[PLANE_KEY], image)).ravel()
        point = (float(code[0]), float(code[1]))
    return Seen(point, reconstructions, meter_score(percents) if percents else None)


def seen(digit: SentDigit) -> Seen:
    return _seen(np.ascontiguousarray(digit.pixels, dtype=np.float32).tobytes())


def _label(digit: SentDigit) -> str:
    who = digit.name or "someone"
    return f"{who}, a {digit.meant}" if digit.meant is not None else f"{who}, digit not said"


def map_figure(board: Board, mine: set[int]) -> go.Figure | None:
    """The class's digits on the plane, over the test digits; None when the plane's model is missing."""
    test = planes.test_codes(PLANE_KEY)
    if test is None:
        return None
    codes, _ = test
    figure = go.Figure()
    background = codes[:BACKGROUND_DIGITS]
    figure.add_scattergl(
        x=background[:, 0], y=background[:, 1], mode="markers", name="MNIST test digits",
        marker={"size": 4, "color": "#bbbbbb", "opacity": 0.35}, hoverinfo="skip",
    )  # fmt: skip
    groups: dict[int | None, list[tuple[SentDigit, Seen]]] = {}
    for digit in board.digits:
        found = seen(digit)
        if found.point is not None:
            groups.setdefault(digit.meant, []).append((digit, found))
    for meant in sorted(groups, key=lambda m: 10 if m is None else m):
        entries = groups[meant]
        figure.add_scatter(
            x=[found.point[0] for _, found in entries],
            y=[found.point[1] for _, found in entries],
            mode="markers+text" if len(board.digits) <= 40 else "markers",
            text=[str(meant) if meant is not None else "?" for _ in entries],
            textposition="top center",
            name=f"meant {meant}" if meant is not None else "not said",
            marker={
                "size": [22 if digit.index in mine else 13 for digit, _ in entries],
                "symbol": ["star" if digit.index in mine else "circle" for digit, _ in entries],
                "color": DIGIT_COLOURS[meant] if meant is not None else "#000000",
                "line": {"width": 1, "color": "white"},
            },
            hovertext=[_label(digit) for digit, _ in entries],
            hoverinfo="text",
        )
    figure.update_layout(
        height=440 if not is_big() else 560,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis_title="code number 1",
        yaxis_title="code number 2",
        legend={"orientation": "h", "y": -0.15},
        plot_bgcolor="white",
    )
    return chart_for_display(figure)


def show_map(board: Board, mine: set[int]) -> None:
    figure = map_figure(board, mine)
    if figure is None:
        st.info("The map needs the 2-number VAE and MNIST's test set; the gallery shows the digits.")
        return
    st.plotly_chart(figure, key="class_map", config={"displayModeBar": False})
    st.caption(
        "Where each digit lands in the 2-number VAE's code (the Generate page's plane): digits the models "
        "read alike land close together. Grey: MNIST's test digits." + (" ★ yours." if mine else "")
    )


def _close_large() -> None:
    st.session_state[CLASS_SHOWN] = None


@st.dialog("A digit from the class", width="large", on_dismiss=_close_large)
def _large(digit: SentDigit) -> None:
    found = seen(digit)
    st.markdown(f"**{_label(digit)}**" + ("" if found.score is None else f" · MNIST-like {found.score:.0f} of 100"))
    columns = picture_columns(1 + len(found.reconstructions))
    columns[0].image(digit_picture(digit.pixels), caption="sent")
    for column, (key, output) in zip(columns[1:], found.reconstructions.items(), strict=True):
        column.image(digit_picture(output), caption=VARIANTS[key].title)


def _hide(index: int, teacher_token: str) -> None:
    store = loaders.room_store()
    _, problem = membership.attempt(lambda: classroom.hide(store, membership.code(), teacher_token, index))
    if problem:
        st.error(problem)
    else:
        st.rerun()


def show_gallery(board: Board, teacher_token: str | None) -> None:
    """The latest digits, newest first; Show opens one large; the teacher's screen can hide one."""
    latest = board.digits[::-1][:GALLERY_SIZE]
    if not latest:
        st.info("No digits yet: they appear here as students send them.", icon="✏️")
        return
    per_row = 2 if is_big() else 4
    for start in range(0, len(latest), per_row):
        for column, digit in zip(st.columns(per_row), latest[start : start + per_row], strict=False):
            found = seen(digit)
            pair = [digit.pixels]
            if GALLERY_MODEL in found.reconstructions:
                pair.append(found.reconstructions[GALLERY_MODEL])
            with column, st.container(key=f"class_digit_{digit.index}"):
                st.image(picture_grid(np.stack(pair), per_row=2), caption=_label(digit))
                if found.score is not None:
                    st.caption(f"MNIST-like {found.score:.0f} of 100")
                show, hide = st.columns(2)
                if show.button("Show", key=f"class_show_{digit.index}", icon="🔍"):
                    st.session_state[CLASS_SHOWN] = digit.index
                if teacher_token and hide.button("Hide", key=f"class_hide_{digit.index}", icon="🙈"):
                    _hide(digit.index, teacher_token)
    st.caption(f"Each digit beside the {VARIANTS[GALLERY_MODEL].title.lower()} model's copy of it.")
    shown = st.session_state.get(CLASS_SHOWN)
    by_index = {digit.index: digit for digit in board.digits}
    if shown in by_index:
        _large(by_index[shown])


def _watch(code: str) -> None:
    version, problem = membership.attempt(lambda: classroom.version(loaders.room_store(), code))
    if problem or version != st.session_state.get(CLASS_VERSION):
        st.rerun()  # the whole page: the board changed, or the class is gone (the page says so)
    student = membership.student()
    now = time.monotonic()
    if student and now - st.session_state.get(CLASS_CHECKED_IN, 0.0) > CHECK_IN_SECONDS:
        st.session_state[CLASS_CHECKED_IN] = now
        membership.attempt(lambda: classroom.check_in(loaders.room_store(), code, student))


def watch(code: str, version: str) -> None:
    """Redraw this page within half a second of any change to the class's board."""
    st.session_state[CLASS_VERSION] = version
    st.fragment(_watch, run_every=WATCH_SECONDS)(code)


def warm_up() -> None:
    """Compute what every digit's analysis needs (the five models' error statistics, the plane's
    test codes) while the class is still empty, so the first digit sent shows at once."""
    trained_variants, _ = loaders.load_shipped_variants()
    for key in trained_variants:
        loaders.code_statistics(key)
    planes.test_codes(PLANE_KEY)


def mine() -> set[int]:
    return set(st.session_state.get(CLASS_SENT) or [])


def counts_line(board: Board) -> str:
    on_board = len(board.digits)
    return (
        f"**{board.connected}** of {board.students} students connected · **{on_board}** "
        f"digit{'s' if on_board != 1 else ''} on the board ({board.received} received)"
    )
