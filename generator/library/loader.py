"""Find, load and validate the responsibility library and company profiles.

Everything is checked here, once, so later steps can trust the data: schemas, unique
ids, cross-references (a role's family, levels and blocks exist), statements written
for every level. Every problem is collected as a Diagnostic, so `jdgen validate` can
list them all at once; loading for generation raises the first error.
Files are found through `Sources`: the user's folders first, then the built-ins.
"""

from __future__ import annotations

import re
from dataclasses import field, fields, replace
from pathlib import Path

from ..core import cache as diskcache
from ..core.caches import memo
from ..core.errors import Diagnostic, JdgenError, LibraryError, did_you_mean, unknown
from ..core.record import record
from ..model.base import Origin
from ..model.data import (
    Block,
    Company,
    EqualityFile,
    EqualityStatement,
    FamiliesFile,
    Family,
    Finances,
    GovernanceFile,
    GoverningBody,
    IndustriesFile,
    Industry,
    JobFactsFile,
    LegalForm,
    Level,
    LevelsFile,
    Locales,
    Role,
    Spelling,
    TextItem,
    Trigger,
    WorksCouncil,
)
from ..model.extensions import BlockExtension, RoleExtension
from ..model.refs import block_refs, qualified
from ..schema.convert import convert_all
from ..yamlio.source import load_yaml
from . import industry, theme
from .sources import Sources, default_sources
from .workspace import find_workspace

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_SINGLE_BRACES = re.compile(r"(?<!\{)\{\s*(company|role|level|family)\.[a-z_]+\s*\}(?!\})")


@record(frozen=True, eq=False)  # hashed by identity: one loaded library per process
class Library:
    """The loaded, cross-checked library: levels in ladder order, everything by id."""

    sources: Sources
    levels: tuple[Level, ...]
    families: dict[str, Family]
    blocks: dict[str, Block]
    roles: dict[str, Role]
    locales: Locales
    industries: dict[str, Industry]
    spelling: Spelling
    equality: tuple[EqualityStatement, ...] = ()  # the statements by country (equality.yaml)
    governance: GovernanceFile | None = (
        None  # governing bodies by legal form, works councils (governance.yaml)
    )
    job_facts: JobFactsFile | None = None  # what a country's job descriptions carry (job-facts.yaml)
    warnings: tuple[Diagnostic, ...] = ()
    # a block or role that builds on another (extends:): the files of what it builds on
    bases: dict[str, tuple[Path, ...]] = field(default_factory=dict)

    def files_of(self, obj) -> tuple[Path, ...]:
        """The files a block or role was made from: its own and those it builds on."""
        kind = "block" if isinstance(obj, Block) else "role"
        return (obj.origin.file, *self.bases.get(f"{kind}:{obj.id}", ()))

    def equality_statement(self, company: Company) -> EqualityStatement | None:
        """The statement for the company's country and variant (a federal contractor's),
        else its country's plain one; None where the library has none."""
        mine = [e for e in self.equality if e.country == company.country] or [
            e for e in self.equality if company.country in e.countries
        ]
        return next((e for e in mine if e.variant == company.eeo_variant), None) or next(
            (e for e in mine if e.variant is None), None
        )

    def legal_form(self, company: Company) -> LegalForm | None:
        """The profile's legal form (an id once loaded) as the company's country words it:
        the entry for that country, else the form's entry for any country."""
        forms = (
            [f for f in self.governance.legal_forms if f.id == company.legal_form] if self.governance else []
        )
        return next((f for f in forms if company.country in f.countries), None) or next(
            (f for f in forms if not f.countries), None
        )

    def governing_body(self, company: Company) -> GoverningBody | None:
        """Who the company's chief executive answers to: its legal form's body (with its
        supervisory or advisory board where the profile names one), else the default."""
        if self.governance is None:
            return None
        form = self.legal_form(company)
        if form is None:
            return self.governance.default
        body = form.oversight.get(company.oversight or "", form.body)
        # a form that names no management of its own: the default's ("the executive team")
        return body if body.management else replace(body, management=self.governance.default.management)

    def finances(self, company: Company) -> Finances | None:
        """How the company's money and owners are named: its legal form's words (a
        charity's funders, a credit union's members), else a business's."""
        if self.governance is None:
            return None
        form = self.legal_form(company)
        return (form.finances if form else None) or self.governance.finances

    def _council(self, company: Company) -> WorksCouncil | None:
        """The works council the company has where the country's law gives it a say
        (unless the profile says there is none)."""
        if self.governance is None or company.works_council is False:
            return None
        return next((w for w in self.governance.works_councils if w.country == company.country), None)

    def works_council_relationship(self, company: Company, level_id: str) -> str | None:
        """The executives' working relationship with the works council; None elsewhere."""
        found = self._council(company)
        return found.relationship if found and level_id in self.governance.works_council_levels else None

    def works_council(self, company: Company) -> str | None:
        """Who changes to working time are agreed with: the works council, else the
        neutral wording."""
        if self.governance is None:
            return None
        found = self._council(company)
        return found.name if found else self.governance.staff_representatives

    def level(self, level_id: str) -> Level:
        """A level by id or label, in any case: 'vp', 'VP', 'Vice President'."""
        wanted = level_id.strip().lower()
        for level in self.levels:
            if wanted in (level.id, level.label.lower()):
                return level
        raise unknown("level", level_id, [lv.id for lv in self.levels], "see 'jdgen list levels'")

    def role(self, role_id: str) -> Role:
        if role_id in self.roles:
            return self.roles[role_id]
        wanted = role_id.strip().lower()
        for role in self.roles.values():  # an alias ("COO") or the full title, in any case
            if wanted in (role.id, role.title.lower(), *(a.lower() for a in role.aliases)):
                return role
        raise unknown("role", role_id, list(self.roles), "see 'jdgen list roles'")

    def family(self, family_id: str) -> Family:
        """A job family by id or name, in any case: 'operations', 'Supply Chain'."""
        wanted = family_id.strip().lower()
        for family in self.families.values():
            if wanted in (family.id, family.name.lower()):
                return family
        raise unknown("family", family_id, list(self.families), "see 'jdgen list families'")

    def block(self, block_id: str) -> Block:
        if block_id not in self.blocks:
            raise unknown("block", block_id, list(self.blocks), "see 'jdgen list blocks'")
        return self.blocks[block_id]


class _Problems(list):
    """The diagnostics found so far, with helpers that point at a loaded object's line."""

    def add(self, obj, code: str, message: str, fix: str | None = None, at=None, severity="error"):
        origin: Origin | None = getattr(obj, "origin", None)
        file = getattr(at, "file", None) or (origin.file if origin else None)
        line = getattr(at, "line", None) or (origin.line if origin else None)
        self.append(Diagnostic(code, message, file, line, None, severity, fix))

    def load(self, path: Path, cls):
        """Load and convert one file; its problems are collected, None when it is unusable."""
        return self.load_with_data(path, cls)[0]

    def load_with_data(self, path: Path, cls):
        """(converted object or None, the raw loaded data or None)."""
        try:
            data = load_yaml(path, self)
        except LibraryError as exc:
            self.append(exc.diagnostic)
            return None, None
        value, problems = convert_all(cls, data, path)
        self.extend(problems)
        return value, data

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity == "error"]


def _check_id(problems: _Problems, obj, kind: str) -> bool:
    if ID_PATTERN.match(obj.id):
        return True
    problems.add(
        obj, "library.bad-id", f"{kind} id '{obj.id}' is not valid", "use lower-case letters, digits and '-'"
    )
    return False


def _load_list(problems: _Problems, path: Path | None, file_cls, key: str, kind: str) -> tuple:
    """Load a file holding one list of objects (levels.yaml, families.yaml)."""
    if path is None:
        problems.append(
            Diagnostic("library.missing-file", f"no {kind} file ({key}.yaml) in the library", fix="add it")
        )
        return ()
    loaded = problems.load(path, file_cls)
    items, seen = [], set()
    for item in getattr(loaded, key, ()):
        if not _check_id(problems, item, kind):
            continue
        if item.id in seen:
            problems.add(
                item, "library.duplicate-id", f"duplicate {kind} id '{item.id}'", "give each one its own id"
            )
            continue
        seen.add(item.id)
        items.append(item)
    return tuple(items)


def _merge_levels(layers: list[tuple]) -> tuple:
    """The ladder of the lowest layer; a higher layer's level with a known id replaces
    it in place, a new one goes after the level listed before it in that file."""
    ladder: list = []
    for levels in layers:
        for i, level in enumerate(levels):
            ids = [lv.id for lv in ladder]
            if level.id in ids:
                ladder[ids.index(level.id)] = level
            else:
                before = levels[i - 1].id if i else None
                ladder.insert(ids.index(before) + 1 if before in ids else len(ladder), level)
    return tuple(ladder)


def _load_layers(problems, sources: Sources, sub: str, cls, extension_cls, kind: str, extend):
    """Blocks or roles of every layer, lowest first: the same id replaces, a new id
    adds, and a file with `extends:` builds on what the layers below (or its own
    layer) already hold. Returns ({id: object}, {"kind:id": base files})."""
    found: dict[str, object] = {}
    bases: dict[str, tuple[Path, ...]] = {}
    for files in sources.layered("library", sub):
        here: dict[str, object] = {}
        pending = []
        for path in files.values():
            try:
                data = load_yaml(path, problems)
            except LibraryError as exc:
                problems.append(exc.diagnostic)
                continue
            if isinstance(data, dict) and "extends" in data:
                obj, found_problems = convert_all(extension_cls, data, path)
                problems.extend(found_problems)
                if obj is not None and _check_id(problems, obj, kind):
                    pending.append(obj)
                continue
            obj, found_problems = convert_all(cls, data, path)
            problems.extend(found_problems)
            if obj is None or not _check_id(problems, obj, kind):
                continue
            if obj.id in here:
                problems.add(
                    obj,
                    "library.duplicate-id",
                    f"duplicate {kind} id '{obj.id}' (also in {here[obj.id].origin.file})",
                    "rename one of them",
                )
                continue
            here[obj.id] = obj
        below = dict(found)
        found.update(here)
        chained = {p.id: p for p in pending}
        for ext in pending:
            base = here.get(ext.extends) if ext.extends != ext.id else None
            base = base or below.get(ext.extends)
            if base is None and ext.extends in chained and ext.extends != ext.id:
                then = chained[ext.extends].extends
                loop = f"'{ext.id}' and '{ext.extends}' extend each other" if then == ext.id else None
                problems.add(
                    ext,
                    f"library.{kind}-extends-chain",
                    loop or f"{kind} '{ext.id}' extends '{ext.extends}', which itself extends '{then}'",
                    f"a {kind} file can build only on a {kind} that extends nothing: "
                    f"extend '{then}' directly, or write '{ext.extends}' out in full",
                    at=ext.extends,
                )
                continue
            if base is None:
                problems.add(
                    ext,
                    f"library.unknown-{kind}",
                    f"{kind} '{ext.id}' extends unknown {kind} '{ext.extends}'."
                    f"{did_you_mean(ext.extends, list(below) + list(here))}",
                    f"see 'jdgen list {kind}s'",
                    at=ext.extends,
                )
                continue
            built = extend(base, ext, problems)
            if built is not None:
                found[ext.id] = built
                bases[f"{kind}:{ext.id}"] = (
                    base.origin.file,
                    *bases.get(f"{kind}:{base.id}", ()),
                )
    return found, bases


def _extend_block(base: Block, ext, problems) -> Block | None:
    """A block built on `base`: whole levels replaced, single statements changed."""

    statements = {**base.statements, **ext.statements}
    refs = block_refs(ext.id if ext.id == base.id else base.id, base.statements)
    for level_id, change in ext.changes.items():
        if level_id not in statements:
            problems.add(
                ext,
                "library.unknown-level",
                f"changes for unknown level '{level_id}'.{did_you_mean(level_id, list(statements))}",
                at=level_id,
            )
            continue
        by_ref = {ref: text for text, ref in refs.get(level_id, {}).items()}
        texts = list(statements[level_id])
        wanted = [(ref, None) for ref in change.remove] + [(r.ref, r.text) for r in change.replace]
        for ref, text in wanted:
            full = qualified(ref, base.id)
            if full not in by_ref or by_ref[full] not in texts:
                problems.add(
                    ext,
                    "library.unknown-ref",
                    f"block '{ext.id}' changes '{ref}', which is not a {level_id} statement of "
                    f"'{base.id}'.{did_you_mean(full, list(by_ref))}",
                    f"see 'jdgen show ROLE --refs'; the refs of level {level_id} are "
                    + ", ".join(list(by_ref)[:3])
                    + " ...",
                    at=ref,
                )
                continue
            index = texts.index(by_ref[full])
            if text is None:
                del texts[index]
            else:
                texts[index] = text
        # the workspace's own statements lead the level: a role takes only the first few
        statements[level_id] = tuple(change.add) + tuple(texts)
    changes = {
        name: getattr(ext, name)
        for name in ("title", "kpis", "kpis_by_level", "skills")
        if getattr(ext, name) is not None
    }
    return replace(base, id=ext.id, statements=statements, origin=ext.origin, **changes)


def _extend_role(base: Role, ext, problems) -> Role:
    """A role built on `base`: each key given replaces the base's (`scope` row by row)."""
    changes = {
        name: getattr(ext, name)
        for name in (f.name for f in fields(ext) if f.name not in ("id", "extends", "origin"))
        if getattr(ext, name) is not None
    }
    if ext.scope is not None and base.scope is not None:  # the rows it does not name stay the base's
        named = {f.name: getattr(ext.scope, f.name) for f in fields(ext.scope)}
        named = {name: value for name, value in named.items() if value is not None}
        changes["scope"] = replace(base.scope, **named)
    if ext.id != base.id and "aliases" not in changes:
        changes["aliases"] = ()  # a new role does not answer to its base's aliases
    if ext.title and ext.title != base.title:
        changes = {**_retitled(base, base.title, ext.title), **changes}
    return replace(base, id=ext.id, origin=ext.origin, **changes)


# The role's own sentences that may name it by title ("The Customer Service Manager runs ...").
_TITLED = ("summary", "posting_summary", "team", "travel", "qualifications", "kpis", "nice_to_have")


def _retitled(base: Role, old: str, new: str) -> dict:
    """The base's sentences that named its old title, naming the new one instead: a
    role that builds on another under its own title inherits them (keys it gives win)."""
    pattern = re.compile(rf"\b{re.escape(old)}\b")

    def fix(item):
        if isinstance(item, TextItem):
            return replace(item, text=pattern.sub(lambda _: new, item.text))
        return pattern.sub(lambda _: new, item) if item else item

    out = {}
    for name in _TITLED:
        value = getattr(base, name)
        out[name] = tuple(fix(t) for t in value) if isinstance(value, tuple) else fix(value)
    if base.mandate:
        out["mandate"] = replace(
            base.mandate,
            triggers={k: _retitled_trigger(v, fix) for k, v in base.mandate.triggers.items()},
            success=tuple(fix(t) for t in base.mandate.success),
            handover=tuple(fix(t) for t in base.mandate.handover),
        )
    return out


def _retitled_trigger(trigger, fix):
    if not isinstance(trigger, Trigger):
        return fix(trigger)
    return replace(
        trigger,
        reason=fix(trigger.reason),
        add={block: tuple(fix(t) for t in texts) for block, texts in trigger.add.items()},
        success=tuple(fix(t) for t in trigger.success),
        handover=tuple(fix(t) for t in trigger.handover),
    )


def load_library(library: Path | None = None, sources: Sources | None = None) -> Library:
    """Load and cross-check the library (the built-in one, `library`, or `sources`);
    raise the first error."""
    if sources is None:
        sources = default_sources(library, workspace=find_workspace())
    return _load_library(sources, sources.signature())


def validate_library(sources: Sources) -> tuple[Library | None, list[Diagnostic]]:
    """Every problem in the library at once (errors and warnings); the library when usable."""
    return _parse_library(sources)


@memo
def _load_library(sources: Sources, signature: tuple) -> Library:
    """Load from the on-disk cache when the files are unchanged, else parse and check."""
    same_sources = f"library-{diskcache.key(repr(sources))}-"
    name = same_sources + diskcache.key(signature)
    lib = diskcache.load(name)
    if not isinstance(lib, Library):
        lib, problems = _parse_library(sources)
        if lib is None or problems.errors:
            raise LibraryError.from_diagnostic(problems.errors[0])
        lazy = diskcache.Lazy  # a run reads one role and its blocks: only those are unpickled
        stored = replace(lib, roles=lazy.of(lib.roles), blocks=lazy.of(lib.blocks))
        diskcache.store(name, stored, replacing=same_sources)
    return lib


def _parse_library(sources: Sources) -> tuple[Library | None, _Problems]:
    problems = _Problems()
    if sources.find("library:levels.yaml") is None:
        problems.append(
            Diagnostic(
                "library.not-a-library",
                "no levels.yaml here; this is not a jdgen library",
                _library_root(sources),
            )
        )
        return None, problems
    levels = _merge_levels(
        [
            _load_list(problems, path, LevelsFile, "levels", "level")
            for path in sources.each("library:levels.yaml")
        ]
    )
    families = {}
    for path in sources.each("library:families.yaml"):  # a workspace's same id replaces, a new id adds
        families.update({f.id: f for f in _load_list(problems, path, FamiliesFile, "families", "family")})

    blocks, bases = _load_layers(problems, sources, "blocks", Block, BlockExtension, "block", _extend_block)
    roles, role_bases = _load_layers(problems, sources, "roles", Role, RoleExtension, "role", _extend_role)
    bases.update(role_bases)
    locales_file = sources.find("library:locales.yaml")
    locales = problems.load(locales_file, Locales) if locales_file else None
    if locales is None:
        if locales_file is None:
            problems.append(
                Diagnostic("library.missing-file", "no locales.yaml in the library", fix="add it")
            )
        return None, problems
    industries = {
        i.id: i
        for i in _load_list(
            problems, sources.find("library:industries.yaml"), IndustriesFile, "industries", "industry"
        )
    }
    spelling_file = sources.find("library:spelling.yaml")
    spelling = (problems.load(spelling_file, Spelling) if spelling_file else None) or Spelling()
    equality_file = sources.find("library:equality.yaml")
    equality = (problems.load(equality_file, EqualityFile) if equality_file else None) or EqualityFile(())
    governance_file = sources.find("library:governance.yaml")
    governance = problems.load(governance_file, GovernanceFile) if governance_file else None
    facts_file = sources.find("library:job-facts.yaml")
    job_facts = problems.load(facts_file, JobFactsFile) if facts_file else None
    lib = Library(
        sources,
        levels,
        families,
        blocks,
        roles,
        locales,
        industries,
        spelling,
        equality.statements,
        governance,
        job_facts,
        bases=bases,
    )
    _check_levels(lib, problems)
    _check_industries(lib, problems)
    _check_blocks(lib, problems)
    _check_roles(lib, problems)
    _check_braces(lib, problems)
    return replace(lib, warnings=tuple(d for d in problems if d.severity != "error")), problems


def _library_root(sources: Sources) -> Path | None:
    return next((layer.library for layer in sources.layers if layer.library is not None), None)


def _check_levels(lib: Library, problems: _Problems) -> None:
    level_ids = [lv.id for lv in lib.levels]
    top = lib.levels[-1] if lib.levels else None
    for family in lib.families.values():
        if top is not None and not top.reports_to and top.id not in family.reports_to:
            problems.add(
                family,
                "library.no-reporting-line",
                f"family '{family.id}' names no one its {top.id} reports to, and the {top.id} "
                "level names no one either",
                f"add 'reports_to: {{{top.id}: ...}}' to the family, or 'reports_to:' to the "
                f"{top.id} level in levels.yaml",
            )
        for mapping in (family.titles, family.reports_to):
            for level_id in mapping:
                if level_id not in level_ids:
                    problems.add(
                        family,
                        "library.unknown-level",
                        f"family '{family.id}' names unknown level '{level_id}'."
                        f"{did_you_mean(level_id, level_ids)}",
                    )


def _check_blocks(lib: Library, problems: _Problems) -> None:
    level_ids = [lv.id for lv in lib.levels]
    for block in lib.blocks.values():
        for what, mapping in (("statements", block.statements), ("KPIs", block.kpis_by_level)):
            for level_id in mapping:
                if level_id not in level_ids:
                    problems.add(
                        block,
                        "library.unknown-level",
                        f"block '{block.id}' has {what} for unknown level '{level_id}'."
                        f"{did_you_mean(level_id, level_ids)}",
                    )
        missing = [lv for lv in level_ids if not block.statements.get(lv)]
        if missing:
            problems.add(
                block,
                "library.missing-level",
                f"block '{block.id}' has no statements for level(s): {', '.join(missing)}",
                "write statements for every level in levels.yaml",
            )


def _check_roles(lib: Library, problems: _Problems) -> None:
    level_ids = [lv.id for lv in lib.levels]
    for role in lib.roles.values():
        if role.family not in lib.families:
            problems.add(
                role,
                "library.unknown-family",
                f"role '{role.id}' names unknown family '{role.family}'."
                f"{did_you_mean(role.family, list(lib.families))}",
                at=role.family,
            )
        if role.default_level not in level_ids:
            problems.add(
                role,
                "library.unknown-level",
                f"role '{role.id}' names unknown default_level '{role.default_level}'."
                f"{did_you_mean(role.default_level, level_ids)}",
                at=role.default_level,
            )
        own_blocks = [rb.id for rb in role.blocks]
        for trigger in (
            t for t in (role.mandate.triggers.values() if role.mandate else ()) if isinstance(t, Trigger)
        ):
            for block in trigger.add:
                if block not in own_blocks:
                    problems.add(
                        role,
                        "library.trigger-block",
                        f"role '{role.id}': a trigger adds to block '{block}', which the role does not list."
                        f"{did_you_mean(block, own_blocks)}",
                        f"use one of the role's blocks: {', '.join(own_blocks)}",
                        at=block,
                    )
        for rb in role.blocks:
            if rb.replace and not rb.add:
                problems.add(
                    rb,
                    "library.empty-replace",
                    f"role '{role.id}' replaces block '{rb.id}' with nothing",
                    "add statements under 'add:'",
                )
            if rb.id not in lib.blocks:
                problems.add(
                    rb,
                    "library.unknown-block",
                    f"role '{role.id}' uses unknown block '{rb.id}'.{did_you_mean(rb.id, list(lib.blocks))}",
                    "see 'jdgen list blocks'",
                    rb.id,
                )
        for other in role.compare_with:
            if other not in lib.roles:
                problems.add(
                    role,
                    "library.unknown-role",
                    f"role '{role.id}' compares with unknown role '{other}'."
                    f"{did_you_mean(other, list(lib.roles))}",
                    at=other,
                )


def _marked_lists(lib: Library):
    """(owner, list) for every library list whose items may be marked with industries."""
    for block in lib.blocks.values():
        for statements in block.statements.values():
            yield block, statements
        yield block, block.kpis
        yield block, block.skills
        for kpis in block.kpis_by_level.values():
            yield block, kpis
    for role in lib.roles.values():
        for name in ("qualifications", "competencies", "kpis", "direct_reports", "working_relationships"):
            yield role, getattr(role, name)
        yield role, role.nice_to_have
        for rb in role.blocks:
            yield role, rb.add


def _check_industries(lib: Library, problems: _Problems) -> None:
    """Every industry a text item or a role names is in industries.yaml, and no name
    stands for two industries (a profile's words must pick one)."""
    known = list(lib.industries)
    seen: dict[str, str] = {}
    for ind in lib.industries.values():
        for name in dict.fromkeys(industry.key(n) for n in industry.names(ind)):
            if seen.setdefault(name, ind.id) != ind.id:
                problems.add(
                    ind,
                    "library.industry-name-clash",
                    f"industry '{ind.id}' and industry '{seen[name]}' are both called '{name}'",
                    "keep the name under one industry only",
                )

    def check(owner, names) -> None:
        for name in names:
            if name not in lib.industries and name != industry.NEUTRAL:
                problems.add(
                    owner,
                    "library.unknown-industry",
                    f"unknown industry '{name}'.{did_you_mean(name, [*known, industry.NEUTRAL])}",
                    f"use one of {', '.join(known)} (industries.yaml), or {industry.NEUTRAL} for a "
                    "company of none of them",
                    at=name,
                )

    for _owner, items in _marked_lists(lib):
        for item in industry.marked(items):
            check(item, item.industries)
    for block in lib.blocks.values():
        check(block, block.industry_titles)
    for role in lib.roles.values():
        check(role, role.industries)
        if role.covers is not None and role.covers not in lib.roles:
            problems.add(
                role,
                "library.unknown-role",
                f"role '{role.id}' covers unknown role '{role.covers}'."
                f"{did_you_mean(role.covers, list(lib.roles))}",
                at=role.covers,
            )


def _library_texts(lib: Library):
    """Every statement-like text of the library that is rendered as a small template."""
    for block in lib.blocks.values():
        for statements in block.statements.values():
            yield from industry.every_text(statements)
    for role in lib.roles.values():
        yield role.summary
        yield from industry.every_text(role.qualifications)
        for rb in role.blocks:
            yield from industry.every_text(rb.add)
    for level in lib.levels:
        yield level.summary
        yield from level.qualifications


def _check_braces(lib: Library, problems: _Problems) -> None:
    for text in _library_texts(lib):
        found = _SINGLE_BRACES.search(text)
        if found:
            problems.add(
                None,
                "library.single-braces",
                f"'{found.group(0)}' has single braces, so it is printed as written",
                "write placeholders with double braces, e.g. {{ company.name }}",
                at=text,
                severity="warning",
            )


# --- company profiles ---------------------------------------------------------------

COMPANY_HINT = (
    "copy a built-in profile (see 'jdgen list companies') to ./companies/NAME.yaml "
    "and edit it, or pass a path to a YAML file"
)


def known_companies(lib: Library) -> dict[str, Path]:
    """Company names and their files: ./companies shadows the built-ins."""
    return lib.sources.listing("companies")


def find_company(lib: Library, name: str) -> Path:
    """Resolve --company: an existing YAML path, then ./companies/NAME.yaml, then built-in.
    A name written in a file (jdgen.yaml's `company:`, a posting's) is reported there."""
    try:
        return _find_company(lib, name)
    except JdgenError as exc:
        if exc.file is None and getattr(name, "file", None) is not None:
            exc.file, exc.line, exc.key = name.file, name.line, exc.key or "company"
        raise


def _find_company(lib: Library, name: str) -> Path:
    if name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name:
        path = Path(name)
        if path.is_file():
            return path
        if path.exists():  # a folder, device or FIFO: say what it is, not that it is missing
            raise LibraryError(f"company profile {name} is not a regular file", fix=COMPANY_HINT)
        raise LibraryError(f"company file not found: {name}", fix=COMPANY_HINT)
    known = known_companies(lib)
    if name in known:
        return known[name]
    same = [path for stem, path in known.items() if stem.lower() == name.lower()]
    if len(same) == 1:  # `-c Brightwater` for companies/brightwater.yaml
        return same[0]
    raise unknown("company", name, list(known), COMPANY_HINT)


def company_id(path: Path) -> str:
    """A readable, file-name-safe id from a profile's file name: 'My Co.yaml' -> 'my-co',
    'Łódź Ops.yaml' -> 'lodz-ops', '東京物流.yaml' -> 'dongjingwuliu'."""
    stem = path.stem
    if not stem.isascii():  # transliterate; imported only when needed (it costs start-up time)
        from anyascii import anyascii

        stem = anyascii(stem)
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:63].strip("-")
    return slug or "company"


def load_company(lib: Library, name: str) -> Company:
    """Find, load and validate one company profile."""
    return company_with_file(lib, name)[0]


def company_with_file(lib: Library, name: str) -> tuple[Company, Path]:
    """The profile and the file it came from; raises the first problem."""
    path = find_company(lib, name)
    stat = path.stat()
    company, problems = _load_company(lib, path.resolve(), stat.st_mtime_ns, stat.st_size)
    errors = [d for d in problems if d.severity == "error"]
    if errors:
        raise LibraryError.from_diagnostic(errors[0])
    return company, path


def company_warnings(lib: Library, path: Path) -> tuple[Diagnostic, ...]:
    """What loaded but looks like a mistake in a profile (a list item folded into another)."""
    if not path.is_file():
        return ()
    stat = path.stat()
    return tuple(
        d
        for d in _load_company(lib, path.resolve(), stat.st_mtime_ns, stat.st_size)[1]
        if d.severity != "error"
    )


def validate_company(lib: Library, path: Path) -> list[Diagnostic]:
    return list(_parse_company(lib, path)[1])


@memo
def _load_company(lib: Library, path: Path, mtime_ns: int, size: int):
    return _parse_company(lib, path)


def _parse_company(lib: Library, path: Path) -> tuple[Company | None, tuple[Diagnostic, ...]]:
    problems = _Problems()
    company, data = problems.load_with_data(path, Company)
    if isinstance(data, dict):  # country and currency are checked even when other keys are wrong
        _check_codes(lib, data, path, problems)
    if company is not None:
        company = replace(company, id=company.id.strip() or company_id(path))
        company = _with_industry(lib, company, problems)
        company = _with_legal_form(lib, company, problems, data)
        _check_company(lib, company, problems)
        _check_company_ids(lib, path, company, problems)
        _check_company_text(company, problems)
        if company.theme is not None:  # logo, colour, font and Word template: one line each
            problems.extend(theme.check(company, path))
    if any(d.severity == "error" for d in problems):
        company = None
    return company, tuple(problems)


def _check_company_ids(lib: Library, path: Path, company: Company, problems: _Problems) -> None:
    """Two profiles with the same id would write into one folder: the second is told to
    give itself an id of its own."""
    for other in known_companies(lib).values():
        if other.resolve() == path.resolve() or other.stem == path.stem:
            continue  # itself, or the built-in profile a workspace's own one shadows
        if _profile_id(other) != company.id:
            continue
        problems.add(
            company,
            "company.id-clash",
            f"this profile and {other} both make the company id '{company.id}', so their documents "
            "would be written into the same folder",
            f"give one of them an id of its own (id: {company.id}-2), or rename its file",
            at=getattr(company.id, "origin", None),
        )


def _profile_id(path: Path) -> str:
    """The id a profile file gives itself: its `id:`, else its file name's."""
    try:
        data = load_yaml(path)
    except LibraryError:
        return company_id(path)  # its own run reports the problem
    own = data.get("id") if isinstance(data, dict) else None
    return own.strip() if isinstance(own, str) and own.strip() else company_id(path)


def _check_codes(lib: Library, data: dict, path: Path, problems: _Problems) -> None:
    """The currency code, read from the raw data so it is reported in the same run as any
    other mistake in the file (country codes are bounded where the field is declared)."""
    currency = data.get("currency")
    currencies = list(lib.locales.currencies)
    if isinstance(currency, str) and currency.strip() and currency.strip() not in currencies:
        problems.append(
            Diagnostic(
                "company.currency",
                f"unknown currency '{currency}'.{did_you_mean(currency, currencies)}",
                path,
                data.line_of("currency"),
                fix=f"use one of {', '.join(sorted(currencies))}",
            )
        )


_PROFILE_TEXT = (
    "name",
    "about",
    "industry_description",
    "size",
    "location",
    "eeo",
    "apply",
    "website",
    "sites",
    "work_arrangement",
    "interim_terms",
)


def _check_company_text(company: Company, problems: _Problems) -> None:
    """Profile text is data and printed as written: braces in it are almost always a
    placeholder someone expected to be filled in."""
    texts = [getattr(company, name) for name in _PROFILE_TEXT] + [*company.values, *company.benefits]
    texts = [t for text in texts for t in (text.values() if isinstance(text, dict) else [text])]
    texts = [t for text in texts for t in (_site_texts(text) if isinstance(text, tuple) else [text])]
    if company.address:
        texts += [company.address.street, company.address.locality, company.address.postal_code]
        texts.append(company.address.region)
    for text in texts:
        found = text and (re.search(r"\{\{.*?\}\}|\{%.*?%\}", text) or _SINGLE_BRACES.search(text))
        if found:
            problems.add(
                company,
                "company.placeholder",
                f"'{found.group(0)}' is printed as written: profile text is never filled in like a statement",
                "write the text itself (for example the company's name)",
                at=text,
                severity="warning",
            )


def _site_texts(sites: tuple) -> list:
    return [t for site in sites for t in ([site] if isinstance(site, str) else [site.name, site.location])]


def _check_arrangements(lib: Library, company: Company, problems: _Problems, name: str) -> None:
    """Texts by role or level (work_arrangement, working_hours): each key is `default`, a
    level id or a role id."""
    known = ["default", *(lv.id for lv in lib.levels), *lib.roles]
    for key in getattr(company, name):
        if key not in known:
            problems.add(
                company,
                f"company.{name.replace('_', '-')}",
                f"{name}: '{key}' is not default, a level or a role.{did_you_mean(key, known)}",
                "use default, a level id (jdgen list levels) or a role id (jdgen list roles)",
                at=key,
            )


def _with_industry(lib: Library, company: Company, problems: _Problems) -> Company:
    """The profile's industry in its own words, resolved once: a known industry's id, or
    none (industry-neutral text) with the words kept as the company's description and one
    note saying so. Never an error: every company has an industry."""
    words = company.industry
    if words is None:
        return company
    found = industry.resolve(words, lib.industries)
    if found is not None:
        return replace(company, industry=found)
    inside = industry.named_inside(words, lib.industries)
    fix = (
        " or ".join(f"write industry: {id_} if '{name}' says what you do" for id_, name in inside)
        if inside
        else "if one that `jdgen list industries` shows fits, name it under industry:"
    )
    problems.add(
        company,
        "company.industry-neutral",
        f"industry '{words}' is not one the library has wording for, so the documents use "
        "industry-neutral wording."
        + (
            ""
            if inside
            else did_you_mean(
                words, [n for i in lib.industries.values() for n in industry.names(i)], cutoff=0.85
            )
        ),
        f"{fix}; keep your own words under industry_description",
        at=words,
        severity="info",
    )
    return replace(company, industry=None, industry_description=company.industry_description or words)


def _with_legal_form(lib: Library, company: Company, problems: _Problems, data) -> Company:
    """The profile's legal form in its own words, resolved once to a form's id; words the
    library does not know give the default governing body and one note (never an error)."""
    words = company.legal_form
    if words is None or lib.governance is None:
        return company
    forms = {f.id: f for f in lib.governance.legal_forms}
    wanted = industry.key(words)
    found = next(
        (f.id for f in forms.values() for name in (f.id, f.label, *f.names) if industry.key(name) == wanted),
        None,
    )
    if found is None:
        problems.add(
            company,
            "company.legal-form-unknown",
            f"legal_form '{words}' is not one governance.yaml knows, so the documents name "
            f"'{lib.governance.default.board_title}' as the governing body and use a business's money "
            "words (investors, P&L)."
            + did_you_mean(words, [n for f in forms.values() for n in (f.id, f.label, *f.names)], cutoff=0.8),
            f"use one of {', '.join(forms)}, or leave legal_form out",
            at=words,
            severity="info",
        )
        return replace(company, legal_form=None, oversight=None)
    if company.oversight and company.oversight not in forms[found].oversight:
        origin = company.origin
        problems.append(
            Diagnostic(
                "company.oversight",
                f"oversight: {company.oversight} is not a body a {forms[found].label} has in governance.yaml",
                origin.file if origin else None,
                data.line_of("oversight") if hasattr(data, "line_of") else None,
                fix="remove oversight:, or name the legal form that has it",
            )
        )
    return replace(company, legal_form=found)


def _check_company(lib: Library, company: Company, problems: _Problems) -> None:
    if company.eeo_variant and not company.eeo:
        found = lib.equality_statement(company)
        if found is None or found.variant != company.eeo_variant:
            problems.add(
                company,
                "company.eeo-variant",
                f"eeo_variant: {company.eeo_variant} has no statement for country "
                f"'{company.country or '(none)'}' in equality.yaml",
                "remove eeo_variant, or write your own statement under eeo:",
            )
    facts = lib.job_facts
    if facts and company.country in facts.working_time_countries and not company.working_hours:
        problems.add(
            company,
            "company.working-hours",
            f"an employer in {company.country} must tell workers their working time (Directive (EU) "
            "2019/1152, article 4), and the job descriptions cannot state it",
            "add working_hours: (say, 40 hours a week, Monday to Friday)",
            at=company.country,
            severity="info",
        )
    if not company.eeo and company.country and lib.equality and lib.equality_statement(company) is None:
        problems.add(
            company,
            "company.eeo-none",
            f"equality.yaml has no equal-opportunity statement for country '{company.country}', so the "
            "documents carry none",
            "write your company's statement under eeo:",
            at=company.country,
            severity="info",
        )
    for name in ("work_arrangement", "working_hours"):
        if isinstance(getattr(company, name), dict):
            _check_arrangements(lib, company, problems, name)
    level_ids = [lv.id for lv in lib.levels]
    if company.salary_bands and company.currency is None:
        problems.add(
            company,
            "company.currency-missing",
            "salary_bands are given without a currency",
            "add currency: with an ISO code such as USD, EUR or GBP",
        )
    for role_id, band in company.role_bands.items():
        if role_id not in lib.roles:
            problems.add(
                band,
                "company.unknown-role",
                f"role band for unknown role '{role_id}'.{did_you_mean(role_id, sorted(lib.roles))}",
                "use a role id shown by `jdgen list roles`",
            )
    for level_id, band in [
        *company.salary_bands.items(),
        *company.day_rates.items(),
        *((lib.roles[r].default_level, b) for r, b in company.role_bands.items() if r in lib.roles),
    ]:
        if level_id not in level_ids:
            problems.add(
                band,
                "company.unknown-level",
                f"salary band for unknown level '{level_id}'.{did_you_mean(level_id, level_ids)}",
                f"use one of {', '.join(level_ids)}",
            )
