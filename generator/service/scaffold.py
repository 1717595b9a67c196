"""`jdgen init [DIR]`: a commented, working starting point for a company's own jdgen.

It writes jdgen.yaml, a minimal company profile, an example tailored posting (whose
refs are taken from the library as it is now, so it works at once), empty roles/,
blocks/, templates/ and theme/ folders, and the JSON Schemas every YAML file names in
its first line so editors complete and check fields. Existing files are never
overwritten. The files' wording is in templates/init/ (data, not code).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..compose.tailor import pick
from ..core.errors import JdgenError
from ..core.files import atomic_write
from ..library.loader import load_company
from ..library.posting import SCHEMA_HEADER, posting_to_yaml
from ..library.sources import Sources
from ..library.workspace import SCHEMA_FOLDER, WORKSPACE_FILE
from ..model.data import AddStatement, StatementChanges
from ..model.posting import Posting
from ..schema.registry import KINDS, schema_for
from ..yamlio.source import load_yaml

FOLDERS = ("companies", "roles", "blocks", "postings", "templates", "theme", SCHEMA_FOLDER)
EXAMPLE_ROLE = "head-of-operations"


def company_id_for(folder: Path) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", folder.resolve().name.lower()).strip("-")
    return slug or "company"


def init(
    service, folder: Path, company: str | None = None, name: str | None = None, language: str = "en"
) -> list[Path]:
    """Create the workspace in `folder`, its documents in `language`; returns the files
    written (none that existed)."""

    folder = Path(folder)
    if (folder / WORKSPACE_FILE).exists():
        raise JdgenError(
            f"{folder / WORKSPACE_FILE} already exists",
            fix="run jdgen init in a new folder, or edit the workspace that is there",
            code="init.exists",
        )
    cid = company or company_id_for(folder)
    display = name or cid.replace("-", " ").title()
    files: dict[Path, str] = {}
    for kind in KINDS:
        files[folder / SCHEMA_FOLDER / f"{kind}.schema.json"] = json.dumps(schema_for(kind), indent=2) + "\n"
    text = _init_text(service.lib.sources)
    files[folder / WORKSPACE_FILE] = _with_header(
        text["workspace"].format(company=cid, language_line=text["language_line"][language]),
        f"{SCHEMA_FOLDER}/workspace.schema.json",
    )
    files[folder / "companies" / f"{cid}.yaml"] = _with_header(
        text["company"].format(name=_quoted(display)), f"../{SCHEMA_FOLDER}/company.schema.json"
    )
    files[folder / "postings" / "example.yaml"] = _example_posting(service, cid, language)
    files[folder / "roles" / "README.md"] = text["roles"]
    files[folder / "blocks" / "README.md"] = text["blocks"]
    files[folder / "templates" / "README.md"] = text["templates"]
    files[folder / "theme" / "README.md"] = text["theme"]
    written = []
    for path, content in files.items():
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, content.encode())
            written.append(path)
    for sub in FOLDERS:
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return written


def _example_posting(service, company: str, language: str = "en") -> str:
    """A posting for the Head of Operations that adds a statement and removes one by
    its real ref, so the example shows tailoring and builds as it is."""

    lib = service.lib
    role = lib.role(EXAMPLE_ROLE)
    level = lib.level(role.default_level)
    try:  # the statements this company's industry gets, so the removed ref is in the document
        industry = load_company(lib, company).industry
    except JdgenError:
        industry = None
    picked = pick(lib, role, level, True, industry)
    removable = next(p for p in picked if p.block == "quality").items[-1][0]
    text = _init_text(lib.sources)
    text = {**text, **(text["examples"].get(language) or {})}  # the opening in the workspace's language
    posting = Posting(
        role=role.id,
        company=company,
        title=text["example_title"],
        location=text["example_location"],
        statements=StatementChanges(
            add=(AddStatement(block="daily-operations", text=text["example_statement"]),),
            remove=(removable,),
        ),
    )
    body = posting_to_yaml(posting, f"../{SCHEMA_FOLDER}/posting.schema.json")
    return (
        body.replace("\nrole:", "\n" + text["posting_comment"].rstrip("\n") + "\nrole:", 1)
        + text["posting_more"]
    )


def _with_header(text: str, url: str) -> str:
    return SCHEMA_HEADER.format(url=url) + text


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _init_text(sources: Sources) -> dict:

    return load_yaml(sources.template("init/files.yaml"))
