"""Whether a message asks about money: bills, costs, paying, insurance, lost wages. Whatever topic
the message is about ("ambulance bills", "who pays for my daughter's therapy"), crime victim
compensation may pay, so the answer names it too (actions/resources.AnswerTopic, issue 13).

Words of the kind, read lower case without accents; each pattern is a bounded alternation,
linear in the message. Spanish "seguro" (also "safe", "sure") and "cuenta" ("darse cuenta") are
left out.
"""

import re

from bot.text import without_marks

_MONEY = re.compile(
    r"\b(bills?|pay|pays|paying|paid|afford|cost|costs|costly|expenses?|insurance|reimburs\w*|money|wages?"
    r"|owe|debts?|collections|cuentas|pagar|paga|pagan|pagamos|pago|pagos|costos?|gastos?|reembols\w*|dinero"
    r"|deudas?|cobranza|salario|sueldo)\b"
)


def asks_about_money(text: str) -> bool:
    return bool(_MONEY.search(without_marks(text.lower())))
