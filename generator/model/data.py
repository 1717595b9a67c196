"""Typed models: what the YAML library holds, and the one resolved job description.

Library models mirror the YAML files field for field (see docs in README, "Data
model"). `JobDescription` is the single object every renderer reads, which is what
keeps DOCX, PDF, HTML, Markdown and JSON from ever disagreeing.
"""

from __future__ import annotations

from dataclasses import asdict, field
from typing import Annotated, Literal

from ..core.record import record
from .base import Bound, IsoDate, Origin
from .places import CountryCode

Emphasis = Literal["high", "medium", "low"]

# Bounds that several models declare (see Bound): what a value may be beyond its type.
MAX_PAY = 100_000_000_000  # whole currency units: past any salary, within what Babel formats exactly
Pay = Annotated[
    int,
    Bound(
        minimum=1,
        maximum=MAX_PAY,
        fix="write the amount in whole currency units, digits only, e.g. 85000",
    ),
]
MAX_POSTING_DAYS = 366  # a posting that stays open longer than a year is almost always a typo
PostingDays = Annotated[
    int,
    Bound(
        minimum=1,
        maximum=MAX_POSTING_DAYS,
        fix="write how many days after the revision date the posting closes, for example 60",
    ),
]
WebAddress = Annotated[
    str,
    Bound(
        # a host name (IDNs as punycode), a port that exists, then no space or direction mark
        pattern=r"^https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?"
        r"(?::(?:[1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d{2}|655[0-2]\d|6553[0-5]))?"
        r"(?:[/?#][^\s\u200e\u200f\u202a-\u202e\u2066-\u2069]*)?$",
        format="uri",
        what="a web address starting with https:// or http://",
        fix="write the full address, e.g. https://example.com",
    ),
]
Word = Annotated[
    str,
    Bound(pattern=r"\w", what="a word", fix="write a word or phrase, or remove the item"),
]
NON_EMPTY = Bound(min_items=1)
CHANGES = Bound(max_items=200)  # lines a file adds, removes or replaces: as many as the studio takes
# A company's own id (`id: acme-uk`): the name of its output folder, in place of the one
# its file name gives (two profiles named acme.yaml in two folders need one each).
CompanyId = Annotated[
    str,
    Bound(
        pattern=r"^[a-z0-9][a-z0-9-]{0,62}$",
        what="a company id (lower-case letters, digits and '-', at most 63)",
        fix="write a short id such as acme-uk",
    ),
]


# A document language by code (locales.yaml `languages:` lists those there are).
LanguageCode = Annotated[
    str,
    Bound(pattern=r"^[a-z]{2}$", what="a two-letter language code", fix="write en or de"),
]


@record(frozen=True)
class CompanyText:
    """A profile's own words in another language (`translations: {de: {...}}`): each field
    given replaces the profile's in documents in that language; names, codes and numbers
    are the same in every language, so they are not here."""

    about: str | None = None
    industry_description: str | None = None
    size: str | None = None
    location: str | None = None
    values: tuple[str, ...] | None = None
    benefits: tuple[str, ...] | None = None
    apply: str | None = None
    eeo: str | None = None
    working_hours: str | dict[str, str] | None = None
    probation: str | None = None
    work_arrangement: str | dict[str, str] | None = None
    interim_terms: str | None = None
    sites: str | None = None


@record(frozen=True)
class AddStatement:
    """A statement of one's own, added to one of the role's blocks."""

    block: str
    text: str
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True)
class ReplaceStatement:
    """A statement, by its ref (BLOCK/SLUG), worded differently."""

    ref: str
    text: str
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True)
class StatementChanges:
    """Statements added to a block, removed or replaced by ref, without copying the rest."""

    add: Annotated[tuple[AddStatement, ...], CHANGES] = ()
    remove: Annotated[tuple[str, ...], CHANGES] = ()  # refs, BLOCK/SLUG
    replace: Annotated[tuple[ReplaceStatement, ...], CHANGES] = ()


@record(frozen=True)
class Branding:
    """A document's branding (JobDescription.meta.theme), resolved to absolute paths:
    renderers read the files."""

    logo: str | None = None
    accent: str | None = None
    font: str | None = None
    docx_reference: str | None = None


# An external posting is an advert of 300-700 words: it leads with a few statements
# from the role's main areas and the most important qualifications.
HIGHLIGHTS_PER_BLOCK = 2
MAX_HIGHLIGHTS = 6
MAX_HIGHLIGHTS_WITH_MANDATE = 4  # an interim mandate's success list says the rest
POSTING_MAX_QUALIFICATIONS = 5

# A job description lists 8 to 12 essential duties, grouped by area: each area gets one,
# then the main areas one more in turn (each pass names the emphases that get one), up to
# MAX_DUTIES. What does not fit stays in the block library.
MAX_DUTIES = 12
DUTY_PASSES: tuple[tuple[str, ...], ...] = (
    ("high", "medium", "low"),
    ("high",),
    ("high", "medium"),
    ("high",),
    ("high", "medium", "low"),
    ("high", "medium", "low"),
)


# --- the library ------------------------------------------------------------------


@record(frozen=True, eq=False, repr=False)
class TextItem:
    """A list item in its mapping form: `{text: ..., industries: [software], ref: slug}`.
    It fits only the industries named (none: every industry); a plain string in the same
    list fits every industry (industry.py picks them). `ref` names a statement for
    tailoring instead of the slug of its first words (refs.py)."""

    text: str
    industries: tuple[str, ...] = ()
    ref: str | None = None
    origin: Origin | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return self.text


# A list of library text: each item a plain string or an industry-marked TextItem.
Texts = tuple[str | TextItem, ...]


@record(frozen=True, eq=False, repr=False)
class Industry:
    """One industry library text is written for: its id, label, and the other names a
    profile may call it by (`industry: Health care`)."""

    id: str
    label: str
    names: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()  # "NAICS 52", "NAICS 48-49", "ISIC K": a code inside one picks it
    own_words: tuple[str, ...] = ()  # wording no other industry's documents may carry
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True, eq=False, repr=False)
class IndustriesFile:
    industries: Annotated[tuple[Industry, ...], NON_EMPTY]


#
# Library (and batch) models are loaded, read and passed around, never compared by
# value or printed, so they leave out dataclasses' generated __eq__, __hash__ and
# __repr__ (eq=False, repr=False: equality and hashing are by identity). Each generated
# method is compiled with exec when this module is imported, about 1 M instructions
# apiece, and every `jdgen ROLE` process imports this module. The resolved job
# description below keeps them: tests compare documents by value (compose is pure).


@record(frozen=True, eq=False, repr=False)
class Level:
    """One rung of the seniority ladder (levels.yaml lists them lowest first)."""

    id: str
    label: str
    title_pattern: str
    experience_years: Annotated[int, Bound(minimum=0, maximum=60)]
    scope: str
    decision_rights: str
    budget_scope: str
    people_scope: str
    verbs: Annotated[tuple[str, ...], NON_EMPTY]
    summary: str = ""  # used for any role generated away from its own level
    horizon: str = ""  # how far ahead the level's work looks (compare and ladder)
    qualifications: tuple[str, ...] = ()
    competencies: tuple[str, ...] = ()
    # postings speak to the candidate: the level's second-person opening, team and travel
    posting_summary: str = ""
    team: str = ""
    travel: str = ""
    travel_one_site: str = ""  # the travel line where the company has one site (`sites:` of one)
    nice_to_have: tuple[str, ...] = ()
    # who the top of the ladder reports to where a family names no one (the board)
    reports_to: str = ""
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True, eq=False, repr=False)
class LevelsFile:
    levels: Annotated[tuple[Level, ...], NON_EMPTY]


@record(frozen=True, eq=False, repr=False)
class Family:
    """A job family: its name, and the title and reporting line at each level."""

    id: str
    name: str
    noun: str
    titles: dict[str, str] = field(default_factory=dict)
    reports_to: dict[str, str] = field(default_factory=dict)
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True, eq=False, repr=False)
class FamiliesFile:
    families: Annotated[tuple[Family, ...], NON_EMPTY]


@record(frozen=True, eq=False, repr=False)
class Block:
    """One responsibility area, with statements written for every level."""

    id: str
    title: str
    statements: Annotated[dict[str, Texts], NON_EMPTY]
    kpis: Texts = ()
    kpis_by_level: dict[str, Texts] = field(default_factory=dict)  # replaces `kpis` there
    skills: Texts = ()
    # the area's heading in an industry where `title` does not fit ("Vendors and partners"
    # for a software firm's "Supply chain and logistics"), by industry id
    industry_titles: dict[str, str] = field(default_factory=dict)
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True, eq=False, repr=False)
class RoleBlock:
    """A block as one role uses it: order comes from the list, depth from emphasis."""

    id: str
    emphasis: Emphasis = "medium"
    title: str | None = None
    add: Texts = ()
    replace: bool = False  # at the role's own level, use only `add`, not the block's statements
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True, eq=False, repr=False)
class Trigger:
    """One reason an interim mandate exists, with what it changes: the duties that lead
    their areas (`add`, by block id, at the role's own level), and its own success
    measures and hand-over in place of the mandate's."""

    reason: str
    length: str | None = None  # this reason's usual length, in place of the mandate's
    add: dict[str, tuple[str, ...]] = field(default_factory=dict)
    success: tuple[str, ...] = ()
    handover: tuple[str, ...] = ()


@record(frozen=True, eq=False, repr=False)
class Mandate:
    """A time-boxed contract (interim roles): how long, why now, what done means, the exit.

    `triggers` maps an id to one reason the role exists (its text, or a Trigger); a
    document names exactly one (the request's `trigger`, else the first)."""

    length: str
    triggers: Annotated[dict[str, str | Trigger], NON_EMPTY]
    success: Annotated[tuple[str, ...], NON_EMPTY]
    handover: tuple[str, ...] = ()


@record(frozen=True)
class MandateTerms:
    """The mandate as one document states it: its one trigger chosen."""

    length: str
    trigger: str
    success: tuple[str, ...]
    handover: tuple[str, ...]


@record(frozen=True, eq=False, repr=False)
class ScopeOverride:
    """A role whose scope the level's generic wording does not fit (the CEO's, say)."""

    scope: str | None = None
    decision_rights: str | None = None
    budget_scope: str | None = None
    people_scope: str | None = None


OnetCode = Annotated[
    str,
    Bound(
        pattern=r"^\d{2}-\d{4}\.\d{2}$",
        what="an O*NET-SOC code such as 11-1021.00",
        fix="copy the code from O*NET OnLine (onetonline.org), e.g. 11-1021.00",
    ),
]


@record(frozen=True, eq=False, repr=False)
class OnetSoc:
    """The role's occupation in the O*NET-SOC taxonomy (US Department of Labor): its code
    and title, published as JobPosting occupationalCategory."""

    code: OnetCode
    title: str

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


@record(frozen=True, eq=False, repr=False)
class Role:
    """A role in the catalogue; everything level-dependent comes from level and family."""

    id: str
    title: str
    family: str
    default_level: str
    summary: str
    blocks: Annotated[tuple[RoleBlock, ...], NON_EMPTY]
    aliases: tuple[str, ...] = ()
    reports_to: str | None = None
    direct_reports: Texts = ()
    focus: str | None = None
    compare_with: tuple[str, ...] = ()
    qualifications: Texts = ()
    competencies: Texts = ()
    kpis: Texts = ()
    working_relationships: Texts = ()
    posting_summary: str | None = None  # the posting's opening, to the candidate ("You ...")
    team: str | None = None  # the posting's team line at the role's own level
    travel: str | None = None
    nice_to_have: Texts = ()
    industries: tuple[str, ...] = ()  # the role exists only in companies of these industries
    covers: str | None = None  # an interim role stands in this permanent role's place
    mandate: Mandate | None = None
    scope: ScopeOverride | None = None  # replaces the level's scope rows at the role's own level
    horizon: str | None = None  # replaces the level's time horizon at the role's own level
    revised: IsoDate | None = None
    statements: StatementChanges | None = None  # from a role that builds on another
    onet_soc: OnetSoc | None = None  # its O*NET-SOC occupation (job-facts.yaml maps it to an EEO-1 category)
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True, eq=False, repr=False)
class SalaryBand:
    min: Pay
    max: Pay
    origin: Origin | None = field(default=None, compare=False)

    def cross_checks(self):
        return band_checks(self, "company.band")


def band_checks(band, code: str) -> list[tuple[str, str, str, str]]:
    """A pay range's rule between its fields, for SalaryBand and a posting's Salary:
    (code, key, message, fix) for the converter ("" is the range itself)."""
    if band.min <= band.max:
        return []
    return [
        (
            code,
            "",
            f"needs 0 < min <= max (got {band.min}-{band.max})",
            "write the lower figure as min and the higher as max, in whole currency units",
        )
    ]


@record(frozen=True, eq=False, repr=False)
class PreferredWord:
    use: Word
    instead_of: Annotated[tuple[Word, ...], NON_EMPTY]


@record(frozen=True, eq=False, repr=False)
class CheckSettings:
    """`jdgen check` settings for one company's documents, as in .jdgen-check.yaml."""

    fail_on: Literal["error", "warning", "info"] | None = None
    rules: dict[str, bool | Literal["off", "error", "warning", "info"]] = field(default_factory=dict)
    banned: tuple[Word, ...] = ()
    preferred: tuple[PreferredWord, ...] = ()


# schema.org JobPosting employmentType values (Google for Jobs reads these).
EmploymentType = Literal[
    "FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"
]


@record(frozen=True, eq=False, repr=False)
class Address:
    """The workplace's postal address, for a posting's JobPosting data (schema.org PostalAddress)."""

    street: str
    locality: str  # the city or town
    postal_code: str
    region: str | None = None  # state, province or county, where the country uses one
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True, eq=False, repr=False)
class Theme:
    """A company's branding. Paths are relative to the workspace (or the profile's folder)."""

    logo: str | None = None  # SVG or PNG: in the PDF, HTML and DOCX header
    accent: str | None = None  # "#0b6e4f": headings, rules and links
    font: str | None = None  # an installed font family (fc-list)
    docx_reference: str | None = None  # a .docx whose styles every DOCX uses (as pandoc --reference-doc)
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True, eq=False, repr=False)
class Site:
    """One of the company's sites (`sites:` as a list): a site-level document names only its own."""

    name: str  # "Dayton plant"
    location: str | None = None  # "Dayton, Ohio": matched against a posting's or batch entry's location
    head_office: bool = False
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True, eq=False, repr=False)
class Company:
    """A company profile: user-supplied text, always treated as data."""

    name: str
    # Everything else is optional: a missing section is left out of the documents, never
    # invented. `country` decides the paper size and the laws the warnings speak of.
    about: str | None = None
    # the business in the user's words: an industry's id or one of its names picks the library
    # text that fits; other words give the industry-neutral text (library.industry.resolve)
    industry: str | None = None
    size: str | None = None
    location: str | None = None
    country: CountryCode | None = None
    currency: str | None = None  # needed with salary_bands
    eeo: str | None = None  # the profile's own statement; else equality.yaml's for the country
    # a US federal contractor's statement also names protected veterans and disability
    eeo_variant: Literal["federal-contractor"] | None = None
    values: tuple[str, ...] = ()
    benefits: tuple[str, ...] = ()
    salary_bands: dict[str, SalaryBand] = field(default_factory=dict)
    day_rates: dict[str, SalaryBand] = field(default_factory=dict)  # interim contracts, per day
    # A role's own pay band at its own level, by role id: the CEO's lies above the executive
    # band of the chiefs who report to the CEO, so pay rises along every reporting line.
    role_bands: dict[str, SalaryBand] = field(default_factory=dict)
    industry_description: str | None = None  # printed instead of the industry's label
    # the legal form as people write it (GmbH, Inc., credit union; governance.yaml lists them):
    # with the country it decides who the chief executive answers to and how the text names them
    legal_form: str | None = None
    oversight: Literal["supervisory-board", "advisory-board"] | None = None  # a GmbH's, where it has one
    # "40 hours a week": an EU job description's working time; one text, or texts by role or
    # level id with a `default` (an executive's "trust-based working time"), as work_arrangement
    working_hours: str | dict[str, str] | None = None
    # the usual contract, for postings: permanent or fixed-term, and the probation period
    contract_term: Literal["permanent", "fixed-term"] | None = None
    probation: str | None = None  # "6 months"
    works_council: bool | None = None  # false: no works council, although the country's law provides one
    # where the company works, for a posting's "where you will work": one text, or a list of
    # sites (each a name or {name, location, head_office}), so a site-level document names its own
    sites: str | tuple[str | Site, ...] | None = None
    # on-site, hybrid or remote, in the company's words: one text, or texts by role or level
    # id with a `default` ({default: ..., executive: ..., coo: ...}; the role's id wins)
    work_arrangement: str | dict[str, str] | None = None
    interim_terms: str | None = None  # what an interim contract offers instead of employee benefits
    # how an interim role is engaged: a contract for services paid by the day (through an
    # interim provider or direct), or fixed-term employment paid from the salary bands
    interim_engagement: Literal["services", "fixed-term"] = "services"
    apply: str | None = None
    website: WebAddress | None = None
    revised: IsoDate | None = None  # the documents' revision date
    check: CheckSettings | None = None  # `jdgen check` settings for this company's documents
    # JobPosting structured data (--format jsonld); each is optional and only ever used as given
    address: Address | None = None
    employment_type: EmploymentType | tuple[EmploymentType, ...] | None = None
    remote_countries: tuple[CountryCode, ...] = ()  # fully remote: applicants may live in these countries
    # validThrough = the revision date + this many days
    posting_valid_days: PostingDays | None = None
    direct_apply: bool | None = None  # true if applicants can apply on the page the posting is on
    theme: Theme | None = None  # branding: logo, accent colour, font, Word reference document
    # the language the documents are written in unless a run asks for another (--language),
    # and the language of the profile's own words; `translations` gives them in others
    language: LanguageCode | None = None
    translations: dict[LanguageCode, CompanyText] = field(default_factory=dict)
    # what a posting's title carries after it: the company's own gender-inclusive form
    # ("(w/m/d)", "(gn)"), or "" for none; default: its country's practice (locales.yaml)
    title_suffix: (
        Annotated[
            str,
            Bound(pattern=r"^[^\n]{0,20}$", what="a short form such as (w/m/d)", fix="write (w/m/d) or (gn)"),
        ]
        | None
    ) = None
    id: CompanyId = ""  # the output folder's name; default: from the file name (loader.company_id)
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True, eq=False, repr=False)
class GoverningBody:
    """How the documents name the body a company's chief executive answers to
    (governance.yaml): statements use it through the context ({{ company.board }})."""

    board: str  # in a sentence: "the board of directors"
    board_title: str  # as a reporting line: "Board of Directors"
    a_board: str  # any such body, in a requirement: "a board of directors"
    management: str | None = None  # the top management the chiefs belong to (governance.yaml)


@record(frozen=True, eq=False, repr=False)
class Finances:
    """How the documents name whom a company answers to for its money and what its
    results are (governance.yaml): a charity has funders, not investors, and a budget,
    not a P&L. Statements use it through the context ({{ company.owners }})."""

    owners: str  # in a sentence: "investors", "members", "funders and donors"
    pnl: str  # the account an executive owns, after "the": "P&L"
    a_pnl: str  # in a requirement: "a P&L"
    pnl_words: str  # before "responsibility": "profit-and-loss"
    results: str  # the headline measure, before "against plan": "Revenue and profit"
    returns: str  # what the owners look for: "returns", "impact", "dividends"
    clients: str  # whom it serves: "customers"; a credit union's or mutual's "members"


@record(frozen=True, eq=False, repr=False)
class LegalForm:
    """One legal form a profile may name (`legal_form: GmbH`), with its governing body."""

    id: str
    label: str
    body: GoverningBody
    finances: Finances | None = None  # none: governance.yaml's default (a business's)
    names: tuple[str, ...] = ()  # other ways to write it, matched like industries' names
    countries: tuple[CountryCode, ...] = ()  # this wording is for these countries; none: any
    # the body with a supervisory or advisory board (profile: `oversight:`), where the form may have one
    oversight: dict[str, GoverningBody] = field(default_factory=dict)
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True, eq=False, repr=False)
class WorksCouncil:
    """A country whose law gives a works council a say over working time (co-determination)."""

    country: CountryCode
    name: str  # in a sentence: "the works council (Betriebsrat)"
    # the working relationship the executives have with it: "Works council (Betriebsrat): ..."
    relationship: str
    law: str
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True, eq=False, repr=False)
class GovernanceFile:
    default: GoverningBody  # for a profile without a legal form, or one the library does not know
    finances: Finances  # a business's words, for a form without its own
    # who duties that touch staffing and working time are agreed with where no works council has a say
    staff_representatives: str
    legal_forms: Annotated[tuple[LegalForm, ...], NON_EMPTY]
    works_councils: tuple[WorksCouncil, ...] = ()
    works_council_levels: tuple[str, ...] = ()  # levels whose documents name that relationship


@record(frozen=True, eq=False, repr=False)
class Flsa:
    """FLSA status (a US job description): who may be exempt, and the salary-basis test."""

    exempt_levels: tuple[str, ...]
    salary_threshold: int  # USD a year: a band below it cannot be exempt by salary
    exempt: str
    exempt_no_band: str
    non_exempt: str
    below_threshold: str
    contractor: str


@record(frozen=True, eq=False, repr=False)
class Eeo1:
    """EEO-1 Component 1 job categories, by O*NET-SOC major group; managers (11-, and
    first-line supervisors xx-10) by level."""

    senior: str
    managers: str
    senior_levels: tuple[str, ...]
    groups: dict[str, str] = field(default_factory=dict)  # "13": Professionals


@record(frozen=True, eq=False, repr=False)
class Demands:
    """Physical demands or work environment: at a site (the roles in `site_roles`, by
    industry, else `site`) or in an office."""

    office: str
    site: str
    industries: dict[str, str] = field(default_factory=dict)
    office_one_site: str = ""  # the office's, where the company has one site to work at


@record(frozen=True, eq=False, repr=False)
class JobFactsFile:
    """The facts a country's practice expects in a job description (job-facts.yaml)."""

    flsa: Flsa
    eeo1: Eeo1
    physical_demands: Demands
    work_environment: Demands
    site_roles: tuple[str, ...] = ()
    # a document at these levels, or of these roles at any level, works at one site: it names
    # that site (sites: as a list), not every site
    site_levels: tuple[str, ...] = ()
    one_site_roles: tuple[str, ...] = ()
    working_time_countries: tuple[CountryCode, ...] = ()  # EU: Directive (EU) 2019/1152


@record(frozen=True, eq=False, repr=False)
class Locales:
    """Currencies, paper sizes and English variants by country (locales.yaml): data, not
    code. Babel formats the money; these lists say which codes and conventions apply."""

    currencies: tuple[str, ...]
    letter_paper_countries: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    american_english_countries: tuple[str, ...] = ()  # elsewhere library text is respelt (spelling.yaml)
    english_locale_countries: tuple[str, ...] = ()  # money and dates as English there (en_IE)
    # German documents as written there (de-AT, de-CH: Swiss German has no ß); elsewhere de-DE
    german_locale_countries: tuple[str, ...] = ()
    # the languages documents are written in, by code, with their names for messages
    languages: dict[str, str] = field(default_factory=lambda: {"en": "English"})
    # what a posting's title carries after it by local practice: Germany's "(m/w/d)"
    posting_title_suffix: dict[str, str] = field(default_factory=dict)


@record(frozen=True, eq=False, repr=False)
class EqualityStatement:
    """The equal-opportunity statement for one country (equality.yaml), in its law's terms,
    or for a group of countries whose law shares the grounds (the EU's directives)."""

    law: str  # the law whose grounds the statement names
    text: str  # a statement: may use the statement context ({{ company.name }})
    country: CountryCode | None = None
    countries: tuple[CountryCode, ...] = ()  # a fallback for these, where none is the country's own
    variant: Literal["federal-contractor"] | None = None
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True)
class EqualityFile:
    statements: Annotated[tuple[EqualityStatement, ...], NON_EMPTY]


@record(frozen=True)  # hashable: english.py caches one speller per table
class Spelling:
    """American -> British spelling (spelling.yaml): word starts and whole words."""

    stems: dict[str, str] = field(default_factory=dict, hash=False)
    words: dict[str, str] = field(default_factory=dict, hash=False)

    def __hash__(self) -> int:
        return hash((tuple(self.stems.items()), tuple(self.words.items())))


# --- the resolved job description ------------------------------------------------


@record(frozen=True)
class Section:
    id: str
    title: str
    items: tuple[str, ...]


@record(frozen=True)
class Compensation:
    currency: str
    min: int
    max: int
    text: str  # formatted by Babel for the document's locale, e.g. "$180,000 – $220,000"
    period: str = "year"  # year | month | day | hour (an interim contract is paid by the day)


@record(frozen=True)
class Comparison:
    title: str
    text: str


@record(frozen=True)
class PostalAddress:
    """The workplace's address as a document carries it: the profile's, with its country."""

    street: str
    locality: str
    postal_code: str
    region: str | None
    country: str  # ISO 3166 code


@record(frozen=True)
class CompanyInfo:
    name: str
    about: str | None
    industry: str | None
    size: str | None
    location: str | None
    values: tuple[str, ...]
    benefits: tuple[str, ...]
    apply: str | None
    website: str | None
    sites: str | None = None
    work_arrangement: str | None = None
    interim_terms: str | None = None
    address: PostalAddress | None = None
    employment_type: tuple[str, ...] = ()
    remote_countries: tuple[str, ...] = ()
    direct_apply: bool | None = None


@record(frozen=True)
class Meta:
    role_id: str
    role_title: str  # the catalogue role this document was made from (its own title)
    level_id: str
    company_id: str
    country: str  # ISO 3166 code of the company ("" if none): the checker's pay-transparency rules use it
    template: str
    paper: Literal["A4", "Letter"]
    language: str  # en-GB or en-US (english.py), the documents' language tag
    revised: str
    generator: str
    name: str = ""  # the output file name without extension (unique within a company's folder)
    valid_through: str = ""  # the posting's last day (revised + the profile's posting_valid_days)
    wrap: int = 80  # plain text's line width; 0 is not wrapped
    theme: Branding | None = None  # theme.py: made only for a company with a theme
    revised_text: str = ""  # the revision date as the locale writes it (Babel)
    pay_key: str = ""  # the profile key that pays it (salary_bands.X, role_bands.R, day_rates.X)


@record(frozen=True)
class JobDescription:
    """Everything a renderer needs, already resolved: no lookups left to do."""

    title: str
    family: str
    level: str
    summary: str
    reports_to: str
    direct_reports: tuple[str, ...]
    scope: tuple[tuple[str, str], ...]  # (label key, value); labels live in templates
    sections: tuple[Section, ...]
    highlights: tuple[str, ...]  # the few statements an external posting leads with
    kpis: tuple[str, ...]
    qualifications: tuple[str, ...]
    competencies: tuple[str, ...]
    working_relationships: tuple[str, ...]
    comparisons: tuple[Comparison, ...]
    focus: str | None
    mandate: MandateTerms | None
    compensation: Compensation | None
    eeo: str | None
    company: CompanyInfo
    meta: Meta
    # one opening's facts (work arrangement, contract, hours, dates, requisition, hiring
    # manager) as (label key, value) rows, from a posting file; labels live in templates
    facts: tuple[tuple[str, str], ...] = ()
    posting_summary: str = ""  # a posting's opening, written to the candidate
    title_suffix: str = ""  # after a posting's title by local practice: "(m/w/d)" in Germany
    team: str = ""
    travel: str = ""
    nice_to_have: tuple[str, ...] = ()
    occupation: str = ""  # O*NET-SOC code and title: JobPosting occupationalCategory
    sources: tuple[str, ...] = field(default=(), compare=False)  # provenance, never rendered

    @property
    def shown_summary(self) -> str:
        """The summary the document leads with: a posting's opening to the candidate, a
        job description's summary (a posting file's `summary:` sets both)."""
        return self.posting_summary if self.meta.template == "posting" else self.summary

    def to_dict(self) -> dict:
        data = asdict(self)
        data["scope"] = dict(self.scope)
        data["facts"] = dict(self.facts)
        del data["meta"]["theme"]  # presentation, and local file paths: not the document's data
        del data["meta"]["pay_key"]  # where the pay comes from, for warnings: not the document's data
        del data["sources"]
        return data
