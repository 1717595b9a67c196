"""render/html.py: one standalone HTML file: the stylesheets inline, a posting's JobPosting
data in its page, a theme's accent, font and logo; parsed back with html.parser."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

from jdgen.core.paths import templates_dir
from jdgen.library.sources import default_sources
from jdgen.model.data import Branding
from jdgen.render import html


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[tuple[dict, str]] = []
        self.styles: list[str] = []
        self.images: list[dict] = []
        self._in: tuple | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._in = (tag, dict(attrs))
        if tag == "img":
            self.images.append(dict(attrs))

    def handle_data(self, data):
        if self._in and self._in[0] == "script":
            self.scripts.append((self._in[1], data))
        elif self._in:
            self.styles.append(data)

    def handle_endtag(self, tag):
        self._in = None


def page(jd) -> Page:
    parser = Page()
    parser.feed(html.render(jd, default_sources()).decode("utf-8"))
    return parser


def test_the_stylesheets_are_inline():
    css = html.inline_css(default_sources())
    for name in ("document.css", "screen.css"):
        assert (templates_dir() / "css" / name).read_text("utf-8") in css


def test_the_page_carries_its_stylesheets_and_asks_for_nothing(coo_jd):
    found = page(coo_jd)
    assert any(html.inline_css(default_sources()) in s for s in found.styles)
    text = html.render(coo_jd, default_sources()).decode("utf-8")
    assert not re.search(r"<link|@import|url\((?!data:)", text)


def test_a_theme_adds_its_accent_font_and_inlined_logo(tmp_path, coo_jd):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 1"/>', "utf-8")
    branding = Branding(logo=str(logo), accent="#0b6e4f", font="DejaVu Sans")
    themed = dataclasses.replace(coo_jd, meta=dataclasses.replace(coo_jd.meta, theme=branding))
    found = page(themed)
    assert any("--accent: #0b6e4f" in s and '"DejaVu Sans"' in s for s in found.styles)
    (image,) = [i for i in found.images if i.get("class") == "logo"]
    assert image["src"].startswith("data:image/svg+xml;base64,") and image["alt"]
    assert str(tmp_path) not in html.render(themed, default_sources()).decode()  # no local path


def test_the_pdf_gets_the_same_html_with_its_own_stylesheets(coo_jd):
    sources = default_sources()
    bare = html.render_html(coo_jd, sources, css="")
    full = html.render(coo_jd, sources).decode("utf-8")
    assert html.inline_css(sources) not in bare and html.inline_css(sources) in full
    assert "<style" not in bare.split("</head>")[0]  # the PDF adds the print stylesheets itself
    assert bare.split("</head>")[1] == full.split("</head>")[1]  # the same body
