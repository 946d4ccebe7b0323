"""Which room store this server uses: Redis when `AUTOENCODER_LAB_REDIS_URL` names one, else its own.

    store = store_from_environment(os.environ)

Without the variable, rooms live in the server process (`make run` needs nothing more); with it,
every app server pointing at the same Redis shares classes and lessons (compose's `scale`
profile). A URL Redis's client cannot read is refused at once, with the variable named.
"""

from __future__ import annotations

from collections.abc import Mapping

from i18n import _
from rooms.store import MemoryRoomStore, RoomStore, RoomStoreUnavailable

REDIS_URL_ENV = "AUTOENCODER_LAB_REDIS_URL"


def store_from_environment(environ: Mapping[str, str]) -> RoomStore:
    url = environ.get(REDIS_URL_ENV, "").strip()
    if not url:
        return MemoryRoomStore()
    from rooms.redis_store import RedisRoomStore  # only a server set up for Redis needs the client

    try:
        return RedisRoomStore.from_url(url)
    except ValueError as error:
        message = _("{variable} is not a Redis address ({error}); expected e.g. {example}")
        raise RoomStoreUnavailable(
            message.format(variable=REDIS_URL_ENV, error=error, example="redis://localhost:6379/0")
        ) from error
