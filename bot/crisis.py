"""The deterministic crisis check: imminent danger (911) and self-harm (988).

It runs on every message (in the NLU pipeline, see bot/nlu/crisis_override.py) so that a person
in danger gets 911 or 988 in the very first reply even when the intent classifier is unsure or
wrong, in English and Spanish. It is plain pattern matching on a normalised text: predictable, fast, testable, and easy
for a reviewer to extend. It errs towards raising the alarm: a needless 911 line costs a person
a sentence to read, a missed one can cost a life.

A pattern must match from the start of a word (most begin with \b): the check reads from each
pattern the words it can start with, and refuses on import one whose match could start elsewhere.
"""

import re
import sre_parse
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate, compress, count
from sre_constants import (
    ASSERT,
    ASSERT_NOT,
    AT,
    AT_BEGINNING,
    AT_BOUNDARY,
    AT_END,
    BRANCH,
    IN,
    LITERAL,
    MAX_REPEAT,
    MIN_REPEAT,
    SUBPATTERN,
)
from typing import NamedTuple

from bot.text import without_marks

DANGER = "danger"
SELF_HARM = "self_harm"


class _Unless(NamedTuple):
    """A pattern that does not count in a message where `guard` matches anywhere."""

    guard: str
    pattern: str


class _Both(NamedTuple):
    """Two patterns that count only together, each anywhere in the message, in either order."""

    first: str
    second: str


_PRESENT = r"(he is|she is|they are|hes|shes|theyre|he s|she s|they re|someone is|somebody is|some1 is|someones)"
_SUBJECT = r"(he|she|they|hes|shes|theyre|someone|somebody|some1|a man|a guy|my ex|ex|him|her|them)"
_WEAPON = r"(gun|gunn|guns|knife|knives|blade|pistol|rifle|shotgun|weapon|firearm|machete|glock)"
_ATTACK = (
    r"(attack|attacking|hitting|beating|beatin|choking|chokin|strangling|stabbing|shooting"
    r"|punching|kicking|hurting|raping|dragging|grabbing)"
)
_HOME = r"(house|home|door|front door|back door|window|windows|apartment|apt|place|room|bedroom)"

_DANGER_PATTERNS = [
    # Weapons in play.
    rf"\b(has|got|gots|have|had|with|holding|pulled|pulling|pointing|waving|brought|grabbed|loading)"
    rf"( out)?( a| an| his| her| their| the| my)? {_WEAPON}\b",
    rf"\b{_WEAPON}( pointed)? (at|to|on) (me|my|us)\b",
    # Being attacked, shot or stabbed now.
    rf"\b(is|are|s|re|hes|shes|theyre|keeps|keep|started|start|stop)( still)? {_ATTACK}( on| at)? (me|us|my)\b",
    rf"\b{_ATTACK} me (right )?now\b",
    r"(?<!after )(?<!since )(?<!from )\b(being|getting|just got|just been) "
    r"(attacked|beaten|beat|choked|strangled|stabbed|shot|raped|kidnapped|jumped)\b",
    r"\b(i|we|im|i am)( am)?( being)? (bleeding|bleedin)\b",
    r"\bcant breathe\b|\bcan not breathe\b",
    # Threats to kill or hurt, now or soon.
    r"\b(going|gonna|gon|about|trying|tryna|threatening|threatened|threaten|wants|will|gunna|finna"
    r"|plans|planning|on (his|her|their|the) way)( to)? (kill|murder|shoot|stab|hurt|kidnap|end|drown|burn"
    r"|strangle|choke) "
    r"(me|us|my kids|my baby|my family|the kids|my children)\b",
    r"\b(kill|shoot|stab|murder) (me|us)( tonight| today| now| right now)\b",
    r"\b(said|says|told me)( that)?( (he|she|they|hed|shed|theyd|hes|shes))?( would| will| d| ll"
    r"| is| was| are| going to| gonna)? (kill|murder|shoot|stab) (me|us|my)\b",
    r"\b(fear|scared|afraid|terrified) (for|of losing) my life\b",
    rf"\band (a|his|her|their) {_WEAPON}\b",
    r"\b(shooting|shots|shot|gunshots|gunfire)( at| outside| into| near| in front of) (my|our|the) "
    r"(house|home|apartment|apt|building|place|door|window|car)\b|\bshots fired\b",
    r"\b(poured|pouring) (gas|gasoline)\b|\bset (the|my|our) (house|home|apartment|place) on fire\b",
    # Someone getting in, or at the door.
    r"\b(kick|kicking|break|breaking|bust|busting)( in| down)? (the|my|our) (door|window)( down| in)?\b",
    r"\b(there s|theres|there is) (a|some|an) (man|guy|person|stranger|intruder|people|men)"
    r"( in| inside| outside| at| in front of) (my|our|the) (house|home|apartment|apt|door|room|yard)\b",
    rf"\b{_PRESENT}( still)? (here|outside|inside|in the house|at the door|at my door|looking for me)\b",
    r"\b(got|has|have|had) me (trapped|locked|cornered)\b|\b(is|are|s|re) (still )?looking for me\b",
    rf"\b(breaking|kicking|trying to get|tryin to get|forcing|banging|pounding|bangin)"
    rf"( in| into| down| on)?( in)?( through)? (my|the|our) {_HOME}\b",
    r"\b(is|are|s|re) breaking in\b|\bbreaking in (right )?now\b|\b(trying|tryin|tryna) to (break|get) in\b",
    rf"\b{_SUBJECT} (is|are|s|re)( right)? (here|outside|inside|at the door|at my door"
    rf"|(outside|at|in|inside|in front of) (my|our|the) {_HOME})\b",
    rf"\b(outside|outsde|at) my ({_HOME[1:-1]}|job|work|school|car) (right )?now\b",
    rf"\b{_PRESENT} (outside|outsde|at|in front of) (my|our|the) {_HOME}\b",
    # Hiding, held, or unable to leave.
    r"\b(hiding|hidin) (in|under|from)\b|\bim hiding\b",
    r"\blocked (myself )?in (the|a|my) (room|bathroom|closet|car|basement|bedroom)\b",
    r"\blocked me in\b|\b(im|i am|we are|were) trapped\b",
    r"\b(wont|will not|doesnt|does not) let me (leave|go|out)\b",
    r"\b(holding|hold|held|keeping|keep) me (hostage|captive|prisoner|against my will)\b",
    r"\bkidnapped\b|\babducted\b",
    # Asking for emergency help.
    r"(?<!dont )(?<!do not )(?<!never )\b(call|get|send|need)( the)? (911|police|cops|ambulance|an ambulance) "
    r"(for me|now|here|asap|please|pls|plz)\b",
    r"(?<!dont )(?<!do not )(?<!never )\bsend (help|someone|the police|police|cops|an ambulance)\b",
    r"\b(please|pls|plz|can you|someone|somebody|u) call 911\b|\bcall 911 for me\b|\bneed 911\b",
    r"\b(help|hlp|halp) me (now|asap|right now)\b|^(help|hlp|halp) (now|asap|right now)$",
    r"\b(in danger|not safe|unsafe)( right)? now\b|\bim in danger\b|\bi am in danger\b",
    r"\b(its|this is|having) an emergency\b|\bemergency (right )?now\b",
    r"\b(following|chasing|followin) me (right now|now|home)\b",
    rf"\b{_PRESENT} coming (back|for me|for us|over|here|after me)\b",
]

_SELF_HARM_PATTERNS = [
    r"\b(kill|killing|kil|k i l l|hurt|hurting|harm|harming|cut|cutting|shoot|hang|hanging|drown"
    r"|stab|starve|starving|burn|burning|poison) (myself|my self|me self|meself)\b",
    r"\bkms\b|\bunalive\b|\bsewer slide\b|\bsuicid\w*|\bsucid\w*|\bsuicde\w*|\bsuiside\w*",
    r"\b(want|wanna|wanted|wan|going|gonna|ready|trying|tryna|about) (to )?(die|end it|end it all"
    r"|end my life|end things|be dead|not exist|not be here|disappear forever)\b",
    r"\bwish (i|id) (was|were|had|could) (dead|die|not be alive|never been born|disappear)\b",
    r"\b(better off|be better) (dead|without me)\b",
    r"\b(dont|do not|no longer|dont even) want to (live|be alive|be here|wake up|exist)\b",
    r"\bno (reason|point|will) (to|in|of) (keep )?(live|living|go on|going on|be alive)\b",
    r"\b(took|taken|swallowed|ate|take|swallow)( a bunch of| all( of)?| too many| a lot of| lots of| a handful of)"
    r"( my| the| these| those)? (pills|tablets|meds)\b",
    r"\b(going to|gonna|about to|want to|wanna) jump\b",
    r"\b(stop|not) existing\b|\bself (harm|harming|injure|injury)\b|\bselfharm\w*",
    r"\b(miss|care about) (me )?if i (was|were|m|am|died|die|disappeared)\b",
    r"\b(take|taking|end|ending) my (own )?life\b",
    r"\b(end|ending) (it all|everything)\b",
    r"\b(overdose|overdosing|od on|od ing|take all (of )?(my|the|these|those) pills|swallow all)\b",
    # Both anywhere in the message, in either order.
    _Both(r"\bpills\b", r"\btake (them|it) all\b"),
    r"\bjump (off|from|in front of) (a|the|my)\b",
    r"\bcant (go on|do this anymore|take it anymore|keep going)\b",
    r"\b(life|living) (isnt|is not|aint) worth\b|\bnot worth living\b",
    r"\b(goodbye|bye) (forever|cruel world)\b|\bthis is my goodbye\b",
    # No point in going on, asked as a question; a goodbye written down.
    r"\b(whats|what is|wats|whats even) the point (of|in) (living|going on|being alive|staying alive|life)\b",
    r"\b(goodbye|farewell) (letter|letters|note|notes)\b",
]

# Spanish, as people text it. The text is already without accents ("está" reads "esta", "niños" reads "ninos"), so
# the patterns also take the usual spellings: "kiero" for "quiero", "q" or "k" for "que".
_ES_WANT = r"(quiero|kiero|qiero|quero|kero|qero)"
_ES_HARM = r"(matar|pegar|golpear|lastimar|disparar|apunalar|acuchillar|balear|ahorcar|estrangular|secuestrar|violar)"
_ES_WEAPON = r"(pistola|arma|cuchillo|navaja|rifle|escopeta|machete|revolver|cuete|fusca|filero|gun|knife)"
_ES_HOME = r"(casa|puerta|ventana|departamento|apartamento|depa|cuarto|traila|trabajo)"
_ES_FAMILY = (
    r"(mi|mis|nuestro|nuestra|nuestros|nuestras) (hijo|hija|hijos|hijas|nino|nina|ninos|ninas|bebe|bebes|mama|papa"
    r"|familia|hermano|hermana|hermanos|hermanas|nieto|nieta|nietos)"
)
# A message dated weeks or years back ("hace seis meses", "el ano pasado", "de nina") tells a story, and one about a
# court order asks a question: the patterns that read a past act, or a weapon someone has, as danger skip both.
_ES_PAST = (
    r"\b(hace (\w+ ){0,2}(dias|semanas|meses|mes|anos|ano)|(el|la) (ano|mes|semana) pasad[ao]|de nin[ao]"
    r"|cuando era)\b"
)
_ES_PAST_OR_ORDER = rf"{_ES_PAST}|\borden de (proteccion|restriccion|alejamiento)\b"
# "me muero de hambre", "me voy a morir de risa", "me va a matar de un susto" are ways of speaking.
_ES_NOT_IDIOM = (
    r"(?! de (hambre|risa|la risa|verguenza|la verguenza|pena|sueno|frio|calor|sed|aburrimiento|cansancio|ganas"
    r"|nervios|los nervios|un susto|coraje|un coraje)\b| (trabajando|estudiando)\b)"
)
# "seguir" is going on living unless something follows it: "no tengo razones para seguir con el caso".
_ES_GO_ON = r"(vivir|seguir\b(?! (con|en|a|al|el|la|los|las|de|del|pagando|yendo|trabajando|esperando)\b))"

_ES_DANGER_PATTERNS = [
    # Threats to kill or hurt, now or soon.
    rf"\b(me|nos) (quiere|quieren|va a|van a|iba a|iban a|viene a|vienen a|intenta|intentan|trata de|tratan de"
    rf"|amenazo con|amenaza con|amenazaron con) {_ES_HARM}\b{_ES_NOT_IDIOM}",
    r"\b(va|van|iba|iban|viene|vienen)( en camino| para aca| para aqui)? (a|para) (matarme|matarnos|lastimarme"
    r"|pegarme|golpearme|dispararme|violarme)\b|\b(amenazo|amenazaron|amenaza) con matar(me|nos)\b",
    rf"\b(va a|van a|iba a|iban a|quiere|quieren) {_ES_HARM} a {_ES_FAMILY}\b"
    rf"|\b(los|las) (va|van|iba|iban) a {_ES_HARM}\b",
    r"\b(hoy|esta noche|ahorita) me (mata|matan)\b(?! (de|el|la|los|las|este|esta|mi)\b)",
    r"\b(va a|van a|quiere|quieren|amenaza con) (quemar|incendiar) (la|mi|nuestra) (casa|departamento|apartamento"
    r"|traila)\b|\b(esta|estan) (echando|regando|tirando) gasolina\b",
    # Weapons in play: drawn, held or brought now; not "me asaltaron con pistola hace seis meses", nor a question about
    # the guns a protective order takes away.
    _Unless(
        _ES_PAST_OR_ORDER,
        rf"(?<!si )(?<!si el )(?<!si ella )\b(tiene|trae|saco|saca|tienen|traen|sacaron|agarro|agarra)( una| un| la"
        rf"| el| su)? {_ES_WEAPON}\b",
    ),
    # Up to three words or places between who and the weapon ("esta afuera borracho en la casa con una pistola"): a
    # bound, so that a message cannot make each "esta" read on to its end.
    _Unless(
        _ES_PAST,
        rf"\b(esta|estan|anda|andan|viene|vienen|llego|sigue)( (aqui|aca|ahi|afuera|adentro|enfrente|borracho|borracha"
        rf"|drogado|drogada|enojado|enojada|armado|ahorita|para aca|en camino)|( de| en| a)? (la|el|mi|nuestra) \w+)"
        rf"{{0,3}} con( una| un| la| el| su)? {_ES_WEAPON}\b",
    ),
    rf"\bme (amenaza|amenazan|esta amenazando|estan amenazando|tiene amenazad[ao]|apunta|apuntan)"
    rf" con( una| un| la| el| su)? {_ES_WEAPON}\b",
    _Unless(
        _ES_PAST,
        rf"\bme (puso|pone|esta poniendo|tiene) (el|la|un|una|su) {_ES_WEAPON} en (el|la|mi) (cuello|cabeza|pecho"
        rf"|garganta|cara|espalda)\b",
    ),
    # Being attacked now, or just now (not "me esta arrastrando a la corte", nor the baby kicking).
    r"(?<!bebe )(?<!baby )\b(me|nos) (esta|estan) (pegando|golpeando|ahorcando|estrangulando|apunalando|acuchillando"
    r"|disparando|lastimando|violando|matando|atacando|pateando|arrastrando|jalando|empujando|apuntando)\b"
    r"(?! (a|en) (la )?corte\b)",
    rf"\b((le|les) )?(esta|estan) (pegando|golpeando|ahorcando|estrangulando|apunalando|disparando|lastimando"
    rf"|violando|atacando|pateando) a {_ES_FAMILY}\b",
    _Unless(
        _ES_PAST,
        r"\bme (tiene|tienen|esta|agarro|agarra|esta agarrando) (agarrad[ao] )?(del|por el) (cuello|pelo|cabello)\b",
    ),
    r"\bacaban? de (apunalarme|dispararme|golpearme|pegarme|balearme|acuchillarme)\b"
    r"|\bme acaban? de (apunalar|disparar|balear|golpear|pegar|acuchillar|atacar)\b",
    r"\bestoy sangrando\b|\bno puedo respirar\b",
    # Shooting at or near the house.
    r"\b(esta|estan|anda|andan) (disparando|balaceando|dando balazos|dando de balazos|echando balazos|echando bala"
    r"|tirando balazos|tirando tiros)\b",
    _Unless(
        _ES_PAST,
        r"\b(disparan|dispararon|disparando|balacean|balacearon|balaceando)( a| contra| hacia)? (mi|la|nuestra) (casa"
        r"|puerta|ventana|carro|departamento|apartamento|traila)\b",
    ),
    _Unless(
        _ES_PAST,
        r"\b(se oyen|se escuchan|oigo|escucho|estoy oyendo|estoy escuchando|hay) (una )?(balazos|disparos|tiros"
        r"|balacera)\b",
    ),
    # Someone getting in, inside, at the door, or still there.
    r"\b(esta|estan) (rompiendo|tumbando|pateando|golpeando|forzando) (la|mi) (puerta|ventana)\b",
    r"\b(tratando de|trata de|tratan de|intentando|intenta|intentan|quiere|quieren) (abrir|tumbar|romper|forzar)"
    r" (la|mi) (puerta|ventana)\b|\b(tratando de|intentando) (entrar|meterse)\b(?! a (mi|su) (cuenta|correo|cel|celular"
    r"|telefono|compu|email|facebook|instagram)\b)",
    _Unless(
        _ES_PAST,
        r"\b(se esta metiendo|se estan metiendo|esta entrando a la fuerza|se metio|se metieron) (a|en) (la|mi|nuestra)"
        r" (casa|departamento|apartamento|depa|cuarto|traila)\b",
    ),
    r"\b(entrando|entrar|meterse) a la fuerza\b",
    rf"\b(esta|estan) (afuera|fuera|enfrente) de (mi|la|nuestra) {_ES_HOME}\b",
    r"\b(el|ella|ellos|mi ex|alguien) (esta|estan) (aqui|adentro|en la casa|en mi casa)\b",
    r"\bhay( un| una| unos| unas| dos| tres)? (hombre|hombres|tipo|tipos|senor|persona|personas|extrano|desconocido"
    r"|intruso|alguien|gente|vato|vatos)( \w+)? (adentro|dentro|afuera|en|enfrente|metido|metida)( de)? (mi|la|nuestra)"
    r" (casa|departamento|apartamento|depa|cuarto|patio|puerta|ventana|traila)\b",
    r"(^|\b(ayuda|ayudame|ayudenme|auxilio|socorro|miedo) )(el |ella )?(esta|estan) (aqui|aca|afuera|adentro)\b"
    r"|^(esta|estan) (aqui|aca)\b|\by (el |ella )?(sigue|todavia esta|aun esta) (aqui|aca|afuera|adentro)\b",
    # Hiding, locked in, or held.
    r"\bestoy escondid[ao]\b|\bestamos escondid[ao]s\b|\bno me (deja|dejan) salir\b|\bme (tiene|tienen) encerrad[ao]\b",
    r"\b(me encerre|nos encerramos|estoy encerrad[ao]|estamos encerrad[ao]s)( \w+)? en (el|la|mi|un|una) (bano|cuarto"
    r"|closet|carro|recamara|sotano|cocina)\b",
    _Unless(_ES_PAST, r"\bme secuestr\w+"),
    # Asking for emergency help (not "no quiero q llamen a la policia", "no es una emergencia", "vivo en Socorro").
    r"(?<!no )(?<!que )(?<!q )(?<!k )(?<!ke )\bllamen (al 911|al nueve once|a la policia|a los policias|a la poli"
    r"|a una ambulancia|una ambulancia)\b",
    r"(?<!no )\b(manden|mandenme|envien) (ayuda|a la policia|la policia|una patrulla|una ambulancia|al 911)\b",
    r"\b(necesito|necesitamos) (al 911|el 911|a la policia|la policia|una patrulla|una ambulancia)\b(?! (o|para|si)\b)",
    r"(?<!en )(?<!de )\b(auxilio|socorro)\b|\bayuda ayuda\b|\bayudaa\b",
    r"\b(ayuda|ayudame|ayudenme)( por favor| porfa| porfavor| pls| plis)?( es urgente| rapido| ya)\b(?! (que|con)\b)",
    r"^(es una )?emergencia( ahorita| ya| ayuda)?$|(?<!no )(?<!si )\bes una emergencia\b|\bemergencia (ahorita|ya)\b",
    r"\b(estoy|estamos) en peligro\b(?! de (perder|quedarme|ser desalojad|ser deportad|que me (desalojen|deporten)))"
    r"|\b(esta|estan) en peligro (ahorita|ahora|ya)\b|\bmiedo por mi vida\b"
    r"|\bmis (hijos|hijas|ninos|ninas|bebes) estan en peligro\b",
    # Followed, or someone on the way (not followed on social media, nor "mi mama viene por mi a las 5").
    r"\bme (esta|estan) siguiendo\b(?! (en|por) (redes|las redes|instagram|insta|ig|facebook|face|fb|tiktok|twitter"
    r"|snapchat|snap|internet|linea)\b| (el caso|la pista)\b)",
    r"\b(viene|vienen) (para aca|por mi\b(?! (a|al|en|despues|mas tarde|manana|temprano)\b))",
]
_ES_SELF_HARM_PATTERNS = [
    # Wanting to die or to kill oneself ("me quiero morir", "kiero matarme"; not "me voy a morir de hambre").
    rf"\b(me|m) ({_ES_WANT}|voy a|vaya a) (matar|mor+i+r)\b{_ES_NOT_IDIOM}",
    rf"\b({_ES_WANT}|quisiera|ganas de) (mor+i+r|mor+i+rme|matarme|suicidarme)\b{_ES_NOT_IDIOM}",
    r"\b(pienso|pensando|pensado|penso|pense|piensa|pensar) en (morir|morirme|matarme|suicidarme|quitarme la vida"
    r"|acabar con)\b|\b(quitar|quitarme) la vida\b",
    rf"\bse (quiere|kiere|va a) (matar|suicidar|quitar la vida)\b{_ES_NOT_IDIOM}|\bse quiere morir\b{_ES_NOT_IDIOM}"
    r"|\bsuisid\w*",
    # Not wanting to live, to wake up, to exist or to be here (not "ya no quiero vivir con el").
    rf"\b(no|ya no) {_ES_WANT} (vivir|seguir viviendo|despertar|existir|estar viv[ao])\b"
    r"(?! (con|cerca|junto|bajo)\b| en (?!este mundo))",
    rf"\b(no|ya no) {_ES_WANT} seguir\b(?! (con|en|a|al|el|la|los|las|de|del|pagando|yendo|trabajando|esperando"
    rf"|viviendo con|asi con)\b)",
    rf"\b(no|ya no) {_ES_WANT} (estar|seguir) (aqui|en este mundo)\b(?! (en|con|cuando|si)\b)"
    r"|\b(ir|irme|salir) de este mundo\b|\bdejar de existir\b",
    r"\b(dormir|dormirme) y no (despertar|volver a despertar)\b|\bojala (no despertara|no despierte|me muriera|me muera"
    r"|estuviera muert[ao]|no existiera|nunca hubiera nacido)\b",
    rf"\b(quisiera|ojala|{_ES_WANT}) estar muert[ao]\b|\bmejor muert[ao]\b|\bmejor sin mi\b"
    r"|\bno aguanto mas\b(?! (a|al|con|en)\b)",
    # No reason or sense in living, tired of living.
    r"\bno vale la pena vivir\b|\b(la|mi) vida no vale (la pena|nada)\b",
    rf"\bno (le )?(veo|encuentro|tiene|tengo|hay)( ningun)? sentido (a |en )?(la vida|mi vida|{_ES_GO_ON})",
    rf"\bno (hay|tengo)( ninguna| una)? (razon|razones|motivo|motivos) (para|de) {_ES_GO_ON}",
    r"\b(cansad[ao]|canse|harta|harto) de (vivir|la vida|existir|estar viv[ao])\b",
    r"\b(para que|de que sirve|que sentido tiene) (seguir )?(vivir|viviendo|estar viv[ao])\b",
    # Ending it all, disappearing, saying goodbye.
    r"\b(acabar|terminar) con (todo|mi vida)\b(?! (lo|el|la|los|las|de|del)\b)"
    r"|\bque todo (se acabe|termine|se termine)\b",
    rf"\bdesaparecer(me)? para siempre\b|\b({_ES_WANT}|quisiera|ganas de) desaparecer(me)?\b(?! (de (su|sus)\b|sin que"
    rf"|para que)\b)",
    r"\b(mi|una) carta de despedida\b|\besta es mi despedida\b|\b(me despido|adios) (para siempre|de todos)\b",
    r"\bnadie me (extranaria|va a extranar|extranara|echaria de menos)\b|\bsi me (muero|mato|muriera) (a )?nadie\b"
    r"|\by si me mato\b",
    # Cutting, burning or hurting oneself ("me corto"; not "me corto el agua" or "el pelo").
    r"\bme (corto|estoy cortando)\b(?! (el|la|los|las|mi|mis) (agua|luz|gas|pelo|cabello|fleco|unas|telefono|llamada"
    r"|linea|internet|servicio|cable|dinero|rollo|tarjeta|cuenta)\b)",
    r"\b(cortarme|cortando|corte|corto|cortar) (las|mis) (venas|munecas|brazos|piernas)\b",
    rf"\bme ({_ES_WANT}|voy a|volvi a|vuelvo a) cortar\b(?! (el|la|los|las) (pelo|cabello|fleco|unas|luz|agua"
    rf"|telefono)\b)"
    rf"|\b(volvi a|vuelvo a|empece a|ganas de|voy a|{_ES_WANT}) (cortarme|quemarme|lastimarme|hacerme dano)\b",
    rf"\bme (hago|estoy haciendo|{_ES_WANT} hacer|voy a hacer) dano\b|\bme lastimo (a proposito|para sentir|yo sol[ao]"
    r"|a mi mism[ao]|cuando (me siento|estoy))\b|\bme (estoy quemando|quemo) con (cigarros|cigarrillos|un cigarro"
    r"|el cigarro|el encendedor)\b",
    r"\bautolesi\w*|\bauto lesion\w*|\b(hago|hacer|hacia) cutting\b",
    # Pills, jumping, hanging, shooting oneself.
    r"\btodas las pastillas\b|\bsobredosis\b|\b(tome|tomar|tomarme|trague|tragar|tragarme|tengo) todas mis (pastillas"
    r"|pildoras|medicinas)\b",
    r"\b(me tome|me trague|tome|trague|tomarme|tragarme|me voy a tomar|me voy a tragar|voy a tomar)( un monton de"
    r"| un bote de| un frasco de| una caja de| un punado de| muchas| bastantes| un chingo de| toda la caja de"
    r"| todo el frasco de| el bote de|( como| unas| mas de)? \d\d+) (pastillas|pildoras|medicinas|medicamentos)\b",
    r"\b(me voy a|me quiero|voy a|quiero|me vaya a|pienso) (tirar|aventar|lanzar)(me)? (de|del|desde|por|al|a las|a la)"
    r"( un| una| la| el)? (puente|edificio|techo|azotea|ventana|balcon|tren|metro|vias|rio|carretera|barranco"
    r"|precipicio)\b|\btirarme (del|de un|de una) (puente|edificio)\b",
    r"\bme (voy a|quiero|kiero|vaya a|pienso) (colgar|ahorcar)\b|\b(colgarme|ahorcarme)\b"
    r"|\bme (quiero|kiero|voy a) ir para siempre\b(?! (de|a|al|lejos)\b)",
    r"\b(pegarme|darme|meterme) un (tiro|balazo)\b|\b(usarla|usarlo) (en|contra) mi\b",
]

_PATTERNS = {
    "en": {DANGER: _DANGER_PATTERNS, SELF_HARM: _SELF_HARM_PATTERNS},
    "es": {DANGER: _ES_DANGER_PATTERNS, SELF_HARM: _ES_SELF_HARM_PATTERNS},
}

# "me cortó" (he cut me) and "me corto" (I cut myself) differ only by the accent that normalising drops: where the
# writer typed it, the act is someone else's, and it is read as "me cortaron" (someone cut me).
_ES_DONE_TO_ME = re.compile(r"\bme (cort|lastim|quem|ahorc|tir|avent)ó\b")
# Digits and signs inside a word read as the letters they stand for; each pattern has the sign first, so a search skips
# ahead to it instead of trying every position.
_LEET = [
    (sign, re.compile(rf"{re.escape(sign)}(?<=[a-z].)(?=[a-z])"), letter)
    for sign, letter in {"0": "o", "1": "i", "3": "e", "4": "a", "@": "a", "$": "s"}.items()
]
_STRETCHED = re.compile(r"([a-z])\1{2,}")


def detect(text: str) -> list[str]:
    """The crises a message shows, most urgent first: [], [DANGER], [SELF_HARM] or both."""
    matched = _matches(text)
    return [kind for kind in (DANGER, SELF_HARM) if any(kind in kinds for kinds in matched.values())]


def language_of(text: str) -> str | None:
    """The language of the crisis patterns a message matched, when only one language's did: a
    person in crisis is answered in their language even when the message is too short to tell
    otherwise ("ya no quiero vivir")."""
    matched = [lang for lang, kinds in _matches(text).items() if kinds]
    return matched[0] if len(matched) == 1 else None


@lru_cache(maxsize=1)
def _matches(text: str) -> dict[str, set[str]]:
    """language -> the kinds of crisis its patterns found in the text. The NLU pipeline asks twice about each message
    (the language check, then the crisis override), so the last answer is kept, and only the last."""
    if not text:
        return {}
    matched: dict[str, set[str]] = {lang: set() for lang in _PATTERNS}
    for form in _forms(text):
        found = _found(form)
        for rule in _RULES:
            if found.issuperset(rule.groups) and not (rule.guard and rule.guard.search(form)):
                matched[rule.lang].add(rule.kind)
    return matched


def _forms(text: str) -> set[str]:
    """The text as the patterns read it: lower-case ASCII words with no accents, apostrophes or number-letters
    ("k1ll"), and letters repeated three times or more cut to two ("killlll" -> "kill") and, in a second form, to one
    ("dieee" -> "die"). An accented Spanish "me cortó" (done by someone else) becomes "me cortaron" first."""
    text = unicodedata.normalize("NFC", text).lower()
    if "ó" in text:
        text = _ES_DONE_TO_ME.sub(r"me \1aron", text)
    text = without_marks(text).lower().replace("'", "").replace("\u2019", "")
    for sign, in_word, letter in _LEET:
        if sign in text:
            text = in_word.sub(letter, text)
    text = " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())
    return {_STRETCHED.sub(r"\1\1", text), _STRETCHED.sub(r"\1", text)}


# How the patterns are run. Every pattern starts at the beginning of a word, and the two words it can start with are
# read from the pattern itself (_starts). So a message is read once, word by word, and only where a pattern can start
# is it tried, in one alternation with the others of its group that can start there. Searching the whole text with
# each of the 120 patterns cost 25-45 ms on a 10 kB message, on Rasa's event loop; this costs 1-4 ms, and twice that
# when stretched letters make two forms to read (bench/adversarial_input.py).


class _Rule(NamedTuple):
    """A kind of crisis in a language, shown when every one of `groups` matched and `guard` did not."""

    lang: str
    kind: str
    groups: tuple[int, ...]
    guard: re.Pattern | None


def _rules(groups: list[list[str]]) -> list[_Rule]:
    """The rules for _PATTERNS; `groups` receives each rule's patterns (a group is found when one of them matches)."""

    def group(patterns: list[str]) -> int:
        groups.append(patterns)
        return len(groups) - 1

    rules = []
    for lang, by_kind in _PATTERNS.items():
        for kind, patterns in by_kind.items():
            rules.append(_Rule(lang, kind, (group([p for p in patterns if isinstance(p, str)]),), None))
            for guard in dict.fromkeys(p.guard for p in patterns if isinstance(p, _Unless)):
                guarded = [p.pattern for p in patterns if isinstance(p, _Unless) and p.guard == guard]
                rules.append(_Rule(lang, kind, (group(guarded),), re.compile(guard)))
            for both in (p for p in patterns if isinstance(p, _Both)):
                rules.append(_Rule(lang, kind, (group([both.first]), group([both.second])), None))
    return rules


class _Start(NamedTuple):
    """The text a pattern's match starts with, up to its first two words, and whether that text ends at the end of
    a word: ("he is", True), ("kidnapped", True) (any next word), ("suicid", False) (any word that begins so)."""

    text: str
    whole: bool


_Alternations = list[tuple[int, re.Pattern]]  # (group, the alternation of the group's patterns that can start so)
_ByWords = dict[str, _Alternations]


def _index(groups: list[list[str]]) -> tuple[dict[tuple[str, str], _Alternations], _ByWords, _ByWords]:
    """Where each group's patterns can start: at a pair of words, at a word whatever follows it, or where a text
    such as " suicid" or " me secuestr" occurs (the stems). A group that can start at a word whatever follows is
    tried once there, with all its patterns that start with that word."""
    sources: dict[_Start, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for number, patterns in enumerate(groups):
        for pattern in patterns:
            for start in _starts(pattern):
                sources[start][number].append(pattern)
    anywhere = {(s.text, n) for s, by_group in sources.items() if s.whole and " " not in s.text for n in by_group}
    for start, by_group in list(sources.items()):
        first, space, _ = start.text.partition(" ")
        for n in [n for n in by_group if space and (first, n) in anywhere]:
            sources[_Start(first, True)][n] += by_group.pop(n)
    pairs, firsts, stems = {}, {}, {}
    for start, by_group in sources.items():
        alternations = [(n, re.compile("|".join(f"(?:{p})" for p in dict.fromkeys(ps)))) for n, ps in by_group.items()]
        if not alternations:
            continue
        if not start.whole:
            stems[" " + start.text] = alternations
        elif " " in start.text:
            pairs[tuple(start.text.split(" "))] = alternations
        else:
            firsts[start.text] = alternations
    return pairs, firsts, stems


def _found(form: str) -> set[int]:
    """The groups with a pattern that matches somewhere in a normalised text. Finding the words where a pattern can
    start is left to C (map, compress, str.find); Python only runs where one can."""
    found: set[int] = set()

    def attempt(alternations: _Alternations, position: int) -> None:
        for group, alternation in alternations:
            if group not in found and alternation.match(form, position):
                found.add(group)

    words = form.split(" ")
    following = [*words[1:], ""]
    ends = list(accumulate(map(len, words)))  # word i starts at ends[i] - len(words[i]) + i
    for i in compress(count(), map(_PAIRS.__contains__, zip(words, following, strict=True))):
        attempt(_PAIRS[words[i], following[i]], ends[i] - len(words[i]) + i)
    for i in compress(count(), map(_FIRSTS.__contains__, words)):
        attempt(_FIRSTS[words[i]], ends[i] - len(words[i]) + i)
    padded = " " + form  # a stem such as " suicid" begins a word
    for stem, alternations in _STEMS.items():
        for position in _occurrences(stem, padded):
            attempt(alternations, position)
    return found


def _occurrences(text: str, within: str) -> Iterator[int]:
    """Where `text` occurs in `within`, overlaps included."""
    at = within.find(text)
    while at >= 0:
        yield at
        at = within.find(text, at + 1)


def _starts(pattern: str) -> set[_Start]:
    """How a pattern's matches can start, read from the pattern. Raises ValueError for a pattern whose match could
    start elsewhere than at the beginning of a word (every pattern is read on import, so such a pattern fails every
    test rather than a person)."""
    starts, open_ways = _walk(sre_parse.parse(pattern).data, {("", False)})
    return starts | {_open(text) for text, _ in open_ways}


def _walk(items: list, ways: set[tuple[str, bool]]) -> tuple[set[_Start], set[tuple[str, bool]]]:
    """Follows every way through a parsed pattern until its first two words are known. A way is the text it has
    matched so far and whether that starts at a word boundary; returns the starts found and the ways still open."""
    starts: set[_Start] = set()
    for op, arg in items:
        if not ways:
            break
        if op in (ASSERT, ASSERT_NOT):  # lookarounds match no text
            continue
        if op is AT and arg in (AT_BOUNDARY, AT_BEGINNING, AT_END):
            if any(not text for text, _ in ways) and arg is AT_END:
                raise ValueError("a match can be empty")
            in_word = {(text, a) for text, a in ways if text and not text.endswith(" ")}
            starts |= {_closed(text) for text, _ in in_word}  # a boundary ends the word
            ways = {(text, True) for text, _ in ways - in_word if not text or arg is AT_BOUNDARY}
        elif op is LITERAL or (op is IN and all(o is LITERAL for o, _ in arg)):
            letters = [chr(arg)] if op is LITERAL else [chr(c) for _, c in arg]
            if any(not text and (letter == " " or not at_boundary) for text, at_boundary in ways for letter in letters):
                raise ValueError("a match can start elsewhere than at a word")
            typed = {(text + letter, True) for text, _ in ways for letter in letters}
            starts |= {_closed(text[:-1]) for text, _ in typed if text.count(" ") == 2}
            ways = {(text, a) for text, a in typed if text.count(" ") < 2 and "  " not in text}
        elif op is SUBPATTERN and not (arg[1] or arg[2]):
            found, ways = _walk(arg[3].data, ways)
            starts |= found
        elif op is BRANCH:
            branches = [_walk(branch.data, ways) for branch in arg[1]]
            starts = starts.union(*(found for found, _ in branches))
            ways = set().union(*(left for _, left in branches))
        elif op in (MAX_REPEAT, MIN_REPEAT) and arg[0] <= 1:
            exits = ways if arg[0] == 0 else set()
            for _ in range(min(arg[1], 2)):  # twice round is enough for a space to end the word
                found, ways = _walk(arg[2].data, ways)
                starts |= found
                exits |= ways
            if arg[1] > 2:  # and a third time could go on with the same word
                starts |= {_open(text) for text, _ in ways}
            ways = exits
        else:  # anything else (\w, a class, a repeat of two or more): what follows is not known
            starts |= {_open(text) for text, _ in ways}
            ways = set()
        if len(ways) > 10_000:
            raise ValueError("too many ways through the first two words")
    return starts, ways


def _closed(text: str) -> _Start:
    """The start of a match whose text so far ends at the end of a word."""
    return _Start(text, True)


def _open(text: str) -> _Start:
    """The start of a match whose text so far may go on inside its last word."""
    if not text:
        raise ValueError("a match can start elsewhere than at a word")
    return _Start(text.rstrip(" "), text.endswith(" "))


_GROUPS: list[list[str]] = []
_RULES = _rules(_GROUPS)
_PAIRS, _FIRSTS, _STEMS = _index(_GROUPS)
