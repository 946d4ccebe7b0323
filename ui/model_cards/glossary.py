"""The Models page's short glossary: each key term in English and in Russian, explained in the reader's language.

A class may read the app in one language and the source article (Russian) or Chollet's post
(English) in the other, so every term shows both names: "autoencoder (`автоэнкодер`) — …" for an
English reader, "автоэнкодер (`autoencoder`) — …" for a Russian one. The other language's name is
set as code, a term quoted as it is written rather than a word of the sentence. The Russian terms
are the article's (and the app's); the explanations are marked messages, translated in the catalog.
Plain data and text: nothing here imports Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

from i18n import N_, _, current_language


@dataclass(frozen=True)
class Term:
    """One glossary entry: the term in both languages and one line on what it means."""

    english: str
    russian: str
    explanation: str  # English, marked with N_; shown through `_`


TERMS = (
    Term(
        "autoencoder",
        "автоэнкодер",
        N_(
            "a network trained to copy its input to its output through a narrow middle, "
            "so it must learn a short description of the input."
        ),
    ),
    Term("encoder", "кодировщик (энкодер)", N_("the first half of an autoencoder: it turns an image into a code.")),
    Term("decoder", "декодер", N_("the second half: it rebuilds an image from the code alone.")),
    Term(
        "code",
        "код",
        N_("the few numbers the encoder makes of an image: here 49 or 16 numbers instead of 784 pixels."),
    ),
    Term(
        "bottleneck",
        "узкое место",
        N_("the narrowest layer, where the code is; it forces the network to keep only what matters."),
    ),
    Term(
        "reconstruction",
        "восстановление",
        N_("the decoder's output: the image rebuilt from the code, compared with the input to measure the error."),
    ),
    Term(
        "denoising autoencoder",
        "шумоподавляющий автоэнкодер",
        N_("an autoencoder fed noisy digits and taught to give back the clean ones."),
    ),
    Term(
        "sparse autoencoder",
        "разреженный автоэнкодер",
        N_("an autoencoder with a penalty meant to keep most of its code's numbers at zero for each digit."),
    ),
    Term(
        "convolutional",
        "свёрточный",
        N_("built of convolutions: small filters slid over the image, which keep its two-dimensional layout."),
    ),
    Term(
        "binary cross-entropy (BCE)",
        "бинарная кросс-энтропия (BCE)",
        N_(
            "the loss used here: how far each output pixel is from the input's, both read as probabilities; "
            "lower is better."
        ),
    ),
    Term(
        "variational autoencoder (VAE)",
        "вариационный автоэнкодер (VAE)",
        N_(
            "an autoencoder whose encoder gives a bell curve for each code number, pulled towards N(0, 1), "
            "so that codes picked at random decode to digits."
        ),
    ),
    Term(
        "code space",
        "пространство кодов",
        N_(
            "all the codes there can be: each digit's code is a point in it, and codes in the holes far from "
            "every digit's may decode to blobs."
        ),
    ),
)


def glossary_markdown() -> str:
    """The glossary as a Markdown list in the reader's language, the other language's term beside each."""
    russian = current_language() == "ru"
    lines = []
    for term in TERMS:
        shown, other = (term.russian, term.english) if russian else (term.english, term.russian)
        lines.append(f"- **{shown}** (`{other}`) — {_(term.explanation)}")
    return "\n".join(lines)
