"""core/paths.py: the built-in templates, library and check rules, found beside the code."""

from __future__ import annotations

from pathlib import Path

import jdgen
from jdgen.core.paths import library_dir, resource_dir, templates_dir


def test_resources_are_the_installed_packages_folders():
    package = Path(jdgen.__file__).resolve().parent
    assert templates_dir() == resource_dir("templates") == package / "templates"
    assert library_dir() == resource_dir("responsibilities") == package / "responsibilities"
    assert (templates_dir() / "labels.yaml").is_file()
    assert (library_dir() / "roles" / "coo.yaml").is_file()
    assert (resource_dir("checks") / "rules").is_dir()


def test_a_name_not_installed_falls_back_to_beside_the_package():
    package = Path(jdgen.__file__).resolve().parent
    assert resource_dir("no-such-folder") == package.parent / "no-such-folder"
