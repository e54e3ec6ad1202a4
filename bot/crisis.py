"""The deterministic crisis check: imminent danger (911) and self-harm (988).

It runs on every message (in the NLU pipeline, see bot/nlu/crisis_override.py) so that a person
in danger gets 911 or 988 in the very first reply even when the intent classifier is unsure or
wrong, in English and Spanish. It is plain pattern matching on a normalised text: predictable, fast, testable, and easy
for a reviewer to extend. It errs towards raising the alarm: a needless 911 line costs a person
a sentence to read, a missed one can cost a life.
"""

import re
import unicodedata

DANGER = "danger"
SELF_HARM = "self_harm"

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "@": "a", "$": "s"})

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
    # Both anywhere in the message, in either order; anchored lookaheads keep it linear in the length.
    r"^(?=.*\bpills\b)(?=.*\btake (them|it) all\b)",
    r"\bjump (off|from|in front of) (a|the|my)\b",
    r"\bcant (go on|do this anymore|take it anymore|keep going)\b",
    r"\b(life|living) (isnt|is not|aint) worth\b|\bnot worth living\b",
    r"\b(goodbye|bye) (forever|cruel world)\b|\bthis is my goodbye\b",
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
_ES_NOT_PAST = (
    r"^(?!.*\b(hace (\w+ ){0,2}(dias|semanas|meses|mes|anos|ano)|(el|la) (ano|mes|semana) pasad[ao]|de nin[ao]"
    r"|cuando era)\b).*"
)
_ES_NOT_ORDER = r"^(?!.*\borden de (proteccion|restriccion|alejamiento)\b).*"
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
    rf"{_ES_NOT_PAST}{_ES_NOT_ORDER}(?<!si )(?<!si el )(?<!si ella )\b(tiene|trae|saco|saca|tienen|traen|sacaron"
    rf"|agarro|agarra)( una| un| la| el| su)? {_ES_WEAPON}\b",
    rf"{_ES_NOT_PAST}\b(esta|estan|anda|andan|viene|vienen|llego|sigue)( (aqui|aca|ahi|afuera|adentro|enfrente"
    rf"|borracho|borracha|drogado|drogada|enojado|enojada|armado|ahorita|para aca|en camino)|( de| en| a)? (la|el|mi"
    rf"|nuestra) \w+)* con( una| un| la| el| su)? {_ES_WEAPON}\b",
    rf"\bme (amenaza|amenazan|esta amenazando|estan amenazando|tiene amenazad[ao]|apunta|apuntan)"
    rf" con( una| un| la| el| su)? {_ES_WEAPON}\b",
    rf"{_ES_NOT_PAST}\bme (puso|pone|esta poniendo|tiene) (el|la|un|una|su) {_ES_WEAPON} en (el|la|mi) (cuello"
    rf"|cabeza|pecho|garganta|cara|espalda)\b",
    # Being attacked now, or just now (not "me esta arrastrando a la corte", nor the baby kicking).
    r"(?<!bebe )(?<!baby )\b(me|nos) (esta|estan) (pegando|golpeando|ahorcando|estrangulando|apunalando|acuchillando"
    r"|disparando|lastimando|violando|matando|atacando|pateando|arrastrando|jalando|empujando|apuntando)\b"
    r"(?! (a|en) (la )?corte\b)",
    rf"\b((le|les) )?(esta|estan) (pegando|golpeando|ahorcando|estrangulando|apunalando|disparando|lastimando"
    rf"|violando|atacando|pateando) a {_ES_FAMILY}\b",
    rf"{_ES_NOT_PAST}\bme (tiene|tienen|esta|agarro|agarra|esta agarrando) (agarrad[ao] )?(del|por el) (cuello|pelo"
    rf"|cabello)\b",
    r"\bacaban? de (apunalarme|dispararme|golpearme|pegarme|balearme|acuchillarme)\b"
    r"|\bme acaban? de (apunalar|disparar|balear|golpear|pegar|acuchillar|atacar)\b",
    r"\bestoy sangrando\b|\bno puedo respirar\b",
    # Shooting at or near the house.
    r"\b(esta|estan|anda|andan) (disparando|balaceando|dando balazos|dando de balazos|echando balazos|echando bala"
    r"|tirando balazos|tirando tiros)\b",
    rf"{_ES_NOT_PAST}\b(disparan|dispararon|disparando|balacean|balacearon|balaceando)( a| contra| hacia)? (mi|la"
    rf"|nuestra) (casa|puerta|ventana|carro|departamento|apartamento|traila)\b",
    rf"{_ES_NOT_PAST}\b(se oyen|se escuchan|oigo|escucho|estoy oyendo|estoy escuchando|hay) (una )?(balazos|disparos"
    rf"|tiros|balacera)\b",
    # Someone getting in, inside, at the door, or still there.
    r"\b(esta|estan) (rompiendo|tumbando|pateando|golpeando|forzando) (la|mi) (puerta|ventana)\b",
    r"\b(tratando de|trata de|tratan de|intentando|intenta|intentan|quiere|quieren) (abrir|tumbar|romper|forzar)"
    r" (la|mi) (puerta|ventana)\b|\b(tratando de|intentando) (entrar|meterse)\b(?! a (mi|su) (cuenta|correo|cel|celular"
    r"|telefono|compu|email|facebook|instagram)\b)",
    rf"{_ES_NOT_PAST}\b(se esta metiendo|se estan metiendo|esta entrando a la fuerza|se metio|se metieron) (a|en)"
    rf" (la|mi|nuestra) (casa|departamento|apartamento|depa|cuarto|traila)\b|\b(entrando|entrar|meterse) a la fuerza\b",
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
    rf"{_ES_NOT_PAST}\bme secuestr\w+",
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
    "en": {DANGER: [re.compile(p) for p in _DANGER_PATTERNS], SELF_HARM: [re.compile(p) for p in _SELF_HARM_PATTERNS]},
    "es": {
        DANGER: [re.compile(p) for p in _ES_DANGER_PATTERNS],
        SELF_HARM: [re.compile(p) for p in _ES_SELF_HARM_PATTERNS],
    },
}

# "me cortó" (he cut me) and "me corto" (I cut myself) differ only by the accent that normalising drops: where the
# writer typed it, the act is someone else's, and it is read as "me cortaron" (someone cut me).
_ES_DONE_TO_ME = re.compile(r"\bme (cort|lastim|quem|ahorc|tir|avent)ó\b")


def normalise(text: str, stretch: int = 2) -> str:
    """Lower-case ASCII words: no accents, apostrophes or number-letters ("k1ll"), and letters
    repeated three times or more cut to `stretch` ("killlll" -> "kill", or "dieee" -> "die").
    An accented Spanish "me cortó" (done by someone else) becomes "me cortaron" first."""
    text = _ES_DONE_TO_ME.sub(r"me \1aron", unicodedata.normalize("NFC", text).lower())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("'", "").replace("\u2019", "")
    text = re.sub(r"(?<=[a-z])[013@$4](?=[a-z])", lambda m: m.group(0).translate(_LEET), text)
    text = re.sub(r"([a-z])\1{2,}", lambda m: m.group(1) * stretch, text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


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


def _matches(text: str) -> dict[str, set[str]]:
    """language -> the kinds of crisis its patterns found in the text."""
    if not text:
        return {}
    forms = {normalise(text, 2), normalise(text, 1)}
    return {
        lang: {kind for kind, patterns in by_kind.items() if any(p.search(f) for p in patterns for f in forms)}
        for lang, by_kind in _PATTERNS.items()
    }
