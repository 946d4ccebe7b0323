"""What a session remembers, below every widget: state keys, the address, remembered widgets,
display size, and the Code explorer's code.

Imports Streamlit and `models`/`digits` only, never the rest of `ui`, so both the components
(`ui.components`) and the page parts (`ui`) can build on it.
"""
