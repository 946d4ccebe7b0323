"""Shown at the Train page's address when training is switched off on this server."""

import streamlit as st

st.title("Train")
st.info(
    "Training is switched off on this server (`AUTOENCODER_LAB_TRAINING=off`), so this page is not available. "
    "The other pages work as usual with the shipped weights.",
    icon="🔒",
)
