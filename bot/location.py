"""Finds a US state, DC or territory in what a person typed: a name, a USPS code or a ZIP code.

People answer "which state?" with "tx", "im in new mexico", "30301" or "Washington DC". Two-letter
codes are also ordinary words ("in", "or", "me", "ok", "hi"), so a bare code counts only when it
is the whole message or written in capitals, and codes that are ordinary words count only in
capitals ("IN", "ME"), except OK and HI, which nearly always mean okay and hello.
"""

import re
import unicodedata

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

_NAMES = {name.lower().replace(".", ""): code for code, name in STATES.items()}
_NAMES.update(ALIASES)
# Longest first, so "west virginia" wins over "virginia" and "washington dc" over "washington".
_NAME_RE = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(_NAMES, key=len, reverse=True)) + r")\b")
_ZIP_RE = re.compile(r"(?<![\d$])(\d{5})(?:-\d{4})?(?!\d)")
_UPPER_CODE_RE = re.compile(r"\b([A-Z]{2})\b")
# Codes that are also words: in lower case they are words; OK and HI are words even in capitals,
# and inside a sentence so are the capitalised ones people use for emphasis.
_WORD_CODES = {"OK", "OR", "IN", "ME", "HI", "ID", "AS", "PA", "MA", "LA", "DE", "CO", "OH"}
_GREETING_CODES = {"OK", "HI"}
_SHOUTED_WORDS = {"OK", "HI", "OR", "IN", "ME", "AS", "ID"}


def _fold(text: str) -> str:
    """Lower-case, strip accents and punctuation so 'Nuevo México.' reads 'nuevo mexico'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text.replace(".", ""))
    return " ".join(text.split())


def state_for_zip(zip_code: str) -> str | None:
    """The state a 5-digit ZIP code belongs to, or None when no state uses that prefix."""
    if zip_code in _ZIP_EXCEPTIONS:
        return _ZIP_EXCEPTIONS[zip_code]
    prefix = int(zip_code[:3])
    for low, high, code in _ZIP_RANGES:
        if low <= prefix <= high:
            return code
    return None


def find_state(text: str) -> str | None:
    """The USPS code of the state named in text, or None when there is none."""
    if not text:
        return None
    folded = _fold(text)
    if len(folded) == 2 and folded.upper() in STATES:
        code = folded.upper()
        if code not in _WORD_CODES or (text.strip() == code and code not in _GREETING_CODES):
            return code
    match = _NAME_RE.search(folded)
    if match:
        return _NAMES[match.group(1)]
    zip_match = _ZIP_RE.search(text)
    if zip_match:
        code = state_for_zip(zip_match.group(1))
        if code:
            return code
    for code in _UPPER_CODE_RE.findall(text):
        if code in STATES and code not in _SHOUTED_WORDS:
            return code
    return None


def state_name(code: str) -> str:
    return STATES[code]
