"""The lesson: a classroom sequence of steps, kept as data a teacher can read and change.

`autoencoders.toml` holds the steps (title, text, what the step shows, an optional question to
predict before a reveal, and a note for the teacher); `plan.py` reads and checks it;
`translation.py` hands its texts to the catalog (i18n/babel.cfg), so the page shows them in the
reader's language. Nothing here imports Streamlit: the Lesson page (pages/lesson_steps.py,
ui/lesson/) draws what this describes.
"""
