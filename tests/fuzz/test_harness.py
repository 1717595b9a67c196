"""The harness's own checks catch what they are for: a harness that cannot fail proves nothing."""

from __future__ import annotations

import pytest
from fuzz.harness import Outcome, _jsonld, problems, run, sandbox
from fuzz.strategies import Raw, dump


def _outcome(box, code=0, stdout="", stderr="", error="", act=None):
    """An Outcome as `run` makes it, with `act` doing the writes a command would."""
    from fuzz.harness import snapshot

    before = snapshot(box.root)
    if act:
        act(box)
    after = snapshot(box.root)
    outcome = Outcome(["x"], {}, code, stdout, stderr, error)
    outcome.created = sorted(set(after) - set(before))
    outcome.changed = sorted(p for p in before if after.get(p) != before[p])
    return outcome


def test_each_broken_promise_is_named():
    with sandbox() as box:
        box.output = box.ws / "output"
        box.output.mkdir()
        said = problems(box, _outcome(box, code=3, error="Traceback ...\nValueError: x"), ["f.yaml"])
        assert any("exit code 3" in s for s in said) and any("ValueError" in s for s in said)
        said = problems(box, _outcome(box, code=1, stderr="error: something\n  more\n"), ["f.yaml"])
        assert any("names no file" in s for s in said) and any("several lines" in s for s in said)
        outside = _outcome(box, act=lambda b: (b.outside / "canary.txt").write_text("changed"))
        assert any("changed or vanished" in s for s in problems(box, outside, []))
        escaped = _outcome(box, act=lambda b: (b.ws / "escaped.md").write_text("x"))
        assert any("outside the output folder" in s for s in problems(box, escaped, []))
        silent = _outcome(
            box, code=1, stderr="error: f.yaml: bad\n", act=lambda b: (b.output / "a.md").write_text("")
        )
        assert any("did not report it" in s for s in problems(box, silent, ["f.yaml"]))
        left = _outcome(box, act=lambda b: (b.output / ".a.md.1.x.tmp").write_text(""))
        assert any("temporary file" in s for s in problems(box, left, []))


@pytest.mark.slow
def test_a_clean_run_keeps_every_promise():
    with sandbox() as box:
        box.output = box.ws / "output"
        outcome = run(box, ["coo", "-c", "acme", "-f", "md", "-o", "output"])
        assert outcome.exit_code == 0 and (box.output / "acme" / "coo.md").is_file()
        assert problems(box, outcome, []) == []


def test_raw_scalars_are_written_as_they_are():
    text = dump({"min": Raw("9" * 4400), "when": Raw("9999-12-31"), "list": [Raw(".nan")]})
    assert f"min: {'9' * 4400}\n" in text and "when: 9999-12-31\n" in text and "- .nan\n" in text


def test_invalid_jobposting_values_are_named(tmp_path):
    path = tmp_path / "a.jsonld"
    path.write_text(
        '{"datePosted": "2027-01-02", "validThrough": "2027-01-01", "url": "javascript:x",'
        ' "hiringOrganization": {"sameAs": "https://example.com"},'
        ' "jobLocation": {"address": {"addressCountry": 826}},'
        ' "baseSalary": {"value": {"minValue": 2, "maxValue": 1}}}'
    )
    said = " ".join(_jsonld(path))
    assert "validThrough" in said and "javascript:x" in said and "826" in said and "minValue 2" in said
    assert "example.com" not in said
