"""service/scaffold.py (`jdgen init`), in process: the files written, their schema headers,
an example posting whose refs are the library's own, and nothing overwritten."""

from __future__ import annotations

import json

import pytest

from jdgen.compose.tailor import pick
from jdgen.core.errors import JdgenError
from jdgen.library.posting import load_posting
from jdgen.schema.registry import KINDS, schema_for
from jdgen.service.generate import Service
from jdgen.service.scaffold import EXAMPLE_ROLE, FOLDERS, company_id_for, init
from jdgen.yamlio.source import load_yaml


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Brightwater Ltd", "brightwater-ltd"), ("--Ops__2027--", "ops-2027"), ("!!!", "company")],
)
def test_the_company_id_comes_from_the_folders_name(tmp_path, name, expected):
    assert company_id_for(tmp_path / name) == expected


def test_init_writes_a_workspace_with_a_schema_for_every_kind(lib, tmp_path):
    folder = tmp_path / "Brightwater Ltd"
    written = init(Service(lib), folder, name="Brightwater Software Ltd")
    relative = {p.relative_to(folder).as_posix() for p in written}
    assert {"jdgen.yaml", "companies/brightwater-ltd.yaml", "postings/example.yaml"} <= relative
    assert {f"schemas/{kind}.schema.json" for kind in KINDS} <= relative
    assert all((folder / sub).is_dir() for sub in FOLDERS)
    for kind in KINDS:
        assert json.loads((folder / "schemas" / f"{kind}.schema.json").read_text("utf-8")) == schema_for(kind)
    assert load_yaml(folder / "jdgen.yaml")["company"] == "brightwater-ltd"
    profile = folder / "companies" / "brightwater-ltd.yaml"
    assert load_yaml(profile)["name"] == "Brightwater Software Ltd"
    assert profile.read_text("utf-8").splitlines()[0].endswith("=../schemas/company.schema.json")


def test_the_example_posting_tailors_by_the_librarys_real_refs(lib, tmp_path):
    init(Service(lib), tmp_path / "ws", company="acme")
    posting = load_posting(tmp_path / "ws" / "postings" / "example.yaml")
    assert posting.role == EXAMPLE_ROLE and posting.company == "acme"
    role = lib.role(EXAMPLE_ROLE)
    company_industry = load_yaml(lib.sources.find("companies:acme.yaml")).get("industry")
    refs = {
        ref
        for p in pick(lib, role, lib.level(role.default_level), True, company_industry)
        for ref, _ in p.items
    }
    (removed,) = posting.statements.remove
    assert removed in refs  # a statement the document has, so removing it shows
    assert {a.block for a in posting.statements.add} <= {rb.id for rb in role.blocks}


def test_init_never_overwrites(lib, tmp_path):
    folder = tmp_path / "ws"
    (folder / "companies").mkdir(parents=True)
    mine = folder / "companies" / "ws.yaml"
    mine.write_text("name: Mine\n", "utf-8")
    written = init(Service(lib), folder)
    assert mine not in written and mine.read_text("utf-8") == "name: Mine\n"
    with pytest.raises(JdgenError, match="already exists") as caught:
        init(Service(lib), folder)
    assert caught.value.code == "init.exists"
