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
    r"\bpills\b.*\btake (them|it) all\b|\btake (them|it) all\b.*\bpills\b",
    r"\bjump (off|from|in front of) (a|the|my)\b",
    r"\bcant (go on|do this anymore|take it anymore|keep going)\b",
    r"\b(life|living) (isnt|is not|aint) worth\b|\bnot worth living\b",
    r"\b(goodbye|bye) (forever|cruel world)\b|\bthis is my goodbye\b",
]

# Spanish, as people text it (the text is already without accents: "está" reads "esta").
_ES_HARM = r"(matar|pegar|golpear|lastimar|disparar|apunalar|ahorcar|estrangular|secuestrar|violar)"
_DANGER_PATTERNS += [
    rf"\b(me|nos) (quiere|quieren|va a|van a|iba a|iban a|viene a|vienen a|intenta|intentan|trata de|tratan de"
    rf"|amenazo con|amenaza con|amenazaron con) {_ES_HARM}\b",
    r"\b(va|van|iba|iban) a matarme\b|\b(amenazo|amenazaron|amenaza) con matarme\b",
    r"\b(tiene|trae|saco|saca|tienen|traen|con) (una |un |la |el |su )?(pistola|arma|cuchillo|navaja|rifle|escopeta"
    r"|machete)\b",
    r"\b(me|nos) (esta|estan) (pegando|golpeando|ahorcando|estrangulando|apunalando|disparando|lastimando|violando"
    r"|matando|atacando)\b",
    r"\bacaban? de (apunalarme|dispararme|golpearme|pegarme|balearme)\b|\bme acaban? de (apunalar|disparar|balear)\b",
    r"\bestoy sangrando\b|\bno puedo respirar\b",
    r"\b(esta|estan) (afuera|fuera|enfrente) de (mi|la|nuestra) "
    r"(casa|puerta|ventana|departamento|apartamento|trabajo)\b",
    r"\b(el|ella|ellos|mi ex|alguien) (esta|estan) (aqui|adentro|en la casa|en mi casa)\b",
    r"\b(esta|estan) (rompiendo|tumbando|pateando|golpeando|forzando) (la|mi) (puerta|ventana)\b",
    r"\b(se esta metiendo|se estan metiendo|esta entrando a la fuerza|se metio|se metieron) (a|en) (la|mi) (casa"
    r"|departamento|apartamento)\b",
    r"\bestoy escondid[ao]\b|\bno me (deja|dejan) salir\b|\bme (tiene|tienen) encerrad[ao]\b|\bme secuestr\w+",
    r"(?<!no )(?<!que )\bllamen (al 911|a la policia)\b|\bmanden (ayuda|a la policia)\b",
    r"\bestoy en peligro\b|\bmiedo por mi vida\b|\bme (esta|estan) siguiendo\b|\b(viene|vienen) (para aca|por mi)\b",
]
_SELF_HARM_PATTERNS += [
    r"\b(me quiero|me voy a|me vaya a) (matar|morir)\b|\bquiero (morir|morirme|matarme|suicidarme)\b",
    r"\b(quitar|quitarme) la vida\b|\bpensando en (matarme|suicidarme|morirme)\b",
    r"\b(no|ya no) quiero (vivir|seguir viviendo|despertar)\b|\bno vale la pena vivir\b",
    r"\bme (corto|estoy cortando|hago dano)\b|\b(hacerme dano|lastimarme)\b",
    r"\btodas las pastillas\b|\bsobredosis\b|\btirarme (del|de un|de una) (puente|edificio)\b",
    r"\b(quisiera|ojala|quiero) estar muert[ao]\b|\bmejor sin mi\b|\bno aguanto mas\b",
]

_DANGER_RE = [re.compile(p) for p in _DANGER_PATTERNS]
_SELF_HARM_RE = [re.compile(p) for p in _SELF_HARM_PATTERNS]


def normalise(text: str, stretch: int = 2) -> str:
    """Lower-case ASCII words: no accents, apostrophes or number-letters ("k1ll"), and letters
    repeated three times or more cut to `stretch` ("killlll" -> "kill", or "dieee" -> "die")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("'", "").replace("\u2019", "")
    text = re.sub(r"(?<=[a-z])[013@$4](?=[a-z])", lambda m: m.group(0).translate(_LEET), text)
    text = re.sub(r"([a-z])\1{2,}", lambda m: m.group(1) * stretch, text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def detect(text: str) -> list[str]:
    """The crises a message shows, most urgent first: [], [DANGER], [SELF_HARM] or both."""
    if not text:
        return []
    forms = {normalise(text, 2), normalise(text, 1)}
    found = []
    for kind, patterns in ((DANGER, _DANGER_RE), (SELF_HARM, _SELF_HARM_RE)):
        if any(p.search(form) for p in patterns for form in forms):
            found.append(kind)
    return found
