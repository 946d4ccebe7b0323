"""Session-state keys that more than one module (or a test) reads or writes, each named once.

A key used by one module alone stays a constant in that module. Widgets bound through
`ui.state.remembered.remembered` keep their lasting value under these keys; the widget itself lives
under `ui.state.remembered.widget_key(key)`, the name tests drive it by.
"""

from __future__ import annotations

# The input panel's digit and how it was chosen (ui/input_panel.py, ui/state/url_params.py, the pages).
INPUT_SOURCE = "input_source"  # "MNIST", "Draw" or "Upload"
INPUT_IMAGE = "input_image"  # the current digit (28, 28, 1), or None
INPUT_LABEL = "input_label"  # its MNIST label, or None for a drawing or upload
MNIST_INDEX = "mnist_index"
PICK_MODE = "pick_mode"
PICK_LABEL = "pick_label"
DRAWN_IMAGE = "drawn_image"  # the drawing pad's preprocessed digit (also what a shared link carries)
UPLOADED_IMAGE = "uploaded_image"

# Shared view settings (the URL carries them).
VARIANT = "variant"
NOISE_FACTOR = "noise_factor"
NOISE_SEED = "noise_seed"
ZERO_MEAN_NOISE = "zero_mean_noise"
BIG_IMAGES = "big_images"
LANGUAGE = "language"  # "en" or "ru" (ui/language.py)
LIVE_SLIDERS = "live_sliders"  # the browser's sliders (True) or the server's

# What app.py and ui/state/url_params.py pass between them.
URL_RESTORED = "url_restored"
URL_NOTICES = "url_notices"
SHARE_VIEW = "share_view"  # the sidebar's Share button

# The Train page (ui/train/job_panel.py, pages/train.py, ui/train/tried_runs.py).
TRIED_RUNS = "tried_runs"
TRAIN_VARIANT = "train_variant"
TRAIN_EPOCHS = "train_epochs"
TRAIN_BATCH = "train_batch"
TRAIN_SUBSET = "train_subset"
TRAIN_LR = "train_lr"
TRAIN_NOISE = "train_noise"
TRAIN_STOP_MESSAGE = "train_stop_message"  # what the last Stop kept, shown once

# The Lesson page (ui/lesson/progress.py, app.py, the tests).
LESSON_STEP = "lesson_step"  # the step shown, from 1
LESSON_ROOM = "lesson_room"  # the room this lesson shares its step through
LESSON_NOTES = "lesson_notes"  # this screen is the teacher's notes view

# The Class page (ui/classroom/).
CLASS_CODE = "class_code"  # the class this screen is in, or None
CLASS_TOKEN = "class_teacher_token"  # the teacher's secret: only the session that started the class holds it
CLASS_STUDENT = "class_student"  # this student's id in the class (random, never shown)
CLASS_NAME = "class_name"  # the nickname typed
CLASS_MEANT = "class_meant"  # the digit the student says they drew
CLASS_SENT = "class_sent"  # the board indices this screen sent (stars on its map)
CLASS_LAST_SENT = "class_last_sent"  # (fingerprint, monotonic time) of the last digit sent: a double tap sends once
CLASS_SHOWN = "class_shown"  # the board index shown large, or None
