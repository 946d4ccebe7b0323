"""Where the five models come from, said once for every page that names the source.

The sizes here (49-number codes, the 7×7×1 convolutional code, 147-98-49 layers, the
16-number sparse code, noise with mean 0.5) are those of the Russian article, whose author
calls it his own reading of the first part of François Chollet's post; Chollet's own models
were larger. "The article" always means the Habr article; Chollet is named where a thing is his.
Both languages credit both, with their links; the article is named by its own (Russian) title.
"""

from i18n import N_, _

ARTICLE_TITLE = "Автоэнкодеры в Keras, Часть 1: Введение"
ARTICLE_URL = "https://habr.com/ru/articles/331382/"
CHOLLET_TITLE = "Building Autoencoders in Keras"
CHOLLET_URL = "https://blog.keras.io/building-autoencoders-in-keras.html"
# The titles and links go in as placeholders, so a translation cannot break a link.
_LINKS = {
    "article_title": ARTICLE_TITLE,
    "article_url": ARTICLE_URL,
    "chollet_title": CHOLLET_TITLE,
    "chollet_url": CHOLLET_URL,
}

SOURCE_CREDIT_MESSAGE = N_(
    "They are the five models of the Russian article [«{article_title}»]({article_url}) (Habr, 2017), "
    "with its sizes: 49-number codes, a 7×7×1 convolutional code, 147-98-49 layers, a 16-number sparse "
    "code and noise with mean 0.5; retrained here with the same architectures. Its author calls it his own "
    "reading of the first part of François Chollet's post [*{chollet_title}*]({chollet_url}) "
    "(blog.keras.io, 2016), whose models were larger: a 32-number code, 128-64-32 layers, a 4×4×8 "
    "convolutional code and zero-mean noise."
)


def source_credit() -> str:
    """The credit, with both links, in the reader's language: what a page shows."""
    return _(SOURCE_CREDIT_MESSAGE).format(**_LINKS)
