"""Whether a person asks for the justice system themselves: their detective, the prosecutor, court
dates, being told when someone is released, or wanting to report. Only then does the assistant
show a jurisdiction's partners that are part of the justice system (police victim services, a
prosecutor's victim-witness office, notification lines); it never offers them unasked
(data/jurisdictions/README.md).

Read lower case without accents; each pattern is a bounded alternation, linear in the message.
"vine" alone is Spanish for "I came": only VINE named as a service counts.
"""

import re

from bot.text import without_marks

_PATTERNS = [
    r"detectives?|prosecutors?|district attorney|states? attorney|us attorney|d\.?a\.?s? office",
    r"victim[- ]witness (unit|office|coordinator|program)|court dates?|hearing dates?|(my|the) (trial|hearing) date",
    r"when is (my|the) (court|hearing|trial)|vinelink|vine (app|line|notifications?|alerts?)|case number",
    r"(notif\w*|tell me|let me know|alert me) (when|if) (he|she|they) (gets?|is|are) (out|released)",
    r"i want to (report|press charges|file (a )?(police )?report)",
    r"report (it|him|her|them|this) to (the )?(police|cops)",
    r"fiscal|fiscalia|ministerio publico|fecha de (la |mi )?(corte|audiencia|juicio)|numero de caso",
    r"cuando es (mi|la) (audiencia|corte)|(avisen|avise|digan) cuando (lo|la|los) (suelten|liberen|salga)",
    r"quiero (denunciar|poner una denuncia|levantar cargos|reportarlo a la policia)",
]
_ASKS = re.compile(r"\b(" + "|".join(f"(?:{p})" for p in _PATTERNS) + r")\b")


def asks_for_justice(text: str) -> bool:
    return bool(_ASKS.search(without_marks(text.lower()).replace("'", "").replace("\u2019", "")))
