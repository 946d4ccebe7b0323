"""The app's pages, once: file, navigation title, icon, URL path and the heading each shows.

app.py builds its `st.Page` list from this table, pages/home.py links to the pages through it,
and both test suites (tests/app by file, tests/e2e by address and heading) look pages up here,
so renaming or moving a page is one line. Plain data: nothing here imports Streamlit. Titles and headings are
English, marked for the catalog; whoever shows one translates it (`_(entry.title)`).
"""

from __future__ import annotations

from dataclasses import dataclass

from i18n import N_


@dataclass(frozen=True)
class PageEntry:
    """One page of the navigation."""

    file: str  # the script, relative to the repository root (what st.Page and AppTest.switch_page take)
    title: str  # its name in the sidebar
    icon: str | None
    # URL paths differ from the file names: Streamlit's legacy `pages/` navigation, active until
    # st.navigation has run once in the process, then never matches a page (see app.py).
    url_path: str  # "" for the default page
    heading: str  # the page's st.title

    @property
    def path(self) -> str:
        """The page's address on the server, e.g. "/denoising"."""
        return f"/{self.url_path}"


HOME = PageEntry("pages/home.py", N_("Home"), "🏠", "", "Autoencoder Lab")
LESSON = PageEntry("pages/lesson_steps.py", N_("Lesson"), "🎓", "lesson", N_("Lesson"))
CLASS = PageEntry("pages/class_room.py", N_("Class"), "🧑‍🏫", "class", N_("Class"))
RECONSTRUCT = PageEntry("pages/reconstruct.py", N_("Reconstruct"), "🔁", "reconstruction", N_("Reconstruct"))
DENOISE = PageEntry("pages/denoise.py", N_("Denoise"), "🌫️", "denoising", N_("Denoise"))
CODE_EXPLORER = PageEntry("pages/code_explorer.py", N_("Code explorer"), "🎛️", "code-explorer", N_("Code explorer"))
GENERATE = PageEntry("pages/generate_digits.py", N_("Generate"), "✨", "generate", N_("Generate"))
MODELS = PageEntry("pages/model_cards.py", N_("Models"), "📐", "models", N_("Models"))
TRAIN = PageEntry("pages/train.py", N_("Train"), "🏋️", "train", N_("Train"))
# What the Train page's address shows when training is switched off (AUTOENCODER_LAB_TRAINING=off).
TRAINING_OFF = PageEntry("pages/training_off.py", N_("Train"), None, "train", N_("Train"))

# The pages every visitor sees, in the navigation's order (Train follows them when it is on).
LEARNING_PAGES = (HOME, LESSON, CLASS, RECONSTRUCT, DENOISE, CODE_EXPLORER, GENERATE, MODELS)
NAVIGATION = (*LEARNING_PAGES, TRAIN)
# A student's page of a class, the class link: served beside Streamlit, not by it (serve/student_page.py).
STUDENT_PAGE_PATH = "/join"
# Pages that want the whole screen: the sidebar closes when one opens, whatever the width.
WHOLE_SCREEN = (LESSON, CLASS)
