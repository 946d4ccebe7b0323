"""Rooms in Redis, so that several app servers share classes and lessons.

    store = RedisRoomStore.from_url("redis://localhost:6379/0")   # AUTOENCODER_LAB_REDIS_URL

It keeps `rooms.store.RoomStore`'s promises the way `MemoryRoomStore` does, with Redis doing the
bookkeeping: two hashes per room, its fields (`f:<name>`: small, read on every check) and its
lists (items as `l:<name>:<index>`, a list's length as `n:<name>`: a class's digits, ~1 KB
each, never sent with the fields), both given the room's lifetime on every write (and, by reads,
at most once a minute); a list grows and checks its limit in one Lua script, so two servers
cannot both add the last allowed digit; a rate window is a counter that expires with its window.
Redis's own `maxmemory` and `maxmemory-policy` bound its memory (compose's `scale` profile sets
them; the embedded store's `MAX_ROOMS` is a per-process rule). A server that cannot be reached,
or one restarting, is retried briefly, then reported as `RoomStoreUnavailable` with its address;
any other refusal (full, read-only) too.
"""

from __future__ import annotations

import functools
import threading
import time

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from i18n import _
from rooms.store import (
    MAX_ITEM_LENGTH,
    ROOM_LIFETIME_SECONDS,
    RoomStoreUnavailable,
    check_name,
    check_write,
)

PREFIX = "autoencoder-lab:"
TOUCH_SECONDS = 60.0  # a room's lifetime is renewed at most this often by one server's reads
ROOM_INDEX = PREFIX + "rooms"  # a set of the rooms written, pruned as they expire (count_rooms)

# KEYS: the room's lists, its fields, the index of rooms. ARGV: list name, item, limit, lifetime, room.
APPEND_SCRIPT = """
local count = tonumber(redis.call('HGET', KEYS[1], 'n:' .. ARGV[1]) or '0')
redis.call('SADD', KEYS[3], ARGV[5])
redis.call('EXPIRE', KEYS[2], ARGV[4])
if count >= tonumber(ARGV[3]) then
    redis.call('EXPIRE', KEYS[1], ARGV[4])
    return -1
end
redis.call('HSET', KEYS[1], 'l:' .. ARGV[1] .. ':' .. count, ARGV[2], 'n:' .. ARGV[1], count + 1)
redis.call('EXPIRE', KEYS[1], ARGV[4])
return count
"""

# KEYS: the room's lists. ARGV: list name, first index. (Reads renew the lifetime apart: `_keep`.)
ITEMS_SCRIPT = """
local count = tonumber(redis.call('HGET', KEYS[1], 'n:' .. ARGV[1]) or '0')
local names = {}
for index = tonumber(ARGV[2]), count - 1 do names[#names + 1] = 'l:' .. ARGV[1] .. ':' .. index end
if #names == 0 then return {} end
return redis.call('HMGET', KEYS[1], unpack(names))
"""


def _room_key(room: str) -> str:
    """The hash of the room's fields."""
    return f"{PREFIX}room:{room}"


def _lists_key(room: str) -> str:
    """The hash of the room's lists."""
    return f"{PREFIX}room:{room}:lists"


def _reported(method):
    """Turn the client's connection failures (after its retries) into one clear error, in the language
    of the session whose call failed (the page shows it as it is)."""

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as error:
            message = _("the room store at {address} cannot be reached ({error})")
            raise RoomStoreUnavailable(message.format(address=self.address, error=error)) from error
        except redis.exceptions.RedisError as error:  # full (OOM), read-only replica, a script's error
            message = _("the room store at {address} refused ({error})")
            raise RoomStoreUnavailable(message.format(address=self.address, error=error)) from error

    return call


class RedisRoomStore:
    """Rooms in one Redis database, shared by every app server that points at it."""

    def __init__(self, client: redis.Redis, lifetime_seconds: int = ROOM_LIFETIME_SECONDS, address: str = "Redis"):
        self._redis, self._lifetime, self.address = client, int(lifetime_seconds), address
        self._kept: dict[str, float] = {}  # room -> when this store last renewed its lifetime
        self._kept_lock = threading.Lock()
        self._append = client.register_script(APPEND_SCRIPT)
        self._items = client.register_script(ITEMS_SCRIPT)

    @classmethod
    def from_url(cls, url: str, lifetime_seconds: int = ROOM_LIFETIME_SECONDS) -> RedisRoomStore:
        # A restarting server is retried for about a second; past that, the page says so.
        retry = Retry(ExponentialBackoff(cap=0.5, base=0.05), retries=4)
        client = redis.Redis.from_url(
            url,
            decode_responses=True,
            socket_timeout=2,
            socket_connect_timeout=2,
            retry=retry,
            retry_on_error=[redis.exceptions.ConnectionError, redis.exceptions.TimeoutError],
            health_check_interval=30,
        )
        # The address without a password, for messages.
        host = client.connection_pool.connection_kwargs.get("host", "?")
        port = client.connection_pool.connection_kwargs.get("port", "?")
        return cls(client, lifetime_seconds, address=f"redis://{host}:{port}")

    def _keep(self, pipe, room: str, always: bool = False):
        """Add to `pipe` what keeps the room alive another lifetime: on every write (`always`), and
        for reads at most once a minute per room and server. EXPIRE is a write, and a class's
        screens read their room several times a second."""
        now = time.monotonic()
        with self._kept_lock:  # every session's thread shares this store
            if not always and now - self._kept.get(room, -TOUCH_SECONDS) < TOUCH_SECONDS:
                return pipe
            self._kept[room] = now
            if len(self._kept) > 10_000:  # forget rooms not touched for a while: the map stays small
                self._kept = {key: at for key, at in self._kept.items() if now - at < TOUCH_SECONDS}
        return pipe.expire(_room_key(room), self._lifetime).expire(_lists_key(room), self._lifetime)

    @_reported
    def read(self, room: str, field: str) -> str | None:
        key = _room_key(room)
        pipe = self._redis.pipeline(transaction=False).hget(key, f"f:{field}")
        value, *_ = self._keep(pipe, room).execute()
        return value

    @_reported
    def read_fields(self, room: str) -> dict[str, str]:
        pipe = self._redis.pipeline(transaction=False).hgetall(_room_key(room))
        everything, *_ = self._keep(pipe, room).execute()
        return {name[2:]: value for name, value in everything.items() if name.startswith("f:")}

    @_reported
    def write(self, room: str, field: str, value: str) -> None:
        check_write(room, value)
        pipe = self._redis.pipeline(transaction=True).hset(_room_key(room), f"f:{field}", value)
        self._keep(pipe, room, always=True).sadd(ROOM_INDEX, room).execute()

    @_reported
    def append(self, room: str, name: str, item: str, limit: int) -> int | None:
        check_write(room, item, MAX_ITEM_LENGTH)
        check_name(name)
        keys = [_lists_key(room), _room_key(room), ROOM_INDEX]
        index = self._append(keys=keys, args=[name, item, limit, self._lifetime, room])
        return None if int(index) < 0 else int(index)

    @_reported
    def items(self, room: str, name: str, start: int = 0) -> list[str]:
        check_name(name)
        found = self._items(keys=[_lists_key(room)], args=[name, max(0, int(start))])
        self._keep(self._redis.pipeline(transaction=False), room).execute()
        return [item for item in found if item is not None]

    @_reported
    def length(self, room: str, name: str) -> int:
        pipe = self._redis.pipeline(transaction=False).hget(_lists_key(room), f"n:{name}")
        count, *_ = self._keep(pipe, room).execute()
        return int(count or 0)

    @_reported
    def count_in_window(self, room: str, name: str, window_seconds: int) -> int:
        check_name(name)
        window = int(time.time() // window_seconds)
        key = f"{PREFIX}rate:{room}:{name}:{window}"
        count, _expiry = self._redis.pipeline(transaction=True).incr(key).expire(key, window_seconds).execute()
        return int(count)

    @_reported
    def delete(self, room: str) -> None:
        self._redis.pipeline(transaction=True).delete(_room_key(room), _lists_key(room)).srem(
            ROOM_INDEX, room
        ).execute()

    @_reported
    def count_rooms(self, field: str, value: str) -> int:
        rooms = sorted(self._redis.smembers(ROOM_INDEX))
        if not rooms:
            return 0
        pipe = self._redis.pipeline(transaction=False)
        for room in rooms:
            pipe.exists(_room_key(room)).hget(_room_key(room), f"f:{field}")
        answers = pipe.execute()
        gone = [room for room, exists in zip(rooms, answers[0::2], strict=True) if not exists]
        if gone:  # expired since they were written: keep the index small
            self._redis.srem(ROOM_INDEX, *gone)
        return sum(found == value for found in answers[1::2])

    def close(self) -> None:
        self._redis.close()
