"""Find, load and validate the responsibility library and company profiles.

Everything is checked here, once, so later steps can trust the data: schemas, unique
ids, cross-references (a role's family, levels and blocks exist), statements written
for every level, and role ids that cannot be mistaken for CLI commands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from . import cache as diskcache
from .errors import LibraryError, did_you_mean, unknown
from .models import Block, Company, FamiliesFile, Family, Level, LevelsFile, Locales, Role
from .paths import library_dir
from .schema import Origin, convert
from .yamlsource import load_yaml

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


@dataclass(frozen=True, eq=False)  # hashed by identity: one loaded library per process
class Library:
    """The loaded, cross-checked library: levels in ladder order, everything by id."""

    root: Path
    levels: tuple[Level, ...]
    families: dict[str, Family]
    blocks: dict[str, Block]
    roles: dict[str, Role]
    locales: Locales

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

    def block(self, block_id: str) -> Block:
        if block_id not in self.blocks:
            raise unknown("block", block_id, list(self.blocks), "see 'jdgen list blocks'")
        return self.blocks[block_id]


def _origin(obj) -> tuple[Path | None, int | None]:
    origin: Origin | None = getattr(obj, "origin", None)
    return (origin.file, origin.line) if origin else (None, None)


def _fail(obj, message: str, fix: str | None = None, at=None):
    """Raise for `obj`, pointing at the line of `at` (a loaded Text) when known."""
    file, line = _origin(obj)
    raise LibraryError(message, file, getattr(at, "line", None) or line, fix)


def _check_id(obj, kind: str) -> None:
    if not ID_PATTERN.match(obj.id):
        _fail(obj, f"{kind} id '{obj.id}' is not valid", "use lower-case letters, digits and '-'")


def _load_list(path: Path, file_cls, key: str, kind: str) -> tuple:
    """Load a file holding one list of objects (levels.yaml, families.yaml)."""
    items = getattr(convert(file_cls, load_yaml(path), path), key)
    seen: set[str] = set()
    for item in items:
        _check_id(item, kind)
        if item.id in seen:
            _fail(item, f"duplicate {kind} id '{item.id}'", "give each one its own id")
        seen.add(item.id)
    return items


def _load_dir(directory: Path, cls, kind: str) -> dict:
    """Load one object per YAML file; duplicate ids across files are errors."""
    found: dict[str, object] = {}
    for path in sorted(directory.glob("*.yaml")):
        obj = convert(cls, load_yaml(path), path)
        _check_id(obj, kind)
        if obj.id in found:
            other = _origin(found[obj.id])[0]
            _fail(obj, f"duplicate {kind} id '{obj.id}' (also in {other})", "rename one of them")
        found[obj.id] = obj
    return found


def load_library(root: Path | None = None, reserved: frozenset[str] = frozenset()) -> Library:
    """Load and cross-check the library at `root` (the built-in one by default)."""
    root = Path(root) if root else library_dir()
    return _load_library(root, reserved, _signature(root))


def _signature(root: Path) -> tuple:
    """Names, sizes and mtimes of the library's files: a changed file means a reload."""
    try:
        return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(root.rglob("*.yaml")))
    except OSError:
        return ()


@cache
def _load_library(root: Path, reserved: frozenset[str], signature: tuple) -> Library:
    """Load from the on-disk cache when the files are unchanged, else parse and check."""
    name = f"library-{diskcache.key(str(root), sorted(reserved), signature)}"
    lib = diskcache.load(name)
    if not isinstance(lib, Library):
        lib = _parse_library(root, reserved)
        diskcache.store(name, lib)
    return lib


def _parse_library(root: Path, reserved: frozenset[str]) -> Library:
    if not (root / "levels.yaml").is_file():
        raise LibraryError("no levels.yaml here; this is not a jdgen library", root)
    levels = _load_list(root / "levels.yaml", LevelsFile, "levels", "level")
    families = {f.id: f for f in _load_list(root / "families.yaml", FamiliesFile, "families", "family")}
    blocks = _load_dir(root / "blocks", Block, "block")
    roles = _load_dir(root / "roles", Role, "role")
    locales = convert(Locales, load_yaml(root / "locales.yaml"), root / "locales.yaml")
    lib = Library(root, levels, families, blocks, roles, locales)
    _check_levels(lib)
    _check_blocks(lib)
    _check_roles(lib, reserved)
    return lib


def _check_levels(lib: Library) -> None:
    level_ids = [lv.id for lv in lib.levels]
    for family in lib.families.values():
        for mapping in (family.titles, family.reports_to):
            for level_id in mapping:
                if level_id not in level_ids:
                    _fail(
                        family,
                        f"family '{family.id}' names unknown level '{level_id}'."
                        f"{did_you_mean(level_id, level_ids)}",
                    )


def _check_blocks(lib: Library) -> None:
    level_ids = [lv.id for lv in lib.levels]
    for block in lib.blocks.values():
        for level_id in block.statements:
            if level_id not in level_ids:
                _fail(
                    block,
                    f"block '{block.id}' has statements for unknown level '{level_id}'."
                    f"{did_you_mean(level_id, level_ids)}",
                )
        for level_id in block.kpis_by_level:
            if level_id not in level_ids:
                _fail(
                    block,
                    f"block '{block.id}' has KPIs for unknown level '{level_id}'."
                    f"{did_you_mean(level_id, level_ids)}",
                )
        missing = [lv for lv in level_ids if not block.statements.get(lv)]
        if missing:
            _fail(
                block,
                f"block '{block.id}' has no statements for level(s): {', '.join(missing)}",
                "write statements for every level in levels.yaml",
            )


def _check_roles(lib: Library, reserved: frozenset[str]) -> None:
    level_ids = [lv.id for lv in lib.levels]
    for role in lib.roles.values():
        if role.id in reserved:
            _fail(role, f"role id '{role.id}' is also a jdgen command", "rename the role", role.id)
    for role in lib.roles.values():
        if role.family not in lib.families:
            _fail(
                role,
                f"role '{role.id}' names unknown family '{role.family}'."
                f"{did_you_mean(role.family, list(lib.families))}",
                at=role.family,
            )
        if role.default_level not in level_ids:
            _fail(
                role,
                f"role '{role.id}' names unknown default_level '{role.default_level}'."
                f"{did_you_mean(role.default_level, level_ids)}",
                at=role.default_level,
            )
        for rb in role.blocks:
            if rb.replace and not rb.add:
                _fail(
                    rb,
                    f"role '{role.id}' replaces block '{rb.id}' with nothing",
                    "add statements under 'add:'",
                )
            if rb.id not in lib.blocks:
                _fail(
                    rb,
                    f"role '{role.id}' uses unknown block '{rb.id}'.{did_you_mean(rb.id, list(lib.blocks))}",
                    "see 'jdgen list blocks'",
                    rb.id,
                )
        for other in role.compare_with:
            if other not in lib.roles:
                _fail(
                    role,
                    f"role '{role.id}' compares with unknown role '{other}'."
                    f"{did_you_mean(other, list(lib.roles))}",
                    at=other,
                )


# --- company profiles ---------------------------------------------------------------

COMPANY_HINT = (
    "copy a built-in profile (see 'jdgen list companies') to ./companies/NAME.yaml "
    "and edit it, or pass a path to a YAML file"
)


def company_dirs(lib: Library) -> list[Path]:
    """Where company names are looked up, in order: ./companies, then the built-ins."""
    return [Path.cwd() / "companies", lib.root / "companies"]


def known_companies(lib: Library) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for directory in reversed(company_dirs(lib)):  # local profiles shadow built-ins
        for path in sorted(directory.glob("*.yaml")):
            found[path.stem] = path
    return found


def find_company(lib: Library, name: str) -> Path:
    """Resolve --company: an existing YAML path, then ./companies/NAME.yaml, then built-in."""
    if name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name:
        path = Path(name)
        if path.is_file():
            return path
        raise LibraryError(f"company file not found: {name}", fix=COMPANY_HINT)
    if ID_PATTERN.match(name):
        for directory in company_dirs(lib):
            path = directory / f"{name}.yaml"
            if path.is_file():
                return path
    raise unknown("company", name, list(known_companies(lib)), COMPANY_HINT)


def company_id(path: Path) -> str:
    """A safe output folder name from a profile's file name ('My Co.yaml' -> 'my-co')."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")[:63]
    return slug or "company"


def load_company(lib: Library, name: str) -> Company:
    """Find, load and validate one company profile."""
    path = find_company(lib, name)
    company = convert(Company, load_yaml(path), path)
    company = replace(company, id=company_id(path))
    _check_company(lib, company)
    return company


def _check_company(lib: Library, company: Company) -> None:
    currencies = list(lib.locales.currencies)
    if company.currency not in currencies:
        _fail(
            company,
            f"unknown currency '{company.currency}'.{did_you_mean(company.currency, currencies)}",
            f"use one of {', '.join(sorted(currencies))}",
            at=company.currency,
        )
    countries = lib.locales.countries
    if company.country not in countries:
        code = company.country.upper()
        hint = " Did you mean 'GB'?" if code == "UK" else did_you_mean(code, countries)
        _fail(
            company,
            f"country '{company.country}' is not an ISO 3166 two-letter code.{hint}",
            "use a code such as US, CA, DE or GB",
            at=company.country,
        )
    level_ids = [lv.id for lv in lib.levels]
    for level_id, band in company.salary_bands.items():
        if level_id not in level_ids:
            _fail(
                band,
                f"salary band for unknown level '{level_id}'.{did_you_mean(level_id, level_ids)}",
                f"use one of {', '.join(level_ids)}",
            )
        if not 0 < band.min <= band.max:
            _fail(
                band,
                f"salary band '{level_id}' needs 0 < min <= max (got {band.min}-{band.max})",
                "write the lower figure as min and the higher as max, in whole currency units",
            )
