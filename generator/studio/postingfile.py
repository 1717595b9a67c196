"""The posting file as the studio reads and writes it (contract 4 of the brief).

TEMPORARY ADAPTER: `generator/posting.py` (issue 11: load_posting, posting_to_yaml, a
Request from a Posting) replaces everything here once it is in main. Until then this
module keeps a draft as a plain dict with the posting file's keys, and applies the
parts the composer does not know yet to the composed document.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import yaml

from ..compose import _compensation, _highlights
from ..errors import JdgenError
from ..models import JobDescription, SalaryBand, Section
from ..yamlsource import load_yaml

# The posting file's keys, in the order posting_to_yaml writes them.
KEYS = (
    "role",
    "level",
    "company",
    "template",
    "title",
    "summary",
    "location",
    "work",
    "employment",
    "salary",
    "start",
    "closes",
    "requisition",
    "hiring_manager",
    "statements",
    "blocks",
    "qualifications",
)
SCHEMA_LINE = "# yaml-language-server: $schema=https://jdgen.dev/schemas/posting.schema.json\n"
_STOP = frozenset("a an the and or of to for in on with by at as from into its their our".split())


def load_posting(path: Path) -> dict:
    """A posting file as a draft; every problem is one JdgenError naming file and line."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise JdgenError(
            "a posting file is a mapping of keys", path, 1, "start with 'role: ROLE'", "posting.type"
        )
    unknown = [k for k in data if k not in KEYS]
    if unknown:
        key = unknown[0]
        raise JdgenError(
            f"unknown key '{key}'",
            path,
            data.line_of(key),
            f"use one of {', '.join(KEYS)}",
            "posting.unknown-key",
        )
    if not isinstance(data.get("role"), str) or not data["role"].strip():
        raise JdgenError(
            "a posting names its role", path, 1, "add 'role: ROLE' (see jdgen list roles)", "posting.role"
        )
    return _plain(data)


def posting_to_yaml(draft: dict) -> str:
    """Stable key order, the schema header line, only the keys that have a value."""
    body = {k: draft[k] for k in KEYS if draft.get(k) not in (None, "", [], {})}
    return SCHEMA_LINE + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)


def _plain(value):
    """Line-tracking containers as plain dicts and lists (JSON for the browser)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def slug(text: str) -> str:
    """A statement's ref slug: its first five significant words (contract 2)."""
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP]
    return "-".join(words[:5]) or "statement"


def refs(section: Section) -> list[str]:
    """BLOCK/SLUG for each line of a section, unique within the block."""
    out, seen = [], set()
    for item in section.items:
        base = f"{section.id}/{slug(item)}"
        ref, n = base, 2
        while ref in seen:
            ref, n = f"{base}-{n}", n + 1
        seen.add(ref)
        out.append(ref)
    return out


def overrides(draft: dict):
    """The fields the composer already takes as plain data (batch overrides)."""
    from ..batchmodels import Overrides

    fields = {
        k: draft[k].strip() for k in ("title", "summary", "location") if str(draft.get(k) or "").strip()
    }
    return Overrides(**fields) if fields else None


def apply(lib, request, jd: JobDescription, draft: dict) -> JobDescription:
    """The statement, block, qualification and salary changes of a posting, on the
    composed document."""
    statements = draft.get("statements") or {}
    removed = set(statements.get("remove") or ())
    replaced = {r["ref"]: r["text"] for r in statements.get("replace") or () if r.get("ref")}
    sections = []
    for section in jd.sections:
        # added lines lead their area, as a role's own lines do (compose.py)
        items = [
            a["text"] for a in statements.get("add") or () if a.get("block") == section.id and a.get("text")
        ]
        items += [
            replaced.get(ref, item)
            for ref, item in zip(refs(section), section.items, strict=True)
            if ref not in removed
        ]
        sections.append(replace(section, items=tuple(items)))
    blocks = draft.get("blocks") or {}
    dropped = set(blocks.get("drop") or ())
    order = [b for b in blocks.get("order") or () if b not in dropped]
    sections = [s for s in sections if s.id not in dropped and s.items]
    sections.sort(key=lambda s: order.index(s.id) if s.id in order else len(order))
    changes = {"sections": tuple(sections), "highlights": _highlights(request.role, tuple(sections))}
    extra = (draft.get("qualifications") or {}).get("add") or ()
    if extra:
        changes["qualifications"] = jd.qualifications + tuple(t for t in extra if t)
    salary = draft.get("salary") or {}
    if isinstance(salary.get("min"), int) and isinstance(salary.get("max"), int):
        company = request.company
        currency = salary.get("currency") or company.currency
        if currency not in lib.locales.currencies:
            raise JdgenError(f"unknown currency '{currency}'", fix="use an ISO code such as USD, GBP or EUR")
        band = SalaryBand(salary["min"], salary["max"])
        changes["compensation"] = _compensation(
            lib, replace(company, currency=currency, salary_bands={request.level.id: band}), request.level
        )
    if draft.get("closes"):
        changes["meta"] = replace(jd.meta, valid_through=str(draft["closes"]))
    return replace(jd, **changes)


def workspace_root(start: Path | None = None) -> Path:
    """The folder holding jdgen.yaml, found upward from `start` (as git finds .git);
    else `start` itself."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "jdgen.yaml").is_file():
            return folder
    return here
