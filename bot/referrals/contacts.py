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


@dataclass(frozen=True)
class Contact:
    email: str
    language: str


def load() -> dict[str, Contact]:
    """partner id -> where its notice goes and the language of its referral page."""
    path = Path(settings.setting("REFERRAL_PARTNERS_FILE") or DEFAULT_FILE)
    raw = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("partners") or {}
    return {pid: Contact(str(c["email"]), str(c.get("language") or "en")) for pid, c in raw.items()}


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
