"""One resolver for every file jdgen reads: the user's folders first, then the built-ins.

A `Layer` is one place that may provide library files (levels, families, locales,
blocks, roles), company profiles and output templates (HTML, DOCX parts, CSS, labels).
`Sources` looks a name up through the layers in order and the first one that has it
wins, so a user's `companies/acme.yaml` shadows the built-in Acme and a later
workspace can shadow a template or a block by giving it the same name.

Every file is known by a *key* that does not depend on where it was found
("library:roles/coo.yaml", "templates:html/jd.html.j2"). The manifest records keys,
and digests resolve them again, so a file that starts to shadow another one changes
the digest of every document that read the name.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..core.caches import memo
from ..core.errors import JdgenError, TemplateError
from ..core.paths import library_dir, templates_dir
from ..core.provenance import note
from ..core.reading import open_input
from ..core.record import record

LIBRARY_FILES = (
    "levels.yaml",
    "families.yaml",
    "locales.yaml",
    "industries.yaml",
    "spelling.yaml",
    "equality.yaml",
    "governance.yaml",
    "job-facts.yaml",
)


@record(frozen=True)
class Layer:
    """One root: which folders it provides. Any of them may be missing."""

    name: str  # "user", "builtin", ... shown in listings and stored in keys' digests
    library: Path | None = None
    companies: Path | None = None
    templates: Path | None = None

    def folder(self, area: str) -> Path | None:
        return {"library": self.library, "companies": self.companies, "templates": self.templates}[area]


@record(frozen=True)
class Sources:
    """The ordered layers; lookups go through them, first match wins."""

    layers: tuple[Layer, ...]

    def find(self, key: str) -> Path | None:
        """The file a key names in the first layer that has it, else None."""
        return _resolved(self, key)[0]

    def template(self, name: str) -> Path:
        """A template file by its name under templates/, noted as read."""
        key = f"templates:{name}"
        note(key)
        path = self.find(key)
        if path is None:
            raise TemplateError(f"template not found: {name}", templates_dir())
        return path

    def template_folders(self) -> tuple[Path, ...]:
        """The template folders, first match wins (the output environment's loader)."""
        return tuple(layer.templates for layer in self.layers if layer.templates is not None)

    def layer_of(self, key: str) -> str:
        """The name of the layer a key resolves in ('file' for a path, 'missing')."""
        return _resolved(self, key)[1]

    def listing(self, area: str, sub: str = "", pattern: str = "*.yaml") -> dict[str, Path]:
        """{stem: path} of the files under `sub` in every layer; earlier layers win."""
        found: dict[str, Path] = {}
        for layer in reversed(self.layers):
            folder = layer.folder(area)
            if folder is not None and (folder / sub).is_dir():
                for path in sorted((folder / sub).glob(pattern)):
                    found[path.stem] = path
        return dict(sorted(found.items()))

    def each(self, key: str) -> list[Path]:
        """Every layer's file for a key, lowest layer first (for files merged by id)."""
        area, _, name = key.partition(":")
        found = []
        for layer in reversed(self.layers):
            folder = layer.folder(area)
            if folder is not None and (folder / name).is_file():
                found.append(folder / name)
        return found

    def layered(self, area: str, sub: str, pattern: str = "*.yaml") -> list[dict[str, Path]]:
        """{stem: path} of the files under `sub`, one mapping per layer, lowest first."""
        out = []
        for layer in reversed(self.layers):
            folder = layer.folder(area)
            if folder is not None and (folder / sub).is_dir():
                out.append({p.stem: p for p in sorted((folder / sub).glob(pattern))})
        return out

    def key(self, path: Path) -> str:
        """The key under which `path` would be found again ('file:...' when it is no layer's);
        a relative path is read from the current folder, as the layers' folders are."""
        path = Path(os.path.abspath(path))
        for layer in self.layers:
            for area in ("library", "companies", "templates"):
                folder = layer.folder(area)
                if folder is not None and path.is_relative_to(folder):
                    return f"{area}:{path.relative_to(folder).as_posix()}"
        return f"file:{path.resolve()}"

    def digest(self, keys) -> str:
        """One digest of what the keys resolve to now: which layer, and the bytes."""
        h = hashlib.sha256()
        for key in sorted(set(keys)):
            path, layer = _resolved(self, key)
            h.update(f"{key}\n{layer}\n{file_digest(path) if path else 'missing'}\n".encode())
        return h.hexdigest()

    def signature(self) -> tuple:
        """Names and content hashes of every YAML file the library could read: a change
        anywhere means a reload (used to key the parsed-library cache). The bytes, not
        size and mtime: an edit that keeps both (two saves within a disk's one-second
        tick, a copy that restores the old time) must never be read back stale. Reading
        the ~50 built-in files costs under a millisecond."""
        rows = []
        for layer in self.layers:
            for area in ("library", "companies"):
                folder = layer.folder(area)
                if folder is None or not folder.is_dir():
                    continue
                files = (
                    folder.rglob("*.yaml")
                    if area == "companies"
                    else [*folder.glob("*.yaml"), *folder.glob("blocks/*.yaml"), *folder.glob("roles/*.yaml")]
                )
                for p in sorted(files):
                    content = _sha256(p)
                    if content is not None:  # the loader names a file it cannot read
                        rows.append((layer.name, str(p), content))
        return tuple(rows)


def default_sources(library: Path | None = None, cwd: Path | None = None, workspace=None) -> Sources:
    """./companies first (profiles users keep beside their work), then the workspace
    (roles, blocks, levels, families, companies and templates beside jdgen.yaml), then
    the library (the built-in one, or --library), then the built-in templates."""
    root = Path(library) if library else library_dir()
    cwd = Path.cwd() if cwd is None else cwd
    layers = []
    if workspace is None or (cwd / "companies").resolve() != (workspace.root / "companies").resolve():
        layers.append(Layer("user", companies=cwd / "companies"))
    if workspace is not None:
        ws = workspace.root
        layers.append(Layer("workspace", library=ws, companies=ws / "companies", templates=ws / "templates"))
    layers.append(Layer("library" if library else "builtin", library=root, companies=root / "companies"))
    layers.append(Layer("builtin", templates=templates_dir()))
    return Sources(tuple(layers))


@memo
def _resolved(sources: Sources, key: str) -> tuple[Path | None, str]:
    """(file, layer name) a key resolves to. Remembered for the life of the process, or
    until the studio reloads (core.caches.clear_all): one run sees one consistent set of files."""
    area, _, name = key.partition(":")
    if area == "file":
        path = Path(name)
        return (path, "file") if path.is_file() else (None, "missing")
    for layer in sources.layers:
        folder = layer.folder(area)
        if folder is not None and (folder / name).is_file():
            return folder / name, layer.name
    return None, "missing"


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes, recomputed only when its size or mtime changes."""
    stat = Path(path).stat()
    return _digest_of(Path(path), stat.st_mtime_ns, stat.st_size)


@memo
def _digest_of(path: Path, mtime_ns: int, size: int) -> str:
    return _sha256(path) or "unreadable"


def _sha256(path: Path) -> str | None:
    """The file's digest, read in pieces; None for what is not a readable regular file
    (a FIFO or /dev/zero would never end)."""
    try:
        with open_input(path) as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except JdgenError:
        return None
