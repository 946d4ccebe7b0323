"""Streamlit helpers shared by the pages: state, the input panel, cached loaders, pictures."""
