"""Which language a text is in (py3langid: its model ships in the package, nothing is fetched).

A page not in English is skipped rather than analysed: the extractor's rules and model are
English, and a Spanish page otherwise gives dozens of junk actors. Short texts are not judged
(too few words to be sure), and a verdict counts only when the detector is confident.
"""
from __future__ import annotations

from functools import lru_cache

CONFIDENT = 0.95      # normalized probability under which no verdict is given
MIN_WORDS = 25


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability), or (None, 0.0) for a text too short to judge."""
    words = text.split()
    if len(words) < MIN_WORDS:
        return None, 0.0
    language, probability = _identifier().classify(" ".join(words[:2000]))
    return language, float(probability)
