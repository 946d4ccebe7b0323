"""A student's page of a class, served without Streamlit: `/join/<code>`, the class link.

A phone that opened a class as a Streamlit page loaded Streamlit's frontend first (1.2 MB on a
first visit; on a phone four times slower than this machine, 3–4 s to open its websocket and
3.5–6 s to draw anything, cached or not) before the drawing pad could start. What a student needs
is small: the same drawing pad with the five live reconstructions, a name, the digit meant, Send,
and the class's map. This page is that, as one HTML answer (12 kB, 4 kB compressed) and one script that the
browser keeps (the pad's own modules, serve/student/page.js after them), talking to
serve/student_api.py. Its words are chosen here, in the language of `lang=` in the link (the
teacher's, as the invitation writes it) or else the browser's.

    GET /join/<code>[?lang=ru]   the page (a code that names no class: why, and a field to type one)
    GET /join?code=<typed>       the field's answer: on to /join/<code>
    GET /join/assets/<name>      the page's script, named by its content's hash: kept for good
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from streamlit import config

import i18n
from i18n import _
from rooms import classroom
from rooms.classroom import MAX_NAME_LENGTH
from rooms.store import RoomStoreUnavailable, is_room_code
from serve import student_api
from serve.class_route import NEVER_CACHED, shared_store
from serve.weight_route import FOREVER
from ui.components.assets import component_js, read_asset
from ui.page_table import STUDENT_PAGE_PATH

PATH = STUDENT_PAGE_PATH
ASSETS_PATH = PATH + "/assets"
PAGE_DIR = Path(__file__).resolve().parent / "student"
TYPED_CODE_LIMIT = 40  # characters of a typed code the field takes and the answer repeats

_templates = Environment(loader=FileSystemLoader(PAGE_DIR), autoescape=select_autoescape(["html"]))


@cache
def script() -> tuple[str, bytes]:
    """The page's one script and its name: the drawing pad's module (with the models and the
    stroke helpers), then page.js, which calls the pad's `render` as Streamlit would."""
    text = component_js("drawing_pad", helpers=("strokes.js", "preprocess.js")) + "\n" + read_asset_here("page.js")
    content = text.encode("utf-8")
    return f"student-{hashlib.sha256(content).hexdigest()[:16]}.js", content


@cache
def read_asset_here(name: str) -> str:
    """The text of `name` in serve/student/, read once per process (every page is made with its CSS)."""
    return (PAGE_DIR / name).read_text(encoding="utf-8")


def script_url() -> str:
    return f"{ASSETS_PATH}/{script()[0]}"


def language_of(request: Request) -> str:
    """`lang=` when it names one of ours, else the browser's (Accept-Language), else English."""
    asked = request.query_params.get(i18n.LANG_PARAM)
    if asked in i18n.LANGUAGES:
        return asked
    return i18n.preferred_language(request.headers.get("accept-language"))


def page_url(code: str, language: str) -> str:
    return f"{PATH}/{code}?{urlencode({i18n.LANG_PARAM: language})}"


def _models() -> list[dict]:
    """The five models as the pad's data names them (their weight files' addresses, never the weights)."""
    from ui import loaders  # Streamlit's caches: once its runtime runs
    from ui.components.browser_weights import browser_weights

    trained, _problems = loaders.load_shipped_variants()
    return [
        {"key": key, "title": _(variant.variant.title), "weights": browser_weights(variant)}
        for key, variant in trained.items()
    ]


def _pad_labels() -> dict[str, str]:
    from ui.components.drawing_pad import pad_labels

    return pad_labels()


def _words() -> dict[str, str]:
    """What page.js says, in the page's language (Send's words as Streamlit's student screen says them)."""
    from ui.classroom.student import EMPTY_PAD, SENT, SENT_ALREADY

    return {
        "joining": _("Joining the class…"),
        "sending": _("Sending…"),
        "sent": _(SENT),
        "again": _(SENT_ALREADY),
        "empty": _(EMPTY_PAD),
        "offline": _("The server did not answer: check the Wi-Fi, then send again."),
        "gone": _("The class has ended: thank you for taking part."),
        "mapMissing": _(student_api.MAP_MISSING),
    }


def _languages(code: str | None) -> list[dict[str, str]]:
    return [
        {
            "code": language,
            "name": name,
            "url": page_url(code, language) if code else f"{PATH}?{urlencode({i18n.LANG_PARAM: language})}",
        }
        for language, name in i18n.LANGUAGES.items()
    ]


def theme() -> dict[str, str]:
    """The app's colours (.streamlit/config.toml's theme), for the page to look like the app around it."""
    return {
        "primary": config.get_option("theme.primaryColor") or "#2f6fb3",
        "text": config.get_option("theme.textColor") or "#1f2a37",
        "background": config.get_option("theme.backgroundColor") or "#ffffff",
        "secondary": config.get_option("theme.secondaryBackgroundColor") or "#f2f5f9",
    }


def _render(template: str, language: str, status: int = 200, **fields) -> HTMLResponse:
    text = _templates.get_template(template).render(
        lang=language, css=read_asset_here("page.css"), theme=theme(), **fields
    )
    return HTMLResponse(text, status_code=status, headers=NEVER_CACHED)


def _problem_page(language: str, problem: str, status: int, code: str | None = None) -> HTMLResponse:
    """Why there is no class to join here, with a field for the code on the teacher's screen."""
    return _render(
        "problem.html",
        language,
        status,
        title=_("Join a class"),
        problem=problem,
        code_label=_("Class code"),
        code_hint=_("the 10 letters and digits on the teacher's screen"),
        join_label=_("Join"),
        form_action=PATH,
        code_limit=TYPED_CODE_LIMIT,
        languages=_languages(code),
        app_link=_("Open Autoencoder Lab"),
    )


def _class_page(code: str, language: str) -> HTMLResponse:
    """The page for class `code` (the class exists), in `language`."""
    # Imported here, as every `ui` module this file uses: importing them at the server's start,
    # before Streamlit's runtime exists, would give their caches storage of their own.
    from ui.classroom.board_view import STUDENT_WATCH_SECONDS
    from ui.classroom.student import DOUBLE_SEND_SECONDS
    from ui.components.drawing_pad import BIG_PAD_SIZE

    models = _models()
    data = {
        "code": code,
        "lang": language,
        "size": BIG_PAD_SIZE,  # at most, as the app's big pad: a phone's width or a short screen shrinks it
        "pollSeconds": STUDENT_WATCH_SECONDS,  # how often the page asks whether the board changed, as Streamlit's
        # The same digit sent again this soon is one press heard twice, as on Streamlit's screen.
        "doubleSendSeconds": DOUBLE_SEND_SECONDS,
        "urls": {
            "students": student_api.url(code, "students"),
            "digits": student_api.url(code, "digits"),
            "board": student_api.url(code, "board"),
            "map": student_api.url(code, "map.png"),
            "latest": student_api.url(code, "latest.png"),
            "version": classroom.version_url(code),
        },
        "models": models,
        "labels": _pad_labels(),
        "words": _words(),
    }
    return _render(
        "page.html",
        language,
        title=_("Class {code}").format(code=code),
        heading=_("Class"),
        # The code in bold inside the translated sentence, whose own words are escaped.
        intro=escape(_("You are in class {code}. Draw a digit, say which one you meant, and send it.")).format(
            code=Markup("<strong>{}</strong>").format(code)
        ),
        pad_html=read_asset("drawing_pad.html"),
        pad_size=BIG_PAD_SIZE,
        pad_css=read_asset("drawing_pad.css"),
        name_label=_("Your first name or a nickname (optional)"),
        name_length=MAX_NAME_LENGTH,
        meant_label=_("The digit I meant"),
        send_label=_("Send"),
        board_heading=_("The class's map"),
        map_alt=_("The class's digits on the 2-number VAE's code plane"),
        languages=_languages(code),
        app_link=_("Open Autoencoder Lab"),
        script_url=script_url(),
        weight_urls=[model["weights"]["url"] for model in models],
        data=data,
    )


async def class_page(request: Request) -> Response:
    code, language = request.path_params["code"].strip().lower(), language_of(request)

    def answer() -> HTMLResponse:
        with i18n.speaking(language):
            if not is_room_code(code):
                problem = _("A class code is 10 letters and digits, as on the teacher's screen.")
                return _problem_page(language, problem, 404)
            try:
                classroom.version(shared_store(), code)
            except classroom.ClassGone as gone:
                return _problem_page(language, str(gone), 404, code)
            except RoomStoreUnavailable as error:
                message = _("The class cannot be reached right now: {error}. Reload this page in a moment.")
                return _problem_page(language, message.format(error=error), 503, code)
            return _class_page(code, language)

    # The store's round trip and, on a server's first class link, the models: off the event loop.
    return await run_in_threadpool(answer)


async def typed_code(request: Request) -> Response:
    """`/join?code=...` (the problem page's field), or `/join` alone: the field to type a code."""
    language, typed = language_of(request), request.query_params.get("code", "").strip().lower()
    if typed:
        # A code that is not one goes to its page too, which says why in this language.
        return RedirectResponse(page_url(quote(typed[:TYPED_CODE_LIMIT], safe=""), language), 303)
    with i18n.speaking(language):
        return _problem_page(language, _("Type the code on the teacher's screen."), 200)


async def not_a_class(request: Request) -> Response:
    """`/join/<anything with a slash>`: no class's page, said as for any code that is not one."""
    language = language_of(request)
    with i18n.speaking(language):
        return _problem_page(language, _("A class code is 10 letters and digits, as on the teacher's screen."), 404)


async def asset(request: Request) -> Response:
    name, content = script()
    if request.path_params["name"] != name:
        return PlainTextResponse("No such file.", status_code=404, headers=NEVER_CACHED)
    return Response(content, media_type="text/javascript", headers={"Cache-Control": FOREVER})


ROUTES = [
    Route(PATH, typed_code, methods=["GET"]),
    Route(ASSETS_PATH + "/{name}", asset, methods=["GET"]),
    Route(PATH + "/{code}", class_page, methods=["GET"]),
    Route(PATH + "/{rest:path}", not_a_class, methods=["GET"]),  # else Streamlit would answer with a blank page
]
