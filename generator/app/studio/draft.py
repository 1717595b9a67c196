"""What the studio does with a draft: preview, check, lines to edit, alternatives from
the library, one-click suggestions, downloads, save and open, compare.

A draft is a dict with the posting file's keys (contract 4), sent by the page on every
edit and checked against the posting's model (request.py) before it reaches here; the
company must be one the library knows: no path from the browser is ever opened.
Every document is composed by `service.Service` and checked by the
checker's own engine.
"""

from __future__ import annotations

import hashlib
import re
from functools import cached_property
from pathlib import Path

from ...compose.compare import resolve_comparison
from ...compose.document import document_text
from ...compose.tailor import role_selection
from ...compose.text import LibraryText
from ...core.errors import Diagnostic, JdgenError, LibraryError, display_path
from ...core.files import SAFE_PART, document_stem
from ...core.paths import inside
from ...core.reading import read_input
from ...core.record import record
from ...library.industry import pick as pick_texts
from ...library.labels import labels
from ...library.loader import known_companies, load_company
from ...library.posting import check_values, load_posting, write_posting
from ...model.formats import FORMATS, TEMPLATES, extension
from ...model.posting import Posting
from ...render import renderer
from ...schema.convert import convert_all
from ...service.generate import Service
from ...yamlio.source import MAX_BYTES
from .request import posting_name, shaped_draft

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


def bad(message: str, fix: str | None = None) -> JdgenError:
    return JdgenError(message, fix=fix, code="studio.draft")


def in_form_words(problem: Diagnostic, sources, data: dict) -> tuple[str, str | None]:
    """A posting problem in the studio form's words (labels.yaml, form_problems), found by
    its code and key path, never by reading its message; the values are the draft's."""
    words = labels(sources).form_problems
    found = words.get(f"{problem.code} {problem.key}") or words.get(problem.code)
    if found is None:
        return problem.message, problem.fix
    salary, work = data.get("salary") or {}, data.get("work") or {}
    values = {
        "min": salary.get("min"),
        "max": salary.get("max"),
        "arrangement": work.get("arrangement"),
        "office_days": work.get("office_days"),
    }
    return found.message.format(**values), found.get("fix")


def _written(value):
    """What of a draft goes into the posting file: a line or field still empty (the page
    has just added it, or the user cleared it) says nothing yet."""
    if isinstance(value, dict):
        if "text" in value and not str(value["text"]).strip():
            return None
        kept = {k: _written(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        kept = [_written(v) for v in value]
        return [v for v in kept if v not in (None, "", [], {})]
    if isinstance(value, str) and not value.strip():
        return None
    return value


@record
class Built:
    """One draft, composed: the request (of the posting the draft is) and the document;
    `base` is the role's own document without the draft's changes (what the refs point
    at), composed when the editor asks for it."""

    service: Service
    request: object
    jd: object

    @cached_property
    def base(self):
        r = self.request
        plain = self.service.resolve(r.role, r.company, level=r.level.id, template=r.template)
        return self.service.compose(plain)


class Studio:
    """The studio's work for one workspace, over one Service."""

    def __init__(self, service: Service, root: Path):
        self.service = service
        self.root = root
        self.postings = root / "postings"

    # --- what the page offers -------------------------------------------------------

    def meta(self) -> dict:
        """What the page offers. Asked when the page loads: the library is read again
        first, so edits to roles, blocks, profiles and templates show without a restart.
        A workspace file that no longer loads is a problem the page lists, above the
        library as it last loaded: the page still opens."""
        problems = []
        try:
            self.service.reload()
        except JdgenError as exc:
            problems.append(f"error: {exc}")
        lib = self.service.lib
        return {
            "workspace": str(self.root),
            "company": self.service.run.company,
            "companies": self.companies(problems),
            "currencies": sorted(lib.locales.currencies),
            "roles": [
                {"id": r.id, "title": r.title, "level": r.default_level, "family": r.family}
                for r in sorted(lib.roles.values(), key=lambda r: r.title)
            ],
            "levels": [{"id": lv.id, "label": lv.label} for lv in lib.levels],
            "templates": list(TEMPLATES),
            "downloads": list(DOWNLOADS),
            "postings": self.posting_names(),
            "problems": problems,
        }

    def companies(self, problems: list[str]) -> list[dict]:
        """The companies by name, each with the currency its salaries are in by default;
        a profile that does not load is listed by its id, and its line added to `problems`."""
        out = []
        for company_id in known_companies(self.service.lib):
            try:
                company = load_company(self.service.lib, company_id)
            except JdgenError as exc:
                problems.append(f"error: {exc}")
                out.append({"id": company_id, "name": company_id, "currency": None})
                continue
            out.append({"id": company_id, "name": company.name, "currency": self.currency(company)})
        return sorted(out, key=lambda c: c["name"].lower())

    def currency(self, company) -> str | None:
        """The profile's currency, else the one its country uses today (Babel's data)."""
        if company.currency:
            return company.currency
        if not company.country:
            return None
        from babel.numbers import get_territory_currencies

        used = [
            c for c in get_territory_currencies(company.country) if c in self.service.lib.locales.currencies
        ]
        return used[0] if used else None

    def posting_names(self) -> list[str]:
        if not self.postings.is_dir():
            return []
        return sorted(p.stem for p in self.postings.glob("*.yaml") if SAFE_PART.fullmatch(p.stem))

    # --- composing ---------------------------------------------------------------

    def posting(self, draft: dict, name: str | None) -> Posting:
        """The draft as the posting file `postings/NAME.yaml` it would be saved as (the
        name is the documents' file name, as `jdgen build` gives it)."""
        company = draft.get("company")
        if company is not None and company not in known_companies(self.service.lib):
            raise JdgenError(f"unknown company '{company}'", fix="choose one of the companies listed")
        path = self._posting_path(name or self.default_name(draft))
        data = _written(draft)
        salary = data.get("salary")
        if isinstance(salary, dict) and not ({"min", "max"} & salary.keys()):
            data.pop("salary")  # a currency or period chosen before the figures says nothing yet
        elif isinstance(salary, dict) and not salary.get("currency"):
            chosen = company or self.service.run.company
            profile = load_company(self.service.lib, chosen) if chosen else None
            if profile and not profile.currency and (currency := self.currency(profile)):
                data["salary"] = {**salary, "currency": currency}  # the country's, as the page shows
        posting, problems = convert_all(Posting, data, path)
        if posting is not None:
            problems = [d for d in check_values(posting, data, path) if d.severity == "error"]
        if problems:  # the draft is not a file: its problems have no line to name
            message, fix = in_form_words(problems[0], self.service.lib.sources, data)
            raise JdgenError(message, fix=fix, code=problems[0].code)
        return posting

    def default_name(self, draft: dict) -> str:
        """A new draft's name: the one the CLI would give the role's document."""
        lib = self.service.lib
        role = lib.role(draft["role"])
        level = lib.level(draft["level"]) if draft.get("level") else lib.level(role.default_level)
        return document_stem(
            role.id, level.id, level.id == role.default_level, draft.get("template", "posting")
        )

    def build(self, draft: dict, name: str | None = None, formats: tuple[str, ...] = ("html",)) -> Built:
        posting = self.posting(draft, name)
        try:
            request = self.service.posting_request(posting, formats=formats, revised=self.service.run.revised)
            return Built(self.service, request, self.service.compose(request))
        except JdgenError as exc:
            if exc.file is None or Path(exc.file) != posting.file:
                raise
            # the draft's own problem: no file or line to point to (it may not exist yet)
            data = _written(draft)
            message, fix = in_form_words(exc.diagnostic, self.service.lib.sources, data)
            raise JdgenError(message, fix=fix, code=exc.code) from None

    def preview(self, draft: dict, name: str | None = None) -> dict:
        """The page's whole view of a draft: HTML, check, lines, name."""
        built = self.build(draft, name)
        html, _ = self.service.render(built.jd, "html")
        lines = self.lines(built, draft)
        return {
            "html": html.decode("utf-8"),
            "name": built.request.name,
            "lines": lines,
            "summary": built.base.shown_summary,
            "title": built.base.title,
            "check": self.check(built, lines),
        }

    def check(self, built: Built, lines: list[dict] | None = None) -> dict:
        report = self.service.check_report(built.jd, built.request.company.check, source=built.request.label)
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
                    "replacements": list(f.replacements) if self._fits(f, lines) else [],
                }
                for f in report.findings
            ],
        }

    @staticmethod
    def _fits(finding, lines: list[dict] | None) -> bool:
        """A one-click swap for a gender-coded word fits a word of an editable line: the
        checker counts such a word only where it describes the person or the team wanted
        (never a duty verb or a noun), and the title is not a sentence."""
        if not finding.replacements or not finding.code.startswith("gender."):
            return bool(finding.replacements)
        word = re.compile(rf"(?<![\w-]){re.escape(finding.quote or '')}(?![\w-])", re.IGNORECASE)
        return any(
            not line["removed"] and word.search(line["text"])
            for section in lines or ()
            for line in section["lines"]
        )

    def alternatives(self, draft: dict, block_id: str, name: str | None = None) -> list[dict]:
        """Other wordings for a line of an area: the block at the other levels, and
        other roles' own lines for that area."""
        built = self.build(draft, name)
        lib, request = self.service.lib, built.request
        if block_id not in lib.blocks:
            raise bad(f"unknown area '{block_id}'")
        library_text = self._library_text(built)
        present = {t for s in built.jd.sections for t in s.items}
        out, seen = [], set(present)

        def offer(text, source):
            rendered = library_text.one(text)
            if rendered not in seen:
                seen.add(rendered)
                out.append({"text": rendered, "source": source})

        block = lib.blocks[block_id]
        here = [lv.id for lv in lib.levels].index(request.level.id)
        nearest = sorted(enumerate(lib.levels), key=lambda pair: (abs(pair[0] - here), -pair[0]))
        for _, level in nearest:  # the draft's own level first, then the nearest ones
            for text in pick_texts(block.statements.get(level.id, ()), request.company.industry):
                offer(text, f"{block.title}, {level.label}")
        for role in sorted(lib.roles.values(), key=lambda r: r.title):
            for rb in role.blocks:
                if rb.id == block_id and role.id != request.role.id:
                    for text in pick_texts(rb.add, request.company.industry):
                        offer(text, role.title)
        return out

    def suggest(self, draft: dict, quote: str, replacement: str, name: str | None = None) -> dict:
        """The draft with the first editable `quote` (a whole word or phrase) replaced."""
        built = self.build(draft, name)
        pattern = re.compile(rf"(?<![\w-]){re.escape(quote)}(?![\w-])", re.IGNORECASE)

        def swap(text: str) -> str | None:
            match = pattern.search(text)
            if not match:
                return None
            word = replacement[:1].upper() + replacement[1:] if match.group(0)[:1].isupper() else replacement
            return text[: match.start()] + word + text[match.end() :]

        new = {**draft}
        statements = {k: list(v) for k, v in (draft.get("statements") or {}).items()}
        lines = [line for section in self.lines(built, draft) for line in section["lines"]]
        opening = [line for line in lines if pattern.match(line["text"])]  # the verb first
        if (changed := swap(built.jd.shown_summary)) is not None and not opening:
            new["summary"] = changed  # never the title: a swap there garbles the job's name
            return new
        for line in opening + lines:
            if line["removed"] or (changed := swap(line["text"])) is None:
                continue
            if "ref" in line:
                kept = [r for r in statements.get("replace", []) if r.get("ref") != line["ref"]]
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

    def download(self, draft: dict, fmt: str, name: str | None = None) -> tuple[str, bytes]:
        """A format's bytes, exactly as `jdgen build postings/NAME.yaml` writes them."""
        if fmt not in FORMATS:
            raise bad(f"unknown format '{fmt}'")
        built = self.build(draft, name, (fmt,))
        data, _ = self.service.render(built.jd, fmt)
        return f"{built.request.name}.{extension(fmt)}", data

    def _posting_path(self, name: str) -> Path:
        """postings/NAME.yaml, where postings/ resolves to a folder inside the workspace
        (a symlink leading out would send the save elsewhere)."""
        if not inside(self.postings.parent, self.postings.name):
            raise JdgenError(
                f"{display_path(self.postings)} leads outside the workspace",
                fix="make postings/ a folder inside the workspace",
                code="studio.postings-outside",
            )
        return self.postings / f"{posting_name(name)}.yaml"

    def save(self, draft: dict, name: str, base: str | None, overwrite: bool) -> dict:
        """Write the draft as postings/NAME.yaml (an existing file keeps its comments and
        layout: write_posting). A file that changed on disk since the
        studio opened or saved it (its digest is not `base`) is kept unless the user
        said to overwrite it: the answer is a conflict the page asks about."""
        if not name:
            raise JdgenError(
                "give the posting file a name", fix="type one under 'Save as'", code="studio.name"
            )
        posting = self.posting(draft, name)
        self.build(draft, name)  # a draft that cannot be built is not saved
        path = posting.file
        current = digest(read_input(path, MAX_BYTES, LibraryError)) if path.is_file() else None
        if current is not None and current != base and not overwrite:
            if base is None:  # a new draft, not the file the studio opened
                return {"conflict": f"a posting file {display_path(path)} already exists"}
            return {"conflict": f"{display_path(path)} was changed outside the studio since you opened it"}
        data = write_posting(posting, path)
        return {"saved": display_path(path), "name": name, "digest": digest(data)}

    def open(self, name: str) -> dict:
        path = self._posting_path(name)
        if not path.is_file():
            raise JdgenError(f"no posting file {display_path(path)}", fix="choose one from the list")
        posting = load_posting(path)
        self.service.posting_request(posting)  # unknown role, level or company: the CLI's line
        raw = read_input(path, MAX_BYTES, LibraryError)
        return {"draft": shaped_draft(posting.identity()), "name": name, "digest": digest(raw)}

    def _library_text(self, built: Built) -> LibraryText:
        """The library's statements as this draft's document words them: in the
        company's English, with the names they may use for this role and level filled in
        (so the editor's lines match the preview's, "Standardise" for a UK company)."""
        return document_text(self.service.lib, built.request)

    def lines(self, built: Built, draft: dict) -> list[dict]:
        """The document's areas as the editor shows them: the draft's added lines first
        (as they lead in the document), then each line the role has there, with its ref,
        its wording in the library and now, and whether it is removed."""
        lib, request = self.service.lib, built.request
        library_text = self._library_text(built)
        changes = draft.get("statements") or {}
        removed = set(changes.get("remove") or ())
        adds = changes.get("add") or []
        shown_areas = [s.id for s in built.jd.sections]
        in_document = {t for s in built.jd.sections for t in s.items}
        if built.jd.meta.template == "posting":
            in_document = set(built.jd.highlights)
        out = []
        for picked in role_selection(lib, request):
            rows = [
                {"add": i, "text": a["text"], "removed": False}
                for i, a in enumerate(adds)
                if a.get("block") == picked.block  # a line just added may have no text or area yet
            ]
            for ref, text in picked.items:
                base = library_text.one(text)
                rows.append(
                    {
                        "ref": ref,
                        "base": base,
                        "text": _replaced_text(changes, ref, base),
                        "removed": ref in removed,
                    }
                )
            for row in rows:
                row["shown"] = not row["removed"] and row["text"] in in_document
            out.append(
                {
                    "block": picked.block,
                    "title": picked.title,
                    "lines": rows,
                    "shown": picked.block in shown_areas,
                }
            )
        out.sort(
            key=lambda a: shown_areas.index(a["block"]) if a["block"] in shown_areas else len(shown_areas)
        )
        return out

    def compare(self, company: str, roles: list[str]) -> str:
        if company not in known_companies(self.service.lib):
            raise JdgenError(f"unknown company '{company}'", fix="choose one of the companies listed")
        request = resolve_comparison(self.service.lib, roles, company, formats=("html",))
        doc = request.compose(self.service.lib)
        return renderer("html", "render_table")(doc, self.service.lib.sources).decode("utf-8")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _replaced_text(changes: dict, ref: str, text: str) -> str:
    return next((r["text"] for r in changes.get("replace") or () if r.get("ref") == ref), text)
