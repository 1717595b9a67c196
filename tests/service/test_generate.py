"""service.py: the one service every front end calls; plan, compose, render, write, record."""

from __future__ import annotations

import json

from conftest import replace_key

from jdgen.library.loader import load_library
from jdgen.service.generate import Service


def test_generate_writes_records_and_then_has_nothing_to_do(tmp_path, lib):
    service = Service(lib)
    request = service.resolve("coo", "acme", formats=("md", "json"), out=tmp_path)
    first = service.generate(request)
    assert [f.status for f in first.files] == ["written", "written"]
    entries = json.loads((request.folder / "manifest.json").read_text())["files"]
    assert set(entries) == {"coo.md", "coo.json"}
    assert "library:roles/coo.yaml" in entries["coo.md"]["sources"]
    assert "templates:md/jd.md.j2" in entries["coo.md"]["sources"]
    assert not any(k.startswith("templates:") for k in entries["coo.json"]["sources"])
    again = service.generate(request)
    assert [f.status for f in again.files] == ["unchanged", "unchanged"]


def test_a_change_to_one_block_regenerates_exactly_its_users(tmp_path, library_copy):
    service = Service(load_library(library_copy))
    requests = [service.resolve(r, "acme", formats=("md",), out=tmp_path) for r in ("coo", "buyer")]
    for request in requests:
        service.generate(request)
    users = {r.id for r in service.lib.roles.values() if any(b.id == "strategy" for b in r.blocks)}
    assert "coo" in users and "buyer" not in users
    path = library_copy / "blocks" / "strategy.yaml"
    path.write_text(path.read_text("utf-8").replace("title: ", "title: New ", 1), "utf-8")
    service.reload()
    requests = [service.resolve(r, "acme", formats=("md",), out=tmp_path) for r in ("coo", "buyer")]
    states = {r.role.id: service.generate(r).files[0].status for r in requests}
    assert states == {"coo": "written", "buyer": "unchanged"}


def test_reload_sees_edits_in_a_long_running_process(library_copy, acme):
    service = Service(load_library(library_copy))
    before = service.compose(service.resolve("coo", acme)).summary
    replace_key(library_copy / "roles" / "coo.yaml", "summary", "'Runs everything at {{ company.name }}.'")
    assert service.compose(service.resolve("coo", acme)).summary == before  # cached until reloaded
    service.reload()
    assert (
        service.compose(service.resolve("coo", acme)).summary == "Runs everything at Acme Manufacturing Inc."
    )


def test_render_notes_every_template_it_reads(lib, acme):
    service = Service(lib)
    jd = service.compose(service.resolve("coo", acme))
    _, keys = service.render(jd, "html")
    assert {"templates:html/jd.html.j2", "templates:html/base.html.j2", "templates:labels.yaml"} <= set(keys)
    assert {"templates:css/document.css", "templates:css/screen.css"} <= set(keys)
    _, docx_keys = service.render(jd, "docx")
    assert "templates:docx/styles.xml.j2" in docx_keys and "templates:docx/style.yaml" in docx_keys


def test_after_a_reload_a_new_include_is_recorded_as_an_input(tmp_path, monkeypatch, acme):
    """The studio edits a workspace template to include another, then reloads: the new
    text renders and the manifest's sources name the included template too (the list of
    a template's includes was cached apart from the other caches, and kept)."""
    from jdgen.library.context import run_context

    (tmp_path / "jdgen.yaml").write_text("company: acme\n")
    own = tmp_path / "templates" / "md"
    own.mkdir(parents=True)
    builtin = Service(load_library()).lib.sources.find("templates:md/jd.md.j2").read_text("utf-8")
    (own / "jd.md.j2").write_text(builtin, "utf-8")
    monkeypatch.chdir(tmp_path)
    run = run_context()
    service = Service(load_library(sources=run.sources), run)
    jd = service.compose(service.resolve("coo", acme))
    _, keys = service.render(jd, "md")
    assert "templates:md/extra.md.j2" not in keys
    (own / "extra.md.j2").write_text("Reviewed by the works council.\n", "utf-8")
    (own / "jd.md.j2").write_text(builtin + '\n{% include "md/extra.md.j2" %}\n', "utf-8")
    service.reload()
    jd = service.compose(service.resolve("coo", acme))
    text, keys = service.render(jd, "md")
    assert b"Reviewed by the works council." in text
    assert "templates:md/extra.md.j2" in keys


def test_service_warnings_are_diagnostics_with_codes(tmp_path, lib, acme):
    """A warning is a problem like any other: a code, the file that can change it, a fix."""
    import dataclasses

    service = Service(dataclasses.replace(lib, equality=()))  # a library with no statement for the US
    bare = dataclasses.replace(acme, eeo=None, salary_bands={})
    request = service.resolve("coo", bare, formats=("md",), out=tmp_path)
    warnings = service.produce(request, False, {}).warnings
    codes = {w.code: w for w in warnings}
    assert {"document.no-eeo", "document.no-pay"} <= set(codes)
    assert all(w.severity == "warning" and w.fix for w in warnings)
    assert str(codes["document.no-pay"]).endswith(
        "(fix: add salary_bands.executive; pay-transparency laws in many places require one)"
    )


def test_an_interim_role_without_a_day_rate_names_day_rates_not_the_salary_band(run, tmp_path):
    """An interim contract is paid by the day: a profile with salary_bands.executive
    but no day_rates is told to add day_rates.executive, never the band it has."""
    (tmp_path / "companies").mkdir()
    (tmp_path / "companies" / "ic.yaml").write_text(
        "name: Interim Co\ncountry: GB\ncurrency: GBP\n"
        "salary_bands:\n  executive: {min: 150000, max: 200000}\n"
    )
    result = run("interim-coo", "-c", "ic", "-f", "html", "--template", "posting")
    assert result.exit_code == 0, result.output
    assert "salary_bands.executive" not in result.output
    pay = [line for line in result.output.splitlines() if "no pay range" in line]
    assert len(pay) == 1 and "add day_rates.executive" in pay[0]
    assert "baseSalary (profile key: day_rates.executive)" in result.output
    result = run("coo", "-c", "ic", "-f", "html", "--template", "posting", "--level", "director")
    assert "add salary_bands.director" in result.output
    assert "baseSalary (profile key: salary_bands.director)" in result.output
