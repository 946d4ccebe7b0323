"""What every screen in a class shows, and the watcher that redraws it when the board changes.

- The map: the class's digits on the 2-number VAE's code plane (the Generate page's `vae2`; its
  test digits faint behind), coloured by the digit each student meant, this screen's own as stars.
- The gallery: the latest digits, each beside the deep dense model's reconstruction, with the
  sender's name, the digit meant and the MNIST-like score; Show opens one large with all five
  reconstructions, and the teacher's screen adds Hide.
- The watcher: the browser asks the server for the board's version (the teacher's screen twice a
  second, a student's every three seconds) and reruns the page only when it changed (a new, hidden
  or cleared digit), so a quiet class costs one small HTTP request per screen and draws nothing.
Each digit is encoded, decoded and scored once per server (cached by its pixels).
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from i18n import _, ngettext, number
from models.inference import decode, encode
from models.metrics import binary_cross_entropy
from models.registry import VARIANTS
from rooms import classroom
from rooms.classroom import Board, SentDigit
from ui import loaders
from ui.classroom import map_picture, membership
from ui.components.code_plane import DIGIT_COLOURS
from ui.components.room_watch import room_watch
from ui.generate import planes
from ui.likeness import meter_score
from ui.pictures import digit_picture, picture_columns, picture_grid
from ui.state.display import BIG_TEXT_SCALE, CHART_FONT_PX, is_big
from ui.state.keys import CLASS_SENT, CLASS_SHOWN

PLANE_KEY = "vae2"  # the plane a class's digits land on
# Each digit meant (0-9, and 10 for "not said") as a point on a colour scale of flat steps.
MEANT_SCALE = [
    [position, colour]
    for index, colour in enumerate((*DIGIT_COLOURS, "#000000"))
    for position in (index / 11, (index + 1) / 11)
]
GALLERY_MODEL = "deep"  # the reconstruction beside each digit in the gallery
GALLERY_SIZE = 12  # the latest digits shown; the map shows them all
BACKGROUND_DIGITS = 400  # test digits drawn faint behind the class's (each teacher's chart sends them)
PICTURE_BACKGROUND_DIGITS = 2000  # on a student's picture of the map, where they cost no bytes of data
WATCH_SECONDS = 0.5  # the teacher's screen
STUDENT_WATCH_SECONDS = 3.0  # a change reruns every student page: ~20 ms of server each (benchmarks/class_load.py)


@dataclass(frozen=True)
class Seen:
    """One digit as the models see it."""

    point: tuple[float, float] | None  # its code on the plane (None without the plane's model)
    reconstructions: dict[str, np.ndarray]  # each of the five that loaded: key → (28, 28)
    score: float | None  # the MNIST-like score, as on Reconstruct (None without MNIST)


# Not st.cache_resource: Streamlit hashes a cached function's arguments itself (16% of a busy
# class's server time went to hashing pixels, measured with py-spy); Python hashes bytes in C.
@functools.lru_cache(maxsize=8192)
def _seen(pixels: bytes) -> Seen:
    image = np.frombuffer(pixels, dtype=np.float32).reshape(28, 28, 1)
    trained_variants, _problems = loaders.load_shipped_variants()
    reconstructions, percents = {}, []
    for key, trained in trained_variants.items():
        output = decode(trained, encode(trained, image))
        reconstructions[key] = np.asarray(output).reshape(28, 28)
        stats = loaders.code_statistics(key)
        if stats is not None:
            error = float(binary_cross_entropy(image[np.newaxis], np.asarray(output)[np.newaxis])[0])
            percents.append(stats.percentile_of_error(error))
    plane_variants, _problems = planes.load_plane_variants()
    point = None
    if PLANE_KEY in plane_variants:
        code = np.asarray(encode(plane_variants[PLANE_KEY], image)).ravel()
        point = (float(code[0]), float(code[1]))
    return Seen(point, reconstructions, meter_score(percents) if percents else None)


def seen(digit: SentDigit) -> Seen:
    return _seen(np.ascontiguousarray(digit.pixels, dtype=np.float32).tobytes())


def _label(digit: SentDigit) -> str:
    """Who sent the digit and which one they meant, in the reader's language (the board keeps data)."""
    who = digit.name or _("someone")
    if digit.meant is None:
        return _("{name}, digit not said").format(name=who)
    return _("{name}, a {digit}").format(name=who, digit=digit.meant)


def _class_trace(placed: list[tuple[SentDigit, Seen]], star: bool, labelled: bool) -> go.Scatter:
    """The class's digits (or this screen's own, as stars) as one trace. NumPy arrays and a numeric
    colour on a discrete scale, not lists of strings: Plotly checks a list element by element
    (47 ms for 300 digits, against 5 ms), and every screen in the class builds this on each change."""
    meant = np.array([10 if digit.meant is None else digit.meant for digit, _ in placed], dtype=float)
    return go.Scatter(
        x=np.array([found.point[0] for _, found in placed]),
        y=np.array([found.point[1] for _, found in placed]),
        mode="markers+text" if labelled else "markers",
        text=np.array(["?" if digit.meant is None else str(digit.meant) for digit, _ in placed], dtype=object),
        textposition="top center",
        name=_("yours") if star else _("the class's digits"),
        marker={
            "size": 22 if star else 13,
            "symbol": "star" if star else "circle",
            "color": meant,
            "colorscale": MEANT_SCALE,
            "cmin": 0,
            "cmax": 10,
            "line": {"width": 1, "color": "#ffffff"},  # a colour, not a word a reader reads
        },
        hovertext=np.array([_label(digit) for digit, _ in placed], dtype=object),
        hoverinfo="text",
        customdata=np.array([digit.index for digit, _ in placed]),  # which digit a click picked
    )


def map_figure(board: Board, mine: set[int]) -> go.Figure | None:
    """The class's digits on the plane, over the test digits; None when the plane's model is missing."""
    test = planes.test_codes(PLANE_KEY)
    if test is None:
        return None
    codes, _labels = test
    background = codes[:BACKGROUND_DIGITS]
    placed = [(digit, found) for digit in board.digits if (found := seen(digit)).point is not None]
    labelled = len(placed) <= 40  # beyond that the numbers would hide the points: hover says them
    traces = [
        go.Scattergl(
            x=background[:, 0], y=background[:, 1], mode="markers", name=_("MNIST test digits"),
            marker={"size": 4, "color": "#bbbbbb", "opacity": 0.35}, hoverinfo="skip",
        ),
        _class_trace([entry for entry in placed if entry[0].index not in mine], star=False, labelled=labelled),
    ]  # fmt: skip
    if mine:
        traces.append(_class_trace([entry for entry in placed if entry[0].index in mine], star=True, labelled=True))
    layout = {
        "height": 560 if is_big() else 440,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "xaxis": {"title": {"text": _("code number 1")}},
        "yaxis": {"title": {"text": _("code number 2")}},
        "showlegend": False,
        "plot_bgcolor": "#ffffff",
        "font": {"size": round(CHART_FONT_PX * (BIG_TEXT_SCALE if is_big() else 1))},
    }
    return go.Figure(traces, layout)


MAP_KEY = "class_map"


def _show_clicked() -> None:
    """The teacher clicked a digit on the map: show it large, as its gallery's Show does."""
    points = st.session_state[MAP_KEY].selection.points
    indices = [point["customdata"] for point in points if isinstance(point.get("customdata"), int)]
    if indices:
        st.session_state[CLASS_SHOWN] = indices[0]


def show_map(board: Board, mine: set[int], clickable: bool = False) -> None:
    """The map as a chart; `clickable` (the teacher's page) opens a clicked digit large. (A
    student's screen shows it as a picture: `show_student_map`.)"""
    figure = map_figure(board, mine)
    if figure is None:
        st.info(_("The map needs the 2-number VAE and MNIST's test set; the gallery shows the digits."))
        return
    if clickable:
        st.plotly_chart(
            figure, key=MAP_KEY, config={"displayModeBar": False}, on_select=_show_clicked, selection_mode="points"
        )
    else:
        st.plotly_chart(figure, config={"displayModeBar": False})
    st.caption(_map_caption(mine=bool(mine), clickable=clickable))


def _map_caption(mine: bool, clickable: bool) -> str:
    sentences = [
        _(
            "Where each digit lands in the 2-number VAE's code (the Generate page's plane): digits the models "
            "read alike land close together; each is coloured and numbered by the digit its sender meant. "
            "Grey: MNIST's test digits."
        )
    ]
    if mine:
        sentences.append(_("★ yours."))
    if clickable:
        sentences.append(_("Click a digit to see it large."))
    return " ".join(sentences)


def _test_codes_behind() -> np.ndarray | None:
    """The test digits drawn faint behind a student's map."""
    test = planes.test_codes(PLANE_KEY)
    return None if test is None else test[0][:PICTURE_BACKGROUND_DIGITS]


def _placed_points(board: Board, keep) -> list[tuple[float, float, int | None]]:
    return [
        (*found.point, digit.meant)
        for digit in board.digits
        if keep(digit.index) and (found := seen(digit)).point is not None
    ]


@st.cache_resource(max_entries=64, show_spinner=False)  # not cache_data: no 1.3 MB picture pickled per hit
def _class_layer(code: str, key: tuple[int, ...], _board: Board, _background: np.ndarray):
    """The plane with the class's digits, stars not yet drawn, and where it puts codes: the same for
    every student in the class (cached by its digits; `mine` is drawn on a copy)."""
    points = _placed_points(_board, lambda index: True)
    plane = map_picture.MapPicture(_background, np.array([point[:2] for point in points]))
    image = plane.plane()
    plane.add_digits(image, points, DIGIT_COLOURS, star=False, labelled=len(points) <= 40)
    return plane, image


def student_map_png(code: str, board: Board, mine: set[int]) -> bytes | None:
    """A student's map of class `code` as a PNG, their own digits (`mine`) as stars; None without
    the plane's model or MNIST's test set. Also what the student page outside Streamlit shows."""
    background = _test_codes_behind()
    if background is None:
        return None
    plane, layer = _class_layer(code, _board_key(board), board, background)
    image = layer.copy()
    plane.add_digits(image, _placed_points(board, mine.__contains__), DIGIT_COLOURS, star=True, labelled=True)
    return map_picture.png(image)


def student_map_caption(mine: bool) -> str:
    """The words under a student's map (whether it shows stars of their own)."""
    return _map_caption(mine=mine, clickable=False)


def show_student_map(board: Board, mine: set[int]) -> None:
    """A student's map, as a picture: the same as the teacher's chart, without Plotly on a phone."""
    picture = student_map_png(membership.code(), board, mine)
    if picture is None:
        st.info(_("The map needs the 2-number VAE and MNIST's test set; the gallery shows the digits."))
        return
    st.image(picture, width="stretch")
    st.caption(student_map_caption(mine=bool(mine)))


def _close_large() -> None:
    st.session_state[CLASS_SHOWN] = None


def _score_text(score: float) -> str:
    return _("MNIST-like {score} of 100").format(score=number(score, "0"))


def _large_body(digit: SentDigit) -> None:
    found = seen(digit)
    st.markdown(f"**{_label(digit)}**" + ("" if found.score is None else f" · {_score_text(found.score)}"))
    columns = picture_columns(1 + len(found.reconstructions))
    columns[0].image(digit_picture(digit.pixels), caption=_("sent"))
    for column, (key, output) in zip(columns[1:], found.reconstructions.items(), strict=True):
        column.image(digit_picture(output), caption=VARIANTS[key].title)


def _large(digit: SentDigit) -> None:
    """One digit large, with all five reconstructions. The dialog is made on each call: its title
    is fixed when it is made, and must be in this reader's language."""
    st.dialog(_("A digit from the class"), width="large", on_dismiss=_close_large)(_large_body)(digit)


def _hide(index: int, teacher_token: str) -> None:
    _done, problem = membership.attempt(
        lambda: classroom.hide(loaders.room_store(), membership.code(), teacher_token, index)
    )
    if problem:
        st.error(problem)
    else:
        st.rerun()


def show_gallery(board: Board, teacher_token: str) -> None:
    """The teacher's gallery: the latest digits, newest first, each with Show (large) and Hide.
    (A student's screen shows them as one picture: `show_student_board`.)"""
    latest = board.digits[::-1][:GALLERY_SIZE]
    if not latest:
        st.info(_("No digits yet: they appear here as students send them."), icon="✏️")
        return
    per_row = 2 if is_big() else 3  # four to a row left a digit's picture small at 1400 pixels
    for start in range(0, len(latest), per_row):
        for column, digit in zip(st.columns(per_row), latest[start : start + per_row], strict=False):
            found = seen(digit)
            pair = [digit.pixels]
            if GALLERY_MODEL in found.reconstructions:
                pair.append(found.reconstructions[GALLERY_MODEL])
            with column, st.container(key=f"class_digit_{digit.index}"):
                st.image(picture_grid(np.stack(pair), per_row=2), caption=_label(digit))
                if found.score is not None:
                    st.caption(_score_text(found.score))
                # Side by side at their own widths, the second below the first where they do not fit: two
                # equal columns cut a Russian "Показать" to "Показ…" in big mode.
                with st.container(horizontal=True, gap="small"):
                    if st.button(_("Show"), key=f"class_show_{digit.index}", icon="🔍"):
                        st.session_state[CLASS_SHOWN] = digit.index
                    if st.button(_("Hide"), key=f"class_hide_{digit.index}", icon="🙈"):
                        _hide(digit.index, teacher_token)
    model = VARIANTS[GALLERY_MODEL].title.lower()
    st.caption(_("Each digit beside the {model} model's copy of it.").format(model=model))
    shown = st.session_state.get(CLASS_SHOWN)
    by_index = {digit.index: digit for digit in board.digits}
    if shown in by_index:
        _large(by_index[shown])


def show_student_board(board: Board, mine: set[int]) -> None:
    """A student's view of the class: the counts, the map with their own stars, and the latest
    digits as one picture (the same for every student, made once per change of the board)."""
    st.markdown(counts_line(board))
    plane, gallery = st.columns([2, 3], gap="large")
    with plane:
        show_student_map(board, mine)
    with gallery:
        latest = board.digits[::-1][:GALLERY_SIZE]
        if not latest:
            st.info(_("No digits yet: they appear here as the class sends them."), icon="✏️")
            return
        with st.container(key="class_latest"):
            st.image(latest_png(membership.code(), board), caption=latest_caption())
            st.caption(latest_line(board, mine))


def latest_png(code: str, board: Board) -> bytes:
    """The latest digits of class `code`, newest first, each beside its copy: one PNG."""
    return _gallery_picture(code, _board_key(board), board)


def latest_caption() -> str:
    return _("The latest digits, newest first, each beside its copy")


def latest_line(board: Board, mine: set[int]) -> str:
    """Who sent the latest digits and which each meant, in the picture's order, ★ for this screen's own."""
    latest = board.digits[::-1][:GALLERY_SIZE]
    return " · ".join(_label(digit) + (" ★" if digit.index in mine else "") for digit in latest)


def _board_key(board: Board) -> tuple[int, ...]:
    return tuple(digit.index for digit in board.digits)


@st.cache_data(max_entries=64, show_spinner=False)
def _gallery_picture(code: str, key: tuple[int, ...], _board: Board) -> bytes:
    """The latest digits, each beside its reconstruction, as one PNG (cached by the board's digits)."""
    pairs = []
    for digit in _board.digits[::-1][:GALLERY_SIZE]:
        found = seen(digit)
        pairs += [digit.pixels, found.reconstructions.get(GALLERY_MODEL, np.zeros_like(digit.pixels))]
    buffer = io.BytesIO()
    picture_grid(np.stack(pairs), per_row=8).save(buffer, format="PNG")
    return buffer.getvalue()


def watch(code: str, version: str | None, student: bool, unreachable: bool = False) -> None:
    """Follow the class's board: the page reruns when the board changed, within half a second on
    the teacher's screen and three seconds on a student's; a quiet class reruns nothing (the
    browser asks over HTTP: ui/components/room_watch.py). `unreachable`: this page was drawn
    while the rooms' store was out of reach (it reruns when the store answers, either way)."""
    every = STUDENT_WATCH_SECONDS if student else WATCH_SECONDS
    drawn = "unreachable" if unreachable else version
    room_watch(classroom.version_url(code), drawn, every, student=membership.student() if student else None)


def warm_up() -> None:
    """Compute what every digit's analysis needs (the five models' error statistics, the plane's
    test codes) while the class is still empty, so the first digit sent shows at once."""
    trained_variants, _problems = loaders.load_shipped_variants()
    for key in trained_variants:
        loaders.code_statistics(key)
    planes.test_codes(PLANE_KEY)


def mine() -> set[int]:
    return set(st.session_state.get(CLASS_SENT) or [])


def counts_line(board: Board) -> str:
    """Who is there and what is on the board: two whole clauses, each in the plural form of its own count."""
    students = ngettext(
        "**{connected}** of {count} student connected", "**{connected}** of {count} students connected", board.students
    ).format(connected=board.connected, count=board.students)
    on_board = len(board.digits)
    digits = ngettext(
        "**{count}** digit on the board ({received} received)",
        "**{count}** digits on the board ({received} received)",
        on_board,
    ).format(count=on_board, received=board.received)
    return f"{students} · {digits}"
