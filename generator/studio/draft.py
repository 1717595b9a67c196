"""What the studio does with a draft: preview, check, lines to edit, alternatives from
the library, one-click suggestions, downloads, save and open, compare.

A draft is a dict with the posting file's keys (contract 4), sent by the page on every
edit. It is cleaned here (known keys, plain types, bounded sizes) before anything
reads it, and the company must be one the library knows: no path from the browser is
ever opened. Every document is composed by `service.Service` and checked by the
checker's own engine.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..compose import _statement_context
from ..errors import JdgenError, display_path
from ..library import known_companies
from ..output import SAFE_PART, atomic_write
from ..render import FORMATS, TEMPLATES, extension
from ..service import Service
from . import postingfile

MAX_TEXT = 2_000  # characters in one field: a line, a summary
MAX_ITEMS = 200  # entries in one list: added lines, removed refs
DOWNLOADS = ("docx", "pdf", "html", "md", "txt", "jsonld")
MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "jsonld": "application/ld+json",
    "json": "application/json",
}
_TEXT_KEYS = (
    "role",
    "level",
    "company",
    "template",
    "title",
    "summary",
    "location",
    "start",
    "closes",
    "requisition",
    "hiring_manager",
)


def bad(message: str, fix: str | None = None) -> JdgenError:
    return JdgenError(message, fix=fix, code="studio.draft")


def _text(value, what: str) -> str:
    if not isinstance(value, str):
        raise bad(f"{what} must be text")
    if len(value) > MAX_TEXT:
        raise bad(f"{what} is longer than {MAX_TEXT} characters", "shorten it")
    return value


def _list(value, what: str) -> list:
    if not isinstance(value, list):
        raise bad(f"{what} must be a list")
    if len(value) > MAX_ITEMS:
        raise bad(f"{what} has more than {MAX_ITEMS} entries")
    return value


def clean(draft) -> dict:
    """The draft the page sent, reduced to the posting file's keys and plain values."""
    if not isinstance(draft, dict):
        raise bad("the draft must be an object")
    out: dict = {}
    for key in _TEXT_KEYS:
        if draft.get(key) not in (None, ""):
            out[key] = _text(draft[key], key)
    if "role" not in out:
        raise bad("choose a role")
    statements = draft.get("statements") or {}
    if not isinstance(statements, dict):
        raise bad("statements must be an object")
    add = [
        {"block": _text(a.get("block"), "a line's area"), "text": _text(a.get("text"), "a line")}
        for a in _list(statements.get("add") or [], "statements.add")
        if isinstance(a, dict)
    ]
    remove = [_text(r, "a removed line") for r in _list(statements.get("remove") or [], "statements.remove")]
    replace = [
        {"ref": _text(r.get("ref"), "a line's ref"), "text": _text(r.get("text"), "a line")}
        for r in _list(statements.get("replace") or [], "statements.replace")
        if isinstance(r, dict)
    ]
    if add or remove or replace:
        out["statements"] = {k: v for k, v in (("add", add), ("remove", remove), ("replace", replace)) if v}
    blocks = draft.get("blocks") or {}
    order = [_text(b, "an area") for b in _list(blocks.get("order") or [], "blocks.order")]
    drop = [_text(b, "an area") for b in _list(blocks.get("drop") or [], "blocks.drop")]
    if order or drop:
        out["blocks"] = {k: v for k, v in (("order", order), ("drop", drop)) if v}
    quals = [
        _text(q, "a qualification")
        for q in _list((draft.get("qualifications") or {}).get("add") or [], "qualifications.add")
    ]
    if quals:
        out["qualifications"] = {"add": quals}
    salary = draft.get("salary") or {}
    if salary:
        out["salary"] = _salary(salary)
    for key, fields in (
        ("work", ("arrangement", "office_days", "remote_in")),
        ("employment", ("type", "hours")),
    ):
        value = draft.get(key) or {}
        if not isinstance(value, dict):
            raise bad(f"{key} must be an object")
        kept = {f: value[f] for f in fields if value.get(f) not in (None, "", [])}
        for f, v in kept.items():
            if not isinstance(v, str | int | list) or (isinstance(v, str) and len(v) > MAX_TEXT):
                raise bad(f"{key}.{f} is not a plain value")
        if kept:
            out[key] = kept
    return out


def _salary(salary) -> dict:
    if not isinstance(salary, dict):
        raise bad("salary must be an object")
    out = {}
    for key in ("min", "max"):
        value = salary.get(key)
        if value in (None, ""):
            continue
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 10**9:
            raise bad(f"salary {key} must be a whole number without separators", "type 90000, not 90,000")
        out[key] = value
    if "min" in out and "max" in out and out["min"] > out["max"]:
        raise bad("the salary minimum is above the maximum", "swap the two figures")
    for key in ("currency", "period"):
        if salary.get(key):
            out[key] = _text(salary[key], f"salary {key}")
    return out


@dataclass
class Built:
    """One draft, composed: the request, the document as the composer made it (the
    lines the draft's refs point at) and the document with the draft's changes."""

    request: object
    base: object
    jd: object


class Studio:
    """The studio's work for one workspace, over one Service."""

    def __init__(self, service: Service, root: Path):
        self.service = service
        self.root = root
        self.postings = root / "postings"

    # --- what the page offers -------------------------------------------------------

    def meta(self) -> dict:
        """What the page offers. Asked when the page loads: the library is read again
        first, so edits to roles, blocks, profiles and templates show without a restart."""
        self.service.reload()
        lib = self.service.lib
        return {
            "workspace": str(self.root),
            "companies": sorted(known_companies(lib)),
            "roles": [
                {"id": r.id, "title": r.title, "level": r.default_level, "family": r.family}
                for r in sorted(lib.roles.values(), key=lambda r: r.title)
            ],
            "levels": [{"id": lv.id, "label": lv.label} for lv in lib.levels],
            "templates": list(TEMPLATES),
            "downloads": list(DOWNLOADS),
            "postings": self.posting_names(),
        }

    def posting_names(self) -> list[str]:
        if not self.postings.is_dir():
            return []
        return sorted(p.stem for p in self.postings.glob("*.yaml") if SAFE_PART.match(p.stem))

    # --- composing ---------------------------------------------------------------

    def build(self, draft: dict, formats: tuple[str, ...] = ("html",)) -> Built:
        from ..cli import revised_override

        company = draft.get("company") or "acme"
        if company not in known_companies(self.service.lib):
            raise JdgenError(f"unknown company '{company}'", fix="choose one of the companies listed")
        request = self.service.resolve(
            draft["role"],
            company,
            level=draft.get("level"),
            template=draft.get("template", "posting"),
            formats=formats,
            out=self.root / "output",
            revised=revised_override(),
            overrides=postingfile.overrides(draft),
        )
        base = self.service.compose(request)
        return Built(request, base, postingfile.apply(self.service.lib, request, base, draft))

    def preview(self, draft: dict) -> dict:
        """The page's whole view of a draft: HTML, check, lines, name."""
        built = self.build(draft)
        html, _ = self.service.render(built.jd, "html")
        return {
            "html": html.decode("utf-8"),
            "name": built.request.name,
            "lines": lines(built, draft),
            "summary": built.base.summary,
            "title": built.base.title,
            "check": self.check(built),
        }

    def check(self, built: Built) -> dict:
        from ..check import check_document
        from ..check.config import find_config, load_config, with_company

        config = with_company(load_config(find_config(self.root)), built.request.company.check)
        report = check_document(built.jd, config=config, source=built.request.label)
        return {
            "score": report.score,
            "verdict": report.verdict.verdict if report.verdict else None,
            "counts": report.counts(),
            "words": report.words,
            "findings": [
                {
                    "rule": f.code,
                    "severity": f.severity,
                    "message": f.diagnostic.message,
                    "fix": f.diagnostic.fix,
                    "quote": f.quote,
                    "replacements": list(f.replacements),
                }
                for f in report.findings
            ],
        }

    def alternatives(self, draft: dict, block_id: str) -> list[dict]:
        """Other wordings for a line of an area: the block at the other levels, and
        other roles' own lines for that area."""
        built = self.build(draft)
        lib, request = self.service.lib, built.request
        if block_id not in lib.blocks:
            raise bad(f"unknown area '{block_id}'")
        family = lib.families[request.role.family]
        context = _statement_context(
            request.company, family, request.level, built.base.title, built.base.reports_to
        )
        from ..jinja import render_statement

        present = {t for s in built.jd.sections for t in s.items}
        out, seen = [], set(present)

        def offer(text, source):
            rendered = render_statement(text, context)
            if rendered not in seen:
                seen.add(rendered)
                out.append({"text": rendered, "source": source})

        block = lib.blocks[block_id]
        here = [lv.id for lv in lib.levels].index(request.level.id)
        nearest = sorted(enumerate(lib.levels), key=lambda pair: (abs(pair[0] - here), -pair[0]))
        for _, level in nearest:  # the draft's own level first, then the nearest ones
            for text in block.statements.get(level.id, ()):
                offer(text, f"{block.title}, {level.label}")
        for role in sorted(lib.roles.values(), key=lambda r: r.title):
            for rb in role.blocks:
                if rb.id == block_id and role.id != request.role.id:
                    for text in rb.add:
                        offer(text, role.title)
        return out

    def suggest(self, draft: dict, quote: str, replacement: str) -> dict:
        """The draft with the first editable `quote` (a whole word or phrase) replaced."""
        built = self.build(draft)
        pattern = re.compile(rf"(?<![\w-]){re.escape(quote)}(?![\w-])", re.IGNORECASE)

        def swap(text: str) -> str | None:
            match = pattern.search(text)
            if not match:
                return None
            word = replacement[:1].upper() + replacement[1:] if match.group(0)[:1].isupper() else replacement
            return text[: match.start()] + word + text[match.end() :]

        new = {**draft}
        statements = {k: list(v) for k, v in (draft.get("statements") or {}).items()}
        for field_name, current in (("title", built.jd.title), ("summary", built.jd.summary)):
            if (changed := swap(current)) is not None:
                new[field_name] = changed
                return new
        for section in lines(built, draft):
            for line in section["lines"]:
                if line["removed"] or (changed := swap(line["text"])) is None:
                    continue
                if "ref" in line:
                    kept = [r for r in statements.get("replace", []) if r["ref"] != line["ref"]]
                    statements["replace"] = kept + [{"ref": line["ref"], "text": changed}]
                else:
                    adds = statements["add"]
                    adds[line["add"]] = {**adds[line["add"]], "text": changed}
                new["statements"] = statements
                return new
        raise JdgenError(
            f"'{quote}' is in text the studio does not edit (the company profile or the template)",
            fix="change it in the company profile, or leave it",
            code="studio.suggest",
        )

    # --- files ---------------------------------------------------------------------

    def download(self, draft: dict, fmt: str) -> tuple[str, bytes]:
        """A format's bytes, exactly as the CLI writes them for the same posting file."""
        if fmt not in FORMATS:
            raise bad(f"unknown format '{fmt}'")
        built = self.build(draft, (fmt,))
        data, _ = self.service.render(built.jd, fmt)
        return f"{built.request.name}.{extension(fmt)}", data

    def _posting_path(self, name: str) -> Path:
        if not isinstance(name, str) or not SAFE_PART.match(name):
            raise JdgenError(
                f"'{name}' cannot be a posting file name",
                fix="use lower-case letters, digits and '-' (say head-of-ops-london)",
                code="studio.name",
            )
        return self.postings / f"{name}.yaml"

    def save(self, draft: dict, name: str, base: str | None, overwrite: bool) -> dict:
        """Write the draft as postings/NAME.yaml. A file that changed on disk since the
        studio opened or saved it (its digest is not `base`) is kept unless the user
        said to overwrite it: the answer is a conflict the page asks about."""
        path = self._posting_path(name)
        current = digest(path.read_bytes()) if path.is_file() else None
        if current is not None and current != base and not overwrite:
            return {"conflict": f"{display_path(path)} was changed outside the studio since you opened it"}
        data = postingfile.posting_to_yaml(draft).encode("utf-8")
        atomic_write(path, data)
        return {"saved": display_path(path), "name": name, "digest": digest(data)}

    def open(self, name: str) -> dict:
        path = self._posting_path(name)
        if not path.is_file():
            raise JdgenError(f"no posting file {display_path(path)}", fix="choose one from the list")
        draft = postingfile.load_posting(path)
        return {"draft": clean(draft), "name": name, "digest": digest(path.read_bytes())}

    def compare(self, company: str, roles: list) -> str:
        from ..compare import resolve_comparison
        from ..render import renderer

        if company not in known_companies(self.service.lib):
            raise JdgenError(f"unknown company '{company}'", fix="choose one of the companies listed")
        roles = [_text(r, "a role") for r in _list(roles, "roles")]
        request = resolve_comparison(self.service.lib, roles, company, formats=("html",))
        doc = request.compose(self.service.lib)
        return renderer("html", "render_table")(doc).decode("utf-8")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def lines(built: Built, draft: dict) -> list[dict]:
    """The document's areas as the editor shows them: each composed line with its ref,
    its wording in the library and now, whether it is removed; then the added lines."""
    statements = draft.get("statements") or {}
    removed = set(statements.get("remove") or ())
    replaced = {r["ref"]: r["text"] for r in statements.get("replace") or ()}
    adds = statements.get("add") or []
    shown = [s.id for s in built.jd.sections]
    visible = set(built.jd.highlights) if built.jd.meta.template == "posting" else None
    out = []
    for section in built.base.sections:
        rows = [
            {"add": i, "text": a["text"], "removed": False}
            for i, a in enumerate(adds)
            if a["block"] == section.id
        ]
        rows += [
            {"ref": ref, "base": item, "text": replaced.get(ref, item), "removed": ref in removed}
            for ref, item in zip(postingfile.refs(section), section.items, strict=True)
        ]
        for row in rows:
            row["shown"] = not row["removed"] and (visible is None or row["text"] in visible)
        out.append({"block": section.id, "title": section.title, "lines": rows, "shown": section.id in shown})
    out.sort(key=lambda s: shown.index(s["block"]) if s["block"] in shown else len(shown))
    return out
