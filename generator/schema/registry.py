"""JSON Schemas for every kind of YAML file, from the same models the loader uses.

`jdgen schema KIND` prints one; `jdgen init` writes them all into the workspace's
schemas/ folder, which each file it writes names in its first line
(`# yaml-language-server: $schema=...`) so editors complete and check fields.
"""

from __future__ import annotations

from importlib import import_module

from .convert import json_schema

# kind -> (module, model names: a file is either of them; `sibling.Name` for a model in
# another module beside it), title
_KINDS = {
    "workspace": ("library.workspace", ("WorkspaceConfig",), "jdgen workspace (jdgen.yaml)"),
    "company": ("model.data", ("Company",), "jdgen company profile"),
    "role": ("model.data", ("Role", "extensions.RoleExtension"), "jdgen role"),
    "block": ("model.data", ("Block", "extensions.BlockExtension"), "jdgen responsibility block"),
    "level": ("model.data", ("LevelsFile",), "jdgen levels.yaml"),
    "family": ("model.data", ("FamiliesFile",), "jdgen families.yaml"),
    "posting": ("model.posting", ("Posting",), "jdgen posting (one opening)"),
    "batch": ("model.batch", ("BatchFile",), "jdgen batch file"),
    "locales": ("model.data", ("Locales",), "jdgen locales.yaml"),
    "check": ("model.data", ("CheckSettings",), "jdgen check settings (.jdgen-check.yaml)"),
}
KINDS = tuple(_KINDS)
ALIASES = {"levels": "level", "families": "family"}


def schema_for(kind: str) -> dict:

    module, names, title = _KINDS[ALIASES.get(kind, kind)]
    models = [_model(module, name) for name in names]
    return json_schema(models[0] if len(models) == 1 else models, title)


def _model(module: str, name: str):
    """A model by its name in `module`, or `sibling.Name` in a module beside it."""
    if "." in name:
        sibling, name = name.split(".")
        module = f"{module.rpartition('.')[0]}.{sibling}"
    return getattr(import_module(f"jdgen.{module}"), name)
