"""Industry fit, measured: no document carries wording that belongs only to another
industry (industries.yaml `own_words`), for every example company, for a company in
words of its own (industry-neutral text), every role that exists there, every level,
both templates. The formats all render one composed document; Markdown and the
JobPosting JSON-LD are read here as the text a reader and a crawler see."""

from __future__ import annotations

import json
import re

import pytest
from conftest import roles_of

from jdgen.library.loader import known_companies, load_company, load_library
from jdgen.service.generate import Service

LIB = load_library()
SERVICE = Service(LIB)
NEUTRAL = "name: Lakeshore Aggregates\nindustry: Mining and quarrying\ncountry: US\n"


def _foreign_words(industry: str | None) -> re.Pattern:
    """Every industry's own words but this one's, matched whole, singular or plural."""
    words = [w for i in LIB.industries.values() if i.id != industry for w in i.own_words]
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")s?(?![\w-])", re.I)


def _companies(tmp_path_factory):
    neutral = tmp_path_factory.mktemp("neutral") / "lakeshore.yaml"
    neutral.write_text(NEUTRAL, "utf-8")
    return [*sorted(known_companies(LIB)), str(neutral)]


def test_every_industry_has_its_own_words_and_none_is_shared():
    seen: dict[str, str] = {}
    for industry in LIB.industries.values():
        assert industry.own_words, industry.id
        for word in industry.own_words:
            assert seen.setdefault(word.lower(), industry.id) == industry.id, word


@pytest.mark.slow
def test_no_document_carries_another_industrys_wording(tmp_path_factory):
    found = []
    for name in _companies(tmp_path_factory):
        company = load_company(LIB, name)
        foreign = _foreign_words(company.industry)
        # a role marked for some industries is theirs by definition (a plant manager); a
        # company in words of its own may still ask for one, and gets that industry's text
        roles = [r for r in roles_of(LIB, company) if company.industry or not LIB.roles[r].industries]
        for role in roles:
            for level in LIB.levels:
                for template in ("jd", "posting"):
                    request = SERVICE.resolve(role, name, level=level.id, template=template)
                    jd = SERVICE.compose(request)
                    text = SERVICE.render(jd, "md")[0].decode("utf-8")
                    if template == "posting":
                        data = json.loads(SERVICE.render(jd, "jsonld")[0])
                        text += "\n" + json.dumps(data, ensure_ascii=False)
                    for m in foreign.finditer(text):
                        line = text[text.rfind("\n", 0, m.start()) + 1 : text.find("\n", m.end())]
                        found.append(
                            f"{company.id} {role}@{level.id} {template}: '{m.group()}' in {line[:140]}"
                        )
    assert not found, f"{len(found)} lines:\n" + "\n".join(dict.fromkeys(found))
