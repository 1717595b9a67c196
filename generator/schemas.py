"""JSON Schemas for every kind of YAML file, from the same models the loader uses.

`jdgen schema KIND` prints one; `jdgen init` writes them all into the workspace's
schemas/ folder, which each file it writes names in its first line
(`# yaml-language-server: $schema=...`) so editors complete and check fields.
"""

from __future__ import annotations

from importlib import import_module

# kind -> (module, model names: a file is either of them), title
_KINDS = {
    "workspace": ("workspace", ("WorkspaceConfig",), "jdgen workspace (jdgen.yaml)"),
    "company": ("models", ("Company",), "jdgen company profile"),
    "role": ("models", ("Role", "RoleExtension"), "jdgen role"),
    "block": ("models", ("Block", "BlockExtension"), "jdgen responsibility block"),
    "level": ("models", ("LevelsFile",), "jdgen levels.yaml"),
    "family": ("models", ("FamiliesFile",), "jdgen families.yaml"),
    "posting": ("posting", ("Posting",), "jdgen posting (one opening)"),
    "batch": ("batchmodels", ("BatchFile",), "jdgen batch file"),
    "locales": ("models", ("Locales",), "jdgen locales.yaml"),
}
KINDS = tuple(_KINDS)
ALIASES = {"levels": "level", "families": "family"}


def schema_for(kind: str) -> dict:
    from .schema import json_schema

    module, names, title = _KINDS[ALIASES.get(kind, kind)]
    loaded = import_module(f"{__package__}.{module}")
    models = [getattr(loaded, name) for name in names]
    return json_schema(models[0] if len(models) == 1 else models, title)
