"""The built-in lexicons and the word lists the grammar needs (negators, prepositions, question words).

Kinds of phrase:

- `complaint`: a complaint about the brand (also those with no negative word: "llevo tres días sin internet").
- `complaint_soft`: a complaint only when the mention is not a plain question ("¿cuánto cobra el roaming?").
- `sarcasm`: praise that is a complaint ("gracias por nada", "thanks for nothing").
- `churn`: intent to leave on its own ("me doy de baja", "cancel my contract").
- `churn_weak`: a move verb that is churn only when a brand, a competitor or "another carrier" follows it.
- `shopping`: looking around ("mirando", "weighing up"); churn only when "other carriers" follows it.
- `other_provider`: an unnamed competitor ("otra compañía", "another carrier").
- `legal`, `safety`: the legal and safety vocabularies (safety: health, injury, fire, fraud, data breach).
- `device` + `device_state`, `cable` + `cable_state`: safety described as a thing and its state, near each other
  in one sentence ("la batería … se ha abombado", "cables dangling"); neither is safety alone.
- `harm` + `body`: an injury told as a harm and the part of the body it hit, harm first, within a few words
  ("se ha quemado la mano", "a blister on his leg", "broke her wrist"); `body` is looked up only for a harm.
- `disclaim`: the author says the brand had no part in it ("nada que ver con Movilia", "nothing to do with
  Movilia"): a safety word in such a mention is not ours.
- `lifeline`: a service someone's safety hangs on (teleasistencia, a personal alarm): safety when it fails.
- `failure` + `service`: a service failing without a negative word ("the app logs me out", "se me va la fibra").
- `widespread`: the problem covers an area ("across", "en toda"): one more complaint phrase, never one alone.
- `sim`: a SIM or chip; named with a competitor ("la SIM de Vozzia", "my Vozzia SIM") in a sentence where it
  arrives or is switched on, it is churn to that competitor ("me llega mañana la SIM de Vozzia").
- `arrival`: words after a name that mean going there ("Vozzia, here I come", "allá voy").
- `report`: a ranking or a survey: a regulator or a consumer body quoted in one is not a legal threat.
- `media_lead`: "escribo para", "writing for": media when an outlet word (`media_author`) follows.
- `media_problem`: what a reporter's story is after when it is a problem ("afectados", "customers who were
  affected", "testimonios"): a story with one of these is a story about a problem.
- `media`: a journalist or an outlet speaking ("para un reportaje", "request for comment").
- `media_author`: words in an author's name that mark an outlet or a journalist.
- `executive_title`: someone asks for an executive ("el CEO", "your manager").
- `ask_alternative`: a competitor's customer asks where to go (a poaching opportunity).
- `comparison`: the competitor does better ("gratis", "cheaper"); counts when a competitor is named.
- `praise`: thanks and praise; a soft complaint word in praise is not a complaint ("roaming worked perfectly").
- `business`: kinds of business ("muebles", "autoescuela", "physio", "coffee"): a brand name right next to one
  names another business that shares the name ("Muebles Movilia", "Movilia Coffee Roasters"); ignored.
- `spam`: giveaways, crypto, "link in bio"; a spam mention is ignored.
- Generic severe-harm markers, kind-free (tuning 7; see `bot.rules.signals._generic_harm`): `money_loss` (a verb
  of money lost or taken, counted with an amount and its currency nearby: "me sacaron 600 €", "$11k gone"),
  `harm_body` (a body hurt or a medical emergency: urgencias, A&E, "fell", "on the floor for hours"),
  `harm_emergency` (an emergency number, alert or service: 112, 999, bomberos, teleasistencia), `vulnerable` (a
  child, an elderly parent, patients, a school; counted with a `danger` word or another harm), `others_data` (data
  of "otra persona", "someone else's"; counted with a `private` data word), `impostor` (people in the brand's vests,
  fake technicians, SMS from the brand's sender; counted with an `impostor_act`: theft, a card, a PIN).
- `shield`: false friends that hide the phrases inside them ("consumo de datos", "is fire", "no me quejo").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from bot.rules.inflect import expand
from bot.rules.lexicon_en import ENGLISH
from bot.rules.lexicon_es import SPANISH

__all__ = [
    "ACQUIRE_VERBS",
    "CONDITIONALS",
    "CONTEXT_KINDS",
    "FROM_WORDS",
    "HEARSAY",
    "NEGATORS",
    "QUESTION_STARTS",
    "TO_WORDS",
    "WITH_WORDS",
    "Kind",
    "builtin_lexicon",
    "parse_lexicon",
]


# Kinds looked up only when another signal asks for them (a failure asks for the service near it, a state for the
# thing in that state, a legal word for a report around it, other carriers for someone looking at them): they are
# common words ("app", "línea", "battery"), so they are kept out of the one pass every mention gets.
CONTEXT_KINDS: tuple[str, ...] = (
    *("service", "device", "cable", "report", "shopping", "body", "staff", "data"),
    *("vulnerable", "private", "impostor_act"),
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _starts(text: str) -> tuple[str, ...]:
    """Word starts separated by "|" (a start may hold a space: "took out")."""
    return tuple(text.split("|"))


class Kind(StrEnum):
    COMPLAINT = "complaint"
    COMPLAINT_SOFT = "complaint_soft"
    SARCASM = "sarcasm"
    CHURN = "churn"
    CHURN_WEAK = "churn_weak"
    OTHER_PROVIDER = "other_provider"
    LEGAL = "legal"
    SAFETY = "safety"
    MEDIA = "media"
    MEDIA_AUTHOR = "media_author"
    EXECUTIVE_TITLE = "executive_title"
    ASK_ALTERNATIVE = "ask_alternative"
    COMPARISON = "comparison"
    PRAISE = "praise"
    SPAM = "spam"
    SHIELD = "shield"
    SHOPPING = "shopping"
    DEVICE = "device"
    DEVICE_STATE = "device_state"
    CABLE = "cable"
    CABLE_STATE = "cable_state"
    LIFELINE = "lifeline"
    FAILURE = "failure"
    SERVICE = "service"
    WIDESPREAD = "widespread"
    ARRIVAL = "arrival"
    REPORT = "report"
    MEDIA_LEAD = "media_lead"
    HARM = "harm"
    BODY = "body"
    SIM = "sim"
    DISCLAIM = "disclaim"
    BUSINESS = "business"
    MEDIA_PROBLEM = "media_problem"
    STAFF = "staff"
    STAFF_THREAT = "staff_threat"
    DATA = "data"
    EXPOSED = "exposed"
    FRAUD = "fraud"
    LOSS = "loss"
    TOPIC = "topic"
    MONEY_LOSS = "money_loss"
    HARM_BODY = "harm_body"
    HARM_EMERGENCY = "harm_emergency"
    VULNERABLE = "vulnerable"
    DANGER = "danger"
    OTHERS_DATA = "others_data"
    PRIVATE = "private"
    IMPOSTOR = "impostor"
    IMPOSTOR_ACT = "impostor_act"


NEGATORS = _words(
    "no ni nunca jamas tampoco nadie not never dont don't won't wont cant can't isn't isnt aren't arent "
    "wouldn't wouldnt shouldn't shouldnt didn't didnt doesn't doesnt nah nope neither nor no-one ningun ninguna"
)
# A negator right after these asks for a reason to stay, it does not negate: "one reason not to cancel",
# "dadme una razón para no darme de baja".
RHETORICAL_BEFORE = _words("reason reasons razon razones motivo motivos excuse excusa")
# "dicen que me cambie a Vozzia", "people tell me to switch": somebody else's idea, not an intent.
HEARSAY = _words("dice dicen decis recomiendan recomienda aconsejan says say tell tells told telling recommend suggest")
# "si no me lo arreglan me cambio", "fix it or I'm leaving": a condition, not a negation.
CONDITIONALS = _words("si como if unless whether")
TO_WORDS = _words("a al para hacia to for over into con with pa pal 2")  # "me voy pa Vozzia", "moving 2 Vozzia"
ONWARD_WORDS = _words("a al hacia to over into pa pal 2")  # prepositions that end a long "what is moved" gap
# Verbs that carry something somewhere: not churn when what they carry is a person ("taking my mum to …").
CARRY_VERBS = ("tak", "bring", "mov", "llev", "me llev", "nos llev", "pasamos", "pasaremos")
# Verbs that move a service somewhere (word starts): churn only toward a destination ("a", "to") or away from us
# ("away from Movilia", "de Movilia a …"); "portamos las líneas a Vozzia", "transferring my number to Vozzia".
MOVE_VERBS = _starts(
    "port|transfer|traspas|trasl|migr|mov|muev|cambi|swap|shift|me mud|nos mud|pas|me pas|nos pas|se pas"
)
# Verbs that swap one provider for another: "swapped Movilia for Vozzia", "cambié Movilia por Vozzia".
SWAP_VERBS = _starts("swap|cambi|trad|exchang|drop|ditch|dump")
SWAP_WORDS = _words("for por")
# Verbs that take a new provider on: the name right after them is where the customer goes ("he contratado Vozzia",
# "took out a Vozzia contract"), and "de" after them is not leaving ("el contrato de Movilia").
ACQUIRE_VERBS = _starts(
    "contrat|took out|take out|taking out|takes out|taken out|signed up for|me hago client|nos hacemos client|"
    "me he hecho client|nos hemos hecho client|hacerme client|ya soy de|ahora soy de|ya somos de|ahora somos de|"
    "now with|i'm now with|im now with|ya es de|ahora es de|ya son de|ahora son de|ya soy client|"
    "ahora soy client|ya somos client|ahora somos client|ya estoy con|ahora estoy con|ya estamos con|ahora estamos con"
)
# Being somewhere: churn only toward a competitor's shop, and only as a threat, with a day or a condition in the
# sentence ("el sábado estoy en la tienda de Vozzia firmando", "Monday I'm walking into Vozzia").
PRESENCE_VERBS = _starts(
    "estoy en|estamos en|me planto en|nos plantamos en|me presento en|nos presentamos en|voy a estar en|i'm in|"
    "im in|i'll be in|ill be in|i'm at|im at|walk into|walks into|walked into|walking into|head into|heads into|"
    "headed into|heading into"
)
WHEN_WORDS = _words(
    "manana lunes martes miercoles jueves viernes sabado domingo finde semana hora mes tomorrow monday tuesday "
    "wednesday thursday friday saturday sunday weekend morning tonight week month si if or o unless"
)
# What may stand between being somewhere and the competitor ("en la tienda de Vozzia", "in the Vozzia shop").
PLACE_WORDS = _words("the la el a al de del tienda shop store oficina office local una un nearest cercana")
# Words that may follow the competitor's name when being there is a threat ("estoy en Vozzia firmando", "in the
# Vozzia shop on Monday"); anything else names something of theirs ("the Vozzia arena", "Vozzia's home town").
AFTER_PLACE = _words(
    "shop store shops stores tienda firmando contratando signing and y to a para on el la this next "
    "first primero con with at mismo en in por for"
)
SHOP_WORDS = _words("shop store tienda")
# Being at the competitor for work is no threat: "tomorrow I'm at Vozzia for a job interview".
WORK_WORDS = _words(
    "entrevista reunion trabajo trabajar curro interview meeting job work shift turno visita visit cliente client"
)
# Words of a SIM arriving or going live: "me llega la SIM de Vozzia", "my Vozzia SIM arrived", "goes live".
SIM_ARRIVES = _starts(
    "lleg|arriv|land|activ|live|tengo|tng|got|came|come|post|correo|mand|envi|sent|deliver|recib|receiv|instal|"
    "ready|list|puse|put in|in the post"
)
# Someone else moved my number: fraud, not churn ("alguien ha portado mi número", "someone ported my number").
THIRD_PARTY = _words(
    "alguien someone somebody estafador estafadores scammer scammers fraudster fraudsters hacker hackers"
)
# A name followed by one of these is the owner of a thing, not where a customer goes: "left my Movilia phone on the
# bus", "la fibra de Movilia al piso nuevo", "moving my Movilia line to the new flat".
OWNED_THINGS = _words(
    "phone phones mobile handset charger router line lines number numbers account contract sim app box fibre fiber "
    "broadband landline movil telefono cargador linea lineas numero numeros cuenta contrato tarjeta fibra modem "
    "store shop tienda"
)
# The things among them that a customer may leave behind without leaving us: "me dejo el cargador de Movilia".
DEVICES = _words(
    "phone phones mobile handset charger router box sim movil telefono cargador modem tarjeta "
    "shop store tienda oficina office app website web queue cola chat"  # places left: "leaving the Movilia shop"
)
# Right before a competitor, or "customer(s)" right after it: the author is its customer now ("cliente de Vozzia").
CUSTOMER_OF = _words("cliente clienta clientes customer customers user users")
PEOPLE = _words(
    "mum mom mother dad father kid kids son daughter wife husband partner friend friends dog cat grandma grandad "
    "nan parents boss madre padre hijo hija hijos hijas mujer marido pareja amigo amiga amigos perro gato abuela "
    "abuelo padres jefe nino nina ninos hermano hermana hermanos brother sister tio tia uncle aunt primo prima "
    "cousin novio novia boyfriend girlfriend vecino vecina neighbour neighbor abuelos grandparents"
)
# What is moved in a long gap ("all three household lines"): a long gap counts only when it names one of these.
SERVICE_OBJECTS = _words(
    "line lines number numbers account accounts contract contracts business family plan plans fibre fiber "
    "broadband household office company phones sim sims mobile mobiles landline lines' "
    "linea lineas numero numeros cuenta cuentas contrato contratos empresa familia fibra tarifa movil moviles "
    "fijo negocio oficina todos todas casa"
)
# Words that start a new clause inside a gap ("moving to Leeds because Vozzia …"): the move is not about it.
CLAUSE_WORDS = _words("but pero because porque so while mientras that where donde when cuando if si que")
# A negator followed by these does not negate: "no idea why I'm still with Movilia", "no wonder I'm leaving".
NOT_NEGATING_NEXT = _words("idea clue wonder")
WITH_WORDS = _words("con with")
FROM_WORDS = _words("de del desde from of d")  # "d": "la sim d vozzia"
QUESTION_STARTS = _words(
    "como cuando donde que cual cuales cuanto cuanta cuantos cuantas quien quienes puedo podeis hay se "
    "how when where what which who whom whose can could does do is are will would should may any"
)

_LANGUAGES = {"es": SPANISH, "en": ENGLISH}


def parse_lexicon(text: str) -> dict[Kind, list[str]]:
    """`kind: phrase, phrase` lines; indented lines continue the kind above."""
    merged: dict[str, str] = {}
    current = ""
    for line in text.splitlines():
        if not line.strip():
            continue
        if line[0].isspace():
            merged[current] += " " + line.strip()
            continue
        current, _, rest = line.partition(":")
        merged[current] = rest
    return {Kind(k): [" ".join(p.split()) for p in v.split(",") if p.strip()] for k, v in merged.items()}


def _expanded(phrases: Iterable[str], languages: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(form for phrase in phrases for lang in languages for form in expand(phrase, lang)))


def builtin_lexicon(
    languages: Iterable[str],
    *,
    extend: Mapping[Kind, Iterable[str]] | None = None,
    remove: Mapping[Kind, Iterable[str]] | None = None,
) -> dict[Kind, list[str]]:
    """The lexicon for these languages, with a playbook's additions and removals applied; `verb~` words are
    inflected (a playbook's additions in each of the languages)."""
    out: dict[Kind, list[str]] = {kind: [] for kind in Kind}
    languages = [lang for lang in languages if lang in _LANGUAGES]
    for language in languages:
        for kind, phrases in parse_lexicon(_LANGUAGES[language]).items():
            out[kind].extend(_expanded(phrases, [language]))
    for kind, more in (extend or {}).items():
        out[kind].extend(_expanded(more, languages))
    for kind, less in (remove or {}).items():
        gone = {p.casefold() for p in less}
        out[kind] = [p for p in out[kind] if p.casefold() not in gone]
    return out
