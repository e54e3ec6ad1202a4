"""SQL tables of the resource directory. The YAML files in data/resources (national and state
entries) and data/jurisdictions (each community's partners) are the source of truth; these tables
are rebuilt from them by bot.directory.loader and read by the actions."""

from sqlalchemy import JSON, Boolean, Column, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Jurisdiction(Base):
    """A county, city, tribal nation or judicial district whose agency keeps a partner list."""

    __tablename__ = "directory_jurisdictions"

    id = Column(String(80), primary_key=True)
    name = Column(String(200), nullable=False)
    kind = Column(String(20), nullable=False)  # county | city | tribal_nation | judicial_district
    state = Column(String(2), nullable=False, index=True)
    counties = Column(JSON, nullable=False)  # county names without "County", as the ZIP data names them


class Resource(Base):
    __tablename__ = "directory_resources"

    id = Column(String(80), primary_key=True)
    name = Column(String(200), nullable=False)
    state = Column(String(2), index=True)  # None for national services
    # A jurisdiction's partner: its jurisdiction, role (bot.directory.jurisdictions.ROLES), whether
    # contacting it involves the justice system, how it takes referrals, its public office address.
    jurisdiction_id = Column(String(80), ForeignKey("directory_jurisdictions.id"), index=True)
    role = Column(String(40))
    justice_system = Column(Boolean, nullable=False, default=False)
    referrals = Column(JSON)
    address = Column(String(300))
    jurisdiction = relationship("Jurisdiction", lazy="selectin")
    description = Column(JSON, nullable=False)  # {"en": "..."}
    phone = Column(String(20))  # E.164
    short_number = Column(String(6))
    text_number = Column(String(20))  # E.164 or an SMS short code
    text_keyword = Column(String(40))
    chat_url = Column(String(300))
    website = Column(String(300))
    hours = Column(String(80))  # "24/7" or "mon-fri 08:00-17:00 America/Chicago"
    languages = Column(JSON, nullable=False)
    cost = Column(String(20), nullable=False)
    confidential = Column(Boolean, nullable=False)
    police_report_required = Column(Boolean, nullable=False)
    police_report_within = Column(JSON)
    police_report_note = Column(JSON)
    filing_limit = Column(JSON)
    priority = Column(Integer, nullable=False)
    source_url = Column(String(400))
    source_checked = Column(Date)
    source_verified = Column(Boolean, nullable=False)
    source_note = Column(Text)
    active = Column(Boolean, nullable=False)

    categories = relationship(
        "ResourceCategory", cascade="all, delete-orphan", lazy="selectin", order_by="ResourceCategory.position"
    )

    @property
    def category_names(self) -> list[str]:
        return [c.category for c in self.categories]


class ResourceCategory(Base):
    __tablename__ = "directory_resource_categories"

    resource_id = Column(String(80), ForeignKey("directory_resources.id", ondelete="CASCADE"), primary_key=True)
    category = Column(String(40), primary_key=True, index=True)
    position = Column(Integer, nullable=False)
