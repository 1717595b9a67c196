"""library/context.py: one run's context, resolved once at the edge: the workspace, the
layered sources, the document date and the defaults for what a command leaves out."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from jdgen.core.caches import clear_all
from jdgen.core.errors import JdgenError
from jdgen.library.context import RunContext, run_context
from jdgen.library.sources import default_sources
from jdgen.model.formats import DEFAULT_FORMATS


def test_outside_a_workspace_the_defaults_apply(tmp_path):
    run = run_context(cwd=tmp_path)
    assert run.workspace is None and run.company is None and run.check is None
    assert run.formats == DEFAULT_FORMATS and run.output == Path("output")
    assert [layer.name for layer in run.sources.layers][-1] == "builtin"


def test_inside_a_workspace_its_settings_are_the_defaults(tmp_path):
    (tmp_path / "jdgen.yaml").write_text(
        "company: acme\noutput: out\nformats: [md, html]\ncheck:\n  fail_on: warning\n", "utf-8"
    )
    inner = tmp_path / "postings"
    inner.mkdir()
    clear_all()
    run = run_context(cwd=inner)  # found upward
    assert run.workspace.root == tmp_path.resolve()
    assert run.company == "acme" and run.formats == ("md", "html")
    assert run.output == tmp_path.resolve() / "out" and run.check.fail_on == "warning"
    assert "workspace" in [layer.name for layer in run.sources.layers]


def test_the_document_date_comes_from_source_date_epoch_never_the_clock(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    run = run_context(cwd=tmp_path)
    assert run.epoch == "1700000000"
    assert run.revised == datetime.fromtimestamp(1700000000, tz=UTC).date().isoformat() == "2023-11-14"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert run_context(cwd=tmp_path).revised is None


@pytest.mark.parametrize("epoch", ["yesterday", "1.5", "99999999999999999999"])
def test_a_bad_epoch_stops_only_when_a_date_is_wanted(epoch):
    run = RunContext(default_sources(), None, epoch)
    assert run.formats == DEFAULT_FORMATS  # the rest of the context is usable
    with pytest.raises(JdgenError, match="SOURCE_DATE_EPOCH") as caught:
        run.revised  # noqa: B018
    assert "Unix timestamp" in str(caught.value)
