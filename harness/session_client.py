"""A Streamlit session without a browser: what a page sends over the websocket, and what comes back.

For benchmarks/server_load.py. On this machine a headless Chromium spends about a second of
CPU per interaction drawing the page (React, Plotly, the pad's live models), so one core of
browsers saturates at about one interaction a second while the server idles. This client
speaks the frontend's protocol instead: protobuf BackMsg and ForwardMsg over /_stcore/stream.
It asks for reruns with widget states, as the page does, so the server runs the same scripts,
builds the same deltas and component data, and checks the same payloads; nothing is drawn.
Unlike a browser it reports no cached messages, so the server sends every delta in full, and
it keeps every widget it has seen: it is for scripted visits to one page.

What it knows of the page comes from the deltas: each widget's id (which ends in its key),
the fragment it was drawn in, each component's data, the text of the last run's markdown,
code blocks and alerts, and the fragments that asked to be rerun on a timer (`st.fragment(run_every=...)`:
a browser reruns them itself; here `auto_rerun` does, when the caller says).
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from typing import Any

from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
STREAM_PATH = "/_stcore/stream"


@dataclass
class Widget:
    """A widget or component as the last delta drew it."""

    id: str
    kind: str  # the Element's type: "number_input", "button_group", "bidi_component", ...
    fragment_id: str
    element: Any  # the Element's own proto (e.g. a NumberInput)


class RunFailed(RuntimeError):
    """The server ended a run with something other than success, or showed an exception."""


class SessionClient:
    """One session: open a page, then ask for reruns with changed widget values; each returns its seconds."""

    def __init__(self, url: str, timeout: float = 120.0) -> None:
        self.url = url.replace("http://", "ws://").rstrip("/") + STREAM_PATH
        self.timeout = timeout
        self.widgets: dict[str, Widget] = {}
        self.states: dict[str, WidgetState] = {}  # the value of each widget this client has set
        self.page_script_hash = ""
        self.query = ""  # the page's query string, as the server last set it (the page sends it back)
        self.exceptions: list[str] = []
        self.texts: list[str] = []  # markdown, code and alert texts drawn since the last run began
        self.timed_fragments: dict[str, float] = {}  # fragment id -> seconds between reruns, newest last
        self._socket = None
        self._reader: asyncio.Task | None = None
        self._finished: asyncio.Future | None = None

    async def open(self, page_name: str, query: str = "") -> float:
        """Connect and run `page_name` (its URL path) with `query` as the page's first load would."""
        self._socket = await connect(self.url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout)
        self._reader = asyncio.create_task(self._read())
        self.query = query
        return await self._run(page_name=page_name)

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
        if self._socket is not None:
            await self._socket.close()

    def widget(self, key: str) -> Widget:
        """The widget whose user key is `key` (Streamlit ends every keyed widget's id with it)."""
        found = [w for w in self.widgets.values() if w.id.endswith(f"-{key}")]
        if len(found) != 1:
            raise KeyError(f"{len(found)} widgets end in {key!r}")
        return found[0]

    def component_data(self, key: str) -> dict:
        """The data a st.components.v2 component was last drawn with."""
        return json.loads(self.widget(key).element.json)

    async def set_values(self, key: str, **value: Any) -> float:
        """Rerun with the widget `key` holding `value`: one WidgetState field, the one the widget
        registers (st.number_input, even for whole numbers: double_value=3)."""
        widget = self.widget(key)
        state = WidgetState(id=widget.id, **value)
        self.states[widget.id] = state
        return await self._run(fragment_id=widget.fragment_id)

    async def set_component_state(self, key: str, state: dict) -> float:
        """Rerun with a component's whole state (what its JavaScript set with setStateValue)."""
        return await self.set_values(key, json_value=json.dumps(state))

    async def click(self, key: str) -> float:
        """Rerun as a press of the button `key` does (a trigger, true for this run only)."""
        widget = self.widget(key)
        return await self._run(once=[WidgetState(id=widget.id, trigger_value=True)])

    async def auto_rerun(self, fragment_id: str) -> float:
        """Rerun a timed fragment, as the browser does every `timed_fragments[fragment_id]` seconds."""
        return await self._run(fragment_id=fragment_id, auto=True)

    async def trigger(self, key: str, event: str, value: Any) -> float:
        """Rerun with one trigger of a component (its JavaScript's setTriggerValue(event, value))."""
        widget = self.widget(key)
        payload = json.dumps([{"event": event, "value": value}])
        trigger = WidgetState(id=_make_trigger_id(widget.id, "events"), json_trigger_value=payload)
        return await self._run(fragment_id=widget.fragment_id, once=[trigger])

    async def _run(
        self, page_name: str = "", fragment_id: str = "", once: list[WidgetState] = (), auto: bool = False
    ) -> float:
        message = BackMsg()
        client = message.rerun_script
        client.is_auto_rerun = auto
        client.query_string = self.query
        client.page_name = page_name
        client.page_script_hash = self.page_script_hash
        client.fragment_id = fragment_id
        client.widget_states.widgets.extend([*self.states.values(), *once])
        self._finished = asyncio.get_running_loop().create_future()
        self.texts = []
        started = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        status = await asyncio.wait_for(self._finished, timeout=self.timeout)
        elapsed = time.perf_counter() - started
        if status not in FINISHED:
            raise RunFailed(f"the run ended with status {status}")
        if self.exceptions:
            raise RunFailed(f"the page shows an exception: {self.exceptions[0][:160]}")
        return elapsed

    async def _read(self) -> None:
        async for data in self._socket:
            message = ForwardMsg()
            message.ParseFromString(data)
            kind = message.WhichOneof("type")
            if kind == "navigation":  # which page st.navigation ran: the page asks for it again
                self.page_script_hash = message.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = message.page_info_changed.query_string
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                self._keep_element(message.delta.new_element, message.delta.fragment_id)
            elif kind == "auto_rerun":
                self.timed_fragments.pop(message.auto_rerun.fragment_id, None)  # the newest last
                self.timed_fragments[message.auto_rerun.fragment_id] = message.auto_rerun.interval
            elif kind == "script_finished" and self._waiting_for(message.script_finished):
                self._finished.set_result(message.script_finished)

    def _waiting_for(self, status) -> bool:
        """Whether a run's end answers the rerun asked for (a run cut short by a newer one does not)."""
        waiting = self._finished is not None and not self._finished.done()
        return waiting and status != ForwardMsg.FINISHED_EARLY_FOR_RERUN

    def _keep_element(self, element, fragment_id: str) -> None:
        kind = element.WhichOneof("type")
        if kind == "markdown":
            self.texts.append(element.markdown.body)
        elif kind == "code":
            self.texts.append(element.code.code_text)
        elif kind == "alert":
            self.texts.append(element.alert.body)
        if kind == "exception":
            self.exceptions.append(f"{element.exception.type}: {element.exception.message}")
            return
        inner = getattr(element, kind)
        if getattr(inner, "id", ""):
            self.widgets[inner.id] = Widget(inner.id, kind, fragment_id, inner)
