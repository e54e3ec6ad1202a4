"""Finds a US state, DC or territory in what a person typed: a name, a USPS code or a ZIP code.

People answer "which state?" with "tx", "im in new mexico", "houston tx", "vivo en nueva york", "30301"
or "Washington DC". A wrong state is worse than asking again, so the ambiguous cases are read narrowly:

- Two-letter codes are also words ("in", "or", "me", "ok", "hi"; in Spanish "la", "de", "al", "mi",
  "va"). A message that is nothing but a code counts, except codes that are words, which count only
  in capitals ("IN", "ME", "VA"), and OK and HI, which nearly always mean okay and hello.
- Inside a sentence, a lower-case code counts only when it cannot be a word in English or Spanish
  (_LOWER_CODES) and sits where a state goes: it ends the clause and follows a city or a preposition
  ("houston tx", "vivo en ny", "im in dc."), not a word like "the", "ok" or "went" ("i went nc" is
  "no contact"). "i live in nj with my mom" is not read; the bot asks instead.
- In capitals a code counts anywhere ("estoy en TX ahorita"), except in a shouted stretch ("ME VA A
  MATAR", "OH NO"), where capitals say nothing, and codes that are also words ("the VA", "una IA",
  "VOY AL"), which need a place around them ("richmond VA", "moved to OH"). "in LA" is Los Angeles.
- Names that are also ordinary Spanish words (nevada, colorado, florida, montana, which is "montaña"
  without the tilde, and tejas, roof tiles) count in a Spanish sentence (tejas in any) only where a
  place goes: alone, after en/in/de/desde/a/para, as "la florida", or after a city ("en denver
  colorado"). "hubo una nevada", "se puso colorado" and "la montana" are no state; "montaña" with its
  tilde never is. English sentences read them as before.
- A five-digit number that is money ("20000 dollars", "pagar 15000") is no ZIP code.
"""

import re
from itertools import compress, count

from bot.text import without_marks

STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "PR": "Puerto Rico",
    "GU": "Guam",
    "VI": "U.S. Virgin Islands",
    "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}

# Other ways people write a place; checked together with the official names.
ALIASES = {
    "washington dc": "DC",
    "washington d c": "DC",
    "d c": "DC",
    "dist of columbia": "DC",
    "virgin islands": "VI",
    "us virgin islands": "VI",
    "usvi": "VI",
    "st thomas": "VI",
    "st croix": "VI",
    "northern marianas": "MP",
    "saipan": "MP",
    "cnmi": "MP",
    "samoa": "AS",
    "calif": "CA",
    "cali": "CA",
    "nyc": "NY",
    "new york city": "NY",
    "south jersey": "NJ",
    "north jersey": "NJ",
    "central jersey": "NJ",
    "jersey city": "NJ",
    # Spanish names (accents are folded away: "Nuevo México", "Hawái", "Misisipí", "Oregón").
    "carolina del norte": "NC",
    "carolina del sur": "SC",
    "dakota del norte": "ND",
    "dakota del sur": "SD",
    "nuevo mexico": "NM",
    "nuevo mejico": "NM",
    "nueva york": "NY",
    "nueva jersey": "NJ",
    "nueva yersey": "NJ",
    "nuevo hampshire": "NH",
    "nueva hampshire": "NH",
    "virginia occidental": "WV",
    "virginia del oeste": "WV",
    "pensilvania": "PA",
    "luisiana": "LA",
    "misisipi": "MS",
    "misuri": "MO",
    "tennesi": "TN",
    "tenesi": "TN",
    "hawai": "HI",
    "minesota": "MN",
    "masachusets": "MA",
    "tejas": "TX",
    "distrito de columbia": "DC",
    "islas virgenes": "VI",
    "samoa americana": "AS",
    "islas marianas del norte": "MP",
    "marianas del norte": "MP",
    # Common misspellings.
    "arkansaw": "AR",
    "conneticut": "CT",
    "illinios": "IL",
    "kentuky": "KY",
    "lousiana": "LA",
    "massachusets": "MA",
    "minnisota": "MN",
    "missisippi": "MS",
    "mississipi": "MS",
    "pennsilvania": "PA",
    "tennesee": "TN",
    "tenessee": "TN",
    "wisconson": "WI",
}

# First three digits of a ZIP code -> state, as inclusive ranges (USPS sectional centers).
_ZIP_RANGES = [
    (5, 5, "NY"),
    (6, 7, "PR"),
    (8, 8, "VI"),
    (9, 9, "PR"),
    (10, 27, "MA"),
    (28, 29, "RI"),
    (30, 38, "NH"),
    (39, 49, "ME"),
    (50, 54, "VT"),
    (55, 55, "MA"),
    (56, 59, "VT"),
    (60, 69, "CT"),
    (70, 89, "NJ"),
    (100, 149, "NY"),
    (150, 196, "PA"),
    (197, 199, "DE"),
    (200, 200, "DC"),
    (201, 201, "VA"),
    (202, 205, "DC"),
    (206, 219, "MD"),
    (220, 246, "VA"),
    (247, 268, "WV"),
    (270, 289, "NC"),
    (290, 299, "SC"),
    (300, 319, "GA"),
    (320, 339, "FL"),
    (341, 349, "FL"),
    (350, 369, "AL"),
    (370, 385, "TN"),
    (386, 397, "MS"),
    (398, 399, "GA"),
    (400, 427, "KY"),
    (430, 459, "OH"),
    (460, 479, "IN"),
    (480, 499, "MI"),
    (500, 528, "IA"),
    (530, 549, "WI"),
    (550, 567, "MN"),
    (569, 569, "DC"),
    (570, 577, "SD"),
    (580, 588, "ND"),
    (590, 599, "MT"),
    (600, 629, "IL"),
    (630, 658, "MO"),
    (660, 679, "KS"),
    (680, 693, "NE"),
    (700, 715, "LA"),
    (716, 729, "AR"),
    (730, 732, "OK"),
    (733, 733, "TX"),
    (734, 749, "OK"),
    (750, 799, "TX"),
    (800, 816, "CO"),
    (820, 831, "WY"),
    (832, 838, "ID"),
    (840, 847, "UT"),
    (850, 865, "AZ"),
    (870, 884, "NM"),
    (885, 885, "TX"),
    (889, 898, "NV"),
    (900, 961, "CA"),
    (967, 968, "HI"),
    (969, 969, "GU"),
    (970, 979, "OR"),
    (980, 994, "WA"),
    (995, 999, "AK"),
]
# Whole ZIP codes that break the three-digit rule.
_ZIP_EXCEPTIONS = {"96799": "AS", "96950": "MP", "96951": "MP", "96952": "MP"}
_ZIP_PREFIXES = {prefix: code for low, high, code in _ZIP_RANGES for prefix in range(low, high + 1)}

_NAMES = {name.lower().replace(".", ""): code for code, name in STATES.items()}
_NAMES.update(ALIASES)


def _letter_by_letter(names: list[str]) -> str:
    """An alternation of `names` that branches one letter at a time and tries the longer names first, so "west
    virginia" wins over "virginia" and "washington dc" over "washington". The plain alternation tried each of the
    130 names at every word: 3 ms on a 10 kB message, against 0.5 ms."""
    tree: dict = {}
    for name in names:
        node = tree
        for letter in name:
            node = node.setdefault(letter, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(letter) + pattern(rest) for letter, rest in sorted(node.items()) if letter]
        if not branches:
            return ""
        alternation = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{alternation})?" if "" in node else alternation

    return pattern(tree)


_NAME_RE = re.compile(rf"\b({_letter_by_letter(list(_NAMES))})\b")
_NAME_FIRST_WORDS = {name.split()[0] for name in _NAMES}
_ZIP_RE = re.compile(r"(?<![\d$])(\d{5})(?:-\d{4})?(?!\d)")
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[^\w\s]")  # "2nd fl" is not "nd" + "fl"

# Codes that are words in lower case (a message that is only "va" means "okay", not Virginia).
_WORD_CODES = {"OK", "OR", "IN", "ME", "HI", "ID", "AS", "PA", "MA", "LA", "DE", "CO", "OH", "VA"}
_GREETING_CODES = {"OK", "HI"}
# Words after a code that leave it the whole message: "NC porfa", "TX please".
_POLITE = {"porfa", "porfavor", "por", "favor", "please", "pls", "plz", "gracias", "thanks", "thx", "ty"}
# In capitals inside a sentence these are still words people shout ("HELP ME", "OR", "I'M OK").
_SHOUTED_WORDS = {"OK", "HI", "OR", "IN", "ME", "AS", "ID"}
# In capitals inside a sentence these are codes only with a place around them: Spanish words (LA, DE, AL,
# MI, VA, IA "inteligencia artificial"), English ones (PA, MA, OH, CO) and abbreviations (the VA, an MD,
# a CT scan, MS, MT Rainier, NE Portland, MP, SC for Snapchat, VI, and NC, "no contact" with an abuser).
_CAPS_WORDS = {
    "PA", "MA", "LA", "DE", "CO", "OH", "VA", "MI", "AL", "IA", "MS", "MD", "CT", "MT", "NE", "VI", "MP", "SC", "NC",
}  # fmt: skip
# Lower-case codes that are no word or common abbreviation in English or Spanish texting, read inside a
# sentence. Left out, besides _WORD_CODES and _CAPS_WORDS: ak and ar (rifles), mo ("a mo"), nm ("never
# mind"), ut ("i go to ut", the university). "ca" is kept: Spanish "en ca' de mi tía" (casa) never ends a
# clause. "nc" is kept too: "i went nc" (no contact) follows a word in _NOT_PLACES.
_LOWER_CODES = {
    "AZ", "CA", "DC", "FL", "GA", "IL", "KS", "KY", "MN", "NC", "ND", "NH", "NJ", "NV", "NY", "PR", "RI",
    "SD", "TN", "TX", "VT", "WA", "WI", "WV", "WY", "GU",
}  # fmt: skip
# The tokens _find_code reads, in any spelling ("TX", "tx", "Tx"): in capitals, a code that can be one in capitals
# or in a shouted stretch; otherwise, a lower-case code.
_CODE_TOKENS = {code for code in STATES if code not in _SHOUTED_WORDS or code in _LOWER_CODES} | {
    spelling for code in _LOWER_CODES for spelling in (code.lower(), code.title(), code[0].lower() + code[1])
}
# Prepositions a state follows. Not "a": "a CT scan", "a PA". "en LA" / "in LA" is Los Angeles, so LA
# never counts after one.
_PLACE_PREPS = {"in", "en", "from", "de", "desde", "to", "hacia", "near", "outside", "around", "of"}
_NAME_PREPS = _PLACE_PREPS | {"a", "para"}  # "me mudé a colorado", "me voy para florida"
# Lower-case codes that are something else after these: "mandame mensaje en wa" (WhatsApp).
_LOWER_NOT_AFTER = {"WA": {"en", "de", "por", "al", "un"}}
# Words that end a clause as well as punctuation does: "houston tx area", "dallas tx usa", "in tx rn".
_CLAUSE_ENDS = {"usa", "eeuu", "area", "rn", "now", "right", "currently", "ahora", "ahorita"}
# Words before a code at the end of a clause that are not a city, so the code is not one either:
# "i went nc" (no contact), "see you tn" (tonight), "ok tx" (thanks), "bueno nv" (nos vemos), "un wa".
_NOT_PLACES = set(
    "a an the my your his her our their its this that these those i im me you u ya he she we they it him them "
    "us is was are were be been am do did does get got have has had and or but so too for with at on by as if "
    "not no yes yeah yep yup ok okay k kk thanks thank thx ty tysm pls plz please lol lmao omg idk bye cool great "
    "good nice fine sure right just went go going gone goes come coming stay stayed see call text talk tell meet "
    "leave leaving left back home here there now today tonight tomorrow fully full all what who why how when where "
    "which el la lo los las un una unos unas mi mis tu tus su sus es eres sos son soy esta este esto eso esa estoy "
    "estas estamos estan y o pero que con por al del se le les te nos ya si gracias porfa porfavor favor bueno "
    "vale listo sale va vamos vemos adios chao hola ahi aqui aca hoy manana noche".split()
)
# Names that are also ordinary Spanish words: "una nevada" (snowfall), "colorado" (red), "florida"
# (in bloom), "tejas" (roof tiles), "montana" (montaña typed without the tilde).
_COMMON_NAMES = {"nevada", "colorado", "florida", "montana", "tejas"}
# Words that make a message Spanish for _COMMON_NAMES; English messages keep reading them as states.
_SPANISH = set(
    "el la lo los las un una unos unas es esta estaba estoy estamos estan hubo hay habra muy mas se le les que "
    "del al y con por para pero su sus mi mis tu tus ya en de vivo soy somos puso pone quedo cayo mucha poca "
    "gran otra fuerte tan".split()
)
# What may follow a name that stands alone at the start of a Spanish message.
_FILLERS = {"porfa", "please", "pls", "state", "estado", "usa", "eeuu"}
# A five-digit number next to these is money, not a ZIP code.
_MONEY_AFTER = {"dollars", "dollar", "dolares", "dolar", "bucks", "usd", "pesos", "dls", "dlls"}
_MONEY_BEFORE = {"pay", "paid", "owe", "owes", "owed", "cost", "costs", "charge", "charged", "pagar", "pague", "pago",
                 "debo", "debe", "deben", "debia", "cuesta", "cobra", "cobran", "cobro", "cobraron", "pide", "pidio",
                 "pidieron"}  # fmt: skip


def _fold(text: str) -> str:
    """Lower-case, strip accents and punctuation so 'Nuevo México.' reads 'nuevo mexico'.

    Ñ is a letter of its own, kept apart as "nn": "montaña" must not read "montana".
    """
    if text.isascii() and text.isalnum():  # one plain word, as most tokens are
        return text.lower()
    text = without_marks(text.replace("ñ", "nn").replace("Ñ", "NN")).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text.replace(".", ""))
    return " ".join(text.split())


def state_for_zip(zip_code: str) -> str | None:
    """The state a 5-digit ZIP code belongs to, or None when no state uses that prefix."""
    if zip_code in _ZIP_EXCEPTIONS:
        return _ZIP_EXCEPTIONS[zip_code]
    return _ZIP_PREFIXES.get(int(zip_code[:3]))


def _name_in_place(name: str, words: list[str], at: int) -> bool:
    """Whether a name that is also a Spanish word (words[at]) stands where a place goes in a Spanish message."""
    prepositions = _NAME_PREPS - {"de"} if name == "montana" else _NAME_PREPS  # "bici de montana"
    before = words[max(0, at - 3) : at]  # no more is read: a message full of "nevada" costs no more per name
    if not before:
        return all(w in _FILLERS or w.isdigit() for w in words[at + 1 :])
    if before[-1] in prepositions or before[-2:] in (["estado", "es"], ["state", "is"]):
        return True
    if name == "florida" and before[-1] == "la":  # "vivo en la florida"
        return len(before) == 1 or before[-2] in prepositions
    if before[-2:] == ["las", "vegas"]:
        return True
    for size in (1, 2):  # a city of one or two words, after a preposition or opening the message
        city, rest = before[-size:], before[:-size]
        if len(city) == size and not any(w in _SPANISH or w in _NOT_PLACES or w.isdigit() for w in city):
            if not rest or rest[-1] in prepositions:
                return True
    return False


def _find_name(folded: str) -> str | None:
    words = folded.split()
    if _NAME_FIRST_WORDS.isdisjoint(words):
        return None
    spanish = not _SPANISH.isdisjoint(words)
    at, start = 0, 0  # the word where the last name read began, and its offset
    for match in _NAME_RE.finditer(folded):
        name = match.group(1)
        if name in _COMMON_NAMES and (spanish or name == "tejas"):
            at, start = at + folded.count(" ", start, match.start()), match.start()
            if not _name_in_place(name, words, at):
                continue
        return _NAMES[name]
    return None


def find_zip(text: str) -> str | None:
    """The first 5-digit ZIP code in text that a state uses and that is not an amount of money."""
    matches = list(_ZIP_RE.finditer(text))
    for i, match in enumerate(matches):
        # The words next to the number, read no further than the numbers on either side (no money word runs into
        # a number): folding all the text on both sides of each number took 1.5 s on 10 kB of numbers.
        start = matches[i - 1].start() if i > 0 else 0
        end = matches[i + 1].end() if i + 1 < len(matches) else len(text)
        if not state_for_zip(match.group(1)):
            continue
        before, after = _fold(text[start : match.start()]).split(), _fold(text[match.end() : end]).split()
        if not ((before and before[-1] in _MONEY_BEFORE) or (after and after[0] in _MONEY_AFTER)):
            return match.group(1)
    return None


def _find_zip(text: str) -> str | None:
    code = find_zip(text)
    return state_for_zip(code) if code else None


def _is_word(token: str) -> bool:
    return token.isalpha() or token.replace("'", "").replace("’", "").isalpha()


def _find_code(tokens: list[str]) -> str | None:
    """A two-letter code inside a sentence, read as the module docstring says. Only the tokens that are codes are
    looked at, and the checks that rule most of them out come first."""
    for i in compress(count(), map(_CODE_TOKENS.__contains__, tokens)):
        token, code = tokens[i], tokens[i].upper()
        capitals = token.isupper() and not _shouted(tokens, i)
        if (capitals and code in _SHOUTED_WORDS) or (not capitals and code not in _LOWER_CODES):
            continue
        if capitals and code not in _CAPS_WORDS:
            return code
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        ends_clause = nxt is None or nxt.isdigit() or not _is_word(nxt) or _fold(nxt) in _CLAUSE_ENDS
        if not (capitals or ends_clause):
            continue
        j = i - 1 if i == 0 or tokens[i - 1] != "," else i - 2  # "dallas, tx"
        prev = _fold(tokens[j]) if j >= 0 and _is_word(tokens[j]) else None
        after_place = prev is not None and prev not in _NOT_PLACES  # a city or a preposition
        if capitals:
            if code == "LA":  # "new orleans LA", but "estoy en LA" is Los Angeles
                if ends_clause and after_place and prev not in _PLACE_PREPS:
                    return code
            elif prev in _PLACE_PREPS or (ends_clause and after_place):
                return code
        elif ends_clause and after_place and prev not in _LOWER_NOT_AFTER.get(code, ()):
            return code
    return None


def _shouted(tokens: list[str], i: int) -> bool:
    """Whether the token at i stands in a stretch of capitals ("ME VA A MATAR"), where capitals say nothing."""
    for k in (i - 1, i + 1):
        if 0 <= k < len(tokens) and tokens[k].isupper() and len(tokens[k]) > 1 and tokens[k] not in {"USA", "EEUU"}:
            if _is_word(tokens[k]):
                return True
    return False


def _only_word(tokens: list[str]) -> str | None:
    """The message's one word, polite words after it aside ("NC porfa"), or None when it has more than one."""
    first = next((i for i, token in enumerate(tokens) if token.isalnum() or _is_word(token)), None)
    if first is None:
        return None
    for token in reversed(tokens[first + 1 :]):
        if (token.isalnum() or _is_word(token)) and _fold(token) not in _POLITE:
            return None
    return tokens[first]


def find_state(text: str) -> str | None:
    """The USPS code of the state named in text, or None when there is none."""
    if not text:
        return None
    tokens = _TOKEN_RE.findall(text)
    word = _only_word(tokens)
    if word and len(word) == 2 and word.upper() in STATES:  # the code is the whole message
        code = word.upper()
        if code not in _WORD_CODES or (word == code and code not in _GREETING_CODES):
            return code
    return _find_name(_fold(text)) or _find_zip(text) or _find_code(tokens)


def state_name(code: str) -> str:
    return STATES[code]
