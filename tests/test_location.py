import pytest

from bot.location import STATES, find_state, state_for_zip


@pytest.mark.parametrize(
    "text, code",
    [
        ("Texas", "TX"),
        ("tx", "TX"),
        ("im in new mexico near albuquerque", "NM"),
        ("West Virginia", "WV"),
        ("virginia", "VA"),
        ("washington dc", "DC"),
        ("I live in Washington", "WA"),
        ("30301", "GA"),
        ("my zip is 10001-1234", "NY"),
        ("90210", "CA"),
        ("00901", "PR"),
        ("96910", "GU"),
        ("96799", "AS"),
        ("we're in los angeles california", "CA"),
        ("Nuevo México", "NM"),
        ("Puerto Rico", "PR"),
        ("we moved to OH last year", "OH"),
        ("OK", None),
        ("ok", None),
        ("hi", None),
        ("in", None),
        ("me", None),
        ("IN", "IN"),
        ("ME", "ME"),
        ("oh", None),
        ("i need help paying $10000 in bills", None),
        ("who pays my hospital bills", None),
        ("", None),
    ],
)
def test_finds_the_state_people_mean(text, code):
    assert find_state(text) == code


@pytest.mark.parametrize(
    "text, code",
    [
        ("Carolina del Norte", "NC"),
        ("vivo en carolina del sur", "SC"),
        ("Nuevo Mexico", "NM"),
        ("me mudé a Nuevo México", "NM"),
        ("estoy en Nueva York", "NY"),
        ("Nueva Jersey", "NJ"),
        ("Nuevo Hampshire", "NH"),
        ("Nueva Hampshire", "NH"),
        ("Dakota del Norte", "ND"),
        ("Dakota del Sur", "SD"),
        ("Virginia Occidental", "WV"),
        ("Pensilvania", "PA"),
        ("Luisiana", "LA"),
        ("Misisipi", "MS"),
        ("Misisipí", "MS"),
        ("Misuri", "MO"),
        ("Tennesi", "TN"),
        ("Hawai", "HI"),
        ("Hawái", "HI"),
        ("Oregón", "OR"),
        ("Michigán", "MI"),
        ("Kansas", "KS"),
        ("Washington D.C.", "DC"),
        ("Distrito de Columbia", "DC"),
        ("Puerto Rico", "PR"),
        ("Islas Vírgenes", "VI"),
        ("Islas Virgenes", "VI"),
        ("Tejas", "TX"),
        ("hola, vivo en Tejas", "TX"),
        ("Florida", "FL"),
        ("Arizona", "AZ"),
        ("California", "CA"),
        ("Nevada", "NV"),
        ("Colorado", "CO"),
        ("Montana", "MT"),
        ("Carolina", None),  # North or South: ask
        ("estoy en carolina", None),
        ("estoy en Dakota", None),
    ],
)
def test_spanish_state_names(text, code):
    assert find_state(text) == code


@pytest.mark.parametrize(
    "text, code",
    [
        # Names that are ordinary Spanish words count where a place goes...
        ("nevada", "NV"),
        ("florida", "FL"),
        ("vivo en nevada", "NV"),
        ("en colorado", "CO"),
        ("soy de colorado", "CO"),
        ("vivo en la florida", "FL"),
        ("la florida", "FL"),
        ("el estado es florida", "FL"),
        ("estoy en denver colorado", "CO"),
        ("estoy en las vegas nevada", "NV"),
        ("vivo en montana", "MT"),
        ("vivo en la montaña de colorado", "CO"),
        ("compensacion para victimas en florida", "FL"),
        # ...and nowhere else in a Spanish sentence.
        ("la montaña", None),
        ("montaña", None),  # the tilde: never Montana
        ("la montana", None),
        ("vivo en la montana", None),
        ("bici de montana", None),
        ("hubo una nevada", None),
        ("cayo una nevada muy fuerte", None),
        ("en la sierra nevada", None),
        ("esta colorado", None),
        ("se puso colorado", None),
        ("mi hijo esta colorado de la fiebre", None),
        ("se cayeron las tejas", None),
        ("tejas rotas", None),
        # "va" is "okay" and "goes"; Virginia only as VA.
        ("va", None),
        ("Va", None),
        ("va gracias", None),
        ("va a venir", None),
        ("VA", "VA"),
        ("VA gracias", "VA"),
        # Capitals in a shouted message are no codes; Spanish and English words in capitals need a place.
        ("ME VA A MATAR", None),
        ("MI ESPOSO ME PEGA", None),
        ("VOY AL HOSPITAL", None),
        ("AYUDA DE EMERGENCIA", None),
        ("OH NO HES HERE", None),
        ("OH MY GOD", None),
        ("eres una IA?", None),
        ("la IA me ayuda", None),
        ("can the VA help me", None),
        ("i need a CT scan", None),
        ("i have MS", None),
        ("went NC with my mom", None),  # no contact
        ("estoy en LA", None),  # Los Angeles
        ("I LIVE IN TX", "TX"),
        ("ME VA A MATAR, ESTOY EN TX", "TX"),
        ("MI ESPOSO ME PEGA EN TEXAS", "TX"),
        ("richmond VA", "VA"),
        ("detroit MI", "MI"),
        ("des moines IA", "IA"),
        ("new orleans LA", "LA"),
        ("raleigh NC", "NC"),
        ("NC porfa", "NC"),
        ("estoy en TX ahorita", "TX"),
        # Money is no ZIP code.
        ("i owe him 20000 dollars", None),
        ("dicen que tengo que pagar 15000", None),
        ("mi zip es 15000", "PA"),
    ],
)
def test_spanish_words_are_not_states(text, code):
    assert find_state(text) == code


@pytest.mark.parametrize(
    "text, code",
    [
        ("houston tx", "TX"),
        ("vivo en ny", "NY"),
        ("im in dc", "DC"),
        ("miami, fl", "FL"),
        ("dallas tx 75201", "TX"),
        ("i live in fresno ca", "CA"),
        ("we're in tucson az", "AZ"),
        ("upstate ny", "NY"),
        ("im in tx rn", "TX"),
        ("estoy en ny ahorita", "NY"),
        ("vivo en san juan, pr", "PR"),
        ("HOUSTON TX", "TX"),
        # Lower-case codes that are words in English or Spanish, and codes after a word that is no city.
        ("i live in nj with my mom", None),  # not where a clause ends: ask
        ("richmond va", None),
        ("philadelphia pa", None),
        ("columbus oh", None),
        ("outside detroit mi", None),
        ("es para mi", None),
        ("vivo en el pa", None),
        ("new orleans la", None),
        ("im in la", None),
        ("denver co", None),
        ("i went nc", None),  # no contact
        ("see you tn", None),  # tonight
        ("ok tx", None),  # thanks
        ("bueno nv", None),  # nos vemos
        ("mandame mensaje en wa", None),  # WhatsApp
        ("estoy en ca de mi tia", None),  # casa
        ("apt on the 2nd fl", None),  # floor
        ("i go to ut", None),  # the university
    ],
)
def test_lower_case_codes_in_a_sentence(text, code):
    assert find_state(text) == code


def test_every_state_name_and_code_is_understood():
    for code, name in STATES.items():
        assert find_state(name) == code
        if code not in {"OK", "HI"}:  # "ok" and "hi" mean okay and hello; Oklahoma and Hawaii work by name
            assert find_state(code) == code


def test_zip_prefixes_that_no_state_uses_give_nothing():
    assert state_for_zip("00000") is None
    assert state_for_zip("09012") is None  # military mail


# A message may be 10,000 characters long: a place at its end is still read, by the same rules, and what came before
# (numbers that are money or no ZIP code, words that are no state here) costs a pass over it, not one per word.
def long(repeated: str, end: str) -> str:
    return repeated * ((10_000 - len(end)) // len(repeated)) + end


@pytest.mark.parametrize(
    "text, code",
    [
        (long("dicen que tengo que pagar 15000 ", "y mi zip es 30301"), "GA"),
        (long("00000 ", "30301"), "GA"),  # no state uses 000
        (long("i owe him 20000 dollars ", ""), None),
        (long("hubo una nevada ", "y vivo en nevada"), "NV"),
        (long("hubo una nevada ", ""), None),
        (long("the VA ", "and we live in richmond VA"), "VA"),
        (long("TX porfa ", "vivo en houston tx"), "TX"),
    ],
)
def test_a_place_at_the_end_of_a_long_message(text, code):
    assert len(text) <= 10_000
    assert find_state(text) == code


@pytest.mark.parametrize(
    "text, code",
    [
        ("i paid 15000 and my zip is 30301", "GA"),  # the number before a ZIP code is no money word
        ("pay 30301", None),
        ("30301 dollars", None),
        ("tengo que pagar 30301 o 30302", "GA"),  # the first is money, the second a ZIP code
    ],
)
def test_money_is_read_from_the_word_next_to_the_number(text, code):
    assert find_state(text) == code
