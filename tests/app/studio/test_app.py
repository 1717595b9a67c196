"""The studio's drafts through its endpoints (Starlette's TestClient): the preview and
check, edits, suggestions, alternatives, save and open, downloads that equal the CLI's
files byte for byte, compare, and bad input answered with one line."""

from __future__ import annotations

import io
import subprocess
from html.parser import HTMLParser

import docx
import pytest
from conftest import jdgen_command
from studio_fixtures import COO, post

from jdgen.library.context import run_context
from jdgen.service.generate import Service

# the library's own COO posting has nothing to fix; this draft adds a line that has
FLAWED = {**COO, "statements": {"add": [{"block": "strategy", "text": "Lead a competitive, decisive team."}]}}


class _Text(HTMLParser):
    """The visible text of an HTML page (scripts and styles left out)."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@pytest.mark.parametrize(
    "draft",
    [
        "coo",
        {"company": "acme"},
        {**COO, "blocks": "strategy"},
        {**COO, "statements": {"add": [1, 2]}},
        {**COO, "statements": {"replace": [{"ref": "strategy/x"}]}},
        {**COO, "work": {"arrangement": "sometimes"}},
        {**COO, "salary": {"min": "lots", "max": 3}},
        {**COO, "salary": {"min": 300, "max": 200}},
        {**COO, "closes": "next week"},
        {**COO, "level": "grand-vizier"},
        {**COO, "role": "no-such-role"},
        {**COO, "unknown": "key"},
        {**COO, "statements": {"add": [[[[[["deep"]]]]]]}},
    ],
)
def test_malformed_drafts_are_one_line_never_a_crash(studio_client, draft):
    response = post(studio_client, "/api/preview", {"draft": draft})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith("error: ") and "\n" not in error and "Traceback" not in error
    assert post(studio_client, "/api/preview", {"draft": COO}).status_code == 200


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b'{"draft": {"role": 5, "company": "acme"}}', "'role' must be text"),
        (b"[" * 100_000 + b"]" * 100_000, "nested more than"),
        (
            b'{"draft": {"role": "coo", "salary": {"min": 1, "max": ' + b"9" * 29 + b"}}}",
            "'salary.max' is too",
        ),
        (
            b'{"draft": {"role": "coo", "salary": {"min": 1, "max": ' + b"9" * 5000 + b"}}}",
            "'salary.max' is too",
        ),
        (
            b'{"draft": {"role": "coo", "salary": {"min": "' + b"9" * 29 + b'", "max": 1}}}',
            "'salary.min' is too",
        ),
        (b'{"draft": {"role": "coo"}, "name": "coo\\n"}', "cannot be a posting file name"),
    ],
)
@pytest.mark.parametrize("endpoint", ["/api/preview", "/api/save", "/api/download/md"])
def test_wrong_types_and_shapes_are_400_with_one_line(studio_client, studio_workspace, endpoint, body, said):
    response = studio_client.post(endpoint, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith("error: ") and said in error and "\n" not in error
    assert not (studio_workspace / "postings").exists()


def test_an_error_below_the_studio_is_400_and_the_server_keeps_going(studio_client, monkeypatch):
    from jdgen.app.studio.draft import Studio

    def overflow(self, draft, name=None):
        raise OverflowError("date value out of range")

    with monkeypatch.context() as patched:
        patched.setattr(Studio, "preview", overflow)
        response = post(studio_client, "/api/preview", {"draft": COO})
    assert response.status_code == 400 and "date value out of range" in response.json()["error"]
    assert post(studio_client, "/api/preview", {"draft": COO}).status_code == 200


def test_a_line_added_with_nothing_in_it_yet_is_no_error(studio_client):
    draft = {**COO, "statements": {"add": [{"text": ""}], "replace": [{"text": " "}]}}
    assert post(studio_client, "/api/preview", {"draft": draft}).status_code == 200


def test_a_broken_workspace_file_is_listed_and_the_page_still_loads(studio_workspace):
    from starlette.testclient import TestClient
    from studio_fixtures import BASE, TOKEN

    from jdgen.app.studio.app import create_app
    from jdgen.app.studio.draft import Studio
    from jdgen.library.loader import load_library

    app = create_app(Studio(Service(load_library(), run_context()), studio_workspace), TOKEN)
    studio_client = TestClient(app, base_url=BASE, headers={"x-jdgen-token": TOKEN})
    assert studio_client.get("/api/meta").json()["problems"] == []
    (studio_workspace / "roles").mkdir()
    (studio_workspace / "roles" / "broken.yaml").write_text("id: [unclosed\n")
    (studio_workspace / "companies").mkdir()
    (studio_workspace / "companies" / "zeta.yaml").write_text("name: Zeta\nindustry: [\n")
    meta = studio_client.get("/api/meta")
    assert meta.status_code == 200
    problems = meta.json()["problems"]
    assert any(p.startswith("error: roles/broken.yaml:1: ") for p in problems), problems
    assert all("\n" not in p for p in problems)
    assert {"coo", "vp-operations"} <= {r["id"] for r in meta.json()["roles"]}
    assert post(studio_client, "/api/preview", {"draft": COO}).status_code == 200
    (studio_workspace / "roles" / "broken.yaml").unlink()
    problems = studio_client.get("/api/meta").json()["problems"]
    assert [p.split(":")[1].strip() for p in problems] == ["companies/zeta.yaml"], problems
    (studio_workspace / "jdgen.yaml").write_text("company: [acme\n")
    meta = studio_client.get("/api/meta")
    assert meta.status_code == 200 and meta.json()["problems"][0].startswith("error: jdgen.yaml:1: ")


def test_static_files_are_a_fixed_list(studio_client):
    assert studio_client.get("/static/studio.js").status_code == 200
    assert studio_client.get("/static/..%2Fapp.py").status_code == 404
    assert studio_client.get("/static/index.html").status_code == 404


def test_no_path_from_the_browser_is_opened(studio_client, studio_workspace):
    studio_client.app_workspace = studio_workspace
    for company in ("/etc/passwd", "../companies/acme.yaml", "acme.yaml"):
        response = post(studio_client, "/api/preview", {"draft": {**COO, "company": company}})
        assert response.status_code == 400
        assert "unknown company" in response.json()["error"]
    for name in ("../evil", "a/b", "/tmp/x", "CON", "", None):
        response = post(studio_client, "/api/save", {"draft": COO, "name": name})
        assert response.status_code == 400, name
    assert not (studio_client.app_workspace / "postings").exists()


# --- preview and check -------------------------------------------------------------------


def test_preview_is_the_real_html_with_the_check(studio_client, lib, acme):
    service = Service(lib)
    jd = service.compose(service.resolve("coo", acme, template="posting"))
    plain = post(studio_client, "/api/preview", {"draft": COO}).json()
    assert plain["html"] == service.render(jd, "html")[0].decode()
    areas = {a["block"]: a for a in plain["lines"]}
    assert all("/" in line["ref"] for a in areas.values() for line in a["lines"])
    view = post(studio_client, "/api/preview", {"draft": FLAWED}).json()
    assert 0 <= view["check"]["score"] <= 100
    assert (
        view["check"]["verdict"] in ("neutral", "masculine-coded", "feminine-coded")
        or "coded" in view["check"]["verdict"]
    )
    assert any(f["quote"] and f["replacements"] for f in view["check"]["findings"])
    assert view["name"] == "coo-posting"


@pytest.mark.parametrize("template", ["posting", "jd"])
def test_the_editor_words_lines_as_the_document_does(studio_client, lib, template):
    """A UK company's document is in British English: the editor shows the same
    wording, so every line the document holds is marked shown (and nothing else)."""
    draft = {"company": "brightwater", "role": "head-of-operations", "template": template}
    view = post(studio_client, "/api/preview", {"draft": draft}).json()
    service = Service(lib)
    jd = service.compose(service.resolve("head-of-operations", "brightwater", template=template))
    in_document = set(jd.highlights) if template == "posting" else {t for s in jd.sections for t in s.items}
    shown = {line["text"] for a in view["lines"] for line in a["lines"] if line["shown"]}
    assert shown == in_document
    assert any("Standardise" in t for a in view["lines"] for t in (line["text"] for line in a["lines"]))


def _first_shown_line(view):
    return next(line for a in view["lines"] for line in a["lines"] if line["shown"])


def test_rewording_removing_and_adding_lines_changes_the_preview(studio_client):
    view = post(studio_client, "/api/preview", {"draft": COO}).json()
    line = _first_shown_line(view)
    block = line["ref"].split("/")[0]
    reworded = {
        **COO,
        "statements": {"replace": [{"ref": line["ref"], "text": "Chair the weekly plant review."}]},
    }
    after = text_of(post(studio_client, "/api/preview", {"draft": reworded}).json()["html"])
    assert "Chair the weekly plant review." in after and line["text"] not in after
    removed = {**COO, "statements": {"remove": [line["ref"]]}}
    assert line["text"] not in text_of(post(studio_client, "/api/preview", {"draft": removed}).json()["html"])
    added = {**COO, "statements": {"add": [{"block": block, "text": "Open the new Dayton site by June."}]}}
    view = post(studio_client, "/api/preview", {"draft": added}).json()
    assert "Open the new Dayton site by June." in text_of(view["html"])
    assert view["lines"][0]["lines"][0] == {
        "add": 0,
        "text": "Open the new Dayton site by June.",
        "removed": False,
        "shown": True,
    }


def test_a_line_just_added_and_still_empty_says_nothing_yet(studio_client, studio_workspace):
    draft = {
        **COO,
        "statements": {"add": [{"block": "strategy", "text": ""}]},
        "qualifications": {"add": ["  "]},
    }
    view = post(studio_client, "/api/preview", {"draft": draft}).json()
    assert view["lines"][0]["lines"][0] == {"add": 0, "text": "", "removed": False, "shown": False}
    post(studio_client, "/api/save", {"draft": draft, "name": "coo"})
    written = (studio_workspace / "postings" / "coo.yaml").read_text()
    assert "statements" not in written and "qualifications" not in written


def test_title_summary_location_and_salary(studio_client):
    draft = {
        **COO,
        "title": "Chief Operating Officer, Dayton",
        "location": "Dayton, Ohio",
        "salary": {"min": 250000, "max": 300000},
    }
    text = text_of(post(studio_client, "/api/preview", {"draft": draft}).json()["html"])
    assert "Chief Operating Officer, Dayton" in text
    assert "Dayton, Ohio" in text
    assert "$250,000 – $300,000" in text
    bad = post(studio_client, "/api/preview", {"draft": {**COO, "salary": {"min": "250,000"}}})
    assert bad.status_code == 400 and "without separators" in bad.json()["error"]


def test_work_arrangement_and_contract_show_in_the_preview(studio_client):
    draft = {
        **COO,
        "work": {"arrangement": "remote", "remote_in": ["US", "CA"]},
        "employment": {"type": "FULL_TIME", "hours": "40 hours a week"},
        "start": "2027-02-01",
        "requisition": "REQ-0142",
    }
    view = post(studio_client, "/api/preview", {"draft": draft}).json()
    text = text_of(view["html"])
    for shown in ("US, CA", "40 hours a week", "February 1, 2027"):
        assert shown in text
    assert "REQ-0142" not in text  # the requisition is for the people hiring, not the advert
    assert "legal.work-arrangement-missing" not in {f["rule"] for f in view["check"]["findings"]}


def test_user_text_is_escaped_and_never_a_template(studio_client):
    draft = {**COO, "title": "<script>alert(1)</script> {{ 7*7 }}", "summary": "A & B <b>bold</b>"}
    html = post(studio_client, "/api/preview", {"draft": draft}).json()["html"]
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    assert "49" not in text_of(html).split("Acme")[0]
    assert "A &amp; B &lt;b&gt;bold&lt;/b&gt;" in html


def test_a_suggestion_is_applied_with_one_click(studio_client):
    view = post(studio_client, "/api/preview", {"draft": FLAWED}).json()
    finding = next(
        f
        for f in view["check"]["findings"]
        if f["quote"] and f["replacements"] and f["rule"].startswith("gender")
    )
    answer = post(
        studio_client,
        "/api/suggest",
        {"draft": FLAWED, "quote": finding["quote"], "replacement": finding["replacements"][0]},
    ).json()
    changed = answer["draft"]
    assert changed != FLAWED
    after = post(studio_client, "/api/preview", {"draft": changed}).json()
    counted = sum(1 for f in after["check"]["findings"] if f["quote"] == finding["quote"])
    before = sum(1 for f in view["check"]["findings"] if f["quote"] == finding["quote"])
    assert counted == before - 1
    missing = post(
        studio_client, "/api/suggest", {"draft": COO, "quote": "gearboxes", "replacement": "gears"}
    )
    assert missing.status_code == 400
    assert "does not edit" in missing.json()["error"]


def test_alternatives_of_an_unknown_area_are_one_line(studio_client):
    for block, said in (
        ("no-such-area", "unknown area"),
        (["strategy"], "must be text"),
        (None, "must be text"),
    ):
        answer = post(studio_client, "/api/alternatives", {"draft": COO, "block": block})
        assert answer.status_code == 400 and said in answer.json()["error"]


def test_alternatives_come_from_the_library(studio_client, lib):
    view = post(studio_client, "/api/preview", {"draft": COO}).json()
    block = view["lines"][0]["block"]
    alternatives = post(studio_client, "/api/alternatives", {"draft": COO, "block": block}).json()[
        "alternatives"
    ]
    present = {line["text"] for a in view["lines"] for line in a["lines"]}
    assert alternatives and not present & {a["text"] for a in alternatives}
    assert all("{{" not in a["text"] for a in alternatives)
    labels = {lv.label for lv in lib.levels}
    assert any(a["source"].split(", ")[-1] in labels for a in alternatives)


# --- files ------------------------------------------------------------------------------


def test_save_and_open_round_trip_inside_the_workspace(studio_client, studio_workspace):
    view = post(studio_client, "/api/preview", {"draft": COO}).json()
    ref = _first_shown_line(view)["ref"]
    draft = {
        **COO,
        "title": "COO, Dayton",
        "summary": "Runs the Dayton plants.",
        "statements": {"remove": [ref]},
        "salary": {"min": 1, "max": 2},
        "work": {"arrangement": "hybrid", "office_days": 3},
    }
    saved = post(studio_client, "/api/save", {"draft": draft, "name": "coo-dayton"}).json()
    path = studio_workspace / "postings" / "coo-dayton.yaml"
    assert path.is_file() and saved["name"] == "coo-dayton"
    assert path.read_text().startswith("# yaml-language-server: $schema=../schemas/posting.schema.json\n")
    opened = post(studio_client, "/api/open", {"name": "coo-dayton"}).json()
    assert opened["draft"] == {**draft, "salary": {**draft["salary"], "period": "year"}}
    assert opened["digest"] == saved["digest"]
    assert studio_client.get("/api/meta").json()["postings"] == ["coo-dayton"]


def test_saving_keeps_the_posting_files_comments_order_and_layout(studio_client, studio_workspace):
    (studio_workspace / "postings").mkdir()
    path = studio_workspace / "postings" / "coo-dayton.yaml"
    hand = (
        "# Dayton opening: agreed with Jo\n"
        "company: acme   # the US entity\n"
        "role: coo\n"
        'title: "COO, Dayton"\n'
        "salary:\n"
        "    min: 250000   # the band's floor\n"
        "    max: 300000\n"
    )
    path.write_text(hand)
    opened = post(studio_client, "/api/open", {"name": "coo-dayton"}).json()
    draft = {**opened["draft"], "title": "COO, Dayton and Toledo", "location": "Dayton, Ohio"}
    draft["salary"] = {**draft["salary"], "max": 320000}
    answer = post(
        studio_client, "/api/save", {"draft": draft, "name": "coo-dayton", "base": opened["digest"]}
    )
    assert answer.status_code == 200, answer.text
    assert path.read_text() == (
        "# Dayton opening: agreed with Jo\n"
        "company: acme   # the US entity\n"
        "role: coo\n"
        'title: "COO, Dayton and Toledo"\n'
        "location: Dayton, Ohio\n"
        "salary:\n"
        "    min: 250000   # the band's floor\n"
        "    max: 320000\n"
    )
    assert post(studio_client, "/api/open", {"name": "coo-dayton"}).json()["draft"] == {
        **draft,
        "salary": {**draft["salary"], "period": "year"},
    }


def test_a_draft_the_cli_could_not_build_is_not_saved(studio_client, studio_workspace):
    for draft, said in (
        ({**COO, "statements": {"remove": ["strategy/no-such-line"]}}, "strategy/no-such-line"),
        (
            {**COO, "work": {"arrangement": "remote", "office_days": 3}},
            "error: office days a week are for hybrid work, but the work arrangement is remote "
            "(fix: clear the office days, or choose hybrid)",
        ),
        ({**COO, "salary": {"min": 90000}}, "error: enter both salary figures (fix: type the other figure)"),
        (
            {**COO, "salary": {"min": 9, "max": 2}},
            "the first salary figure must be above 0 and not above the second",
        ),
    ):
        answer = post(studio_client, "/api/save", {"draft": draft, "name": "coo"})
        assert answer.status_code == 400
        assert said in answer.json()["error"]
        assert "\n" not in answer.json()["error"]
    assert not (studio_workspace / "postings").exists()


def test_a_file_edited_outside_the_studio_is_not_overwritten_without_asking(studio_client, studio_workspace):
    saved = post(studio_client, "/api/save", {"draft": COO, "name": "coo"}).json()
    path = studio_workspace / "postings" / "coo.yaml"
    path.write_text(path.read_text() + "requisition: REQ-1\n")
    answer = post(studio_client, "/api/save", {"draft": COO, "name": "coo", "base": saved["digest"]}).json()
    assert "changed outside the studio" in answer["conflict"]
    assert "REQ-1" in path.read_text()
    # a new draft under a name that already exists is asked about too
    answer = post(studio_client, "/api/save", {"draft": COO, "name": "coo"}).json()
    assert answer["conflict"] == "a posting file postings/coo.yaml already exists"
    answer = post(studio_client, "/api/save", {"draft": COO, "name": "coo", "overwrite": True}).json()
    assert answer["saved"] and "REQ-1" not in path.read_text()


def test_a_broken_posting_file_gives_the_cli_line_and_the_server_keeps_running(
    studio_client, studio_workspace
):
    folder = studio_workspace / "postings"
    folder.mkdir()
    broken = folder / "broken.yaml"
    broken.write_text("role: coo\ncompany: acme\n  level: [unclosed\n")
    (folder / "typo.yaml").write_text("role: coo\ntitel: COO\n")
    (folder / "ghost.yaml").write_text("role: no-such-role\n")
    for name in ("broken", "typo", "ghost"):
        cli = subprocess.run(
            jdgen_command("build", f"postings/{name}.yaml", "-q"),
            cwd=studio_workspace,
            capture_output=True,
            text=True,
        )
        answer = post(studio_client, "/api/open", {"name": name})
        assert cli.returncode == 1 and answer.status_code == 400
        assert answer.json()["error"] == cli.stderr.strip(), name
        assert f"postings/{name}.yaml:" in answer.json()["error"]
    assert broken.read_text().endswith("[unclosed\n")  # nothing lost
    assert post(studio_client, "/api/preview", {"draft": COO}).status_code == 200


@pytest.fixture
def tailored(studio_client):
    """A tailored draft saved as postings/coo-dayton.yaml."""
    view = post(studio_client, "/api/preview", {"draft": COO}).json()
    line = _first_shown_line(view)
    draft = {
        **COO,
        "title": "Chief Operating Officer, Dayton",
        "location": "Dayton, Ohio",
        "work": {"arrangement": "hybrid", "office_days": 3},
        "salary": {"min": 250000, "max": 300000},
        "closes": "2026-12-15",
        "statements": {"replace": [{"ref": line["ref"], "text": "Chair the weekly plant review."}]},
    }
    assert "saved" in post(studio_client, "/api/save", {"draft": draft, "name": "coo-dayton"}).json()
    return draft


@pytest.mark.slow
def test_downloads_equal_what_jdgen_build_writes_from_the_saved_file(
    studio_client, studio_workspace, tailored
):
    formats = ["docx", "pdf", "html", "md", "txt", "jsonld"]
    command = jdgen_command("build", "postings/coo-dayton.yaml", "--format", ",".join(formats), "-q")
    subprocess.run(command, check=True, cwd=studio_workspace)
    for fmt in formats:
        response = post(studio_client, f"/api/download/{fmt}", {"draft": tailored, "name": "coo-dayton"})
        assert response.status_code == 200
        assert response.headers["content-disposition"] == f'attachment; filename="coo-dayton.{fmt}"'
        assert (
            response.content == (studio_workspace / "output" / "acme" / f"coo-dayton.{fmt}").read_bytes()
        ), fmt
    document = docx.Document(
        io.BytesIO(post(studio_client, "/api/download/docx", {"draft": tailored}).content)
    )
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Chief Operating Officer, Dayton" in text and "Chair the weekly plant review." in text


@pytest.mark.parametrize("fmt", ["docx", "html", "md", "txt", "jsonld"])
def test_an_untailored_draft_equals_the_role_command(studio_client, studio_workspace, fmt):
    response = post(studio_client, f"/api/download/{fmt}", {"draft": COO})
    assert response.headers["content-disposition"] == f'attachment; filename="coo-posting.{fmt}"'
    out = studio_workspace / "cli"
    command = jdgen_command(
        "coo", "-c", "acme", "--template", "posting", "--format", fmt, "--out", str(out), "-q"
    )
    subprocess.run(command, check=True, cwd=studio_workspace)
    assert response.content == (out / "acme" / f"coo-posting.{fmt}").read_bytes()


def test_an_edited_draft_downloads_its_edits(studio_client):
    draft = {**COO, "title": "Chief Operating Officer, Dayton"}
    document = docx.Document(io.BytesIO(post(studio_client, "/api/download/docx", {"draft": draft}).content))
    assert "Chief Operating Officer, Dayton" in "\n".join(p.text for p in document.paragraphs)
    assert post(studio_client, "/api/download/exe", {"draft": COO}).status_code == 400


# --- compare ----------------------------------------------------------------------------


def test_compare_two_to_six_roles(studio_client):
    html = post(studio_client, "/api/compare", {"company": "acme", "roles": ["coo", "vp-operations"]}).json()[
        "html"
    ]
    text = text_of(html)
    assert "Chief Operating Officer" in text and "VP of Operations" in text
    one = post(studio_client, "/api/compare", {"company": "acme", "roles": ["coo"]})
    assert one.status_code == 400 and "at least 2 roles" in one.json()["error"]


def test_salary_currency_defaults_from_the_profile_or_its_country(studio_workspace):
    """A profile without a currency (as `jdgen init` may write one): the country's
    currency is the default, so a salary typed in the form previews and saves."""
    from starlette.testclient import TestClient
    from studio_fixtures import BASE, TOKEN

    from jdgen.app.studio.app import create_app
    from jdgen.app.studio.draft import Studio
    from jdgen.library.loader import load_library

    (studio_workspace / "companies").mkdir()
    (studio_workspace / "companies" / "trial.yaml").write_text(
        "name: Trial Works Ltd\nabout: We make trial things.\ncountry: GB\n"
    )
    app = create_app(
        Studio(Service(load_library(), run_context()), studio_workspace), TOKEN, "127.0.0.1", 8765
    )
    studio_client = TestClient(app, base_url=BASE, headers={"x-jdgen-token": TOKEN})
    companies = {c["id"]: c for c in studio_client.get("/api/meta").json()["companies"]}
    assert companies["trial"] == {"id": "trial", "name": "Trial Works Ltd", "currency": "GBP"}
    assert companies["acme"]["currency"] == "USD"
    draft = {**COO, "company": "trial", "salary": {"min": "60000", "max": "70000"}}
    view = post(studio_client, "/api/preview", {"draft": draft})
    assert view.status_code == 200, view.json()
    assert "£60,000" in view.json()["html"]
    saved = post(studio_client, "/api/save", {"draft": draft, "name": "ops"}).json()
    assert saved["saved"]
    assert "currency: GBP" in (studio_workspace / "postings" / "ops.yaml").read_text()
    # a profile with neither: the form's words, and no file or line that does not exist
    (studio_workspace / "companies" / "nowhere.yaml").write_text("name: Nowhere Co\nabout: We make things.\n")
    studio_client.get("/api/meta")
    answer = post(studio_client, "/api/preview", {"draft": {**draft, "company": "nowhere"}})
    assert answer.json()["error"] == "error: choose the salary's currency"


def test_a_duty_verb_gets_no_gender_swap_and_a_trait_word_swaps_in_its_line_only(studio_client):
    """'Lead' opening a duty and 'leads' as a noun are the work, not the person wanted: no
    gender finding (issue 23). A trait word describing the team is, and its one-click swap
    changes that line, never the title."""
    draft = {
        **COO,
        "title": "Operations Lead",
        "statements": {
            "add": [
                {
                    "block": "strategy",
                    "text": "Run the weekly operations review with the Manchester team leads.",
                },
                {"block": "strategy", "text": "Lead a competitive, decisive team."},
            ]
        },
    }
    findings = post(studio_client, "/api/preview", {"draft": draft}).json()["check"]["findings"]
    gender = [f for f in findings if f["rule"].startswith("gender") and f.get("quote")]
    assert not [f for f in gender if f["quote"].lower() in ("lead", "leads")]
    trait = next(f for f in gender if f["quote"].lower() in ("competitive", "decisive") and f["replacements"])
    changed = post(
        studio_client,
        "/api/suggest",
        {"draft": draft, "quote": trait["quote"], "replacement": trait["replacements"][0]},
    ).json()["draft"]
    assert changed["title"] == "Operations Lead"
    texts = [a["text"] for a in changed["statements"]["add"]]
    assert texts[0] == draft["statements"]["add"][0]["text"]
    assert trait["replacements"][0] in texts[1] and trait["quote"] not in texts[1]


def test_outside_a_workspace_save_writes_postings_in_the_folder_without_a_schema_line(
    lib, tmp_path, monkeypatch
):
    from starlette.testclient import TestClient
    from studio_fixtures import BASE, TOKEN

    from jdgen.app.studio.app import create_app
    from jdgen.app.studio.draft import Studio

    monkeypatch.chdir(tmp_path)
    app = create_app(Studio(Service(lib, run_context()), tmp_path), TOKEN, "127.0.0.1", 8765)
    client = TestClient(app, base_url=BASE, headers={"x-jdgen-token": TOKEN})
    assert post(client, "/api/save", {"draft": COO, "name": "coo"}).json()["saved"] == "postings/coo.yaml"
    text = (tmp_path / "postings" / "coo.yaml").read_text()
    assert "$schema" not in text and text.startswith("role: coo")
    assert post(client, "/api/open", {"name": "coo"}).json()["draft"]["role"] == "coo"


def _workspace_client(studio_workspace):
    """The studio over the workspace's library (its roles/ and blocks/ layered over ours)."""
    from starlette.testclient import TestClient
    from studio_fixtures import BASE, TOKEN

    from jdgen.app.studio.app import create_app
    from jdgen.app.studio.draft import Studio
    from jdgen.library.loader import load_library

    app = create_app(
        Studio(Service(load_library(), run_context()), studio_workspace), TOKEN, "127.0.0.1", 8765
    )
    return TestClient(app, base_url=BASE, headers={"x-jdgen-token": TOKEN})


def _shown_refs(output: str) -> dict[str, list[str]]:
    """`jdgen show ROLE --refs` as {block: [refs]}."""
    listed: dict[str, list[str]] = {}
    for row in output.splitlines():
        if row.endswith(")") and not row.startswith(" ") and "(" in row and " at " not in row:
            block = row.rsplit("(", 1)[1][:-1]
            listed[block] = []
        elif row.startswith("  ") and not row.startswith("      "):
            listed[block].append(row.strip())
    return listed


def test_the_line_list_follows_a_workspace_role_as_show_does(studio_workspace, run):
    """A workspace's roles/coo.yaml adds, removes and replaces statements: the studio's
    lines are the ones `jdgen show coo --refs` lists, in the same areas and order."""
    before = _shown_refs(run("show", "coo", "--refs").output)
    removed, replaced = before["strategy"][0], before["people"][0]  # refs the library has today
    (studio_workspace / "roles").mkdir()
    (studio_workspace / "roles" / "coo.yaml").write_text(
        "id: coo\nextends: coo\nstatements:\n"
        "  add: [{block: strategy, text: Run the yearly planning cycle for both sites.}]\n"
        f"  remove: [{removed}]\n"
        f"  replace: [{{ref: {replaced}, text: Report results monthly.}}]\n"
    )
    shown = run("show", "coo", "--refs")
    assert shown.exit_code == 0, shown.output
    listed = _shown_refs(shown.output)
    with _workspace_client(studio_workspace) as client:
        view = post(client, "/api/preview", {"draft": {**COO, "template": "jd"}}).json()
    lines = {a["block"]: [line["ref"] for line in a["lines"]] for a in view["lines"]}
    assert {b: lines[b] for b in listed} == listed
    texts = {line["text"] for a in view["lines"] for line in a["lines"]}
    assert "Run the yearly planning cycle for both sites." in texts
    assert "Report results monthly." in texts
    assert not any(r == removed for refs in lines.values() for r in refs)
    in_document = {line["text"] for a in view["lines"] for line in a["lines"] if line["shown"]}
    assert "Run the yearly planning cycle for both sites." in in_document


def test_the_summary_box_holds_the_summary_the_preview_shows(studio_client, lib, acme):
    """A posting leads with its opening to the candidate, a job description with its
    summary: the Summary box holds that text, and editing it (by hand or with a
    one-click swap) edits what the preview shows."""
    service = Service(lib)
    for template in ("posting", "jd"):
        jd = service.compose(service.resolve("coo", acme, template=template))
        view = post(studio_client, "/api/preview", {"draft": {**COO, "template": template}}).json()
        assert view["summary"] == (jd.posting_summary if template == "posting" else jd.summary)
        assert view["summary"] in text_of(view["html"])
    opening = post(studio_client, "/api/preview", {"draft": COO}).json()["summary"]
    assert "second-in-command" in opening
    edited = opening.replace("second-in-command", "deputy")
    html = post(studio_client, "/api/preview", {"draft": {**COO, "summary": edited}}).json()["html"]
    assert edited in text_of(html)
    swapped = post(
        studio_client, "/api/suggest", {"draft": COO, "quote": "second-in-command", "replacement": "deputy"}
    ).json()["draft"]
    assert swapped["summary"] == edited


def test_a_save_never_follows_a_postings_folder_that_leads_outside(
    studio_client, studio_workspace, tmp_path_factory
):
    outside = tmp_path_factory.mktemp("outside")
    (studio_workspace / "postings").symlink_to(outside)
    response = post(
        studio_client, "/api/save", {"draft": {"role": "coo", "company": "acme"}, "name": "escapee"}
    )
    assert response.status_code == 400 and "outside the workspace" in response.json()["error"]
    assert not list(outside.iterdir())


def test_a_suggestion_for_an_empty_quote_is_refused(studio_client):
    draft = {"role": "coo", "company": "acme"}
    response = post(studio_client, "/api/suggest", {"draft": draft, "quote": "", "replacement": "x"})
    assert response.status_code == 400 and "empty" in response.json()["error"]
