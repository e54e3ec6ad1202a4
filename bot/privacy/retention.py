"""The retention schedule, read from bot/retention.yml (RETENTION_FILE names another)."""

import datetime as dt
from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from bot import db
from bot.settings import ROOT, setting

CONFIG = ROOT / "bot" / "retention.yml"


@dataclass(frozen=True)
class Retention:
    conversation_days: int
    handoff_days: int
    text_id_days: int
    sent_text_days: int
    contact_days: int
    sign_in_failure_days: int
    audit_days: int

    @classmethod
    def load(cls, path: Path | None = None) -> "Retention":
        """Every period must be given, as a whole number of days of at least 1: a missing or
        zero period is a mistake to refuse, not a reason to keep data forever or none at all."""
        path = path or Path(setting("RETENTION_FILE") or CONFIG)
        raw = yaml.safe_load(path.read_text()) or {}
        names = [f.name for f in fields(cls)]
        unknown = sorted(set(raw) - set(names))
        if unknown:
            raise ValueError(f"{path.name}: unknown setting {', '.join(unknown)}")
        for name in names:
            if not isinstance(raw.get(name), int) or isinstance(raw.get(name), bool) or raw[name] < 1:
                raise ValueError(f"{path.name}: {name} must be a whole number of days, at least 1")
        return cls(**{name: raw[name] for name in names})

    def cutoff(self, name: str, at: dt.datetime) -> dt.datetime:
        """The naive UTC time before which what `name` keeps is due to go (the tables' form)."""
        return db.naive(at) - dt.timedelta(days=getattr(self, name))
