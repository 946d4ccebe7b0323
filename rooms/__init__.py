"""Shared state between sessions: what one browser sets and another follows.

`store.py` holds the small interface every room store keeps (a room is a short code; in it, named
fields hold short text values) and the embedded store that keeps rooms in the server process,
forgetting a room after three hours without activity. The lesson's shared step lives here;
a store that several servers share plugs in behind the same interface. No Streamlit here.
"""
