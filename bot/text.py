"""Taking the accents off what a person typed, in one place: the crisis check, language detection
and the location parser all read words without them ("está" reads "esta")."""

import unicodedata


def without_marks(text: str) -> str:
    """`text` decomposed (NFKD) without its combining marks: "México" -> "Mexico", "ﬁ" -> "fi".

    Plain ASCII, nearly every message, comes back as it is; otherwise only the distinct characters
    are looked up, so a 10,000-character message costs a translate, not a Python step per character."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return text.translate({ord(c): None for c in set(text) if unicodedata.combining(c)})
