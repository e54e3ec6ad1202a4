"""Whether a message the assistant could not place shows distress: fear, panic, not sleeping,
crying, needing someone to talk to. Such a person is offered someone to talk to now (a 24/7 line
and an advocate) instead of "I didn't understand" (actions/conversation.Menu), or instead of the
reply to a bare no or a goodbye when the NLU read it as one ("im not ok", "no puedo dormir, bye").

Patterns of the kind, not sentences: each names a state of mind or a need, so new wordings of
the same thing are caught. Only those messages are read, in the action server;
each pattern is a bounded alternation, linear in the message.
"""

import re

from bot.text import without_marks

_PATTERNS = {
    "en": [
        r"\bcant (sleep|breathe|stop (crying|shaking)|calm down|stop thinking|think straight|eat)\b",
        r"\b(panic|panicking|panicked|anxiety attack|freaking out|losing my mind|falling apart|breaking down)\b",
        r"\b(im|i am|feel|feeling|so|really|very) (so |really |very )?(scared|afraid|terrified|overwhelmed|alone"
        r"|hopeless|desperate|numb|shaking|shaky|anxious)\b",
        r"\b(need|want|have) (someone|somebody|a person|anyone|anybody) to talk to\b",
        r"\b(talk|speak) to (someone|somebody|anyone|anybody) (now|right now|tonight)\b",
        r"\b(cant stop|keep|been) crying\b|\bheart (is )?(racing|pounding)\b",
        r"\b(im|i am|i feel|feeling) not (ok|okay|alright|fine|good)\b",
        r"\b(dont|do not) (even )?know (why im (writing|texting|here)|what to do|where to turn)\b",
    ],
    "es": [
        r"\bno puedo (dormir|respirar|dejar de llorar|calmarme|pensar|comer)\b",
        r"\b(tengo|siento|me da) (mucho |tanto )?(miedo|panico|ansiedad|terror|angustia)\b",
        r"\bataque de (panico|ansiedad|nervios)\b",
        r"\b(estoy|me siento|ando) (muy |tan )?(asustad[ao]|desesperad[ao]|sol[ao]|aterrad[ao]"
        r"|angustiad[ao]|temblando|nervios[ao])\b",
        r"\b(necesito|quiero|ocupo) hablar con (alguien|una persona)\b",
        r"\b(no dejo de|no paro de) llorar\b|\bllorando\b",
        r"\b(no estoy|no me siento|no ando) bien\b",
        r"\b(no|ni) se (ni )?(por que|porque) (estoy )?(escribiendo|escribo|estoy aqui)\b",
        r"\bno se (que hacer|a quien acudir)\b",
    ],
}
_COMPILED = {lang: re.compile("|".join(f"(?:{p})" for p in patterns)) for lang, patterns in _PATTERNS.items()}


def shows_distress(text: str) -> bool:
    """Any language's distress cue in the message (lower case, without accents or apostrophes)."""
    folded = without_marks(text.lower()).replace("'", "").replace("\u2019", "")
    return any(pattern.search(folded) for pattern in _COMPILED.values())
