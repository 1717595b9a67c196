"""render/index.py: a company folder's index page: documents by family, then level (most
senior first), one row per document with a link per format."""

from __future__ import annotations

from html.parser import HTMLParser

from jdgen.render.index import index_groups, index_page


def entry(lib, role: str, fmt: str, template: str = "jd", **more) -> dict:
    r = lib.role(role)
    level = lib.level(r.default_level)
    return {
        "format": fmt,
        "family": lib.families[r.family].name,
        "level": level.id,
        "level_label": level.label,
        "role": role,
        "template": template,
        "title": r.title,
        **more,
    }


def files(lib) -> dict[str, dict]:
    return {
        "operations-manager.md": entry(lib, "operations-manager", "md"),
        "coo.pdf": entry(lib, "coo", "pdf"),
        "coo.docx": entry(lib, "coo", "docx"),
        "coo-posting.html": entry(lib, "coo", "html", "posting"),
        "head-of-operations.md": entry(
            lib, "head-of-operations", "md", check={"score": 91, "verdict": "neutral"}
        ),
    }


def test_documents_by_family_then_the_most_senior_level_first(lib):
    groups = index_groups(lib, files(lib))
    rank = {level.label: i for i, level in enumerate(lib.levels)}
    for group in groups:
        labels = [level["level"] for level in group["levels"]]
        assert labels == sorted(labels, key=lambda label: -rank[label])
    documents = [d for g in groups for lv in g["levels"] for d in lv["documents"]]
    assert len(documents) == 4  # coo.pdf and coo.docx are one document
    coo = next(d for d in documents if d["title"] == lib.role("coo").title and d["template"] == "jd")
    assert [link["href"] for link in coo["links"]] == ["coo.docx", "coo.pdf"]  # by format
    assert next(d for d in documents if d["check"])["check"] == {"score": 91, "verdict": "neutral"}


def test_the_page_links_every_file_and_names_the_company(lib):
    class Links(HTMLParser):
        hrefs: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag == "a":
                self.hrefs.append(dict(attrs)["href"])

    text = index_page(lib, files(lib), "Acme <Ops> & Co").decode("utf-8")
    parser = Links()
    parser.hrefs = []
    parser.feed(text)
    assert sorted(parser.hrefs) == sorted(files(lib))
    assert "Acme &lt;Ops&gt; &amp; Co" in text and "<Ops>" not in text
    assert "91/100, neutral" in text
