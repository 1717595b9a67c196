"""A company's own jdgen folder: `jdgen.yaml` and what sits beside it.

jdgen finds `jdgen.yaml` upward from the current folder (as git and ruff find their
files). The folder beside it layers over the built-in library: its `companies/`,
`roles/`, `blocks/`, `levels.yaml`, `families.yaml`, `templates/` and `theme/` come
first, so the same id replaces a built-in one and a new id adds to them. `jdgen.yaml`
names the default company, the output folder, the formats and the checker settings.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from ..core.caches import memo
from ..core.errors import LibraryError
from ..core.paths import inside
from ..core.record import record
from ..model.base import Origin
from ..model.data import CheckSettings, LanguageCode
from ..model.formats import DEFAULT_FORMATS, Formats
from ..schema.convert import convert
from ..yamlio.source import load_optional_yaml

WORKSPACE_FILE = "jdgen.yaml"
SCHEMA_FOLDER = "schemas"  # JSON Schemas `jdgen init` writes, for editors


# Not frozen: most of a dataclass's creation cost at import, and every run imports this
# module to look for jdgen.yaml. Nothing changes a config after loading.
@record(eq=False, repr=False)
class WorkspaceConfig:
    """jdgen.yaml: the defaults of every run inside the workspace."""

    company: str | None = None  # the default company id (companies/<id>.yaml)
    output: str = "output"  # relative to the workspace
    formats: Formats = DEFAULT_FORMATS
    check: CheckSettings | None = None  # `jdgen check` settings for every document here
    language: LanguageCode | None = None  # the documents' language where a profile names none
    origin: Origin | None = field(default=None, compare=False)


class Workspace:
    """A found workspace: its folder and its settings."""

    __slots__ = ("root", "config")

    def __init__(self, root: Path, config: WorkspaceConfig):
        self.root = root
        self.config = config

    @property
    def file(self) -> Path:
        return self.root / WORKSPACE_FILE

    @property
    def company(self) -> str | None:
        return self.config.company

    @property
    def output(self) -> Path:
        return self.root / self.config.output

    @property
    def formats(self) -> tuple[str, ...]:
        return self.config.formats

    @property
    def check(self) -> CheckSettings | None:
        return self.config.check

    @property
    def language(self) -> str | None:
        return self.config.language

    @property
    def postings(self) -> list[Path]:
        """Every posting file, in name order."""
        folder = self.root / "postings"
        return sorted(folder.glob("*.yaml")) if folder.is_dir() else []

    def folder(self, name: str) -> Path:
        return self.root / name


def find_workspace(start: Path | None = None) -> Workspace | None:
    """The workspace whose jdgen.yaml is in `start` (default: the current folder) or the
    nearest folder above it; None outside any workspace."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        path = folder / WORKSPACE_FILE
        if path.is_file():
            return load_workspace(folder)
        if path.exists() or path.is_symlink():  # a folder, a FIFO, a dangling link: never skipped
            raise LibraryError(
                f"{WORKSPACE_FILE} is not a regular file, so this workspace's settings cannot be read",
                path,
                fix=f"make {WORKSPACE_FILE} a YAML file (jdgen init writes one), or remove it",
                code="workspace.not-a-file",
            )
    return None


def load_workspace(root: Path) -> Workspace:
    path = Path(root) / WORKSPACE_FILE
    stat = path.stat()
    return _load(path.resolve(), stat.st_mtime_ns, stat.st_size)


@memo
def _load(path: Path, mtime_ns: int, size: int) -> Workspace:

    data = load_optional_yaml(path)
    if not data:
        config = WorkspaceConfig()
    else:
        config = convert(WorkspaceConfig, data, path)
    if not inside(path.parent, config.output):
        raise LibraryError(
            f"output '{config.output}' is outside the workspace",
            path,
            data.line_of("output"),
            "write a folder inside the workspace, such as output",
            "workspace.output",
        )
    return Workspace(path.parent, config)
