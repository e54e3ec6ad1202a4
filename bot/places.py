"""A county or a town a person names ("I'm in Cook County", "condado de Lincoln", "Libby, MT",
"vivo en Chicago"), resolved to its state and counties from the zipcodes package's own data (no
hand-typed table), so a jurisdiction's partners can be found without a ZIP code.

A wrong place is worse than asking, so names are read narrowly:

- A county is a name before "County" ("Parish", "Borough", "Co.") or after "condado (de)".
- A town counts only after a word that puts a place there ("in", "near", "from", "en", "cerca de",
  "desde"; not "de", which is everywhere in Spanish) or as the whole message, with its state ("Libby MT").
  Inside a longer message whose state is only remembered, it needs its capital ("in Spring", not
  "it happened in spring").
- The state is the one named in the message, else the one the conversation remembers. Without
  either, a county or town counts only when its name is used in one state alone, and a town only
  when it is a city of at least BIG_CITY ZIP codes ("Chicago", not "Spring", which is also a
  season). A name found in several states and no state to choose is `ambiguous`: the bot asks.
- A town's counties are those of its ZIP codes (bot/counties.py), largest first, so a city on a
  county line gives them all.
"""

import collections
import functools
import re
import threading
from dataclasses import dataclass

import zipcodes

from bot.counties import on_county_line, without_suffix
from bot.text import without_marks

BIG_CITY = 20  # ZIP codes
_COUNTY_WORDS = {"county", "parish", "borough", "co"}
_PLACE_WORDS = {"in", "near", "from", "around", "outside", "en", "cerca", "desde"}
_SAINT = {"st": "saint", "ste": "sainte"}
_LONGEST = 4  # words in a county or town name ("prince georges", "saint john the baptist")


@dataclass(frozen=True)
class Named:
    """A place named in a message: its state and counties, or `ambiguous` with neither."""

    name: str
    state: str | None = None
    counties: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.state is None


def _words(text: str) -> list[str]:
    """Words without accents or punctuation, as written."""
    return re.findall(r"[A-Za-z0-9]+", without_marks(text).replace("'", ""))


def _fold(words: list[str]) -> list[str]:
    """Lower-case; "St." reads "saint", as zipcodes spells it."""
    return [_SAINT.get(word, word) for word in map(str.lower, words)]


def _key(name: str) -> str:
    return " ".join(_fold(_words(name)))


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict, dict, collections.Counter]:
    """county name -> {state: county}; town -> {state: Counter(county)}; ZIP codes per town.
    zipcodes spells some counties two ways ("DuPage", "Dupage"): the commoner one is kept."""
    entries = [e for e in zipcodes.list_all() if e.get("county") and e.get("state")]
    spellings: dict[str, dict[str, collections.Counter]] = collections.defaultdict(
        lambda: collections.defaultdict(collections.Counter)
    )
    for entry in entries:
        county = without_suffix(entry["county"])
        spellings[_key(county)][entry["state"]][county] += 1
    counties = {key: {state: n.most_common(1)[0][0] for state, n in by.items()} for key, by in spellings.items()}
    towns: dict[str, dict[str, collections.Counter]] = collections.defaultdict(
        lambda: collections.defaultdict(collections.Counter)
    )
    size: collections.Counter = collections.Counter()
    for entry in entries:
        state, town = entry["state"], _key(entry["city"])
        size[town] += 1
        for found, _ in on_county_line(entry["zip_code"]) or [(without_suffix(entry["county"]), state)]:
            towns[town][state][counties.get(_key(found), {}).get(state, found)] += 1
    return counties, towns, size


def _county(words: list[str], state: str | None) -> Named | None:
    counties, _, _ = _index()
    for at, word in enumerate(words):
        if word in _COUNTY_WORDS and at:
            spans = [words[max(0, at - n) : at] for n in range(_LONGEST, 0, -1)]
        elif word == "condado":
            after = words[at + 2 if words[at + 1 : at + 2] == ["de"] else at + 1 :]
            spans = [after[:n] for n in range(_LONGEST, 0, -1)]
        else:
            continue
        for span in spans:
            found = counties.get(" ".join(span))
            if found:
                return _choose(" ".join(span), {s: (c,) for s, c in found.items()}, state)
    return None


def _town(written: list[str], state: str | None, named_state: bool) -> Named | None:
    _, towns, size = _index()
    words = _fold(written)
    short = len(words) <= _LONGEST + 1  # "i live in eureka", "libby"
    starts = [at + 1 for at, w in enumerate(words) if w in _PLACE_WORDS]
    if named_state or short:
        starts.append(0)  # "Libby MT", "chicago"
    for start in starts:
        for n in range(_LONGEST, 0, -1):
            name = " ".join(words[start : start + n])
            if len(words[start : start + n]) == n and name in towns:
                if state is None and size[name] < BIG_CITY:
                    return None
                if state is not None and not (named_state or short or written[start][:1].isupper()):
                    return None  # "it happened in spring" is a season, "in Spring" a town
                found = {s: tuple(c for c, _ in counted.most_common()) for s, counted in towns[name].items()}
                return _choose(name, found, state)
    return None


def _choose(name: str, found: dict[str, tuple[str, ...]], state: str | None) -> Named | None:
    if state is not None:
        return Named(name, state, found[state]) if state in found else None
    if len(found) == 1:
        ((only, counties),) = found.items()
        return Named(name, only, counties)
    return Named(name)


def warm() -> None:
    """Read zipcodes' data (about a second) in the background now, not on someone's first message."""
    threading.Thread(target=_index, daemon=True, name="places-index").start()


def named_place(text: str, state: str | None = None, named_state: bool = False) -> Named | None:
    """The county or town text names, in `state` when one is known (`named_state`: the message
    itself names it); None when it names neither."""
    written = _words(text)
    if not written:
        return None
    return _county(_fold(written), state) or _town(written, state, named_state)
