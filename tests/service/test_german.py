"""Documents in German (--language de): every format says its language, carries the
catalogue's words and Babel's German money and dates, and no English library text."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from babel.dates import format_date
from babel.numbers import format_currency

from jdgen.library.loader import load_company
from jdgen.library.sources import default_sources
from jdgen.library.translation import catalogue, library_texts, normal

from ..conftest import roles_of


def _german(text: str) -> str:
    return catalogue(default_sources(), "de").get(text).text


def _money(amount: int, locale: str, currency: str = "EUR") -> str:
    """Babel's whole-number amount in the locale's own pattern, spaces as plain spaces."""
    from babel import Locale

    pattern = re.sub(r"\.0+", "", Locale.parse(locale).currency_formats["standard"].pattern.split(";")[0])
    return _plain(format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False))


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture(scope="module")
def nordwerk_de(tmp_path_factory):
    """The Nordwerk COO in German, every format, and its advert."""
    from click.testing import CliRunner

    from jdgen.app.cli import main

    out = tmp_path_factory.mktemp("de")
    runner = CliRunner()
    for extra in ([], ["-t", "posting"]):
        formats = "docx,pdf,html,md,txt,json" + (",jsonld" if extra else "")  # every format, both templates
        result = runner.invoke(
            main, ["coo", "-c", "nordwerk", "--language", "de", "-f", formats, "-o", str(out), *extra]
        )
        assert result.exit_code == 0, result.output
    return out / "nordwerk"


def test_markdown_and_text_carry_the_catalogues_words_and_german_money_and_dates(nordwerk_de, lib):
    company = load_company(lib, "nordwerk")
    band = company.salary_bands["executive"]
    for name in ("coo.md", "coo.txt"):
        text = " ".join(_plain((nordwerk_de / name).read_text("utf-8")).split()).casefold()

        def has(words: str, text: str = text) -> bool:
            return " ".join(_plain(words).split()).casefold() in text

        assert has(_german("Key responsibilities")) and has(_german("Chief Operating Officer"))
        assert has(_money(band.min, "de_DE")) and has(_money(band.max, "de_DE"))
        assert has(format_date(date.fromisoformat(company.revised), "long", locale="de_DE"))
        assert has(company.translations["de"].about.split(".")[0])  # the profile's own German
        assert not has(company.about.split(".")[0])  # and not its English


def test_no_english_library_text_is_left_in_a_german_document(nordwerk_de):
    english = {normal(t) for _, t in library_texts(default_sources()) if len(t.split()) >= 4 and "{" not in t}
    for name in ("coo.md", "coo-posting.md"):
        text = normal((nordwerk_de / name).read_text("utf-8").replace("*", ""))
        left = [e for e in english if e in text and normal(_german(e)) != e]
        assert left == [], left[:5]


def test_docx_is_german_with_hyphenation(nordwerk_de):
    import docx

    document = docx.Document(str(nordwerk_de / "coo.docx"))
    assert _german("Key responsibilities") in [p.text for p in document.paragraphs]
    with zipfile.ZipFile(nordwerk_de / "coo.docx") as z:
        assert 'w:lang w:val="de-DE"' in z.read("word/styles.xml").decode()
        assert "<w:autoHyphenation/>" in z.read("word/settings.xml").decode()


def test_pdf_html_and_jsonld_say_german(nordwerk_de):
    import pypdf

    reader = pypdf.PdfReader(str(nordwerk_de / "coo.pdf"))
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"
    assert _german("Key responsibilities") in "".join(p.extract_text() for p in reader.pages)
    assert re.search(r'<html lang="de-DE"', (nordwerk_de / "coo.html").read_text("utf-8"))
    data = json.loads((nordwerk_de / "coo-posting.jsonld").read_text("utf-8"))
    assert data["inLanguage"] == "de-DE" and data["title"].endswith("(m/w/d)")
    assert json.loads((nordwerk_de / "coo.json").read_text("utf-8"))["meta"]["language"] == "de-DE"


def test_an_unknown_language_is_one_line_naming_those_there_are(run):
    result = run("coo", "-c", "nordwerk", "--language", "fr", "-f", "md")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "'fr'" in lines[0] and "de (German)" in lines[0] and "en (English)" in lines[0]
    assert not Path("output").exists()


def test_the_profile_workspace_and_posting_choose_the_language(run, tmp_path, lib):
    profile = yaml.safe_load((default_sources().find("companies:nordwerk.yaml")).read_text("utf-8"))
    (tmp_path / "companies").mkdir()
    (tmp_path / "companies" / "nw.yaml").write_text(yaml.safe_dump({**profile, "language": "de"}), "utf-8")
    assert run("coo", "-c", "nw", "-f", "md").exit_code == 0
    assert _german("Key responsibilities") in (tmp_path / "output/nw/coo.md").read_text("utf-8")
    assert run("coo", "-c", "nw", "-f", "md", "--language", "en", "-o", "en").exit_code == 0
    assert "Key responsibilities" in (tmp_path / "en/nw/coo.md").read_text("utf-8")
    (tmp_path / "p.yaml").write_text("role: coo\ncompany: nordwerk\nlanguage: de\n", "utf-8")
    assert run("build", "p.yaml", "-f", "md").exit_code == 0
    assert _german("What you will do") in (tmp_path / "output/nordwerk/p.md").read_text("utf-8")
    (tmp_path / "jdgen.yaml").write_text("company: nordwerk\nlanguage: de\n", "utf-8")
    assert run("operations-manager", "-f", "md", "-o", "ws").exit_code == 0
    assert _german("Key responsibilities") in (tmp_path / "ws/nordwerk/operations-manager.md").read_text()


def test_swiss_documents_are_de_ch_without_sharp_s(run, tmp_path):
    (tmp_path / "ch.yaml").write_text(
        "name: Alpwerk AG\ncountry: CH\nlegal_form: AG\nindustry: logistics\nlanguage: de\n"
        "currency: CHF\nsalary_bands: {executive: {min: 200000, max: 260000}}\n",
        "utf-8",
    )
    assert run("coo", "-c", "ch.yaml", "-f", "md,html").exit_code == 0
    folder = next((tmp_path / "output").iterdir())
    text = _plain((folder / "coo.md").read_text("utf-8"))
    assert "ß" not in text and _money(200000, "de_CH", "CHF") in text
    assert '<html lang="de-CH"' in (folder / "coo.html").read_text("utf-8")


def test_a_posting_removes_a_statement_by_its_english_ref_in_german_too(run, tmp_path, lib):
    from jdgen.compose.document import document_text
    from jdgen.compose.tailor import selection
    from jdgen.service.generate import Service

    service = Service(lib)
    request = service.resolve("coo", "nordwerk", language="de")
    ref, german = next(iter(selection(lib, request)[0].items))
    german = document_text(lib, request).one(german)
    (tmp_path / "p.yaml").write_text(
        f"role: coo\ncompany: nordwerk\nlanguage: de\nstatements: {{remove: [{ref}]}}\n", "utf-8"
    )
    result = run("build", "p.yaml", "-f", "md")
    assert result.exit_code == 0, result.output
    assert normal(german) not in normal((tmp_path / "output/nordwerk/p.md").read_text("utf-8"))


def test_a_workspace_block_without_german_is_listed_and_stops_a_german_document(run, tmp_path):
    (tmp_path / "jdgen.yaml").write_text("company: nordwerk\nlanguage: de\n", "utf-8")
    (tmp_path / "blocks").mkdir()
    block = yaml.safe_load(default_sources().find("library:blocks/people.yaml").read_text("utf-8"))
    block["statements"]["manager"] = ["Meet every new senior hire in their first week."]
    (tmp_path / "blocks" / "people.yaml").write_text(yaml.safe_dump(block, sort_keys=False), "utf-8")
    result = run("validate", "--no-content")
    assert "Meet every new senior hire" in result.output and "translation.missing" in result.output
    result = run("operations-manager", "-f", "md")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "blocks/people.yaml" in result.output
    assert not (tmp_path / "output").exists()


@pytest.mark.slow
def test_every_german_document_of_nordwerk_passes_jdgen_check(lib):
    """Every role that fits Nordwerk, at every level, both templates, in German."""
    from jdgen.service.generate import Service

    service = Service(lib)
    company = load_company(lib, "nordwerk")
    found = []
    for role in roles_of(lib, company):
        for level in lib.levels:
            for template in ("jd", "posting"):
                request = service.resolve(role, "nordwerk", level=level.id, template=template, language="de")
                report = service.check_report(service.compose(request))
                where = f"{role}@{level.id} {template}"
                found += [f"{where}: {f}" for f in report.findings if f.severity != "info"]
    assert found == [], found[:5]


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_postings_contract_term_and_probation_are_stated(run, tmp_path, language):
    (tmp_path / "p.yaml").write_text(
        f"role: operations-manager\ncompany: nordwerk\nlanguage: {language}\n"
        "employment: {term: fixed-term, duration: 24 months, probation: 6 months}\n",
        "utf-8",
    )
    assert run("build", "p.yaml", "-f", "md").exit_code == 0
    text = (tmp_path / "output/nordwerk/p.md").read_text("utf-8")
    word = (lambda t: t) if language == "en" else _german
    assert word("Contract term") in text and word("Probation period") in text
    assert word("Fixed term: {duration}").replace("{duration}", "24 months") in text


def test_a_companys_own_gender_inclusive_form_follows_the_posting_title(run, tmp_path):
    (tmp_path / "alp.yaml").write_text(
        "name: Alp AG\ncountry: CH\nlanguage: de\ntitle_suffix: (w/m/d)\n", "utf-8"
    )
    assert run("buyer", "-c", "alp.yaml", "-t", "posting", "-f", "md").exit_code == 0
    heading = next((tmp_path / "output").glob("*/buyer-posting.md")).read_text("utf-8").splitlines()[0]
    assert heading.endswith("(w/m/d)") and "(m/w/d)" not in heading


def test_an_advert_states_the_profiles_contract_and_a_posting_file_overrides_it(lib):
    from jdgen.service.generate import Service

    service = Service(lib)
    nordwerk = load_company(lib, "nordwerk")
    advert = dict(
        service.compose(service.resolve("operations-manager", "nordwerk", template="posting")).facts
    )
    assert advert["hours"] == nordwerk.working_hours["default"] and advert["probation"] == nordwerk.probation
    assert "term" in advert and "employment" in advert
    jd = dict(service.compose(service.resolve("operations-manager", "nordwerk")).facts)
    assert "employment" not in jd and jd["probation"] == nordwerk.probation  # hours: its working time row
    german = dict(
        service.compose(service.resolve("coo", "nordwerk", template="posting", language="de")).facts
    )
    assert german["hours"] == nordwerk.translations["de"].working_hours["executive"]


def test_init_language_de_writes_a_german_workspace_whose_example_builds_in_german(run, tmp_path):
    result = run("init", "ws", "--company", "nordwerk", "--language", "de")
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((tmp_path / "ws/jdgen.yaml").read_text("utf-8"))
    assert config["language"] == "de"
    import os

    os.chdir(tmp_path / "ws")
    assert run("build", "postings/example.yaml", "-f", "md").exit_code == 0
    text = (tmp_path / "ws/output/nordwerk/example.md").read_text("utf-8")
    posting = yaml.safe_load((tmp_path / "ws/postings/example.yaml").read_text("utf-8"))
    assert text.startswith(f"# {posting['title']}") and _german("What you will do") in text
    assert posting["statements"]["add"][0]["text"] in text
    assert run("init", "other", "--language", "fr").exit_code == 1 and not (tmp_path / "ws/other").exists()


def test_a_postings_running_header_and_document_title_carry_its_gender_marker(nordwerk_de):
    import pypdf

    with zipfile.ZipFile(nordwerk_de / "coo-posting.docx") as z:
        header = z.read("word/header1.xml").decode()
    assert "(m/w/d)</w:t>" in header
    assert "(m/w/d)" in pypdf.PdfReader(str(nordwerk_de / "coo-posting.pdf")).metadata.title
    assert "(m/w/d)" not in pypdf.PdfReader(str(nordwerk_de / "coo.pdf")).metadata.title  # not the JD's


def test_show_lists_the_same_refs_in_german(run):
    english = run("show", "operations-manager", "-c", "nordwerk", "--refs").output
    german = run("show", "operations-manager", "-c", "nordwerk", "--refs", "--language", "de").output

    def refs(out: str) -> list[str]:
        return [line.strip() for line in out.splitlines() if line.startswith("  ") and "/" in line[:60]]

    assert refs(english) == refs(german) and refs(english)
    assert _german("Daily operations") in german and "Daily operations" not in german
