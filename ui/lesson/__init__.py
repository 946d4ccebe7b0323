"""The Lesson page's parts: which step shows (and who follows it), the screen's frame, the views.

- `progress.py`  the step: from the address on arrival, moved by keys and buttons, shared
                 through a room with the teacher's notes view
- `screen.py`    the frame of a step: its style, the top bar, the text, the question and Reveal
- `views.py`     what each step shows beside its text (the lesson file's `show`)
The steps themselves are data: lesson/autoencoders.toml.
"""
