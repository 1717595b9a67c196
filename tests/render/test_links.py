"""render/links.py: e-mail addresses and http(s) URLs in user text as runs each format
links; nothing else becomes an href."""

from __future__ import annotations

import pytest

from jdgen.render.links import link_runs


def test_a_sentences_stop_is_not_part_of_the_address():
    assert link_runs("Write to jobs@acme.example.") == [
        ("Write to ", None),
        ("jobs@acme.example", "mailto:jobs@acme.example"),
        (".", None),
    ]
    assert link_runs("See https://acme.example/careers?x=1, or call.") == [
        ("See ", None),
        ("https://acme.example/careers?x=1", "https://acme.example/careers?x=1"),
        (", or call.", None),
    ]


def test_runs_put_back_together_are_the_text():
    text = "Apply at https://a.example:8443/jobs/#ops or hr.team+ops@b.example (by May)."
    runs = link_runs(text)
    assert "".join(run for run, _ in runs) == text
    assert [href for _, href in runs if href] == [
        "https://a.example:8443/jobs/#ops",
        "mailto:hr.team+ops@b.example",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        "ftp://files.example/x",
        'http://a.example/"onmouseover=x',
        "user@localhost",
        "no links here",
        "",
        "x@y.example@z.example",
        "https://a.example/<script>",
    ],
)
def test_nothing_but_http_https_and_mailto_becomes_an_href(text):
    for _, href in link_runs(text):
        assert href is None or (
            href.startswith(("http://", "https://", "mailto:")) and not set(href) & set("\"'<> ")
        )
    assert "".join(run for run, _ in link_runs(text)) == text


def test_plain_text_is_one_plain_run():
    assert link_runs("Leads the plant.") == [("Leads the plant.", None)]
    assert link_runs("") == [("", None)]
