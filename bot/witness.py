"""Whether a message about a killing comes from someone who saw it rather than someone who lost a
person to it (issue 13): "i witnessed a murder last night" or "vi cómo mataron a un señor" needs
what a frightened witness needs, not condolences. The classifier reads "murder" and "mataron" as
grief, and more training examples did not change that, so this is a rule: a first-person seeing
verb, and nobody close to the person named. "I saw my brother get shot" stays grief.

Read lower case without accents; each pattern is a bounded alternation, linear in the message.
"""

import re

from bot.text import without_marks

_SAW = re.compile(
    r"\b(i (saw|seen|witnessed|watched|was there when)|i am a witness|im (a|the only) witness"
    r"|(yo )?(vi|presencie|mire|fui testigo|soy (el |la )?testigo)|me toco ver)\b"
)
_CLOSE = re.compile(
    r"\b(my|our|mi|mis|nuestro|nuestra) (son|daughter|brother|sister|dad|father|mom|mother|husband|wife|boyfriend"
    r"|girlfriend|partner|fiance|cousin|uncle|aunt|grandma|grandmother|grandpa|grandfather|friend|best friend"
    r"|nephew|niece|kid|child|baby|hijo|hija|hermano|hermana|papa|mama|padre|madre|esposo|esposa|marido|novio"
    r"|novia|pareja|primo|prima|tio|tia|abuelo|abuela|amigo|amiga|sobrino|sobrina|nieto|nieta|bebe|nino|nina)\b"
)


def saw_it_happen(text: str) -> bool:
    """True when the person says they saw it and names nobody close to them."""
    folded = without_marks(text.lower()).replace("'", "").replace("\u2019", "")
    return bool(_SAW.search(folded)) and not _CLOSE.search(folded)
