"""Which partners take referrals from this deployment, and where their notice goes:
REFERRAL_PARTNERS_FILE (default bot/referral_partners.yml).

An intake address is an agreement between the deploying agency and a partner, not public
directory data, so it lives in the deployment's own file rather than in data/jurisdictions. A
partner that is not in the file cannot be chosen in the console.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import settings
from bot.directory.models import Resource
from bot.settings import ROOT

DEFAULT_FILE = ROOT / "bot" / "referral_partners.yml"
LANGUAGES = ("en", "es")


@dataclass(frozen=True)
class Contact:
    email: str
    language: str


def load() -> dict[str, Contact]:
    """partner id -> where its notice goes and the language of its referral page. A file that is
    missing or wrong is a ConfigurationError naming the file and the partner (the console checks
    it as it starts)."""
    path = Path(settings.setting("REFERRAL_PARTNERS_FILE") or DEFAULT_FILE)
    try:
        raw = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("partners") or {}
    except (OSError, yaml.YAMLError, AttributeError) as error:
        raise settings.ConfigurationError(f"{path}: cannot be read as a list of partners ({error})") from error
    found = {}
    for pid, contact in raw.items():
        email, lang = str((contact or {}).get("email") or ""), str((contact or {}).get("language") or "en")
        if "@" not in email or lang not in LANGUAGES:
            raise settings.ConfigurationError(
                f"{path}: partner {pid} needs an email address and a language ({LANGUAGES})"
            )
        found[str(pid)] = Contact(email, lang)
    return found


def referable(session: Session) -> list[dict]:
    """The active directory entries and jurisdiction partners that take referrals, by name."""
    known = load()
    if not known:
        return []
    rows = session.scalars(select(Resource).where(Resource.id.in_(known), Resource.active.is_(True)))
    return sorted(
        (
            {"id": r.id, "name": r.name, "justice_system": bool(r.justice_system), "language": known[r.id].language}
            for r in rows
        ),
        key=lambda p: p["name"],
    )
