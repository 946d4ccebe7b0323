"""Shared state between sessions: what one browser sets and another follows. No Streamlit here.

- `store.py`        the small interface every room store keeps (a room is a short code; in it,
                    named fields of short text, append-only lists with a limit, rate windows)
                    and the embedded store that keeps rooms in the server process, forgetting a
                    room after three hours without activity
- `redis_store.py`  the same interface in Redis, so several app servers share rooms
- `configured.py`   which of the two this server uses (`AUTOENCODER_LAB_REDIS_URL`)
- `classroom.py`    a class's rules on top of a store: the teacher's token, students, digits,
                    hide, clear and end, the limits, and what a digit may be
- `board_cache.py`  each class's board as of its latest version, read once per version and server
The lesson's shared step and the class mode both live here.
"""
