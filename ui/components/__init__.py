"""Browser components (st.components.v2): inline HTML/JS/CSS read from the files beside them."""
