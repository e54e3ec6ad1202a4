"""Turns the bot's messages into texts a phone shows well and a short code may send.

GSM-7 where possible (a curly quote or an emoji forces the whole text into UCS-2, which fits 70
characters a segment instead of 160), at most three segments a text, split between sentences,
phone numbers written as a phone dials them, and buttons as numbered choices.
"""

import re
import unicodedata

# The GSM 03.38 default alphabet and its extension table (each extension character costs two).
_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€")
_REPLACEMENTS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"',
    "\u201e": '"', "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u2026": "...",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u200b": "", "\u2022": "-", "\u00b7": "-",
    "\u00ab": '"', "\u00bb": '"', "\t": " ",
}  # fmt: skip
_US_PHONE = re.compile(r"\((\d{3})\) (\d{3})-(\d{4})")
MAX_SEGMENTS = 3


def is_gsm(text: str) -> bool:
    return all(c in _GSM_BASIC or c in _GSM_EXTENDED for c in text)


def to_gsm(text: str) -> str:
    """Replace typographic characters with GSM-7 ones, drop accents GSM-7 lacks and emoji; text
    in another script (Arabic, Chinese) is left as it is and goes out as UCS-2."""
    out = []
    for char in text:
        char = _REPLACEMENTS.get(char, char)
        if all(c in _GSM_BASIC or c in _GSM_EXTENDED for c in char):
            out.append(char)
            continue
        plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        if plain and is_gsm(plain):
            out.append(plain)
        elif unicodedata.category(char) in {"So", "Sk", "Cs", "Mn", "Cf"}:
            continue  # emoji, symbols, joiners: nothing a person needs
        else:
            out.append(char)
    return re.sub(r"[ ]{2,}", " ", "".join(out))


def segments(text: str) -> int:
    """How many SMS segments a text takes."""
    if is_gsm(text):
        length = len(text) + sum(1 for c in text if c in _GSM_EXTENDED)
        return 1 if length <= 160 else -(-length // 153)
    units = len(text.encode("utf-16-le")) // 2
    return 1 if units <= 70 else -(-units // 67)


def dialable(text: str) -> str:
    """(800) 799-7233 -> 800-799-7233: one tap to call on any phone, no parentheses to misread."""
    return _US_PHONE.sub(r"\1-\2-\3", text)


def _sentences(paragraph: str) -> list[str]:
    """Lines, then sentences: where a paragraph too long for one text may be broken."""
    pieces: list[str] = []
    for line in paragraph.split("\n"):
        sentences = [p for p in re.split(r"(?<=[.!?])\s+", line.strip()) if p]
        if sentences:
            sentences[-1] += "\n"
            pieces.extend(sentences)
    return pieces


def _pack(pieces: list[str], joiner: str, max_segments: int) -> list[str]:
    """Greedily join pieces into texts of at most max_segments; a piece too big alone is split."""
    texts: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{joiner if current and not current.endswith(chr(10)) else ''}{piece}"
        if segments(candidate.strip()) <= max_segments:
            current = candidate
            continue
        if current.strip():
            texts.append(current.strip())
        current = piece
        while segments(current.strip()) > max_segments:  # one sentence longer than a whole text
            words, head = current.split(" "), ""
            while words and segments(f"{head} {words[0]}".strip()) <= max_segments:
                head = f"{head} {words.pop(0)}".strip()
            head = head or words.pop(0)
            texts.append(head)
            current = " ".join(words)
    if current.strip():
        texts.append(current.strip())
    return texts


def split(text: str, max_segments: int = MAX_SEGMENTS) -> list[str]:
    """Texts of at most `max_segments` segments each. Whole paragraphs (one resource each) stay
    together where they fit; a longer one is broken between lines, then sentences, then words."""
    texts: list[str] = []
    for paragraph in (p.strip() for p in text.split("\n\n")):
        if not paragraph:
            continue
        parts = [paragraph] if segments(paragraph) <= max_segments else _pack(_sentences(paragraph), " ", max_segments)
        if texts and segments(f"{texts[-1]}\n\n{parts[0]}") <= max_segments:
            texts[-1] = f"{texts[-1]}\n\n{parts.pop(0)}"
        texts.extend(parts)
    return texts


def with_choices(text: str, titles: list[str], line: str) -> str:
    """Append numbered choices; `line` is the catalog's "Reply {number} for {title}"."""
    choices = "\n".join(line.format(number=i, title=title) for i, title in enumerate(titles, start=1))
    return f"{text}\n{choices}" if text else choices


def for_sms(text: str) -> list[str]:
    """One bot message as the texts to send."""
    return split(to_gsm(dialable(text)))
