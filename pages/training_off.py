"""Shown at the Train page's address when training is switched off on this server."""

import streamlit as st

from i18n import _

st.title(_("Train"))
st.info(
    _(
        "Training is switched off on this server, so this page is not available (whoever runs the server can "
        "switch it on: the README says how). The other pages work as usual with the shipped weights."
    ),
    icon="🔒",
)
