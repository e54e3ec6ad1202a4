"""The words the console shows for what the queue stores: an advocate reads "Danger", "Text",
"Spanish" and "not given", never "1", "sms", "es" or "skip" (actions/handoff.py's answer for a
question the person chose not to answer). Every word comes from the catalogs, in the advocate's
language; a language's own name comes from babel's locale data."""

from babel import Locale, UnknownLocaleError

from bot.handoff import queue
from bot.i18n import catalog, languages, render
from bot.location import STATES

SKIP = "skip"
# An icon beside each priority's word and colour, so that neither colour nor icon is the only sign.
ICONS = {queue.DANGER: "⚠", queue.THREAT: "◆", queue.OTHER: "●"}  # in the fonts every system has


def priority(level: int, lang: str) -> dict[str, str]:
    name = queue.PRIORITY_NAMES[level]
    return {"priority": name, "priority_label": render(f"console.priority.{name}", lang), "icon": ICONS[level]}


def channel(name: str, lang: str) -> str:
    """ "Text", "Web chat"; a channel the catalogs do not name yet shows as it is called."""
    key = f"console.channel.{name}"
    return render(key, lang) if key in catalog("en") else name


def language(code: str, lang: str) -> str:
    """A language's name in the advocate's language: "Spanish" in English, "español" in Spanish."""
    try:
        name = Locale.parse(code).get_display_name(lang)
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:] if name else code


def answer(value: object, lang: str) -> str:
    """What the person said, as they said it, or "not given"; yes and no in the advocate's words."""
    text = str(value or "").strip()
    if not text or text == SKIP:
        return render("console.not_given", lang)
    if text in ("yes", "no"):
        return render(f"console.{text}", lang)
    return text


def reason(value: object, lang: str) -> str:
    """Why the request was made (actions/handoff.py's priority_of: crisis, threats, asked)."""
    key = f"console.reason.{value}"
    return render(key, lang) if key in catalog("en") else answer(value, lang)


def preferred_language(value: object, lang: str) -> str:
    """A language the assistant speaks by its name; anything else the person wrote, as written."""
    return language(value, lang) if value in languages() else answer(value, lang)


def state(code: object, lang: str) -> str:
    text = str(code or "")
    return STATES.get(text, answer(text, lang))


def summary(values: dict, lang: str) -> dict[str, str]:
    """The queue's columns of a request's summary: what they need in their own words, whether it
    is safe to text them later, and their state."""
    values = values or {}
    return {
        "need": answer(values.get("help"), lang),
        "safe": answer(values.get("safe_to_text"), lang),
        "state": state(values.get("state"), lang),
    }


# Why a text did not arrive, by Twilio's error code, in words an advocate can act on.
TWILIO_REASONS = {
    "30003": "unreachable",
    "30004": "refused",
    "30005": "unknown_number",
    "30006": "landline",
    "30007": "filtered",
    "30008": "unknown",
}
FAILED_HERE = {"send_failed", "not_connected"}  # the channel could not take it


def delivery(status: str, error: str | None, lang: str) -> dict[str, str]:
    """What became of an outgoing line, as the channel reported it: "Sending", "Sent",
    "Delivered", "Failed", "Blocked" (the person texted STOP) or "Not sent", with the plain reason
    when it did not arrive. Nothing for the lines people and the bot wrote."""
    if status == "received":
        return {"state_key": "", "state": "", "note": ""}
    reason = ""
    if status == "pending":
        key, reason = "sending", render("console.delivery.why.pending", lang)
    elif status == "failed":  # Twilio's report on a text that was sent
        why = TWILIO_REASONS.get(error or "", "other")
        key, reason = "failed", render(f"console.delivery.twilio.{why}", lang, code=error or "?")
    elif status == "blocked":
        key = "blocked" if error == "opted_out" else "failed" if error in FAILED_HERE else "not_sent"
        why = f"console.delivery.why.{error}"
        reason = render(why, lang) if why in catalog("en") else render("console.delivery.why.other", lang, code=error)
    else:
        key = status if status in ("sent", "delivered") else "sent"
    return {"state_key": key, "state": render(f"console.delivery.{key}", lang), "note": reason}
