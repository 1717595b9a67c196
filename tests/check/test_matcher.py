"""The optimised phrase matcher (matcher.py) finds exactly what a plain `finditer` of each
rule's pattern finds, on the test corpora, the catalogue and texts built to trip it up."""

from __future__ import annotations

import random
import re

import pytest
import yaml
from conftest import TESTS, roles_of
from test_rules import NEAR_MISSES, TRIGGERS

from jdgen.check import matcher
from jdgen.check.document import analyse
from jdgen.check.engine import RULES, _compiled, _prefixes
from jdgen.check.readers import from_text

CORPUS = yaml.safe_load((TESTS / "data" / "check" / "gender-corpus.yaml").read_text("utf-8"))["texts"]
PHRASE_RULES = sorted(r.id for r in RULES().values() if r.check is None)

# word starts that are not plain ASCII, case folding beyond lower(), markup around words
TRICKY = [
    "He’s a young ſuperstar; HE/SHE will report to the Foreman. ＹＯＵＮＧ and Young.",
    "Kelvin: \u212aeg parties, \u212aILLER instinct. İnsane hours? The İdeal candidate.",
    "-young -rockstar young- young_ _young 2young young2 rock-star rock star rockstar.",
    "**Rockstar**, *ninja*, `guru`, [wizard](https://x.example/guru) and <!-- young --> unicorns",
    "We hire 10x engineers aged 25-35, class of 2019, gen z, under 30 years old.",
    "Salary: $60,000 – $75,000 a year; he; she; s/he; he/she; him; his; hers.",
    "a\u00a0player, a-player, A PLAYER, a  player, fast-paced, fast paced work environment",
    "é young éyoung youngé naïve native English speaker; native speakers only.",
]


def _texts() -> list[str]:
    texts = list(CORPUS.values()) + [t for _, t in TRIGGERS + NEAR_MISSES] + TRICKY
    rng = random.Random(7)
    words = [w for t in texts for w in t.split()]
    for _ in range(40):  # shuffled mixtures: words of one text next to words of another
        texts.append(" ".join(rng.choice(words) for _ in range(rng.randint(5, 60))))
    return texts


def _plain(rule_id: str, text: str) -> list[tuple]:
    return [(m.span(), m.lastgroup) for m in _compiled(rule_id).finditer(text)]


def _fast(rule_id: str, text: str) -> list[tuple]:
    candidates = matcher.WordStarts(text).candidates(_prefixes(rule_id))
    return [(m.span(), m.lastgroup) for m in matcher.finditer(_compiled(rule_id), text, candidates)]


@pytest.mark.parametrize("rule_id", PHRASE_RULES)
def test_matcher_agrees_with_finditer(rule_id):
    for text in _texts():
        masked = analyse(from_text(text, "md", "x.md")).masked
        for variant in (text, masked, text.upper(), text.lower()):
            assert _fast(rule_id, variant) == _plain(rule_id, variant), variant


@pytest.mark.parametrize("rule_id", PHRASE_RULES)
def test_every_phrase_rule_is_indexed(rule_id):
    """Each rule gets prefixes (a new term the analysis cannot bound would make its rule
    scan every word start: still correct, only slower)."""
    assert _prefixes(rule_id)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("rock[- ]?stars?", {"roc"}),
        ("he|she", {"he", "she"}),
        ("a[- ]players?", {"a-p", "a p"}),
        (r"class of (?:19|20)\d\d", {"cla"}),
        (r"x[0-9][0-9]", {f"x{a}{b}" for a in "0123456789" for b in "0123456789"}),
        (r"\d\dx", None),  # \d matches non-ASCII digits too: no prefix
        (r"is\s+done", {"is"}),
        ("(?:young)?ster", {"you", "ste"}),
        ("Ab", {"ab"}),
        (r"\w+ing", None),
        ("[^x]y", None),
        ("é+", None),
        ("x?", None),
    ],
)
def test_prefixes(pattern, expected):
    found = matcher.prefixes(pattern)
    assert (set(found) if found is not None else None) == expected


@pytest.mark.slow
def test_matcher_agrees_on_the_catalogue(lib, acme, nordwerk):
    from jdgen.render import renderer
    from jdgen.service.generate import compose_role

    for company in (acme, nordwerk):
        for role in roles_of(lib, company):
            for template in ("jd", "posting"):
                md = renderer("md")(compose_role(lib, role, company, template=template)).decode()
                masked = analyse(from_text(md, "md", "x.md")).masked
                for rule_id in PHRASE_RULES:
                    assert _fast(rule_id, masked) == _plain(rule_id, masked)


def test_finditer_resumes_after_a_match():
    pattern = re.compile(r"(?<![\w-])(?=\w)(?:ab|abab|b)(?![\w-])", re.I)
    text = "abab b ab"
    starts = matcher.WordStarts(text).candidates(matcher.prefixes(pattern.pattern))
    assert [m.span() for m in matcher.finditer(pattern, text, starts)] == [
        m.span() for m in pattern.finditer(text)
    ]


def test_folds_to_ascii_is_complete():
    """The characters outside ASCII that re.I matches to an ASCII letter or digit."""
    import sys

    pattern = re.compile("[a-z0-9]", re.I)
    found = "".join(c for c in map(chr, range(128, sys.maxunicode + 1)) if pattern.fullmatch(c))
    assert found == matcher.FOLDS_TO_ASCII


def _anywhere_patterns() -> list[re.Pattern]:
    from jdgen.check.document import _eeo_pattern
    from jdgen.check.engine import _degree_patterns, _detect, _passive_pattern

    passive = RULES()["readability.passive"].params
    degree = RULES()["structure.degree"].params
    return [
        _eeo_pattern(),
        _detect("benefits"),
        _detect("work_arrangement"),
        _detect("location"),
        _passive_pattern(
            tuple(passive["be"]), tuple(passive["irregular"]), tuple(passive["not_participles"])
        ),
        *_degree_patterns(tuple(degree["degree"]), tuple(degree["equivalent"])),
        *(_compiled(rule_id) for rule_id in PHRASE_RULES),
    ]


def test_literals_agree_with_plain_search():
    """Literals.search / search_slice / finditer against the pattern's own methods, on
    every sentence-sized window of the test texts (and their masked forms)."""
    patterns = _anywhere_patterns()
    extra = [
        "We are an Equal Opportunity employer; reasonable accommodations on request.",
        "The work is hybrid (two days on-site), with a pension, dental cover and a bonus.",
        "A bachelor\u2019s degree is preferred. Reports are reviewed daily; plans were made.",
        "ſtanding: İnsurance, \u212aeg, ıs done. Degree or equivalent experience.",
    ]
    for text in _texts() + extra:
        for variant in (text, analyse(from_text(text, "md", "x.md")).masked):
            lits = matcher.Literals(variant)
            windows = [(0, len(variant))] + [(m.start(), m.end()) for m in re.finditer(r"[^.;\n]+", variant)]
            for pattern in patterns:
                assert [m.span() for m in lits.finditer(pattern, variant)] == [
                    m.span() for m in pattern.finditer(variant)
                ]
                for start, end in windows:
                    got = lits.search(pattern, variant, start, end)
                    want = pattern.search(variant, start, end)
                    assert (got and got.span()) == (want and want.span())
                    got = lits.search_slice(pattern, variant, start, end)
                    want = pattern.search(variant[start:end])
                    assert (got and got.span()) == (want and want.span())


def test_mask_spans_agree_with_mask():
    from jdgen.check import document

    texts = _texts() + [
        "Write to jobs@acme.example or j.doe+jobs@mail.acme.co.uk (not x@y).",
        "See https://acme.example/jobs?x=1 and www.acme.example, `code@x.y` [link](a@b.c).",
        "<!-- jdgen-check ignore --> a@b@c.d, @@, foo.@bar.baz, ü.ñ@домен.рф, _@_.__",
        "mail:me@x.org\nhttp://a@b.c/d <!-- multi\nline @ comment --> end@",
    ]
    for text in texts:
        assert document._mask_spans(text) == [m.span() for m in document.MASK.finditer(text)], text


def test_pay_amounts_agree_with_finditer():
    """The pay patterns tried near digits only find what their finditer finds."""
    from jdgen.check import pay

    texts = _texts() + [
        "Salary: $60,000 – $75,000 a year; from €60.000; 85k-95k USD; CA$ 90 000 and up.",
        "Pay 32.50 to 40 an hour. Budget 2024: 12 trucks. USD85,000–USD 95,000. £ 1 000 000+",
        "Gehalt: 55.000 bis 65.000 € brutto; ٣٤ to ٥٦ EUR; 1\u00a0000 – 2\u00a0000 CHF.",
    ]
    assert pay._leads()["range"] is not None and pay._leads()["money"] is not None
    for text in texts:
        for name in ("range", "open", "money"):
            assert [m.span() for m in pay._amounts(name, text, {})] == [
                m.span() for m in pay._patterns()[name].finditer(text)
            ], (name, text)
