"""app/studio/draft.py, called directly: empty
fields saying nothing yet, problems in the form's words (from labels.yaml at test time),
names, and saving with its conflict check."""

from __future__ import annotations

import pytest
import yaml

from jdgen.app.studio.draft import Studio, _written, digest, in_form_words
from jdgen.core.errors import Diagnostic, JdgenError
from jdgen.core.files import document_stem
from jdgen.core.paths import templates_dir
from jdgen.library.context import run_context
from jdgen.service.generate import Service

FORM = yaml.safe_load((templates_dir() / "labels.yaml").read_text("utf-8"))["form_problems"]


def test_an_empty_field_or_line_says_nothing_yet():
    draft = {
        "role": "coo",
        "title": "  ",
        "statements": {"add": [{"block": "quality", "text": ""}, {"block": "quality", "text": "Audits."}]},
        "qualifications": {"add": []},
    }
    assert _written(draft) == {
        "role": "coo",
        "statements": {"add": [{"block": "quality", "text": "Audits."}]},
    }


def test_a_problem_is_said_in_the_forms_words_by_its_code_and_key(lib):
    data = {"salary": {"min": 120, "max": 90}, "work": {"arrangement": "remote", "office_days": 9}}
    keyed = Diagnostic("schema.missing-key", "missing key 'max'", key="salary.max")
    assert in_form_words(keyed, lib.sources, data) == (
        FORM["schema.missing-key salary.max"]["message"],
        FORM["schema.missing-key salary.max"]["fix"],
    )
    days = Diagnostic("posting.office-days", "office_days must be 1-6")
    assert in_form_words(days, lib.sources, data)[0] == FORM["posting.office-days"]["message"].format(
        office_days=9
    )
    other = Diagnostic("posting.unheard-of", "as the command line says it", fix="a fix")
    assert in_form_words(other, lib.sources, data) == ("as the command line says it", "a fix")


def test_a_new_draft_is_named_as_the_cli_names_the_roles_document(lib, studio_workspace):
    studio = Studio(Service(lib, run_context()), studio_workspace)
    role = lib.role("coo")
    assert studio.default_name({"role": "coo"}) == document_stem("coo", role.default_level, True, "posting")
    assert studio.default_name({"role": "coo", "level": "director", "template": "jd"}) == document_stem(
        "coo", "director", role.default_level == "director", "jd"
    )
    for name in ("../x", "Plant Manager", "a/b"):
        with pytest.raises(JdgenError, match="cannot be a posting file name"):
            studio.posting({"role": "coo"}, name)
    with pytest.raises(JdgenError, match="unknown company 'nobody'"):
        studio.posting({"role": "coo", "company": "nobody"}, "x")


def test_save_then_open_and_a_changed_file_is_a_conflict(lib, studio_workspace):
    studio = Studio(Service(lib, run_context()), studio_workspace)
    draft = {"role": "coo", "title": "COO, Dayton"}
    saved = studio.save(draft, "coo-dayton", None, False)
    path = studio_workspace / "postings" / "coo-dayton.yaml"
    assert saved["digest"] == digest(path.read_bytes()) and studio.posting_names() == ["coo-dayton"]
    opened = studio.open("coo-dayton")
    assert opened["draft"]["title"] == "COO, Dayton" and opened["digest"] == saved["digest"]
    path.write_text(path.read_text("utf-8").replace("COO, Dayton", "COO, Toledo"), "utf-8")
    assert (
        "changed outside the studio" in studio.save(draft, "coo-dayton", saved["digest"], False)["conflict"]
    )
    assert "already exists" in studio.save(draft, "coo-dayton", None, False)["conflict"]
    assert "saved" in studio.save(draft, "coo-dayton", saved["digest"], True)
    assert "COO, Dayton" in path.read_text("utf-8")
